//! A report's filters, checked: each bad value is refused naming its field.

use chrono::{Datelike, Months, NaiveDate};
use kanak_domain::{FieldError, PaymentMode, PaymentStatus, parse_date};

use super::ReportFilter;

/// The validated filters. Dates are inclusive; a missing bound is open.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Criteria {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The first and last day of the chosen month (default: this month).
    pub month: (NaiveDate, NaiveDate),
    pub as_of: NaiveDate,
    /// The Indian financial year: 1 April to 31 March (default: the one today falls in).
    pub financial_year: (NaiveDate, NaiveDate),
    pub mode: Option<PaymentMode>,
    pub status: Option<PaymentStatus>,
    pub staff: Option<String>,
    pub plan_code: Option<String>,
    pub branch: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Criteria {
    /// `branch_code` is this counter's branch: the only one whose data it holds until sync.
    pub fn parse(
        f: &ReportFilter,
        today: NaiveDate,
        branch_code: &str,
    ) -> Result<Criteria, FieldError> {
        let from = given(&f.from).map(|s| parse_date("from", s)).transpose()?;
        let to = given(&f.to).map(|s| parse_date("to", s)).transpose()?;
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FieldError::new("from", "must be on or before the to date"));
        }
        let month = match given(&f.month) {
            Some(m) => parse_month(m)?,
            None => month_of(today),
        };
        let as_of = given(&f.as_of)
            .map(|s| parse_date("as_of", s))
            .transpose()?
            .unwrap_or(today);
        let financial_year = match given(&f.financial_year) {
            Some(fy) => parse_financial_year(fy)?,
            None => financial_year_of(today),
        };
        let mode = given(&f.mode)
            .map(|s| PaymentMode::parse("mode", &s.to_ascii_lowercase()))
            .transpose()?;
        let status = given(&f.status)
            .map(|s| PaymentStatus::parse("status", &s.to_ascii_lowercase()))
            .transpose()?;
        let branch = given(&f.branch).map(str::to_ascii_uppercase);
        if let Some(b) = &branch
            && b != &branch_code.to_ascii_uppercase()
        {
            return Err(FieldError::new(
                "branch",
                format!("this counter holds only branch {branch_code}'s data"),
            ));
        }
        Ok(Criteria {
            from,
            to,
            month,
            as_of,
            financial_year,
            mode,
            status,
            staff: given(&f.staff).map(str::to_string),
            plan_code: given(&f.plan_code).map(str::to_ascii_uppercase),
            branch,
        })
    }

    /// The from/to range, or `default` where a bound is missing.
    pub fn range_or(&self, default: (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
        (self.from.unwrap_or(default.0), self.to.unwrap_or(default.1))
    }

    pub fn in_range(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    pub fn plan_matches(&self, plan_code: &str) -> bool {
        self.plan_code
            .as_deref()
            .is_none_or(|p| p.eq_ignore_ascii_case(plan_code))
    }

    pub fn staff_matches(&self, login: &str) -> bool {
        self.staff
            .as_deref()
            .is_none_or(|s| s.eq_ignore_ascii_case(login))
    }

    /// The filters in words, for the subtitle: only those that were given.
    pub fn words(&self, with_range: bool) -> Vec<String> {
        let mut words = Vec::new();
        if with_range {
            match (self.from, self.to) {
                (Some(f), Some(t)) => words.push(format!("{f} to {t}")),
                (Some(f), None) => words.push(format!("from {f}")),
                (None, Some(t)) => words.push(format!("up to {t}")),
                (None, None) => words.push("all dates".into()),
            }
        }
        if let Some(m) = self.mode {
            words.push(format!("mode {}", m.as_str()));
        }
        if let Some(s) = self.status {
            words.push(format!("status {}", s.as_str()));
        }
        if let Some(s) = &self.staff {
            words.push(format!("staff {s}"));
        }
        if let Some(p) = &self.plan_code {
            words.push(format!("plan {p}"));
        }
        if let Some(b) = &self.branch {
            words.push(format!("branch {b}"));
        }
        words
    }
}

/// "2026-04" → 1 to 30 April 2026.
fn parse_month(s: &str) -> Result<(NaiveDate, NaiveDate), FieldError> {
    let bad = || FieldError::new("month", "must be a month like 2026-04");
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
    Ok(month_of(first))
}

pub(crate) fn month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).expect("day 1 exists");
    let last = first + Months::new(1) - chrono::Days::new(1);
    (first, last)
}

/// "2026-27" → 1 April 2026 to 31 March 2027; the second part must be the next year.
fn parse_financial_year(s: &str) -> Result<(NaiveDate, NaiveDate), FieldError> {
    let bad = || {
        FieldError::new(
            "financial_year",
            "must be an Indian financial year like 2026-27",
        )
    };
    let (y, next) = s.split_once('-').ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    if y.len() != 4 || next.len() != 2 {
        return Err(bad());
    }
    let next: i32 = next.parse().map_err(|_| bad())?;
    if (year + 1) % 100 != next {
        return Err(FieldError::new(
            "financial_year",
            format!(
                "{year}-{next:02} is not one year: it should be {year}-{:02}",
                (year + 1) % 100
            ),
        ));
    }
    financial_year_starting(year).ok_or_else(bad)
}

fn financial_year_starting(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 4, 1)?,
        NaiveDate::from_ymd_opt(year + 1, 3, 31)?,
    ))
}

/// The Indian financial year `day` falls in: April to March.
pub(crate) fn financial_year_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    };
    financial_year_starting(start).expect("April and March exist")
}

/// "2026-27" for the year starting 1 April 2026.
pub(crate) fn financial_year_name(start: NaiveDate) -> String {
    format!("{}-{:02}", start.year(), (start.year() + 1) % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date("d", s).unwrap()
    }

    fn parse(f: ReportFilter) -> Result<Criteria, FieldError> {
        Criteria::parse(&f, d("2026-05-10"), "MAIN")
    }

    #[test]
    fn a_from_date_after_the_to_date_is_refused_on_from() {
        let f = ReportFilter {
            from: Some("2026-05-02".into()),
            to: Some("2026-05-01".into()),
            ..Default::default()
        };
        assert_eq!(parse(f).unwrap_err().field, "from");
    }

    #[test]
    fn month_thirteen_is_refused_on_month() {
        let f = ReportFilter {
            month: Some("2026-13".into()),
            ..Default::default()
        };
        assert_eq!(parse(f).unwrap_err().field, "month");
    }

    #[test]
    fn the_financial_year_runs_april_to_march_and_defaults_to_todays() {
        let c = parse(ReportFilter::default()).unwrap();
        assert_eq!(c.financial_year, (d("2026-04-01"), d("2027-03-31")));
        assert_eq!(financial_year_of(d("2027-03-31")).0, d("2026-04-01"));
        assert_eq!(financial_year_of(d("2027-04-01")).0, d("2027-04-01"));
        let f = ReportFilter {
            financial_year: Some("2025-27".into()),
            ..Default::default()
        };
        assert_eq!(parse(f).unwrap_err().field, "financial_year");
    }

    #[test]
    fn the_default_month_is_this_month_to_its_last_day() {
        let c = parse(ReportFilter::default()).unwrap();
        assert_eq!(c.month, (d("2026-05-01"), d("2026-05-31")));
        assert_eq!(parse_month("2028-02").unwrap().1, d("2028-02-29"));
    }

    #[test]
    fn another_branchs_code_is_refused_on_branch() {
        let f = ReportFilter {
            branch: Some("EAST".into()),
            ..Default::default()
        };
        assert_eq!(parse(f).unwrap_err().field, "branch");
    }
}
