//! Checking a backup, and restoring one.
//!
//! A restore reads the backup with this database's key or the recovery key it was made
//! under, re-encrypts it with this data directory's key into `kanak.db.restoring`, checks
//! it, then swaps it in with the current database set aside as `kanak.db.before-restore`;
//! the restored database must open and migrate before the restore counts, or the current
//! one goes back.

use std::path::Path;

use serde::Serialize;
use sqlx::Connection;

use super::{BackupView, manifest};
use crate::store::{self, DATABASE_FILE, OpenError};
use crate::vault::plain::{BEFORE_RESTORE, RESTORING, remove_if_present, rename, sync_dir};
use crate::vault::{DatabaseKey, snapshot};
use crate::{AppError, Kanak};

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct RestoreReport {
    pub restored: BackupView,
    /// Where the database that was replaced now is (encrypted with this folder's key).
    pub set_aside: String,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::Backup {
        message: message.into(),
    }
}

impl Kanak {
    /// `kanak backup verify FILE`: the manifest, the checksum, the key, `integrity_check`,
    /// the rows against the manifest, and a schema this build can read. `recovery_key` is
    /// for a backup made under another database's key (another machine).
    pub async fn verify_backup(
        &self,
        file: &Path,
        recovery_key: Option<&str>,
    ) -> Result<BackupView, AppError> {
        self.open_backup(file, recovery_key).await.map(|(view, _)| view)
    }

    /// The checked backup and the key that opens it.
    async fn open_backup(
        &self,
        file: &Path,
        recovery_key: Option<&str>,
    ) -> Result<(BackupView, DatabaseKey), AppError> {
        let manifest = manifest::read(file)?;
        let (sha256, _) = manifest::digest(file)?;
        if sha256 != manifest.sha256 {
            return Err(refused(format!(
                "{} does not match its manifest's checksum: the file is damaged or incomplete",
                file.display()
            )));
        }
        let newest = store::binary_schema_version();
        if manifest.schema_version > newest {
            return Err(newer(manifest.schema_version, newest));
        }
        let mut keys = vec![(*self.vault_key).clone()];
        if let Some(typed) = recovery_key.map(str::trim).filter(|t| !t.is_empty()) {
            keys.push(DatabaseKey::from_recovery_key(typed)?);
        }
        for key in keys {
            let Some(mut conn) = snapshot::open_with_key(file, Some(&key), false).await? else {
                continue;
            };
            snapshot::integrity_check(&mut conn).await?;
            let counts = snapshot::table_counts(&mut conn).await?;
            let schema = snapshot::schema_version(&mut conn).await?;
            conn.close().await?;
            if schema > newest {
                return Err(newer(schema, newest));
            }
            if counts != manifest.counts || schema != manifest.schema_version {
                return Err(refused(format!(
                    "{} does not hold what its manifest says; it is not used",
                    file.display()
                )));
            }
            let view = BackupView {
                file: file.display().to_string(),
                manifest,
            };
            return Ok((view, key));
        }
        Err(AppError::Locked {
            message: format!(
                "{} is encrypted with another database's key; give the recovery key of the shop that made it (--recovery-key)",
                file.display()
            ),
        })
    }

    /// `kanak backup restore FILE`: replaces this data directory's database with the backup.
    /// Consumes the handle: its pool is closed; open the data directory again afterwards.
    pub async fn restore_backup(
        self,
        file: &Path,
        recovery_key: Option<&str>,
    ) -> Result<RestoreReport, AppError> {
        let (view, backup_key) = self.open_backup(file, recovery_key).await?;
        let dir = self.data_dir.clone();
        let key = (*self.vault_key).clone();
        sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        self.pool.close().await;
        let restoring = dir.join(RESTORING);
        let mut source = snapshot::open_with_key(file, Some(&backup_key), true)
            .await?
            .ok_or_else(|| refused("the backup stopped opening while it was being restored"))?;
        let exported = snapshot::export(&mut source, &restoring, &key).await;
        source.close().await?;
        let exported = exported?;
        let written = snapshot::verify(&restoring, &key).await?;
        if written != view.manifest.counts || exported.counts != written {
            remove_if_present(&restoring)?;
            return Err(refused("the restored copy does not hold the backup's rows; nothing was replaced"));
        }
        swap_in(&dir)?;
        match store::open_pool(&dir, &key).await {
            Ok(pool) => {
                pool.close().await;
                tracing::warn!(backup = %view.file, "database restored from a backup");
                Ok(RestoreReport {
                    restored: view,
                    set_aside: dir.join(BEFORE_RESTORE).display().to_string(),
                })
            }
            Err(error) => {
                put_back(&dir)?;
                Err(match error {
                    OpenError::WrongKey => refused("the restored database did not open; the previous one is back"),
                    OpenError::App(error) => error,
                })
            }
        }
    }
}

fn newer(backup: i64, this: i64) -> AppError {
    refused(format!(
        "this backup is from a newer version of Kanak (schema {backup}; this version has {this}); update Kanak, then restore"
    ))
}

fn sides(dir: &Path, base: &str) -> [std::path::PathBuf; 3] {
    ["", "-wal", "-shm"].map(|side| dir.join(format!("{base}{side}")))
}

/// The current database (with its WAL, if any) aside, the restored one in its place.
fn swap_in(dir: &Path) -> Result<(), AppError> {
    let current = sides(dir, DATABASE_FILE);
    let aside = sides(dir, BEFORE_RESTORE);
    for path in &aside {
        remove_if_present(path)?;
    }
    // The WAL side files move first: the main file moving last marks the swap begun.
    for (from, to) in current.iter().zip(aside.iter()).rev() {
        if from.exists() {
            rename(from, to)?;
        }
    }
    rename(&dir.join(RESTORING), &current[0])?;
    sync_dir(dir);
    Ok(())
}

fn put_back(dir: &Path) -> Result<(), AppError> {
    let current = sides(dir, DATABASE_FILE);
    let aside = sides(dir, BEFORE_RESTORE);
    for path in &current {
        remove_if_present(path)?;
    }
    for (from, to) in aside.iter().zip(current.iter()) {
        if from.exists() {
            rename(from, to)?;
        }
    }
    sync_dir(dir);
    Ok(())
}
