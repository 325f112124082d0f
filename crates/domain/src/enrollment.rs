//! Where a customer's enrollment in a plan is in its life.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::field::{FieldError, parse_word};

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentStatus {
    Active,
    Matured,
    Closed,
    Cancelled,
}

impl EnrollmentStatus {
    pub const ALL: [EnrollmentStatus; 4] = [
        EnrollmentStatus::Active,
        EnrollmentStatus::Matured,
        EnrollmentStatus::Closed,
        EnrollmentStatus::Cancelled,
    ];

    pub fn parse(field: &'static str, s: &str) -> Result<Self, FieldError> {
        parse_word(field, s, &Self::ALL, Self::as_str)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EnrollmentStatus::Active => "active",
            EnrollmentStatus::Matured => "matured",
            EnrollmentStatus::Closed => "closed",
            EnrollmentStatus::Cancelled => "cancelled",
        }
    }

    /// Only an active enrollment takes money: once matured, the customer redeems instead.
    /// A matured plan still takes payments: a customer who fell behind settles the dues
    /// before redeeming. Only closure or cancellation ends payments.
    pub fn accepts_payments(self) -> bool {
        matches!(self, EnrollmentStatus::Active | EnrollmentStatus::Matured)
    }
}

impl fmt::Display for EnrollmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_value() {
        for status in EnrollmentStatus::ALL {
            assert_eq!(
                EnrollmentStatus::parse("status", status.as_str()),
                Ok(status)
            );
        }
        let e = EnrollmentStatus::parse("status", "paused").unwrap_err();
        assert_eq!(
            e.to_string(),
            "status: must be one of active, matured, closed, cancelled"
        );
    }

    #[test]
    fn open_enrollments_accept_payments_until_closed_or_cancelled() {
        let accepting: Vec<_> = EnrollmentStatus::ALL
            .into_iter()
            .filter(|s| s.accepts_payments())
            .collect();
        assert_eq!(
            accepting,
            [EnrollmentStatus::Active, EnrollmentStatus::Matured]
        );
    }

    #[test]
    fn enrollment_statuses_travel_as_snake_case_words() {
        assert_eq!(
            serde_json::to_string(&EnrollmentStatus::Cancelled).unwrap(),
            r#""cancelled""#
        );
    }
}
