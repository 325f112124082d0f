//! A person's name, in whatever script they write it.

use std::fmt;

use crate::field::FieldError;

const MAX_CHARS: usize = 100;

/// A name, trimmed and with runs of whitespace collapsed to one space, so "Asha  Verma" and
/// "Asha Verma" are the same customer. Any script is welcome ("श्रीमती लक्ष्मी"): letters are
/// recognised by Unicode, not by an ASCII list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    /// `field` is the caller's, because names appear in several places (customer, nominee).
    pub fn parse(field: &'static str, s: &str) -> Result<PersonName, FieldError> {
        let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(FieldError::new(field, "is required"));
        }
        if name.chars().count() > MAX_CHARS {
            return Err(FieldError::new(
                field,
                format!("must be at most {MAX_CHARS} characters"),
            ));
        }
        // `is_numeric` also catches digits of other scripts (e.g. Devanagari ४).
        if name.chars().any(char::is_numeric) {
            return Err(FieldError::new(field, "must not contain digits"));
        }
        if name.chars().any(char::is_control) {
            return Err(FieldError::new(
                field,
                "must not contain control characters",
            ));
        }
        // Devanagari vowel signs are Unicode "Alphabetic" too, so this holds for Hindi names.
        if !name.chars().any(char::is_alphabetic) {
            return Err(FieldError::new(field, "must contain letters"));
        }
        Ok(PersonName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(s: &str) -> String {
        PersonName::parse("name", s).unwrap_err().to_string()
    }

    #[test]
    fn names_are_trimmed_and_inner_spaces_collapsed() {
        assert_eq!(
            PersonName::parse("name", "  Asha \t  Verma ")
                .unwrap()
                .as_str(),
            "Asha Verma"
        );
    }

    #[test]
    fn names_in_any_script_are_accepted() {
        for text in ["श्रीमती लक्ष्मी", "ஸ்ரீதேவி", "D'Souza", "Anne-Marie K. Rao"]
        {
            assert_eq!(PersonName::parse("name", text).unwrap().as_str(), text);
        }
    }

    #[test]
    fn names_with_digits_are_refused_in_any_script() {
        assert_eq!(refusal("Asha 2"), "name: must not contain digits");
        assert_eq!(refusal("लक्ष्मी ४"), "name: must not contain digits");
    }

    #[test]
    fn empty_symbol_only_or_overlong_names_are_refused() {
        assert_eq!(refusal("   "), "name: is required");
        assert_eq!(refusal("- . '"), "name: must contain letters");
        assert_eq!(
            refusal(&"a".repeat(101)),
            "name: must be at most 100 characters"
        );
        assert!(
            PersonName::parse("name", &"अ".repeat(100)).is_ok(),
            "limit counts characters, not bytes"
        );
    }

    #[test]
    fn control_characters_are_refused() {
        // split_whitespace removes \t and \n, but not other control characters.
        assert_eq!(
            refusal("Asha\u{0007}Verma"),
            "name: must not contain control characters"
        );
    }

    #[test]
    fn the_caller_names_the_field() {
        assert_eq!(
            PersonName::parse("nominee", "").unwrap_err().field,
            "nominee"
        );
    }
}
