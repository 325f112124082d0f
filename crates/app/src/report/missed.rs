//! The missed-payments report: for one month, every open enrollment with an installment due
//! that month which the engine calls late, missed or paid late, with the days late and the
//! customer's phone (the row carries the enrollment so the screen can send a reminder).

use chrono::NaiveDate;
use kanak_domain::{EnrollmentStatus, InstallmentStatus, Money};
use sqlx::SqliteConnection;

use super::book::{Scope, accounts};
use super::table::{column, count_total, money_total, row, section, table};
use super::{CellKind, Criteria, ReportName, ReportTable};
use crate::AppError;

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let (first, last) = c.month;
    let mut rows = Vec::new();
    let mut unpaid_total = Money::ZERO;
    for a in accounts(conn, Scope::Active).await? {
        let e = &a.enrolled;
        if e.stored_status != EnrollmentStatus::Active || !c.plan_matches(&e.plan_code) {
            continue;
        }
        // Evaluated today: a past month's installment shows how it ended (paid late or
        // still missing), this month's shows where it stands now.
        let ev = a.evaluate(today);
        for line in &ev.installments {
            let late = matches!(
                line.status,
                InstallmentStatus::Late | InstallmentStatus::Missed | InstallmentStatus::PaidLate
            );
            if !late || line.due_date < first || line.due_date > last {
                continue;
            }
            // Days late count from the due date to the day the money arrived, or to today.
            let until = line.completed_on.unwrap_or(today);
            let days = (until - line.due_date).num_days();
            let unpaid = (line.amount - line.paid).max(Money::ZERO);
            unpaid_total = unpaid_total + unpaid;
            rows.push(
                row(vec![
                    e.enrollment_no.clone(),
                    e.customer_code.clone(),
                    e.customer_name.clone(),
                    a.phone.clone(),
                    e.plan_code.clone(),
                    line.number.to_string(),
                    line.due_date.to_string(),
                    line.amount.to_plain(),
                    unpaid.to_plain(),
                    line.status.as_str().into(),
                    days.to_string(),
                ])
                .enrollment(&e.enrollment_no, &e.customer_code)
                .flag(unpaid > Money::ZERO),
            );
        }
    }
    let columns = vec![
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("phone", "Phone", CellKind::Phone),
        column("plan_code", "Plan", CellKind::Text),
        column("installment_no", "Installment", CellKind::Count),
        column("due_date", "Due", CellKind::Date),
        column("amount", "Amount", CellKind::Money),
        column("unpaid", "Unpaid", CellKind::Money),
        column("status", "Status", CellKind::Text),
        column("days_late", "Days late", CellKind::Days),
    ];
    let totals = vec![
        count_total("Installments", rows.len()),
        money_total("Unpaid", unpaid_total),
    ];
    let mut subtitle = vec![format!("installments due {first} to {last}, as of {today}")];
    subtitle.extend(c.plan_code.iter().map(|p| format!("plan {p}")));
    Ok(table(
        ReportName::Missed,
        "Missed payments",
        subtitle.join(", "),
        vec![section(
            "Missed and late installments",
            columns,
            rows,
            totals,
        )],
    ))
}
