//! The one server-ordered log: appends inside a push's transaction, pages for pulls.

use kanak_sync::{DeviceStatus, Event, LoggedEvent, MAX_BATCH, PullPage};
use sqlx::{PgConnection, Postgres, Transaction};
use uuid::Uuid;

use crate::{Hub, HubFailure};

/// Locks the log head for the rest of the transaction and returns it. Every append takes this
/// lock first, so appends are serialized and a position is only ever committed after all
/// lower ones: a pull never sees a gap that fills in later.
pub(crate) async fn lock_head(tx: &mut Transaction<'_, Postgres>) -> Result<i64, HubFailure> {
    let head = sqlx::query_scalar!("SELECT head FROM log_head WHERE id = 1 FOR UPDATE")
        .fetch_one(&mut **tx)
        .await?;
    Ok(head)
}

/// Appends `event` at `*head + 1` and advances `*head` (written back by [`store_head`]).
pub(crate) async fn append(
    conn: &mut PgConnection,
    head: &mut i64,
    event: &Event,
) -> Result<LoggedEvent, HubFailure> {
    let position = *head + 1;
    sqlx::query!(
        "INSERT INTO log (position, event_id, body) VALUES ($1, $2, $3)",
        position,
        event.event_id,
        serde_json::to_value(event)?
    )
    .execute(&mut *conn)
    .await?;
    *head = position;
    Ok(LoggedEvent { position: position as u64, event: event.clone() })
}

pub(crate) async fn store_head(conn: &mut PgConnection, head: i64) -> Result<(), HubFailure> {
    sqlx::query!("UPDATE log_head SET head = $1 WHERE id = 1", head).execute(&mut *conn).await?;
    Ok(())
}

impl Hub {
    /// The log after `after`, at most `limit` events (capped at MAX_BATCH). Pulling after
    /// `after` also says the device has applied everything up to it: its lag is measured so.
    pub async fn pull(&self, device: Uuid, after: u64, limit: usize) -> Result<PullPage, HubFailure> {
        let limit = limit.clamp(1, MAX_BATCH) as i64;
        let after_pos = i64::try_from(after).map_err(|_| HubFailure::BadBatch("cursor out of range".into()))?;
        let rows = sqlx::query!(
            "SELECT position, body FROM log WHERE position > $1 ORDER BY position LIMIT $2",
            after_pos,
            limit + 1
        )
        .fetch_all(&self.pool)
        .await?;
        let more = rows.len() as i64 > limit;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows.into_iter().take(limit as usize) {
            events.push(LoggedEvent { position: row.position as u64, event: serde_json::from_value(row.body)? });
        }
        let next_after = events.last().map(|e| e.position).unwrap_or(after);
        sqlx::query!(
            "UPDATE devices SET pull_cursor = GREATEST(pull_cursor, $2), last_pull_at = now()
             WHERE device_id = $1",
            device,
            after_pos
        )
        .execute(&self.pool)
        .await?;
        Ok(PullPage { events, next_after, more })
    }

    pub async fn status(&self, device: Uuid) -> Result<DeviceStatus, HubFailure> {
        let row = sqlx::query!(
            "SELECT d.high_water, h.head FROM devices d, log_head h WHERE d.device_id = $1",
            device
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(DeviceStatus { device_id: device, high_water: row.high_water as u64, log_head: row.head as u64 })
    }
}
