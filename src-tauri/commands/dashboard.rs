//! The home screen: its figures and each staff member's choice and order of widgets.

use kanak_app::{DashboardView, IpcError, WidgetPlacement, WidgetPlacementInput};
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn dashboard(shell: State<'_, Shell>) -> Result<DashboardView, IpcError> {
    Ok(shell.kanak.dashboard(&shell.actor().await?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn dashboard_layout(shell: State<'_, Shell>) -> Result<Vec<WidgetPlacement>, IpcError> {
    Ok(shell.kanak.dashboard_layout(&shell.actor().await?).await?)
}

/// Saves the logged-in staff member's widgets in order; an unknown or repeated one is refused.
#[tauri::command]
#[specta::specta]
pub async fn save_dashboard_layout(
    shell: State<'_, Shell>,
    widgets: Vec<WidgetPlacementInput>,
) -> Result<Vec<WidgetPlacement>, IpcError> {
    Ok(shell
        .kanak
        .save_dashboard_layout(&shell.actor().await?, widgets)
        .await?)
}
