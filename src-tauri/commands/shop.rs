use kanak_app::{AppStatus, IpcError, SettingsInput, SetupInput, ShopView};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn app_status(shell: State<'_, Shell>) -> Result<AppStatus, IpcError> {
    Ok(shell.kanak.app_status().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn setup_shop(shell: State<'_, Shell>, input: SetupInput) -> Result<ShopView, IpcError> {
    Ok(shell.kanak.setup_shop(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    shell: State<'_, Shell>,
    input: SettingsInput,
) -> Result<ShopView, IpcError> {
    Ok(shell.kanak.update_settings(input).await?)
}
