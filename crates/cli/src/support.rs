//! Support from the command line: the support bundle, and this installation's settings (the
//! update endpoint the desktop app checks, the log level of its log files).

use std::path::PathBuf;

use clap::Subcommand;
use kanak_app::{Actor, AppError, Kanak, OpsSettings, logs};

use crate::args::Cli;
use crate::emit;

#[derive(Subcommand, Debug)]
pub enum SupportCommand {
    /// A zip for support: logs (masked), app and schema versions, OS, row counts, sync
    /// status, the last errors. No database, keys, codes, PINs or full KYC numbers.
    Bundle {
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
    },
    /// The update endpoint and log level: show, or change them.
    Settings {
        /// The update manifest's address (latest.json); "" for none.
        #[arg(long)]
        update_endpoint: Option<String>,
        /// error, warn, info, debug or trace (or a tracing filter).
        #[arg(long)]
        log_level: Option<String>,
    },
}

pub async fn support(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &SupportCommand,
) -> Result<(), AppError> {
    match command {
        SupportCommand::Bundle { out } => {
            let data_dir = cli
                .data_dir
                .clone()
                .unwrap_or_else(kanak_app::default_data_dir);
            let bundle = kanak
                .support_bundle(actor, &logs::log_dir(&data_dir), out)
                .await?;
            emit(cli, &bundle, |b| {
                format!(
                    "Support bundle written to {} ({} files)",
                    b.path,
                    b.files.len()
                )
            });
        }
        SupportCommand::Settings {
            update_endpoint,
            log_level,
        } => {
            let mut settings = kanak.ops_settings().await?;
            if update_endpoint.is_some() || log_level.is_some() {
                if let Some(endpoint) = update_endpoint {
                    settings.update_endpoint = Some(endpoint.clone());
                }
                if let Some(level) = log_level {
                    settings.log_level = level.clone();
                }
                settings = kanak.update_ops_settings(actor, settings).await?;
            }
            emit(cli, &settings, |s: &OpsSettings| {
                format!(
                    "Update endpoint: {}\nLog level: {}",
                    s.update_endpoint
                        .as_deref()
                        .unwrap_or("none (no update checks)"),
                    s.log_level
                )
            });
        }
    }
    Ok(())
}
