//! The sync status shown on the dashboard, in settings and by `kanak sync status`.

use serde::Serialize;
use sqlx::SqlitePool;
use uuid::Uuid;

use super::{Standing, apply, outbox};
use crate::AppError;

#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct SyncStatusView {
    pub enrolled: bool,
    pub hub_url: Option<String>,
    pub device_id: Option<String>,
    pub counter_code: Option<String>,
    pub branch: Option<String>,
    /// The last attempt reached the hub and finished.
    pub online: bool,
    pub last_synced_at: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_error: Option<String>,
    /// Changes made here that the hub has not acknowledged yet.
    pub events_waiting: u32,
    /// Pulled events waiting for a parent record (or for a peer's clock to be believable).
    pub events_pending: u32,
    /// Unresolved entries in the review queue.
    pub conflicts: u32,
    pub clock_warning: Option<String>,
    pub push_high_water: u32,
    pub pull_cursor: u32,
}

/// What one `sync now` did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, specta::Type)]
pub struct SyncReport {
    pub pushed: u32,
    pub pulled: u32,
    pub applied: u32,
    pub status: SyncStatusView,
}

type StateRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    i64,
);

pub(crate) async fn view(pool: &SqlitePool) -> Result<SyncStatusView, AppError> {
    let mut conn = pool.acquire().await?;
    let row: StateRow = sqlx::query_as(
        "SELECT hub_url, device_id, counter_code, branch, last_sync_at, last_attempt_at, last_error, clock_warning,
                push_high_water, pull_cursor FROM sync_state WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    let (
        hub_url,
        device_id,
        counter_code,
        branch,
        last_sync,
        last_attempt,
        last_error,
        clock_warning,
        hw,
        cursor,
    ) = row;
    let conflicts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sync_conflicts WHERE resolved_at IS NULL")
            .fetch_one(&mut *conn)
            .await?;
    let small = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(SyncStatusView {
        enrolled: device_id.is_some(),
        online: last_attempt.is_some() && last_error.is_none(),
        hub_url,
        device_id,
        counter_code,
        branch,
        last_synced_at: last_sync,
        last_attempt_at: last_attempt,
        last_error,
        events_waiting: small(outbox::waiting(&mut conn).await?),
        events_pending: apply::pending_count(&mut conn).await?,
        conflicts: small(conflicts),
        clock_warning,
        push_high_water: small(hw),
        pull_cursor: small(cursor),
    })
}

pub(crate) async fn standing(pool: &SqlitePool) -> Result<Option<Standing>, AppError> {
    let row: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT hub_url, device_id FROM sync_state WHERE id = 1")
            .fetch_one(pool)
            .await?;
    Ok(match row {
        (Some(hub_url), Some(device)) => Some(Standing {
            hub_url,
            device_id: Uuid::parse_str(&device).map_err(AppError::corrupt)?,
        }),
        _ => None,
    })
}

pub(crate) async fn pull_cursor(pool: &SqlitePool) -> Result<u64, AppError> {
    let cursor: i64 = sqlx::query_scalar("SELECT pull_cursor FROM sync_state WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(cursor).unwrap_or(0))
}
