//! `kanak sync enroll|now|status`: the counter's side of sync with the shop's hub.

use clap::Subcommand;
use kanak_app::{Actor, AppError, Kanak, SyncStatusView};

use crate::args::Cli;
use crate::emit;

#[derive(Subcommand, Debug)]
pub enum SyncCommand {
    /// Enroll this counter with the hub using the owner's one-time token
    /// (from `kanak-hub device add`). The device credential goes to the OS keyring.
    Enroll {
        #[arg(long, value_name = "URL")]
        hub: String,
        #[arg(long, value_name = "TOKEN")]
        token: String,
    },
    /// Push what waits, pull what is new.
    Now,
    /// Where sync stands (no network): enrolled, last synced, events waiting, conflicts.
    Status,
}

pub async fn sync(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &SyncCommand,
) -> Result<(), AppError> {
    match command {
        SyncCommand::Enroll { hub, token } => {
            let status = kanak.sync_enroll(actor, hub, token).await?;
            emit(cli, &status, |s| {
                format!(
                    "Enrolled with {}\n{}",
                    s.hub_url.as_deref().unwrap_or("?"),
                    human(s)
                )
            });
        }
        SyncCommand::Now => {
            let report = kanak.sync_now().await?;
            emit(cli, &report, |r| {
                format!(
                    "Pushed {}, pulled {} (applied {})\n{}",
                    r.pushed,
                    r.pulled,
                    r.applied,
                    human(&r.status)
                )
            });
        }
        SyncCommand::Status => {
            let status = kanak.sync_status().await?;
            emit(cli, &status, human);
        }
    }
    Ok(())
}

fn human(s: &SyncStatusView) -> String {
    if !s.enrolled {
        return "Not enrolled with a hub (kanak sync enroll --hub URL --token TOKEN)".into();
    }
    let mut lines = vec![
        format!(
            "Hub: {}  counter {} (branch {})",
            s.hub_url.as_deref().unwrap_or("?"),
            s.counter_code.as_deref().unwrap_or("?"),
            s.branch.as_deref().unwrap_or("?")
        ),
        format!("State: {}", if s.online { "online" } else { "offline" }),
        format!(
            "Last synced: {}",
            s.last_synced_at.as_deref().unwrap_or("never")
        ),
        format!(
            "Events waiting: {}  pending from peers: {}  conflicts to review: {}",
            s.events_waiting, s.events_pending, s.conflicts
        ),
    ];
    if let Some(error) = &s.last_error {
        lines.push(format!("Last error: {error}"));
    }
    if let Some(warning) = &s.clock_warning {
        lines.push(format!("Clock: {warning}"));
    }
    lines.join("\n")
}
