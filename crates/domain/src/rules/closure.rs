//! Closing a plan before maturity: when it may be done, what is deducted from a refund,
//! how the customer may take the money, and what part of the benefit they keep.

use serde::{Deserialize, Serialize};

use crate::field::FieldError;
use crate::percent::Percent;

/// A deduction from a premature refund. Each one is itemised on the closure quote.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Deduction {
    /// A share of everything paid.
    PercentOfPaid {
        #[specta(type = String)]
        percent: Percent,
    },
    /// A share of the first installment, when fewer than `fewer_than` installments were paid
    /// (Kerala Jewellers: 10% of the first installment if closed before 3 payments).
    PercentOfFirstInstallment {
        #[specta(type = String)]
        percent: Percent,
        fewer_than: u32,
    },
    /// The payment gateway's charge, as a share of everything paid.
    Gateway {
        #[specta(type = String)]
        percent: Percent,
    },
    /// GST, as a share of everything paid.
    Gst {
        #[specta(type = String)]
        percent: Percent,
    },
    /// The value of gifts already handed over.
    GiftsGiven,
}

/// How the customer may take what a premature closure leaves them.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    #[default]
    CashOrJewellery,
    JewelleryOnly,
    CashOnly,
}

impl Settlement {
    pub fn allows_cash(self) -> bool {
        self != Settlement::JewelleryOnly
    }

    pub fn allows_jewellery(self) -> bool {
        self != Settlement::CashOnly
    }
}

/// What is left of the maturity benefit when a plan closes early.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PrematureBenefit {
    /// Nothing.
    #[default]
    None,
    /// The benefit of the longest tier the payments have completed (Senco: an 18-month plan
    /// closed after 11 installments gets the 11-month benefit).
    LowerTier,
    /// The maturity benefit × on-time installments paid ÷ all installments (Tanishq).
    ProRata,
}

#[derive(Serialize, Deserialize, specta::Type, Clone, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct ClosurePolicy {
    /// A plan may close early only once this many installments are paid…
    pub earliest_installments: u32,
    /// …and this many days have passed since enrollment.
    pub earliest_days: u32,
    pub deductions: Vec<Deduction>,
    pub settlement: Settlement,
    pub benefit: PrematureBenefit,
    /// No benefit at all below this many installments paid (Senco: 6).
    pub benefit_from_installments: u32,
}

impl ClosurePolicy {
    pub(crate) fn check(&self) -> Result<(), FieldError> {
        if self.earliest_installments > 60 || self.benefit_from_installments > 60 {
            return Err(FieldError::new(
                "rules.closure",
                "installment counts must be at most 60",
            ));
        }
        if self.earliest_days > 3650 {
            return Err(FieldError::new(
                "rules.closure.earliest_days",
                "can be at most 3650 days",
            ));
        }
        let fewer_than_zero = self.deductions.iter().any(|d| {
            matches!(
                d,
                Deduction::PercentOfFirstInstallment { fewer_than: 0, .. }
            )
        });
        if fewer_than_zero {
            return Err(FieldError::new(
                "rules.closure.deductions",
                "\"fewer than\" must be at least 1 installment",
            ));
        }
        Ok(())
    }
}
