//! Checks for mid-term requests — a payment, a pause, an upgrade or downgrade — and the
//! before/after numbers shown to the customer before a change is confirmed.

use chrono::NaiveDate;

use crate::engine::calendar::Calendar;
use crate::engine::facts::{Facts, PaidEntry, Pause, TermsChange};
use crate::engine::{Evaluation, allocation, evaluate};
use crate::field::FieldError;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms};

/// The headline numbers of a plan, for before/after comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub installments: u32,
    /// The next installment's amount.
    pub installment: Money,
    pub total_payable: Money,
    pub bonus_at_maturity: Money,
    pub maturity_date: NaiveDate,
}

impl Summary {
    fn of(ev: &Evaluation) -> Summary {
        let next = ev
            .installments
            .iter()
            .find(|l| l.due_date >= ev.on)
            .or(ev.installments.last());
        Summary {
            installments: u32::try_from(ev.installments.len()).expect("at most 60 installments"),
            installment: next.map_or(Money::ZERO, |l| l.amount),
            total_payable: ev.total_payable,
            bonus_at_maturity: ev.bonus_at_maturity.money,
            maturity_date: ev.maturity_date,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeQuote {
    pub before: Summary,
    pub after: Summary,
    pub explanation: Vec<String>,
}

/// The before/after of changing the installment amount and/or tier on `change.on`.
/// What was already paid keeps counting: installments already due keep their amount,
/// and a "one installment" bonus becomes the average installment over the whole plan.
pub fn quote_change(
    terms: &PlanTerms,
    facts: &Facts,
    change: TermsChange,
) -> Result<ChangeQuote, FieldError> {
    if !terms.rules.changes_allowed {
        return Err(FieldError::new(
            "change",
            "this plan does not allow changing the installment or tier",
        ));
    }
    if change.installment.is_none() && change.installments.is_none() {
        return Err(FieldError::new(
            "change",
            "give a new installment amount or a new number of installments",
        ));
    }
    let before = evaluate(terms, facts, change.on);
    if let Some(amount) = change.installment
        && (!amount.is_positive() || terms.kind == PlanKind::Flexible)
    {
        return Err(FieldError::new(
            "installment",
            "must be greater than zero, on an amount or weight plan",
        ));
    }
    if let Some(n) = change.installments {
        check_new_length(terms, &before, n)?;
    }
    let mut changed = facts.clone();
    changed.changes.push(change);
    let after = evaluate(terms, &changed, change.on);
    let due_so_far = before
        .installments
        .iter()
        .filter(|l| l.due_date < change.on)
        .count();
    let explanation = vec![format!(
        "The {} paid so far keeps counting: the {due_so_far} installment{} already due keep their amount; the rest are {} each. Bonus at maturity {} → {}.",
        before.total_paid.format_inr(),
        allocation::plural(due_so_far),
        Summary::of(&after).installment.format_inr(),
        before.bonus_at_maturity.money.format_inr(),
        after.bonus_at_maturity.money.format_inr()
    )];
    Ok(ChangeQuote {
        before: Summary::of(&before),
        after: Summary::of(&after),
        explanation,
    })
}

fn check_new_length(terms: &PlanTerms, before: &Evaluation, n: u32) -> Result<(), FieldError> {
    if !terms.rules.tiers.is_empty() && terms.rules.tier(n).is_none() {
        let tiers: Vec<String> = terms
            .rules
            .tiers
            .iter()
            .map(|t| t.installments.to_string())
            .collect();
        return Err(FieldError::new(
            "installments",
            format!("must be one of the plan's tiers: {}", tiers.join(", ")),
        ));
    }
    let due = u32::try_from(
        before
            .installments
            .iter()
            .filter(|l| l.due_date <= before.on)
            .count(),
    )
    .unwrap_or(0);
    if n < due.max(before.paid_installments).max(1) {
        return Err(FieldError::new(
            "installments",
            format!(
                "cannot be fewer than the {} installments already due or paid",
                due.max(before.paid_installments)
            ),
        ));
    }
    Ok(())
}

/// A pause must be allowed by the plan, start on or after enrollment and before maturity,
/// not overlap another, and keep the total within the plan's maximum.
pub fn check_pause(terms: &PlanTerms, facts: &Facts, pause: Pause) -> Result<(), FieldError> {
    let max = terms.rules.max_pause_months;
    if max == 0 {
        return Err(FieldError::new(
            "months",
            "this plan does not allow pausing",
        ));
    }
    let used: u32 = facts.pauses.iter().map(|p| p.months).sum();
    if pause.months == 0 || used + pause.months > max {
        return Err(FieldError::new(
            "months",
            format!(
                "must be from 1 to {} (the plan allows {max} in all; {used} used)",
                max.saturating_sub(used)
            ),
        ));
    }
    let maturity = evaluate(terms, facts, pause.from).maturity_date;
    if pause.from < facts.start || pause.from >= maturity {
        return Err(FieldError::new(
            "from",
            "must be between the enrollment day and maturity",
        ));
    }
    if facts
        .pauses
        .iter()
        .any(|p| p.covers(pause.from) || pause.covers(p.from))
    {
        return Err(FieldError::new("from", "overlaps an earlier pause"));
    }
    Ok(())
}

/// Refuses a payment that is not positive, breaks a flexible plan's range or step, pays
/// ahead when the plan does not allow advances, or takes the plan past what it can hold.
pub fn check_payment(
    terms: &PlanTerms,
    facts: &Facts,
    amount: Money,
    on: NaiveDate,
) -> Result<(), FieldError> {
    if !amount.is_positive() {
        return Err(FieldError::new("amount", "must be greater than zero"));
    }
    if let (PlanKind::Flexible, Some(min), Some(max)) =
        (terms.kind, terms.min_amount, terms.max_amount)
        && (amount < min || amount > max)
    {
        return Err(FieldError::new(
            "amount",
            format!(
                "must be between {} and {}",
                min.format_inr(),
                max.format_inr()
            ),
        ));
    }
    if let Some(step) = terms.rules.payment_step
        && amount.paise() % step.paise() != 0
    {
        return Err(FieldError::new(
            "amount",
            format!("must be a multiple of {}", step.format_inr()),
        ));
    }
    let cal = Calendar::new(terms, facts);
    let alloc = allocation::allocate(terms, &cal, facts, on);
    let holds: Money = cal.slots.iter().map(|s| s.capacity).sum();
    let still_payable = (holds - alloc.total_paid).max(Money::ZERO);
    if still_payable.is_zero() {
        return Err(FieldError::new("amount", "this plan is already fully paid"));
    }
    if amount > still_payable {
        return Err(FieldError::new(
            "amount",
            format!(
                "exceeds the {} still payable on this plan",
                still_payable.format_inr()
            ),
        ));
    }
    if !terms.rules.advance_payments {
        let payable_now = payable_without_advance(&cal, &alloc, on);
        if amount > payable_now {
            return Err(FieldError::new(
                "amount",
                format!(
                    "this plan takes no advance payments: at most {} is due now",
                    payable_now.format_inr()
                ),
            ));
        }
    }
    Ok(())
}

/// Arrears plus this month's installment: what a plan without advances accepts today.
fn payable_without_advance(cal: &Calendar, alloc: &allocation::Allocation, on: NaiveDate) -> Money {
    cal.slots
        .iter()
        .zip(&alloc.lines)
        .filter(|(slot, _)| slot.due_date <= on || on < cal.slots[0].due_date && slot.number == 1)
        .map(|(slot, line)| (slot.capacity - line.paid).max(Money::ZERO))
        .sum()
}

/// The installment a payment of `amount` on `on` pays into first (for its receipt).
pub fn installment_for(terms: &PlanTerms, facts: &Facts, amount: Money, on: NaiveDate) -> u32 {
    let mut with_it = facts.clone();
    with_it.payments.push(PaidEntry::money(on, amount));
    let cal = Calendar::new(terms, &with_it);
    let alloc = allocation::allocate(terms, &cal, &with_it, on);
    alloc.first_installment.last().copied().unwrap_or(1)
}
