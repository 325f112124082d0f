//! Every enrollment of the shop with what the engine needs to evaluate it, loaded in a fixed
//! handful of statements (one per table) instead of seven per enrollment.
//!
//! The reports and the dashboard evaluate every open enrollment; loading each one's facts
//! with its own queries cost ~0.5 ms of round trips per enrollment (1.5 s on a 2,000-customer
//! shop, see docs/PERFORMANCE.md). The rows are mapped by the same functions as the single
//! enrollment path (`evaluation::pause` and friends) and evaluated by the one engine,
//! `kanak_domain::evaluate`, so a report and the enrollment page cannot disagree.

use std::collections::HashMap;

use chrono::NaiveDate;
use kanak_domain::engine::{Festival, GiftGiven, Occasions, Pause, TermsChange};
use kanak_domain::{EnrollmentStatus, Evaluation, Facts, parse_date};
use sqlx::SqliteConnection;

use crate::AppError;
use crate::enrollment::Enrolled;
use crate::evaluation::{festivals, gift_given, occasions, paid_entries, pause, terms_change};
use crate::payment::{PaymentRow, StoredPayment};
use crate::plan::terms_from_json;

/// Which enrollments to load.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every enrollment, whatever its stored status.
    All,
    /// Only those stored as active (running, or matured but not yet closed).
    Active,
}

/// An enrollment with its payments, the customer's phone and the rest of its facts.
pub(crate) struct Account {
    pub enrolled: Enrolled,
    pub payments: Vec<StoredPayment>,
    pub phone: String,
    pauses: Vec<Pause>,
    changes: Vec<TermsChange>,
    gifts_given: Vec<GiftGiven>,
    occasions: Occasions,
}

impl Account {
    /// The engine's evaluation of this enrollment on `on`, counting only payments received
    /// by then (so a report "as of" a past date does not see later money).
    pub fn evaluate(&self, on: NaiveDate) -> Evaluation {
        let upto: Vec<StoredPayment> = self
            .payments
            .iter()
            .filter(|p| p.received_on <= on)
            .cloned()
            .collect();
        let facts = Facts {
            start: self.enrolled.start,
            payments: paid_entries(&upto),
            pauses: self.pauses.clone(),
            changes: self.changes.clone(),
            occasions: self.occasions.clone(),
            gifts_given: self.gifts_given.clone(),
        };
        kanak_domain::evaluate(&self.enrolled.terms, &facts, on)
    }
}

type EnrollmentRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The enrollments in `scope`, in enrollment-number order, each with all its facts.
pub(crate) async fn accounts(
    conn: &mut SqliteConnection,
    scope: Scope,
) -> Result<Vec<Account>, AppError> {
    let active_only = scope == Scope::Active;
    let rows: Vec<EnrollmentRow> = sqlx::query_as(
        "SELECT e.id, e.customer_id, e.enrollment_no, c.code, c.name, e.plan_code, e.plan_name,
                e.terms_json, e.start_date, e.maturity_date, e.status, c.phone, c.dob, c.anniversary
         FROM enrollments e JOIN customers c ON c.id = e.customer_id
         WHERE (?1 = 0 OR e.status = 'active') ORDER BY e.enrollment_no",
    )
    .bind(active_only)
    .fetch_all(&mut *conn)
    .await?;
    let mut payments = group(all_payments(conn, active_only).await?, |p| {
        p.enrollment_no.clone()
    });
    let mut facts = EventFacts::load(conn, active_only).await?;
    let festivals: Vec<Festival> = festivals(conn).await?;
    // Terms are stored per enrollment but mostly shared: parse each distinct text once.
    let mut terms = HashMap::new();
    let date = |s: &str| parse_date("stored date", s).map_err(AppError::corrupt);
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let (id, customer_id, enrollment_no, customer_code, customer_name) =
            (r.0, r.1, r.2, r.3, r.4);
        if !terms.contains_key(&r.7) {
            terms.insert(r.7.clone(), terms_from_json(&r.7)?);
        }
        let enrolled = Enrolled {
            id,
            customer_id,
            customer_code,
            customer_name,
            plan_code: r.5,
            plan_name: r.6,
            terms: terms[&r.7].clone(),
            start: date(&r.8)?,
            maturity: date(&r.9)?,
            stored_status: EnrollmentStatus::parse("status", &r.10).map_err(AppError::corrupt)?,
            enrollment_no,
        };
        out.push(Account {
            payments: payments.remove(&enrolled.enrollment_no).unwrap_or_default(),
            pauses: facts.pauses.remove(&id).unwrap_or_default(),
            changes: facts.changes.remove(&id).unwrap_or_default(),
            gifts_given: facts.gifts.remove(&id).unwrap_or_default(),
            occasions: occasions(r.12, r.13, festivals.clone())?,
            phone: r.11,
            enrolled,
        });
    }
    Ok(out)
}

/// Every payment of the enrollments in scope with its latest status, in the order received.
///
/// SQLite builds the rows as one JSON array and hands it over as a single value: sqlx passes
/// each result row through a channel from its worker thread, which cost ~80 µs a row on the
/// loaded 2-core machine (1.5–2.9 s for 24k payments) against ~50 ms for SQLite's own work.
async fn all_payments(
    conn: &mut SqliteConnection,
    active_only: bool,
) -> Result<Vec<StoredPayment>, AppError> {
    let json: String = sqlx::query_scalar(
        "SELECT json_group_array(json_array(id, receipt_no, enrollment_no, installment_no, amount_paise, mode, status,
                                            reference, received_at, received_on, received_by, rate_per_gram_paise, grams_mg,
                                            request_fingerprint))
         FROM (SELECT p.id, p.receipt_no, e.enrollment_no, p.installment_no, p.amount_paise, p.mode,
                      (SELECT s.status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) AS status,
                      p.reference, p.received_at, p.received_on, p.received_by, p.rate_per_gram_paise, p.grams_mg, p.request_fingerprint
               FROM payments p JOIN enrollments e ON e.id = p.enrollment_id
               WHERE (?1 = 0 OR e.status = 'active') ORDER BY p.received_on, p.received_at)",
    )
    .bind(active_only)
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<PaymentRow> = serde_json::from_str(&json)
        .map_err(|e| AppError::corrupt(format!("stored payments: {e}")))?;
    rows.into_iter().map(StoredPayment::try_from).collect()
}

/// Groups rows by a key, keeping their order within each group.
fn group<T, K: std::hash::Hash + Eq>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, Vec<T>> {
    let mut map: HashMap<K, Vec<T>> = HashMap::new();
    for r in rows {
        map.entry(key(&r)).or_default().push(r);
    }
    map
}

/// Pauses, term changes and gifts of every enrollment in scope, by enrollment id, in the
/// order they were recorded (as the single-enrollment load reads them).
struct EventFacts {
    pauses: HashMap<i64, Vec<Pause>>,
    changes: HashMap<i64, Vec<TermsChange>>,
    gifts: HashMap<i64, Vec<GiftGiven>>,
}

impl EventFacts {
    async fn load(conn: &mut SqliteConnection, active_only: bool) -> Result<EventFacts, AppError> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT x.enrollment_id, x.from_date, x.months FROM enrollment_pauses x
             JOIN enrollments e ON e.id = x.enrollment_id
             WHERE (?1 = 0 OR e.status = 'active') ORDER BY x.id",
        )
        .bind(active_only)
        .fetch_all(&mut *conn)
        .await?;
        let mut pauses: HashMap<i64, Vec<Pause>> = HashMap::new();
        for (id, from, months) in rows {
            pauses.entry(id).or_default().push(pause(&from, months)?);
        }
        let rows: Vec<(i64, String, Option<i64>, Option<i64>)> = sqlx::query_as(
            "SELECT x.enrollment_id, x.effective_on, x.installment_paise, x.installments
             FROM enrollment_changes x JOIN enrollments e ON e.id = x.enrollment_id
             WHERE (?1 = 0 OR e.status = 'active') ORDER BY x.id",
        )
        .bind(active_only)
        .fetch_all(&mut *conn)
        .await?;
        let mut changes: HashMap<i64, Vec<TermsChange>> = HashMap::new();
        for (id, on, paise, installments) in rows {
            changes
                .entry(id)
                .or_default()
                .push(terms_change(&on, paise, installments)?);
        }
        let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
            "SELECT x.enrollment_id, x.item, x.value_paise, x.given_on FROM gifts_given x
             JOIN enrollments e ON e.id = x.enrollment_id
             WHERE (?1 = 0 OR e.status = 'active') ORDER BY x.id",
        )
        .bind(active_only)
        .fetch_all(&mut *conn)
        .await?;
        let mut gifts: HashMap<i64, Vec<GiftGiven>> = HashMap::new();
        for (id, item, value, on) in rows {
            gifts
                .entry(id)
                .or_default()
                .push(gift_given(item, value, &on)?);
        }
        Ok(EventFacts {
            pauses,
            changes,
            gifts,
        })
    }
}
