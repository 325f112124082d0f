//! What the reports read from the store: payments with their current status, and enrollments
//! with what the engine needs to evaluate them.

use chrono::NaiveDate;
use kanak_domain::{Money, PaymentMode, PaymentStatus, Weight, parse_date};
use sqlx::SqliteConnection;

use crate::AppError;
pub(crate) use crate::accounts::{Account, Scope, accounts};

pub(crate) async fn branch_code(conn: &mut SqliteConnection) -> Result<String, AppError> {
    sqlx::query_scalar!("SELECT branch_code FROM shop WHERE id = 1")
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotSetUp)
}

/// One payment as the reports show it: the payment row, its enrollment and customer, and
/// its status now (the last entry of its append-only status history) with when it was set.
#[derive(Clone, Debug)]
pub(crate) struct PaymentLine {
    pub id: String,
    pub receipt_no: String,
    pub received_on: NaiveDate,
    pub received_by: String,
    pub amount: Money,
    pub mode: PaymentMode,
    pub reference: Option<String>,
    pub rate_per_gram: Option<Money>,
    pub grams: Option<Weight>,
    pub enrollment_no: String,
    pub plan_code: String,
    pub customer_code: String,
    pub customer_name: String,
    pub status: PaymentStatus,
    /// The day the current status was recorded, on the counter's calendar (its local date,
    /// as business dates are): a refund at 02:00 IST on 1 April belongs to 1 April.
    pub status_on: NaiveDate,
}

/// Every payment, oldest first.
pub(crate) async fn payment_lines(
    conn: &mut SqliteConnection,
) -> Result<Vec<PaymentLine>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT p.id, p.receipt_no, p.received_on, p.received_by, p.amount_paise, p.mode, p.reference,
                  p.rate_per_gram_paise, p.grams_mg, e.enrollment_no, e.plan_code, c.code AS customer_code, c.name AS customer_name,
                  (SELECT s.status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) AS "status!: String",
                  (SELECT s.at FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) AS "status_at!: String"
           FROM payments p JOIN enrollments e ON e.id = p.enrollment_id JOIN customers c ON c.id = e.customer_id
           ORDER BY p.received_on, p.received_at, p.receipt_no"#
    )
    .fetch_all(conn)
    .await?;
    let date = |s: &str| parse_date("stored date", s).map_err(AppError::corrupt);
    rows.into_iter()
        .map(|r| {
            Ok(PaymentLine {
                status_on: crate::clock::parse_at(&r.status_at)
                    .map(|at| at.with_timezone(&chrono::Local).date_naive())
                    .ok_or_else(|| AppError::corrupt("a payment status time"))?,
                received_on: date(&r.received_on)?,
                mode: PaymentMode::parse("mode", &r.mode).map_err(AppError::corrupt)?,
                status: PaymentStatus::parse("status", &r.status).map_err(AppError::corrupt)?,
                amount: Money::from_paise(r.amount_paise),
                rate_per_gram: r.rate_per_gram_paise.map(Money::from_paise),
                grams: r.grams_mg.map(Weight::from_mg),
                id: r.id,
                receipt_no: r.receipt_no,
                received_by: r.received_by,
                reference: r.reference,
                enrollment_no: r.enrollment_no,
                plan_code: r.plan_code,
                customer_code: r.customer_code,
                customer_name: r.customer_name,
            })
        })
        .collect()
}

/// A closure as stored, with its customer and plan.
#[derive(Clone, Debug)]
pub(crate) struct ClosureLine {
    pub enrollment_no: String,
    pub customer_code: String,
    pub customer_name: String,
    pub plan_code: String,
    pub kind: String,
    pub settlement: String,
    pub paid: Money,
    pub bonus: Money,
    pub deductions: Money,
    pub value: Money,
    pub grams: Weight,
    pub invoice_no: Option<String>,
    pub verified_by: String,
    pub override_reason: Option<String>,
    pub closed_on: NaiveDate,
    pub closed_by: String,
}

pub(crate) async fn closure_lines(
    conn: &mut SqliteConnection,
) -> Result<Vec<ClosureLine>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT e.enrollment_no, c.code AS customer_code, c.name AS customer_name, e.plan_code, k.kind, k.settlement,
                  k.paid_paise, k.bonus_paise, k.deductions_paise, k.value_paise, k.grams_mg, k.invoice_no,
                  k.verified_by, k.override_reason, k.closed_on, k.closed_by
           FROM closures k JOIN enrollments e ON e.id = k.enrollment_id JOIN customers c ON c.id = e.customer_id
           ORDER BY k.closed_on, k.closed_at"#
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ClosureLine {
                closed_on: parse_date("stored date", &r.closed_on).map_err(AppError::corrupt)?,
                enrollment_no: r.enrollment_no,
                customer_code: r.customer_code,
                customer_name: r.customer_name,
                plan_code: r.plan_code,
                kind: r.kind,
                settlement: r.settlement,
                paid: Money::from_paise(r.paid_paise),
                bonus: Money::from_paise(r.bonus_paise),
                deductions: Money::from_paise(r.deductions_paise),
                value: Money::from_paise(r.value_paise),
                grams: Weight::from_mg(r.grams_mg),
                invoice_no: r.invoice_no,
                verified_by: r.verified_by,
                override_reason: r.override_reason,
                closed_by: r.closed_by,
            })
        })
        .collect()
}
