//! The payments report: every payment in a date range by mode, status, staff and plan, with
//! its status now (the last entry of its status history), and the payments still processing
//! with their age.

use chrono::NaiveDate;
use kanak_domain::{Money, PaymentStatus};
use sqlx::SqliteConnection;

use super::book::{PaymentLine, payment_lines};
use super::table::{
    column, count_total, grams, money, money_total, row, section, table, total, words,
};
use super::{CellKind, Criteria, ReportName, ReportSection, ReportTable};
use crate::AppError;

/// A payment processing for this many days or more is flagged: a cheque clears in two or
/// three working days, so by then it has probably been lost or bounced unnoticed.
pub(crate) const AGED_PROCESSING_DAYS: i64 = 5;

/// The payments CSV's columns, fixed and documented in the README.
pub(crate) const COLUMNS: [(&str, &str, CellKind); 13] = [
    ("date", "Date", CellKind::Date),
    ("receipt_no", "Receipt no.", CellKind::Text),
    ("customer_code", "Customer", CellKind::Text),
    ("customer_name", "Name", CellKind::Text),
    ("enrollment_no", "Enrollment", CellKind::Text),
    ("plan_code", "Plan", CellKind::Text),
    ("amount", "Amount", CellKind::Money),
    ("mode", "Mode", CellKind::Text),
    ("status", "Status", CellKind::Text),
    ("reference", "Reference", CellKind::Text),
    ("rate_per_gram", "Rate/g", CellKind::Money),
    ("grams", "Grams", CellKind::Grams),
    ("staff", "Staff", CellKind::Text),
];

pub(crate) fn matches(c: &Criteria, p: &PaymentLine) -> bool {
    c.in_range(p.received_on)
        && c.mode.is_none_or(|m| m == p.mode)
        && c.status.is_none_or(|s| s == p.status)
        && c.staff_matches(&p.received_by)
        && c.plan_matches(&p.plan_code)
}

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let lines: Vec<PaymentLine> = payment_lines(conn)
        .await?
        .into_iter()
        .filter(|p| matches(c, p))
        .collect();
    let mut sections = vec![payments_section(&lines, today)];
    let processing: Vec<&PaymentLine> = lines
        .iter()
        .filter(|p| p.status == PaymentStatus::Processing)
        .collect();
    if !processing.is_empty() {
        sections.push(processing_section(&processing, today));
    }
    Ok(table(
        ReportName::Payments,
        "Payments",
        words(c.words(true)),
        sections,
    ))
}

fn age(p: &PaymentLine, today: NaiveDate) -> i64 {
    (today - p.received_on).num_days()
}

fn payments_section(lines: &[PaymentLine], today: NaiveDate) -> ReportSection {
    let columns = COLUMNS
        .iter()
        .map(|(k, l, kind)| column(k, l, *kind))
        .collect();
    let rows = lines
        .iter()
        .map(|p| {
            let aged =
                p.status == PaymentStatus::Processing && age(p, today) >= AGED_PROCESSING_DAYS;
            row(vec![
                p.received_on.to_string(),
                p.receipt_no.clone(),
                p.customer_code.clone(),
                p.customer_name.clone(),
                p.enrollment_no.clone(),
                p.plan_code.clone(),
                p.amount.to_plain(),
                p.mode.as_str().into(),
                p.status.as_str().into(),
                p.reference.clone().unwrap_or_default(),
                money(p.rate_per_gram),
                grams(p.grams),
                p.received_by.clone(),
            ])
            .enrollment(&p.enrollment_no, &p.customer_code)
            .payment(&p.id)
            .flag(aged)
        })
        .collect();
    let sum = |status: Option<PaymentStatus>| -> Money {
        lines
            .iter()
            .filter(|p| status.is_none_or(|s| p.status == s))
            .map(|p| p.amount)
            .sum()
    };
    let mut totals = vec![
        count_total("Payments", lines.len()),
        money_total("Amount", sum(None)),
    ];
    for status in PaymentStatus::ALL {
        let n = lines.iter().filter(|p| p.status == status).count();
        totals.push(count_total(
            &format!("{} (count)", capital(status.as_str())),
            n,
        ));
        totals.push(money_total(
            capital(status.as_str()).as_str(),
            sum(Some(status)),
        ));
    }
    section("Payments", columns, rows, totals)
}

fn processing_section(lines: &[&PaymentLine], today: NaiveDate) -> ReportSection {
    let columns = vec![
        column("date", "Date", CellKind::Date),
        column("receipt_no", "Receipt no.", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("amount", "Amount", CellKind::Money),
        column("mode", "Mode", CellKind::Text),
        column("reference", "Reference", CellKind::Text),
        column("age_days", "Waiting (days)", CellKind::Days),
    ];
    let rows = lines
        .iter()
        .map(|p| {
            row(vec![
                p.received_on.to_string(),
                p.receipt_no.clone(),
                p.customer_code.clone(),
                p.customer_name.clone(),
                p.enrollment_no.clone(),
                p.amount.to_plain(),
                p.mode.as_str().into(),
                p.reference.clone().unwrap_or_default(),
                age(p, today).to_string(),
            ])
            .enrollment(&p.enrollment_no, &p.customer_code)
            .payment(&p.id)
            .flag(age(p, today) >= AGED_PROCESSING_DAYS)
        })
        .collect();
    let oldest = lines.iter().map(|p| age(p, today)).max().unwrap_or(0);
    let totals = vec![
        count_total("Processing", lines.len()),
        money_total("Amount", lines.iter().map(|p| p.amount).sum()),
        total("Oldest (days)", oldest.to_string(), CellKind::Days),
    ];
    section(
        &format!("Processing, awaiting confirmation (flagged from {AGED_PROCESSING_DAYS} days)"),
        columns,
        rows,
        totals,
    )
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
