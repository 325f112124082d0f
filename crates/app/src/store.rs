//! Opening the local SQLite store: durability settings, migrations and write transactions.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::AppError;
use crate::vault::DatabaseKey;

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

/// The connection options of the database at `path`, opened with `key`. SQLx runs
/// `PRAGMA key` first on every pooled connection, before anything reads the file.
pub(crate) fn connect_options(
    path: &Path,
    key: &DatabaseKey,
) -> Result<SqliteConnectOptions, AppError> {
    let url = format!("sqlite://{}", path.display());
    // WAL lets readers run beside the writer; synchronous=FULL because these rows are money:
    // a commit that returned must survive a power cut at the counter.
    Ok(SqliteConnectOptions::from_str(&url)?
        .pragma("key", key.pragma_value())
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5)))
}

/// Opens the encrypted database in `data_dir` with `key`, backs it up when this build will
/// migrate it, and applies the migrations. A key that does not open the file is
/// [`OpenError::WrongKey`], so the caller can try the recovery key next.
pub(crate) async fn open_pool(data_dir: &Path, key: &DatabaseKey) -> Result<SqlitePool, OpenError> {
    let options = connect_options(&data_dir.join(DATABASE_FILE), key)?;
    let pool = match SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
    {
        Ok(pool) => pool,
        Err(e) if is_not_a_database(&e) => return Err(OpenError::WrongKey),
        Err(e) => return Err(OpenError::App(e.into())),
    };
    if let Some(upgrade) = crate::upgrade::pending(&pool).await? {
        crate::upgrade::before_migrations(&pool, data_dir, key, upgrade).await?;
    }
    MIGRATOR.run(&pool).await.map_err(AppError::from)?;
    Ok(pool)
}

/// Why a database did not open: the key is not its key, or anything else.
#[derive(Debug)]
pub(crate) enum OpenError {
    WrongKey,
    App(AppError),
}

impl From<AppError> for OpenError {
    fn from(error: AppError) -> OpenError {
        OpenError::App(error)
    }
}

impl From<sqlx::Error> for OpenError {
    fn from(error: sqlx::Error) -> OpenError {
        OpenError::App(error.into())
    }
}

/// SQLITE_NOTADB: what SQLCipher answers when the key does not decrypt the first page.
pub(crate) fn is_not_a_database(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == "26")
        || error.to_string().contains("file is not a database")
}

/// Starts a write transaction that takes the write lock up front.
///
/// A deferred transaction that reads and then writes fails with SQLITE_BUSY instead of
/// waiting when another connection is writing; `BEGIN IMMEDIATE` waits (busy_timeout) instead.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, AppError> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}
