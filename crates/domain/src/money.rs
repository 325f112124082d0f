//! Rupees and paise.
//!
//! Money is a decimal with exactly two places, never a float: a jeweller's ledger must add
//! up to the paisa, and binary floats cannot represent 0.10. Arithmetic goes through whole
//! paise (an `i64`), so adding and subtracting is exact; the only place where rounding
//! happens is [`Money::round`], and it always rounds half a paisa away from zero.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal_text::{NumberProblem, scaled_integer};
use crate::field::FieldError;

/// An amount of rupees with exactly two decimal places (paise), signed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    pub fn from_paise(paise: i64) -> Money {
        Money(Decimal::new(paise, 2))
    }

    pub fn paise(self) -> i64 {
        // Every constructor goes through `from_paise`, so the value is always whole paise
        // within the i64 range; the conversion cannot fail.
        (self.0 * Decimal::ONE_HUNDRED)
            .to_i64()
            .expect("money is always whole paise within i64")
    }

    pub fn from_rupees(rupees: i64) -> Money {
        Money::from_paise(
            rupees
                .checked_mul(100)
                .expect("rupees overflow the paise range"),
        )
    }

    /// Parses what a person types at the counter: "5000", "5000.5", "5,000.50",
    /// " 5000.00 ", "₹5,000", "-500". Refuses anything that is not exactly an amount of
    /// rupees and paise, rather than guessing (a third decimal is refused, not rounded).
    pub fn parse(field: &'static str, s: &str) -> Result<Money, FieldError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(FieldError::new(field, "is required"));
        }
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let unsigned = unsigned.strip_prefix('₹').unwrap_or(unsigned).trim_start();
        let magnitude = scaled_integer(unsigned, 2, true)
            .map_err(|problem| Self::parse_problem(field, problem))?;
        let signed = if negative {
            -i128::from(magnitude)
        } else {
            i128::from(magnitude)
        };
        let paise = i64::try_from(signed)
            .map_err(|_| Self::parse_problem(field, NumberProblem::TooLarge))?;
        Ok(Money::from_paise(paise))
    }

    /// The message for a number that could not be read as money.
    fn parse_problem(field: &'static str, problem: NumberProblem) -> FieldError {
        let text = match problem {
            NumberProblem::NotANumber => "must be an amount like 5000 or 5000.50",
            NumberProblem::TooManyDecimals => "has more than 2 decimal places",
            NumberProblem::TooLarge => "is too large",
        };
        FieldError::new(field, text)
    }

    /// [`Money::parse`], and the amount must be more than zero.
    pub fn parse_positive(field: &'static str, s: &str) -> Result<Money, FieldError> {
        let money = Money::parse(field, s)?;
        if !money.is_positive() {
            return Err(FieldError::new(field, "must be greater than zero"));
        }
        Ok(money)
    }

    /// THE one rounding rule for money: half-up (away from zero) to the paisa.
    ///
    /// # Panics
    /// When `d` is beyond the i64 paise range (about 92 lakh crore crore rupees).
    pub fn round(d: Decimal) -> Money {
        let rounded = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let paise = (rounded * Decimal::ONE_HUNDRED)
            .to_i64()
            .expect("amount beyond the i64 paise range");
        Money::from_paise(paise)
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn is_positive(self) -> bool {
        self.paise() > 0
    }

    pub fn is_zero(self) -> bool {
        self.paise() == 0
    }

    /// `self × pct ÷ 100`, rounded with [`Money::round`] (bonuses, pro-rata shares).
    pub fn percent(self, pct: Decimal) -> Money {
        Money::round(self.0 * pct / Decimal::ONE_HUNDRED)
    }

    /// `self × n`, exact.
    pub fn times(self, n: u32) -> Money {
        Money::from_paise(
            self.paise()
                .checked_mul(i64::from(n))
                .expect("money overflow"),
        )
    }

    /// "123456.50": the form used between programs (IPC, CSV, JSON).
    pub fn to_plain(self) -> String {
        let (sign, rupees, paise) = self.parts();
        format!("{sign}{rupees}.{paise:02}")
    }

    /// "₹1,23,456.50": Indian digit grouping (lakh, crore), "-₹500.00" for negatives.
    pub fn format_inr(self) -> String {
        let (sign, rupees, paise) = self.parts();
        format!("{sign}₹{}.{paise:02}", group_indian(rupees))
    }

    fn parts(self) -> (&'static str, u64, u64) {
        let paise = self.paise();
        let sign = if paise < 0 { "-" } else { "" };
        let magnitude = paise.unsigned_abs();
        (sign, magnitude / 100, magnitude % 100)
    }
}

/// Indian grouping: the last three digits, then pairs (12,34,56,789).
fn group_indian(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 3 {
        return digits;
    }
    let (mut head, last_three) = digits.split_at(digits.len() - 3);
    let mut pairs = Vec::new();
    while head.len() > 2 {
        let (rest, pair) = head.split_at(head.len() - 2);
        pairs.push(pair);
        head = rest;
    }
    pairs.push(head);
    pairs.reverse();
    format!("{},{last_three}", pairs.join(","))
}

impl Default for Money {
    fn default() -> Self {
        Money::ZERO
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::from_paise(
            self.paise()
                .checked_add(rhs.paise())
                .expect("money overflow"),
        )
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::from_paise(
            self.paise()
                .checked_sub(rhs.paise())
                .expect("money overflow"),
        )
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::from_paise(self.paise().checked_neg().expect("money overflow"))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

/// As the string "5000.00", so JSON never passes money through a float.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse("amount", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn money(s: &str) -> Money {
        Money::parse("amount", s).unwrap()
    }

    fn refusal(s: &str) -> String {
        Money::parse("amount", s).unwrap_err().to_string()
    }

    #[test]
    fn counter_input_is_read_in_all_its_usual_forms() {
        for text in [
            "5000",
            "5000.0",
            "5000.00",
            "5,000",
            "₹5,000",
            " 5000.00 ",
            "₹ 5000",
        ] {
            assert_eq!(money(text), Money::from_rupees(5000), "{text}");
        }
        assert_eq!(money("5,000.50").paise(), 500_050);
        assert_eq!(money("1,23,456.7").paise(), 12_345_670);
        assert_eq!(money("-500").paise(), -50_000);
    }

    #[test]
    fn a_single_decimal_means_tens_of_paise() {
        assert_eq!(money("5000.5").paise(), 500_050);
    }

    #[test]
    fn a_third_decimal_place_is_refused_not_rounded() {
        assert_eq!(
            refusal("5000.505"),
            "amount: has more than 2 decimal places"
        );
    }

    #[test]
    fn empty_or_non_numeric_amounts_are_refused() {
        assert_eq!(refusal("  "), "amount: is required");
        for text in [
            "abc", "12a", "5000.", ".5", "5,,000", ",5000", "5000,", "1e3", "+5", "5 000",
        ] {
            assert_eq!(
                refusal(text),
                "amount: must be an amount like 5000 or 5000.50",
                "{text}"
            );
        }
    }

    #[test]
    fn amounts_beyond_the_paise_range_are_refused() {
        assert_eq!(refusal("92233720368547758.08"), "amount: is too large");
        assert_eq!(refusal("99999999999999999999"), "amount: is too large");
        assert_eq!(money("92233720368547758.07").paise(), i64::MAX);
        assert_eq!(money("-92233720368547758.08").paise(), i64::MIN);
        assert_eq!(refusal("-92233720368547758.09"), "amount: is too large");
    }

    #[test]
    fn zero_or_negative_is_refused_where_an_amount_must_be_positive() {
        let e = Money::parse_positive("amount", "0").unwrap_err();
        assert_eq!(e.to_string(), "amount: must be greater than zero");
        assert!(Money::parse_positive("amount", "-1").is_err());
        assert_eq!(Money::parse_positive("amount", "0.01").unwrap().paise(), 1);
    }

    #[test]
    fn half_a_paisa_rounds_away_from_zero() {
        assert_eq!(Money::round(dec!(2.005)).paise(), 201);
        assert_eq!(Money::round(dec!(2.0049)).paise(), 200);
        assert_eq!(Money::round(dec!(-2.005)).paise(), -201);
        assert_eq!(Money::round(dec!(0.125)).paise(), 13);
    }

    #[test]
    fn percent_of_an_installment_is_rounded_to_the_paisa() {
        assert_eq!(
            Money::from_rupees(5000).percent(dec!(50)),
            Money::from_rupees(2500)
        );
        // 3.5% of ₹333.33 = ₹11.66655 → ₹11.67
        assert_eq!(Money::from_paise(33_333).percent(dec!(3.5)).paise(), 1167);
    }

    #[test]
    fn times_is_exact() {
        assert_eq!(Money::from_paise(500_001).times(11).paise(), 5_500_011);
    }

    #[test]
    fn plain_form_always_has_two_decimals() {
        assert_eq!(Money::ZERO.to_plain(), "0.00");
        assert_eq!(Money::default().to_plain(), "0.00");
        assert_eq!(Money::from_paise(12_345_650).to_plain(), "123456.50");
        assert_eq!(Money::from_paise(-5).to_plain(), "-0.05");
        assert_eq!(money("7").to_string(), "7.00");
    }

    #[test]
    fn rupees_are_shown_with_indian_grouping() {
        assert_eq!(Money::from_paise(12_345_650).format_inr(), "₹1,23,456.50");
        assert_eq!(
            Money::from_rupees(10_000_000).format_inr(),
            "₹1,00,00,000.00"
        );
        assert_eq!(Money::from_rupees(999).format_inr(), "₹999.00");
        assert_eq!(Money::from_rupees(5000).format_inr(), "₹5,000.00");
        assert_eq!(Money::from_rupees(-500).format_inr(), "-₹500.00");
        assert_eq!(Money::ZERO.format_inr(), "₹0.00");
    }

    #[test]
    fn arithmetic_is_exact_to_the_paisa() {
        let mut total: Money = [money("0.10"), money("0.20"), money("0.30")]
            .into_iter()
            .sum();
        assert_eq!(total, money("0.60"));
        total -= money("1");
        assert_eq!(total.to_plain(), "-0.40");
        total += money("0.40");
        assert!(total.is_zero());
        assert_eq!(-money("3"), money("-3"));
        assert_eq!((-Money::ZERO).to_plain(), "0.00");
    }

    #[test]
    fn money_travels_in_json_as_a_string() {
        assert_eq!(
            serde_json::to_string(&money("5000")).unwrap(),
            r#""5000.00""#
        );
        let back: Money = serde_json::from_str(r#""1234.5""#).unwrap();
        assert_eq!(back.paise(), 123_450);
        assert!(
            serde_json::from_str::<Money>("1234.5").is_err(),
            "a JSON number would be a float"
        );
    }
}
