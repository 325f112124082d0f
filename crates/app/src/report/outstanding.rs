//! The outstanding (dues) report: what each enrollment open on a day owes as of that day —
//! the engine's unpaid part of installments due on or before it — and the total.

use std::collections::HashMap;

use chrono::NaiveDate;
use kanak_domain::{EnrollmentStatus, Money};
use sqlx::SqliteConnection;

use super::book::{Scope, accounts, closure_lines};
use super::table::{column, count_total, money_total, row, section, table};
use super::{CellKind, Criteria, ReportName, ReportTable};
use crate::AppError;

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    _today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let on = c.as_of;
    let closed_on: HashMap<String, NaiveDate> = closure_lines(conn)
        .await?
        .into_iter()
        .map(|k| (k.enrollment_no, k.closed_on))
        .collect();
    let (mut rows, mut owed, mut fees) = (Vec::new(), Money::ZERO, Money::ZERO);
    for a in accounts(conn, Scope::All).await? {
        let e = &a.enrolled;
        // Open on `on`: started by then, and not closed (or closed only later).
        let open = match e.stored_status {
            EnrollmentStatus::Active | EnrollmentStatus::Matured => true,
            _ => closed_on.get(&e.enrollment_no).is_some_and(|d| *d > on),
        };
        if !open || e.start > on || !c.plan_matches(&e.plan_code) {
            continue;
        }
        let ev = a.evaluate(on);
        if ev.outstanding <= Money::ZERO {
            continue;
        }
        owed = owed + ev.outstanding;
        fees = fees + ev.late_fees;
        let behind = ev.late_installments.len() + ev.missed_installments.len();
        rows.push(
            row(vec![
                e.enrollment_no.clone(),
                e.customer_code.clone(),
                e.customer_name.clone(),
                a.phone.clone(),
                e.plan_code.clone(),
                ev.total_paid.to_plain(),
                ev.outstanding.to_plain(),
                ev.late_fees.to_plain(),
                ev.missed_installments.len().to_string(),
                ev.next_due.map(|(d, _)| d.to_string()).unwrap_or_default(),
            ])
            .enrollment(&e.enrollment_no, &e.customer_code)
            .flag(behind > 0),
        );
    }
    let columns = vec![
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("phone", "Phone", CellKind::Phone),
        column("plan_code", "Plan", CellKind::Text),
        column("paid", "Paid so far", CellKind::Money),
        column("outstanding", "Outstanding", CellKind::Money),
        column("late_fees", "Late fees", CellKind::Money),
        column("missed", "Missed installments", CellKind::Count),
        column("next_due", "Next due", CellKind::Date),
    ];
    let totals = vec![
        count_total("Enrollments owing", rows.len()),
        money_total("Outstanding", owed),
        money_total("Late fees", fees),
    ];
    let mut subtitle = vec![format!("as of {on}")];
    subtitle.extend(c.plan_code.iter().map(|p| format!("plan {p}")));
    Ok(table(
        ReportName::Outstanding,
        "Outstanding dues",
        subtitle.join(", "),
        vec![section("Outstanding", columns, rows, totals)],
    ))
}
