//! Saving a document: written whole to a temp file beside the target, then renamed over it,
//! so a printer queue, a file manager or a crash never sees half a PDF.

use std::io::Write;
use std::path::Path;

use kanak_domain::FieldError;

use crate::AppError;

/// Writes `bytes` to `path` atomically. `field` names the input the path came from (`out`,
/// `out_dir`), so a failure points at it.
pub fn save_document(path: &Path, bytes: &[u8], field: &'static str) -> Result<(), AppError> {
    let Some(name) = path.file_name() else {
        return Err(FieldError::new(field, "must name a file, like LEDGER.pdf").into());
    };
    if path.is_dir() {
        return Err(FieldError::new(field, "is a folder; give a file name like LEDGER.pdf").into());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Hidden and unique, so two exports never share a temp file and a leftover is obvious.
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        uuid::Uuid::now_v7().simple()
    ));
    let written = std::fs::File::create_new(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        AppError::Output {
            field,
            path: path.display().to_string(),
            source,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_document_replaces_the_old_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("LEDGER-MAIN-E00001.pdf");
        std::fs::write(&path, b"old").unwrap();
        save_document(&path, b"%PDF-1.7 new", "out").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7 new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the document itself: {names:?}");
    }

    #[test]
    fn a_missing_folder_is_reported_against_the_field_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("R.pdf");
        let error = save_document(&path, b"%PDF", "out").unwrap_err();
        assert_eq!((error.code(), error.field()), ("write_failed", Some("out")));
        assert!(
            error.to_string().starts_with("out: cannot write "),
            "{error}"
        );
        let folder = save_document(dir.path(), b"%PDF", "out").unwrap_err();
        assert_eq!(folder.field(), Some("out"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
