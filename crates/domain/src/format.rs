//! Dates as people in India write them (DD-MM-YYYY) and as programs exchange them (ISO).

use chrono::NaiveDate;

use crate::field::FieldError;

/// "31-03-2026": the day-first form printed on receipts and passbooks.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Reads "2026-03-31" (ISO, what date inputs and the database use) or "31-03-2026" (what
/// people type). Both forms have fixed-width fields, so one can never be mistaken for the other.
pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, FieldError> {
    let text = s.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    let fixed_width = text.len() == 10 && text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    let parsed = if !fixed_width {
        None
    } else if text.as_bytes()[4] == b'-' {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    } else {
        NaiveDate::parse_from_str(text, "%d-%m-%Y").ok()
    };
    parsed.ok_or_else(|| FieldError::new(field, "must be a date like 2026-03-31 or 31-03-2026"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_shown_day_first() {
        assert_eq!(format_date(date(2026, 3, 5)), "05-03-2026");
    }

    #[test]
    fn dates_are_read_in_iso_or_day_first_form() {
        assert_eq!(parse_date("start", "2026-03-31"), Ok(date(2026, 3, 31)));
        assert_eq!(parse_date("start", " 31-03-2026 "), Ok(date(2026, 3, 31)));
        assert_eq!(
            parse_date("start", &format_date(date(2028, 2, 29))),
            Ok(date(2028, 2, 29))
        );
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        let expected = "start: must be a date like 2026-03-31 or 31-03-2026";
        for text in [
            "2026-02-30",
            "31/03/2026",
            "2026-3-31",
            "31-3-2026",
            "tomorrow",
            "20260331",
            "2026-03-31T00",
        ] {
            assert_eq!(
                parse_date("start", text).unwrap_err().to_string(),
                expected,
                "{text}"
            );
        }
        assert_eq!(
            parse_date("start", "").unwrap_err().to_string(),
            "start: is required"
        );
    }
}
