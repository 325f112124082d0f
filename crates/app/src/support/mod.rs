//! The support bundle: one zip a shop can send when something goes wrong, holding what a
//! support engineer needs (versions, OS, row counts, sync status, the last errors, the logs)
//! and nothing a thief could use: no database, no keys, no codes, no PINs, no full KYC.

mod facts;
mod redact;

use std::io::Write;
use std::path::{Path, PathBuf};

use kanak_domain::Permission;
use serde::Serialize;
use zip::write::SimpleFileOptions;

pub use facts::About;
pub use redact::redact;

use crate::{Actor, AppError, Kanak, provider};

/// What the bundle's `README.txt` says it holds (and leaves out).
const README: &str = "Kanak support bundle\n\
\n\
about.json   app and schema versions, OS, when the bundle was made, the sync status\n\
counts.json  how many rows each table holds (no row's content)\n\
errors.json  the last warnings and errors in the logs, and the last failed message attempts (ids and times)\n\
logs/        the app's log files, with KYC numbers, codes, PINs and keys masked\n\
\n\
Not included: the database, customers' details, PINs, passwords, one-time codes, provider keys.\n";

/// How many log lines' worth of errors the bundle lists.
const LAST_ERRORS: usize = 50;

/// What was written, for the screen and the CLI.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SupportBundleView {
    pub path: String,
    /// The names inside the zip.
    pub files: Vec<String>,
    pub about: About,
}

impl Kanak {
    /// Writes the support bundle to `out` (through a temp file and a rename), reading the
    /// log files in `log_dir`. Owner or manager: it describes the whole installation.
    pub async fn support_bundle(
        &self,
        actor: &Actor,
        log_dir: &Path,
        out: &Path,
    ) -> Result<SupportBundleView, AppError> {
        actor.require(Permission::Reports)?;
        let about = self.about().await?;
        let counts = self.table_counts().await?;
        let known = self.stored_keys();
        let logs = facts::read_logs(log_dir, &known)?;
        let errors = serde_json::json!({
            "log": facts::logged_errors(&logs, LAST_ERRORS),
            "outbox": self.outbox_failures(LAST_ERRORS).await?,
        });
        let mut entries: Vec<(String, Vec<u8>)> = vec![
            ("README.txt".into(), README.as_bytes().to_vec()),
            ("about.json".into(), pretty(&about)),
            ("counts.json".into(), pretty(&counts)),
            ("errors.json".into(), pretty(&errors)),
        ];
        entries.extend(
            logs.into_iter()
                .map(|(name, text)| (format!("logs/{name}"), text.into_bytes())),
        );
        let files = entries.iter().map(|(name, _)| name.clone()).collect();
        write_zip(out, &entries)?;
        tracing::info!(path = %out.display(), "support bundle written");
        Ok(SupportBundleView {
            path: out.display().to_string(),
            files,
            about,
        })
    }

    /// The provider keys this machine holds, only to mask them should a log line carry one.
    fn stored_keys(&self) -> Vec<String> {
        [provider::MSG91_KEY, provider::WHATSAPP_KEY]
            .into_iter()
            .filter_map(|name| self.secrets.get(name).ok().flatten())
            .map(|key| key.expose().to_string())
            .collect()
    }
}

fn pretty(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("the bundle's views serialize")
}

fn write_zip(out: &Path, entries: &[(String, Vec<u8>)]) -> Result<(), AppError> {
    let failed = |source: std::io::Error| AppError::Output {
        field: "out",
        path: out.display().to_string(),
        source,
    };
    let temp: PathBuf = out.with_extension("zip.part");
    let file = std::fs::File::create(&temp).map_err(failed)?;
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options)
            .map_err(|e| failed(std::io::Error::other(e)))?;
        zip.write_all(bytes).map_err(failed)?;
    }
    let file = zip.finish().map_err(|e| failed(std::io::Error::other(e)))?;
    file.sync_all().map_err(failed)?;
    std::fs::rename(&temp, out).map_err(failed)
}
