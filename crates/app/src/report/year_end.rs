//! The year-end summary for an Indian financial year (1 April to 31 March): the scheme
//! liability at the start, what moved it, and where it ended; in all, by plan, by month.
//!
//! Liability on a day = money received from customers on payments that are confirmed (or
//! were, and have since been refunded), up to that day, less what has gone back out: those
//! payment refunds, and the paid-in money that each closure settled. Bonus is not a liability
//! until it is given: it enters as "bonuses" on the day of the closure that gives it, and
//! leaves at once as part of the value redeemed (or refunded in cash). So for any period
//!
//!   opening + collected + bonuses − deductions − redeemed − refunded = closing
//!
//! where, for closures in the period, bonuses = value + deductions − paid (what the closure
//! gave beyond the money paid in and kept back), deductions = what a closure kept back
//! (premature-closure charges), redeemed = the value of jewellery closures, and refunded =
//! cash closures' value plus refunded payments. Statuses are as they stand today: a cheque
//! still processing is not money yet.

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};
use kanak_domain::{Money, PaymentStatus};
use sqlx::SqliteConnection;

use super::book::{closure_lines, payment_lines};
use super::filter::financial_year_name;
use super::table::{column, money_total, row, section, table};
use super::{CellKind, Criteria, ReportColumn, ReportName, ReportSection, ReportTable};
use crate::AppError;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Collected,
    Bonus,
    Deduction,
    Redeemed,
    Refunded,
}

/// One thing that moved the liability: positive amounts; `Flow` says which way.
struct Movement {
    on: NaiveDate,
    plan: String,
    flow: Flow,
    amount: Money,
}

impl Movement {
    fn signed(&self) -> Money {
        match self.flow {
            Flow::Collected | Flow::Bonus => self.amount,
            _ => Money::ZERO - self.amount,
        }
    }
}

/// A period's figures, in the order of the columns.
#[derive(Default, Clone, Copy, Debug, PartialEq)]
pub(crate) struct Figures {
    pub opening: Money,
    pub collected: Money,
    pub bonuses: Money,
    pub deductions: Money,
    pub redeemed: Money,
    pub refunded: Money,
    pub closing: Money,
}

async fn movements(conn: &mut SqliteConnection) -> Result<Vec<Movement>, AppError> {
    let mut out = Vec::new();
    for p in payment_lines(conn).await? {
        let received = matches!(p.status, PaymentStatus::Confirmed | PaymentStatus::Refunded);
        if received {
            out.push(Movement {
                on: p.received_on,
                plan: p.plan_code.clone(),
                flow: Flow::Collected,
                amount: p.amount,
            });
        }
        if p.status == PaymentStatus::Refunded {
            out.push(Movement {
                on: p.status_on,
                plan: p.plan_code,
                flow: Flow::Refunded,
                amount: p.amount,
            });
        }
    }
    for k in closure_lines(conn).await? {
        let given = if k.settlement == "jewellery" {
            Flow::Redeemed
        } else {
            Flow::Refunded
        };
        let bonus = k.value + k.deductions - k.paid;
        let mut push = |flow, amount| {
            out.push(Movement {
                on: k.closed_on,
                plan: k.plan_code.clone(),
                flow,
                amount,
            })
        };
        push(Flow::Bonus, bonus);
        push(Flow::Deduction, k.deductions);
        push(given, k.value);
    }
    Ok(out)
}

fn figures<'a>(
    moves: impl Iterator<Item = &'a Movement>,
    from: NaiveDate,
    to: NaiveDate,
) -> Figures {
    let mut f = Figures::default();
    for m in moves {
        if m.on < from {
            f.opening = f.opening + m.signed();
            continue;
        }
        if m.on > to {
            continue;
        }
        let slot = match m.flow {
            Flow::Collected => &mut f.collected,
            Flow::Bonus => &mut f.bonuses,
            Flow::Deduction => &mut f.deductions,
            Flow::Redeemed => &mut f.redeemed,
            Flow::Refunded => &mut f.refunded,
        };
        *slot = *slot + m.amount;
    }
    f.closing = f.opening + f.collected + f.bonuses - f.deductions - f.redeemed - f.refunded;
    f
}

fn cells(label: String, f: &Figures) -> Vec<String> {
    let mut c = vec![label];
    c.extend(
        [
            f.opening,
            f.collected,
            f.bonuses,
            f.deductions,
            f.redeemed,
            f.refunded,
            f.closing,
        ]
        .map(Money::to_plain),
    );
    c
}

fn columns(first: (&str, &str)) -> Vec<ReportColumn> {
    let mut c = vec![column(first.0, first.1, CellKind::Text)];
    for (k, l) in [
        ("opening", "Opening liability"),
        ("collected", "Collected"),
        ("bonuses", "Bonuses given"),
        ("deductions", "Deductions kept"),
        ("redeemed", "Redeemed (jewellery)"),
        ("refunded", "Refunded"),
        ("closing", "Closing liability"),
    ] {
        c.push(column(k, l, CellKind::Money));
    }
    c
}

fn totals(f: &Figures) -> Vec<super::ReportTotal> {
    vec![
        money_total("Opening liability", f.opening),
        money_total("Collected", f.collected),
        money_total("Bonuses given", f.bonuses),
        money_total("Deductions kept", f.deductions),
        money_total("Redeemed", f.redeemed),
        money_total("Refunded", f.refunded),
        money_total("Closing liability", f.closing),
    ]
}

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    _today: NaiveDate,
) -> Result<ReportTable, AppError> {
    let (start, end) = c.financial_year;
    let moves: Vec<Movement> = movements(conn)
        .await?
        .into_iter()
        .filter(|m| c.plan_matches(&m.plan))
        .collect();
    let year = figures(moves.iter(), start, end);
    let summary = section(
        "Summary",
        columns(("financial_year", "Financial year")),
        vec![row(cells(financial_year_name(start), &year))],
        totals(&year),
    );
    let plans: BTreeSet<&str> = moves.iter().map(|m| m.plan.as_str()).collect();
    let by_plan_rows = plans
        .iter()
        .map(|p| {
            row(cells(
                p.to_string(),
                &figures(moves.iter().filter(|m| m.plan == *p), start, end),
            ))
        })
        .collect();
    let by_plan = section(
        "By plan",
        columns(("plan_code", "Plan")),
        by_plan_rows,
        totals(&year),
    );
    Ok(table(
        ReportName::YearEnd,
        "Year-end summary",
        format!(
            "financial year {} ({start} to {end}){}; liability = confirmed money received and not yet refunded or settled by a closure; bonus counts when a closure gives it",
            financial_year_name(start),
            c.plan_code
                .as_ref()
                .map(|p| format!(", plan {p}"))
                .unwrap_or_default()
        ),
        vec![summary, by_plan, by_month(&moves, start, &year)],
    ))
}

fn by_month(moves: &[Movement], start: NaiveDate, year: &Figures) -> ReportSection {
    let rows = (0..12)
        .map(|i| {
            let first = start + Months::new(i);
            let last = first + Months::new(1) - chrono::Days::new(1);
            row(cells(
                first.format("%Y-%m").to_string(),
                &figures(moves.iter(), first, last),
            ))
        })
        .collect();
    section("By month", columns(("month", "Month")), rows, totals(year))
}
