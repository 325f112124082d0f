//! What happens when an installment is paid after its grace period, or not at all.
//!
//! A plan may combine these: Tanishq shrinks the discount pro rata; others move maturity
//! by the months missed, charge a fee, or declare the enrollment defaulted.

use serde::{Deserialize, Serialize};

use crate::field::FieldError;
use crate::money::Money;
use crate::percent::Percent;

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LateFee {
    /// A fixed fee per late installment.
    Fixed {
        #[specta(type = String)]
        amount: Money,
    },
    /// A share of the installment for every month (or part) it is late.
    PercentPerMonth {
        #[specta(type = String)]
        percent: Percent,
    },
}

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(default)]
pub struct LatenessPolicy {
    /// Maturity moves by one month for each missed installment.
    pub extend_maturity: bool,
    /// The maturity bonus is reduced by late installments ÷ all installments.
    pub pro_rata_bonus: bool,
    pub late_fee: Option<LateFee>,
    /// After this many missed installments the enrollment is defaulted: no bonus.
    pub default_after_missed: Option<u32>,
}

impl LatenessPolicy {
    pub(crate) fn check(&self) -> Result<(), FieldError> {
        if self
            .default_after_missed
            .is_some_and(|n| !(1..=60).contains(&n))
        {
            return Err(FieldError::new(
                "rules.lateness.default_after_missed",
                "must be 1 to 60 installments",
            ));
        }
        if let Some(LateFee::Fixed { amount }) = self.late_fee
            && !amount.is_positive()
        {
            return Err(FieldError::new(
                "rules.lateness.late_fee",
                "must be greater than zero",
            ));
        }
        Ok(())
    }
}
