//! Customer messages: the outbox (list, retry, cancel, send now), the missed report's
//! reminder, message settings and templates, and a customer's opt-outs.

use kanak_app::{
    Channel, IpcError, MessageOptOutView, MessageSettings, MessageSettingsView,
    MessageTemplateInput, MessageTemplateView, OutboxMessageView, OutboxState, OutboxSummary,
    SendPass, TemplatePreview, Trigger,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn outbox_summary(shell: State<'_, Shell>) -> Result<OutboxSummary, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.outbox_summary().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_outbox(
    shell: State<'_, Shell>,
    state: Option<OutboxState>,
) -> Result<Vec<OutboxMessageView>, IpcError> {
    Ok(shell
        .kanak
        .list_outbox(&shell.actor().await?, state)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn retry_message(
    shell: State<'_, Shell>,
    id: String,
) -> Result<OutboxMessageView, IpcError> {
    let view = shell
        .kanak
        .retry_message(&shell.actor().await?, &id)
        .await?;
    shell.outbox.wake();
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_message(
    shell: State<'_, Shell>,
    id: String,
) -> Result<OutboxMessageView, IpcError> {
    Ok(shell
        .kanak
        .cancel_message(&shell.actor().await?, &id)
        .await?)
}

/// One pass now (scan and send), for the outbox screen's "Send now".
#[tauri::command]
#[specta::specta]
pub async fn send_outbox_now(shell: State<'_, Shell>) -> Result<SendPass, IpcError> {
    let actor = shell.actor().await?;
    actor.require(kanak_domain::Permission::Reports)?;
    Ok(shell.kanak.run_outbox_pass().await?)
}

/// The missed-payments report's one-click reminder; the worker sends it at once.
#[tauri::command]
#[specta::specta]
pub async fn send_missed_reminder(
    shell: State<'_, Shell>,
    enrollment_no: String,
) -> Result<OutboxMessageView, IpcError> {
    let view = shell
        .kanak
        .send_missed_reminder(&shell.actor().await?, &enrollment_no)
        .await?;
    shell.outbox.wake();
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn message_settings(shell: State<'_, Shell>) -> Result<MessageSettingsView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.message_settings().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_message_settings(
    shell: State<'_, Shell>,
    input: MessageSettings,
) -> Result<MessageSettingsView, IpcError> {
    Ok(shell
        .kanak
        .update_message_settings(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn message_templates(
    shell: State<'_, Shell>,
) -> Result<Vec<MessageTemplateView>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.message_templates().await?)
}

#[tauri::command]
#[specta::specta]
pub async fn register_message_template(
    shell: State<'_, Shell>,
    input: MessageTemplateInput,
) -> Result<MessageTemplateView, IpcError> {
    let view = shell
        .kanak
        .register_message_template(&shell.actor().await?, input)
        .await?;
    // Messages waiting for this template can go now.
    shell.outbox.wake();
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn preview_message_template(
    shell: State<'_, Shell>,
    trigger: Trigger,
    channel: Channel,
    outbox_id: Option<String>,
) -> Result<TemplatePreview, IpcError> {
    shell.actor().await?;
    Ok(shell
        .kanak
        .preview_message_template(trigger, channel, outbox_id)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn message_opt_outs(
    shell: State<'_, Shell>,
    customer_code: String,
) -> Result<MessageOptOutView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.message_opt_outs(&customer_code).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_message_opt_out(
    shell: State<'_, Shell>,
    customer_code: String,
    channel: Channel,
    opted_out: bool,
) -> Result<MessageOptOutView, IpcError> {
    Ok(shell
        .kanak
        .set_message_opt_out(&shell.actor().await?, &customer_code, channel, opted_out)
        .await?)
}
