//! Where an enrollment stands on a given day: what is paid, what is due, what is late.
//!
//! Payments are not tied to a particular installment when they are taken. Instead all the
//! money paid is poured into the installments in order (installment 1 fills first), so a
//! customer who pays two months at once, or a bit short one month and extra the next, is
//! always credited exactly what they paid, and the position can be recomputed from the
//! receipts alone at any time.

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::field::FieldError;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms};
use crate::schedule::{Due, schedule};

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentStatus {
    Paid,
    PartlyPaid,
    Upcoming,
    Due,
    InGrace,
    Overdue,
}

impl InstallmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstallmentStatus::Paid => "paid",
            InstallmentStatus::PartlyPaid => "partly_paid",
            InstallmentStatus::Upcoming => "upcoming",
            InstallmentStatus::Due => "due",
            InstallmentStatus::InGrace => "in_grace",
            InstallmentStatus::Overdue => "overdue",
        }
    }
}

impl fmt::Display for InstallmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A confirmed payment: the day it was received and how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaidEntry {
    pub on: NaiveDate,
    pub amount: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstallmentPosition {
    pub number: u32,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    pub status: InstallmentStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub installments: Vec<InstallmentPosition>,
    pub total_paid: Money,
    /// Total payable − total paid, never below zero.
    pub remaining: Money,
    /// The unpaid part of installments whose due date is today or earlier.
    pub outstanding: Money,
    pub overdue_count: u32,
    /// The first installment not fully paid: its due date and unpaid part.
    pub next_due: Option<(NaiveDate, Money)>,
    pub paid_installments: u32,
}

/// The position on `today` of a plan started on `start`, given its confirmed payments
/// (in receipt order). Money fills installment 1, then 2, and so on; each installment's
/// status then follows from what it holds and its dates (see [`status_on`]).
pub fn position(terms: &PlanTerms, start: NaiveDate, paid: &[PaidEntry], today: NaiveDate) -> Position {
    let total_paid: Money = paid.iter().map(|entry| entry.amount).sum();
    let mut unallocated = total_paid.max(Money::ZERO);
    let installments: Vec<InstallmentPosition> = schedule(terms, start)
        .into_iter()
        .map(|due| {
            let paid = unallocated.min(due.amount);
            unallocated -= paid;
            let status = status_on(today, &due, paid, terms.grace_days);
            InstallmentPosition {
                number: due.number,
                due_date: due.due_date,
                amount: due.amount,
                paid,
                status,
            }
        })
        .collect();
    summarise(terms, installments, total_paid, today)
}

/// Paid when full; otherwise by date: Upcoming before the due date, Due on it, InGrace
/// during the grace days, Overdue after them. Some money but not enough turns Upcoming,
/// Due or InGrace into PartlyPaid; once overdue, a part payment is still overdue.
fn status_on(today: NaiveDate, due: &Due, paid: Money, grace_days: u8) -> InstallmentStatus {
    if paid >= due.amount {
        return InstallmentStatus::Paid;
    }
    let grace_ends = due
        .due_date
        .checked_add_days(Days::new(u64::from(grace_days)))
        .unwrap_or(NaiveDate::MAX);
    if today > grace_ends {
        return InstallmentStatus::Overdue;
    }
    if paid.is_positive() {
        return InstallmentStatus::PartlyPaid;
    }
    if today < due.due_date {
        InstallmentStatus::Upcoming
    } else if today == due.due_date {
        InstallmentStatus::Due
    } else {
        InstallmentStatus::InGrace
    }
}

fn summarise(
    terms: &PlanTerms,
    installments: Vec<InstallmentPosition>,
    total_paid: Money,
    today: NaiveDate,
) -> Position {
    let unpaid = |i: &InstallmentPosition| i.amount - i.paid;
    let outstanding = installments.iter().filter(|i| i.due_date <= today).map(unpaid).sum();
    let count = |status| installments.iter().filter(|i| i.status == status).count();
    let overdue_count = count(InstallmentStatus::Overdue);
    let paid_installments = count(InstallmentStatus::Paid);
    let next_due = installments
        .iter()
        .find(|i| i.paid < i.amount)
        .map(|i| (i.due_date, unpaid(i)));
    Position {
        remaining: (terms.total_payable() - total_paid).max(Money::ZERO),
        outstanding,
        overdue_count: u32::try_from(overdue_count).expect("at most 60 installments"),
        next_due,
        paid_installments: u32::try_from(paid_installments).expect("at most 60 installments"),
        installments,
        total_paid,
    }
}

/// The installment a new payment settles: the one where its first paisa lands, given what
/// was paid before it (1-based, never beyond the last installment).
pub fn installment_for(terms: &PlanTerms, paid_before: Money) -> u32 {
    let per_installment = terms.expected_per_installment().paise();
    if per_installment <= 0 {
        return 1;
    }
    let full_installments_before = paid_before.paise().max(0) / per_installment;
    u32::try_from(full_installments_before + 1)
        .unwrap_or(u32::MAX)
        .min(terms.installments)
        .max(1)
}

/// Refuses a payment that is not positive, one outside a flexible plan's min..=max, or
/// one that would take the plan past the most it can hold ([`PlanTerms::most_payable`]).
pub fn check_payment(terms: &PlanTerms, paid_before: Money, amount: Money) -> Result<(), FieldError> {
    if !amount.is_positive() {
        return Err(FieldError::new("amount", "must be greater than zero"));
    }
    if let (PlanKind::Flexible, Some(min), Some(max)) = (terms.kind, terms.min_amount, terms.max_amount)
        && (amount < min || amount > max)
    {
        let range = format!("must be between {} and {}", min.format_inr(), max.format_inr());
        return Err(FieldError::new("amount", range));
    }
    let still_payable = (terms.most_payable() - paid_before).max(Money::ZERO);
    if still_payable.is_zero() {
        return Err(FieldError::new("amount", "this plan is already fully paid"));
    }
    if amount > still_payable {
        let problem = format!("exceeds the {} still payable on this plan", still_payable.format_inr());
        return Err(FieldError::new("amount", problem));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
