//! The one error type of the domain: a problem with one input field.
//!
//! Every validating constructor names the field it was checking so the UI can put the
//! message next to the right input, and the CLI can print it as `field: problem`.

/// A problem with one input field. Display = "{field}: {problem}".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: &'static str,
    pub problem: String,
}

impl FieldError {
    pub fn new(field: &'static str, problem: impl Into<String>) -> Self {
        Self {
            field,
            problem: problem.into(),
        }
    }

    /// The error for a value that is not one of a fixed list of words, listing the words
    /// so the person typing knows what would have been accepted.
    pub fn not_one_of(field: &'static str, allowed: &[&str]) -> Self {
        Self::new(field, format!("must be one of {}", allowed.join(", ")))
    }
}

/// Reads one of a fixed set of words (case and surrounding spaces ignored), e.g. a payment
/// mode. `all` lists every value; `word` names each one as it is written.
pub(crate) fn parse_word<T: Copy>(
    field: &'static str,
    s: &str,
    all: &[T],
    word: fn(T) -> &'static str,
) -> Result<T, FieldError> {
    let text = s.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|value| word(*value) == text)
        .ok_or_else(|| {
            let words: Vec<&str> = all.iter().map(|value| word(*value)).collect();
            FieldError::not_one_of(field, &words)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_reads_as_field_then_problem() {
        let e = FieldError::new("phone", "is required");
        assert_eq!(e.to_string(), "phone: is required");
    }

    #[test]
    fn not_one_of_lists_the_accepted_words() {
        let e = FieldError::not_one_of("mode", &["cash", "upi"]);
        assert_eq!(e.to_string(), "mode: must be one of cash, upi");
    }
}
