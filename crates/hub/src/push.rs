//! A push: one batch of one device's outbox, applied in one PostgreSQL transaction together
//! with the device's high-water mark, so a lost acknowledgement only causes a harmless re-send.

use kanak_sync::{
    Conflict, Event, EventKind, HUB_DEVICE_ID, MAX_BATCH, MAX_CLOCK_SKEW_MS, PushRequest, PushResponse,
    Rejection, RejectionReason, SCHEMA_VERSION, schema_accepted,
};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::validate::{self, Held, kind_name};
use crate::{Hub, HubFailure, log, now_ms};

/// What one batch produced, and the log head as it advances.
struct Outcome {
    head: i64,
    rejected: Vec<Rejection>,
    conflicts: Vec<Conflict>,
}

impl Hub {
    pub async fn push(&self, device: Uuid, request: &PushRequest) -> Result<PushResponse, HubFailure> {
        check_batch(device, &request.events)?;
        let mut tx = self.pool.begin().await?;
        let head = log::lock_head(&mut tx).await?;
        let high_water =
            sqlx::query_scalar!("SELECT high_water FROM devices WHERE device_id = $1 FOR UPDATE", device)
                .fetch_one(&mut *tx)
                .await?;
        if let Some(first) = request.events.first() {
            // A gap would advance the mark past events the hub never saw: they would be lost.
            if first.local_seq as i64 > high_water + 1 {
                return Err(HubFailure::BadBatch(format!(
                    "events start at local_seq {}, but the hub has this device up to {high_water}",
                    first.local_seq
                )));
            }
        }
        let mut outcome = Outcome { head, rejected: Vec::new(), conflicts: Vec::new() };
        for event in &request.events {
            self.apply(&mut tx, device, event, &mut outcome).await?;
        }
        let last = request.events.last().map(|e| e.local_seq as i64).unwrap_or(high_water);
        let high_water = sqlx::query_scalar!(
            "UPDATE devices SET high_water = GREATEST(high_water, $2), last_push_at = now()
             WHERE device_id = $1 RETURNING high_water",
            device,
            last
        )
        .fetch_one(&mut *tx)
        .await?;
        log::store_head(&mut tx, outcome.head).await?;
        tx.commit().await?;
        Ok(PushResponse { high_water: high_water as u64, rejected: outcome.rejected, conflicts: outcome.conflicts })
    }

    async fn apply(
        &self,
        conn: &mut PgConnection,
        device: Uuid,
        event: &Event,
        outcome: &mut Outcome,
    ) -> Result<(), HubFailure> {
        let known = sqlx::query_scalar!("SELECT body FROM received WHERE event_id = $1", event.event_id)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(body) = known {
            let stored: Event = serde_json::from_value(body)?;
            if &stored != event {
                let message = "this event id arrived before with a different payload; the first is kept";
                return reject(conn, device, event, RejectionReason::PayloadMismatch, message, outcome).await;
            }
            return Ok(()); // already there: a re-send after a lost acknowledgement
        }
        if !event.kind.written_by_counters() {
            let message = format!("only the hub writes {}", kind_name(event.kind));
            return reject(conn, device, event, RejectionReason::NotAllowed, &message, outcome).await;
        }
        let now = now_ms();
        if event.hlc.wall_ms > now.saturating_add(MAX_CLOCK_SKEW_MS) {
            let ahead_min = (event.hlc.wall_ms - now) / 60_000;
            let message = format!("the counter's clock is {ahead_min} min ahead of the hub's: fix the clock");
            return reject(conn, device, event, RejectionReason::ClockSkew, &message, outcome).await;
        }
        self.observe(&event.hlc);
        match validate::check(conn, event).await? {
            None => {
                let logged = log::append(conn, &mut outcome.head, event).await?;
                store_received(conn, event, "applied", Some(logged.position as i64)).await?;
                validate::record(conn, event).await
            }
            Some(held) => {
                store_received(conn, event, "held", None).await?;
                self.raise(conn, event, held, outcome).await
            }
        }
    }

    /// Records a conflict and appends `conflict.raised` (with the held event) to the log, so
    /// every counter's review queue shows it.
    async fn raise(
        &self,
        conn: &mut PgConnection,
        event: &Event,
        held: Held,
        outcome: &mut Outcome,
    ) -> Result<(), HubFailure> {
        let conflict = Conflict {
            conflict_id: Uuid::now_v7(),
            kind: held.kind,
            enrollment_id: Some(held.enrollment_id),
            event_id: event.event_id,
            detail: held.detail,
        };
        let kind_text = serde_json::to_value(conflict.kind)?;
        sqlx::query!(
            "INSERT INTO conflicts (conflict_id, kind, enrollment_id, event_id, detail)
             VALUES ($1, $2, $3, $4, $5)",
            conflict.conflict_id,
            kind_text.as_str().unwrap_or_default(),
            conflict.enrollment_id,
            conflict.event_id,
            conflict.detail
        )
        .execute(&mut *conn)
        .await?;
        tracing::warn!(conflict = %conflict.conflict_id, kind = ?conflict.kind, "conflict raised");
        let raised = self.hub_event(
            EventKind::ConflictRaised,
            conflict.conflict_id,
            conflict.enrollment_id,
            json!({ "conflict": conflict, "held_event": event }),
        );
        log::append(conn, &mut outcome.head, &raised).await?;
        outcome.conflicts.push(conflict);
        Ok(())
    }

    /// An event the hub writes itself.
    pub(crate) fn hub_event(
        &self,
        kind: EventKind,
        entity_id: Uuid,
        enrollment_id: Option<Uuid>,
        payload: serde_json::Value,
    ) -> Event {
        Event {
            event_id: Uuid::now_v7(),
            device_id: HUB_DEVICE_ID,
            local_seq: 0,
            kind,
            schema_version: SCHEMA_VERSION,
            hlc: self.tick(),
            entity_id,
            enrollment_id,
            payload,
        }
    }
}

/// The whole batch is refused before anything is written when it is malformed or its schema
/// is one this hub does not accept.
fn check_batch(device: Uuid, events: &[Event]) -> Result<(), HubFailure> {
    if events.len() > MAX_BATCH {
        return Err(HubFailure::BadBatch(format!("{} events; at most {MAX_BATCH} per batch", events.len())));
    }
    for pair in events.windows(2) {
        if pair[1].local_seq != pair[0].local_seq + 1 {
            return Err(HubFailure::BadBatch(format!(
                "local_seq {} follows {}: a batch must be consecutive and in order",
                pair[1].local_seq, pair[0].local_seq
            )));
        }
    }
    for event in events {
        if event.device_id != device {
            return Err(HubFailure::BadBatch(format!("event {} is another device's", event.event_id)));
        }
        if event.local_seq == 0 {
            return Err(HubFailure::BadBatch("local_seq starts at 1".into()));
        }
        if event.schema_version > SCHEMA_VERSION {
            return Err(HubFailure::SchemaTooNew(format!(
                "schema {} is newer than this hub's {SCHEMA_VERSION}: update the hub",
                event.schema_version
            )));
        }
        if !schema_accepted(event.schema_version) {
            return Err(HubFailure::SchemaTooOld(format!(
                "schema {} is too old (the hub accepts {SCHEMA_VERSION} and the one before): update Kanak",
                event.schema_version
            )));
        }
    }
    Ok(())
}

async fn store_received(
    conn: &mut PgConnection,
    event: &Event,
    status: &str,
    position: Option<i64>,
) -> Result<(), HubFailure> {
    sqlx::query!(
        "INSERT INTO received (event_id, device_id, local_seq, kind, body, status, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        event.event_id,
        event.device_id,
        event.local_seq as i64,
        kind_name(event.kind),
        serde_json::to_value(event)?,
        status,
        position
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Refuses one event, keeping it whole in `alerts` for the owner: nothing is silently dropped.
async fn reject(
    conn: &mut PgConnection,
    device: Uuid,
    event: &Event,
    reason: RejectionReason,
    message: &str,
    outcome: &mut Outcome,
) -> Result<(), HubFailure> {
    let reason_text = serde_json::to_value(reason)?;
    sqlx::query!(
        "INSERT INTO alerts (device_id, event_id, reason, message, body) VALUES ($1, $2, $3, $4, $5)",
        device,
        event.event_id,
        reason_text.as_str().unwrap_or_default(),
        message,
        serde_json::to_value(event)?
    )
    .execute(&mut *conn)
    .await?;
    tracing::warn!(device = %device, event = %event.event_id, ?reason, "event rejected");
    outcome.rejected.push(Rejection { event_id: event.event_id, reason, message: message.to_string() });
    Ok(())
}
