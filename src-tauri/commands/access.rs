//! Login, switching user, staff accounts and the audit trail.

use kanak_app::{
    AuditEntryView, AuditFilter, AuditVerification, CurrentUser, IpcError, Sensitive, StaffInput,
    StaffView,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn login(
    shell: State<'_, Shell>,
    login: String,
    pin: Sensitive,
) -> Result<CurrentUser, IpcError> {
    let actor = shell
        .kanak
        .start_session(&shell.session, &login, &pin)
        .await?;
    Ok(CurrentUser::from(&actor))
}

#[tauri::command]
#[specta::specta]
pub async fn logout(shell: State<'_, Shell>) -> Result<(), IpcError> {
    shell.session.end();
    Ok(())
}

/// Who is logged in (None when nobody is, or the idle lock has passed).
#[tauri::command]
#[specta::specta]
pub async fn current_user(shell: State<'_, Shell>) -> Result<Option<CurrentUser>, IpcError> {
    Ok(shell
        .actor()
        .await
        .ok()
        .map(|actor| CurrentUser::from(&actor)))
}

#[tauri::command]
#[specta::specta]
pub async fn list_staff(shell: State<'_, Shell>) -> Result<Vec<StaffView>, IpcError> {
    Ok(shell.kanak.list_staff(&shell.actor().await?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_staff(shell: State<'_, Shell>, input: StaffInput) -> Result<StaffView, IpcError> {
    Ok(shell.kanak.add_staff(&shell.actor().await?, input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_staff_active(
    shell: State<'_, Shell>,
    login: String,
    active: bool,
) -> Result<StaffView, IpcError> {
    Ok(shell
        .kanak
        .set_staff_active(&shell.actor().await?, &login, active)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn reset_pin(
    shell: State<'_, Shell>,
    login: String,
    pin: Sensitive,
) -> Result<StaffView, IpcError> {
    Ok(shell
        .kanak
        .reset_pin(&shell.actor().await?, &login, &pin)
        .await?)
}

/// The owner's forgotten PIN: answers with the next recovery code, shown once.
#[tauri::command]
#[specta::specta]
pub async fn reset_owner_pin(
    shell: State<'_, Shell>,
    recovery_code: Sensitive,
    pin: Sensitive,
) -> Result<String, IpcError> {
    Ok(shell.kanak.reset_owner_pin(&recovery_code, &pin).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn regenerate_recovery_code(shell: State<'_, Shell>) -> Result<String, IpcError> {
    Ok(shell
        .kanak
        .regenerate_recovery_code(&shell.actor().await?)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn audit_log(
    shell: State<'_, Shell>,
    filter: AuditFilter,
) -> Result<Vec<AuditEntryView>, IpcError> {
    Ok(shell.kanak.audit_log(&shell.actor().await?, filter).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn verify_audit(shell: State<'_, Shell>) -> Result<AuditVerification, IpcError> {
    Ok(shell.kanak.verify_audit(&shell.actor().await?).await?)
}
