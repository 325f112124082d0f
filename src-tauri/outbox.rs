//! The outbox worker: a background task that, every 45 seconds and right after a payment,
//! a closure or a reminder, queues the calendar's messages and sends what is due. It runs
//! on the shared `Kanak`; a failed or panicking pass is logged and the next one runs anyway.

use std::sync::Arc;
use std::time::Duration;

use kanak_app::Kanak;
use tokio::sync::Notify;

/// How often the worker looks at the outbox when nothing wakes it.
const EVERY: Duration = Duration::from_secs(45);

/// Wakes the worker early (after a command that queued a message). Cloning shares it.
#[derive(Clone, Default)]
pub struct OutboxWake(Arc<Notify>);

impl OutboxWake {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// Starts the worker on the async runtime; it lives as long as the app.
pub fn start(kanak: Kanak, wake: OutboxWake) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::select! {
                _ = tokio::time::sleep(EVERY) => {}
                _ = wake.0.notified() => {}
            }
            let pass_kanak = kanak.clone();
            // Each pass in its own task, so a panic inside one is caught here and logged.
            let pass =
                tauri::async_runtime::spawn(async move { pass_kanak.run_outbox_pass().await });
            match pass.await {
                Ok(Ok(p)) if p.queued + p.sent + p.failed + p.given_up > 0 => tracing::info!(
                    queued = p.queued,
                    sent = p.sent,
                    failed = p.failed,
                    given_up = p.given_up,
                    held = p.held,
                    "outbox pass"
                ),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => tracing::warn!(%error, "outbox pass failed; trying again later"),
                Err(error) => {
                    tracing::error!(%error, "outbox pass stopped unexpectedly; trying again later")
                }
            }
        }
    });
}
