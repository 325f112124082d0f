//! Closing an enrollment, and the one-time code providers' settings and keys.

use kanak_app::{
    CloseInput, ClosureQuoteView, ClosureView, IpcError, OtpProvider, OtpRequestView, OtpSettings,
    OtpSettingsView, Sensitive,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn closure_quote(
    shell: State<'_, Shell>,
    enrollment_no: String,
) -> Result<ClosureQuoteView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.closure_quote(&enrollment_no).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn request_closure_otp(
    shell: State<'_, Shell>,
    enrollment_no: String,
) -> Result<OtpRequestView, IpcError> {
    Ok(shell
        .kanak
        .request_closure_otp(&shell.actor().await?, &enrollment_no)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn confirm_closure(
    shell: State<'_, Shell>,
    input: CloseInput,
    otp: Sensitive,
) -> Result<ClosureView, IpcError> {
    let closure = shell
        .kanak
        .confirm_closure(&shell.actor().await?, input, &otp)
        .await?;
    shell.outbox.wake();
    Ok(closure)
}

/// The owner closes without a code. The owner types their own PIN here even when logged in,
/// so an override is never done from a counter someone else left open.
#[tauri::command]
#[specta::specta]
pub async fn override_closure(
    shell: State<'_, Shell>,
    input: CloseInput,
    reason: String,
    owner_login: String,
    owner_pin: Sensitive,
) -> Result<ClosureView, IpcError> {
    shell.actor().await?;
    let owner = shell.kanak.login(&owner_login, &owner_pin).await?;
    let closure = shell.kanak.override_closure(&owner, input, &reason).await?;
    shell.outbox.wake();
    Ok(closure)
}

#[tauri::command]
#[specta::specta]
pub async fn otp_settings(shell: State<'_, Shell>) -> Result<OtpSettingsView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.otp_settings().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_otp_settings(
    shell: State<'_, Shell>,
    input: OtpSettings,
) -> Result<OtpSettingsView, IpcError> {
    Ok(shell
        .kanak
        .update_otp_settings(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_provider_key(
    shell: State<'_, Shell>,
    provider: OtpProvider,
    key: Sensitive,
) -> Result<OtpSettingsView, IpcError> {
    Ok(shell
        .kanak
        .set_provider_key(&shell.actor().await?, provider, key.expose())
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_provider_key(
    shell: State<'_, Shell>,
    provider: OtpProvider,
) -> Result<OtpSettingsView, IpcError> {
    Ok(shell
        .kanak
        .remove_provider_key(&shell.actor().await?, provider)
        .await?)
}
