//! The Backups screen: the status, the settings, the list, Back up now, Verify, and Restore
//! (after the screen showed what the backup holds). The use cases do the work; a restore
//! replaces the database under the running app, so the app restarts afterwards.

use std::path::PathBuf;

use kanak_app::{AppError, BackupSettings, BackupStatus, BackupView, IpcError, RestoreReport};
use kanak_domain::{FieldError, Permission, Role};
use serde::Serialize;
use tauri::State;

use crate::Shell;

/// Everything the Backups screen shows.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupOverview {
    pub status: BackupStatus,
    pub settings: BackupSettings,
    /// The backup folder's backups, newest first.
    pub backups: Vec<BackupView>,
}

/// A backup file named in the window: a full path to a `.kanakbackup`.
fn backup_file(file: &str) -> Result<PathBuf, AppError> {
    let path = PathBuf::from(file.trim());
    let is_backup = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(kanak_app::BACKUP_EXTENSION));
    if !path.is_absolute() || !is_backup {
        return Err(FieldError::new("file", "must be the full path of a .kanakbackup file").into());
    }
    Ok(path)
}

/// Runs a backup use case on a blocking thread: their futures (SQLCipher export and
/// verification on one connection) are not provably Send for the command runtime, as the
/// schedule in `backups.rs` found too.
pub(crate) async fn off_thread<T, F, Fut>(make: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    tauri::async_runtime::spawn_blocking(move || tauri::async_runtime::block_on(make()))
        .await
        .map_err(|e| IpcError {
            code: "storage".into(),
            message: format!("the backup work stopped unexpectedly: {e}"),
            field: None,
        })?
        .map_err(IpcError::from)
}

#[tauri::command]
#[specta::specta]
pub async fn backup_overview(shell: State<'_, Shell>) -> Result<BackupOverview, IpcError> {
    shell.actor().await?.require(Permission::Settings)?;
    Ok(BackupOverview {
        status: shell.kanak.backup_status().await?,
        settings: shell.kanak.backup_settings().await?,
        backups: shell.kanak.list_backups().await?,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn update_backup_settings(
    shell: State<'_, Shell>,
    settings: BackupSettings,
) -> Result<BackupSettings, IpcError> {
    let actor = shell.actor().await?;
    Ok(shell.kanak.update_backup_settings(&actor, settings).await?)
}

/// "Back up now": a verified backup into the backup folder (the retention rule runs there).
#[tauri::command]
#[specta::specta]
pub async fn create_backup(shell: State<'_, Shell>) -> Result<BackupView, IpcError> {
    let actor = shell.actor().await?;
    let kanak = shell.kanak.clone();
    off_thread(move || async move { kanak.create_backup(&actor, None).await }).await
}

/// Checks a backup (checksum, key, integrity_check, rows, schema) and returns what it holds:
/// the screen shows this before it asks to restore.
#[tauri::command]
#[specta::specta]
pub async fn verify_backup(shell: State<'_, Shell>, file: String) -> Result<BackupView, IpcError> {
    shell.actor().await?.require(Permission::Settings)?;
    let (kanak, file) = (shell.kanak.clone(), backup_file(&file)?);
    off_thread(move || async move { kanak.verify_backup(&file, None).await }).await
}

/// Replaces the database with the backup (owner only; the current one is kept aside as
/// `kanak.db.before-restore`), then restarts the app on the restored database.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    shell: State<'_, Shell>,
    file: String,
) -> Result<RestoreReport, IpcError> {
    let actor = shell.actor().await?;
    if actor.role() != Role::Owner {
        return Err(AppError::Forbidden {
            message: "only the owner may restore a backup".into(),
        }
        .into());
    }
    let file = backup_file(&file)?;
    let kanak = shell.kanak.clone();
    let report = off_thread(move || async move { kanak.restore_backup(&file, None).await }).await?;
    tracing::warn!(backup = %report.restored.file, "restored from the Backups screen; restarting");
    if let Some(app) = shell.app.get().cloned() {
        // Every handle's pool is closed now: the app starts again on the restored database.
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(800)).await;
            app.restart();
        });
    }
    Ok(report)
}
