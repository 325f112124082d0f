//! A plan's rules as data: everything a scheme leaflet promises beyond "pay N installments".
//!
//! Real schemes differ a lot (tiers, grace, pro-rata bonuses, deductions on refund…), so
//! instead of code per scheme each plan carries a [`PlanRules`] value. It is copied with the
//! rest of the terms into every enrollment, and [`crate::engine`] is the one place that
//! reads it. Every field has a default that means "the plain scheme", so an empty JSON
//! object `{}` is a valid rule set.

pub mod closure;
pub mod describe;
pub mod lateness;
pub mod reward;

use serde::{Deserialize, Serialize};

pub use closure::{ClosurePolicy, Deduction, PrematureBenefit, Settlement};
pub use lateness::{LateFee, LatenessPolicy};
pub use reward::{GiftMilestone, IntervalReward, OccasionBonus, PaymentReward, WeightBand};

use crate::bonus::BonusRule;
use crate::field::FieldError;
use crate::money::Money;

/// One variant of a plan with its own length and maturity benefit (Senco: 6 months → 30% of
/// one installment, 11 → 75%, 18 → 150%). The customer picks one at enrollment.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq)]
pub struct Tier {
    pub installments: u32,
    #[specta(type = String)]
    pub bonus: BonusRule,
}

#[derive(Serialize, Deserialize, specta::Type, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct PlanRules {
    /// Variants by length; empty for a single-length plan.
    pub tiers: Vec<Tier>,
    pub interval_reward: Option<IntervalReward>,
    pub occasion_bonus: Option<OccasionBonus>,
    /// Weight plans: extra grams by when the money came in (Thangamayil style).
    pub weight_bands: Vec<WeightBand>,
    pub gifts: Vec<GiftMilestone>,
    pub lateness: LatenessPolicy,
    /// May a customer pay installments before their month?
    pub advance_payments: bool,
    /// 0 = no pause allowed.
    pub max_pause_months: u32,
    /// May the installment amount or tier be changed mid-term?
    pub changes_allowed: bool,
    /// Flexible plans: each payment a multiple of this (e.g. ₹100).
    #[specta(type = Option<String>)]
    pub payment_step: Option<Money>,
    pub closure: ClosurePolicy,
    /// Days after maturity within which the plan must be redeemed; None = no limit.
    pub redemption_window_days: Option<u32>,
    /// Show accumulated grams and average rate on ledgers, receipts and messages.
    pub show_gold_to_customer: bool,
}

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            tiers: Vec::new(),
            interval_reward: None,
            occasion_bonus: None,
            weight_bands: Vec::new(),
            gifts: Vec::new(),
            lateness: LatenessPolicy::default(),
            advance_payments: true,
            max_pause_months: 0,
            changes_allowed: false,
            payment_step: None,
            closure: ClosurePolicy::default(),
            redemption_window_days: None,
            show_gold_to_customer: true,
        }
    }
}

impl PlanRules {
    /// Checks the rules make sense together; `installments` is the plan's own length.
    pub fn check(&self, installments: u32) -> Result<(), FieldError> {
        self.check_tiers(installments)?;
        if let Some(reward) = &self.interval_reward {
            reward.check()?;
        }
        for band in &self.weight_bands {
            band.check()?;
        }
        for gift in &self.gifts {
            gift.check()?;
        }
        self.lateness.check()?;
        self.closure.check()?;
        if self.max_pause_months > 12 {
            return Err(FieldError::new(
                "rules.max_pause_months",
                "can be at most 12 months",
            ));
        }
        if self.payment_step.is_some_and(|step| !step.is_positive()) {
            return Err(FieldError::new(
                "rules.payment_step",
                "must be greater than zero",
            ));
        }
        if self.redemption_window_days.is_some_and(|days| days > 3650) {
            return Err(FieldError::new(
                "rules.redemption_window_days",
                "can be at most 3650 days",
            ));
        }
        Ok(())
    }

    fn check_tiers(&self, installments: u32) -> Result<(), FieldError> {
        if self.tiers.is_empty() {
            return Ok(());
        }
        let lengths: Vec<u32> = self.tiers.iter().map(|t| t.installments).collect();
        if lengths.iter().any(|n| !(1..=60).contains(n)) {
            return Err(FieldError::new(
                "rules.tiers",
                "each tier must have 1 to 60 installments",
            ));
        }
        if lengths.windows(2).any(|w| w[0] >= w[1]) {
            return Err(FieldError::new(
                "rules.tiers",
                "must be listed from shortest to longest, each length once",
            ));
        }
        if !lengths.contains(&installments) {
            return Err(FieldError::new(
                "rules.tiers",
                "must include the plan's own number of installments",
            ));
        }
        Ok(())
    }

    /// The tier of exactly `installments`, if the plan has tiers.
    pub fn tier(&self, installments: u32) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.installments == installments)
    }

    /// The terms for the tier of `installments` the customer picked at enrollment.
    pub fn tier_or_err(&self, installments: u32) -> Result<&Tier, FieldError> {
        self.tier(installments).ok_or_else(|| {
            let lengths: Vec<String> = self
                .tiers
                .iter()
                .map(|t| t.installments.to_string())
                .collect();
            FieldError::new(
                "installments",
                format!("must be one of the plan's options: {}", lengths.join(", ")),
            )
        })
    }

    /// The longest tier not longer than `installments` (the Senco fall-back on early closure).
    pub fn tier_within(&self, installments: u32) -> Option<&Tier> {
        self.tiers
            .iter()
            .rev()
            .find(|t| t.installments <= installments)
    }
}

#[cfg(test)]
mod tests;
