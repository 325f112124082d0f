//! Backups from the command line: create, list, verify, restore; the backup settings; and
//! the database recovery key (shown once).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;
use kanak_app::{
    Actor, AppError, BackupSchedule, BackupSettings, BackupView, Kanak, RecoveryKeyView,
};

use crate::args::Cli;
use crate::emit;

#[derive(Subcommand, Debug)]
pub enum BackupCommand {
    /// A verified, encrypted backup now, into the backup folder (or --out DIR).
    Create {
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// The backups in the backup folder, newest first.
    List,
    /// Checks a backup: manifest, checksum, key, integrity_check, rows, schema.
    Verify { file: PathBuf },
    /// Shows what the backup holds, then replaces this data dir's database with it (the
    /// current one is kept aside as kanak.db.before-restore).
    Restore {
        file: PathBuf,
        /// Do not ask before replacing.
        #[arg(long)]
        yes: bool,
    },
    /// Where backups go, how many are kept, the schedule: show, or change them.
    Settings {
        /// A full path; "" for the data dir's backups/ folder.
        #[arg(long)]
        folder: Option<String>,
        #[arg(long)]
        keep_daily: Option<u32>,
        #[arg(long)]
        keep_monthly: Option<u32>,
        /// daily or off
        #[arg(long)]
        schedule: Option<String>,
    },
    /// Shows the database recovery key once, if it was never shown (owner); --sheet also
    /// writes its printable sheet (PDF).
    RecoveryKey {
        #[arg(long, value_name = "FILE.pdf")]
        sheet: Option<PathBuf>,
    },
}

/// What a person checks before a restore: when, which version, how much is in it.
pub fn describe(view: &BackupView) -> String {
    let m = &view.manifest;
    format!(
        "{}\n  made {} ({}) by Kanak {}, schema {}\n  {} customers, {} enrollments, {} payments, {} closures, {} audit entries; {} bytes",
        view.file,
        m.created_at,
        m.reason,
        m.app_version,
        m.schema_version,
        m.count("customers"),
        m.count("enrollments"),
        m.count("payments"),
        m.count("closures"),
        m.count("audit_log"),
        m.size_bytes
    )
}

pub async fn backup(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &BackupCommand,
) -> Result<(), AppError> {
    let recovery = cli.recovery_key.as_ref().map(kanak_app::Sensitive::expose);
    match command {
        BackupCommand::Create { out } => {
            let view = kanak.create_backup(actor, out.as_deref()).await?;
            emit(cli, &view, |v| format!("Backup written and verified:\n{}", describe(v)));
        }
        BackupCommand::List => {
            let all = kanak.list_backups().await?;
            emit(cli, &all, |all| {
                if all.is_empty() {
                    "No backups in the backup folder yet".to_string()
                } else {
                    all.iter().map(describe).collect::<Vec<_>>().join("\n")
                }
            });
        }
        BackupCommand::Verify { file } => {
            let view = kanak.verify_backup(file, recovery).await?;
            emit(cli, &view, |v| format!("Backup is whole (integrity_check ok, rows and checksum match):\n{}", describe(v)));
        }
        BackupCommand::Restore { .. } => unreachable!("restore consumes the handle: see restore()"),
        BackupCommand::Settings { .. } => settings(cli, kanak, actor, command).await?,
        BackupCommand::RecoveryKey { sheet } => {
            let view = kanak.reveal_recovery_key(actor).await?;
            // Shown once: the key is printed even when the sheet cannot be written.
            emit(cli, &view, |v: &RecoveryKeyView| recovery_sheet(&v.recovery_key));
            if let Some(path) = sheet {
                let typed = kanak_app::Sensitive::new(view.recovery_key.clone());
                let pdf = kanak.recovery_sheet_pdf(actor, &typed, None).await?;
                std::fs::write(path, pdf).map_err(|e| AppError::Backup {
                    message: format!(
                        "the recovery key sheet could not be written to {}: {e}; write the key above down instead",
                        path.display()
                    ),
                })?;
                eprintln!("Recovery key sheet written to {}; print it, then delete the file.", path.display());
            }
        }
    }
    Ok(())
}

pub fn recovery_sheet(key: &str) -> String {
    format!(
        "Database recovery key (shown once; print or write it down and keep it away from this computer).\n\
         It opens the encrypted database on a new machine, after the keyring is lost, and restores backups:\n\n    {key}\n"
    )
}

async fn settings(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &BackupCommand,
) -> Result<(), AppError> {
    let BackupCommand::Settings {
        folder,
        keep_daily,
        keep_monthly,
        schedule,
    } = command
    else {
        unreachable!("called for settings")
    };
    let mut current = kanak.backup_settings().await?;
    if folder.is_some() || keep_daily.is_some() || keep_monthly.is_some() || schedule.is_some() {
        if let Some(folder) = folder {
            current.folder = Some(folder.clone()).filter(|f| !f.trim().is_empty());
        }
        current.keep_daily = keep_daily.unwrap_or(current.keep_daily);
        current.keep_monthly = keep_monthly.unwrap_or(current.keep_monthly);
        if let Some(schedule) = schedule {
            current.schedule = match schedule.as_str() {
                "daily" => BackupSchedule::Daily,
                "off" => BackupSchedule::Off,
                _ => return Err(kanak_domain::FieldError::new("schedule", "must be daily or off").into()),
            };
        }
        current = kanak.update_backup_settings(actor, current).await?;
    }
    emit(cli, &current, |s: &BackupSettings| {
        format!(
            "Backups go to {}; keep {} daily and {} monthly; schedule {:?}",
            s.effective_folder, s.keep_daily, s.keep_monthly, s.schedule
        )
    });
    Ok(())
}

/// `kanak backup restore FILE`: shows the backup, asks (unless --yes), restores.
pub async fn restore(cli: &Cli, kanak: Kanak, file: &std::path::Path, yes: bool) -> Result<(), AppError> {
    let recovery = cli.recovery_key.as_ref().map(kanak_app::Sensitive::expose);
    let view = kanak.verify_backup(file, recovery).await?;
    eprintln!("This backup holds:\n{}", describe(&view));
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(kanak_domain::FieldError::new(
                "yes",
                "restoring replaces the current database; run again with --yes to confirm",
            )
            .into());
        }
        eprint!("Replace the current database with it? The current one is kept aside. [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            eprintln!("Nothing was changed.");
            return Ok(());
        }
    }
    let report = kanak.restore_backup(file, recovery).await?;
    emit(cli, &report, |r| {
        format!(
            "Restored from {}.\nThe previous database is kept at {}",
            r.restored.file, r.set_aside
        )
    });
    Ok(())
}
