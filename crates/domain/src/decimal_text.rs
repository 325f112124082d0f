//! Reading fixed-point numbers ("5,000.50", "1.5") as whole units of their smallest part.
//!
//! Money (paise) and weight (milligrams) are both integers scaled by a power of ten. Reading
//! the text straight into that integer, instead of through a float or a general decimal,
//! means a value is either represented exactly or refused.

/// Why a text is not a fixed-point number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberProblem {
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

/// Reads unsigned "digits[.digits]" as an integer count of 10^-`places` units. The result
/// is unsigned so that a caller adding a minus sign can still reach `i64::MIN`.
/// With `group_commas`, commas are allowed between digit groups of the whole part ("1,23,456").
pub(crate) fn scaled_integer(
    text: &str,
    places: usize,
    group_commas: bool,
) -> Result<u64, NumberProblem> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let whole_digits = if group_commas {
        without_group_commas(whole)
    } else {
        Some(whole.to_string())
    };
    let whole_digits = whole_digits
        .filter(|w| is_digits(w))
        .ok_or(NumberProblem::NotANumber)?;
    let fraction = fraction.unwrap_or("");
    // "5000." and ".5" are refused: at the counter they are more likely typos than amounts.
    if text.ends_with('.') || !(fraction.is_empty() || is_digits(fraction)) {
        return Err(NumberProblem::NotANumber);
    }
    if fraction.len() > places {
        return Err(NumberProblem::TooManyDecimals);
    }
    let whole: u64 = whole_digits.parse().map_err(|_| NumberProblem::TooLarge)?;
    // Right-pad the fraction: with 2 places "5" is fifty paise, not five.
    let fraction: u64 = format!("{fraction:0<places$}")
        .parse()
        .map_err(|_| NumberProblem::NotANumber)?;
    let scale = 10_u64.pow(u32::try_from(places).expect("a handful of decimal places"));
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or(NumberProblem::TooLarge)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// "5,000" → "5000"; `None` when a comma does not sit between two digit groups.
fn without_group_commas(whole: &str) -> Option<String> {
    let groups: Vec<&str> = whole.split(',').collect();
    groups.iter().all(|g| is_digits(g)).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberProblem::*;

    #[test]
    fn fractions_are_padded_on_the_right() {
        assert_eq!(scaled_integer("1.5", 3, false), Ok(1500));
        assert_eq!(scaled_integer("0.909", 3, false), Ok(909));
        assert_eq!(scaled_integer("12", 2, false), Ok(1200));
    }

    #[test]
    fn commas_are_only_allowed_between_digit_groups_when_asked_for() {
        assert_eq!(scaled_integer("1,23,456.70", 2, true), Ok(12_345_670));
        assert_eq!(scaled_integer("1,000", 3, false), Err(NotANumber));
        assert_eq!(scaled_integer("1,,000", 2, true), Err(NotANumber));
    }

    #[test]
    fn malformed_numbers_are_refused_with_the_reason() {
        assert_eq!(scaled_integer("", 2, true), Err(NotANumber));
        assert_eq!(scaled_integer("5.", 2, true), Err(NotANumber));
        assert_eq!(scaled_integer(".5", 2, true), Err(NotANumber));
        assert_eq!(scaled_integer("1.2.3", 2, true), Err(NotANumber));
        assert_eq!(scaled_integer("1.234", 2, true), Err(TooManyDecimals));
        assert_eq!(
            scaled_integer("18446744073709551616", 0, false),
            Err(TooLarge)
        );
        assert_eq!(
            scaled_integer("184467440737095516.16", 2, false),
            Err(TooLarge)
        );
        assert_eq!(
            scaled_integer("184467440737095516.15", 2, false),
            Ok(u64::MAX)
        );
    }
}
