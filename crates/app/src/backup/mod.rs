//! Backups: a consistent, encrypted snapshot of the database (`sqlcipher_export` in one read
//! transaction) with a manifest beside it, verified by opening it and running
//! `integrity_check` before it counts. Written as `.partial` and renamed only when whole, so
//! a backup interrupted midway never touches the ones before it.
//!
//! Queries here are checked at run time (tests cover them), not through `.sqlx`.

mod manifest;
mod restore;
pub mod retention;
mod settings;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqlitePool;

pub use manifest::{BACKUP_EXTENSION, BackupManifest};
pub use restore::RestoreReport;
pub use settings::{BackupSchedule, BackupSettings, BackupStatus};

use crate::vault::plain::remove_if_present;
use crate::vault::{DatabaseKey, io, snapshot};
use crate::{Actor, AppError, Kanak};

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    Manual,
    Scheduled,
    Close,
    /// Before an update's schema migrations.
    Upgrade,
}

impl BackupReason {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Manual => "manual",
            BackupReason::Scheduled => "scheduled",
            BackupReason::Close => "close",
            BackupReason::Upgrade => "upgrade",
        }
    }
}

/// One backup on disk and what it holds.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct BackupView {
    pub file: String,
    pub manifest: BackupManifest,
}

/// The default folder: `backups/` in the data directory.
pub(crate) fn default_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Takes a backup of `pool`'s database into `folder`, verifies it, and returns it.
pub(crate) async fn write_backup(
    pool: &SqlitePool,
    key: &DatabaseKey,
    folder: &Path,
    reason: BackupReason,
) -> Result<BackupView, AppError> {
    std::fs::create_dir_all(folder).map_err(|e| io(folder, e))?;
    remove_partials(folder)?;
    let now = Utc::now();
    let file = free_name(folder, now);
    let partial = with_suffix(&file, ".partial");
    let mut conn = pool.acquire().await?;
    let exported = snapshot::export(&mut conn, &partial, key).await?;
    drop(conn);
    let written = snapshot::verify(&partial, key).await;
    let written = match written {
        Ok(counts) if counts == exported.counts => counts,
        Ok(counts) => {
            remove_if_present(&partial)?;
            return Err(AppError::Backup {
                message: format!(
                    "the backup's rows differ from the database's ({counts:?} against {:?}); it was not kept",
                    exported.counts
                ),
            });
        }
        Err(error) => {
            remove_if_present(&partial)?;
            return Err(error);
        }
    };
    let manifest = BackupManifest::new(
        exported.schema_version,
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        reason.as_str(),
        written,
        &partial,
    )?;
    let manifest_partial = with_suffix(&manifest::manifest_path(&file), ".partial");
    manifest::write(&manifest_partial, &manifest)?;
    // The database first, then its manifest: a backup is listed only when both are there.
    crate::vault::plain::rename(&partial, &file)?;
    crate::vault::plain::rename(&manifest_partial, &manifest::manifest_path(&file))?;
    crate::vault::plain::sync_dir(folder);
    tracing::info!(file = %file.display(), reason = reason.as_str(), "backup written and verified");
    Ok(BackupView {
        file: file.display().to_string(),
        manifest,
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// `kanak-20261202-093000.kanakbackup`, or `…-2` when two are taken in one second.
fn free_name(folder: &Path, now: DateTime<Utc>) -> PathBuf {
    let stem = format!("kanak-{}", now.format("%Y%m%d-%H%M%S"));
    let mut file = folder.join(format!("{stem}.{BACKUP_EXTENSION}"));
    let mut n = 2;
    while file.exists() || manifest::manifest_path(&file).exists() {
        file = folder.join(format!("{stem}-{n}.{BACKUP_EXTENSION}"));
        n += 1;
    }
    file
}

/// What an interrupted backup left: never a finished backup, so safe to remove.
fn remove_partials(folder: &Path) -> Result<(), AppError> {
    let entries = std::fs::read_dir(folder).map_err(|e| io(folder, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("kanak-") && name.ends_with(".partial") {
            tracing::warn!(file = %name, "removing what an interrupted backup left");
            remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

/// The finished backups in `folder`, newest first (a file without its manifest is skipped).
pub(crate) fn list_folder(folder: &Path) -> Result<Vec<BackupView>, AppError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(folder, e)),
    };
    let mut backups = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(BACKUP_EXTENSION) {
            continue;
        }
        match manifest::read(&path) {
            Ok(manifest) => backups.push(BackupView {
                file: path.display().to_string(),
                manifest,
            }),
            Err(error) => tracing::warn!(%error, "skipping an incomplete backup"),
        }
    }
    backups.sort_by(|a, b| {
        (b.manifest.created_at.as_str(), b.file.as_str())
            .cmp(&(a.manifest.created_at.as_str(), a.file.as_str()))
    });
    Ok(backups)
}

/// Deletes what the retention rule does not keep; returns the deleted files.
pub(crate) fn apply_retention(
    folder: &Path,
    keep_daily: usize,
    keep_monthly: usize,
) -> Result<Vec<String>, AppError> {
    let backups = list_folder(folder)?;
    let dated: Vec<(String, DateTime<Utc>)> = backups
        .iter()
        .filter_map(|b| {
            let at = DateTime::parse_from_rfc3339(&b.manifest.created_at).ok()?;
            Some((b.file.clone(), at.with_timezone(&Utc)))
        })
        .collect();
    let doomed = retention::to_delete(&dated, keep_daily, keep_monthly);
    for file in &doomed {
        let path = PathBuf::from(file);
        remove_if_present(&manifest::manifest_path(&path))?;
        remove_if_present(&path)?;
    }
    Ok(doomed)
}

impl Kanak {
    /// `kanak backup create [--out DIR]`: a verified backup now, into `out` or the settings'
    /// folder (where the retention rule then runs).
    pub async fn create_backup(
        &self,
        actor: &Actor,
        out: Option<&Path>,
    ) -> Result<BackupView, AppError> {
        actor.require(kanak_domain::Permission::Settings)?;
        self.backup_now(BackupReason::Manual, out).await
    }

    /// A backup without an actor: the schedule, the app closing.
    pub async fn backup_now(
        &self,
        reason: BackupReason,
        out: Option<&Path>,
    ) -> Result<BackupView, AppError> {
        let settings = self.backup_settings().await?;
        let folder = match out {
            Some(dir) => dir.to_path_buf(),
            None => PathBuf::from(&settings.effective_folder),
        };
        let result = write_backup(&self.pool, &self.vault_key, &folder, reason).await;
        settings::record_run(&self.pool, reason, &result).await?;
        let view = result?;
        if out.is_none() {
            let deleted = apply_retention(
                &folder,
                settings.keep_daily as usize,
                settings.keep_monthly as usize,
            )?;
            if !deleted.is_empty() {
                tracing::info!(count = deleted.len(), "old backups removed by the retention rule");
            }
        }
        Ok(view)
    }

    /// `kanak backup list`: the backups in the settings' folder, newest first.
    pub async fn list_backups(&self) -> Result<Vec<BackupView>, AppError> {
        let settings = self.backup_settings().await?;
        list_folder(Path::new(&settings.effective_folder))
    }

    /// Takes the scheduled backup if one is due (daily: none good in the last 24 hours).
    pub async fn run_scheduled_backup(&self) -> Result<Option<BackupView>, AppError> {
        let settings = self.backup_settings().await?;
        if settings.schedule == BackupSchedule::Off {
            return Ok(None);
        }
        let status = self.backup_status().await?;
        let due = status
            .last_good_at
            .as_deref()
            .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
            .is_none_or(|at| Utc::now() - at.with_timezone(&Utc) >= chrono::Duration::hours(24));
        if !due {
            return Ok(None);
        }
        self.backup_now(BackupReason::Scheduled, None).await.map(Some)
    }
}
