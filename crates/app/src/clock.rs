//! "Now" and "today" come from one place so tests can pin the date.

use chrono::{DateTime, Local, NaiveDate, Utc};

#[derive(Clone, Debug)]
pub enum Clock {
    /// The machine's clock; "today" is the local calendar date at the counter.
    System,
    /// A fixed instant, for tests and reproducible tools.
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn fixed_on(date: NaiveDate) -> Clock {
        let noon = date.and_hms_opt(12, 0, 0).expect("noon is a valid time");
        Clock::Fixed(noon.and_utc())
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }

    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System => Local::now().date_naive(),
            Clock::Fixed(at) => at.date_naive(),
        }
    }

    /// RFC 3339 with milliseconds, UTC: sorts as text in the same order as in time.
    pub fn timestamp(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

/// Reads back a stored [`Clock::timestamp`] (or any RFC 3339 time).
pub(crate) fn parse_at(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
