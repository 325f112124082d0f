use kanak_app::{IpcError, PlanInput, PlanView};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn list_plans(
    shell: State<'_, Shell>,
    include_retired: bool,
) -> Result<Vec<PlanView>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.list_plans(include_retired).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_plan(shell: State<'_, Shell>, input: PlanInput) -> Result<PlanView, IpcError> {
    Ok(shell
        .kanak
        .create_plan(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn edit_plan(
    shell: State<'_, Shell>,
    code: String,
    input: PlanInput,
) -> Result<PlanView, IpcError> {
    Ok(shell
        .kanak
        .edit_plan(&shell.actor().await?, &code, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn retire_plan(shell: State<'_, Shell>, code: String) -> Result<PlanView, IpcError> {
    Ok(shell
        .kanak
        .retire_plan(&shell.actor().await?, &code)
        .await?)
}
