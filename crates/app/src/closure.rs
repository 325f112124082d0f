//! Closing an enrollment: redemption at maturity, or premature closure with the engine's
//! deductions. Verified by the customer's one-time code, or overridden by the owner with a
//! written reason. Append-only: a closure row per enrollment (UNIQUE, so two closures can
//! never both succeed), a payout row for cash, and the enrollment's status.

use kanak_domain::engine::closure::ClosureQuote;
use kanak_domain::{FieldError, Money, Permission};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::Change;
use crate::enrollment::{Enrolled, load_enrolled};
use crate::evaluation::{
    BenefitLineView, ClosureQuoteView, DeductionView, closure_view, load_facts,
};
use crate::sync::tables::{self, LocalKey};
use crate::{Actor, AppError, Kanak, Sensitive, compliance, store};
use kanak_sync::EventKind;

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SettleAs {
    Cash,
    Jewellery,
}

impl SettleAs {
    pub fn as_str(self) -> &'static str {
        match self {
            SettleAs::Cash => "cash",
            SettleAs::Jewellery => "jewellery",
        }
    }
}

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct CloseInput {
    pub enrollment_no: String,
    pub settlement: SettleAs,
    /// The jewellery invoice it is redeemed against, and its value.
    pub invoice_no: Option<String>,
    pub invoice_value: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct ClosureView {
    pub enrollment_no: String,
    /// "maturity" or "premature".
    pub kind: String,
    pub settlement: SettleAs,
    pub paid: String,
    pub bonus: String,
    /// The total of `deduction_lines`.
    pub deductions: String,
    /// Each deduction the engine quoted at closure (GST, gateway, gifts given…).
    pub deduction_lines: Vec<DeductionView>,
    /// The bonus the customer kept, itemised; empty when settled in cash without a benefit.
    pub bonus_lines: Vec<BenefitLineView>,
    /// Cash handed back, or the value set against jewellery.
    pub value: String,
    pub grams: String,
    pub invoice_no: Option<String>,
    pub invoice_value: Option<String>,
    /// Invoice minus value: positive, the customer pays it; negative, it is owed to them.
    pub balance: Option<String>,
    /// "otp" or "override".
    pub verified_by: String,
    pub override_reason: Option<String>,
    pub closed_on: String,
    pub closed_by: String,
    pub explanation: Vec<String>,
}

enum Verified {
    Otp(String),
    Override(String),
}

impl Kanak {
    /// What closing today would give: the engine's quote.
    pub async fn closure_quote(&self, enrollment_no: &str) -> Result<ClosureQuoteView, AppError> {
        let mut conn = self.pool.acquire().await?;
        let (enrolled, facts) = load_facts(&mut conn, enrollment_no).await?;
        let ev = kanak_domain::evaluate(&enrolled.terms, &facts, self.clock.today());
        Ok(closure_view(&ev.closure))
    }

    /// Closes with the customer's code. A wrong code is counted even though nothing closes.
    pub async fn confirm_closure(
        &self,
        actor: &Actor,
        input: CloseInput,
        otp: &Sensitive,
    ) -> Result<ClosureView, AppError> {
        actor.require(Permission::Close)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let enrolled = load_enrolled(&mut tx, &input.enrollment_no).await?;
        self.refuse_closed(&enrolled)?;
        let verdict = self
            .use_code(&mut tx, actor, &enrolled, otp.expose())
            .await?;
        let otp_id = match verdict {
            Ok(id) => id,
            Err(refused) => {
                tx.commit().await?;
                return Err(refused);
            }
        };
        self.record_closure(&mut tx, actor, &enrolled, &input, Verified::Otp(otp_id))
            .await?;
        tx.commit().await?;
        self.closure(&enrolled.enrollment_no)
            .await?
            .ok_or_else(|| AppError::corrupt("closure just stored"))
    }

    /// The owner closes without a code (no network, a customer without a phone), giving a
    /// reason. Marked as an override in the audit trail, on the statement and in reports.
    pub async fn override_closure(
        &self,
        actor: &Actor,
        input: CloseInput,
        reason: &str,
    ) -> Result<ClosureView, AppError> {
        actor.require(Permission::Override)?;
        let reason = reason.trim();
        if reason.chars().count() < 10 {
            return Err(FieldError::new(
                "reason",
                "must say why the code was not used (at least 10 characters)",
            )
            .into());
        }
        let mut tx = store::begin_write(&self.pool).await?;
        let no = self
            .override_closure_in(&mut tx, actor, &input, reason)
            .await?;
        tx.commit().await?;
        self.closure(&no)
            .await?
            .ok_or_else(|| AppError::corrupt("closure just stored"))
    }

    /// The override inside the caller's transaction (the use case above, and the demo shop's
    /// bulk history); `reason` is already checked. Returns the enrollment number.
    pub(crate) async fn override_closure_in(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        input: &CloseInput,
        reason: &str,
    ) -> Result<String, AppError> {
        let enrolled = load_enrolled(conn, &input.enrollment_no).await?;
        self.refuse_closed(&enrolled)?;
        self.record_closure(
            conn,
            actor,
            &enrolled,
            input,
            Verified::Override(reason.to_string()),
        )
        .await?;
        Ok(enrolled.enrollment_no)
    }

    async fn record_closure(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        e: &Enrolled,
        input: &CloseInput,
        verified: Verified,
    ) -> Result<(), AppError> {
        let (_, facts) = load_facts(conn, &e.enrollment_no).await?;
        let ev = kanak_domain::evaluate(&e.terms, &facts, self.clock.today());
        let quote = &ev.closure;
        if !quote.allowed {
            let why = quote
                .refused_reason
                .clone()
                .unwrap_or_else(|| "the plan does not allow closing yet".into());
            return Err(FieldError::new("enrollment_no", why).into());
        }
        let value = settled_value(quote, input.settlement)?;
        compliance::check_redemption(conn, &e.customer_code, value).await?;
        let invoice_value = input
            .invoice_value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| Money::parse_positive("invoice_value", v))
            .transpose()?;
        let invoice_no = input
            .invoice_no
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string);
        let id = uuid::Uuid::now_v7().to_string();
        let kind = quote.kind.as_str();
        let bonus = if input.settlement == SettleAs::Jewellery {
            quote.benefit.money
        } else {
            Money::ZERO
        };
        let deductions = quote
            .deductions
            .iter()
            .fold(Money::ZERO, |sum, d| sum + d.amount);
        let quote_json = serde_json::to_string(&closure_view(quote)).map_err(AppError::corrupt)?;
        let (otp_id, reason, how) = match &verified {
            Verified::Otp(id) => (Some(id.clone()), None, "otp"),
            Verified::Override(reason) => (None, Some(reason.clone()), "override"),
        };
        let (on, at, by) = (
            self.clock.today().to_string(),
            self.clock.timestamp(),
            actor.label().to_string(),
        );
        let (paid, bonus_p, ded, val, grams) = (
            quote.paid.paise(),
            bonus.paise(),
            deductions.paise(),
            value.paise(),
            quote.grams.mg(),
        );
        let (settlement, inv) = (input.settlement.as_str(), invoice_value.map(Money::paise));
        sqlx::query!(
            "INSERT INTO closures (id, enrollment_id, kind, settlement, paid_paise, bonus_paise, deductions_paise, value_paise, grams_mg,
                                   invoice_no, invoice_value_paise, quote_json, verified_by, otp_id, override_reason, closed_on, closed_at, closed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            id, e.id, kind, settlement, paid, bonus_p, ded, val, grams, invoice_no, inv, quote_json, how, otp_id, reason, on, at, by
        )
        .execute(&mut *conn)
        .await
        .map_err(|err| match err {
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::PlanClosed { enrollment_no: e.enrollment_no.clone(), status: "closed".into() },
            other => other.into(),
        })?;
        let status = quote.kind.closes_as().as_str();
        sqlx::query!(
            "UPDATE enrollments SET status = ?1 WHERE id = ?2",
            status,
            e.id
        )
        .execute(&mut *conn)
        .await?;
        if input.settlement == SettleAs::Cash {
            let payout = uuid::Uuid::now_v7().to_string();
            sqlx::query!(
                "INSERT INTO payouts (id, enrollment_id, closure_id, amount_paise, mode, paid_at, paid_by) VALUES (?1, ?2, ?3, ?4, 'cash', ?5, ?6)",
                payout, e.id, id, val, at, by
            )
            .execute(&mut *conn)
            .await?;
        }
        let key = LocalKey::Text(id.clone());
        self.sync_record(conn, EventKind::ClosureRecorded, &tables::CLOSURES, key)
            .await?;
        self.queue_closure_message(conn, e, kind, input.settlement, value)
            .await?;
        let mut detail = format!(
            "{kind} closure, {settlement} {}, verified by {how}",
            value.format_inr()
        );
        if let Some(reason) = &reason {
            detail.push_str(&format!(" — OVERRIDE: {reason}"));
        }
        let action = if reason.is_some() {
            "closure.override"
        } else {
            "closure"
        };
        self.audit(
            conn,
            actor,
            Change::new(action, detail)
                .enrollment(&e.enrollment_no)
                .customer(&e.customer_code),
        )
        .await?;
        tracing::info!(
            enrollment_no = e.enrollment_no,
            kind,
            verified_by = how,
            "enrollment closed"
        );
        Ok(())
    }

    /// The closure of an enrollment, if it is closed.
    pub async fn closure(&self, enrollment_no: &str) -> Result<Option<ClosureView>, AppError> {
        let no = enrollment_no.trim().to_ascii_uppercase();
        let row = sqlx::query!(
            r#"SELECT c.kind, c.settlement, c.paid_paise, c.bonus_paise, c.deductions_paise, c.value_paise, c.grams_mg,
                      c.invoice_no, c.invoice_value_paise, c.quote_json, c.verified_by, c.override_reason,
                      c.closed_on, c.closed_by, e.enrollment_no
               FROM closures c JOIN enrollments e ON e.id = c.enrollment_id WHERE e.enrollment_no = ?1"#,
            no
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let quote: StoredQuote = serde_json::from_str(&r.quote_json).map_err(AppError::corrupt)?;
        let settlement = if r.settlement == "cash" {
            SettleAs::Cash
        } else {
            SettleAs::Jewellery
        };
        // A benefit is kept only against jewellery (a cash closure stores no bonus), so its
        // lines follow the settlement and never disagree with the total printed beside them.
        let bonus_lines = match settlement {
            SettleAs::Cash => Vec::new(),
            SettleAs::Jewellery => quote.benefit.lines,
        };
        let money = |p: i64| Money::from_paise(p).to_plain();
        Ok(Some(ClosureView {
            enrollment_no: r.enrollment_no,
            kind: r.kind,
            settlement,
            paid: money(r.paid_paise),
            bonus: money(r.bonus_paise),
            deductions: money(r.deductions_paise),
            deduction_lines: quote.deductions,
            bonus_lines,
            value: money(r.value_paise),
            grams: kanak_domain::Weight::from_mg(r.grams_mg).to_plain(),
            invoice_no: r.invoice_no,
            invoice_value: r.invoice_value_paise.map(money),
            balance: r.invoice_value_paise.map(|inv| money(inv - r.value_paise)),
            verified_by: r.verified_by,
            override_reason: r.override_reason,
            closed_on: kanak_domain::format_date(
                kanak_domain::parse_date("closed_on", &r.closed_on).map_err(AppError::corrupt)?,
            ),
            closed_by: r.closed_by,
            explanation: quote.explanation,
        }))
    }
}

/// The parts of the stored quote (a [`ClosureQuoteView`] as JSON) that the closure shows.
/// Each part defaults to empty so a quote stored before a field existed still reads.
#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredQuote {
    deductions: Vec<DeductionView>,
    benefit: StoredBenefit,
    explanation: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StoredBenefit {
    lines: Vec<BenefitLineView>,
}

/// The money the chosen settlement gives, if the plan allows that settlement.
fn settled_value(quote: &ClosureQuote, settlement: SettleAs) -> Result<Money, AppError> {
    let value = match settlement {
        SettleAs::Cash => quote.cash_refund,
        SettleAs::Jewellery => quote.jewellery_value,
    };
    value.ok_or_else(|| {
        let other = if settlement == SettleAs::Cash {
            "jewellery"
        } else {
            "a cash refund"
        };
        FieldError::new(
            "settlement",
            format!("this plan's closure settles only as {other}"),
        )
        .into()
    })
}
