//! A savings plan: what the customer promises to pay, when, and what they get for it.
//!
//! Three kinds are offered at Indian jewellers: a fixed amount each month (the classic
//! "11 + 1" scheme), a fixed amount each month that buys gold at that day's rate (weight),
//! and a flexible amount within a range each month.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bonus::BonusRule;
use crate::field::{FieldError, parse_word};
use crate::money::Money;
use crate::purity::Purity;
use crate::rules::PlanRules;

const MAX_INSTALLMENTS: u32 = 60;
const MAX_PLAN_CODE_CHARS: usize = 16;

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Amount,
    Weight,
    Flexible,
}

impl PlanKind {
    pub const ALL: [PlanKind; 3] = [PlanKind::Amount, PlanKind::Weight, PlanKind::Flexible];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        parse_word(field, s, &Self::ALL, Self::as_str)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::Amount => "amount",
            PlanKind::Weight => "weight",
            PlanKind::Flexible => "flexible",
        }
    }
}

impl fmt::Display for PlanKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an enrolled customer signed up for. Copied (as JSON) into every enrollment when it
/// is made, so later edits to the plan never change a promise already given.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PlanTerms {
    pub kind: PlanKind,
    pub installment: Option<Money>,
    pub min_amount: Option<Money>,
    pub max_amount: Option<Money>,
    pub installments: u32,
    pub due_day: Option<u8>,
    pub grace_days: u8,
    pub purity: Option<Purity>,
    pub bonus: BonusRule,
    pub terms_text: String,
    /// Everything beyond the installments; `{}` in older JSON means the plain scheme.
    #[serde(default)]
    pub rules: PlanRules,
}

/// The plain data [`PlanTerms::new`] checks; the fields mean the same as in [`PlanTerms`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlanTermsDraft {
    pub kind: PlanKind,
    pub installment: Option<Money>,
    pub min_amount: Option<Money>,
    pub max_amount: Option<Money>,
    pub installments: u32,
    pub due_day: Option<u8>,
    pub grace_days: u8,
    pub purity: Option<Purity>,
    pub bonus: BonusRule,
    pub terms_text: String,
    pub rules: PlanRules,
}

impl PlanTerms {
    /// Checks that the draft describes a plan that can actually be run: amount and weight
    /// plans need a fixed installment, flexible plans a range, weight plans a purity.
    pub fn new(draft: PlanTermsDraft) -> Result<PlanTerms, FieldError> {
        check_calendar(&draft)?;
        match draft.kind {
            PlanKind::Amount | PlanKind::Weight => check_fixed_installment(&draft)?,
            PlanKind::Flexible => check_flexible_range(&draft)?,
        }
        if draft.kind == PlanKind::Weight && draft.purity.is_none() {
            return Err(FieldError::new("purity", "is required for a weight plan"));
        }
        draft.rules.check(draft.installments)?;
        check_rules_fit_kind(&draft)?;
        let PlanTermsDraft {
            kind,
            installment,
            min_amount,
            max_amount,
            installments,
            due_day,
            grace_days,
            purity,
            bonus,
            terms_text,
            rules,
        } = draft;
        Ok(PlanTerms {
            kind,
            installment,
            min_amount,
            max_amount,
            installments,
            due_day,
            grace_days,
            purity,
            bonus,
            terms_text,
            rules,
        })
    }

    /// These terms with the tier of `installments` chosen (its length and bonus).
    pub fn with_tier(&self, installments: u32) -> Result<PlanTerms, FieldError> {
        let tier = *self.rules.tier_or_err(installments)?;
        Ok(PlanTerms {
            installments: tier.installments,
            bonus: tier.bonus,
            ..self.clone()
        })
    }

    /// The amount expected per installment: the fixed installment, or a flexible plan's minimum.
    pub fn expected_per_installment(&self) -> Money {
        match self.kind {
            PlanKind::Amount | PlanKind::Weight => self.installment,
            PlanKind::Flexible => self.min_amount,
        }
        .unwrap_or(Money::ZERO)
    }

    /// Expected per installment × number of installments.
    pub fn total_payable(&self) -> Money {
        self.expected_per_installment().times(self.installments)
    }

    /// The most a customer may pay into the plan in all: the total payable, or for a
    /// flexible plan the maximum every month (paying above the minimum is the point of it).
    pub fn most_payable(&self) -> Money {
        match (self.kind, self.max_amount) {
            (PlanKind::Flexible, Some(max)) => max.times(self.installments),
            _ => self.total_payable(),
        }
    }
}

/// Rules that only make sense for some kinds of plan.
fn check_rules_fit_kind(draft: &PlanTermsDraft) -> Result<(), FieldError> {
    if !draft.rules.weight_bands.is_empty() && draft.kind != PlanKind::Weight {
        return Err(FieldError::new(
            "rules.weight_bands",
            "apply only to weight plans",
        ));
    }
    if let (Some(step), Some(min), Some(max)) =
        (draft.rules.payment_step, draft.min_amount, draft.max_amount)
        && (min.paise() % step.paise() != 0 || max.paise() % step.paise() != 0)
    {
        return Err(FieldError::new(
            "rules.payment_step",
            "the minimum and maximum must be multiples of the step",
        ));
    }
    if draft.rules.changes_allowed && draft.kind == PlanKind::Flexible {
        return Err(FieldError::new(
            "rules.changes_allowed",
            "does not apply to flexible plans, whose amount already varies",
        ));
    }
    Ok(())
}

/// Days from enrollment to maturity above which a plan gets a compliance warning.
pub const TENURE_WARNING_DAYS: i64 = 365;

impl PlanTerms {
    /// A warning when the tenure exceeds 365 days: jewellers keep schemes within a year so
    /// that installments remain advances against the purchase of goods, not deposits
    /// (Companies (Acceptance of Deposits) Rules). The longest tier counts.
    pub fn tenure_warning(&self) -> Option<String> {
        let longest = self
            .rules
            .tiers
            .iter()
            .map(|t| t.installments)
            .max()
            .unwrap_or(0)
            .max(self.installments);
        let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a valid date");
        let days = (crate::schedule::months_after(start, longest) - start).num_days();
        (days > TENURE_WARNING_DAYS).then(|| {
            format!(
                "tenure of {longest} months ({days} days) exceeds 365 days: installments held longer than a year may be treated as deposits rather than advances against jewellery"
            )
        })
    }
}

fn check_calendar(draft: &PlanTermsDraft) -> Result<(), FieldError> {
    if !(1..=MAX_INSTALLMENTS).contains(&draft.installments) {
        return Err(FieldError::new(
            "installments",
            format!("must be between 1 and {MAX_INSTALLMENTS}"),
        ));
    }
    if draft.due_day.is_some_and(|day| !(1..=31).contains(&day)) {
        return Err(FieldError::new(
            "due_day",
            "must be a day of the month from 1 to 31",
        ));
    }
    if draft.grace_days > 31 {
        return Err(FieldError::new(
            "grace_days",
            "must be between 0 and 31 days",
        ));
    }
    Ok(())
}

fn check_fixed_installment(draft: &PlanTermsDraft) -> Result<(), FieldError> {
    match draft.installment {
        None => {
            let plan = if draft.kind == PlanKind::Weight {
                "a weight plan"
            } else {
                "an amount plan"
            };
            return Err(FieldError::new(
                "installment",
                format!("is required for {plan}"),
            ));
        }
        Some(amount) if !amount.is_positive() => {
            return Err(FieldError::new("installment", "must be greater than zero"));
        }
        Some(_) => {}
    }
    if draft.min_amount.is_some() {
        return Err(FieldError::new(
            "min_amount",
            "applies only to flexible plans",
        ));
    }
    if draft.max_amount.is_some() {
        return Err(FieldError::new(
            "max_amount",
            "applies only to flexible plans",
        ));
    }
    Ok(())
}

fn check_flexible_range(draft: &PlanTermsDraft) -> Result<(), FieldError> {
    if draft.installment.is_some() {
        return Err(FieldError::new(
            "installment",
            "does not apply to flexible plans; set a minimum and maximum",
        ));
    }
    let min = draft
        .min_amount
        .ok_or_else(|| FieldError::new("min_amount", "is required for a flexible plan"))?;
    let max = draft
        .max_amount
        .ok_or_else(|| FieldError::new("max_amount", "is required for a flexible plan"))?;
    if !min.is_positive() {
        return Err(FieldError::new("min_amount", "must be greater than zero"));
    }
    if max < min {
        return Err(FieldError::new(
            "max_amount",
            "must be at least the minimum amount",
        ));
    }
    Ok(())
}

/// A plan's short code, e.g. "SWARNA11": 1 to 16 letters, digits, - or _, upper-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PlanCode(String);

impl PlanCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let text = s.trim();
        let valid = (1..=MAX_PLAN_CODE_CHARS).contains(&text.len())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
        if !valid {
            return Err(FieldError::new(
                "code",
                "must be 1 to 16 letters, digits, - or _",
            ));
        }
        Ok(PlanCode(text.to_ascii_uppercase()))
    }

    /// A code made of the name's letters and digits: "Swarna 11" → "SWARNA11". Fails for a
    /// name with no Latin letters or digits (e.g. written in Hindi); the jeweller then types one.
    pub fn from_name(name: &str) -> Result<Self, FieldError> {
        let code: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(MAX_PLAN_CODE_CHARS)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() {
            return Err(FieldError::new(
                "code",
                "cannot be made from this name; please enter a code",
            ));
        }
        Ok(PlanCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlanCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests;
