//! The bonus a customer earns by completing a plan — the reason to join a savings scheme.
//!
//! This is the foundation's simple rule: one fixed bonus at maturity. It is stored and
//! shown as text ("1 installment", "50% of installment") because that is how the jeweller
//! states it on the scheme leaflet.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal_text::scaled_integer;
use crate::field::FieldError;
use crate::money::Money;
use crate::plan::PlanTerms;

/// The bonus paid at maturity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BonusRule {
    None,
    /// This many installments free: "1 installment", "2 installments".
    Installments(u32),
    /// A share of one installment: "50% of installment".
    PercentOfInstallment(Decimal),
    /// A share of everything paid: "5% of total".
    PercentOfTotal(Decimal),
}

impl BonusRule {
    /// Reads the canonical text (case and extra spaces ignored); "" and "none" mean no bonus.
    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        let text = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let refused = || {
            FieldError::new(
                field,
                r#"must be "none", "N installments", "P% of installment" or "P% of total""#,
            )
        };
        if text.is_empty() || text == "none" {
            return Ok(BonusRule::None);
        }
        if let Some((pct, of_what)) = text.split_once('%') {
            let pct = percentage(field, pct.trim())?;
            return match of_what.trim() {
                "of installment" => Ok(BonusRule::PercentOfInstallment(pct)),
                "of total" => Ok(BonusRule::PercentOfTotal(pct)),
                _ => Err(refused()),
            };
        }
        let count = text
            .strip_suffix(" installments")
            .or_else(|| text.strip_suffix(" installment"));
        let count: u32 = count.and_then(|c| c.parse().ok()).ok_or_else(refused)?;
        if !(1..=60).contains(&count) {
            return Err(FieldError::new(field, "must be between 1 and 60 installments"));
        }
        Ok(BonusRule::Installments(count))
    }

    /// The text it is stored and parsed as: "none", "2 installments", "5% of total".
    pub fn canonical(&self) -> String {
        match self {
            BonusRule::None => "none".to_string(),
            BonusRule::Installments(1) => "1 installment".to_string(),
            BonusRule::Installments(n) => format!("{n} installments"),
            BonusRule::PercentOfInstallment(pct) => format!("{}% of installment", pct.normalize()),
            BonusRule::PercentOfTotal(pct) => format!("{}% of total", pct.normalize()),
        }
    }

    /// For the customer: e.g. "Bonus at maturity: one installment (₹5,000.00)".
    pub fn describe(&self, terms: &PlanTerms) -> String {
        let bonus = self
            .amount(terms.expected_per_installment(), terms.total_payable())
            .format_inr();
        match self {
            BonusRule::None => "No bonus at maturity".to_string(),
            BonusRule::Installments(1) => format!("Bonus at maturity: one installment ({bonus})"),
            BonusRule::Installments(n) => format!("Bonus at maturity: {n} installments ({bonus})"),
            BonusRule::PercentOfInstallment(pct) => {
                format!("Bonus at maturity: {}% of one installment ({bonus})", pct.normalize())
            }
            BonusRule::PercentOfTotal(pct) => format!(
                "Bonus at maturity: {}% of the total paid ({bonus} when all {} installments are paid)",
                pct.normalize(),
                terms.installments
            ),
        }
    }

    /// The bonus for a plan with `installment` whose customer paid `total_paid` by maturity.
    pub fn amount(&self, installment: Money, total_paid: Money) -> Money {
        match self {
            BonusRule::None => Money::ZERO,
            BonusRule::Installments(n) => installment.times(*n),
            BonusRule::PercentOfInstallment(pct) => installment.percent(*pct),
            BonusRule::PercentOfTotal(pct) => total_paid.percent(*pct),
        }
    }
}

/// A percentage above 0 and at most 100, with up to two decimals ("2.5").
fn percentage(field: &'static str, text: &str) -> Result<Decimal, FieldError> {
    let hundredths = scaled_integer(text, 2, false)
        .map_err(|_| FieldError::new(field, "percentage must be a number like 5 or 2.5"))?;
    if !(1..=10_000).contains(&hundredths) {
        return Err(FieldError::new(field, "percentage must be more than 0 and at most 100"));
    }
    Ok(Decimal::from_i128_with_scale(i128::from(hundredths), 2).normalize())
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
    use crate::plan::{PlanKind, PlanTermsDraft};
    use rust_decimal_macros::dec;

    fn bonus(s: &str) -> BonusRule {
        BonusRule::parse("bonus", s).unwrap()
    }

    fn eleven_months_of_5000(rule: BonusRule) -> PlanTerms {
        PlanTerms::new(PlanTermsDraft {
            kind: PlanKind::Amount,
            installment: Some(Money::from_rupees(5000)),
            min_amount: None,
            max_amount: None,
            installments: 11,
            due_day: None,
            grace_days: 7,
            purity: None,
            bonus: rule,
            terms_text: String::new(),
        })
        .unwrap()
    }

    #[test]
    fn bonus_rules_are_read_from_their_leaflet_wording() {
        assert_eq!(bonus(""), BonusRule::None);
        assert_eq!(bonus("None"), BonusRule::None);
        assert_eq!(bonus("1 installment"), BonusRule::Installments(1));
        assert_eq!(bonus(" 2  Installments "), BonusRule::Installments(2));
        assert_eq!(bonus("50% of installment"), BonusRule::PercentOfInstallment(dec!(50)));
        assert_eq!(bonus("2.5 % of total"), BonusRule::PercentOfTotal(dec!(2.5)));
    }

    #[test]
    fn canonical_text_reads_back_as_the_same_rule() {
        for text in [
            "none",
            "1 installment",
            "3 installments",
            "50% of installment",
            "2.5% of total",
        ] {
            assert_eq!(bonus(text).canonical(), text);
        }
        assert_eq!(bonus("50.00% of installment").canonical(), "50% of installment");
    }

    #[test]
    fn unreadable_or_out_of_range_bonuses_are_refused() {
        let wording = r#"bonus: must be "none", "N installments", "P% of installment" or "P% of total""#;
        for text in ["a lot", "x installments", "5% of gold", "5 percent of total"] {
            assert_eq!(
                BonusRule::parse("bonus", text).unwrap_err().to_string(),
                wording,
                "{text}"
            );
        }
        assert!(BonusRule::parse("bonus", "0 installments").is_err());
        assert!(BonusRule::parse("bonus", "0% of total").is_err());
        assert!(BonusRule::parse("bonus", "100.01% of total").is_err());
        assert!(BonusRule::parse("bonus", "2.555% of total").is_err());
    }

    #[test]
    fn bonus_amounts_follow_the_rule() {
        let (installment, total) = (Money::from_rupees(5000), Money::from_rupees(55_000));
        assert_eq!(bonus("none").amount(installment, total), Money::ZERO);
        assert_eq!(
            bonus("1 installment").amount(installment, total),
            Money::from_rupees(5000)
        );
        assert_eq!(
            bonus("2 installments").amount(installment, total),
            Money::from_rupees(10_000)
        );
        assert_eq!(
            bonus("50% of installment").amount(installment, total),
            Money::from_rupees(2500)
        );
        assert_eq!(
            bonus("2.5% of total").amount(installment, total),
            Money::from_rupees(1375)
        );
        // 33.33% of ₹1,000.01 = ₹333.303333 → ₹333.30
        assert_eq!(
            bonus("33.33% of installment")
                .amount(Money::from_paise(100_001), total)
                .to_plain(),
            "333.30"
        );
    }

    #[test]
    fn bonus_is_described_in_plain_words_with_the_amount() {
        let describe = |rule: &str| {
            eleven_months_of_5000(bonus(rule))
                .bonus
                .describe(&eleven_months_of_5000(bonus(rule)))
        };
        assert_eq!(
            describe("1 installment"),
            "Bonus at maturity: one installment (₹5,000.00)"
        );
        assert_eq!(
            describe("2 installments"),
            "Bonus at maturity: 2 installments (₹10,000.00)"
        );
        assert_eq!(
            describe("50% of installment"),
            "Bonus at maturity: 50% of one installment (₹2,500.00)"
        );
        assert_eq!(
            describe("5% of total"),
            "Bonus at maturity: 5% of the total paid (₹2,750.00 when all 11 installments are paid)"
        );
        assert_eq!(describe("none"), "No bonus at maturity");
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
