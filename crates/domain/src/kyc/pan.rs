//! PAN, the Income Tax Department's Permanent Account Number.

use std::fmt;

use crate::field::FieldError;

/// A PAN in the form AAAAA9999A (five letters, four digits, one letter), upper-cased.
///
/// Only the shape is checked. The fourth letter encodes the holder type (P for a person,
/// C for a company, ...) but the list of types has grown over the years, and refusing a
/// genuine PAN at the counter costs more than accepting a mistyped one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pan(String);

impl Pan {
    pub fn parse(s: &str) -> Result<Pan, FieldError> {
        let text: String = s.trim().to_ascii_uppercase();
        if text.is_empty() {
            return Err(FieldError::new("pan", "is required"));
        }
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10
            && bytes[..5].iter().all(u8::is_ascii_uppercase)
            && bytes[5..9].iter().all(u8::is_ascii_digit)
            && bytes[9].is_ascii_uppercase();
        if !shaped {
            return Err(FieldError::new(
                "pan",
                "must be 5 letters, 4 digits and a letter, like ABCDE1234F",
            ));
        }
        Ok(Pan(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pan_is_upper_cased() {
        assert_eq!(Pan::parse(" abcpe1234f ").unwrap().as_str(), "ABCPE1234F");
    }

    #[test]
    fn pan_of_the_wrong_shape_is_refused() {
        for text in [
            "ABCPE1234",
            "ABCP11234F",
            "ABCPE12345",
            "ABCPE1234FF",
            "ABCPÉ1234F",
        ] {
            let e = Pan::parse(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                "pan: must be 5 letters, 4 digits and a letter, like ABCDE1234F",
                "{text}"
            );
        }
        assert_eq!(Pan::parse("").unwrap_err().to_string(), "pan: is required");
    }
}
