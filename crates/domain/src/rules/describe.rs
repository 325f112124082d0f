//! A plan's rules in plain words, for the plan form, the ledger and the customer.

use crate::plan::PlanTerms;
use crate::rules::{Deduction, LateFee, PrematureBenefit, Settlement};

/// One sentence per rule that differs from the plain scheme, in the order a customer asks.
pub fn describe(terms: &PlanTerms) -> Vec<String> {
    let rules = &terms.rules;
    let installment = terms.expected_per_installment();
    let mut out = vec![format!(
        "Bonus at maturity: {}.",
        terms.bonus.describe(installment, terms.total_payable())
    )];
    for tier in &rules.tiers {
        out.push(format!(
            "{}-month option: {}.",
            tier.installments,
            tier.bonus
                .describe(installment, installment.times(tier.installments))
        ));
    }
    if let Some(reward) = &rules.interval_reward {
        out.push(format!(
            "Every {} installments paid on time earn {}.",
            reward.every, reward.reward
        ));
    }
    if let Some(bonus) = &rules.occasion_bonus {
        let mut when = Vec::new();
        if bonus.birthday_month {
            when.push("in the customer's birthday month");
        }
        if bonus.anniversary_month {
            when.push("in their anniversary month");
        }
        if bonus.festivals {
            when.push("on the shop's festival days");
        }
        out.push(format!(
            "Payments made {} earn {}.",
            when.join(", "),
            bonus.reward
        ));
    }
    for band in &rules.weight_bands {
        out.push(format!(
            "Gold bought on days {}–{} earns {} extra grams.",
            band.from_day, band.to_day, band.percent
        ));
    }
    for gift in &rules.gifts {
        out.push(format!(
            "Gift after {} installments: {} (worth {}).",
            gift.after_installments,
            gift.item,
            gift.value.format_inr()
        ));
    }
    out.extend(lateness(terms));
    out.push(
        if rules.advance_payments {
            "Installments may be paid in advance."
        } else {
            "No advance payments: one installment per month."
        }
        .into(),
    );
    if rules.max_pause_months > 0 {
        out.push(format!(
            "May be paused for up to {} months in all; maturity moves by the months paused.",
            rules.max_pause_months
        ));
    }
    if rules.changes_allowed {
        out.push("The installment or tier may be changed mid-term; installments already due keep their amount.".into());
    }
    if let Some(step) = rules.payment_step {
        out.push(format!(
            "Each payment is a multiple of {}.",
            step.format_inr()
        ));
    }
    out.extend(closure(terms));
    if let Some(days) = rules.redemption_window_days {
        out.push(format!(
            "Must be redeemed within {days} days after maturity."
        ));
    }
    if !rules.show_gold_to_customer {
        out.push("Accumulated grams and rates are not shown on the customer's documents.".into());
    }
    out
}

fn lateness(terms: &PlanTerms) -> Vec<String> {
    let policy = &terms.rules.lateness;
    let mut out = vec![format!(
        "Each installment is due monthly with {} days' grace.",
        terms.grace_days
    )];
    if policy.pro_rata_bonus {
        out.push("An installment paid after the grace period reduces the bonus pro rata.".into());
    }
    if policy.extend_maturity {
        out.push("Each missed installment moves maturity by one month.".into());
    }
    match policy.late_fee {
        Some(LateFee::Fixed { amount }) => out.push(format!(
            "Late fee: {} per late installment.",
            amount.format_inr()
        )),
        Some(LateFee::PercentPerMonth { percent }) => out.push(format!(
            "Late fee: {percent} of the installment per month late."
        )),
        None => {}
    }
    if let Some(n) = policy.default_after_missed {
        out.push(format!(
            "After {n} missed installments the plan is defaulted and loses its bonus."
        ));
    }
    out
}

fn closure(terms: &PlanTerms) -> Vec<String> {
    let policy = &terms.rules.closure;
    let mut out = Vec::new();
    if policy.earliest_installments > 0 || policy.earliest_days > 0 {
        out.push(format!(
            "May close early after {} installments and {} days.",
            policy.earliest_installments, policy.earliest_days
        ));
    }
    let deductions: Vec<String> = policy
        .deductions
        .iter()
        .map(|d| match d {
            Deduction::PercentOfPaid { percent } => format!("{percent} of the amount paid"),
            Deduction::PercentOfFirstInstallment {
                percent,
                fewer_than,
            } => {
                format!("{percent} of the first installment if fewer than {fewer_than} are paid")
            }
            Deduction::Gateway { percent } => format!("{percent} payment-gateway charges"),
            Deduction::Gst { percent } => format!("{percent} GST"),
            Deduction::GiftsGiven => "the value of gifts given".to_string(),
        })
        .collect();
    if !deductions.is_empty() {
        out.push(format!(
            "An early refund deducts {}.",
            deductions.join(", ")
        ));
    }
    out.push(
        match policy.settlement {
            Settlement::CashOrJewellery => "An early closure may be taken in cash or jewellery.",
            Settlement::JewelleryOnly => "An early closure is settled in jewellery only.",
            Settlement::CashOnly => "An early closure is refunded in cash.",
        }
        .into(),
    );
    match policy.benefit {
        PrematureBenefit::None => {}
        PrematureBenefit::LowerTier => out.push(
            "Closed early, the plan earns the benefit of the longest option completed.".into(),
        ),
        PrematureBenefit::ProRata => {
            out.push("Closed early, the plan keeps a pro-rata share of the bonus.".into())
        }
    }
    if policy.benefit_from_installments > 0 {
        out.push(format!(
            "No benefit with fewer than {} installments paid.",
            policy.benefit_from_installments
        ));
    }
    out
}
