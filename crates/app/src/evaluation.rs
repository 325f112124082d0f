//! The scheme engine's answer as the UI, the CLI and the documents receive it, and the
//! loading of an enrollment's facts (payments, pauses, changes, gifts, occasions).
//!
//! Every screen that shows a bonus, a maturity date or a closure quote gets it from here,
//! so there is one mapping from `kanak_domain::engine` to what people see.

use chrono::NaiveDate;
use kanak_domain::engine::{
    Benefit, ClosureQuote, Festival, GiftGiven, Occasions, Pause, TermsChange,
};
use kanak_domain::{
    Evaluation, Facts, InstallmentStatus, Money, PaidEntry, PaymentStatus, Weight, parse_date,
};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::AppError;
use crate::enrollment::Enrolled;
use crate::payment::StoredPayment;

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct InstallmentView {
    pub number: u32,
    pub due_date: String,
    pub grace_ends: String,
    pub amount: String,
    pub paid: String,
    pub completed_on: Option<String>,
    pub status: InstallmentStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct BenefitLineView {
    pub label: String,
    pub money: String,
    pub grams: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct BenefitView {
    pub money: String,
    pub grams: String,
    /// A making-charge waiver's terms, e.g. "75% off making charges up to 18%".
    pub waiver: Option<String>,
    pub lines: Vec<BenefitLineView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct DeductionView {
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct ClosureQuoteView {
    /// "maturity" or "premature".
    pub kind: String,
    pub allowed: bool,
    pub refused_reason: Option<String>,
    pub paid: String,
    pub grams: String,
    pub deductions: Vec<DeductionView>,
    pub cash_refund: Option<String>,
    pub jewellery_value: Option<String>,
    pub benefit: BenefitView,
    pub explanation: Vec<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct GiftView {
    pub item: String,
    pub value: String,
    pub after_installments: u32,
    pub given: bool,
}

/// The engine's answers for one enrollment on one day.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct EvaluationView {
    pub on: String,
    /// active, paused, matured, redemption_overdue or defaulted.
    pub state: String,
    pub schedule: Vec<InstallmentView>,
    pub total_paid: String,
    pub total_payable: String,
    pub remaining: String,
    pub outstanding: String,
    pub late_fees: String,
    pub paid_installments: u32,
    pub late_installments: Vec<u32>,
    pub missed_installments: Vec<u32>,
    pub total_grams: String,
    pub average_rate: Option<String>,
    pub bonus_so_far: BenefitView,
    pub bonus_at_maturity: BenefitView,
    pub maturity_date: String,
    pub redeem_by: Option<String>,
    pub gifts: Vec<GiftView>,
    pub closure: ClosureQuoteView,
    pub explanation: Vec<String>,
}

impl EvaluationView {
    pub fn of(ev: &Evaluation) -> EvaluationView {
        EvaluationView {
            on: ev.on.to_string(),
            state: ev.state.as_str().to_string(),
            schedule: ev.installments.iter().map(installment).collect(),
            total_paid: ev.total_paid.to_plain(),
            total_payable: ev.total_payable.to_plain(),
            remaining: ev.remaining.to_plain(),
            outstanding: ev.outstanding.to_plain(),
            late_fees: ev.late_fees.to_plain(),
            paid_installments: ev.paid_installments,
            late_installments: ev.late_installments.clone(),
            missed_installments: ev.missed_installments.clone(),
            total_grams: ev.total_grams.to_plain(),
            average_rate: ev.average_rate.map(|r| r.money().to_plain()),
            bonus_so_far: benefit(&ev.bonus_so_far),
            bonus_at_maturity: benefit(&ev.bonus_at_maturity),
            maturity_date: ev.maturity_date.to_string(),
            redeem_by: ev.redeem_by.map(|d| d.to_string()),
            gifts: ev
                .gifts
                .iter()
                .map(|(g, given)| GiftView {
                    item: g.item.clone(),
                    value: g.value.to_plain(),
                    after_installments: g.after_installments,
                    given: *given,
                })
                .collect(),
            closure: closure_view(&ev.closure),
            explanation: ev.explanation.clone(),
        }
    }
}

fn installment(l: &kanak_domain::InstallmentLine) -> InstallmentView {
    InstallmentView {
        number: l.number,
        due_date: l.due_date.to_string(),
        grace_ends: l.grace_ends.to_string(),
        amount: l.amount.to_plain(),
        paid: l.paid.to_plain(),
        completed_on: l.completed_on.map(|d| d.to_string()),
        status: l.status,
    }
}

fn benefit(b: &Benefit) -> BenefitView {
    BenefitView {
        money: b.money.to_plain(),
        grams: b.grams.to_plain(),
        waiver: b
            .waiver
            .map(|(share, cap)| format!("{share} off making charges, on up to {cap}")),
        lines: b
            .lines
            .iter()
            .map(|l| BenefitLineView {
                label: l.label.clone(),
                money: l.money.to_plain(),
                grams: l.grams.to_plain(),
            })
            .collect(),
    }
}

pub(crate) fn closure_view(q: &ClosureQuote) -> ClosureQuoteView {
    ClosureQuoteView {
        kind: q.kind.as_str().to_string(),
        allowed: q.allowed,
        refused_reason: q.refused_reason.clone(),
        paid: q.paid.to_plain(),
        grams: q.grams.to_plain(),
        deductions: q
            .deductions
            .iter()
            .map(|d| DeductionView {
                label: d.label.clone(),
                amount: d.amount.to_plain(),
            })
            .collect(),
        cash_refund: q.cash_refund.map(Money::to_plain),
        jewellery_value: q.jewellery_value.map(Money::to_plain),
        benefit: benefit(&q.benefit),
        explanation: q.explanation.clone(),
    }
}

/// A stored payment as the engine sees it.
pub(crate) fn paid_entry(p: &StoredPayment) -> PaidEntry {
    PaidEntry {
        on: p.received_on,
        amount: p.amount,
        grams: p.grams.unwrap_or(Weight::ZERO),
    }
}

/// Confirmed payments as the engine sees them (a processing cheque is not money yet).
pub(crate) fn paid_entries(payments: &[StoredPayment]) -> Vec<PaidEntry> {
    payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Confirmed)
        .map(paid_entry)
        .collect()
}

/// An enrollment and its facts (confirmed payments and all), inside the caller's connection.
pub(crate) async fn load_facts(
    conn: &mut SqliteConnection,
    enrollment_no: &str,
) -> Result<(Enrolled, Facts), AppError> {
    let enrolled = crate::enrollment::load_enrolled(conn, enrollment_no).await?;
    let payments = crate::payment::payments_of(conn, enrolled.id).await?;
    let facts = facts_of(conn, &enrolled, paid_entries(&payments)).await?;
    Ok((enrolled, facts))
}

/// Everything the engine needs about an enrollment besides its terms.
pub(crate) async fn facts_of(
    conn: &mut SqliteConnection,
    e: &Enrolled,
    payments: Vec<PaidEntry>,
) -> Result<Facts, AppError> {
    let pauses = sqlx::query!(
        "SELECT from_date, months FROM enrollment_pauses WHERE enrollment_id = ?1 ORDER BY id",
        e.id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| pause(&r.from_date, r.months))
    .collect::<Result<Vec<_>, AppError>>()?;
    let changes = sqlx::query!(
        "SELECT effective_on, installment_paise, installments FROM enrollment_changes WHERE enrollment_id = ?1 ORDER BY id",
        e.id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| terms_change(&r.effective_on, r.installment_paise, r.installments))
    .collect::<Result<Vec<_>, AppError>>()?;
    let gifts_given = sqlx::query!(
        "SELECT item, value_paise, given_on FROM gifts_given WHERE enrollment_id = ?1 ORDER BY id",
        e.id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| gift_given(r.item, r.value_paise, &r.given_on))
    .collect::<Result<Vec<_>, AppError>>()?;
    let row = sqlx::query!(
        "SELECT dob, anniversary FROM customers WHERE id = ?1",
        e.customer_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let occasions = occasions(row.dob, row.anniversary, festivals(conn).await?)?;
    Ok(Facts {
        start: e.start,
        payments,
        pauses,
        changes,
        occasions,
        gifts_given,
    })
}

fn stored_date(s: &str) -> Result<NaiveDate, AppError> {
    parse_date("stored date", s).map_err(AppError::corrupt)
}

/// A stored pause row as the engine sees it (one mapping for the single and batch loads).
pub(crate) fn pause(from_date: &str, months: i64) -> Result<Pause, AppError> {
    Ok(Pause {
        from: stored_date(from_date)?,
        months: u32::try_from(months).map_err(AppError::corrupt)?,
    })
}

pub(crate) fn terms_change(
    effective_on: &str,
    installment_paise: Option<i64>,
    installments: Option<i64>,
) -> Result<TermsChange, AppError> {
    Ok(TermsChange {
        on: stored_date(effective_on)?,
        installment: installment_paise.map(Money::from_paise),
        installments: installments
            .map(u32::try_from)
            .transpose()
            .map_err(AppError::corrupt)?,
    })
}

pub(crate) fn gift_given(
    item: String,
    value_paise: i64,
    given_on: &str,
) -> Result<GiftGiven, AppError> {
    Ok(GiftGiven {
        item,
        value: Money::from_paise(value_paise),
        on: stored_date(given_on)?,
    })
}

/// The shop's festival days, in date order.
pub(crate) async fn festivals(conn: &mut SqliteConnection) -> Result<Vec<Festival>, AppError> {
    sqlx::query!("SELECT name, festival_date FROM festivals ORDER BY festival_date")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Festival {
                name: r.name,
                on: stored_date(&r.festival_date)?,
            })
        })
        .collect()
}

/// A customer's birthday and anniversary (an empty stored date is none) and the festivals.
pub(crate) fn occasions(
    dob: Option<String>,
    anniversary: Option<String>,
    festivals: Vec<Festival>,
) -> Result<Occasions, AppError> {
    let optional_date = |s: Option<String>| {
        s.filter(|d| !d.is_empty())
            .map(|d| stored_date(&d))
            .transpose()
    };
    Ok(Occasions {
        birthday: optional_date(dob)?,
        anniversary: optional_date(anniversary)?,
        festivals,
    })
}

/// The engine's evaluation of an enrollment on `on`.
pub(crate) async fn evaluate_enrollment(
    conn: &mut SqliteConnection,
    e: &Enrolled,
    payments: &[StoredPayment],
    on: NaiveDate,
) -> Result<Evaluation, AppError> {
    let facts = facts_of(conn, e, paid_entries(payments)).await?;
    Ok(kanak_domain::evaluate(&e.terms, &facts, on))
}
