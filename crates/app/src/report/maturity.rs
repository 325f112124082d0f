//! The maturity report: open enrollments whose maturity date (the engine's, which moves with
//! pauses and missed installments) falls in a period (default this month), and those matured
//! but not redeemed past the redemption window (flagged).

use chrono::NaiveDate;
use kanak_domain::{EnrollmentStatus, SchemeState};
use sqlx::SqliteConnection;

use super::book::{Account, Scope, accounts};
use super::filter::month_of;
use super::table::{column, count_total, money_total, row, section, table};
use super::{CellKind, Criteria, ReportColumn, ReportName, ReportRow, ReportTable};
use crate::AppError;

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let (from, to) = c.range_or(month_of(today));
    let (mut maturing, mut overdue) = (Vec::new(), Vec::new());
    let (mut maturing_paid, mut overdue_paid) = (Vec::new(), Vec::new());
    for a in accounts(conn, Scope::All).await? {
        let e = &a.enrolled;
        let open = matches!(
            e.stored_status,
            EnrollmentStatus::Active | EnrollmentStatus::Matured
        );
        if !open || !c.plan_matches(&e.plan_code) {
            continue;
        }
        let ev = a.evaluate(today);
        if ev.maturity_date >= from && ev.maturity_date <= to {
            maturing_paid.push(ev.total_paid);
            maturing.push(line(&a, &ev, false));
        }
        if ev.state == SchemeState::RedemptionOverdue {
            overdue_paid.push(ev.total_paid);
            overdue.push(line(&a, &ev, true));
        }
    }
    let totals = |rows: &[ReportRow], paid: Vec<kanak_domain::Money>| {
        vec![
            count_total("Enrollments", rows.len()),
            money_total("Paid", paid.into_iter().sum()),
        ]
    };
    let t1 = totals(&maturing, maturing_paid);
    let t2 = totals(&overdue, overdue_paid);
    Ok(table(
        ReportName::Maturity,
        "Maturity due",
        format!(
            "maturing {from} to {to}; matured and not redeemed past the redemption window as of {today}"
        ),
        vec![
            section("Maturing in the period", columns(), maturing, t1),
            section(
                "Past the redemption window, not redeemed",
                columns(),
                overdue,
                t2,
            ),
        ],
    ))
}

fn columns() -> Vec<ReportColumn> {
    vec![
        column("enrollment_no", "Enrollment", CellKind::Text),
        column("customer_code", "Customer", CellKind::Text),
        column("customer_name", "Name", CellKind::Text),
        column("phone", "Phone", CellKind::Phone),
        column("plan_code", "Plan", CellKind::Text),
        column("maturity_date", "Matures", CellKind::Date),
        column("redeem_by", "Redeem by", CellKind::Date),
        column("paid", "Paid", CellKind::Money),
        column("grams", "Grams", CellKind::Grams),
        column("bonus_at_maturity", "Bonus at maturity", CellKind::Money),
        column("state", "State", CellKind::Text),
    ]
}

fn line(a: &Account, ev: &kanak_domain::Evaluation, flagged: bool) -> ReportRow {
    let e = &a.enrolled;
    row(vec![
        e.enrollment_no.clone(),
        e.customer_code.clone(),
        e.customer_name.clone(),
        a.phone.clone(),
        e.plan_code.clone(),
        ev.maturity_date.to_string(),
        ev.redeem_by.map(|d| d.to_string()).unwrap_or_default(),
        ev.total_paid.to_plain(),
        ev.total_grams.to_plain(),
        ev.bonus_at_maturity.money.to_plain(),
        ev.state.as_str().into(),
    ])
    .enrollment(&e.enrollment_no, &e.customer_code)
    .flag(flagged)
}
