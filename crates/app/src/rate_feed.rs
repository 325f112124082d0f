//! Importing rate sheets: from a CSV file the staff chose, or from the one feed URL the shop
//! configured. The feed is read with one plain GET to exactly that address: no redirects
//! are followed and no proxy is used, so Kanak never contacts any other host.

use kanak_domain::Permission;
use std::time::Duration;

use kanak_domain::FieldError;
use serde::Serialize;

use crate::rate::{GoldRateView, RateSource};
use crate::rate_sheet::parse_rate_sheet;
use crate::{Actor, AppError, Kanak, store};

/// How long one fetch may take in all (connect, send, read).
const FEED_TIMEOUT: Duration = Duration::from_secs(10);

/// A rate sheet is a few kilobytes; anything far larger is not one.
const MAX_FEED_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct RateImportView {
    pub source: RateSource,
    /// Rows of the sheet stored.
    pub imported: u32,
    /// Rates derived from the sheet's 24K rates (when the shop derives rates).
    pub derived: u32,
    /// Every rate stored, the sheet's rows first.
    pub rates: Vec<GoldRateView>,
}

/// The feed address as the shop typed it: None or empty means no feed; otherwise an
/// absolute http:// or https:// URL with a host.
pub(crate) fn parse_feed_url(value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(text) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let refused = || {
        FieldError::new(
            "rate_feed_url",
            "must be an http:// or https:// address like https://rates.example.in/today.csv",
        )
    };
    if text.chars().count() > 500 || text.chars().any(char::is_whitespace) {
        return Err(refused());
    }
    let uri: ureq::http::Uri = text.parse().map_err(|_| refused())?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let host_ok = uri.host().is_some_and(|h| !h.is_empty());
    if !scheme_ok || !host_ok {
        return Err(refused());
    }
    Ok(Some(text.to_string()))
}

impl Kanak {
    /// Imports a rate sheet (CSV text, see `rate_sheet`) in one transaction: every row, or
    /// nothing when any row is bad.
    pub async fn import_gold_rates(
        &self,
        actor: &Actor,
        csv: &str,
    ) -> Result<RateImportView, AppError> {
        self.import_sheet(actor, csv, RateSource::Csv).await
    }

    /// Reads the sheet from the shop's `rate_feed_url` (one GET, that address only) and imports it.
    pub async fn fetch_gold_rates(&self, actor: &Actor) -> Result<RateImportView, AppError> {
        let url = self
            .shop(&mut *self.pool.acquire().await?)
            .await?
            .rate_feed_url
            .ok_or_else(|| {
                FieldError::new(
                    "rate_feed_url",
                    "is not set; add the shop's rate feed address in settings",
                )
            })?;
        let body = fetch_sheet(url.clone()).await?;
        self.import_sheet(actor, &body, RateSource::Feed).await.map_err(|e| match e {
            AppError::InvalidLine { .. } | AppError::Invalid(_) => AppError::Feed {
                message: format!("the rate feed {url} sent a sheet that cannot be used ({e}); nothing was imported"),
            },
            other => other,
        })
    }

    async fn import_sheet(
        &self,
        actor: &Actor,
        text: &str,
        source: RateSource,
    ) -> Result<RateImportView, AppError> {
        actor.require(Permission::SetRate)?;
        let rates = parse_rate_sheet(text, self.clock.today())?;
        let mut tx = store::begin_write(&self.pool).await?;
        let stored = self.store_rates(&mut tx, actor, &rates, source).await?;
        tx.commit().await?;
        let imported =
            u32::try_from(rates.len()).expect("a sheet holds at most a few thousand rows");
        let derived =
            u32::try_from(stored.len() - rates.len()).expect("derived rates are a few per row");
        tracing::info!(
            source = source.as_str(),
            imported,
            derived,
            "gold rates imported"
        );
        Ok(RateImportView {
            source,
            imported,
            derived,
            rates: stored,
        })
    }
}

/// One GET of the feed on a blocking thread (the HTTP client is synchronous), with a timeout.
async fn fetch_sheet(url: String) -> Result<String, AppError> {
    let shown = url.clone();
    tokio::task::spawn_blocking(move || get_text(&url))
        .await
        .map_err(|e| AppError::Feed {
            message: format!("reading the rate feed {shown} stopped unexpectedly: {e}"),
        })?
}

fn get_text(url: &str) -> Result<String, AppError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(FEED_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(None)
        .build()
        .into();
    let failed = |why: String| AppError::Feed {
        message: format!("the rate feed {url} {why}; nothing was imported"),
    };
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| failed(unreachable_reason(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(failed(format!("answered HTTP {status}")));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_string()
        .map_err(|e| {
            failed(format!(
                "sent a body that could not be read as a rate sheet ({e})"
            ))
        })
}

fn unreachable_reason(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => {
            format!("did not answer within {} seconds", FEED_TIMEOUT.as_secs())
        }
        ureq::Error::HostNotFound => "could not be reached: host not found".to_string(),
        other => format!("could not be reached ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_url_is_an_absolute_http_or_https_address() {
        assert_eq!(
            parse_feed_url(Some(" https://rates.example.in/today.csv "))
                .unwrap()
                .as_deref(),
            Some("https://rates.example.in/today.csv")
        );
        assert_eq!(
            parse_feed_url(Some("http://127.0.0.1:8080/r.csv"))
                .unwrap()
                .as_deref(),
            Some("http://127.0.0.1:8080/r.csv")
        );
        assert_eq!(parse_feed_url(Some("  ")).unwrap(), None);
        assert_eq!(parse_feed_url(None).unwrap(), None);
        for bad in [
            "ftp://rates.example.in/x.csv",
            "rates.example.in/today.csv",
            "https://",
            "file:///etc/passwd",
            "http://a b/c",
        ] {
            assert_eq!(
                parse_feed_url(Some(bad)).unwrap_err().field,
                "rate_feed_url",
                "{bad}"
            );
        }
    }
}
