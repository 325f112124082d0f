//! The review queue: conflicts a manager must resolve. Raised by the hub (two closures of one
//! enrollment, a payment after closure), found here (the same phone on two customers), or an
//! event the hub or this counter could not apply. Held payloads stay in the row.

use kanak_sync::{Conflict, Event};
use serde::Serialize;
use sqlx::SqliteConnection;

use super::tables;
use crate::{AppError, Clock};

/// One entry of the review queue.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SyncConflictView {
    pub id: String,
    /// duplicate_closure, payment_after_closure, duplicate_customer, invalid_transition,
    /// rejected (the hub refused one of our events) or cannot_apply.
    pub kind: String,
    pub enrollment_id: Option<String>,
    pub event_id: Option<String>,
    pub detail: String,
    pub raised_at: String,
    pub resolved: bool,
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn add(
    conn: &mut SqliteConnection,
    id: &str,
    kind: &str,
    enrollment_id: Option<String>,
    event_id: Option<String>,
    detail: &str,
    held: Option<String>,
    at: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT OR IGNORE INTO sync_conflicts (id, kind, enrollment_id, event_id, detail, held, raised_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(id)
    .bind(kind)
    .bind(enrollment_id)
    .bind(event_id)
    .bind(detail)
    .bind(held)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

fn kind_text<T: Serialize>(kind: T) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A conflict the hub raised (through the log or in a push answer).
pub(crate) async fn conflict(
    conn: &mut SqliteConnection,
    clock: &Clock,
    c: &Conflict,
) -> Result<(), AppError> {
    queue(conn, clock, c, None).await
}

/// Puts a hub conflict in the review queue, with the event the hub held if it sent one.
async fn queue(
    conn: &mut SqliteConnection,
    clock: &Clock,
    c: &Conflict,
    held_event: Option<String>,
) -> Result<(), AppError> {
    add(
        conn,
        &c.conflict_id.to_string(),
        &kind_text(c.kind),
        c.enrollment_id.map(|e| e.to_string()),
        Some(c.event_id.to_string()),
        &c.detail,
        held_event,
        &clock.timestamp(),
    )
    .await
}

pub(crate) async fn raised(
    conn: &mut SqliteConnection,
    clock: &Clock,
    event: &Event,
) -> Result<(), AppError> {
    // The hub sends {"conflict": Conflict, "held_event": Event}.
    let parsed = event
        .payload
        .get("conflict")
        .cloned()
        .map(serde_json::from_value::<Conflict>);
    let held: Option<Event> = event
        .payload
        .get("held_event")
        .cloned()
        .and_then(|h| serde_json::from_value(h).ok());
    let Some(Ok(c)) = parsed else {
        return cannot_apply(conn, event, "a conflict this version cannot read").await;
    };
    let held_text = held
        .as_ref()
        .map(|h| serde_json::to_string(h).unwrap_or_default());
    queue(conn, clock, &c, held_text).await?;
    // A payment the hub held (its enrollment was already closed) exists only on the counter
    // that took it: it leaves the ledger there too, kept in sync_held for the manager.
    if let Some(held) = held.filter(|h| h.kind == kanak_sync::EventKind::PaymentRecorded) {
        super::closing::hold_payment(
            conn,
            clock,
            &held.entity_id.to_string(),
            &c.conflict_id.to_string(),
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn resolved(
    conn: &mut SqliteConnection,
    clock: &Clock,
    event: &Event,
) -> Result<(), AppError> {
    let id = event
        .payload
        .get("conflict_id")
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| event.entity_id.to_string());
    let how = event
        .payload
        .get("resolution")
        .and_then(|v| v.as_str())
        .unwrap_or("resolved");
    sqlx::query("UPDATE sync_conflicts SET resolved_at = ?1, resolution = ?2 WHERE id = ?3 AND resolved_at IS NULL")
        .bind(clock.timestamp())
        .bind(how)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// An event that could not be stored here (a clash with a local row): kept whole for review.
pub(crate) async fn cannot_apply(
    conn: &mut SqliteConnection,
    event: &Event,
    why: &str,
) -> Result<(), AppError> {
    tracing::warn!(event = %event.event_id, why, "pulled event could not be applied: to review");
    let id = tables::derived_uid(&format!("cannot_apply|{}", event.event_id));
    let held = serde_json::to_string(event).map_err(AppError::corrupt)?;
    let detail = format!(
        "{} from another counter could not be stored here: {why}",
        kind_text(event.kind)
    );
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    add(
        conn,
        &id,
        "cannot_apply",
        event.enrollment_id.map(|e| e.to_string()),
        Some(event.event_id.to_string()),
        &detail,
        Some(held),
        &at,
    )
    .await
}

/// The same phone registered as two main customers (on two counters): a merge to review.
/// Its id comes from the pair, so every counter files the same entry once.
pub(crate) async fn same_phone(conn: &mut SqliteConnection, customer: i64) -> Result<(), AppError> {
    let twins: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT o.id, o.code, c.code, c.phone FROM customers c JOIN customers o
           ON o.phone = c.phone AND o.id <> c.id AND o.family_of IS NULL
         WHERE c.id = ?1 AND c.family_of IS NULL",
    )
    .bind(customer)
    .fetch_all(&mut *conn)
    .await?;
    for (other, other_code, code, phone) in twins {
        let a = tables::ensure_uid(conn, "customers", customer).await?;
        let b = tables::ensure_uid(conn, "customers", other).await?;
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        let id = tables::derived_uid(&format!("duplicate_customer|{low}|{high}"));
        let last4: String = phone
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let detail = format!(
            "the phone ending {last4} is registered as {other_code} and as {code}: merge them?"
        );
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        add(
            conn,
            &id,
            "duplicate_customer",
            None,
            None,
            &detail,
            None,
            &at,
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn list(
    conn: &mut SqliteConnection,
    include_resolved: bool,
) -> Result<Vec<SyncConflictView>, AppError> {
    let rows: Vec<(String, String, Option<String>, Option<String>, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, kind, enrollment_id, event_id, detail, raised_at, resolved_at FROM sync_conflicts
         WHERE ?1 OR resolved_at IS NULL ORDER BY raised_at, id",
    )
    .bind(include_resolved)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, kind, enrollment_id, event_id, detail, raised_at, resolved_at)| {
                SyncConflictView {
                    id,
                    kind,
                    enrollment_id,
                    event_id,
                    detail,
                    raised_at,
                    resolved: resolved_at.is_some(),
                }
            },
        )
        .collect())
}

/// An event of ours the hub refused (and recorded): shown for review, never retried blindly.
pub(crate) async fn rejected(
    conn: &mut SqliteConnection,
    clock: &Clock,
    rejection: &kanak_sync::Rejection,
) -> Result<(), AppError> {
    let id = tables::derived_uid(&format!("rejected|{}", rejection.event_id));
    let held: Option<String> =
        sqlx::query_scalar("SELECT payload FROM sync_outbox WHERE event_id = ?1")
            .bind(rejection.event_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let detail = format!(
        "the hub refused one of our changes ({}): {}",
        kind_text(rejection.reason),
        rejection.message
    );
    add(
        conn,
        &id,
        "rejected",
        None,
        Some(rejection.event_id.to_string()),
        &detail,
        held,
        &clock.timestamp(),
    )
    .await
}
