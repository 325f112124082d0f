//! How pure the gold is: karats at the counter, fineness (parts per thousand) on the hallmark.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::field::FieldError;

/// 24K (999), 22K (916), 18K (750), or another fineness (1..=999).
///
/// The three common purities are named so that "22K" and "916" are the same value:
/// [`Purity::parse`] and [`Purity::from_fineness`] always pick the named form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Purity {
    K24,
    K22,
    K18,
    Fineness(u16),
}

impl Purity {
    /// The karats the counter names; a shop that derives rates gets a rate for each of them.
    pub const KARATS: [Purity; 3] = [Purity::K24, Purity::K22, Purity::K18];

    /// "24K", "24k", "22K", "18K", or a fineness like "916", "999", "585".
    pub fn parse(field: &'static str, s: &str) -> Result<Purity, FieldError> {
        let text = s.trim().to_ascii_uppercase();
        let refused = || {
            FieldError::new(
                field,
                "must be 24K, 22K, 18K or a fineness from 1 to 999 (like 916)",
            )
        };
        match text.as_str() {
            "24K" => Ok(Purity::K24),
            "22K" => Ok(Purity::K22),
            "18K" => Ok(Purity::K18),
            digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                let fineness: u16 = digits.parse().map_err(|_| refused())?;
                Purity::from_fineness(fineness).ok_or_else(refused)
            }
            _ => Err(refused()),
        }
    }

    /// The purity with this fineness, using the named karat when there is one.
    pub fn from_fineness(fineness: u16) -> Option<Purity> {
        match fineness {
            999 => Some(Purity::K24),
            916 => Some(Purity::K22),
            750 => Some(Purity::K18),
            1..=998 => Some(Purity::Fineness(fineness)),
            _ => None,
        }
    }

    /// "24K", "22K", "18K", or the fineness ("585").
    pub fn code(self) -> String {
        match self {
            Purity::K24 => "24K".to_string(),
            Purity::K22 => "22K".to_string(),
            Purity::K18 => "18K".to_string(),
            Purity::Fineness(n) => n.to_string(),
        }
    }

    /// Parts of gold per thousand.
    pub fn fineness(self) -> u16 {
        match self {
            Purity::K24 => 999,
            Purity::K22 => 916,
            Purity::K18 => 750,
            Purity::Fineness(n) => n,
        }
    }
}

impl fmt::Display for Purity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Purity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Purity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Purity::parse("purity", &text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purity(s: &str) -> Purity {
        Purity::parse("purity", s).unwrap()
    }

    #[test]
    fn karats_are_read_in_either_case() {
        assert_eq!(purity("24K"), Purity::K24);
        assert_eq!(purity("22k"), Purity::K22);
        assert_eq!(purity(" 18K "), Purity::K18);
    }

    #[test]
    fn a_fineness_with_a_karat_name_becomes_that_karat() {
        assert_eq!(purity("999"), Purity::K24);
        assert_eq!(purity("916"), Purity::K22);
        assert_eq!(purity("750"), Purity::K18);
        assert_eq!(purity("585"), Purity::Fineness(585));
    }

    #[test]
    fn fineness_outside_1_to_999_is_refused() {
        for text in ["0", "1000", "14K", "", "abc", "-5", "99999999"] {
            assert!(Purity::parse("purity", text).is_err(), "{text}");
        }
    }

    #[test]
    fn code_and_fineness_name_the_purity() {
        assert_eq!(
            (Purity::K22.code(), Purity::K22.fineness()),
            ("22K".to_string(), 916)
        );
        assert_eq!(
            (
                Purity::Fineness(585).code(),
                Purity::Fineness(585).fineness()
            ),
            ("585".to_string(), 585)
        );
        assert_eq!(serde_json::to_string(&Purity::K24).unwrap(), r#""24K""#);
        assert_eq!(
            serde_json::from_str::<Purity>(r#""916""#).unwrap(),
            Purity::K22
        );
    }
}
