//! Encryption at rest: the database is SQLCipher, its key is random and lives in the OS
//! keyring, and the recovery key (the same key, printable) opens it where the keyring has
//! no key: a new machine, a wiped keyring, a restored backup.
//!
//! Opening never creates a new empty database beside an encrypted one it cannot read: with
//! no usable key it answers [`AppError::Locked`] and waits for the recovery key.

mod file_store;
mod key;
pub(crate) mod plain;
mod recovery;
pub(crate) mod snapshot;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

pub use file_store::InsecureFileSecrets;
pub use key::DatabaseKey;
pub use recovery::RecoveryKeyView;
pub(crate) use recovery::mark_shown as mark_recovery_key_shown;

use crate::store::{self, DATABASE_FILE, OpenError};
use crate::{AppError, OsKeyring, SecretStore};

/// Names a plain JSON file to keep database keys in instead of the OS keyring (tests, CI).
pub const INSECURE_KEYSTORE_ENV: &str = "KANAK_INSECURE_KEYSTORE";

/// The key store the app uses: the OS keyring, unless `KANAK_INSECURE_KEYSTORE` names a file.
pub fn default_secrets() -> Arc<dyn SecretStore> {
    match std::env::var_os(INSECURE_KEYSTORE_ENV).filter(|v| !v.is_empty()) {
        Some(path) => {
            tracing::info!(
                file = ?path,
                "KANAK_INSECURE_KEYSTORE is set: keys are kept in a plain file (tests only)"
            );
            Arc::new(InsecureFileSecrets::new(PathBuf::from(path)))
        }
        None => Arc::new(OsKeyring),
    }
}

/// How a database is on disk before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileState {
    Missing,
    /// An unencrypted database from before encryption at rest.
    Plain,
    Encrypted,
}

pub(crate) fn file_state(path: &Path) -> Result<FileState, AppError> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(io(path, e)),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]).map_err(|e| io(path, e))? {
            0 => break,
            n => read += n,
        }
    }
    Ok(match read {
        0 => FileState::Missing,
        16 if &header == b"SQLite format 3\0" => FileState::Plain,
        _ => FileState::Encrypted,
    })
}

pub(crate) fn io(path: &Path, source: std::io::Error) -> AppError {
    AppError::Io {
        context: path.display().to_string(),
        source,
    }
}

/// The keyring entry of this data directory's key: one per folder, so two shops (or test
/// runs) on one machine never share or overwrite a key.
pub(crate) fn key_name(data_dir: &Path) -> String {
    let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("database-key.{hex}")
}

/// An open, unlocked store.
pub(crate) struct Unlocked {
    pub pool: SqlitePool,
    pub key: DatabaseKey,
}

/// Opens the database in `data_dir`: creates it encrypted, encrypts a plain one in place, or
/// unlocks an encrypted one with the keyring's key or else `recovery`.
pub(crate) async fn open(
    data_dir: &Path,
    secrets: &dyn SecretStore,
    recovery: Option<&DatabaseKey>,
) -> Result<Unlocked, AppError> {
    std::fs::create_dir_all(data_dir).map_err(|e| io(data_dir, e))?;
    let path = data_dir.join(DATABASE_FILE);
    plain::finish_interrupted_swaps(data_dir)?;
    let name = key_name(data_dir);
    let stored = stored_key(secrets, &name);
    let unlocked = match file_state(&path)? {
        FileState::Missing | FileState::Plain => {
            let key = match (recovery, &stored) {
                (Some(typed), _) => typed.clone(),
                (None, Ok(Some(kept))) => kept.clone(),
                (None, Ok(None)) => DatabaseKey::generate(),
                (None, Err(error)) => return Err(no_keyring_for_new(error)),
            };
            // The key is kept before the first encrypted byte is written: there is never a
            // database whose key exists nowhere.
            if !matches!(&stored, Ok(Some(kept)) if *kept == key) {
                keep_key(secrets, &name, &key, recovery.is_some())?;
            }
            if file_state(&path)? == FileState::Plain {
                plain::encrypt_in_place(data_dir, &key).await?;
            }
            let pool = open_or_app_error(data_dir, &key).await?;
            Unlocked { pool, key }
        }
        FileState::Encrypted => unlock(data_dir, secrets, &name, stored, recovery).await?,
    };
    plain::remove_verified_plain_copy(data_dir)?;
    if recovery.is_some() {
        recovery::mark_known(&unlocked.pool).await?;
    }
    Ok(unlocked)
}

fn stored_key(secrets: &dyn SecretStore, name: &str) -> Result<Option<DatabaseKey>, AppError> {
    let Some(value) = secrets.get(name)? else {
        return Ok(None);
    };
    match DatabaseKey::from_hex(value.expose()) {
        Some(key) => Ok(Some(key)),
        None => {
            tracing::error!(entry = name, "the keyring's database key is malformed; ignored");
            Ok(None)
        }
    }
}

fn keep_key(
    secrets: &dyn SecretStore,
    name: &str,
    key: &DatabaseKey,
    typed: bool,
) -> Result<(), AppError> {
    match secrets.set(name, &key.to_hex()) {
        Ok(()) => Ok(()),
        // The owner typed the recovery key: it opens this session; the next start asks again.
        Err(error) if typed => {
            tracing::warn!(%error, "the recovery key opened the database but the keyring could not keep it");
            Ok(())
        }
        Err(error) => Err(no_keyring_for_new(&error)),
    }
}

fn no_keyring_for_new(error: &AppError) -> AppError {
    AppError::Keyring {
        message: format!(
            "{error}. The database is encrypted with a key kept in the keyring, so a database \
             cannot be created (or encrypted) on this machine until the keyring works, or you \
             give the recovery key of a backup you mean to restore"
        ),
    }
}

async fn open_or_app_error(data_dir: &Path, key: &DatabaseKey) -> Result<SqlitePool, AppError> {
    match store::open_pool(data_dir, key).await {
        Ok(pool) => Ok(pool),
        Err(OpenError::WrongKey) => Err(AppError::corrupt(
            "the database does not open with its own key; it may be damaged",
        )),
        Err(OpenError::App(error)) => Err(error),
    }
}

/// An encrypted database: the keyring's key first, then the typed recovery key.
async fn unlock(
    data_dir: &Path,
    secrets: &dyn SecretStore,
    name: &str,
    stored: Result<Option<DatabaseKey>, AppError>,
    recovery: Option<&DatabaseKey>,
) -> Result<Unlocked, AppError> {
    if let Ok(Some(key)) = &stored {
        match store::open_pool(data_dir, key).await {
            Ok(pool) => {
                return Ok(Unlocked {
                    pool,
                    key: key.clone(),
                });
            }
            Err(OpenError::WrongKey) => {
                tracing::warn!("the keyring's key does not open this database")
            }
            Err(OpenError::App(error)) => return Err(error),
        }
    }
    let Some(typed) = recovery else {
        return Err(locked(&stored));
    };
    match store::open_pool(data_dir, typed).await {
        Ok(pool) => {
            keep_key(secrets, name, typed, true)?;
            Ok(Unlocked {
                pool,
                key: typed.clone(),
            })
        }
        Err(OpenError::WrongKey) => Err(AppError::Invalid(kanak_domain::FieldError::new(
            "recovery_key",
            "this recovery key does not open this database (it belongs to another shop or another database)",
        ))),
        Err(OpenError::App(error)) => Err(error),
    }
}

fn locked(stored: &Result<Option<DatabaseKey>, AppError>) -> AppError {
    let why = match stored {
        Err(error) => format!("the keyring is not available ({error})"),
        Ok(None) => "the keyring has no key for it on this machine".to_string(),
        Ok(Some(_)) => "the key in the keyring does not open it".to_string(),
    };
    AppError::Locked {
        message: format!(
            "the database is encrypted and {why}; enter the recovery key from the printed sheet \
             (CLI: --recovery-key or KANAK_RECOVERY_KEY)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use sqlx::sqlite::SqliteConnectOptions;

    use super::*;
    use crate::MemorySecrets;

    #[tokio::test]
    async fn an_unencrypted_database_is_encrypted_in_place_with_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE);
        let url = format!("sqlite://{}", path.display());
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
        let plain = SqlitePool::connect_with(options).await.unwrap();
        let mut older = store::migrator();
        older.migrations.to_mut().retain(|m| m.version < 14);
        older.run(&plain).await.unwrap();
        sqlx::query("INSERT INTO festivals (name, festival_date, created_at, created_by) VALUES ('Diwali', '2026-11-08', '2026-11-01T00:00:00Z', 'test')")
            .execute(&plain)
            .await
            .unwrap();
        plain.close().await;
        assert_eq!(file_state(&path).unwrap(), FileState::Plain);

        let secrets = MemorySecrets::default();
        let unlocked = open(dir.path(), &secrets, None).await.unwrap();
        let festivals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM festivals")
            .fetch_one(&unlocked.pool)
            .await
            .unwrap();
        assert_eq!(festivals, 1, "the rows came along");
        unlocked.pool.close().await;
        assert_eq!(file_state(&path).unwrap(), FileState::Encrypted);
        assert!(!dir.path().join("kanak.db.plain").exists(), "the plain copy is gone once verified");
        assert!(secrets.get(&key_name(dir.path())).unwrap().is_some());
        let backups = crate::backup::list_folder(&crate::backup::default_folder(dir.path())).unwrap();
        assert_eq!(backups.len(), 1, "the upgrade's backup before migration 0014");
    }

    #[tokio::test]
    async fn a_swap_cut_short_puts_the_set_aside_database_back() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kanak.db.plain"), b"SQLite format 3\0rest").unwrap();
        plain::finish_interrupted_swaps(dir.path()).unwrap();
        assert_eq!(
            file_state(&dir.path().join(DATABASE_FILE)).unwrap(),
            FileState::Plain,
            "not a new empty database"
        );
    }
}
