//! Help and operations: the support bundle, this installation's settings (update endpoint,
//! log level), and checking for / installing a signed update.

use std::path::PathBuf;

use kanak_app::{IpcError, OpsSettings, SupportBundleView};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_updater::UpdaterExt;

use crate::Shell;

/// Writes the support bundle at `path` (from the save dialog); `.zip` is added if missing.
#[tauri::command]
#[specta::specta]
pub async fn create_support_bundle(
    shell: State<'_, Shell>,
    path: String,
) -> Result<SupportBundleView, IpcError> {
    let mut path = PathBuf::from(path.trim());
    if path
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("zip"))
    {
        path.as_mut_os_string().push(".zip");
    }
    let actor = shell.actor().await?;
    Ok(shell
        .kanak
        .support_bundle(&actor, &shell.log_dir, &path)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn ops_settings(shell: State<'_, Shell>) -> Result<OpsSettings, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.ops_settings().await?)
}

/// Stores the update endpoint and log level; the new level applies at once.
#[tauri::command]
#[specta::specta]
pub async fn update_ops_settings(
    shell: State<'_, Shell>,
    settings: OpsSettings,
) -> Result<OpsSettings, IpcError> {
    let saved = shell
        .kanak
        .update_ops_settings(&shell.actor().await?, settings)
        .await?;
    if let Some(logging) = &shell.logging {
        logging.apply_setting(&saved.log_level)?;
    }
    Ok(saved)
}

/// What a check found: this build's version and, when the endpoint offers a newer signed
/// build for this platform, its version and notes.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UpdateCheck {
    pub current_version: String,
    pub available: Option<String>,
    pub notes: Option<String>,
}

fn update_error(error: impl std::fmt::Display) -> IpcError {
    IpcError {
        code: "update_refused".into(),
        message: error.to_string(),
        field: None,
    }
}

/// The updater for the stored endpoint (the public key comes from tauri.conf.json).
async fn updater(shell: &Shell) -> Result<(AppHandle, tauri_plugin_updater::Updater), IpcError> {
    let app = shell
        .app
        .get()
        .cloned()
        .ok_or_else(|| update_error("updates are checked by the desktop app only"))?;
    let settings = shell.kanak.ops_settings().await?;
    let endpoint = settings.update_endpoint.ok_or_else(|| IpcError {
        code: "invalid_input".into(),
        message: "update_endpoint: no update address is set (Settings → Updates)".into(),
        field: Some("update_endpoint".into()),
    })?;
    let url = endpoint.parse().map_err(update_error)?;
    let updater = app
        .updater_builder()
        .endpoints(vec![url])
        .map_err(update_error)?
        .build()
        .map_err(update_error)?;
    Ok((app, updater))
}

#[tauri::command]
#[specta::specta]
pub async fn check_for_update(shell: State<'_, Shell>) -> Result<UpdateCheck, IpcError> {
    shell.actor().await?;
    let (app, updater) = updater(&shell).await?;
    let found = updater.check().await.map_err(update_error)?;
    Ok(UpdateCheck {
        current_version: app.package_info().version.to_string(),
        available: found.as_ref().map(|u| u.version.clone()),
        notes: found.and_then(|u| u.body),
    })
}

/// Downloads the offered update, verifies its signature against the configured public key
/// (the plugin refuses a bad one), installs it and restarts. Owner only.
#[tauri::command]
#[specta::specta]
pub async fn install_update(shell: State<'_, Shell>) -> Result<(), IpcError> {
    let actor = shell.actor().await?;
    actor
        .require(kanak_domain::Permission::Settings)
        .map_err(IpcError::from)?;
    let (app, updater) = updater(&shell).await?;
    let Some(update) = updater.check().await.map_err(update_error)? else {
        return Err(update_error("no newer version is offered"));
    };
    tracing::info!(version = %update.version, "installing an update");
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(update_error)?;
    app.restart()
}
