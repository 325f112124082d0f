//! Where backups go, how many are kept, the schedule, and the status the dashboard shows.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use super::{BackupReason, BackupView, default_folder};
use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

/// No good backup for this long and the dashboard warns.
const WARN_AFTER_HOURS: i64 = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupSchedule {
    /// Once a day while the app runs, and when it closes.
    Daily,
    Off,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct BackupSettings {
    /// The folder the owner picked (a USB drive, a synced folder); None: the data dir's backups/.
    pub folder: Option<String>,
    /// Read only: the folder backups go to now.
    #[serde(default)]
    pub effective_folder: String,
    /// The newest backup of each of the last this-many days is kept.
    pub keep_daily: u32,
    /// And the newest of each of the last this-many months.
    pub keep_monthly: u32,
    pub schedule: BackupSchedule,
}

/// The dashboard's line about backups.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct BackupStatus {
    /// When the last backup that was written and verified started (UTC, RFC 3339).
    pub last_good_at: Option<String>,
    pub last_good_file: Option<String>,
    /// Whole hours since then.
    pub age_hours: Option<u32>,
    /// The last attempt failed: when and why.
    pub last_failure_at: Option<String>,
    pub last_failure: Option<String>,
    /// Set when no backup succeeded in the last 2 days.
    pub warning: Option<String>,
}

fn parse_schedule(raw: &str) -> BackupSchedule {
    if raw == "off" {
        BackupSchedule::Off
    } else {
        BackupSchedule::Daily
    }
}

impl Kanak {
    pub async fn backup_settings(&self) -> Result<BackupSettings, AppError> {
        let (folder, keep_daily, keep_monthly, schedule): (Option<String>, i64, i64, String) =
            sqlx::query_as(
                "SELECT folder, keep_daily, keep_monthly, schedule FROM backup_settings WHERE id = 1",
            )
            .fetch_one(&self.pool)
            .await?;
        let effective = folder
            .as_ref()
            .map(PathBuf::from)
            .unwrap_or_else(|| default_folder(&self.data_dir));
        Ok(BackupSettings {
            folder,
            effective_folder: effective.display().to_string(),
            keep_daily: u32::try_from(keep_daily).unwrap_or(7),
            keep_monthly: u32::try_from(keep_monthly).unwrap_or(12),
            schedule: parse_schedule(&schedule),
        })
    }

    pub async fn update_backup_settings(
        &self,
        actor: &Actor,
        input: BackupSettings,
    ) -> Result<BackupSettings, AppError> {
        actor.require(Permission::Settings)?;
        let folder = input
            .folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty());
        if let Some(folder) = folder
            && !Path::new(folder).is_absolute()
        {
            return Err(FieldError::new("folder", "must be a full path (such as E:\\Kanak backups)").into());
        }
        if !(1..=365).contains(&input.keep_daily) {
            return Err(FieldError::new("keep_daily", "must be between 1 and 365").into());
        }
        if input.keep_monthly > 120 {
            return Err(FieldError::new("keep_monthly", "must be between 0 and 120").into());
        }
        let schedule = match input.schedule {
            BackupSchedule::Daily => "daily",
            BackupSchedule::Off => "off",
        };
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query(
            "UPDATE backup_settings SET folder = ?1, keep_daily = ?2, keep_monthly = ?3, schedule = ?4 WHERE id = 1",
        )
        .bind(folder)
        .bind(i64::from(input.keep_daily))
        .bind(i64::from(input.keep_monthly))
        .bind(schedule)
        .execute(&mut *tx)
        .await?;
        let detail = format!(
            "backups to {}, keep {} daily and {} monthly, schedule {schedule}",
            folder.unwrap_or("the data folder"),
            input.keep_daily,
            input.keep_monthly
        );
        self.audit(&mut tx, actor, Change::new("backup.settings", detail))
            .await?;
        tx.commit().await?;
        self.backup_settings().await
    }

    pub async fn backup_status(&self) -> Result<BackupStatus, AppError> {
        let good: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT started_at, file FROM backup_runs WHERE ok = 1 ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let failed: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT started_at, error FROM backup_runs WHERE ok = 0 AND started_at > COALESCE(
                (SELECT MAX(started_at) FROM backup_runs WHERE ok = 1), '') ORDER BY started_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let age_hours = good
            .as_ref()
            .and_then(|(at, _)| DateTime::parse_from_rfc3339(at).ok())
            .map(|at| (Utc::now() - at.with_timezone(&Utc)).num_hours().max(0));
        let warning = match age_hours {
            Some(hours) if hours < WARN_AFTER_HOURS => None,
            Some(hours) => Some(format!(
                "No backup has succeeded in {} days. Plug in the backup drive or check Settings → Backups.",
                hours / 24
            )),
            None => Some("No backup has been made yet. Make one now from Settings → Backups.".into()),
        };
        Ok(BackupStatus {
            last_good_at: good.as_ref().map(|(at, _)| at.clone()),
            last_good_file: good.and_then(|(_, file)| file),
            age_hours: age_hours.map(|h| u32::try_from(h).unwrap_or(u32::MAX)),
            last_failure_at: failed.as_ref().map(|(at, _)| at.clone()),
            last_failure: failed.and_then(|(_, error)| error),
            warning,
        })
    }
}

/// Notes an attempt in `backup_runs` (when the schema has it: not before an upgrade's
/// migrations, whose backup is taken from the older schema).
pub(crate) async fn record_run(
    pool: &SqlitePool,
    reason: BackupReason,
    result: &Result<BackupView, AppError>,
) -> Result<(), AppError> {
    let has: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'backup_runs'",
    )
    .fetch_one(pool)
    .await?;
    if has == 0 {
        return Ok(());
    }
    let started = match result {
        Ok(view) => view.manifest.created_at.clone(),
        Err(_) => Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let (file, error) = match result {
        Ok(view) => (Some(view.file.clone()), None),
        Err(error) => (None, Some(error.to_string())),
    };
    sqlx::query(
        "INSERT INTO backup_runs (started_at, file, ok, reason, error) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(started)
    .bind(file)
    .bind(i64::from(result.is_ok()))
    .bind(reason.as_str())
    .bind(error)
    .execute(pool)
    .await?;
    Ok(())
}
