//! Which installment each rupee pays, and each installment's status on a day.
//!
//! A payment first fills the installment whose month it was paid in (the "current" one),
//! then the oldest unpaid installments (arrears), then later ones (advance). Filling the
//! current month first is what a jeweller means by "she skipped May": a customer who
//! misses one month and then pays on time has ONE missed installment, not a late streak
//! for the rest of the plan.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::engine::calendar::{Calendar, Slot};
use crate::engine::facts::Facts;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms};
use crate::rules::LateFee;

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentStatus {
    /// Paid in full by the end of its grace period.
    Paid,
    /// Paid in full, but after the grace period.
    PaidLate,
    /// Some money, not enough, and still within its grace period.
    PartlyPaid,
    Upcoming,
    Due,
    InGrace,
    /// Past grace, not fully paid, next installment not yet due.
    Late,
    /// Not fully paid by the time the next installment fell due.
    Missed,
}

impl InstallmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstallmentStatus::Paid => "paid",
            InstallmentStatus::PaidLate => "paid_late",
            InstallmentStatus::PartlyPaid => "partly_paid",
            InstallmentStatus::Upcoming => "upcoming",
            InstallmentStatus::Due => "due",
            InstallmentStatus::InGrace => "in_grace",
            InstallmentStatus::Late => "late",
            InstallmentStatus::Missed => "missed",
        }
    }

    /// Paid after grace, or still unpaid past it: it counts against an on-time bonus.
    pub fn is_late(self) -> bool {
        matches!(
            self,
            InstallmentStatus::PaidLate | InstallmentStatus::Late | InstallmentStatus::Missed
        )
    }

    pub fn is_paid(self) -> bool {
        matches!(self, InstallmentStatus::Paid | InstallmentStatus::PaidLate)
    }
}

impl fmt::Display for InstallmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One installment on the day of evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstallmentLine {
    pub number: u32,
    pub due_date: NaiveDate,
    pub grace_ends: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    /// The day the money that completed it arrived.
    pub completed_on: Option<NaiveDate>,
    pub status: InstallmentStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub lines: Vec<InstallmentLine>,
    pub total_paid: Money,
    pub late: Vec<u32>,
    pub missed: Vec<u32>,
    /// For each payment (in date order), the first installment it paid into.
    pub first_installment: Vec<u32>,
}

/// Pours the payments received up to `on` into the calendar's installments.
pub fn allocate(terms: &PlanTerms, cal: &Calendar, facts: &Facts, on: NaiveDate) -> Allocation {
    let mut paid = vec![Money::ZERO; cal.slots.len()];
    let mut completed = vec![None; cal.slots.len()];
    let mut first_installment = Vec::new();
    let payments: Vec<_> = facts
        .payments_by_date()
        .into_iter()
        .filter(|p| p.on <= on)
        .collect();
    for payment in &payments {
        let before = paid.clone();
        pour(
            cal,
            terms.kind,
            payment.amount,
            current_slot(cal, payment.on),
            &mut paid,
        );
        let touched = (0..paid.len()).find(|&i| paid[i] != before[i]).unwrap_or(0);
        first_installment.push(u32::try_from(touched + 1).expect("at most 60 installments"));
        for (i, slot) in cal.slots.iter().enumerate() {
            if completed[i].is_none() && paid[i] >= slot.expected && paid[i].is_positive() {
                completed[i] = Some(payment.on);
            }
        }
    }
    let lines: Vec<InstallmentLine> = cal
        .slots
        .iter()
        .enumerate()
        .map(|(i, slot)| line(slot, paid[i], completed[i], on))
        .collect();
    let late = lines
        .iter()
        .filter(|l| l.status.is_late())
        .map(|l| l.number)
        .collect();
    // Missed: unpaid when the next installment fell due (now, or before it was made up).
    let missed = lines
        .iter()
        .zip(&cal.slots)
        .filter(|(l, slot)| {
            l.completed_on
                .map_or(on >= slot.window_ends, |day| day >= slot.window_ends)
        })
        .map(|(l, _)| l.number)
        .collect();
    Allocation {
        late,
        missed,
        total_paid: payments.iter().map(|p| p.amount).sum(),
        lines,
        first_installment,
    }
}

/// The installment whose month `day` falls in (the first before it starts, none after the last).
fn current_slot(cal: &Calendar, day: NaiveDate) -> Option<usize> {
    if cal.slots.first().is_some_and(|s| day < s.due_date) {
        return Some(0);
    }
    cal.slots
        .iter()
        .position(|s| s.due_date <= day && day < s.window_ends)
}

/// Current month up to its capacity, then every installment in order up to what it
/// expects, then (flexible plans) up to its capacity.
fn pour(cal: &Calendar, kind: PlanKind, amount: Money, current: Option<usize>, paid: &mut [Money]) {
    let mut left = amount;
    let mut fill = |i: usize, up_to: Money, left: &mut Money| {
        let room = (up_to - paid[i]).max(Money::ZERO).min(*left);
        paid[i] += room;
        *left -= room;
    };
    if let Some(i) = current {
        fill(i, cal.slots[i].capacity, &mut left);
    }
    for (i, slot) in cal.slots.iter().enumerate() {
        fill(i, slot.expected, &mut left);
    }
    if kind == PlanKind::Flexible {
        for (i, slot) in cal.slots.iter().enumerate() {
            fill(i, slot.capacity, &mut left);
        }
    }
    // Whatever is still left (a plan over-paid before this check existed) stays on the
    // last installment so that no money ever disappears from the ledger.
    if let Some(last) = paid.last_mut() {
        *last += left;
    }
}

fn line(
    slot: &Slot,
    paid: Money,
    completed_on: Option<NaiveDate>,
    on: NaiveDate,
) -> InstallmentLine {
    use InstallmentStatus::*;
    let status = if paid >= slot.expected && completed_on.is_some() {
        if completed_on.is_some_and(|day| day <= slot.grace_ends) {
            Paid
        } else {
            PaidLate
        }
    } else if on >= slot.window_ends {
        Missed
    } else if on > slot.grace_ends {
        Late
    } else if paid.is_positive() {
        PartlyPaid
    } else if on < slot.due_date {
        Upcoming
    } else if on == slot.due_date {
        Due
    } else {
        InGrace
    };
    InstallmentLine {
        number: slot.number,
        due_date: slot.due_date,
        grace_ends: slot.grace_ends,
        amount: slot.expected,
        paid,
        completed_on,
        status,
    }
}

impl Allocation {
    pub fn outstanding(&self, on: NaiveDate) -> Money {
        self.lines
            .iter()
            .filter(|l| l.due_date <= on)
            .map(|l| (l.amount - l.paid).max(Money::ZERO))
            .sum()
    }

    pub fn next_due(&self) -> Option<(NaiveDate, Money)> {
        self.lines
            .iter()
            .find(|l| l.paid < l.amount)
            .map(|l| (l.due_date, l.amount - l.paid))
    }

    pub fn paid_count(&self) -> u32 {
        let count = self.lines.iter().filter(|l| l.status.is_paid()).count();
        u32::try_from(count).expect("at most 60 installments")
    }

    /// Installments paid in full and on time.
    pub fn on_time_count(&self) -> u32 {
        let count = self
            .lines
            .iter()
            .filter(|l| l.status == InstallmentStatus::Paid)
            .count();
        u32::try_from(count).expect("at most 60 installments")
    }
}

/// Late fees owed on `on`: per late installment, or per month (or part) it was late.
pub fn late_fees(terms: &PlanTerms, cal: &Calendar, alloc: &Allocation, on: NaiveDate) -> Money {
    let Some(fee) = terms.rules.lateness.late_fee else {
        return Money::ZERO;
    };
    alloc
        .lines
        .iter()
        .filter(|l| l.status.is_late())
        .map(|l| match fee {
            LateFee::Fixed { amount } => amount,
            LateFee::PercentPerMonth { percent } => {
                let until = l.completed_on.unwrap_or(on);
                let days = (until - l.grace_ends).num_days().max(1);
                let months = u32::try_from((days + 29) / 30).unwrap_or(u32::MAX);
                percent
                    .of(cal.slots[l.number as usize - 1].expected)
                    .times(months)
            }
        })
        .sum()
}

/// Sentences about lateness and maturity for the customer.
pub fn explain(
    terms: &PlanTerms,
    cal: &Calendar,
    alloc: &Allocation,
    maturity: NaiveDate,
    facts: &Facts,
) -> Vec<String> {
    let mut out = Vec::new();
    if !alloc.late.is_empty() {
        out.push(format!(
            "Installment{} {} {} not paid within the {}-day grace period.",
            plural(alloc.late.len()),
            list(&alloc.late),
            if alloc.late.len() == 1 { "was" } else { "were" },
            terms.grace_days
        ));
    }
    let missed_whole = alloc
        .lines
        .iter()
        .filter(|l| l.status == InstallmentStatus::Missed)
        .count();
    if terms.rules.lateness.extend_maturity && !alloc.missed.is_empty() {
        out.push(format!(
            "Maturity moved by {} month{} for the missed installment{}: now {}.",
            alloc.missed.len(),
            plural(alloc.missed.len()),
            plural(alloc.missed.len()),
            crate::format::format_date(maturity)
        ));
    } else if missed_whole > 0 {
        out.push(format!(
            "{missed_whole} installment{} still unpaid after the next one fell due.",
            plural(missed_whole)
        ));
    }
    if cal.pause_months > 0 {
        out.push(format!(
            "Paused for {} month{} in all; maturity moved accordingly.",
            cal.pause_months,
            plural(cal.pause_months as usize)
        ));
    }
    if facts.changes.iter().any(|c| c.installment.is_some()) {
        out.push("The installment amount was changed mid-term; installments already due kept their amount.".into());
    }
    out
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// "4", "4 and 7", "2, 4 and 7".
pub(crate) fn list(numbers: &[u32]) -> String {
    let text: Vec<String> = numbers.iter().map(u32::to_string).collect();
    match text.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
