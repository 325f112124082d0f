use std::path::Path;

use kanak_app::{
    AppError, AppStatus, DemoSummary, IpcError, OWNER_LOGIN, SettingsInput, SetupInput,
    SetupResult, ShopView,
};
use serde::Serialize;
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

/// The demo shop as built, and the PINs to log in with (the demo's, printed in the README too).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DemoShop {
    pub summary: DemoSummary,
    pub owner_login: String,
    pub owner_pin: String,
    pub cashier_login: String,
    pub cashier_pin: String,
}

/// First run's "Try with demo data": the empty store becomes the demo shop (about 200
/// customers and two years of history, issue #9). Refused once a shop is set up, so it can
/// never write demo rows into a real shop's book. Nobody is logged in afterwards.
#[tauri::command]
#[specta::specta]
pub async fn start_demo_shop(shell: State<'_, Shell>) -> Result<DemoShop, IpcError> {
    if shell.kanak.app_status().await?.setup_done {
        return Err(AppError::AlreadySetUp.into());
    }
    let summary = shell
        .kanak
        .build_demo_shop(kanak_app::DEMO_CUSTOMERS, kanak_app::DEMO_SEED)
        .await?;
    Ok(DemoShop {
        summary,
        owner_login: OWNER_LOGIN.into(),
        owner_pin: kanak_app::DEMO_OWNER_PIN.into(),
        cashier_login: "cashier".into(),
        cashier_pin: kanak_app::DEMO_CASHIER_PIN.into(),
    })
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
