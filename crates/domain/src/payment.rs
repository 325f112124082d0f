//! How a customer paid, and whether the money has arrived.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::field::{FieldError, parse_word};

/// How the customer paid.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMode {
    Cash,
    Upi,
    Card,
    Bank,
    Cheque,
}

impl PaymentMode {
    pub const ALL: [PaymentMode; 5] = [
        PaymentMode::Cash,
        PaymentMode::Upi,
        PaymentMode::Card,
        PaymentMode::Bank,
        PaymentMode::Cheque,
    ];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        parse_word(field, s, &Self::ALL, Self::as_str)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMode::Cash => "cash",
            PaymentMode::Upi => "upi",
            PaymentMode::Card => "card",
            PaymentMode::Bank => "bank",
            PaymentMode::Cheque => "cheque",
        }
    }
}

/// Where a payment is in its life: a cheque or bank transfer is `Processing` until it
/// clears, and only `Confirmed` money counts towards the plan.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Processing,
    Confirmed,
    Failed,
    Refunded,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 4] = [
        PaymentStatus::Processing,
        PaymentStatus::Confirmed,
        PaymentStatus::Failed,
        PaymentStatus::Refunded,
    ];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        parse_word(field, s, &Self::ALL, Self::as_str)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Processing => "processing",
            PaymentStatus::Confirmed => "confirmed",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Refunded => "refunded",
        }
    }

    /// The status changes a payment may go through; everything else is a correction entry.
    /// A cheque clears or bounces; confirmed money may later be refunded.
    pub fn can_become(self, next: PaymentStatus) -> bool {
        matches!(
            (self, next),
            (PaymentStatus::Processing, PaymentStatus::Confirmed)
                | (PaymentStatus::Processing, PaymentStatus::Failed)
                | (PaymentStatus::Confirmed, PaymentStatus::Refunded)
        )
    }
}

impl fmt::Display for PaymentMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for PaymentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_value() {
        for mode in PaymentMode::ALL {
            assert_eq!(PaymentMode::parse("mode", mode.as_str()), Ok(mode));
        }
        for status in PaymentStatus::ALL {
            assert_eq!(PaymentStatus::parse("status", status.as_str()), Ok(status));
        }
    }

    #[test]
    fn payment_modes_are_read_in_any_case() {
        assert_eq!(
            PaymentMode::parse("mode", " UPI ").unwrap(),
            PaymentMode::Upi
        );
        let e = PaymentMode::parse("mode", "gold").unwrap_err();
        assert_eq!(
            e.to_string(),
            "mode: must be one of cash, upi, card, bank, cheque"
        );
    }

    #[test]
    fn the_words_on_the_wire_match_as_str() {
        assert_eq!(
            serde_json::to_string(&PaymentMode::Cheque).unwrap(),
            r#""cheque""#
        );
        assert_eq!(PaymentStatus::Refunded.to_string(), "refunded");
        assert_eq!(
            serde_json::from_str::<PaymentStatus>(r#""processing""#).unwrap(),
            PaymentStatus::Processing
        );
    }
}
