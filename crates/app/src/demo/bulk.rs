//! The demo shop's many rows (customers, enrollments, payments) written in bulk.
//!
//! Each row is decided as the use case decides it — the same validation (`details`), the same
//! engine checks (`check_payment`, `installment_for`), the same compliance rule, the same
//! receipt and code numbering, the same audit entry and hash (`audit_entry`, `entry_hash`), the
//! same message (`payment_message`, `MessageKit::compose`) and the same sync event (the row's
//! image from `tables::row_images`, with the HLC of `kanak_sync`) — but what the use case reads
//! back from the store row by row is kept in memory here, and a day's rows go to the store in
//! one multi-row statement per table ([`flush`](Bulk::flush)). The rare events (rates, cheques
//! clearing, refunds, closures) still go through the use cases between flushes: [`Bulk::load`]
//! picks up what they changed (sequences, the audit tail, the clock).

use std::collections::HashMap;

use chrono::NaiveDate;
use kanak_domain::engine::change::{check_payment, installment_for};
use kanak_domain::engine::Occasions;
use kanak_domain::{
    ComplianceLimits, EnrollmentStatus, Facts, Money, PaidEntry, PaymentFacts, PaymentMode,
    PaymentStatus, PlanKind, Purity, RatePerGram, Weight, check_payment_compliance, maturity_date,
};
use kanak_sync::{EventKind, HybridClock};
use serde_json::{Value, json};
use sqlx::SqliteConnection;

use super::seeded::Seeded;
use super::uuid_v7;
use crate::audit::{Change, GENESIS, PAYMENT_RECORDED, entry_hash, payment_subject};
use crate::enrollment::Enrolled;
use crate::message::compose::MessageKit;
use crate::message::events::payment_message;
use crate::message::Trigger;
use crate::payment::{PaymentRequest, StoredPayment};
use crate::plan::terms_from_json;
use crate::shop::Shop;
use crate::sync::{hlc_state, tables};
use crate::{Actor, AppError, CustomerInput, Kanak, compliance, evaluation};

mod flush;

/// A customer as the bulk writer remembers them.
pub(super) struct Person {
    pub id: i64,
    pub code: String,
    name: String,
    phone: String,
    has_pan: bool,
}

/// A plan as enrollments copy it.
struct PlanCopy {
    id: i64,
    code: String,
    name: String,
    terms_json: String,
}

/// A sync event waiting for its row's image (taken after the day's rows are written).
struct Pending {
    kind: EventKind,
    spec: &'static tables::TableSpec,
    key: Value,
    at: String,
    hlc: kanak_sync::Hlc,
    event_id: String,
    /// A payment's first status row, which travels inside its event.
    status_id: Option<i64>,
}

/// The day's rows, in the order the use cases would have written them.
#[derive(Default)]
struct Rows {
    customers: Vec<Value>,
    enrollments: Vec<Value>,
    payments: Vec<Value>,
    statuses: Vec<Value>,
    audit: Vec<Value>,
    entities: Vec<Value>,
    messages: Vec<Value>,
    events: Vec<Pending>,
}

pub(super) struct Bulk {
    rng: Seeded,
    shop: Shop,
    device: Option<String>,
    hlc: HybridClock,
    /// The next value of the customer, enrollment and receipt sequences.
    seq: [i64; 3],
    audit_prev: String,
    audit_id: i64,
    status_id: i64,
    next_customer: i64,
    next_enrollment: i64,
    uids: HashMap<(&'static str, i64), String>,
    plans: Vec<PlanCopy>,
    occasions: Occasions,
    limits: ComplianceLimits,
    kit: MessageKit,
    rate_22k: Option<RatePerGram>,
    cash_today: HashMap<i64, Money>,
    pub people: Vec<Person>,
    pub enrolled: Vec<Enrolled>,
    /// Per enrollment: its payments' statuses and what the engine counts of each.
    paid: Vec<Vec<(PaymentStatus, PaidEntry)>>,
    /// Per enrollment: its customer (an index into `people`).
    person_of: Vec<usize>,
    rows: Rows,
}

const SEQUENCES: [&str; 3] = ["customer", "enrollment", "receipt"];

impl Bulk {
    /// Ready to write after the shop, staff and plans exist (made by the use cases).
    pub(super) async fn new(
        app: &Kanak,
        conn: &mut SqliteConnection,
        seed: u64,
        plan_codes: &[&str],
    ) -> Result<Bulk, AppError> {
        let mut plans = Vec::new();
        let mut uids = HashMap::new();
        for code in plan_codes {
            let (id, name, terms_json): (i64, String, String) =
                sqlx::query_as("SELECT id, name, terms_json FROM plans WHERE code = ?1")
                    .bind(code)
                    .fetch_one(&mut *conn)
                    .await?;
            let terms = terms_from_json(&terms_json)?;
            let terms_json = serde_json::to_string(&terms).map_err(AppError::corrupt)?;
            uids.insert(("plans", id), tables::ensure_uid(conn, "plans", id).await?);
            plans.push(PlanCopy {
                id,
                code: code.to_string(),
                name,
                terms_json,
            });
        }
        let festivals = evaluation::festivals(conn).await?;
        let mut bulk = Bulk {
            rng: Seeded::new(seed ^ 0xB01C_5EED),
            shop: app.shop(conn).await?,
            device: None,
            hlc: hlc_state::load(conn).await?,
            seq: [1; 3],
            audit_prev: GENESIS.to_string(),
            audit_id: 0,
            status_id: 0,
            next_customer: 1,
            next_enrollment: 1,
            uids,
            plans,
            occasions: evaluation::occasions(None, None, festivals)?,
            limits: compliance::load_limits(conn).await?,
            kit: MessageKit::load(conn, &[Trigger::Payment, Trigger::PaymentGold]).await?,
            rate_22k: None,
            cash_today: HashMap::new(),
            people: Vec::new(),
            enrolled: Vec::new(),
            paid: Vec::new(),
            person_of: Vec::new(),
            rows: Rows::default(),
        };
        bulk.load(conn, NaiveDate::MIN).await?;
        Ok(bulk)
    }

    /// Picks up what the use cases changed since the last flush, at the start of `day`.
    pub(super) async fn load(
        &mut self,
        conn: &mut SqliteConnection,
        day: NaiveDate,
    ) -> Result<(), AppError> {
        for (i, name) in SEQUENCES.iter().enumerate() {
            let next: Option<i64> =
                sqlx::query_scalar("SELECT next_value FROM sequences WHERE name = ?1")
                    .bind(name)
                    .fetch_optional(&mut *conn)
                    .await?;
            self.seq[i] = next.unwrap_or(1);
        }
        let tail: Option<(i64, String)> =
            sqlx::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut *conn)
                .await?;
        (self.audit_id, self.audit_prev) = tail.unwrap_or((0, GENESIS.to_string()));
        let (status, customer, enrollment): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM payment_status_events),
                    (SELECT COALESCE(MAX(id), 0) FROM customers),
                    (SELECT COALESCE(MAX(id), 0) FROM enrollments)",
        )
        .fetch_one(&mut *conn)
        .await?;
        (self.status_id, self.next_customer, self.next_enrollment) =
            (status, customer + 1, enrollment + 1);
        self.hlc = hlc_state::load(conn).await?;
        self.device = sqlx::query_scalar("SELECT device_id FROM sync_state WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
        if day != NaiveDate::MIN {
            self.rate_22k = crate::rate::rate_on(conn, day, Purity::K22).await?;
        }
        self.cash_today.clear();
        Ok(())
    }

    fn next(&mut self, seq: usize) -> i64 {
        self.seq[seq] += 1;
        self.seq[seq] - 1
    }

    fn audit(&mut self, app: &Kanak, actor: &Actor, change: Change) {
        let entry = app.audit_entry(actor, change);
        let hash = entry_hash(&self.audit_prev, &entry);
        self.audit_id += 1;
        self.rows.audit.push(json!([
            self.audit_id,
            entry.at,
            entry.actor,
            entry.device,
            entry.action,
            entry.customer_code,
            entry.enrollment_no,
            entry.detail,
            entry.before,
            entry.after,
            self.audit_prev,
            hash
        ]));
        self.audit_prev = hash;
    }

    fn event(
        &mut self,
        app: &Kanak,
        kind: EventKind,
        spec: &'static tables::TableSpec,
        key: Value,
        status_id: Option<i64>,
    ) {
        let hlc = self.hlc.tick(hlc_state::now_ms(&app.clock));
        let event_id = uuid_v7(&mut self.rng, app.clock.now());
        self.rows.events.push(Pending {
            kind,
            spec,
            key,
            at: app.clock.timestamp(),
            hlc,
            event_id,
            status_id,
        });
    }

    /// The sync identity of a new integer-keyed row (as `ensure_uid` makes it, but seeded).
    fn new_uid(&mut self, app: &Kanak, tbl: &'static str, id: i64) -> String {
        let uid = uuid_v7(&mut self.rng, app.clock.now());
        self.uids.insert((tbl, id), uid.clone());
        self.rows.entities.push(json!([tbl, id, uid]));
        uid
    }

    /// As `insert_customer`: returns the new customer's code.
    pub(super) fn customer(
        &mut self,
        app: &Kanak,
        actor: &Actor,
        input: &CustomerInput,
        family_of: Option<usize>,
    ) -> Result<String, AppError> {
        let d = input.details(app.clock.today())?;
        let family_of = family_of.map(|c| self.people[c].id);
        let relation = family_of.and(input.relation.clone());
        let seq = self.next(0);
        let code = self.shop.code_pattern.render(&kanak_domain::CodeContext {
            branch: &self.shop.branch_code,
            counter: &self.shop.counter_code,
            date: app.clock.today(),
            seq: seq as u64,
        });
        let code = code.as_str().to_string();
        let id = self.next_customer;
        self.next_customer += 1;
        let now = app.clock.timestamp();
        self.rows.customers.push(json!([
            id,
            code,
            d.name.as_str(),
            d.phone.as_str(),
            d.pan.as_ref().map(|p| p.as_str().to_string()),
            d.aadhaar.as_ref().map(|a| a.last4().to_string()),
            d.dob.map(|d| d.to_string()),
            d.address,
            d.pin_code.as_ref().map(|p| p.as_str().to_string()),
            d.email.as_ref().map(|e| e.as_str().to_string()),
            family_of,
            relation,
            now,
            actor.label(),
            now
        ]));
        self.people.push(Person {
            id,
            code: code.clone(),
            name: d.name.as_str().to_string(),
            phone: d.phone.as_str().to_string(),
            has_pan: d.pan.is_some(),
        });
        self.new_uid(app, "customers", id);
        let kind = match family_of {
            Some(_) => EventKind::FamilyMemberUpserted,
            None => EventKind::CustomerUpserted,
        };
        self.event(app, kind, &tables::CUSTOMERS, json!(id), None);
        let name = d.name.as_str().to_string();
        self.audit(
            app,
            actor,
            Change::new("customer.add", format!("registered {name}")).customer(&code),
        );
        Ok(code)
    }

    /// As `insert_enrollment` (today, the plan's own terms): returns the enrollment number.
    pub(super) fn enroll(
        &mut self,
        app: &Kanak,
        actor: &Actor,
        person: usize,
        plan: usize,
    ) -> Result<String, AppError> {
        let start = app.clock.today();
        let no = format!("{}-E{:05}", self.shop.series(), self.next(1));
        let p = &self.plans[plan];
        let terms = terms_from_json(&p.terms_json)?;
        let maturity = maturity_date(&terms, start);
        let (plan_id, plan_name) = (p.id, p.name.clone());
        let id = self.next_enrollment;
        self.next_enrollment += 1;
        let (customer_id, now) = (self.people[person].id, app.clock.timestamp());
        self.rows.enrollments.push(json!([
            id,
            no,
            customer_id,
            plan_id,
            p.code,
            plan_name,
            p.terms_json,
            start.to_string(),
            maturity.to_string(),
            now,
            actor.label()
        ]));
        let plan_code = p.code.clone();
        self.enrolled.push(Enrolled {
            id,
            customer_id,
            enrollment_no: no.clone(),
            customer_code: self.people[person].code.clone(),
            customer_name: self.people[person].name.clone(),
            plan_code: plan_code.clone(),
            plan_name,
            terms,
            start,
            maturity,
            stored_status: EnrollmentStatus::Active,
        });
        self.paid.push(Vec::new());
        self.person_of.push(person);
        self.new_uid(app, "enrollments", id);
        self.event(app, EventKind::EnrollmentOpened, &tables::ENROLLMENTS, json!(id), None);
        let change = Change::new(
            "enrollment.add",
            format!("enrolled in {plan_code} from {start}"),
        )
        .enrollment(&no);
        self.audit(app, actor, change);
        Ok(no)
    }

    /// As `insert_payment` (today, no look-alike within ten minutes: the demo's payments of
    /// one enrollment are days apart). Returns the payment's index within its enrollment.
    pub(super) fn pay(
        &mut self,
        app: &Kanak,
        actor: &Actor,
        e: usize,
        request: &PaymentRequest,
    ) -> Result<usize, AppError> {
        let today = app.clock.today();
        let enrolled = &self.enrolled[e];
        let status = enrolled.status_on(today);
        if !status.accepts_payments() {
            return Err(AppError::PlanClosed {
                enrollment_no: enrolled.enrollment_no.clone(),
                status: status.as_str().to_string(),
            });
        }
        let on = today;
        let counted: Vec<PaidEntry> = self.paid[e]
            .iter()
            .filter(|(s, _)| matches!(s, PaymentStatus::Processing | PaymentStatus::Confirmed))
            .map(|(_, p)| *p)
            .collect();
        let facts = Facts {
            start: enrolled.start,
            payments: counted,
            pauses: Vec::new(),
            changes: Vec::new(),
            occasions: self.occasions.clone(),
            gifts_given: Vec::new(),
        };
        check_payment(&enrolled.terms, &facts, request.amount, on)?;
        let installment = installment_for(&enrolled.terms, &facts, request.amount, on);
        let person = self.person_of[e];
        let cash_already_today = self
            .cash_today
            .get(&enrolled.customer_id)
            .copied()
            .unwrap_or(Money::ZERO);
        let compliance = PaymentFacts {
            mode: request.mode,
            amount: request.amount,
            cash_already_today,
            pan_or_form60: self.people[person].has_pan,
        };
        check_payment_compliance(&self.limits, &compliance)?;
        let (purity, rate, grams) = match enrolled.terms.kind {
            PlanKind::Weight => {
                let purity = enrolled.terms.purity.unwrap_or(Purity::K22);
                let rate = self.rate_22k.filter(|_| purity == Purity::K22).ok_or_else(|| {
                    AppError::NoGoldRate {
                        purity: purity.code(),
                        date: kanak_domain::format_date(on),
                    }
                })?;
                (Some(purity), Some(rate), Some(Weight::bought(request.amount, rate)))
            }
            _ => (None, None, None),
        };
        let receipt_no = format!("{}-R{:06}", self.shop.series(), self.next(2));
        let (now, by) = (app.clock.timestamp(), actor.label().to_string());
        let enrolled = self.enrolled[e].clone();
        self.rows.payments.push(json!([
            request.id,
            receipt_no,
            enrolled.id,
            installment,
            request.amount.paise(),
            request.mode.as_str(),
            request.reference,
            on.to_string(),
            now,
            by,
            purity.map(|p| p.code()),
            rate.map(|r| r.money().paise()),
            grams.map(|g| g.mg()),
            request.fingerprint
        ]));
        let initial = if request.mode == PaymentMode::Cheque {
            PaymentStatus::Processing
        } else {
            PaymentStatus::Confirmed
        };
        self.status_id += 1;
        let status_id = self.status_id;
        self.rows.statuses.push(json!([
            status_id,
            request.id,
            initial.as_str(),
            None::<String>,
            now,
            by
        ]));
        let entry = PaidEntry {
            on,
            amount: request.amount,
            grams: grams.unwrap_or(Weight::ZERO),
        };
        self.paid[e].push((initial, entry));
        if request.mode == PaymentMode::Cash {
            *self
                .cash_today
                .entry(enrolled.customer_id)
                .or_insert(Money::ZERO) += request.amount;
        }
        let key = json!(request.id);
        self.event(app, EventKind::PaymentRecorded, &tables::PAYMENTS, key, Some(status_id));
        if initial == PaymentStatus::Confirmed {
            let stored = StoredPayment {
                id: request.id.clone(),
                receipt_no: receipt_no.clone(),
                enrollment_no: enrolled.enrollment_no.clone(),
                installment_no: installment,
                amount: request.amount,
                mode: request.mode,
                status: initial,
                reference: request.reference.clone(),
                received_at: now.clone(),
                received_on: on,
                received_by: by.clone(),
                rate_per_gram: rate.map(|r| r.money()),
                grams,
                fingerprint: request.fingerprint.clone(),
            };
            self.message(app, &enrolled, &stored, person)?;
        }
        let detail = format!(
            "{} of {} by {}, receipt {receipt_no}",
            payment_subject(&request.id),
            request.amount.format_inr(),
            request.mode.as_str()
        );
        let change = Change::new(PAYMENT_RECORDED, detail).enrollment(&enrolled.enrollment_no);
        self.audit(app, actor, change);
        Ok(self.paid[e].len() - 1)
    }

    fn message(
        &mut self,
        app: &Kanak,
        e: &Enrolled,
        p: &StoredPayment,
        person: usize,
    ) -> Result<(), AppError> {
        let id = uuid_v7(&mut self.rng, app.clock.now());
        let phone = self.people[person].phone.clone();
        // No demo customer has opted out of any channel.
        let composed = self
            .kit
            .compose(payment_message(e, p), phone, &[], id, app.clock.timestamp())?;
        if let Some(r) = composed {
            self.rows.messages.push(json!([
                r.id,
                r.channel,
                r.to_phone,
                r.kind,
                r.body,
                r.created_at,
                r.state,
                r.kind,
                r.key,
                r.customer_id,
                r.enrollment_no,
                r.params,
                r.due,
                r.reason,
                r.created_at
            ]));
        }
        Ok(())
    }

    /// A status the use case changed (a cheque cleared or bounced, a refund).
    pub(super) fn status_changed(&mut self, e: usize, k: usize, status: PaymentStatus) {
        self.paid[e][k].0 = status;
    }

    /// The enrollment as the store has it now (after a closure).
    pub(super) async fn reload(
        &mut self,
        conn: &mut SqliteConnection,
        e: usize,
    ) -> Result<(), AppError> {
        let no = self.enrolled[e].enrollment_no.clone();
        self.enrolled[e] = crate::enrollment::load_enrolled(conn, &no).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
