use kanak_app::{
    AppStatus, IpcError, OWNER_LOGIN, SettingsInput, SetupInput, SetupResult, ShopView,
};
use tauri::State;

use crate::Shell;

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
