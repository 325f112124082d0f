//! The plan simulator: what a customer would get for a payment pattern, before the plan
//! is published. "late 3 7, skip 5, close 6" reads as: installments 3 and 7 paid after the
//! grace period, 5 never paid, the plan closed when installment 7 would have been due.

use chrono::{Days, NaiveDate};

use crate::engine::calendar::Calendar;
use crate::engine::facts::{Facts, PaidEntry, Pause};
use crate::engine::{Evaluation, evaluate};
use crate::field::FieldError;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms};
use crate::weight::{RatePerGram, Weight};

/// A payment pattern, by installment number (1-based).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Pattern {
    pub late: Vec<u32>,
    pub skipped: Vec<u32>,
    pub close_after: Option<u32>,
    /// (before installment, months)
    pub pauses: Vec<(u32, u32)>,
}

const PATTERN_HELP: &str = r#"clauses separated by commas: "on time", "late 3 7", "skip 5", "close 6", "pause 4 2" (before installment 4, for 2 months)"#;

impl Pattern {
    /// Reads clauses like "on time, late in months 3 and 7, skips month 5, closes after month 6":
    /// the first word says what, the numbers say which installments.
    pub fn parse(text: &str) -> Result<Pattern, FieldError> {
        let mut pattern = Pattern::default();
        for clause in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let lower = clause.to_lowercase();
            let numbers: Vec<u32> = lower
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            if numbers.iter().any(|n| !(1..=60).contains(n)) {
                return Err(FieldError::new(
                    "pattern",
                    "installment numbers must be from 1 to 60",
                ));
            }
            match lower.split_whitespace().next().unwrap_or("") {
                "on" | "ontime" | "all" => {}
                w if w.starts_with("late") => pattern.late.extend(numbers),
                w if w.starts_with("skip") || w.starts_with("miss") => {
                    pattern.skipped.extend(numbers)
                }
                w if w.starts_with("close") => pattern.close_after = Some(single(&numbers)?),
                w if w.starts_with("pause") => match numbers[..] {
                    [before, months] => pattern.pauses.push((before, months)),
                    _ => {
                        return Err(FieldError::new(
                            "pattern",
                            "pause needs two numbers: before which installment, and how many months",
                        ));
                    }
                },
                _ => {
                    return Err(FieldError::new(
                        "pattern",
                        format!("cannot read \"{clause}\"; use {PATTERN_HELP}"),
                    ));
                }
            }
        }
        Ok(pattern)
    }
}

fn single(numbers: &[u32]) -> Result<u32, FieldError> {
    match numbers {
        [n] => Ok(*n),
        _ => Err(FieldError::new(
            "pattern",
            "close needs one installment number, e.g. \"close 6\"",
        )),
    }
}

/// A simulated enrollment: the payments the pattern makes and the engine's answer on the
/// day it closes (or at maturity).
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    pub facts: Facts,
    pub evaluation: Evaluation,
}

/// Runs `pattern` on a plan enrolled on `start`. Weight plans buy gold at `rate` throughout.
pub fn simulate(
    terms: &PlanTerms,
    start: NaiveDate,
    pattern: &Pattern,
    rate: RatePerGram,
) -> Simulation {
    let mut facts = Facts::paid(start, Vec::new());
    let plain = Calendar::new(terms, &facts);
    facts.pauses = pattern
        .pauses
        .iter()
        .filter_map(|&(before, months)| {
            plain.slots.get(before as usize - 1).map(|s| Pause {
                from: s.due_date,
                months,
            })
        })
        .collect();
    let cal = Calendar::new(terms, &facts);
    let last = pattern.close_after.unwrap_or(cal.count()).min(cal.count());
    for slot in cal.slots.iter().take(last as usize) {
        if pattern.skipped.contains(&slot.number) {
            continue;
        }
        let on = if pattern.late.contains(&slot.number) {
            (slot.grace_ends + Days::new(3))
                .min(slot.window_ends.pred_opt().unwrap_or(slot.window_ends))
        } else {
            slot.due_date
        };
        let grams = if terms.kind == PlanKind::Weight {
            Weight::bought(slot.expected, rate)
        } else {
            Weight::ZERO
        };
        facts.payments.push(PaidEntry {
            on,
            amount: slot.expected,
            grams,
        });
    }
    let on = match pattern.close_after {
        Some(n) if n < cal.count() => cal.slots[n as usize].due_date,
        _ => cal
            .maturity_date(terms, pattern.skipped.len())
            .max(last_payment_day(&facts)),
    };
    let evaluation = evaluate(terms, &facts, on);
    Simulation { facts, evaluation }
}

fn last_payment_day(facts: &Facts) -> NaiveDate {
    facts
        .payments
        .iter()
        .map(|p| p.on)
        .max()
        .unwrap_or(facts.start)
}

/// A nominal rate for simulating weight plans when none is given: ₹7,000.00/g.
pub fn nominal_rate() -> RatePerGram {
    RatePerGram::new(Money::from_rupees(7000)).expect("a positive rate")
}
