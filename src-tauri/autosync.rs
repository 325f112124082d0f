//! The auto-sync worker: while the counter is enrolled and auto-sync is on, a background task
//! runs `sync_now` every N seconds (the stored setting). A sync never holds a write
//! transaction while it waits on the hub (`sync_now` opens one per acknowledged batch or
//! pulled page, after the answer), so counter commands are never blocked by the network. An
//! offline hub is kept in the status (the indicator shows offline) and tried again next time.
//! When a pull applied anything, the window is told (`sync-changed`) so screens fetch again.

use std::sync::Arc;
use std::time::Duration;

use kanak_app::{AppError, Kanak, SyncReport};
use tauri::{AppHandle, Emitter};
use tokio::sync::{Mutex, Notify};

/// The event the window listens to: the sync status moved, and `applied` pulled events
/// changed the data on screen when it is above 0.
pub const SYNC_CHANGED: &str = "sync-changed";

/// How long the worker waits before looking at the settings again while not enrolled or off.
const IDLE: Duration = Duration::from_secs(30);

/// Wakes the worker (after an enrollment or a settings change) and keeps one sync at a time.
#[derive(Clone, Default)]
pub struct SyncWorker {
    wake: Arc<Notify>,
    running: Arc<Mutex<()>>,
}

impl SyncWorker {
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

#[derive(Clone, serde::Serialize)]
struct SyncChanged {
    applied: u32,
    online: bool,
}

/// One sync (the worker's or the Sync now button's), then tells the window what changed.
pub async fn run_once(
    kanak: &Kanak,
    worker: &SyncWorker,
    app: Option<&AppHandle>,
) -> Result<SyncReport, AppError> {
    let _one_at_a_time = worker.running.lock().await;
    let result = kanak.sync_now().await;
    let applied = result.as_ref().map(|r| r.applied).unwrap_or(0);
    if let Some(app) = app {
        let changed = SyncChanged {
            applied,
            online: result.is_ok(),
        };
        if let Err(error) = app.emit(SYNC_CHANGED, changed) {
            tracing::warn!(%error, "the window was not told about the sync");
        }
    }
    result
}

/// Starts the worker on the async runtime; it lives as long as the app.
pub fn start(kanak: Kanak, worker: SyncWorker, app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            let wait = match due(&kanak).await {
                Some(every) => {
                    // Each pass in its own task, so a panic inside one is logged, not fatal.
                    let (pass_kanak, pass_worker, pass_app) =
                        (kanak.clone(), worker.clone(), app.clone());
                    let pass = tauri::async_runtime::spawn(async move {
                        run_once(&pass_kanak, &pass_worker, Some(&pass_app)).await
                    });
                    match pass.await {
                        Ok(Ok(report)) if report.pushed + report.pulled > 0 => tracing::info!(
                            pushed = report.pushed,
                            pulled = report.pulled,
                            applied = report.applied,
                            "auto-sync"
                        ),
                        Ok(Ok(_)) => {}
                        Ok(Err(error)) => {
                            tracing::info!(%error, "auto-sync: offline, trying later")
                        }
                        Err(error) => tracing::error!(%error, "auto-sync stopped unexpectedly"),
                    }
                    every
                }
                None => IDLE,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = worker.wake.notified() => {}
            }
        }
    });
}

/// The interval when a background sync is due now: enrolled, and auto-sync on.
async fn due(kanak: &Kanak) -> Option<Duration> {
    let status = kanak.sync_status().await.ok()?;
    let settings = kanak.sync_settings().await.ok()?;
    (status.enrolled && settings.auto_sync)
        .then(|| Duration::from_secs(u64::from(settings.interval_seconds)))
}
