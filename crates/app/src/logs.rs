//! Log files: `tracing` events go to daily files in the app's log dir, kept for a set number
//! of days, at a level from `KANAK_LOG` or the stored setting. The support bundle reads them.
//!
//! The CLI logs to stderr only (it is run by scripts); the desktop app writes both.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Registry, reload};

use crate::AppError;

/// Every log file's name starts with this and ends `.log` (`kanak.2026-12-01.log`).
pub const LOG_FILE_PREFIX: &str = "kanak";
/// Daily files kept by default: a month, enough to cover a problem reported late.
pub const DEFAULT_KEEP_DAYS: usize = 30;
/// The level when neither `KANAK_LOG` nor the stored setting says otherwise.
pub const DEFAULT_LEVEL: &str = "info";

/// Where the log files live: `logs/` in the data directory, so the desktop app and the CLI
/// (whose support bundle reads them) find the same files. On Linux this is also what Tauri
/// calls the app's log dir (`~/.local/share/in.kanak.app/logs`).
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// A level the settings accept: one of tracing's levels, or a full `EnvFilter` directive list
/// such as `info,kanak_app=debug`.
pub fn parse_level(level: &str) -> Result<EnvFilter, kanak_domain::FieldError> {
    let level = level.trim();
    if level.is_empty() {
        return Err(kanak_domain::FieldError::new("log_level", "is required"));
    }
    EnvFilter::try_new(level).map_err(|e| {
        kanak_domain::FieldError::new(
            "log_level",
            format!("must be error, warn, info, debug or trace ({e})"),
        )
    })
}

/// The running subscriber: keeps the file writer flushing and lets the level change later
/// (the stored setting is only known once the database is open).
pub struct Logging {
    _writer: tracing_appender::non_blocking::WorkerGuard,
    filter: reload::Handle<EnvFilter, Registry>,
    from_env: bool,
}

impl Logging {
    /// Applies the stored level, unless `KANAK_LOG` was set (the environment wins, so a
    /// support call can raise the level without touching the shop's settings).
    pub fn apply_setting(&self, level: &str) -> Result<(), AppError> {
        if self.from_env {
            return Ok(());
        }
        let filter = parse_level(level)?;
        self.filter
            .reload(filter)
            .map_err(|e| log_error("changing the log level", e))
    }
}

/// The daily file appender, keeping `keep_days` files.
pub fn file_appender(dir: &Path, keep_days: usize) -> Result<RollingFileAppender, AppError> {
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(keep_days.max(1))
        .build(dir)
        .map_err(|e| log_error(&format!("opening the log dir {}", dir.display()), e))
}

/// Installs the global subscriber: stderr and the daily files in `dir`.
pub fn init_file_logging(dir: &Path, keep_days: usize) -> Result<Logging, AppError> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::Io {
        context: format!("creating the log dir {}", dir.display()),
        source: e,
    })?;
    let (writer, guard) = tracing_appender::non_blocking(file_appender(dir, keep_days)?);
    let env = EnvFilter::try_from_env("KANAK_LOG").ok();
    let from_env = env.is_some();
    let (filter, handle) = reload::Layer::new(env.unwrap_or_else(|| EnvFilter::new(DEFAULT_LEVEL)));
    tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer),
        )
        .try_init()
        .map_err(|e| log_error("starting the logs", e))?;
    Ok(Logging {
        _writer: guard,
        filter: handle,
        from_env,
    })
}

fn log_error(context: &str, error: impl std::fmt::Display) -> AppError {
    AppError::Io {
        context: context.to_string(),
        source: std::io::Error::other(error.to_string()),
    }
}
