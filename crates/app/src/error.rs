//! Typed errors of the use cases, and their shape across IPC: `{code, message, field?}`.

use kanak_domain::FieldError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input: names the field and the problem.
    #[error(transparent)]
    Invalid(#[from] FieldError),

    #[error("{what} {key} was not found")]
    NotFound {
        what: &'static str,
        key: String,
        field: &'static str,
    },

    /// The input is well-formed but clashes with what is stored (a taken code, a re-used id).
    #[error("{message}")]
    Conflict {
        message: String,
        field: Option<&'static str>,
    },

    /// Looks like a payment recorded twice; the staff may confirm it is intentional.
    #[error("{message}")]
    PossibleDuplicate { message: String },

    #[error("enrollment {enrollment_no} is {status} and accepts no payments")]
    PlanClosed {
        enrollment_no: String,
        status: String,
    },

    /// Bad input on one line of an imported file (a rate CSV): names the line and the field.
    #[error("line {line}: {error}")]
    InvalidLine { line: usize, error: FieldError },

    /// The shop's rate feed could not be read; nothing was imported.
    #[error("{message}")]
    Feed { message: String },

    #[error("no {purity} gold rate is set for {date}; enter the day's rate first")]
    NoGoldRate { purity: String, date: String },

    /// The actor's role may not do this.
    #[error("{message}")]
    Forbidden { message: String },

    /// Wrong login or PIN; says nothing about which was wrong.
    #[error("{message}")]
    LoginFailed { message: String },

    /// Nobody is logged in, or the app locked itself after being idle.
    #[error("{message}")]
    LoggedOut { message: String },

    /// A one-time code was wrong, expired or spent.
    #[error("{message}")]
    Otp { message: String },

    /// Sending a code or a message failed at every provider.
    #[error("{message}")]
    Provider { message: String },

    /// The OS keyring is missing or refused; a key is never stored anywhere else.
    #[error("{message}")]
    Keyring { message: String },

    /// The database is encrypted and no key at hand opens it: the recovery key is needed.
    #[error("{message}")]
    Locked { message: String },

    /// A backup file cannot be used: unreadable, damaged, or from a newer version of Kanak.
    #[error("{message}")]
    Backup { message: String },

    #[error("the shop is not set up yet; run first-run setup")]
    NotSetUp,

    #[error("the shop is already set up")]
    AlreadySetUp,

    #[error("storage error: {0}")]
    Storage(#[from] sqlx::Error),

    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),

    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },

    #[error("stored data is unreadable: {0}")]
    Corrupt(String),

    /// The hub could not be reached or refused a sync; the counter keeps working offline.
    /// `code` is the hub's error code (e.g. "schema_too_old", "device_revoked") or "hub_unreachable".
    #[error("sync: {message}")]
    Sync { code: &'static str, message: String },

    /// This counter has not been enrolled with a hub yet.
    #[error(
        "this counter is not enrolled with a hub; run kanak sync enroll --hub URL --token TOKEN"
    )]
    SyncNotEnrolled,

    /// A document (or an export's file) could not be written where the user asked.
    #[error("{field}: cannot write {path}: {source}")]
    Output {
        field: &'static str,
        path: String,
        source: std::io::Error,
    },

    /// An update could not be checked, or was refused (a bad signature, a bad manifest).
    #[error("{message}")]
    Update { message: String },

    /// The PDF renderer failed on this document: a bug, logged for the report.
    #[error("the {document} could not be drawn; please report this")]
    Render { document: &'static str },
}

impl AppError {
    /// A stable machine-readable code; the UI and scripts branch on it, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) | AppError::InvalidLine { .. } => "invalid_input",
            AppError::Feed { .. } => "feed_unavailable",
            AppError::NotFound { .. } => "not_found",
            AppError::Conflict { .. } => "conflict",
            AppError::PossibleDuplicate { .. } => "possible_duplicate",
            AppError::PlanClosed { .. } => "plan_closed",
            AppError::NoGoldRate { .. } => "no_gold_rate",
            AppError::Forbidden { .. } => "forbidden",
            AppError::LoginFailed { .. } => "login_failed",
            AppError::LoggedOut { .. } => "logged_out",
            AppError::Otp { .. } => "otp_rejected",
            AppError::Provider { .. } => "provider_unavailable",
            AppError::Keyring { .. } => "keyring_unavailable",
            AppError::Locked { .. } => "database_locked",
            AppError::Backup { .. } => "backup_refused",
            AppError::NotSetUp => "not_set_up",
            AppError::AlreadySetUp => "already_set_up",
            AppError::Storage(_) | AppError::Migration(_) | AppError::Io { .. } => "storage",
            AppError::Corrupt(_) => "corrupt",
            AppError::Output { .. } => "write_failed",
            AppError::Render { .. } => "render_failed",
            AppError::Update { .. } => "update_refused",
            AppError::Sync { code, .. } => code,
            AppError::SyncNotEnrolled => "sync_not_enrolled",
        }
    }

    /// The input field the problem belongs to, so the UI can show it beside that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(e) | AppError::InvalidLine { error: e, .. } => Some(e.field),
            AppError::Feed { .. } => Some("rate_feed_url"),
            AppError::NotFound { field, .. } => Some(field),
            AppError::Conflict { field, .. } => *field,
            AppError::PossibleDuplicate { .. } => Some("amount"),
            AppError::PlanClosed { .. } => Some("enrollment_no"),
            AppError::NoGoldRate { .. } => Some("date"),
            AppError::LoginFailed { .. } => Some("pin"),
            AppError::Otp { .. } => Some("otp"),
            AppError::Locked { .. } => Some("recovery_key"),
            AppError::Output { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn not_found(what: &'static str, key: impl Into<String>, field: &'static str) -> AppError {
        AppError::NotFound {
            what,
            key: key.into(),
            field,
        }
    }

    pub fn corrupt(what: impl std::fmt::Display) -> AppError {
        AppError::Corrupt(what.to_string())
    }
}

/// An error as it crosses IPC (and the CLI's `--json`).
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<&AppError> for IpcError {
    fn from(error: &AppError) -> IpcError {
        if matches!(
            error,
            AppError::Storage(_) | AppError::Migration(_) | AppError::Io { .. }
        ) {
            tracing::error!(%error, "storage failure");
        }
        IpcError {
            code: error.code().to_string(),
            message: error.to_string(),
            field: error.field().map(str::to_string),
        }
    }
}

impl From<AppError> for IpcError {
    fn from(error: AppError) -> IpcError {
        IpcError::from(&error)
    }
}
