use std::path::Path;

use kanak_app::{
    AppError, AppStatus, IpcError, OWNER_LOGIN, SettingsInput, SetupInput, SetupResult, ShopView,
};
use tauri::State;

use crate::Shell;
use crate::documents;

#[tauri::command]
#[specta::specta]
pub async fn app_status(shell: State<'_, Shell>) -> Result<AppStatus, IpcError> {
    Ok(shell.kanak.app_status().await?)
}

/// First-run setup; the owner, who just chose the PIN, is logged in straight away.
#[tauri::command]
#[specta::specta]
pub async fn setup_shop(
    shell: State<'_, Shell>,
    input: SetupInput,
) -> Result<SetupResult, IpcError> {
    let pin = input.owner_pin.clone();
    let result = shell.kanak.setup_shop(input).await?;
    shell
        .kanak
        .start_session(&shell.session, OWNER_LOGIN, &pin)
        .await?;
    Ok(result)
}

#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    shell: State<'_, Shell>,
    input: SettingsInput,
) -> Result<ShopView, IpcError> {
    Ok(shell
        .kanak
        .update_settings(&shell.actor().await?, input)
        .await?)
}

/// Sets the logo printed on documents from the PNG at `path` (from the file picker), or
/// removes it with None. The shell reads the file, so the webview needs no file access.
#[tauri::command]
#[specta::specta]
pub async fn set_shop_logo(
    shell: State<'_, Shell>,
    path: Option<String>,
) -> Result<ShopView, IpcError> {
    let actor = shell.actor().await?;
    let png = match path {
        Some(path) => Some(documents::read_logo(Path::new(path.trim()))?),
        None => None,
    };
    shell.kanak.set_shop_logo(&actor, png).await?;
    let shop = shell.kanak.app_status().await?.shop;
    Ok(shop.ok_or(AppError::NotSetUp)?)
}
