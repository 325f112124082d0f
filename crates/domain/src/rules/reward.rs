//! Rewards earned along the way, not only at maturity: every K on-time installments, on
//! occasions, for gold bought early (weight plans), and gifts at milestones.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::field::FieldError;
use crate::money::Money;
use crate::percent::Percent;
use crate::weight::Weight;

/// A reward on a payment or a run of payments: "₹100", "2%" (of the payment) or "0.1 g".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaymentReward {
    Fixed(Money),
    Percent(Percent),
    Grams(Weight),
}

impl PaymentReward {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        let text = s.trim().to_lowercase();
        if let Some(amount) = text.strip_prefix('₹').or_else(|| text.strip_prefix("rs ")) {
            return Ok(PaymentReward::Fixed(Money::parse_positive(
                field,
                amount.trim(),
            )?));
        }
        if let Some(grams) = text.strip_suffix('g') {
            let grams = Weight::parse(field, grams.trim())?;
            if !grams.is_positive() {
                return Err(FieldError::new(field, "grams must be more than zero"));
            }
            return Ok(PaymentReward::Grams(grams));
        }
        if text.ends_with('%') {
            return Ok(PaymentReward::Percent(Percent::parse(field, &text)?));
        }
        Err(FieldError::new(field, r#"must be "₹A", "P%" or "G g""#))
    }

    /// (money, grams) this reward gives on a payment of `amount` that bought `grams`.
    pub fn on_payment(self, amount: Money) -> (Money, Weight) {
        match self {
            PaymentReward::Fixed(money) => (money, Weight::ZERO),
            PaymentReward::Percent(pct) => (pct.of(amount), Weight::ZERO),
            PaymentReward::Grams(grams) => (Money::ZERO, grams),
        }
    }
}

impl fmt::Display for PaymentReward {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaymentReward::Fixed(money) => write!(f, "₹{}", money.to_plain()),
            PaymentReward::Percent(pct) => write!(f, "{pct}"),
            PaymentReward::Grams(grams) => write!(f, "{grams} g"),
        }
    }
}

impl Serialize for PaymentReward {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for PaymentReward {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PaymentReward::parse("reward", &text).map_err(serde::de::Error::custom)
    }
}

/// Every `every` on-time installments, give `reward` (a percentage is of one installment).
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq)]
pub struct IntervalReward {
    pub every: u32,
    #[specta(type = String)]
    pub reward: PaymentReward,
}

impl IntervalReward {
    pub(crate) fn check(&self) -> Result<(), FieldError> {
        if !(1..=60).contains(&self.every) {
            return Err(FieldError::new(
                "rules.interval_reward",
                "every must be 1 to 60 installments",
            ));
        }
        Ok(())
    }
}

/// A reward on payments made in the customer's birthday or anniversary month, or on a
/// festival date the shop has entered (Akshaya Tritiya, Dhanteras…).
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq)]
pub struct OccasionBonus {
    pub birthday_month: bool,
    pub anniversary_month: bool,
    pub festivals: bool,
    #[specta(type = String)]
    pub reward: PaymentReward,
}

/// Weight plans: `percent` extra grams on the gold bought from day `from_day` to `to_day`
/// after enrollment (day 1 is the enrollment day). Thangamayil: 5% for days 1–75, 3.75%
/// for 76–150, …
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq)]
pub struct WeightBand {
    pub from_day: u32,
    pub to_day: u32,
    #[specta(type = String)]
    pub percent: Percent,
}

impl WeightBand {
    pub(crate) fn check(&self) -> Result<(), FieldError> {
        if self.from_day == 0 || self.to_day < self.from_day {
            return Err(FieldError::new(
                "rules.weight_bands",
                "each band runs from day 1 or later to a day not before it",
            ));
        }
        Ok(())
    }

    pub fn covers(&self, day: u32) -> bool {
        (self.from_day..=self.to_day).contains(&day)
    }
}

/// A gift handed over once `after_installments` are paid (a silver coin, a bag…). Its value
/// is recorded because a refund may deduct gifts already given.
#[derive(Serialize, Deserialize, specta::Type, Clone, Debug, PartialEq)]
pub struct GiftMilestone {
    pub after_installments: u32,
    pub item: String,
    #[specta(type = String)]
    pub value: Money,
}

impl GiftMilestone {
    pub(crate) fn check(&self) -> Result<(), FieldError> {
        if self.item.trim().is_empty() {
            return Err(FieldError::new("rules.gifts", "each gift needs a name"));
        }
        if self.after_installments == 0 || self.value.paise() < 0 {
            return Err(FieldError::new(
                "rules.gifts",
                "each gift needs an installment count from 1 and a value of ₹0 or more",
            ));
        }
        Ok(())
    }
}
