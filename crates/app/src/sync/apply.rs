//! Applying events pulled from the hub, in one local transaction with the pull cursor.
//!
//! * our own events come back through the log and are skipped;
//! * creations and money facts are inserted once, by id; one whose parent has not arrived
//!   yet waits in `sync_pending` and is retried after every page, never dropped;
//! * mutable records are merged field by field, last writer by HLC wins;
//! * conflicts raised by the hub go to the review queue.

use kanak_sync::{Event, EventClass, EventKind, PullPage};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::tables::{self, TableSpec};
use super::{closing, hlc_state, outbox, review};
use crate::{AppError, Clock};

/// What became of one event.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Applied,
    /// Cannot be applied yet; kept and retried.
    Pending(String),
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct ApplyReport {
    pub applied: u32,
    pub skipped_own: u32,
    pub pending: u32,
}

/// Applies one pulled page and moves the cursor, in the caller's transaction.
pub(crate) async fn apply_page(
    conn: &mut SqliteConnection,
    clock: &Clock,
    own_device: Uuid,
    page: &PullPage,
) -> Result<ApplyReport, AppError> {
    if let Some(newer) = page
        .events
        .iter()
        .find(|l| l.event.schema_version > kanak_sync::SCHEMA_VERSION)
    {
        // Applying events this build does not understand could corrupt the ledger: the whole
        // page waits (the cursor stays) until the app is updated.
        return Err(AppError::Sync {
            code: "schema_too_old",
            message: format!(
                "the hub sends schema {} but this Kanak writes {}: update Kanak",
                newer.event.schema_version,
                kanak_sync::SCHEMA_VERSION
            ),
        });
    }
    let mut report = ApplyReport::default();
    for logged in &page.events {
        let event = &logged.event;
        let id = event.event_id.to_string();
        if seen(conn, &id).await? {
            continue;
        }
        if event.device_id == own_device {
            mark_applied(conn, &id, logged.position, clock).await?;
            report.skipped_own += 1;
            continue;
        }
        match apply_event(conn, clock, event).await? {
            Outcome::Applied => {
                mark_applied(conn, &id, logged.position, clock).await?;
                report.applied += 1;
            }
            Outcome::Pending(reason) => {
                keep_pending(conn, clock, logged.position, event, &reason).await?;
            }
        }
    }
    report.applied += retry_pending(conn, clock).await?;
    report.pending = pending_count(conn).await?;
    sqlx::query("UPDATE sync_state SET pull_cursor = MAX(pull_cursor, ?1) WHERE id = 1")
        .bind(i64::try_from(page.next_after).unwrap_or(i64::MAX))
        .execute(conn)
        .await?;
    Ok(report)
}

async fn seen(conn: &mut SqliteConnection, id: &str) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM sync_applied WHERE event_id = ?1) + (SELECT COUNT(*) FROM sync_pending WHERE event_id = ?1)",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

async fn mark_applied(
    conn: &mut SqliteConnection,
    id: &str,
    position: u64,
    clock: &Clock,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT OR IGNORE INTO sync_applied (event_id, position, applied_at) VALUES (?1, ?2, ?3)",
    )
    .bind(id)
    .bind(i64::try_from(position).unwrap_or(i64::MAX))
    .bind(clock.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

async fn keep_pending(
    conn: &mut SqliteConnection,
    clock: &Clock,
    position: u64,
    event: &Event,
    reason: &str,
) -> Result<(), AppError> {
    tracing::info!(event = %event.event_id, reason, "event waits for its parent");
    sqlx::query(
        "INSERT INTO sync_pending (event_id, position, event, reason, first_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (event_id) DO UPDATE SET attempts = attempts + 1, reason = excluded.reason",
    )
    .bind(event.event_id.to_string())
    .bind(i64::try_from(position).unwrap_or(i64::MAX))
    .bind(serde_json::to_string(event).map_err(AppError::corrupt)?)
    .bind(reason)
    .bind(clock.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn pending_count(conn: &mut SqliteConnection) -> Result<u32, AppError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_pending")
        .fetch_one(conn)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Retries waiting events in log order until a pass applies nothing more.
async fn retry_pending(conn: &mut SqliteConnection, clock: &Clock) -> Result<u32, AppError> {
    let mut applied = 0;
    loop {
        let rows: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT event_id, position, event FROM sync_pending ORDER BY position")
                .fetch_all(&mut *conn)
                .await?;
        let mut progress = false;
        for (id, position, text) in rows {
            let event: Event = serde_json::from_str(&text).map_err(AppError::corrupt)?;
            if let Outcome::Applied = apply_event(conn, clock, &event).await? {
                sqlx::query("DELETE FROM sync_pending WHERE event_id = ?1")
                    .bind(&id)
                    .execute(&mut *conn)
                    .await?;
                mark_applied(conn, &id, u64::try_from(position).unwrap_or(0), clock).await?;
                applied += 1;
                progress = true;
            }
        }
        if !progress {
            return Ok(applied);
        }
    }
}

/// Applies one event of another counter (or of the hub).
pub(crate) async fn apply_event(
    conn: &mut SqliteConnection,
    clock: &Clock,
    event: &Event,
) -> Result<Outcome, AppError> {
    // Everything pulled came through the hub, which vetted the sender's clock.
    let skew = hlc_state::observe(conn, clock, &event.hlc, true).await?;
    // A record merged by clock must not win with a clock that is wrong: it waits until ours
    // catches up (and the status says why). Money facts do not depend on clocks and apply.
    if let (EventClass::MutableRecord, Err(refused)) = (event.kind.class(), &skew) {
        return Ok(Outcome::Pending(format!(
            "clock of {} refused: {refused}",
            event.hlc.node
        )));
    }
    let payload = match &event.payload {
        Value::Object(map) => map.clone(),
        _ => {
            return Err(AppError::corrupt(format!(
                "event {} has no object payload",
                event.event_id
            )));
        }
    };
    use EventKind::*;
    match event.kind {
        CustomerUpserted | FamilyMemberUpserted => {
            merge(conn, &tables::CUSTOMERS, event, payload).await
        }
        PlanUpserted => merge(conn, &tables::PLANS, event, payload).await,
        SettingChanged => merge(conn, &tables::SHOP, event, payload).await,
        GoldRateSet => gold_rate(conn, event, payload).await,
        EnrollmentOpened => create(conn, &tables::ENROLLMENTS, event, payload).await,
        PaymentRecorded => payment(conn, event, payload).await,
        PaymentStatusChanged => create(conn, &tables::PAYMENT_STATUS, event, payload).await,
        RefundRecorded => create(conn, &tables::PAYOUTS, event, payload).await,
        ClosureRecorded => closing::closure(conn, clock, event, payload).await,
        EnrollmentPaused | EnrollmentResumed => create(conn, &tables::PAUSES, event, payload).await,
        EnrollmentUpgraded => create(conn, &tables::CHANGES, event, payload).await,
        ConflictRaised => review::raised(conn, clock, event)
            .await
            .map(|()| Outcome::Applied),
        ConflictResolved => review::resolved(conn, clock, event)
            .await
            .map(|()| Outcome::Applied),
    }
}

/// Whether the record `uid` already exists here.
async fn exists(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    uid: &str,
) -> Result<bool, AppError> {
    if spec.integer_id {
        return Ok(tables::local_id_of(conn, spec.name, uid).await?.is_some());
    }
    let sql = format!("SELECT COUNT(*) FROM \"{}\" WHERE id = ?1", spec.name);
    let n: i64 = sqlx::query_scalar(&sql).bind(uid).fetch_one(conn).await?;
    Ok(n > 0)
}

/// Inserts a new record once, by its id; waits when its parent has not arrived.
pub(crate) async fn create(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    event: &Event,
    mut row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let uid = event.entity_id.to_string();
    if exists(conn, spec, &uid).await? {
        return Ok(Outcome::Applied);
    }
    if let Err(missing) = tables::localize(conn, spec, &mut row).await? {
        return Ok(Outcome::Pending(missing.0));
    }
    match tables::insert_row(conn, spec, &row).await? {
        Ok(rowid) => {
            if spec.integer_id {
                tables::map_uid(conn, spec.name, rowid, &uid).await?;
            }
            Ok(Outcome::Applied)
        }
        Err(refused) => {
            review::cannot_apply(conn, event, &refused.to_string()).await?;
            Ok(Outcome::Applied)
        }
    }
}

/// A payment and the status rows it was recorded with.
async fn payment(
    conn: &mut SqliteConnection,
    event: &Event,
    mut row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let statuses = row.remove("status_events");
    let uid = event.entity_id.to_string();
    if exists(conn, &tables::PAYMENTS, &uid).await? {
        return Ok(Outcome::Applied);
    }
    let outcome = create(conn, &tables::PAYMENTS, event, row).await?;
    if outcome == Outcome::Applied && exists(conn, &tables::PAYMENTS, &uid).await? {
        for status in statuses
            .and_then(|s| s.as_array().cloned())
            .unwrap_or_default()
        {
            if let Value::Object(status) = status {
                if let Err(refused) =
                    tables::insert_row(conn, &tables::PAYMENT_STATUS, &status).await?
                {
                    review::cannot_apply(conn, event, &refused.to_string()).await?;
                }
            }
        }
    }
    Ok(outcome)
}

/// A day's rate: the entry with the later HLC is the one in force on every counter.
async fn gold_rate(
    conn: &mut SqliteConnection,
    event: &Event,
    row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let uid = event.entity_id.to_string();
    let stored = outbox::field_hlc(conn, "gold_rates", &uid, "row").await?;
    if stored.is_some_and(|s| s >= event.hlc) {
        return Ok(Outcome::Applied);
    }
    if let Err(refused) = tables::insert_row(conn, &tables::GOLD_RATES, &row).await? {
        review::cannot_apply(conn, event, &refused.to_string()).await?;
    }
    outbox::remember_field(conn, "gold_rates", &uid, "row", &Value::Null, &event.hlc).await?;
    Ok(Outcome::Applied)
}

/// Merges a mutable record field by field: a field changes only when the event's clock is
/// later than the one that last wrote it here.
async fn merge(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    event: &Event,
    row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let uid = event.entity_id.to_string();
    let local = if spec.name == "shop" {
        let set_up: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM shop")
            .fetch_one(&mut *conn)
            .await?;
        if set_up == 0 {
            return Ok(Outcome::Pending(
                "the shop is not set up on this counter".into(),
            ));
        }
        tables::map_uid(conn, "shop", 1, &uid).await?;
        Some(1)
    } else {
        tables::local_id_of(conn, spec.name, &uid).await?
    };
    let Some(local) = local else {
        return first_copy(conn, spec, event, row).await;
    };
    for (field, value) in row {
        let stored = outbox::field_hlc(conn, spec.name, &uid, &field).await?;
        if stored.is_some_and(|s| s >= event.hlc) {
            continue;
        }
        let mut one = Map::new();
        one.insert(field.clone(), value.clone());
        if let Err(missing) = tables::localize(conn, spec, &mut one).await? {
            return Ok(Outcome::Pending(missing.0));
        }
        let local_value = one.remove(&field).unwrap_or(Value::Null);
        match tables::update_field(conn, spec, local, &field, &local_value).await {
            Ok(()) => {
                outbox::remember_field(conn, spec.name, &uid, &field, &value, &event.hlc).await?
            }
            Err(AppError::Storage(refused)) => {
                review::cannot_apply(conn, event, &refused.to_string()).await?
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Outcome::Applied)
}

/// The first copy of a record made on another counter.
async fn first_copy(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    event: &Event,
    row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let outcome = create(conn, spec, event, row.clone()).await?;
    let uid = event.entity_id.to_string();
    let Some(local) = tables::local_id_of(conn, spec.name, &uid).await? else {
        return Ok(outcome);
    };
    for (field, value) in &row {
        outbox::remember_field(conn, spec.name, &uid, field, value, &event.hlc).await?;
    }
    if spec.name == "customers" {
        review::same_phone(conn, local).await?;
    }
    Ok(outcome)
}
