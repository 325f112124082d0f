//! Printed documents in the shell: which document the webview asks for, and where its PDF is
//! written. The PDF itself comes from the use cases (`Kanak::ledger_pdf` and the others); the
//! shell only writes the bytes — to the path the staff picked in the save dialog, or to the
//! print folder, from where the system's PDF viewer opens it for printing.

use std::path::{Path, PathBuf};

use kanak_app::{Actor, AppError, ExportTarget, IpcError, Kanak, Language, ReceiptFormat};
use kanak_domain::FieldError;
use serde::{Deserialize, Serialize};

use crate::state::DocumentPlaces;

/// One document to save or print.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentRequest {
    /// The plan-wise ledger (passbook); the shop's language when `language` is None.
    Ledger {
        enrollment_no: String,
        language: Option<Language>,
    },
    Receipt {
        payment_id: String,
        format: ReceiptFormat,
    },
    ClosureStatement {
        enrollment_no: String,
        language: Option<Language>,
    },
    /// The database recovery key's sheet (owner), right after the key was shown: the window
    /// sends the key it shows, and it must be this database's.
    RecoverySheet {
        recovery_key: kanak_app::Sensitive,
        language: Option<Language>,
    },
}

/// A PDF written to disk.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SavedDocument {
    pub path: String,
    /// The file's size; a PDF is far below 4 GiB.
    pub bytes: u32,
}

impl DocumentRequest {
    pub async fn render(&self, kanak: &Kanak, actor: &Actor) -> Result<Vec<u8>, AppError> {
        match self {
            DocumentRequest::Ledger {
                enrollment_no,
                language,
            } => kanak.ledger_pdf(actor, enrollment_no, *language).await,
            DocumentRequest::Receipt { payment_id, format } => {
                kanak.receipt_pdf(actor, payment_id, *format).await
            }
            DocumentRequest::ClosureStatement {
                enrollment_no,
                language,
            } => {
                kanak
                    .closure_statement_pdf(actor, enrollment_no, *language)
                    .await
            }
            DocumentRequest::RecoverySheet {
                recovery_key,
                language,
            } => kanak.recovery_sheet_pdf(actor, recovery_key, *language).await,
        }
    }

    /// The print file's name: the kind and the number, with anything but letters, digits and
    /// dashes dropped, so a request can never name a path outside the print folder.
    pub fn file_name(&self) -> String {
        let (kind, key) = match self {
            DocumentRequest::Ledger { enrollment_no, .. } => ("ledger", enrollment_no.as_str()),
            DocumentRequest::Receipt { payment_id, format } => {
                let kind = match format {
                    ReceiptFormat::A5 => "receipt",
                    ReceiptFormat::Thermal80 => "receipt-80mm",
                };
                (kind, payment_id.as_str())
            }
            DocumentRequest::ClosureStatement { enrollment_no, .. } => {
                ("closure-statement", enrollment_no.as_str())
            }
            DocumentRequest::RecoverySheet { .. } => ("recovery-key", "sheet"),
        };
        let key: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        format!("{kind}-{key}.pdf")
    }
}

/// The path the staff picked, as written: absolute, and ending in `.pdf` (added when the
/// dialog returned a name without it), so a save can never replace a file that is not a PDF.
pub fn pdf_path(path: &Path, field: &'static str) -> Result<PathBuf, AppError> {
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(FieldError::new(field, "must be a full path to a file").into());
    }
    let is_pdf = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        return Ok(path.to_path_buf());
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".pdf");
    Ok(PathBuf::from(name))
}

/// The logo file picked in the file dialog: a full path (a relative one would be read from
/// wherever the app happened to start), read by the use cases' own reader.
pub fn read_logo(path: &Path) -> Result<Vec<u8>, AppError> {
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(FieldError::new("logo", "must be a full path to a PNG file").into());
    }
    kanak_app::read_logo_file(path)
}

/// The export's target as picked in the dialogs: a full folder path, or a `.pdf` file.
pub fn export_target(target: ExportTarget) -> Result<ExportTarget, AppError> {
    match target {
        ExportTarget::Combined { file } => Ok(ExportTarget::Combined {
            file: pdf_path(&file, "file")?,
        }),
        ExportTarget::Folder { dir } if dir.is_absolute() => Ok(ExportTarget::Folder { dir }),
        ExportTarget::Folder { .. } => {
            Err(FieldError::new("dir", "must be a full path to a folder").into())
        }
    }
}

/// Writes the PDF (whole, through a temporary file: `kanak_app::save_document`).
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<SavedDocument, AppError> {
    kanak_app::save_document(path, bytes, "path")?;
    Ok(SavedDocument {
        path: path.display().to_string(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    })
}

/// Writes a document to print and opens it in the system's PDF viewer (whose print dialog
/// does the rest). With a preset folder (automated tests) it is only written, to its `print`
/// subfolder.
pub fn print_pdf(
    places: &DocumentPlaces,
    request: &DocumentRequest,
    bytes: &[u8],
) -> Result<SavedDocument, IpcError> {
    let dir = match &places.preset_dir {
        Some(preset) => preset.join("print"),
        None => places.print_dir.clone(),
    };
    std::fs::create_dir_all(&dir).map_err(|source| AppError::Io {
        context: format!("could not create {}", dir.display()),
        source,
    })?;
    let saved = write_pdf(&dir.join(request.file_name()), bytes)?;
    if places.preset_dir.is_none() {
        tauri_plugin_opener::open_path(&saved.path, None::<&str>).map_err(|e| IpcError {
            code: "viewer_unavailable".into(),
            message: format!("the PDF is at {} but could not be opened: {e}", saved.path),
            field: None,
        })?;
    }
    Ok(saved)
}
