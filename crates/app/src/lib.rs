//! Kanak's use cases over the local SQLite store.
//!
//! [`Kanak`] is the one API that the desktop shell, the `kanak` CLI and the tests call.
//! Each use case lives in the module named for its part of the domain; every write runs in
//! one `BEGIN IMMEDIATE` transaction so nothing is ever half-written.

mod accounts;
mod actor;
mod audit;
mod clock;
mod closure;
mod compliance;
mod counter;
mod credential;
mod customer;
mod dashboard;
// Demo shop generator (issue #9, perf).
mod demo;
mod documents;
mod enrollment;
mod error;
mod evaluation;
pub mod import;
mod logo;
// ops (issue #8): log files, the support bundle, updates, this installation's settings
pub mod logs;
mod message;
mod ops_settings;
mod otp;
mod otp_delivery;
mod otp_settings;
mod payment;
mod plan;
mod provider;
mod rate;
mod rate_feed;
mod rate_sheet;
mod report;
mod scheme;
mod secret;
mod sequence;
mod session;
mod shop;
mod simulation;
mod staff;
mod store;
mod support;
// Sync with the shop's hub (issue #7): outbox, apply, client, review queue.
mod sync;
pub mod update;
mod upgrade;
// Encryption at rest and backups (issue #8)
mod backup;
mod vault;

pub use actor::Actor;
pub use audit::{AuditEntryView, AuditFilter, AuditVerification};
pub use clock::Clock;
pub use closure::{CloseInput, ClosureView, SettleAs};
pub use counter::{CounterEnrollInput, CounterEnrollResult};
pub use customer::{CustomerEdit, CustomerInput, CustomerProfile, CustomerSummary, CustomerView};
pub use dashboard::{
    DashboardView, ModeCollection, MonthCollection, SyncStatus, Tally, TodayCollection, WidgetKind,
    WidgetPlacement, WidgetPlacementInput,
};
pub use demo::{DEMO_CASHIER_PIN, DEMO_CUSTOMERS, DEMO_OWNER_PIN, DEMO_SEED, DemoSummary};
pub use documents::{
    ExportProgress, ExportSummary, ExportTarget, LedgerFilter, ReceiptFormat, save_document,
};
pub use enrollment::{EnrollInput, EnrollmentDetail, EnrollmentView};
pub use error::{AppError, IpcError};
pub use evaluation::{
    BenefitLineView, BenefitView, ClosureQuoteView, DeductionView, EvaluationView, GiftView,
    InstallmentView,
};
pub use import::{
    ImportCount, ImportKind, ImportMapping, ImportPreview, ImportProblem, ImportReport,
    SheetPreview,
};
pub use logo::read_logo_file;
pub use message::{
    BACKOFF_MINUTES, Channel, DLT_VARIABLE_MAX, MAX_ATTEMPTS, MessageOptOutView, MessageSettings,
    MessageSettingsView, MessageTemplateInput, MessageTemplateView, OutboxMessageView, OutboxState,
    OutboxSummary, PreviewParam, SendPass, TemplatePreview, Trigger, TriggerSwitch,
    TriggerVariables, next_attempt,
};
pub use ops_settings::{OpsSettings, parse_update_endpoint};
pub use otp::OtpRequestView;
pub use otp_delivery::OtpProvider;
pub use otp_settings::{OtpSettings, OtpSettingsView};
pub use payment::{PaymentInput, PaymentOutcome, PaymentView};
pub use plan::{PlanInput, PlanView};
pub use rate::{GoldRateInput, GoldRateView, RateSource};
pub use rate_feed::RateImportView;
pub use report::{
    CellKind, ReportColumn, ReportExport, ReportFilter, ReportFormat, ReportName, ReportRow,
    ReportSection, ReportTable, ReportTotal, TallyLedgers,
};
pub use scheme::{ChangeInput, ChangeQuoteView, PauseInput, SummaryView};
pub use secret::{MemorySecrets, OsKeyring, SecretStore, Sensitive};
pub use session::{CurrentUser, Session};
pub use shop::{
    AppStatus, Language, OWNER_LOGIN, SettingsInput, SetupInput, SetupResult, ShopView,
};
pub use simulation::{SimulateInput, SimulatedPayment, SimulationView};
pub use staff::{StaffInput, StaffView};
pub use backup::{
    BACKUP_EXTENSION, BackupManifest, BackupReason, BackupSchedule, BackupSettings, BackupStatus,
    BackupView, RestoreReport,
};
pub use store::default_data_dir;
pub use vault::{DatabaseKey, INSECURE_KEYSTORE_ENV, InsecureFileSecrets, RecoveryKeyView, default_secrets};
pub use support::{SupportBundleView, redact};
pub use sync::{
    AUTO_SYNC_MAX_SECONDS, AUTO_SYNC_MIN_SECONDS, ApplyReport, SyncConflictView, SyncReport,
    SyncSettings, SyncStatusView,
};

use std::path::Path;

/// The application: a handle on the local store plus the clock that decides "today".
#[derive(Clone)]
pub struct Kanak {
    pool: sqlx::SqlitePool,
    clock: Clock,
    /// Which machine this is, for the audit trail.
    device: String,
    /// Where provider keys live: the OS keyring, or an in-memory store in tests.
    secrets: std::sync::Arc<dyn SecretStore>,
    /// How long a provider may take to answer before the fallback is tried.
    provider_timeout: std::time::Duration,
    /// The database's key: backups are encrypted with it.
    vault_key: std::sync::Arc<DatabaseKey>,
    /// Where the database lives (backups default to its `backups/` folder).
    data_dir: std::path::PathBuf,
}

impl Kanak {
    /// Opens (creating if needed) the database in `data_dir` with the key kept in the OS
    /// keyring (or `KANAK_INSECURE_KEYSTORE`'s file), and applies pending migrations.
    pub async fn open(data_dir: &Path) -> Result<Kanak, AppError> {
        Self::open_with(data_dir, Clock::System, vault::default_secrets(), None).await
    }

    pub async fn open_with_clock(data_dir: &Path, clock: Clock) -> Result<Kanak, AppError> {
        Self::open_with(data_dir, clock, vault::default_secrets(), None).await
    }

    /// Opens with the database key (and provider keys) kept in `secrets`. `recovery_key`
    /// (as typed from the printed sheet) opens a database whose key the store does not have;
    /// without it such a database is [`AppError::Locked`], never replaced.
    pub async fn open_with(
        data_dir: &Path,
        clock: Clock,
        secrets: std::sync::Arc<dyn SecretStore>,
        recovery_key: Option<&str>,
    ) -> Result<Kanak, AppError> {
        let recovery = recovery_key
            .map(str::trim)
            .filter(|typed| !typed.is_empty())
            .map(DatabaseKey::from_recovery_key)
            .transpose()?;
        let unlocked = vault::open(data_dir, secrets.as_ref(), recovery.as_ref()).await?;
        Ok(Kanak {
            pool: unlocked.pool,
            clock,
            device: device_name(),
            secrets,
            provider_timeout: std::time::Duration::from_secs(10),
            vault_key: std::sync::Arc::new(unlocked.key),
            data_dir: data_dir.to_path_buf(),
        })
    }

    /// The pool, for tests and tools that inspect the store directly.
    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Keeps provider keys in `secrets` instead of the OS keyring (tests). The database key
    /// was read at open and is not affected.
    pub fn with_secrets(mut self, secrets: std::sync::Arc<dyn SecretStore>) -> Kanak {
        self.secrets = secrets;
        self
    }

    pub fn with_provider_timeout(mut self, timeout: std::time::Duration) -> Kanak {
        self.provider_timeout = timeout;
        self
    }

    /// Changes "now" (tests, and tools that replay history).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }
}

/// The machine's host name (the audit trail's "device"); `KANAK_DEVICE` overrides it.
fn device_name() -> String {
    std::env::var("KANAK_DEVICE")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "this-device".to_string())
}
