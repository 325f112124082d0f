//! Customer codes, and the shop's pattern for making them.
//!
//! A jeweller's existing ledger often already has a numbering habit ("MAIN-00042",
//! "BLR/26/0042"); the pattern lets Kanak continue it instead of imposing its own.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::field::FieldError;

const MAX_CODE_CHARS: usize = 32;
const MAX_BRANCH_CHARS: usize = 8;
/// Branch and counter codes are at most 8 characters; the pattern's length check assumes
/// both at their longest, so a valid pattern renders a valid code.
const LONGEST_BRANCH_OR_COUNTER: usize = 8;

/// The characters allowed in a customer code (and as literal text in a pattern): ones that
/// survive a CSV, a URL, a filename and being read aloud at the counter.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_' | '.')
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Branch,
    Counter,
    Year4,
    Year2,
    /// The running number, zero-padded to this many digits.
    Seq(usize),
}

impl Part {
    fn from_token(token: &str) -> Option<Part> {
        match token {
            "BRANCH" => Some(Part::Branch),
            "COUNTER" => Some(Part::Counter),
            "YYYY" => Some(Part::Year4),
            "YY" => Some(Part::Year2),
            _ => {
                let width = token.strip_prefix("SEQ:")?;
                let width: usize = width
                    .parse()
                    .ok()
                    .filter(|w| (1..=9).contains(w) && width.len() == 1)?;
                Some(Part::Seq(width))
            }
        }
    }

    /// The most characters this part renders to when the running number fits its width.
    fn longest(&self) -> usize {
        match self {
            Part::Literal(text) => text.len(),
            Part::Branch | Part::Counter => LONGEST_BRANCH_OR_COUNTER,
            Part::Year4 => 4,
            Part::Year2 => 2,
            Part::Seq(width) => *width,
        }
    }
}

/// The shop's pattern for customer codes, e.g. "{BRANCH}-{SEQ:5}" → "MAIN-00042".
///
/// Tokens: {BRANCH} {COUNTER} {YYYY} {YY} {SEQ:n} (n from 1 to 9), with exactly one
/// {SEQ:n}, since without the running number two customers would get the same code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodePattern {
    text: String,
    parts: Vec<Part>,
}

impl CodePattern {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let text = s.trim();
        let problem = |p: String| FieldError::new("code_pattern", p);
        if text.is_empty() {
            return Err(problem("is required".into()));
        }
        let parts = tokenize(text).map_err(problem)?;
        let seq_count = parts.iter().filter(|p| matches!(p, Part::Seq(_))).count();
        if seq_count != 1 {
            return Err(problem(
                "must contain exactly one {SEQ:n} (n from 1 to 9), e.g. {SEQ:5}".into(),
            ));
        }
        if parts.iter().map(Part::longest).sum::<usize>() > MAX_CODE_CHARS {
            return Err(problem(format!(
                "makes codes longer than {MAX_CODE_CHARS} characters"
            )));
        }
        Ok(CodePattern {
            text: text.to_string(),
            parts,
        })
    }

    /// "{BRANCH}-{SEQ:5}".
    pub fn default_pattern() -> Self {
        CodePattern::parse("{BRANCH}-{SEQ:5}").expect("the default pattern is valid")
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The code for `ctx`. A running number wider than its {SEQ:n} is printed in full,
    /// never cut, because a cut number would repeat an earlier customer's code.
    pub fn render(&self, ctx: &CodeContext) -> CustomerCode {
        let mut code = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(text) => code.push_str(text),
                // Branch and counter come from the shop's settings; drop anything that
                // could not be part of a code rather than fail to make one.
                Part::Branch => code.extend(ctx.branch.chars().filter(|c| is_code_char(*c))),
                Part::Counter => code.extend(ctx.counter.chars().filter(|c| is_code_char(*c))),
                Part::Year4 => code.push_str(&format!("{:04}", ctx.date.year())),
                Part::Year2 => code.push_str(&format!("{:02}", ctx.date.year().rem_euclid(100))),
                Part::Seq(width) => code.push_str(&format!("{:0width$}", ctx.seq)),
            }
        }
        CustomerCode(code.to_ascii_uppercase())
    }
}

impl fmt::Display for CodePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Splits a pattern into literal text and tokens, or says what is wrong with it.
fn tokenize(pattern: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let (token, after) = rest[1..]
                .split_once('}')
                .ok_or("has a { without a closing }")?;
            let part = Part::from_token(token).ok_or_else(|| {
                format!("has an unknown token {{{token}}}; use {{BRANCH}}, {{COUNTER}}, {{YYYY}}, {{YY}} or {{SEQ:n}}")
            })?;
            parts.push(part);
            rest = after;
            continue;
        }
        if !is_code_char(c) {
            return Err(format!(
                "may not contain '{c}' (only letters, digits, - / _ . and tokens)"
            ));
        }
        match parts.last_mut() {
            Some(Part::Literal(text)) => text.push(c),
            _ => parts.push(Part::Literal(c.to_string())),
        }
        rest = &rest[c.len_utf8()..];
    }
    Ok(parts)
}

/// What a pattern is rendered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeContext<'a> {
    pub branch: &'a str,
    pub counter: &'a str,
    pub date: NaiveDate,
    pub seq: u64,
}

/// A customer's code: 1 to 32 letters, digits, or - / _ . — upper-cased so that "main-1"
/// and "MAIN-1" are the same customer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomerCode(String);

impl CustomerCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let text = s.trim();
        let valid = (1..=MAX_CODE_CHARS).contains(&text.len()) && text.chars().all(is_code_char);
        if !valid {
            return Err(FieldError::new(
                "code",
                "must be 1 to 32 letters, digits or - / _ .",
            ));
        }
        Ok(CustomerCode(text.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The shop branch's short code (printed on codes and receipts): 1 to 8 letters or digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BranchCode(String);

impl BranchCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let text = s.trim();
        let valid = (1..=MAX_BRANCH_CHARS).contains(&text.len())
            && text.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            return Err(FieldError::new(
                "branch_code",
                "must be 1 to 8 letters or digits",
            ));
        }
        Ok(BranchCode(text.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BranchCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(pattern: &str, seq: u64) -> String {
        let ctx = CodeContext {
            branch: "main",
            counter: "2",
            date: NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
            seq,
        };
        CodePattern::parse(pattern)
            .unwrap()
            .render(&ctx)
            .as_str()
            .to_string()
    }

    fn pattern_refusal(pattern: &str) -> String {
        CodePattern::parse(pattern).unwrap_err().to_string()
    }

    #[test]
    fn the_default_pattern_is_branch_dash_five_digit_number() {
        assert_eq!(CodePattern::default_pattern().as_str(), "{BRANCH}-{SEQ:5}");
        assert_eq!(render("{BRANCH}-{SEQ:5}", 42), "MAIN-00042");
    }

    #[test]
    fn every_token_is_filled_in() {
        assert_eq!(render("{BRANCH}/{YY}/{SEQ:4}", 7), "MAIN/26/0007");
        assert_eq!(render("c{COUNTER}.{YYYY}_{SEQ:1}", 3), "C2.2026_3");
    }

    #[test]
    fn a_number_wider_than_its_width_is_printed_in_full() {
        assert_eq!(render("{BRANCH}-{SEQ:3}", 12_345), "MAIN-12345");
    }

    #[test]
    fn a_pattern_needs_exactly_one_running_number() {
        let expected =
            "code_pattern: must contain exactly one {SEQ:n} (n from 1 to 9), e.g. {SEQ:5}";
        assert_eq!(pattern_refusal("{BRANCH}-"), expected);
        assert_eq!(pattern_refusal("{SEQ:2}{SEQ:3}"), expected);
    }

    #[test]
    fn unknown_tokens_and_odd_characters_are_refused() {
        assert!(pattern_refusal("{BRANCH}-{SEQ:0}").contains("unknown token {SEQ:0}"));
        assert!(pattern_refusal("{SEQ:10}").contains("unknown token {SEQ:10}"));
        assert!(pattern_refusal("{branch}-{SEQ:5}").contains("unknown token {branch}"));
        assert!(pattern_refusal("{BRANCH-{SEQ:5}").contains("unknown token"));
        assert!(pattern_refusal("A-{SEQ:5").contains("without a closing }"));
        assert_eq!(
            pattern_refusal("A {SEQ:5}"),
            "code_pattern: may not contain ' ' (only letters, digits, - / _ . and tokens)"
        );
        assert_eq!(pattern_refusal(""), "code_pattern: is required");
    }

    #[test]
    fn a_pattern_that_could_make_codes_over_32_characters_is_refused() {
        // 8 + 1 + 8 + 1 + 4 + 1 + 9 = 32 fits; one more character does not.
        assert!(CodePattern::parse("{BRANCH}-{COUNTER}-{YYYY}-{SEQ:9}").is_ok());
        assert_eq!(
            pattern_refusal("{BRANCH}-{COUNTER}-{YYYY}-X{SEQ:9}"),
            "code_pattern: makes codes longer than 32 characters"
        );
    }

    #[test]
    fn customer_codes_are_upper_cased_and_limited_to_code_characters() {
        assert_eq!(
            CustomerCode::parse(" main-00042 ").unwrap().as_str(),
            "MAIN-00042"
        );
        assert!(CustomerCode::parse("BLR/26/0042").is_ok());
        for text in ["", "MAIN 42", "MAIN#42", &"A".repeat(33)] {
            assert_eq!(
                CustomerCode::parse(text).unwrap_err().to_string(),
                "code: must be 1 to 32 letters, digits or - / _ .",
                "{text}"
            );
        }
    }

    #[test]
    fn branch_codes_are_up_to_eight_letters_or_digits() {
        assert_eq!(BranchCode::parse("blr1").unwrap().as_str(), "BLR1");
        for text in ["", "BLR-1", "ABCDEFGHI"] {
            assert_eq!(
                BranchCode::parse(text).unwrap_err().to_string(),
                "branch_code: must be 1 to 8 letters or digits",
                "{text}"
            );
        }
    }
}
