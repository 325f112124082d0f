//! Closures and refunds in a period: each closure with who closed it and how it was
//! verified (an override is flagged), and each payment refunded.

use chrono::NaiveDate;
use kanak_domain::{Money, PaymentStatus};
use sqlx::SqliteConnection;

use super::book::{closure_lines, payment_lines};
use super::table::{column, count_total, money_total, row, section, table, words};
use super::{CellKind, Criteria, ReportName, ReportSection, ReportTable};
use crate::AppError;

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    _today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let closures = closures_section(conn, c).await?;
    let refunds = refunds_section(conn, c).await?;
    Ok(table(
        ReportName::Closures,
        "Closures and refunds",
        words(c.words(true)),
        vec![closures, refunds],
    ))
}

async fn closures_section(
    conn: &mut SqliteConnection,
    c: &Criteria,
) -> Result<ReportSection, AppError> {
    let lines: Vec<_> = closure_lines(conn)
        .await?
        .into_iter()
        .filter(|k| {
            c.in_range(k.closed_on) && c.plan_matches(&k.plan_code) && c.staff_matches(&k.closed_by)
        })
        .collect();
    let rows = lines
        .iter()
        .map(|k| {
            row(vec![
                k.closed_on.to_string(),
                k.enrollment_no.clone(),
                k.customer_code.clone(),
                k.customer_name.clone(),
                k.plan_code.clone(),
                k.kind.clone(),
                k.settlement.clone(),
                k.paid.to_plain(),
                k.bonus.to_plain(),
                k.deductions.to_plain(),
                k.value.to_plain(),
                k.grams.to_plain(),
                k.invoice_no.clone().unwrap_or_default(),
                k.verified_by.clone(),
                k.override_reason.clone().unwrap_or_default(),
                k.closed_by.clone(),
            ])
            .enrollment(&k.enrollment_no, &k.customer_code)
            .flag(k.verified_by == "override")
        })
        .collect();
    let columns = vec![
        column("closed_on", "Closed on", CellKind::Date),
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("plan_code", "Plan", CellKind::Text),
        column("kind", "Kind", CellKind::Text),
        column("settlement", "Settled as", CellKind::Text),
        column("paid", "Paid", CellKind::Money),
        column("bonus", "Bonus", CellKind::Money),
        column("deductions", "Deductions", CellKind::Money),
        column("value", "Value given", CellKind::Money),
        column("grams", "Grams", CellKind::Grams),
        column("invoice_no", "Invoice", CellKind::Text),
        column("verified_by", "Verified by", CellKind::Text),
        column("override_reason", "Override reason", CellKind::Text),
        column("closed_by", "Closed by", CellKind::Text),
    ];
    let sum = |f: fn(&super::book::ClosureLine) -> Money| lines.iter().map(f).sum::<Money>();
    let totals = vec![
        count_total("Closures", lines.len()),
        count_total(
            "Overrides",
            lines.iter().filter(|k| k.verified_by == "override").count(),
        ),
        money_total("Paid", sum(|k| k.paid)),
        money_total("Bonus", sum(|k| k.bonus)),
        money_total("Deductions", sum(|k| k.deductions)),
        money_total("Value given", sum(|k| k.value)),
    ];
    Ok(section("Closures", columns, rows, totals))
}

/// Payments whose status now is refunded, dated by the day the refund was recorded.
async fn refunds_section(
    conn: &mut SqliteConnection,
    c: &Criteria,
) -> Result<ReportSection, AppError> {
    let lines: Vec<_> = payment_lines(conn)
        .await?
        .into_iter()
        .filter(|p| p.status == PaymentStatus::Refunded)
        .filter(|p| {
            c.in_range(p.status_on)
                && c.plan_matches(&p.plan_code)
                && c.mode.is_none_or(|m| m == p.mode)
        })
        .collect();
    let rows = lines
        .iter()
        .map(|p| {
            row(vec![
                p.status_on.to_string(),
                p.receipt_no.clone(),
                p.received_on.to_string(),
                p.enrollment_no.clone(),
                p.customer_code.clone(),
                p.customer_name.clone(),
                p.amount.to_plain(),
                p.mode.as_str().into(),
            ])
            .enrollment(&p.enrollment_no, &p.customer_code)
            .payment(&p.id)
        })
        .collect();
    let columns = vec![
        column("refunded_on", "Refunded on", CellKind::Date),
        column("receipt_no", "Receipt no.", CellKind::Text),
        column("received_on", "Received on", CellKind::Date),
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("amount", "Amount", CellKind::Money),
        column("mode", "Mode", CellKind::Text),
    ];
    let totals = vec![
        count_total("Refunds", lines.len()),
        money_total("Refunded", lines.iter().map(|p| p.amount).sum()),
    ];
    Ok(section("Refunded payments", columns, rows, totals))
}
