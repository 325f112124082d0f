//! Reports: the table a screen shows, and an export written where the staff chose in the save
//! dialog (the webview only picks the path; the file is written here, by the use case).

use std::path::{Path, PathBuf};

use kanak_app::{
    AppError, IpcError, ReportExport, ReportFilter, ReportFormat, ReportName, ReportTable,
};
use kanak_domain::FieldError;
use tauri::State;

use crate::Shell;

#[tauri::command]
#[specta::specta]
pub async fn report(
    shell: State<'_, Shell>,
    name: ReportName,
    filter: ReportFilter,
) -> Result<ReportTable, IpcError> {
    Ok(shell
        .kanak
        .report(&shell.actor().await?, name, filter)
        .await?)
}

/// Writes the report at `path` (from the save dialog) in `format`; the format's extension is
/// added when the dialog returned a name without it.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    shell: State<'_, Shell>,
    name: ReportName,
    filter: ReportFilter,
    format: ReportFormat,
    path: String,
) -> Result<ReportExport, IpcError> {
    let path = export_path(Path::new(path.trim()), format)?;
    Ok(shell
        .kanak
        .export_report(&shell.actor().await?, name, filter, format, &path)
        .await?)
}

/// The picked path as written: absolute, ending in the format's extension.
fn export_path(path: &Path, format: ReportFormat) -> Result<PathBuf, AppError> {
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(FieldError::new("path", "must be a full path to a file").into());
    }
    let ext = format.as_str();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
    {
        return Ok(path.to_path_buf());
    }
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{ext}"));
    Ok(PathBuf::from(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_path_gets_the_formats_extension_and_must_be_absolute() {
        let csv = export_path(Path::new("/tmp/payments"), ReportFormat::Csv).unwrap();
        assert_eq!(csv, PathBuf::from("/tmp/payments.csv"));
        let kept = export_path(Path::new("/tmp/Tally.XML"), ReportFormat::Xml).unwrap();
        assert_eq!(kept, PathBuf::from("/tmp/Tally.XML"));
        let error = export_path(Path::new("payments.csv"), ReportFormat::Csv).unwrap_err();
        assert_eq!(error.field(), Some("path"));
    }
}
