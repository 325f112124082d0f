//! A percentage as the jeweller writes it on a leaflet: "75", "2.5", "150".

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal_text::scaled_integer;
use crate::field::FieldError;
use crate::money::Money;
use crate::weight::Weight;

/// A positive percentage with at most two decimals, up to 1000% (Senco's 18-month tier
/// pays 150% of one installment, so 100 is not the ceiling).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Percent(Decimal);

impl Percent {
    const MAX_HUNDREDTHS: u64 = 100_000;

    pub fn parse(field: &'static str, text: &str) -> Result<Percent, FieldError> {
        let text = text.trim().trim_end_matches('%').trim();
        let hundredths = scaled_integer(text, 2, false)
            .map_err(|_| FieldError::new(field, "percentage must be a number like 5 or 2.5"))?;
        if !(1..=Self::MAX_HUNDREDTHS).contains(&hundredths) {
            return Err(FieldError::new(
                field,
                "percentage must be more than 0 and at most 1000",
            ));
        }
        Ok(Percent(
            Decimal::from_i128_with_scale(i128::from(hundredths), 2).normalize(),
        ))
    }

    /// For tests and constants: whole percentages.
    pub fn whole(pct: u32) -> Percent {
        Percent(Decimal::from(pct))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// `amount × self ÷ 100`, rounded with the one money rounding.
    pub fn of(self, amount: Money) -> Money {
        amount.percent(self.0)
    }

    /// `grams × self ÷ 100`, rounded DOWN to the milligram like every gold credit.
    pub fn of_grams(self, grams: Weight) -> Weight {
        grams.share(self.0)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Percent::parse("percent", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_read_as_written_on_the_leaflet() {
        assert_eq!(Percent::parse("p", "75").unwrap().to_string(), "75%");
        assert_eq!(Percent::parse("p", " 2.5 % ").unwrap().to_string(), "2.5%");
        assert_eq!(Percent::parse("p", "150").unwrap(), Percent::whole(150));
        assert!(Percent::parse("p", "0").is_err());
        assert!(Percent::parse("p", "1000.01").is_err());
        assert!(Percent::parse("p", "2.555").is_err());
    }

    #[test]
    fn a_share_of_grams_is_rounded_down_to_the_milligram() {
        // 5% of 0.909 g = 0.04545 g → 0.045 g.
        assert_eq!(
            Percent::whole(5).of_grams(Weight::from_mg(909)),
            Weight::from_mg(45)
        );
    }
}
