//! What every command needs: the use-case API, the counter's login session, where printed
//! documents go, and the bulk export's cancel switch.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use kanak_app::{Actor, AppError, IpcError, Kanak, Session};

pub struct Shell {
    pub kanak: Kanak,
    pub session: Session,
    pub documents: DocumentPlaces,
    pub export: ExportSwitch,
    /// Wakes the outbox worker after a command queued a message.
    pub outbox: crate::outbox::OutboxWake,
    /// Wakes the auto-sync worker, and keeps one sync at a time.
    pub sync: crate::autosync::SyncWorker,
    /// Where the log files are (the support bundle reads them), and the running subscriber
    /// (None in tests, or when the log dir could not be opened).
    pub log_dir: PathBuf,
    pub logging: Option<kanak_app::logs::Logging>,
    /// The desktop app's handle, for the updater (unset under the mock runtime in tests).
    pub app: std::sync::OnceLock<tauri::AppHandle>,
}

/// Where printed documents are written.
#[derive(Debug, Clone)]
pub struct DocumentPlaces {
    /// A file to print is written here, then opened in the system's PDF viewer.
    pub print_dir: PathBuf,
    /// `KANAK_SAVE_DIR` (for automated tests): replaces the save and folder dialogs, and a file
    /// to print is written to its `print` subfolder and not opened.
    pub preset_dir: Option<PathBuf>,
}

impl Shell {
    pub fn new(kanak: Kanak) -> Shell {
        Shell {
            kanak,
            session: Session::new(),
            documents: DocumentPlaces {
                print_dir: std::env::temp_dir().join("kanak-print"),
                preset_dir: None,
            },
            export: ExportSwitch::default(),
            outbox: crate::outbox::OutboxWake::default(),
            sync: crate::autosync::SyncWorker::default(),
            log_dir: kanak_app::logs::log_dir(&kanak_app::default_data_dir()),
            logging: None,
            app: std::sync::OnceLock::new(),
        }
    }

    pub fn with_logging(
        mut self,
        log_dir: PathBuf,
        logging: Option<kanak_app::logs::Logging>,
    ) -> Shell {
        self.log_dir = log_dir;
        self.logging = logging;
        self
    }

    /// Files to print go to `dir` (the app's cache folder in the desktop app).
    pub fn with_print_dir(mut self, dir: PathBuf) -> Shell {
        self.documents.print_dir = dir;
        self
    }

    /// Dialogs are skipped and every document goes to `dir`; nothing is opened.
    pub fn with_preset_dir(mut self, dir: Option<PathBuf>) -> Shell {
        self.documents.preset_dir = dir;
        self
    }

    /// The logged-in staff member; `logged_out` if nobody is, or the idle lock has passed.
    pub async fn actor(&self) -> Result<Actor, IpcError> {
        Ok(self.kanak.session_actor(&self.session).await?)
    }
}

/// One bulk export at a time, and the flag Cancel flips; the export checks it between ledgers.
#[derive(Debug, Default)]
pub struct ExportSwitch {
    running: AtomicBool,
    cancel: Arc<AtomicBool>,
}

impl ExportSwitch {
    /// Marks an export as running (refused while another runs) and clears an old cancel.
    pub fn start(&self) -> Result<ExportRun<'_>, AppError> {
        if self
            .running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(AppError::Conflict {
                message: "an export is already running; wait for it or cancel it".into(),
                field: None,
            });
        }
        self.cancel.store(false, Ordering::Release);
        Ok(ExportRun { switch: self })
    }

    /// Asks the running export to stop; false when none is running.
    pub fn cancel(&self) -> bool {
        let running = self.running.load(Ordering::Acquire);
        if running {
            self.cancel.store(true, Ordering::Release);
        }
        running
    }
}

/// The running export; dropping it (finished, failed or cancelled) lets the next one start.
pub struct ExportRun<'a> {
    switch: &'a ExportSwitch,
}

impl ExportRun<'_> {
    /// The flag the export reads between two ledgers.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.switch.cancel)
    }
}

impl Drop for ExportRun<'_> {
    fn drop(&mut self) {
        self.switch.running.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_export_runs_at_a_time_and_cancel_reaches_it_until_it_ends() {
        let switch = ExportSwitch::default();
        assert!(!switch.cancel(), "nothing to cancel yet");
        let run = switch.start().unwrap();
        let flag = run.cancel_flag();
        assert_eq!(switch.start().err().map(|e| e.code()), Some("conflict"));
        assert!(switch.cancel());
        assert!(flag.load(Ordering::Acquire));
        drop(run);
        let next = switch.start().unwrap();
        assert!(
            !next.cancel_flag().load(Ordering::Acquire),
            "a new export starts uncancelled"
        );
    }
}
