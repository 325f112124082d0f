//! The database's lock: when the shell could not open the database at start (its key is not
//! in the keyring, or the keyring is unavailable), the window shows "Database locked — enter
//! the recovery key" instead of the app, and `unlock_database` opens it with the typed key
//! through the same `Kanak::open_with` as every start. Nothing else is managed until then,
//! so no other command can reach a database that is not open (nor create a new one).

use std::sync::Mutex;

use kanak_app::{AppError, IpcError, Kanak, Sensitive};
use serde::Serialize;
use tauri::State;

/// What the window shows first: the app, or the locked screen and why.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct VaultState {
    pub locked: bool,
    /// Why it is locked: the error code (`database_locked`, `keyring`) and its message.
    pub code: Option<String>,
    pub reason: Option<String>,
}

/// The lock, managed from the start whether or not the database opened.
pub struct Vault {
    inner: Mutex<Lock>,
    /// The desktop app, to start the shell on once the database opens.
    app: Option<tauri::AppHandle>,
}

enum Lock {
    Open,
    Locked {
        error: IpcError,
        /// The running log subscriber, handed to the shell when the database opens.
        logging: Option<kanak_app::logs::Logging>,
    },
    /// An unlock is running (a second one is refused rather than opening twice).
    Opening,
}

/// The errors the recovery key can answer; any other stops the start as before.
pub fn recovery_key_answers(error: &AppError) -> bool {
    matches!(error.code(), "database_locked" | "keyring")
}

impl Vault {
    pub fn open() -> Vault {
        Vault {
            inner: Mutex::new(Lock::Open),
            app: None,
        }
    }

    pub fn locked(
        error: &AppError,
        logging: Option<kanak_app::logs::Logging>,
        app: tauri::AppHandle,
    ) -> Vault {
        Vault {
            inner: Mutex::new(Lock::Locked {
                error: IpcError::from(error),
                logging,
            }),
            app: Some(app),
        }
    }

    pub fn state(&self) -> VaultState {
        match &*self.inner.lock().expect("the vault lock is never poisoned") {
            Lock::Locked { error, .. } => VaultState {
                locked: true,
                code: Some(error.code.clone()),
                reason: Some(error.message.clone()),
            },
            Lock::Open | Lock::Opening => VaultState {
                locked: false,
                code: None,
                reason: None,
            },
        }
    }
}

#[tauri::command]
#[specta::specta]
pub async fn vault_state(vault: State<'_, Vault>) -> Result<VaultState, IpcError> {
    Ok(vault.state())
}

/// Opens the locked database with the recovery key from the printed sheet; the key goes to
/// this machine's keyring, and the app starts as on any other day. A mistyped key or another
/// shop's key is refused on the `recovery_key` field and the screen stays.
#[tauri::command]
#[specta::specta]
pub async fn unlock_database(
    vault: State<'_, Vault>,
    recovery_key: Sensitive,
) -> Result<VaultState, IpcError> {
    let (error, logging) = {
        let mut lock = vault.inner.lock().expect("the vault lock is never poisoned");
        match std::mem::replace(&mut *lock, Lock::Opening) {
            Lock::Locked { error, logging } => (error, logging),
            other => {
                *lock = other;
                return Err(AppError::Conflict {
                    message: "the database is already open (or being opened)".into(),
                    field: None,
                }
                .into());
            }
        }
    };
    // On a blocking thread: opening (SQLCipher, migrations) is not provably Send here.
    let opened = crate::commands::backup::off_thread(move || async move {
        let dir = kanak_app::default_data_dir();
        let typed = Some(recovery_key.expose());
        let kanak =
            Kanak::open_with(&dir, kanak_app::Clock::System, kanak_app::default_secrets(), typed)
                .await?;
        let settings = kanak.ops_settings().await;
        Ok((kanak, settings))
    })
    .await;
    match (opened, &vault.app) {
        (Ok((kanak, settings)), Some(app)) => {
            tracing::info!("the database was opened with the recovery key");
            crate::start_shell(app, kanak, logging, settings);
            *vault.inner.lock().expect("the vault lock is never poisoned") = Lock::Open;
            Ok(vault.state())
        }
        (Ok((kanak, _)), None) => {
            drop(kanak);
            *vault.inner.lock().expect("the vault lock is never poisoned") =
                Lock::Locked { error, logging };
            Err(AppError::Conflict {
                message: "the database opens in the desktop app only".into(),
                field: None,
            }
            .into())
        }
        (Err(refused), _) => {
            tracing::warn!(code = %refused.code, "the recovery key did not open the database");
            *vault.inner.lock().expect("the vault lock is never poisoned") =
                Lock::Locked { error, logging };
            Err(refused.into())
        }
    }
}
