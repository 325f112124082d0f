//! Aadhaar: checked in full, remembered only by its last four digits.
//!
//! The shop has no business storing a customer's full Aadhaar number (UIDAI's rules restrict
//! who may), and a leaked database should not leak it. So the full number exists only while
//! it is being checked; the type keeps the last four digits, which is all a receipt or a
//! search needs.

use std::fmt;

use super::verhoeff::verhoeff_valid;
use crate::field::FieldError;

const FIELD: &str = "aadhaar";

/// The last four digits of an Aadhaar number that passed its check digit.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Aadhaar {
    last4: String,
}

impl Aadhaar {
    /// 12 digits (spaces or dashes between them are fine), not starting with 0 or 1 (UIDAI
    /// never issues those), with a valid Verhoeff check digit.
    pub fn parse(s: &str) -> Result<Aadhaar, FieldError> {
        let digits: String = s.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if digits.is_empty() {
            return Err(FieldError::new(FIELD, "is required"));
        }
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(FIELD, "must be 12 digits"));
        }
        if digits.starts_with(['0', '1']) {
            return Err(FieldError::new(FIELD, "cannot start with 0 or 1"));
        }
        if !verhoeff_valid(&digits) {
            return Err(FieldError::new(
                FIELD,
                "is not a valid Aadhaar number (check digit does not match); please re-check the digits",
            ));
        }
        Ok(Aadhaar {
            last4: digits[8..].to_string(),
        })
    }

    /// Rebuilds the value from the four digits kept in the database.
    pub fn from_last4(s: &str) -> Result<Aadhaar, FieldError> {
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(FIELD, "last four digits must be 4 digits"));
        }
        Ok(Aadhaar {
            last4: s.to_string(),
        })
    }

    pub fn last4(&self) -> &str {
        &self.last4
    }

    /// "XXXX XXXX 1234", the form UIDAI calls a masked Aadhaar.
    pub fn masked(&self) -> String {
        format!("XXXX XXXX {}", self.last4)
    }
}

/// Shows only the masked form, so logging a customer can never print more than the last four.
impl fmt::Debug for Aadhaar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Aadhaar({})", self.masked())
    }
}

impl fmt::Display for Aadhaar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kyc::verhoeff_check_digit;

    #[test]
    fn a_valid_aadhaar_keeps_only_its_last_four_digits() {
        let aadhaar = Aadhaar::parse("2341 2341 2346").unwrap();
        assert_eq!(aadhaar.last4(), "2346");
        assert_eq!(aadhaar.masked(), "XXXX XXXX 2346");
        assert_eq!(Aadhaar::parse("2341-2341-2346").unwrap(), aadhaar);
    }

    #[test]
    fn aadhaar_with_wrong_check_digit_is_refused() {
        let e = Aadhaar::parse("234123412347").unwrap_err();
        assert_eq!(e.field, "aadhaar");
        assert!(e.problem.contains("check digit"), "{e}");
    }

    #[test]
    fn aadhaar_starting_with_0_or_1_is_refused_even_with_a_good_check_digit() {
        for payload in ["02341234123", "12341234123"] {
            let number = format!("{payload}{}", verhoeff_check_digit(payload).unwrap());
            let e = Aadhaar::parse(&number).unwrap_err();
            assert_eq!(
                e.to_string(),
                "aadhaar: cannot start with 0 or 1",
                "{number}"
            );
        }
    }

    #[test]
    fn aadhaar_of_the_wrong_length_or_with_letters_is_refused() {
        for text in ["23412341234", "2341234123460", "23412341234A"] {
            assert_eq!(
                Aadhaar::parse(text).unwrap_err().to_string(),
                "aadhaar: must be 12 digits",
                "{text}"
            );
        }
        assert_eq!(
            Aadhaar::parse("  ").unwrap_err().to_string(),
            "aadhaar: is required"
        );
    }

    #[test]
    fn a_check_digit_computed_by_verhoeff_is_accepted() {
        let payload = "98765432101";
        let number = format!("{payload}{}", verhoeff_check_digit(payload).unwrap());
        assert_eq!(Aadhaar::parse(&number).unwrap().last4(), &number[8..]);
    }

    #[test]
    fn debug_output_never_shows_more_than_the_last_four() {
        let aadhaar = Aadhaar::parse("234123412346").unwrap();
        let debug = format!("{aadhaar:?}");
        assert_eq!(debug, "Aadhaar(XXXX XXXX 2346)");
        assert!(!debug.contains("23412341"));
    }

    #[test]
    fn last_four_from_the_database_must_be_four_digits() {
        assert_eq!(
            Aadhaar::from_last4("2346").unwrap().masked(),
            "XXXX XXXX 2346"
        );
        assert!(Aadhaar::from_last4("234").is_err());
        assert!(Aadhaar::from_last4("23a6").is_err());
    }
}
