//! The day's gold rate per purity, entered by staff, with its history.

use chrono::NaiveDate;
use kanak_domain::{Purity, RatePerGram, parse_date};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct GoldRateInput {
    pub date: String,
    pub purity: String,
    pub per_gram: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct GoldRateView {
    pub date: String,
    pub purity: String,
    pub per_gram: String,
    pub entered_by: String,
    pub entered_at: String,
}

impl Kanak {
    /// Sets the rate for a day and purity. A second entry for the same day supersedes the first;
    /// both stay in the history with who entered them.
    pub async fn set_gold_rate(&self, actor: &Actor, input: GoldRateInput) -> Result<GoldRateView, AppError> {
        let date = parse_date("date", &input.date)?;
        if date > self.clock.today() {
            return Err(kanak_domain::FieldError::new("date", "cannot be in the future").into());
        }
        let purity = Purity::parse("purity", &input.purity)?;
        let rate = RatePerGram::parse("per_gram", &input.per_gram)?;
        let (date_text, purity_code, paise) = (date.to_string(), purity.code(), rate.money().paise());
        let (now, by) = (self.clock.timestamp(), actor.label());
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query!(
            "INSERT INTO gold_rates (rate_date, purity, per_gram_paise, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            date_text, purity_code, paise, by, now
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(date = date_text, purity = purity_code, "gold rate set");
        Ok(GoldRateView { date: date_text, purity: purity_code, per_gram: rate.money().to_plain(), entered_by: by.to_string(), entered_at: now })
    }

    /// The rates in force: for one day, or the latest 60 entries when no day is given.
    pub async fn gold_rates(&self, date: Option<&str>) -> Result<Vec<GoldRateView>, AppError> {
        let date = date.map(str::trim).filter(|d| !d.is_empty()).map(|d| parse_date("date", d)).transpose()?;
        let day = date.map(|d| d.to_string());
        let rows = sqlx::query!(
            r#"SELECT r.rate_date, r.purity, r.per_gram_paise, r.entered_by, r.entered_at FROM gold_rates r
               WHERE (?1 IS NULL OR r.rate_date = ?1)
                 AND r.id = (SELECT MAX(x.id) FROM gold_rates x WHERE x.rate_date = r.rate_date AND x.purity = r.purity)
               ORDER BY r.rate_date DESC, r.purity LIMIT 60"#,
            day
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| GoldRateView {
                date: r.rate_date,
                purity: r.purity,
                per_gram: kanak_domain::Money::from_paise(r.per_gram_paise).to_plain(),
                entered_by: r.entered_by,
                entered_at: r.entered_at,
            })
            .collect())
    }
}

/// The rate in force for a day and purity (the latest entry of that day), if one was set.
pub(crate) async fn rate_on(conn: &mut SqliteConnection, date: NaiveDate, purity: Purity) -> Result<Option<RatePerGram>, AppError> {
    let (day, code) = (date.to_string(), purity.code());
    let paise = sqlx::query_scalar!(
        "SELECT per_gram_paise FROM gold_rates WHERE rate_date = ?1 AND purity = ?2 ORDER BY id DESC LIMIT 1",
        day, code
    )
    .fetch_optional(conn)
    .await?;
    paise
        .map(|p| RatePerGram::new(kanak_domain::Money::from_paise(p)).map_err(AppError::corrupt))
        .transpose()
}
