//! The scheme engine's mid-term events and the plan simulator.

use kanak_app::{
    ChangeInput, ChangeQuoteView, EnrollmentDetail, IpcError, PauseInput, SimulateInput,
    SimulationView,
};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn simulate_plan(
    shell: State<'_, Shell>,
    input: SimulateInput,
) -> Result<SimulationView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.simulate_plan(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn pause_enrollment(
    shell: State<'_, Shell>,
    input: PauseInput,
) -> Result<EnrollmentDetail, IpcError> {
    Ok(shell
        .kanak
        .pause_enrollment(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn change_quote(
    shell: State<'_, Shell>,
    input: ChangeInput,
) -> Result<ChangeQuoteView, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.change_quote(input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn change_enrollment(
    shell: State<'_, Shell>,
    input: ChangeInput,
) -> Result<EnrollmentDetail, IpcError> {
    Ok(shell
        .kanak
        .change_enrollment(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn give_gift(
    shell: State<'_, Shell>,
    enrollment_no: String,
    item: String,
) -> Result<EnrollmentDetail, IpcError> {
    Ok(shell
        .kanak
        .give_gift(&shell.actor().await?, &enrollment_no, &item)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_festival(
    shell: State<'_, Shell>,
    name: String,
    date: String,
) -> Result<(), IpcError> {
    Ok(shell
        .kanak
        .add_festival(&shell.actor().await?, &name, &date)
        .await?)
}
