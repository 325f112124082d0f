use kanak_app::{
    CustomerEdit, CustomerInput, CustomerProfile, CustomerSummary, CustomerView, IpcError,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn add_customer(
    shell: State<'_, Shell>,
    input: CustomerInput,
) -> Result<CustomerView, IpcError> {
    Ok(shell
        .kanak
        .add_customer(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn edit_customer(
    shell: State<'_, Shell>,
    code: String,
    input: CustomerEdit,
) -> Result<CustomerView, IpcError> {
    Ok(shell
        .kanak
        .edit_customer(&shell.actor().await?, &code, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn search_customers(
    shell: State<'_, Shell>,
    query: String,
    limit: u32,
) -> Result<Vec<CustomerSummary>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.search_customers(&query, limit).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_profile(
    shell: State<'_, Shell>,
    code: String,
) -> Result<CustomerProfile, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.customer_profile(&code).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn record_form60(
    shell: State<'_, Shell>,
    code: String,
    date: String,
) -> Result<CustomerView, IpcError> {
    Ok(shell
        .kanak
        .record_form60(&shell.actor().await?, &code, &date)
        .await?)
}
