//! State changes are validated against what the hub knows of the enrollment, never merged
//! blindly: one closure per enrollment, no payment after it, no pause or upgrade of a closed one.

use kanak_sync::{ConflictKind, Event, EventKind};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::HubFailure;

/// Why the hub holds an event instead of applying it.
pub(crate) struct Held {
    pub kind: ConflictKind,
    pub enrollment_id: Uuid,
    pub detail: String,
}

/// The enrollment an event's validation concerns, if any.
pub(crate) fn enrollment_of(event: &Event) -> Option<Uuid> {
    use EventKind::*;
    match event.kind {
        EnrollmentOpened | EnrollmentPaused | EnrollmentResumed | EnrollmentUpgraded => {
            Some(event.enrollment_id.unwrap_or(event.entity_id))
        }
        PaymentRecorded | ClosureRecorded => event.enrollment_id,
        _ => None,
    }
}

/// None: apply the event. Some: hold it and raise the conflict.
pub(crate) async fn check(conn: &mut PgConnection, event: &Event) -> Result<Option<Held>, HubFailure> {
    let Some(enrollment_id) = enrollment_of(event) else { return Ok(None) };
    let closed_by = sqlx::query_scalar!(
        "SELECT closure_event_id FROM enrollments WHERE enrollment_id = $1 AND state = 'closed'",
        enrollment_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(closed_by) = closed_by else { return Ok(None) };
    let closure = closed_by.map(|id| id.to_string()).unwrap_or_else(|| "an earlier closure".into());
    let (kind, detail) = match event.kind {
        EventKind::ClosureRecorded => (
            ConflictKind::DuplicateClosure,
            format!("enrollment already closed by {closure}; this closure's payout is held"),
        ),
        EventKind::PaymentRecorded => (
            ConflictKind::PaymentAfterClosure,
            format!("payment for an enrollment closed by {closure}; the payment is held"),
        ),
        EventKind::EnrollmentOpened => return Ok(None),
        other => (
            ConflictKind::InvalidTransition,
            format!("{} of an enrollment closed by {closure}", kind_name(other)),
        ),
    };
    Ok(Some(Held { kind, enrollment_id, detail }))
}

/// Records what an applied event did to its enrollment's state.
pub(crate) async fn record(conn: &mut PgConnection, event: &Event) -> Result<(), HubFailure> {
    let Some(enrollment_id) = enrollment_of(event) else { return Ok(()) };
    let (state, closure) = match event.kind {
        EventKind::ClosureRecorded => ("closed", Some(event.event_id)),
        EventKind::EnrollmentPaused => ("paused", None),
        EventKind::EnrollmentResumed => ("active", None),
        // Opened, upgraded or paid: the enrollment exists and stays as it was.
        _ => {
            sqlx::query!(
                "INSERT INTO enrollments (enrollment_id, state) VALUES ($1, 'active')
                 ON CONFLICT (enrollment_id) DO NOTHING",
                enrollment_id
            )
            .execute(&mut *conn)
            .await?;
            return Ok(());
        }
    };
    sqlx::query!(
        "INSERT INTO enrollments (enrollment_id, state, closure_event_id) VALUES ($1, $2, $3)
         ON CONFLICT (enrollment_id) DO UPDATE
           SET state = EXCLUDED.state, closure_event_id = EXCLUDED.closure_event_id, updated_at = now()",
        enrollment_id,
        state,
        closure
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) fn kind_name(kind: EventKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}
