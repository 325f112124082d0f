//! What a backup carries beside it: `<file>.json`, the manifest (app and schema version,
//! row counts, the file's SHA-256). A backup is a pair; without its manifest it is not listed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::AppError;
use crate::vault::io;

/// The extension of a backup's database file (SQLCipher, encrypted with the database key).
pub const BACKUP_EXTENSION: &str = "kanakbackup";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct BackupManifest {
    /// The layout of this manifest (1).
    pub format: u32,
    /// The Kanak version that wrote it.
    pub app_version: String,
    /// The newest migration applied in the backed-up database (a small number over IPC).
    #[specta(type = f64)]
    pub schema_version: i64,
    /// UTC, RFC 3339.
    pub created_at: String,
    /// manual, scheduled, close or upgrade.
    pub reason: String,
    /// Rows per table at the moment of the snapshot.
    #[specta(type = BTreeMap<String, f64>)]
    pub counts: BTreeMap<String, i64>,
    /// SHA-256 of the backup file, lowercase hex.
    pub sha256: String,
    /// Bytes, as a string (over IPC numbers stay exact).
    pub size_bytes: String,
}

impl BackupManifest {
    pub(crate) fn new(
        schema_version: i64,
        created_at: String,
        reason: &str,
        counts: BTreeMap<String, i64>,
        file: &Path,
    ) -> Result<BackupManifest, AppError> {
        let (sha256, size) = digest(file)?;
        Ok(BackupManifest {
            format: FORMAT,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version,
            created_at,
            reason: reason.to_string(),
            counts,
            sha256,
            size_bytes: size.to_string(),
        })
    }

    /// The rows a person recognises, for "what does this backup contain".
    pub fn count(&self, table: &str) -> i64 {
        self.counts.get(table).copied().unwrap_or(0)
    }
}

pub(crate) fn manifest_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".json");
    PathBuf::from(name)
}

pub(crate) fn read(file: &Path) -> Result<BackupManifest, AppError> {
    let path = manifest_path(file);
    let bytes = std::fs::read(&path).map_err(|e| AppError::Backup {
        message: format!(
            "{} has no readable manifest ({}): {e}; it is not a complete Kanak backup",
            file.display(),
            path.display()
        ),
    })?;
    let manifest: BackupManifest =
        serde_json::from_slice(&bytes).map_err(|e| AppError::Backup {
            message: format!("the manifest {} is damaged: {e}", path.display()),
        })?;
    if manifest.format != FORMAT {
        return Err(AppError::Backup {
            message: format!(
                "the manifest {} has format {}; this Kanak reads format {FORMAT}",
                path.display(),
                manifest.format
            ),
        });
    }
    Ok(manifest)
}

/// Written through a temp file and a rename, like the backup itself.
pub(crate) fn write(path: &Path, manifest: &BackupManifest) -> Result<(), AppError> {
    let json = serde_json::to_vec_pretty(manifest).expect("a manifest serializes");
    std::fs::write(path, json).map_err(|e| io(path, e))?;
    crate::vault::snapshot::sync_file(path)
}

/// SHA-256 and size of a file.
pub(crate) fn digest(file: &Path) -> Result<(String, u64), AppError> {
    let mut handle = std::fs::File::open(file).map_err(|e| io(file, e))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = handle.read(&mut buffer).map_err(|e| io(file, e))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((hex, size))
}
