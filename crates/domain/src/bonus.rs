//! The reward a customer earns at maturity — the reason to join a savings scheme.
//!
//! It is stored and shown as text ("1 installment", "75% of installment", "75% of making
//! up to 18%") because that is how the jeweller states it on the scheme leaflet. The
//! engine (`crate::engine`) decides how much of it an enrollment has earned.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::field::FieldError;
use crate::money::Money;
use crate::percent::Percent;
use crate::weight::Weight;

const WORDING: &str = r#"must be "none", "N installments", "P% of installment", "P% of total", "₹A", "G g", "P% of making up to C%" or "P% to Q% of installment from month M to N""#;

/// The reward at maturity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BonusRule {
    None,
    /// This many installments free: "1 installment", "2 installments".
    Installments(u32),
    /// A share of one installment: "75% of installment" (Senco: 30% / 75% / 150%).
    PercentOfInstallment(Percent),
    /// A share of everything paid: "5% of total".
    PercentOfTotal(Percent),
    /// A fixed amount: "₹500".
    Fixed(Money),
    /// Gold: "0.5 g".
    Grams(Weight),
    /// A waiver of the making charge / value addition: `share` of it, on at most `cap`
    /// percent of the item's value ("75% of making up to 18%": SR Jewellery Akshayam).
    /// What it is worth depends on the invoice, so the settlement computes it.
    MakingWaiver {
        share: Percent,
        cap: Percent,
    },
    /// A share of one installment that grows with the months since enrollment, from
    /// `from` at month `from_month` to `to` at month `to_month` (Tanishq: 55% → 75%).
    Sliding {
        from: Percent,
        to: Percent,
        from_month: u32,
        to_month: u32,
    },
}

impl BonusRule {
    /// Reads the canonical text (case and extra spaces ignored); "" and "none" mean no bonus.
    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        let text = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let refused = || FieldError::new(field, WORDING);
        if text.is_empty() || text == "none" {
            return Ok(BonusRule::None);
        }
        if let Some(amount) = text.strip_prefix('₹').or_else(|| text.strip_prefix("rs ")) {
            return Ok(BonusRule::Fixed(Money::parse_positive(
                field,
                amount.trim(),
            )?));
        }
        if let Some(grams) = text.strip_suffix(" g") {
            let grams = Weight::parse(field, grams.trim())?;
            return if grams.is_positive() {
                Ok(BonusRule::Grams(grams))
            } else {
                Err(refused())
            };
        }
        if let Some(rule) = parse_sliding(field, &text)? {
            return Ok(rule);
        }
        if let Some((pct, of_what)) = text.split_once('%') {
            let pct = Percent::parse(field, pct)?;
            let of_what = of_what.trim();
            if let Some(cap) = of_what.strip_prefix("of making up to ") {
                let cap = Percent::parse(field, cap)?;
                return Ok(BonusRule::MakingWaiver { share: pct, cap });
            }
            return match of_what {
                "of installment" => Ok(BonusRule::PercentOfInstallment(pct)),
                "of total" if pct <= Percent::whole(100) => Ok(BonusRule::PercentOfTotal(pct)),
                "of total" => Err(FieldError::new(
                    field,
                    "a share of the total can be at most 100%",
                )),
                _ => Err(refused()),
            };
        }
        let count = text
            .strip_suffix(" installments")
            .or_else(|| text.strip_suffix(" installment"));
        let count: u32 = count.and_then(|c| c.parse().ok()).ok_or_else(refused)?;
        if !(1..=60).contains(&count) {
            return Err(FieldError::new(
                field,
                "must be between 1 and 60 installments",
            ));
        }
        Ok(BonusRule::Installments(count))
    }

    /// The text it is stored and parsed as: "none", "2 installments", "5% of total".
    pub fn canonical(&self) -> String {
        match self {
            BonusRule::None => "none".to_string(),
            BonusRule::Installments(1) => "1 installment".to_string(),
            BonusRule::Installments(n) => format!("{n} installments"),
            BonusRule::PercentOfInstallment(pct) => format!("{pct} of installment"),
            BonusRule::PercentOfTotal(pct) => format!("{pct} of total"),
            BonusRule::Fixed(amount) => format!("₹{}", amount.to_plain()),
            BonusRule::Grams(grams) => format!("{grams} g"),
            BonusRule::MakingWaiver { share, cap } => format!("{share} of making up to {cap}"),
            BonusRule::Sliding {
                from,
                to,
                from_month,
                to_month,
            } => {
                format!("{from} to {to} of installment from month {from_month} to {to_month}")
            }
        }
    }

    /// For the customer, in plain words, e.g. "one installment (₹5,000.00)". `installment`
    /// is one installment of the enrollment (its average, if the amount was changed) and
    /// `total` what all installments add up to.
    pub fn describe(&self, installment: Money, total: Money) -> String {
        let share = |pct: Percent, of: Money| pct.of(of).format_inr();
        match self {
            BonusRule::None => "no bonus at maturity".to_string(),
            BonusRule::Installments(1) => format!("one installment ({})", installment.format_inr()),
            BonusRule::Installments(n) => {
                format!("{n} installments ({})", installment.times(*n).format_inr())
            }
            BonusRule::PercentOfInstallment(pct) => {
                format!("{pct} of one installment ({})", share(*pct, installment))
            }
            BonusRule::PercentOfTotal(pct) => {
                format!(
                    "{pct} of the total paid ({} when every installment is paid)",
                    share(*pct, total)
                )
            }
            BonusRule::Fixed(amount) => format!("a fixed {}", amount.format_inr()),
            BonusRule::Grams(grams) => format!("{grams} g of gold"),
            BonusRule::MakingWaiver { share, cap } => format!(
                "{share} off the making charge, on a making charge of up to {cap} of the item's value"
            ),
            BonusRule::Sliding {
                from,
                to,
                from_month,
                to_month,
            } => format!(
                "{from} of one installment ({}) after {from_month} months, rising to {to} ({}) after {to_month} months",
                share(*from, installment),
                share(*to, installment)
            ),
        }
    }

    /// The money this reward is worth at maturity before any reduction, for a plan whose
    /// (average) installment is `installment`, whose customer paid `total_paid`, redeemed
    /// `months` whole months after enrollment. Grams and waivers are worth ₹0 here: grams are
    /// credited as gold, and a waiver is valued against the invoice at settlement.
    pub fn money(&self, installment: Money, total_paid: Money, months: u32) -> Money {
        match self {
            BonusRule::None | BonusRule::Grams(_) | BonusRule::MakingWaiver { .. } => Money::ZERO,
            BonusRule::Installments(n) => installment.times(*n),
            BonusRule::PercentOfInstallment(pct) => pct.of(installment),
            BonusRule::PercentOfTotal(pct) => pct.of(total_paid),
            BonusRule::Fixed(amount) => *amount,
            BonusRule::Sliding { .. } => installment.percent(self.sliding_percent(months)),
        }
    }

    /// The gold this reward credits at maturity.
    pub fn grams(&self) -> Weight {
        match self {
            BonusRule::Grams(grams) => *grams,
            _ => Weight::ZERO,
        }
    }

    /// A sliding reward's percentage after `months` whole months: `from` at `from_month`,
    /// `to` from `to_month` on, in equal steps per month between (Tanishq's published
    /// table: 55% after 10 months, 65% after 11, 75% after 12). Zero before `from_month`.
    pub fn sliding_percent(&self, months: u32) -> Decimal {
        let BonusRule::Sliding {
            from,
            to,
            from_month,
            to_month,
        } = *self
        else {
            return Decimal::ZERO;
        };
        if months < from_month {
            return Decimal::ZERO;
        }
        if months >= to_month {
            return to.as_decimal();
        }
        let step = (to.as_decimal() - from.as_decimal()) / Decimal::from(to_month - from_month);
        from.as_decimal() + step * Decimal::from(months - from_month)
    }

    /// The months from which a sliding reward is first paid (0 for every other rule).
    pub fn earliest_month(&self) -> u32 {
        match self {
            BonusRule::Sliding { from_month, .. } => *from_month,
            _ => 0,
        }
    }
}

/// "55% to 75% of installment from month 10 to 12".
fn parse_sliding(field: &'static str, text: &str) -> Result<Option<BonusRule>, FieldError> {
    let Some((from, rest)) = text.split_once(" to ") else {
        return Ok(None);
    };
    let Some((to, months)) = rest.split_once(" of installment from month ") else {
        return Ok(None);
    };
    let Some((from_month, to_month)) = months.split_once(" to ") else {
        return Err(FieldError::new(field, WORDING));
    };
    let month = |m: &str| {
        m.trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=60).contains(m))
            .ok_or_else(|| FieldError::new(field, "months of a sliding bonus must be from 1 to 60"))
    };
    let (from_month, to_month) = (month(from_month)?, month(to_month)?);
    if to_month <= from_month {
        return Err(FieldError::new(
            field,
            "a sliding bonus must end after the month it starts",
        ));
    }
    let (from, to) = (Percent::parse(field, from)?, Percent::parse(field, to)?);
    Ok(Some(BonusRule::Sliding {
        from,
        to,
        from_month,
        to_month,
    }))
}

impl fmt::Display for BonusRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl Serialize for BonusRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

impl<'de> Deserialize<'de> for BonusRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        BonusRule::parse("bonus", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bonus(s: &str) -> BonusRule {
        BonusRule::parse("bonus", s).unwrap()
    }

    #[test]
    fn bonus_rules_are_read_from_their_leaflet_wording() {
        assert_eq!(bonus(""), BonusRule::None);
        assert_eq!(bonus("None"), BonusRule::None);
        assert_eq!(bonus("1 installment"), BonusRule::Installments(1));
        assert_eq!(bonus(" 2  Installments "), BonusRule::Installments(2));
        assert_eq!(
            bonus("150% of installment"),
            BonusRule::PercentOfInstallment(Percent::whole(150))
        );
        assert_eq!(
            bonus("2.5 % of total"),
            BonusRule::PercentOfTotal(Percent::parse("p", "2.5").unwrap())
        );
        assert_eq!(bonus("₹500"), BonusRule::Fixed(Money::from_rupees(500)));
        assert_eq!(bonus("Rs 500"), BonusRule::Fixed(Money::from_rupees(500)));
        assert_eq!(bonus("0.5 g"), BonusRule::Grams(Weight::from_mg(500)));
        assert_eq!(
            bonus("75% of making up to 18%"),
            BonusRule::MakingWaiver {
                share: Percent::whole(75),
                cap: Percent::whole(18)
            }
        );
    }

    #[test]
    fn canonical_text_reads_back_as_the_same_rule() {
        for text in [
            "none",
            "1 installment",
            "3 installments",
            "50% of installment",
            "2.5% of total",
            "₹500.00",
            "0.500 g",
            "75% of making up to 18%",
            "55% to 75% of installment from month 10 to 12",
        ] {
            assert_eq!(bonus(text).canonical(), text);
        }
        assert_eq!(
            bonus("50.00% of installment").canonical(),
            "50% of installment"
        );
    }

    #[test]
    fn unreadable_or_out_of_range_bonuses_are_refused() {
        for text in [
            "a lot",
            "x installments",
            "5% of gold",
            "5 percent of total",
        ] {
            assert_eq!(
                BonusRule::parse("bonus", text).unwrap_err().to_string(),
                format!("bonus: {WORDING}"),
                "{text}"
            );
        }
        assert!(BonusRule::parse("bonus", "0 installments").is_err());
        assert!(BonusRule::parse("bonus", "0% of total").is_err());
        assert!(BonusRule::parse("bonus", "100.01% of total").is_err());
        assert!(BonusRule::parse("bonus", "2.555% of total").is_err());
        assert!(BonusRule::parse("bonus", "0 g").is_err());
        assert!(
            BonusRule::parse("bonus", "75% to 55% of installment from month 12 to 10").is_err()
        );
    }

    #[test]
    fn bonus_amounts_follow_the_rule() {
        let (installment, total) = (Money::from_rupees(5000), Money::from_rupees(55_000));
        let worth = |rule: &str| bonus(rule).money(installment, total, 11).to_plain();
        assert_eq!(worth("none"), "0.00");
        assert_eq!(worth("1 installment"), "5000.00");
        assert_eq!(worth("2 installments"), "10000.00");
        assert_eq!(worth("50% of installment"), "2500.00");
        assert_eq!(worth("2.5% of total"), "1375.00");
        assert_eq!(worth("₹750"), "750.00");
        assert_eq!(worth("1 g"), "0.00", "gold is credited as grams, not money");
        // 33.33% of ₹1,000.01 = ₹333.303333 → ₹333.30
        assert_eq!(
            bonus("33.33% of installment")
                .money(Money::from_paise(100_001), total, 11)
                .to_plain(),
            "333.30"
        );
    }

    #[test]
    fn a_sliding_bonus_grows_month_by_month_to_its_ceiling() {
        let tanishq = bonus("55% to 75% of installment from month 10 to 12");
        let at = |months| {
            tanishq
                .money(Money::from_rupees(2000), Money::ZERO, months)
                .to_plain()
        };
        assert_eq!(
            [at(9), at(10), at(11), at(12), at(13)],
            ["0.00", "1100.00", "1300.00", "1500.00", "1500.00"]
        );
    }

    #[test]
    fn bonus_is_described_in_plain_words_with_the_amount() {
        let describe =
            |rule: &str| bonus(rule).describe(Money::from_rupees(5000), Money::from_rupees(55_000));
        assert_eq!(describe("1 installment"), "one installment (₹5,000.00)");
        assert_eq!(describe("2 installments"), "2 installments (₹10,000.00)");
        assert_eq!(
            describe("50% of installment"),
            "50% of one installment (₹2,500.00)"
        );
        assert_eq!(
            describe("5% of total"),
            "5% of the total paid (₹2,750.00 when every installment is paid)"
        );
        assert_eq!(describe("none"), "no bonus at maturity");
    }

    #[test]
    fn bonus_travels_in_json_as_its_text() {
        assert_eq!(
            serde_json::to_string(&bonus("50% of installment")).unwrap(),
            r#""50% of installment""#
        );
        assert_eq!(
            serde_json::from_str::<BonusRule>(r#""1 installment""#).unwrap(),
            BonusRule::Installments(1)
        );
    }
}
