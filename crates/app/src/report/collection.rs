//! Collections: per plan (enrollments, money collected, the bonus the shop owes so far) and
//! per day and staff member by mode (what should be in the cash drawer).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kanak_domain::{EnrollmentStatus, Money, PaymentMode, PaymentStatus};
use sqlx::SqliteConnection;

use super::book::{Scope, accounts, payment_lines};
use super::payments::matches;
use super::table::{column, count_total, money_total, row, section, table, words};
use super::{CellKind, Criteria, ReportName, ReportTable};
use crate::AppError;

#[derive(Default)]
struct PlanLine {
    name: String,
    enrollments: usize,
    open: usize,
    collected: Money,
    bonus_liability: Money,
}

/// Collected counts confirmed payments received in the range; the bonus liability is the
/// engine's bonus earned so far (as of today) by every open enrollment, on what it has paid.
pub(crate) async fn by_plan(
    conn: &mut SqliteConnection,
    c: &Criteria,
    today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let mut plans: BTreeMap<String, PlanLine> = BTreeMap::new();
    for r in sqlx::query!("SELECT code, name FROM plans ORDER BY code")
        .fetch_all(&mut *conn)
        .await?
    {
        if c.plan_matches(&r.code) {
            plans.entry(r.code).or_default().name = r.name;
        }
    }
    for a in accounts(conn, Scope::All).await? {
        let e = &a.enrolled;
        let Some(plan) = plans.get_mut(&e.plan_code) else {
            continue;
        };
        plan.enrollments += 1;
        if matches!(
            e.stored_status,
            EnrollmentStatus::Active | EnrollmentStatus::Matured
        ) {
            plan.open += 1;
            let ev = a.evaluate(today);
            plan.bonus_liability = plan.bonus_liability + ev.bonus_so_far.money;
        }
    }
    for p in payment_lines(conn).await? {
        let counted = p.status == PaymentStatus::Confirmed && matches(c, &p);
        if let (true, Some(plan)) = (counted, plans.get_mut(&p.plan_code)) {
            plan.collected = plan.collected + p.amount;
        }
    }
    let rows = plans
        .iter()
        .map(|(code, p)| {
            row(vec![
                code.clone(),
                p.name.clone(),
                p.enrollments.to_string(),
                p.open.to_string(),
                p.collected.to_plain(),
                p.bonus_liability.to_plain(),
            ])
        })
        .collect();
    let columns = vec![
        column("plan_code", "Plan", CellKind::Text),
        column("plan_name", "Name", CellKind::Text),
        column("enrollments", "Enrollments", CellKind::Count),
        column("open", "Open", CellKind::Count),
        column("collected", "Collected (confirmed)", CellKind::Money),
        column(
            "bonus_liability",
            "Bonus liability (earned so far by open enrollments)",
            CellKind::Money,
        ),
    ];
    let totals = vec![
        count_total("Enrollments", plans.values().map(|p| p.enrollments).sum()),
        money_total("Collected", plans.values().map(|p| p.collected).sum()),
        money_total(
            "Bonus liability",
            plans.values().map(|p| p.bonus_liability).sum(),
        ),
    ];
    let mut subtitle = c.words(true);
    subtitle.push(format!("bonus liability as of {today}"));
    Ok(table(
        ReportName::PlanCollection,
        "Plan-wise collection",
        words(subtitle),
        vec![section("By plan", columns, rows, totals)],
    ))
}

/// Money taken at the counter per day and staff member, by mode. A failed payment (a
/// bounced cheque) brought no money and is left out; a processing cheque was handed over
/// and is counted, as is a payment refunded later (it came in that day).
pub(crate) async fn by_staff(
    conn: &mut SqliteConnection,
    c: &Criteria,
    today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let mut c = c.clone();
    if c.from.is_none() && c.to.is_none() {
        (c.from, c.to) = (Some(today), Some(today));
    }
    let mut days: BTreeMap<(NaiveDate, String), ([Money; 5], usize)> = BTreeMap::new();
    for p in payment_lines(conn).await? {
        if p.status == PaymentStatus::Failed || !matches(&c, &p) {
            continue;
        }
        let slot = days
            .entry((p.received_on, p.received_by.clone()))
            .or_default();
        let i = PaymentMode::ALL
            .iter()
            .position(|m| *m == p.mode)
            .unwrap_or(0);
        slot.0[i] = slot.0[i] + p.amount;
        slot.1 += 1;
    }
    let mut by_mode = [Money::ZERO; 5];
    let mut rows = Vec::new();
    for ((day, staff), (modes, count)) in &days {
        let mut cells = vec![day.to_string(), staff.clone()];
        for (i, m) in modes.iter().enumerate() {
            by_mode[i] = by_mode[i] + *m;
            cells.push(m.to_plain());
        }
        cells.push(modes.iter().copied().sum::<Money>().to_plain());
        cells.push(count.to_string());
        rows.push(row(cells));
    }
    let mut columns = vec![
        column("date", "Date", CellKind::Date),
        column("staff", "Staff", CellKind::Text),
    ];
    let mut totals = Vec::new();
    for (i, m) in PaymentMode::ALL.iter().enumerate() {
        columns.push(column(m.as_str(), &mode_label(*m), CellKind::Money));
        totals.push(money_total(&mode_label(*m), by_mode[i]));
    }
    columns.push(column("total", "Total", CellKind::Money));
    columns.push(column("payments", "Payments", CellKind::Count));
    totals.push(money_total("Total", by_mode.iter().copied().sum()));
    totals.push(count_total("Payments", days.values().map(|d| d.1).sum()));
    Ok(table(
        ReportName::StaffCollection,
        "Staff-wise collection",
        words(c.words(true)),
        vec![section("By day and staff", columns, rows, totals)],
    ))
}

fn mode_label(m: PaymentMode) -> String {
    match m {
        PaymentMode::Cash => "Cash",
        PaymentMode::Upi => "UPI",
        PaymentMode::Card => "Card",
        PaymentMode::Bank => "Bank",
        PaymentMode::Cheque => "Cheque",
    }
    .to_string()
}
