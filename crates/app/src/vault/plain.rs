//! An unencrypted database from an earlier version, encrypted in place.
//!
//! The encrypted copy is written beside the plain file, opened and checked (integrity and
//! every table's row count), and only then swapped in; the plain file is kept as
//! `kanak.db.plain` until the encrypted one has opened and migrated, then removed (it holds
//! customers' KYC in clear). A crash at any step leaves one of the two whole, and the next
//! start picks up from there.

use std::path::Path;
use std::str::FromStr;

use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use super::snapshot::{self, TableCounts};
use super::{DatabaseKey, io};
use crate::AppError;
use crate::store::DATABASE_FILE;

const ENCRYPTING: &str = "kanak.db.encrypting";
const PLAIN_COPY: &str = "kanak.db.plain";
/// A restore writes the restored database here before the swap.
pub(crate) const RESTORING: &str = "kanak.db.restoring";
/// Kept aside by a restore until the restored database is verified (see `backup::restore`).
pub(crate) const BEFORE_RESTORE: &str = "kanak.db.before-restore";

pub(crate) async fn encrypt_in_place(data_dir: &Path, key: &DatabaseKey) -> Result<(), AppError> {
    let path = data_dir.join(DATABASE_FILE);
    let target = data_dir.join(ENCRYPTING);
    tracing::warn!(db = %path.display(), "encrypting an unencrypted database in place");
    let url = format!("sqlite://{}", path.display());
    let mut conn = SqliteConnection::connect_with(&SqliteConnectOptions::from_str(&url)?).await?;
    // Everything from the WAL into the main file, so the plain copy kept aside is whole alone.
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await?;
    let before = snapshot::export(&mut conn, &target, key).await?.counts;
    conn.close().await?;
    let after = snapshot::verify(&target, key).await?;
    same_rows(&before, &after)?;
    for side in ["-wal", "-shm"] {
        remove_if_present(&data_dir.join(format!("{DATABASE_FILE}{side}")))?;
    }
    rename(&path, &data_dir.join(PLAIN_COPY))?;
    rename(&target, &path)?;
    sync_dir(data_dir);
    tracing::warn!(tables = after.len(), "the database is now encrypted; the plain copy is removed once it opens");
    Ok(())
}

fn same_rows(before: &TableCounts, after: &TableCounts) -> Result<(), AppError> {
    if before == after {
        return Ok(());
    }
    Err(AppError::corrupt(format!(
        "the encrypted copy does not have the same rows as the database ({before:?} before, {after:?} after); nothing was replaced"
    )))
}

/// A start after a crash mid-swap: if the database file is missing but a copy set aside is
/// there, that copy goes back, so nothing is ever replaced by a new empty database.
pub(crate) fn finish_interrupted_swaps(data_dir: &Path) -> Result<(), AppError> {
    let path = data_dir.join(DATABASE_FILE);
    remove_if_present(&data_dir.join(ENCRYPTING))?;
    remove_if_present(&data_dir.join(RESTORING))?;
    if super::file_state(&path)? == super::FileState::Missing {
        for aside in [PLAIN_COPY, BEFORE_RESTORE] {
            let aside = data_dir.join(aside);
            if aside.exists() {
                tracing::warn!(from = %aside.display(), "a swap was interrupted: putting the database back");
                remove_if_present(&path)?;
                rename(&aside, &path)?;
                sync_dir(data_dir);
                break;
            }
        }
    }
    Ok(())
}

/// Once the encrypted database opened and migrated, the plain copy goes.
pub(crate) fn remove_verified_plain_copy(data_dir: &Path) -> Result<(), AppError> {
    remove_if_present(&data_dir.join(PLAIN_COPY))
}

pub(crate) fn rename(from: &Path, to: &Path) -> Result<(), AppError> {
    std::fs::rename(from, to).map_err(|e| io(from, e))
}

pub(crate) fn remove_if_present(path: &Path) -> Result<(), AppError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(path, e)),
    }
}

/// Makes the renames durable (best effort: not every platform can open a directory).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}
