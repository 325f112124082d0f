//! The facts a support bundle reports, each read from the store or the log files.

use std::path::Path;

use serde::Serialize;

use crate::{AppError, Kanak, logs, store};

/// Sync between counters is not built yet (issue #7); the bundle says so rather than guess.
pub const SYNC_NOT_CONFIGURED: &str = "sync not configured";

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct About {
    pub app_version: String,
    /// The newest migration applied to this database.
    pub schema_version: u32,
    /// The newest migration this build carries.
    pub binary_schema_version: u32,
    pub os: String,
    pub arch: String,
    /// PRETTY_NAME from /etc/os-release, where there is one.
    pub os_release: Option<String>,
    pub made_at: String,
    pub sync_status: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

/// A warning or error line from the logs: when, how bad, where, and what (already masked).
#[derive(Debug, Clone, Serialize)]
pub struct LoggedError {
    pub file: String,
    pub at: String,
    pub level: String,
    pub target: String,
    pub message: String,
}

/// A message attempt that failed: which message, which try, when.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OutboxFailure {
    pub outbox_id: String,
    pub attempt_no: i64,
    pub at: String,
}

impl Kanak {
    pub(crate) async fn about(&self) -> Result<About, AppError> {
        let applied: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(About {
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: u32::try_from(applied.unwrap_or(0)).map_err(AppError::corrupt)?,
            binary_schema_version: u32::try_from(store::binary_schema_version())
                .map_err(AppError::corrupt)?,
            os: std::env::consts::OS.to_string(),
            arch: std::env::consts::ARCH.to_string(),
            os_release: os_release(),
            made_at: self.clock.now().to_rfc3339(),
            sync_status: SYNC_NOT_CONFIGURED.to_string(),
        })
    }

    /// Every table's row count; the names come from the schema itself, never from input.
    pub(crate) async fn table_counts(&self) -> Result<Vec<TableCount>, AppError> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut counts = Vec::with_capacity(tables.len());
        for table in tables {
            let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
            let rows: i64 = sqlx::query_scalar(&sql).fetch_one(&self.pool).await?;
            counts.push(TableCount { table, rows });
        }
        Ok(counts)
    }

    pub(crate) async fn outbox_failures(
        &self,
        limit: usize,
    ) -> Result<Vec<OutboxFailure>, AppError> {
        Ok(sqlx::query_as(
            "SELECT outbox_id, attempt_no, at FROM outbox_attempts WHERE outcome = 'failed' ORDER BY id DESC LIMIT ?1",
        )
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?)
    }
}

fn os_release() -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release").ok()?;
    text.lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_string())
}

/// The log files in `dir` (oldest first, by their dated names), each masked.
pub(crate) fn read_logs(dir: &Path, known: &[String]) -> Result<Vec<(String, String)>, AppError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with(logs::LOG_FILE_PREFIX) && n.ends_with(".log"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).map_err(|source| AppError::Io {
                context: format!("reading the log file {name}"),
                source,
            })?;
            Ok((name, super::redact(&String::from_utf8_lossy(&bytes), known)))
        })
        .collect()
}

/// The last `limit` WARN and ERROR lines across the (already masked) logs, newest last.
/// A line reads `2026-12-01T10:00:00.000000Z ERROR kanak_app::error: message fields…`.
pub(crate) fn logged_errors(logs: &[(String, String)], limit: usize) -> Vec<LoggedError> {
    let mut found: Vec<LoggedError> = logs
        .iter()
        .flat_map(|(file, text)| text.lines().map(move |line| (file, line)))
        .filter_map(|(file, line)| {
            let mut parts = line.trim_start().splitn(4, char::is_whitespace);
            let at = parts.next()?;
            let level = parts.next()?;
            if !matches!(level, "WARN" | "ERROR") {
                return None;
            }
            let target = parts.next()?.trim_end_matches(':');
            Some(LoggedError {
                file: file.clone(),
                at: at.to_string(),
                level: level.to_string(),
                target: target.to_string(),
                message: parts.next().unwrap_or("").trim().to_string(),
            })
        })
        .collect();
    let skip = found.len().saturating_sub(limit);
    found.drain(..skip);
    found
}
