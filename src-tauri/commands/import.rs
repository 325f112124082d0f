//! The spreadsheet import screen: read the file the staff picked (or typed the path of), show
//! its sheets pre-mapped, then check every row (a dry run) or import them all or none.
//! The shell reads the file, so the webview needs no file-system access.

use std::path::Path;

use kanak_app::{ImportMapping, ImportPreview, ImportReport, IpcError, import};
use tauri::State;

use crate::Shell;

/// The sheets of the file at `path`: headers, first rows and a suggested mapping.
#[tauri::command]
#[specta::specta]
pub async fn preview_import(
    shell: State<'_, Shell>,
    path: String,
) -> Result<ImportPreview, IpcError> {
    shell.actor().await?;
    let (name, bytes) = import::read_file(Path::new(path.trim()))?;
    Ok(import::preview(&name, &bytes)?)
}

/// Checks every row of the file at `path` through `mapping` (`dry_run`: store nothing), or
/// imports them all in one transaction, which stores nothing if any row has a problem.
#[tauri::command]
#[specta::specta]
pub async fn import_spreadsheet(
    shell: State<'_, Shell>,
    path: String,
    mapping: ImportMapping,
    dry_run: bool,
) -> Result<ImportReport, IpcError> {
    let actor = shell.actor().await?;
    let (name, bytes) = import::read_file(Path::new(path.trim()))?;
    Ok(shell
        .kanak
        .import_spreadsheet(&actor, &name, &bytes, &mapping, dry_run)
        .await?)
}
