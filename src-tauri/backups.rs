//! Scheduled backups: one at start and then every hour the schedule is checked (daily: a
//! backup when none succeeded in the last 24 hours), and one when the window closes.

use std::time::Duration;

use kanak_app::{BackupReason, Kanak};

const CHECK_EVERY: Duration = Duration::from_secs(60 * 60);

/// Starts the schedule on a thread of its own (a backup is file work, and its future is not
/// provably Send for the runtime's spawn); it lives as long as the app.
pub fn start(kanak: Kanak) {
    std::thread::spawn(move || {
        loop {
            match tauri::async_runtime::block_on(kanak.run_scheduled_backup()) {
                Ok(Some(view)) => tracing::info!(file = %view.file, "scheduled backup written"),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "scheduled backup failed; the dashboard shows it"),
            }
            std::thread::sleep(CHECK_EVERY);
        }
    });
}

/// The backup on close (unless the schedule is off); waits for it, so it is whole.
pub fn on_close(kanak: &Kanak) {
    let result = tauri::async_runtime::block_on(async {
        let settings = kanak.backup_settings().await?;
        if settings.schedule == kanak_app::BackupSchedule::Off {
            return Ok(None);
        }
        kanak.backup_now(BackupReason::Close, None).await.map(Some)
    });
    match result {
        Ok(Some(view)) => tracing::info!(file = %view.file, "backup on close written"),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "the backup on close failed"),
    }
}
