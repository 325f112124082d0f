//! THE scheme engine: where an enrollment stands on a given day, under its own terms.
//!
//! Everything the customer is told about their plan — the schedule and each installment's
//! status, what is outstanding, the bonus earned, the maturity date, what a premature
//! closure would pay — comes from [`evaluate`]. The UI, the CLI, the reports, the ledger
//! PDF and the closure flow all call it, so the numbers agree everywhere. Each answer
//! carries a short explanation in plain words, printed on the ledger and the closure
//! statement.
//!
//! Read in this order: [`facts`] (what happened), [`calendar`] (when installments fall due,
//! after pauses and changes), [`allocation`] (which installment each rupee pays),
//! [`benefit`] (bonus and rewards), [`closure`] (redemption and refund quotes),
//! [`simulate`] (the plan simulator) and [`change`] (upgrades and downgrades).

pub mod allocation;
pub mod benefit;
pub mod calendar;
pub mod change;
pub mod closure;
pub mod facts;
pub mod simulate;

use chrono::NaiveDate;

pub use allocation::{InstallmentLine, InstallmentStatus};
pub use benefit::{Benefit, BenefitLine};
pub use closure::{ClosureKind, ClosureQuote, DeductionLine};
pub use facts::{Facts, Festival, GiftGiven, Occasions, PaidEntry, Pause, TermsChange};

use crate::money::Money;
use crate::plan::PlanTerms;
use crate::weight::{RatePerGram, Weight};

/// Where a running enrollment stands (a closed or cancelled one is not evaluated).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeState {
    Active,
    Paused,
    /// Past maturity and still within the redemption window (or there is none).
    Matured,
    /// Past maturity and past the redemption window, not yet redeemed.
    RedemptionOverdue,
    /// Too many installments missed: the plan's bonus is lost.
    Defaulted,
}

impl SchemeState {
    pub fn as_str(self) -> &'static str {
        match self {
            SchemeState::Active => "active",
            SchemeState::Paused => "paused",
            SchemeState::Matured => "matured",
            SchemeState::RedemptionOverdue => "redemption_overdue",
            SchemeState::Defaulted => "defaulted",
        }
    }
}

/// The engine's answer for one enrollment on one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub on: NaiveDate,
    pub state: SchemeState,
    pub installments: Vec<InstallmentLine>,
    pub total_paid: Money,
    pub total_payable: Money,
    /// Total payable − total paid, never below zero.
    pub remaining: Money,
    /// The unpaid part of installments due on or before `on`.
    pub outstanding: Money,
    pub late_fees: Money,
    pub next_due: Option<(NaiveDate, Money)>,
    pub paid_installments: u32,
    /// Installments paid after their grace period, or now late or missed.
    pub late_installments: Vec<u32>,
    pub missed_installments: Vec<u32>,
    pub total_grams: Weight,
    /// Total paid ÷ total grams, for weight plans.
    pub average_rate: Option<RatePerGram>,
    pub bonus_so_far: Benefit,
    pub bonus_at_maturity: Benefit,
    pub maturity_date: NaiveDate,
    pub redeem_by: Option<NaiveDate>,
    /// Gifts the payments so far have earned, with whether each was handed over.
    pub gifts: Vec<(crate::rules::GiftMilestone, bool)>,
    /// What closing on `on` would give: the maturity redemption or a premature closure.
    pub closure: ClosureQuote,
    /// Plain sentences for the customer: why the bonus is what it is, why maturity moved…
    pub explanation: Vec<String>,
}

/// Evaluates an enrollment made under `terms` with `facts`, as of the day `on`.
pub fn evaluate(terms: &PlanTerms, facts: &Facts, on: NaiveDate) -> Evaluation {
    let cal = calendar::Calendar::new(terms, facts);
    let alloc = allocation::allocate(terms, &cal, facts, on);
    let late_fees = allocation::late_fees(terms, &cal, &alloc, on);
    let maturity_date = cal.maturity_date(terms, alloc.missed.len());
    let redeem_by = terms
        .rules
        .redemption_window_days
        .map(|days| maturity_date + chrono::Days::new(u64::from(days)));
    let state = state_on(terms, facts, &alloc, on, maturity_date, redeem_by);
    let benefits = benefit::benefits(terms, &cal, facts, &alloc, on, state, maturity_date);
    let total_grams: Weight = facts.payments.iter().map(|p| p.grams).sum();
    let mut explanation = allocation::explain(terms, &cal, &alloc, maturity_date, facts);
    explanation.extend(benefits.explanation.iter().cloned());
    let mut evaluation = Evaluation {
        on,
        state,
        total_paid: alloc.total_paid,
        total_payable: cal.total_payable(),
        remaining: (cal.total_payable() - alloc.total_paid).max(Money::ZERO),
        outstanding: alloc.outstanding(on),
        late_fees,
        next_due: alloc.next_due(),
        paid_installments: alloc.paid_count(),
        late_installments: alloc.late.clone(),
        missed_installments: alloc.missed.clone(),
        installments: alloc.lines,
        total_grams,
        average_rate: RatePerGram::average(alloc.total_paid, total_grams),
        bonus_so_far: benefits.so_far,
        bonus_at_maturity: benefits.at_maturity,
        maturity_date,
        redeem_by,
        gifts: benefits.gifts,
        closure: ClosureQuote::placeholder(),
        explanation,
    };
    evaluation.closure = closure::quote(terms, &cal, facts, &evaluation);
    evaluation
}

fn state_on(
    terms: &PlanTerms,
    facts: &Facts,
    alloc: &allocation::Allocation,
    on: NaiveDate,
    maturity: NaiveDate,
    redeem_by: Option<NaiveDate>,
) -> SchemeState {
    let defaulted = terms
        .rules
        .lateness
        .default_after_missed
        .is_some_and(|limit| alloc.missed.len() >= limit as usize);
    if defaulted {
        SchemeState::Defaulted
    } else if on >= maturity {
        match redeem_by {
            Some(last_day) if on > last_day => SchemeState::RedemptionOverdue,
            _ => SchemeState::Matured,
        }
    } else if facts.pauses.iter().any(|p| p.covers(on)) {
        SchemeState::Paused
    } else {
        SchemeState::Active
    }
}

#[cfg(test)]
mod tests;
