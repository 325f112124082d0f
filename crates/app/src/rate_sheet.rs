//! A rate sheet: the CSV that `kanak rate import` reads and the shop's feed serves.
//!
//! ```text
//! date,purity,per_gram
//! 23-11-2026,24K,7800.00
//! 2026-11-23,22K,"7,150.00"
//! ```
//!
//! The first line is the header; dates as `parse_date` reads them (DD-MM-YYYY or ISO),
//! purities as `Purity::parse`, rates in rupees. Blank lines are skipped; a field may be
//! double-quoted (so "7,150.00" can carry its comma). One bad line refuses the whole sheet:
//! a half-imported day of rates would price gold wrongly without anyone noticing.

use std::collections::HashMap;

use chrono::NaiveDate;
use kanak_domain::{FieldError, format_date};

use crate::AppError;
use crate::rate::NewRate;

const HEADER: [&str; 3] = ["date", "purity", "per_gram"];

/// The most rows one sheet may hold: a year of three purities with room to spare.
const MAX_ROWS: usize = 5_000;

/// Reads a whole sheet, or refuses it naming the first bad line and field.
pub(crate) fn parse_rate_sheet(text: &str, today: NaiveDate) -> Result<Vec<NewRate>, AppError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // spreadsheet programs add a BOM
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(
            FieldError::new("file", "is empty; expected the header date,purity,per_gram").into(),
        );
    };
    let names = split_fields(header).map_err(|e| at(header_line, e))?;
    if names
        .iter()
        .map(|n| n.trim().to_ascii_lowercase())
        .ne(HEADER)
    {
        return Err(at(
            header_line,
            FieldError::new("header", "must be date,purity,per_gram"),
        ));
    }
    let mut rates = Vec::new();
    let mut seen: HashMap<(NaiveDate, String), usize> = HashMap::new();
    for (line, text) in lines {
        if rates.len() == MAX_ROWS {
            return Err(at(
                line,
                FieldError::new("file", format!("has more than {MAX_ROWS} rates; split it")),
            ));
        }
        let rate = parse_row(text, today).map_err(|e| at(line, e))?;
        if let Some(first) = seen.insert((rate.date, rate.purity.code()), line) {
            let problem = format!(
                "{} for {} is already on line {first}",
                rate.purity,
                format_date(rate.date)
            );
            return Err(at(line, FieldError::new("purity", problem)));
        }
        rates.push(rate);
    }
    if rates.is_empty() {
        return Err(FieldError::new("file", "has no rates below its header").into());
    }
    Ok(rates)
}

fn at(line: usize, error: FieldError) -> AppError {
    AppError::InvalidLine { line, error }
}

fn parse_row(text: &str, today: NaiveDate) -> Result<NewRate, FieldError> {
    let fields = split_fields(text)?;
    let [date, purity, per_gram] = fields.as_slice() else {
        return Err(FieldError::new(
            "row",
            format!("has {} fields; expected date,purity,per_gram", fields.len()),
        ));
    };
    NewRate::parse(date, purity, per_gram, today)
}

/// Splits one CSV line on commas, honouring double quotes ("" is a quote inside quotes).
fn split_fields(line: &str) -> Result<Vec<String>, FieldError> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("there is always a current field");
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(FieldError::new("row", "has a quote that is never closed"));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use kanak_domain::Purity;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn refusal(text: &str) -> String {
        parse_rate_sheet(text, today()).unwrap_err().to_string()
    }

    #[test]
    fn a_sheet_reads_both_date_forms_quoted_amounts_and_skips_blank_lines() {
        let sheet = "\u{feff}Date, Purity, Per_Gram\r\n23-11-2026,24K,7800\r\n\r\n2026-11-22,22k,\"7,150.50\"\n";
        let rates = parse_rate_sheet(sheet, today()).unwrap();
        assert_eq!(rates.len(), 2);
        assert_eq!(
            (
                rates[0].date,
                rates[0].purity,
                rates[0].rate.money().to_plain()
            ),
            (today(), Purity::K24, "7800.00".into())
        );
        assert_eq!(
            (rates[1].purity, rates[1].rate.money().to_plain()),
            (Purity::K22, "7150.50".into())
        );
    }

    #[test]
    fn a_bad_line_is_named_with_its_number_and_field() {
        assert_eq!(
            refusal("date,purity,per_gram\n23-11-2026,24K,7800\n23-11-2026,22K,abc\n"),
            "line 3: per_gram: must be an amount like 5000 or 5000.50"
        );
        assert_eq!(
            refusal("date,purity,per_gram\n31-02-2026,24K,7800\n"),
            "line 2: date: must be a date like 2026-03-31 or 31-03-2026"
        );
        assert_eq!(
            refusal("date,purity,per_gram\n23-11-2026,21Q,7800\n"),
            "line 2: purity: must be 24K, 22K, 18K or a fineness from 1 to 999 (like 916)"
        );
        assert_eq!(
            refusal("date,purity,per_gram\n23-11-2026,24K\n"),
            "line 2: row: has 2 fields; expected date,purity,per_gram"
        );
    }

    #[test]
    fn a_rate_for_a_future_day_is_refused_as_at_the_counter() {
        assert_eq!(
            refusal("date,purity,per_gram\n24-11-2026,24K,7800\n"),
            "line 2: date: cannot be in the future"
        );
    }

    #[test]
    fn the_header_must_name_the_three_columns() {
        assert_eq!(
            refusal("day,karat,rate\n23-11-2026,24K,7800\n"),
            "line 1: header: must be date,purity,per_gram"
        );
        assert_eq!(
            refusal(""),
            "file: is empty; expected the header date,purity,per_gram"
        );
        assert_eq!(
            refusal("date,purity,per_gram\n"),
            "file: has no rates below its header"
        );
    }

    #[test]
    fn the_same_day_and_purity_twice_is_refused_as_ambiguous() {
        assert_eq!(
            refusal("date,purity,per_gram\n23-11-2026,22K,7150\n2026-11-23,916,7160\n"),
            "line 3: purity: 22K for 23-11-2026 is already on line 2"
        );
    }

    #[test]
    fn quotes_may_hold_commas_and_escaped_quotes() {
        assert_eq!(
            split_fields(r#"a,"b,c","d""e""#).unwrap(),
            vec!["a", "b,c", "d\"e"]
        );
        assert_eq!(split_fields("\"open").unwrap_err().field, "row");
    }
}
