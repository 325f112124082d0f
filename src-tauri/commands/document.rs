//! Printed documents: save one where the staff chose, print one (open it in the PDF viewer),
//! and the bulk export of ledgers with progress on a channel and a cancel switch.

use std::path::Path;

use kanak_app::{ExportProgress, ExportSummary, ExportTarget, IpcError, LedgerFilter};
use tauri::State;
use tauri::ipc::Channel;

use crate::Shell;
use crate::documents::{self, DocumentRequest, SavedDocument};

/// Makes the PDF and writes it at `path` (from the save dialog); `.pdf` is added if missing.
#[tauri::command]
#[specta::specta]
pub async fn save_document(
    shell: State<'_, Shell>,
    document: DocumentRequest,
    path: String,
) -> Result<SavedDocument, IpcError> {
    let path = documents::pdf_path(Path::new(path.trim()), "path")?;
    let bytes = document.render(&shell.kanak, &shell.actor().await?).await?;
    Ok(documents::write_pdf(&path, &bytes)?)
}

/// Makes the PDF, writes it to the print folder and opens it in the system's PDF viewer.
#[tauri::command]
#[specta::specta]
pub async fn print_document(
    shell: State<'_, Shell>,
    document: DocumentRequest,
) -> Result<SavedDocument, IpcError> {
    let bytes = document.render(&shell.kanak, &shell.actor().await?).await?;
    documents::print_pdf(&shell.documents, &document, &bytes)
}

/// `KANAK_SAVE_DIR` when the app was started with it (automated tests): the UI then skips the
/// save and folder dialogs and uses this folder.
#[tauri::command]
#[specta::specta]
pub async fn preset_save_dir(shell: State<'_, Shell>) -> Result<Option<String>, IpcError> {
    Ok(shell
        .documents
        .preset_dir
        .as_ref()
        .map(|dir| dir.display().to_string()))
}

/// Writes the ledgers `filter` picks into a folder or one combined PDF, reporting each one on
/// `progress`. Runs on a blocking thread; `cancel_export` stops it between two ledgers.
#[tauri::command]
#[specta::specta]
pub async fn export_ledgers(
    shell: State<'_, Shell>,
    filter: LedgerFilter,
    target: ExportTarget,
    progress: Channel<ExportProgress>,
) -> Result<ExportSummary, IpcError> {
    let actor = shell.actor().await?;
    let target = documents::export_target(target)?;
    let run = shell.export.start()?;
    let cancel = run.cancel_flag();
    let kanak = shell.kanak.clone();
    let report = move |step: ExportProgress| {
        // A closed window stops listening; the export itself carries on.
        let _ = progress.send(step);
    };
    let done = tauri::async_runtime::spawn_blocking(move || {
        tauri::async_runtime::block_on(
            kanak.export_ledgers(&actor, filter, target, &report, &cancel),
        )
    })
    .await
    .map_err(|e| IpcError {
        code: "storage".into(),
        message: format!("the export stopped unexpectedly: {e}"),
        field: None,
    })?;
    drop(run);
    Ok(done?)
}

/// Stops the running export after the ledger being written; false when none is running.
#[tauri::command]
#[specta::specta]
pub async fn cancel_export(shell: State<'_, Shell>) -> Result<bool, IpcError> {
    shell.actor().await?;
    Ok(shell.export.cancel())
}
