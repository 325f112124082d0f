//! When each installment falls due and how much it is, after pauses and mid-term changes.
//!
//! Installment 1 is due on the enrollment day; installment k on the plan's due day of the
//! (k − 1)th month after, moved on by the months of every pause that began before it.
//! A change of amount applies to installments due on or after the change; installments
//! already due keep the amount they had.

use chrono::{Datelike, Months, NaiveDate};

use crate::bonus::BonusRule;
use crate::engine::facts::Facts;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms};
use crate::schedule::day_in_month_after;

/// One installment's place in the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub number: u32,
    pub due_date: NaiveDate,
    /// The last day of grace: paid by then is on time.
    pub grace_ends: NaiveDate,
    /// The next installment's due date (or a month after the last): unpaid by then is missed.
    pub window_ends: NaiveDate,
    /// What makes the installment paid.
    pub expected: Money,
    /// The most it can hold (a flexible plan's maximum; otherwise the expected amount).
    pub capacity: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    pub start: NaiveDate,
    pub slots: Vec<Slot>,
    /// The maturity reward in force: the chosen tier's, after any change of tier.
    pub bonus: BonusRule,
    pub pause_months: u32,
}

impl Calendar {
    pub fn new(terms: &PlanTerms, facts: &Facts) -> Calendar {
        let count = facts
            .changes
            .iter()
            .filter_map(|c| c.installments)
            .next_back()
            .unwrap_or(terms.installments);
        let bonus = terms
            .rules
            .tier(count)
            .map_or(terms.bonus, |tier| tier.bonus);
        let due_dates = due_dates(terms, facts, count);
        let slots = due_dates
            .iter()
            .enumerate()
            .map(|(i, &due_date)| {
                let number = u32::try_from(i + 1).expect("at most 60 installments");
                let window_ends = due_dates
                    .get(i + 1)
                    .copied()
                    .unwrap_or_else(|| plus_months(due_date, 1));
                let expected = expected_on(terms, facts, due_date);
                let capacity = match (terms.kind, terms.max_amount) {
                    (PlanKind::Flexible, Some(max)) => max,
                    _ => expected,
                };
                let grace_ends = due_date + chrono::Days::new(u64::from(terms.grace_days));
                Slot {
                    number,
                    due_date,
                    grace_ends,
                    window_ends,
                    expected,
                    capacity,
                }
            })
            .collect();
        let pause_months = facts.pauses.iter().map(|p| p.months).sum();
        Calendar {
            start: facts.start,
            slots,
            bonus,
            pause_months,
        }
    }

    pub fn count(&self) -> u32 {
        u32::try_from(self.slots.len()).expect("at most 60 installments")
    }

    pub fn total_payable(&self) -> Money {
        self.slots.iter().map(|s| s.expected).sum()
    }

    /// One installment for bonus purposes: the average expected installment, so that a
    /// plan upgraded mid-term gets a prorated "one installment" bonus.
    pub fn average_installment(&self) -> Money {
        let total = self.total_payable().paise();
        Money::from_paise(total / i64::from(self.count().max(1)))
    }

    /// Enrollment + installments + paused months (+ missed months when the plan moves
    /// maturity for them), same day of the month.
    pub fn maturity_date(&self, terms: &PlanTerms, missed: usize) -> NaiveDate {
        let extension = if terms.rules.lateness.extend_maturity {
            u32::try_from(missed).expect("at most 60 installments")
        } else {
            0
        };
        plus_months(self.start, self.count() + self.pause_months + extension)
    }

    /// Whole months from enrollment to `on` (for sliding rewards and tiers).
    pub fn months_elapsed(&self, on: NaiveDate) -> u32 {
        let mut months = 0;
        while months < 600 && plus_months(self.start, months + 1) <= on {
            months += 1;
        }
        months
    }
}

fn due_dates(terms: &PlanTerms, facts: &Facts, count: u32) -> Vec<NaiveDate> {
    let day = terms.due_day.map_or(facts.start.day(), u32::from);
    let mut pauses = facts.pauses.clone();
    pauses.sort_by_key(|p| p.from);
    let (mut shift, mut applied) = (0, 0);
    (1..=count)
        .map(|number| {
            if number == 1 {
                return facts.start;
            }
            loop {
                let due = day_in_month_after(facts.start, number - 1 + shift, day);
                match pauses.get(applied) {
                    Some(pause) if pause.from <= due => {
                        shift += pause.months;
                        applied += 1;
                    }
                    _ => return due,
                }
            }
        })
        .collect()
}

/// The installment in force for a slot due on `due_date`: the latest change made on or
/// before that day, else the plan's own.
fn expected_on(terms: &PlanTerms, facts: &Facts, due_date: NaiveDate) -> Money {
    facts
        .changes
        .iter()
        .filter(|c| c.on <= due_date)
        .filter_map(|c| c.installment)
        .next_back()
        .unwrap_or_else(|| terms.expected_per_installment())
}

/// The same day `months` later, clamped to the month's end.
pub fn plus_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}
