//! The operations settings: the update endpoint the desktop app checks, and the log level.
//!
//! Kept apart from the shop's settings: they describe this installation, not the business.
//! Queries here are checked at run time (tests cover them), not through `.sqlx`.

use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};

use crate::audit::Change;
use crate::{Actor, AppError, Kanak, logs, store};

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct OpsSettings {
    /// The `latest.json` address (https, or http on loopback for tests); None: no update checks.
    /// `{{target}}`, `{{arch}}` and `{{current_version}}` are filled in by the updater.
    pub update_endpoint: Option<String>,
    /// `error`, `warn`, `info`, `debug` or `trace` (or a tracing filter such as `info,kanak_app=debug`).
    pub log_level: String,
}

/// An endpoint the updater may use: https anywhere, plain http only on this machine (a test
/// server or a shop's own local mirror), so an update manifest never travels in clear text.
pub fn parse_update_endpoint(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    const FIELD: &str = "update_endpoint";
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let refused = || {
        FieldError::new(
            FIELD,
            "must be an https:// address (http:// only for localhost)",
        )
    };
    let rest = if let Some(rest) = raw.strip_prefix("https://") {
        rest
    } else if let Some(rest) = raw.strip_prefix("http://") {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
            return Err(refused());
        }
        rest
    } else {
        return Err(refused());
    };
    if rest.is_empty() || rest.starts_with('/') || raw.chars().any(char::is_whitespace) {
        return Err(refused());
    }
    Ok(Some(raw.to_string()))
}

impl Kanak {
    pub async fn ops_settings(&self) -> Result<OpsSettings, AppError> {
        let (update_endpoint, log_level): (Option<String>, String) =
            sqlx::query_as("SELECT update_endpoint, log_level FROM ops_settings WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(OpsSettings {
            update_endpoint,
            log_level,
        })
    }

    pub async fn update_ops_settings(
        &self,
        actor: &Actor,
        input: OpsSettings,
    ) -> Result<OpsSettings, AppError> {
        actor.require(Permission::Settings)?;
        let endpoint = parse_update_endpoint(input.update_endpoint.as_deref())?;
        let level = input.log_level.trim().to_string();
        logs::parse_level(&level)?;
        let before = self.ops_settings().await?;
        let after = OpsSettings {
            update_endpoint: endpoint,
            log_level: level,
        };
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query("UPDATE ops_settings SET update_endpoint = ?1, log_level = ?2 WHERE id = 1")
            .bind(&after.update_endpoint)
            .bind(&after.log_level)
            .execute(&mut *tx)
            .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.ops", "update endpoint and log level").edit(&before, &after),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }
}
