//! Gold: how much (grams, to the milligram), at what price (rupees per gram), how pure.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal_text::{NumberProblem, scaled_integer};
use crate::field::FieldError;
use crate::money::Money;
use crate::purity::Purity;

/// Grams held as integer milligrams: the finest unit a jeweller's scale reports.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Weight(i64);

impl Weight {
    pub const ZERO: Weight = Weight(0);

    pub fn from_mg(mg: i64) -> Weight {
        Weight(mg)
    }

    pub fn mg(self) -> i64 {
        self.0
    }

    /// Grams as typed: "1.5", "0.909", up to 3 decimals. A weight of gold is never negative.
    pub fn parse(field: &'static str, s: &str) -> Result<Weight, FieldError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(FieldError::new(field, "is required"));
        }
        let problem = |problem| {
            let text = match problem {
                NumberProblem::NotANumber => "must be a weight in grams like 1.5",
                NumberProblem::TooManyDecimals => "has more than 3 decimal places",
                NumberProblem::TooLarge => "is too large",
            };
            FieldError::new(field, text)
        };
        let mg = scaled_integer(text, 3, false).map_err(problem)?;
        let mg = i64::try_from(mg).map_err(|_| problem(NumberProblem::TooLarge))?;
        Ok(Weight(mg))
    }

    /// Grams bought with `amount` at `rate`, ROUNDED DOWN to the milligram: the shop
    /// never credits gold the customer did not pay for, and the customer is never
    /// credited more by rounding up (₹4,000 at ₹4,400/g is 0.909 g, not 0.910 g).
    pub fn bought(amount: Money, rate: RatePerGram) -> Weight {
        // mg = paise × 1000 ÷ rate paise; i128 so the product cannot overflow.
        let numerator = i128::from(amount.paise()) * 1000;
        let rate_paise = i128::from(rate.money().paise());
        // div_euclid floors towards −∞ for a positive divisor, so "down" holds for refunds too.
        let mg = numerator.div_euclid(rate_paise);
        Weight(i64::try_from(mg).expect("grams bought fit in i64 milligrams"))
    }

    /// `self × pct ÷ 100`, rounded DOWN to the milligram (a bonus of gold is never rounded up).
    pub fn share(self, pct: rust_decimal::Decimal) -> Weight {
        use rust_decimal::prelude::ToPrimitive;
        let mg = (rust_decimal::Decimal::from(self.0) * pct / rust_decimal::Decimal::ONE_HUNDRED)
            .floor();
        Weight(
            mg.to_i64()
                .expect("a share of a weight fits in i64 milligrams"),
        )
    }

    /// `self × n`, exact.
    pub fn times(self, n: u32) -> Weight {
        Weight(self.0.checked_mul(i64::from(n)).expect("weight overflow"))
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// "0.909": grams with exactly three decimals.
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let mg = self.0.unsigned_abs();
        format!("{sign}{}.{:03}", mg / 1000, mg % 1000)
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

impl Add for Weight {
    type Output = Weight;
    fn add(self, rhs: Weight) -> Weight {
        Weight(self.0.checked_add(rhs.0).expect("weight overflow"))
    }
}

impl std::ops::Sub for Weight {
    type Output = Weight;
    fn sub(self, rhs: Weight) -> Weight {
        Weight(self.0 - rhs.0)
    }
}

impl AddAssign for Weight {
    fn add_assign(&mut self, rhs: Weight) {
        *self = *self + rhs;
    }
}

impl Sum for Weight {
    fn sum<I: Iterator<Item = Weight>>(iter: I) -> Weight {
        iter.fold(Weight::ZERO, Add::add)
    }
}

impl Serialize for Weight {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Weight {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Weight::parse("grams", &text).map_err(serde::de::Error::custom)
    }
}

/// Rupees per gram of gold: always more than zero, so dividing by it is always safe.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct RatePerGram(Money);

impl RatePerGram {
    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        Money::parse_positive(field, s).map(RatePerGram)
    }

    pub fn new(m: Money) -> Result<Self, FieldError> {
        if !m.is_positive() {
            return Err(FieldError::new("rate", "must be greater than zero"));
        }
        Ok(RatePerGram(m))
    }

    pub fn money(self) -> Money {
        self.0
    }

    /// The rate for gold of purity `to`, given this rate for purity `from`: the same price per
    /// gram of fine gold, so rate × to's fineness ÷ from's fineness (22K from 24K is × 916/999),
    /// rounded once with [`Money::round`] (half a paisa up). `None` if it would round to nothing.
    pub fn at_purity(self, from: Purity, to: Purity) -> Option<RatePerGram> {
        let scaled =
            self.0.as_decimal() * Decimal::from(to.fineness()) / Decimal::from(from.fineness());
        RatePerGram::new(Money::round(scaled)).ok()
    }

    /// The effective average rate = total paid ÷ total grams, rounded with [`Money::round`].
    /// `None` when there are no grams (nothing bought yet) or the result is not a positive rate.
    pub fn average(total: Money, grams: Weight) -> Option<RatePerGram> {
        if grams.mg() <= 0 {
            return None;
        }
        let per_gram = total.as_decimal() * Decimal::from(1000) / Decimal::from(grams.mg());
        RatePerGram::new(Money::round(per_gram)).ok()
    }
}

impl fmt::Display for RatePerGram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for RatePerGram {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RatePerGram {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RatePerGram::parse("rate", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(s: &str) -> RatePerGram {
        RatePerGram::parse("rate", s).unwrap()
    }

    #[test]
    fn four_thousand_rupees_at_4400_a_gram_buys_0_909_grams() {
        let grams = Weight::bought(Money::from_rupees(4000), rate("4400"));
        assert_eq!(grams.mg(), 909);
        assert_eq!(grams.to_plain(), "0.909");
    }

    #[test]
    fn grams_are_rounded_down_to_the_milligram() {
        // ₹5,000 at ₹7,321.45/g = 0.68292... g, and 0.6829 would round up to 0.683.
        assert_eq!(
            Weight::bought(Money::from_rupees(5000), rate("7321.45")).mg(),
            682
        );
        // ₹1 at ₹3/g = 0.3333 g
        assert_eq!(Weight::bought(Money::from_rupees(1), rate("3")).mg(), 333);
        // exact amounts stay exact
        assert_eq!(
            Weight::bought(Money::from_rupees(11_000), rate("5500")).mg(),
            2000
        );
    }

    #[test]
    fn weights_are_read_in_grams_with_up_to_three_decimals() {
        assert_eq!(Weight::parse("grams", " 1.5 ").unwrap().mg(), 1500);
        assert_eq!(Weight::parse("grams", "10").unwrap().mg(), 10_000);
        assert_eq!(Weight::parse("grams", "0.001").unwrap().mg(), 1);
        let too_fine = Weight::parse("grams", "1.0005").unwrap_err();
        assert_eq!(
            too_fine.to_string(),
            "grams: has more than 3 decimal places"
        );
        let negative = Weight::parse("grams", "-1").unwrap_err();
        assert_eq!(
            negative.to_string(),
            "grams: must be a weight in grams like 1.5"
        );
        assert!(Weight::parse("grams", "").is_err());
    }

    #[test]
    fn weights_add_up_and_show_three_decimals() {
        let total: Weight = [Weight::from_mg(909), Weight::from_mg(1091)]
            .into_iter()
            .sum();
        assert_eq!(total.to_string(), "2.000");
        assert_eq!(Weight::from_mg(5).to_plain(), "0.005");
        assert_eq!(Weight::ZERO.to_plain(), "0.000");
        assert_eq!(
            serde_json::to_string(&Weight::from_mg(909)).unwrap(),
            r#""0.909""#
        );
    }

    #[test]
    fn a_rate_must_be_more_than_zero() {
        assert_eq!(
            RatePerGram::parse("per_gram", "0").unwrap_err().to_string(),
            "per_gram: must be greater than zero"
        );
        assert!(RatePerGram::new(Money::from_paise(-1)).is_err());
        assert_eq!(
            RatePerGram::new(Money::from_rupees(7000)).unwrap().money(),
            Money::from_rupees(7000)
        );
    }

    #[test]
    fn a_22k_rate_is_the_24k_rate_times_916_over_999_rounded_to_the_paisa() {
        // ₹7,800 × 916/999 = ₹7,151.951951… → ₹7,151.95; × 750/999 = ₹5,855.855855… → ₹5,855.86
        let k24 = rate("7800");
        assert_eq!(
            k24.at_purity(Purity::K24, Purity::K22)
                .unwrap()
                .money()
                .to_plain(),
            "7151.95"
        );
        assert_eq!(
            k24.at_purity(Purity::K24, Purity::K18)
                .unwrap()
                .money()
                .to_plain(),
            "5855.86"
        );
        assert_eq!(k24.at_purity(Purity::K24, Purity::K24), Some(k24));
        // ₹9,990 × 916/999 = ₹9,160 exactly.
        assert_eq!(
            rate("9990")
                .at_purity(Purity::K24, Purity::K22)
                .unwrap()
                .money()
                .to_plain(),
            "9160.00"
        );
    }

    #[test]
    fn a_derived_rate_that_rounds_to_nothing_is_none() {
        assert_eq!(
            rate("0.01").at_purity(Purity::K24, Purity::Fineness(1)),
            None
        );
    }

    #[test]
    fn average_rate_is_total_paid_over_grams_rounded_to_the_paisa() {
        // ₹10,000 for 1.515 g = ₹6,600.660066.../g → ₹6,600.66
        let avg = RatePerGram::average(Money::from_rupees(10_000), Weight::from_mg(1515)).unwrap();
        assert_eq!(avg.money().to_plain(), "6600.66");
        assert_eq!(
            RatePerGram::average(Money::from_rupees(10_000), Weight::ZERO),
            None
        );
    }
}
