//! The day's gold rate per purity, entered by staff or imported, with its history and source.
//!
//! When the shop derives rates, a 24K rate also stores the other karats' rates
//! (22K = 24K × 916/999, 18K = × 750/999). A derived rate only fills in: it is not stored
//! for a day and purity that already has a rate the shop entered or imported, so a manual
//! 22K rate is never overridden by a later 24K entry.

use crate::audit::Change;
use crate::sync::tables::LocalKey;
use chrono::NaiveDate;
use kanak_domain::Permission;
use kanak_domain::{FieldError, Money, Purity, RatePerGram, parse_date};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct GoldRateInput {
    pub date: String,
    pub purity: String,
    pub per_gram: String,
}

/// Where a stored rate came from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RateSource {
    /// Keyed in at the counter.
    Manual,
    /// Computed from the day's 24K rate (the shop's `derive_rates` setting).
    Derived,
    /// Imported from a CSV file.
    Csv,
    /// Fetched from the shop's rate feed URL.
    Feed,
}

impl RateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            RateSource::Manual => "manual",
            RateSource::Derived => "derived",
            RateSource::Csv => "csv",
            RateSource::Feed => "feed",
        }
    }

    fn parse(s: &str) -> Result<RateSource, AppError> {
        match s {
            "manual" => Ok(RateSource::Manual),
            "derived" => Ok(RateSource::Derived),
            "csv" => Ok(RateSource::Csv),
            "feed" => Ok(RateSource::Feed),
            other => Err(AppError::corrupt(format!("gold rate source {other}"))),
        }
    }
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct GoldRateView {
    pub date: String,
    pub purity: String,
    pub per_gram: String,
    pub source: RateSource,
    pub entered_by: String,
    pub entered_at: String,
}

/// A validated rate waiting to be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NewRate {
    pub date: NaiveDate,
    pub purity: Purity,
    pub rate: RatePerGram,
}

impl NewRate {
    /// Validates one rate; a rate for a day that has not come yet is refused.
    pub fn parse(
        date: &str,
        purity: &str,
        per_gram: &str,
        today: NaiveDate,
    ) -> Result<NewRate, FieldError> {
        let date = parse_date("date", date)?;
        if date > today {
            return Err(FieldError::new("date", "cannot be in the future"));
        }
        let purity = Purity::parse("purity", purity)?;
        let rate = RatePerGram::parse("per_gram", per_gram)?;
        Ok(NewRate { date, purity, rate })
    }
}

impl Kanak {
    /// Sets the rate for a day and purity. A second entry for the same day supersedes the first;
    /// both stay in the history with who entered them. Derived karats are stored alongside when
    /// the shop derives rates and this is a 24K rate.
    pub async fn set_gold_rate(
        &self,
        actor: &Actor,
        input: GoldRateInput,
    ) -> Result<GoldRateView, AppError> {
        actor.require(Permission::SetRate)?;
        let rate = NewRate::parse(
            &input.date,
            &input.purity,
            &input.per_gram,
            self.clock.today(),
        )?;
        let mut tx = store::begin_write(&self.pool).await?;
        let stored = self
            .store_rates(&mut tx, actor, &[rate], RateSource::Manual)
            .await?;
        tx.commit().await?;
        tracing::info!(date = %rate.date, purity = %rate.purity, derived = stored.len() - 1, "gold rate set");
        Ok(stored
            .into_iter()
            .next()
            .expect("the entered rate is stored first"))
    }

    /// Stores `rates` in the caller's transaction, then, if the shop derives rates, the other
    /// karats of each 24K rate. Returns every row written, the given rates first.
    pub(crate) async fn store_rates(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        rates: &[NewRate],
        source: RateSource,
    ) -> Result<Vec<GoldRateView>, AppError> {
        let derive = self.shop(conn).await?.derive_rates;
        let (now, by) = (self.clock.timestamp(), actor.label());
        let mut stored = Vec::with_capacity(rates.len());
        for rate in rates {
            stored.push(insert_rate(conn, &self.clock, rate, source, by, &now).await?);
        }
        let k24 = rates.iter().filter(|r| derive && r.purity == Purity::K24);
        for base in k24 {
            for to in Purity::KARATS.into_iter().filter(|p| *p != Purity::K24) {
                let Some(rate) = base.rate.at_purity(Purity::K24, to) else {
                    continue;
                };
                if entered_rate_exists(conn, base.date, to).await? {
                    continue;
                }
                let derived = NewRate {
                    date: base.date,
                    purity: to,
                    rate,
                };
                stored.push(
                    insert_rate(conn, &self.clock, &derived, RateSource::Derived, by, &now).await?,
                );
            }
        }
        let summary: Vec<String> = stored
            .iter()
            .map(|r| format!("{} {} ₹{}", r.date, r.purity, r.per_gram))
            .collect();
        let detail = format!(
            "{} rate(s) from {}: {}",
            stored.len(),
            source.as_str(),
            summary.join(", ")
        );
        self.audit(conn, actor, Change::new("rate.set", detail))
            .await?;
        Ok(stored)
    }

    /// The rates in force: for one day, or the latest 60 entries when no day is given.
    pub async fn gold_rates(&self, date: Option<&str>) -> Result<Vec<GoldRateView>, AppError> {
        let date = date
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| parse_date("date", d))
            .transpose()?;
        let day = date.map(|d| d.to_string());
        let rows = sqlx::query!(
            r#"SELECT r.rate_date, r.purity, r.per_gram_paise, r.source, r.entered_by, r.entered_at FROM gold_rates r
               WHERE (?1 IS NULL OR r.rate_date = ?1)
                 AND r.id = (SELECT MAX(x.id) FROM gold_rates x WHERE x.rate_date = r.rate_date AND x.purity = r.purity)
               ORDER BY r.rate_date DESC, r.purity LIMIT 60"#,
            day
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(GoldRateView {
                    date: r.rate_date,
                    purity: r.purity,
                    per_gram: Money::from_paise(r.per_gram_paise).to_plain(),
                    source: RateSource::parse(&r.source)?,
                    entered_by: r.entered_by,
                    entered_at: r.entered_at,
                })
            })
            .collect()
    }
}

async fn insert_rate(
    conn: &mut SqliteConnection,
    clock: &crate::Clock,
    rate: &NewRate,
    source: RateSource,
    by: &str,
    at: &str,
) -> Result<GoldRateView, AppError> {
    let (day, purity, paise, source_text) = (
        rate.date.to_string(),
        rate.purity.code(),
        rate.rate.money().paise(),
        source.as_str(),
    );
    let stored = sqlx::query!(
        "INSERT INTO gold_rates (rate_date, purity, per_gram_paise, source, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        day, purity, paise, source_text, by, at
    )
    .execute(&mut *conn)
    .await?;
    let (kind, key) = (
        kanak_sync::EventKind::GoldRateSet,
        LocalKey::Int(stored.last_insert_rowid()),
    );
    crate::sync::outbox::record_row(conn, clock, kind, &crate::sync::tables::GOLD_RATES, key)
        .await?;
    Ok(GoldRateView {
        date: day,
        purity,
        per_gram: rate.rate.money().to_plain(),
        source,
        entered_by: by.to_string(),
        entered_at: at.to_string(),
    })
}

/// Whether the shop entered or imported (not derived) a rate for this day and purity.
async fn entered_rate_exists(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    purity: Purity,
) -> Result<bool, AppError> {
    let (day, code) = (date.to_string(), purity.code());
    let n = sqlx::query_scalar!(
        "SELECT COUNT(*) FROM gold_rates WHERE rate_date = ?1 AND purity = ?2 AND source <> 'derived'",
        day, code
    )
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// The rate in force for a day and purity (the latest entry of that day), if one was set.
pub(crate) async fn rate_on(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    purity: Purity,
) -> Result<Option<RatePerGram>, AppError> {
    let (day, code) = (date.to_string(), purity.code());
    let paise = sqlx::query_scalar!(
        "SELECT per_gram_paise FROM gold_rates WHERE rate_date = ?1 AND purity = ?2 ORDER BY id DESC LIMIT 1",
        day, code
    )
    .fetch_optional(conn)
    .await?;
    paise
        .map(|p| RatePerGram::new(Money::from_paise(p)).map_err(AppError::corrupt))
        .transpose()
}
