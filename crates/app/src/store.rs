//! Opening the local SQLite store: durability settings, migrations and write transactions.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::AppError;

/// The file name of the counter's database inside the data directory.
pub const DATABASE_FILE: &str = "kanak.db";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/local");

/// The OS app-data directory shared by the desktop app and the CLI.
/// `KANAK_DATA_DIR` (or the CLI's `--data-dir`) overrides it.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KANAK_DATA_DIR") {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("in.kanak.app")
}

/// A copy of the embedded migrations (tests build older schemas from it).
#[cfg(test)]
pub(crate) fn migrator() -> sqlx::migrate::Migrator {
    sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(MIGRATOR.migrations.to_vec()),
        ..sqlx::migrate::Migrator::DEFAULT
    }
}

/// The newest migration this build carries: the schema version it expects.
pub fn binary_schema_version() -> i64 {
    MIGRATOR
        .migrations
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

pub async fn open_pool(data_dir: &Path) -> Result<SqlitePool, AppError> {
    std::fs::create_dir_all(data_dir).map_err(|e| AppError::Io {
        context: format!("creating the data directory {}", data_dir.display()),
        source: e,
    })?;
    let url = format!("sqlite://{}", data_dir.join(DATABASE_FILE).display());
    // WAL lets readers run beside the writer; synchronous=FULL because these rows are money:
    // a commit that returned must survive a power cut at the counter.
    let options = SqliteConnectOptions::from_str(&url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    if let Some(upgrade) = crate::upgrade::pending(&pool).await? {
        crate::upgrade::before_migrations(data_dir, upgrade)?;
    }
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction that takes the write lock up front.
///
/// A deferred transaction that reads and then writes fails with SQLITE_BUSY instead of
/// waiting when another connection is writing; `BEGIN IMMEDIATE` waits (busy_timeout) instead.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, AppError> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}
