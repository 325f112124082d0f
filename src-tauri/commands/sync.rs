//! Sync with the shop's hub: where it stands, enrolling this counter, a sync now, the review
//! queue and its resolution, and the auto-sync settings. The background worker (../autosync.rs)
//! runs the same `sync_now`.

use kanak_app::{IpcError, SyncConflictView, SyncReport, SyncSettings, SyncStatusView};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn sync_status(shell: State<'_, Shell>) -> Result<SyncStatusView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.sync_status().await?)
}

/// Trades the owner's one-time token for this device's credential (kept in the OS keyring).
#[tauri::command]
#[specta::specta]
pub async fn sync_enroll(
    shell: State<'_, Shell>,
    hub_url: String,
    token: String,
) -> Result<SyncStatusView, IpcError> {
    let actor = shell.actor().await?;
    let status = shell.kanak.sync_enroll(&actor, &hub_url, &token).await?;
    shell.sync.wake();
    Ok(status)
}

/// Pushes what waits and pulls what is new; the worker and the window share one sync at a time.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(shell: State<'_, Shell>) -> Result<SyncReport, IpcError> {
    shell.actor().await?;
    Ok(crate::autosync::run_once(&shell.kanak, &shell.sync, shell.app.get()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_conflicts(
    shell: State<'_, Shell>,
    include_resolved: bool,
) -> Result<Vec<SyncConflictView>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.sync_conflicts(include_resolved).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_resolve(
    shell: State<'_, Shell>,
    id: String,
    resolution: String,
) -> Result<SyncConflictView, IpcError> {
    let actor = shell.actor().await?;
    Ok(shell.kanak.sync_resolve(&actor, &id, &resolution).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_settings(shell: State<'_, Shell>) -> Result<SyncSettings, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.sync_settings().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_sync_settings(
    shell: State<'_, Shell>,
    settings: SyncSettings,
) -> Result<SyncSettings, IpcError> {
    let actor = shell.actor().await?;
    let saved = shell.kanak.update_sync_settings(&actor, settings).await?;
    shell.sync.wake();
    Ok(saved)
}
