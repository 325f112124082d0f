use kanak_app::{GoldRateInput, GoldRateView, IpcError, RateImportView};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn set_gold_rate(
    shell: State<'_, Shell>,
    input: GoldRateInput,
) -> Result<GoldRateView, IpcError> {
    Ok(shell
        .kanak
        .set_gold_rate(&shell.actor().await?, input)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn gold_rates(
    shell: State<'_, Shell>,
    date: Option<String>,
) -> Result<Vec<GoldRateView>, IpcError> {
    shell.actor().await?;
    Ok(shell.kanak.gold_rates(date.as_deref()).await?)
}

/// `csv` is the text of a rate sheet the staff picked (header date,purity,per_gram).
#[tauri::command]
#[specta::specta]
pub async fn import_gold_rates(
    shell: State<'_, Shell>,
    csv: String,
) -> Result<RateImportView, IpcError> {
    Ok(shell
        .kanak
        .import_gold_rates(&shell.actor().await?, &csv)
        .await?)
}

#[tauri::command]
#[specta::specta]
pub async fn fetch_gold_rates(shell: State<'_, Shell>) -> Result<RateImportView, IpcError> {
    Ok(shell.kanak.fetch_gold_rates(&shell.actor().await?).await?)
}
