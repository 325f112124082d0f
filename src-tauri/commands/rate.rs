use kanak_app::{GoldRateInput, GoldRateView, IpcError};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn set_gold_rate(shell: State<'_, Shell>, input: GoldRateInput) -> Result<GoldRateView, IpcError> {
    Ok(shell.kanak.set_gold_rate(&shell.actor, input).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn gold_rates(shell: State<'_, Shell>, date: Option<String>) -> Result<Vec<GoldRateView>, IpcError> {
    Ok(shell.kanak.gold_rates(date.as_deref()).await?)
}
