//! How to reach a customer: mobile number, email, postal PIN code.

use std::fmt;

use crate::field::FieldError;

/// An Indian mobile number, normalised to its 10 digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mobile(String);

impl Mobile {
    /// Accepts the ways people write their number: "+91 98765 43210", "098765-43210",
    /// "919876543210", "9876543210". The country code and trunk 0 are dropped so that one
    /// customer is always stored (and found) under the same ten digits.
    pub fn parse(s: &str) -> Result<Mobile, FieldError> {
        let refused = || {
            FieldError::new(
                "phone",
                "must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9",
            )
        };
        let compact: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        if compact.is_empty() {
            return Err(FieldError::new("phone", "is required"));
        }
        let national = if let Some(rest) = compact.strip_prefix("+91") {
            rest
        } else if compact.len() == 12 && compact.starts_with("91") {
            &compact[2..]
        } else if compact.len() == 11 && compact.starts_with('0') {
            &compact[1..]
        } else {
            &compact
        };
        let is_mobile = national.len() == 10
            && national.bytes().all(|b| b.is_ascii_digit())
            && national.starts_with(['6', '7', '8', '9']);
        if !is_mobile {
            return Err(refused());
        }
        Ok(Mobile(national.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "XXXXXX3210": enough to recognise a number on a printed slip without exposing it.
    pub fn masked(&self) -> String {
        format!("XXXXXX{}", &self.0[6..])
    }
}

impl fmt::Display for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, lower-cased. Only a sanity check: the real test of an address is
/// whether mail arrives, so anything plausible is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, FieldError> {
        let text = s.trim().to_lowercase();
        if text.is_empty() {
            return Err(FieldError::new("email", "is required"));
        }
        let plausible = match text.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            }
            None => false,
        };
        if !plausible || text.chars().any(char::is_whitespace) || text.len() > 254 {
            return Err(FieldError::new(
                "email",
                "must be an email address like name@example.com",
            ));
        }
        Ok(Email(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An Indian postal PIN code: six digits, the first (the postal zone) never 0.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PinCode(String);

impl PinCode {
    /// "560001" or "560 001".
    pub fn parse(s: &str) -> Result<PinCode, FieldError> {
        let digits: String = s.chars().filter(|c| *c != ' ').collect();
        if digits.is_empty() {
            return Err(FieldError::new("pin_code", "is required"));
        }
        let valid = digits.len() == 6
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !valid {
            return Err(FieldError::new(
                "pin_code",
                "must be 6 digits, not starting with 0",
            ));
        }
        Ok(PinCode(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_are_normalised_to_ten_digits() {
        for text in [
            "+91 98765 43210",
            "098765-43210",
            "9876543210",
            "919876543210",
            "+91-98765-43210",
            "(+91) 98765 43210",
        ] {
            assert_eq!(
                Mobile::parse(text).unwrap().as_str(),
                "9876543210",
                "{text}"
            );
        }
    }

    #[test]
    fn mobile_numbers_not_starting_with_6_to_9_are_refused() {
        let e = Mobile::parse("5876543210").unwrap_err();
        assert_eq!(
            e.to_string(),
            "phone: must be a 10-digit Indian mobile number starting with 6, 7, 8 or 9"
        );
        for text in [
            "987654321",
            "98765432101",
            "98765abcde",
            "+1 9876543210",
            "0000000000",
        ] {
            assert!(Mobile::parse(text).is_err(), "{text}");
        }
        assert_eq!(
            Mobile::parse("").unwrap_err().to_string(),
            "phone: is required"
        );
    }

    #[test]
    fn a_masked_mobile_shows_only_the_last_four_digits() {
        assert_eq!(Mobile::parse("9876543210").unwrap().masked(), "XXXXXX3210");
    }

    #[test]
    fn emails_are_lower_cased_and_sanity_checked() {
        assert_eq!(
            Email::parse(" Asha.Verma@Example.COM ").unwrap().as_str(),
            "asha.verma@example.com"
        );
        for text in [
            "asha",
            "@example.com",
            "asha@example",
            "asha@@example.com",
            "a b@example.com",
            "asha@.com",
            "asha@example..com",
            "asha@example.com.",
        ] {
            let e = Email::parse(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                "email: must be an email address like name@example.com",
                "{text}"
            );
        }
    }

    #[test]
    fn pin_codes_are_six_digits_not_starting_with_zero() {
        assert_eq!(PinCode::parse("560 001").unwrap().as_str(), "560001");
        for text in ["056001", "56001", "5600011", "56000A"] {
            assert_eq!(
                PinCode::parse(text).unwrap_err().to_string(),
                "pin_code: must be 6 digits, not starting with 0",
                "{text}"
            );
        }
    }
}
