//! Applying a closure from another counter. Two counters may close one enrollment while
//! offline; the hub keeps the first it received and logs only that one, so a closure that
//! arrives through the log is the one in force. A different local closure of the same
//! enrollment lost: it is moved, with its payouts, to `sync_held` (its payout is held for a
//! manager, as the hub's conflict in the review queue says), never silently dropped.

use kanak_sync::Event;
use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use super::apply::{Outcome, create};
use super::review;
use super::tables::{self, LocalKey};
use crate::{AppError, Clock};

pub(crate) async fn closure(
    conn: &mut SqliteConnection,
    clock: &Clock,
    event: &Event,
    mut row: Map<String, Value>,
) -> Result<Outcome, AppError> {
    let payouts = row.remove("payouts");
    let otp = row.remove("otp");
    let status = row.remove("enrollment_status");
    let id = event.entity_id.to_string();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM closures WHERE id = ?1")
        .bind(&id)
        .fetch_one(&mut *conn)
        .await?;
    if stored > 0 {
        return Ok(Outcome::Applied);
    }
    let mut local = row.clone();
    if let Err(missing) = tables::localize(conn, &tables::CLOSURES, &mut local).await? {
        return Ok(Outcome::Pending(missing.0));
    }
    let enrollment = local
        .get("enrollment_id")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    hold_losing_closure(conn, clock, enrollment, &id).await?;
    if let Some(Value::Object(otp)) = otp {
        let otp_id = otp
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let known: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_codes WHERE id = ?1")
            .bind(&otp_id)
            .fetch_one(&mut *conn)
            .await?;
        if known == 0 {
            let mut otp = otp;
            let _ = tables::localize(conn, &tables::OTP_CODES, &mut otp).await?;
            if let Err(refused) = tables::insert_row(conn, &tables::OTP_CODES, &otp).await? {
                review::cannot_apply(conn, event, &refused.to_string()).await?;
            }
        }
    }
    let outcome = create(conn, &tables::CLOSURES, event, row).await?;
    if let Some(status) = status.as_ref().and_then(Value::as_str) {
        sqlx::query("UPDATE enrollments SET status = ?1 WHERE id = ?2")
            .bind(status)
            .bind(enrollment)
            .execute(&mut *conn)
            .await?;
    }
    for payout in payouts
        .and_then(|p| p.as_array().cloned())
        .unwrap_or_default()
    {
        if let Value::Object(mut payout) = payout {
            let _ = tables::localize(conn, &tables::PAYOUTS, &mut payout).await?;
            if let Err(refused) = tables::insert_row(conn, &tables::PAYOUTS, &payout).await? {
                review::cannot_apply(conn, event, &refused.to_string()).await?;
            }
        }
    }
    Ok(outcome)
}

const CLOSURES_DELETE_GUARD: &str =
    "CREATE TRIGGER closures_append_only_delete BEFORE DELETE ON closures BEGIN
    SELECT RAISE (ABORT, 'closures are append-only');
END";
const PAYOUTS_DELETE_GUARD: &str =
    "CREATE TRIGGER payouts_append_only_delete BEFORE DELETE ON payouts BEGIN
    SELECT RAISE (ABORT, 'payouts are append-only');
END";

/// Moves this counter's own closure of `enrollment` (if any, other than `winner`) and its
/// payouts to `sync_held`. The append-only guards are lifted for exactly this move and put
/// back in the same transaction: SQLite's DDL is transactional, so no one sees them missing.
async fn hold_losing_closure(
    conn: &mut SqliteConnection,
    clock: &Clock,
    enrollment: i64,
    winner: &str,
) -> Result<(), AppError> {
    let loser: Option<String> =
        sqlx::query_scalar("SELECT id FROM closures WHERE enrollment_id = ?1 AND id <> ?2")
            .bind(enrollment)
            .bind(winner)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(loser) = loser else { return Ok(()) };
    let mut image =
        tables::row_image(conn, &tables::CLOSURES, &LocalKey::Text(loser.clone())).await?;
    let payout_ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM payouts WHERE closure_id = ?1")
            .bind(&loser)
            .fetch_all(&mut *conn)
            .await?;
    let mut payouts = Vec::new();
    for payout in payout_ids {
        payouts.push(Value::Object(
            tables::row_image(conn, &tables::PAYOUTS, &LocalKey::Text(payout)).await?,
        ));
    }
    image.insert("payouts".into(), Value::Array(payouts));
    let enrollment_uid = image
        .get("enrollment_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    sqlx::query(
        "INSERT OR IGNORE INTO sync_held (record_id, tbl, enrollment_id, payload, held_at, superseded_by) VALUES (?1, 'closures', ?2, ?3, ?4, ?5)",
    )
    .bind(&loser)
    .bind(enrollment_uid)
    .bind(Value::Object(image).to_string())
    .bind(clock.timestamp())
    .bind(winner)
    .execute(&mut *conn)
    .await?;
    tracing::warn!(
        closure = loser,
        winner,
        "our closure lost to another counter's: held for review"
    );
    sqlx::query("DROP TRIGGER payouts_append_only_delete")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DROP TRIGGER closures_append_only_delete")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM payouts WHERE closure_id = ?1")
        .bind(&loser)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM closures WHERE id = ?1")
        .bind(&loser)
        .execute(&mut *conn)
        .await?;
    sqlx::query(CLOSURES_DELETE_GUARD)
        .execute(&mut *conn)
        .await?;
    sqlx::query(PAYOUTS_DELETE_GUARD)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves a payment the hub held (with its status rows) out of the ledger into `sync_held`.
pub(crate) async fn hold_payment(
    conn: &mut SqliteConnection,
    clock: &Clock,
    payment_id: &str,
    conflict_id: &str,
) -> Result<(), AppError> {
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE id = ?1")
        .bind(payment_id)
        .fetch_one(&mut *conn)
        .await?;
    if stored == 0 {
        return Ok(());
    }
    let mut image = tables::row_image(
        conn,
        &tables::PAYMENTS,
        &LocalKey::Text(payment_id.to_string()),
    )
    .await?;
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT json_object('status', status, 'reason', reason, 'at', at, 'by_staff', by_staff)
         FROM payment_status_events WHERE payment_id = ?1 ORDER BY id",
    )
    .bind(payment_id)
    .fetch_all(&mut *conn)
    .await?;
    image.insert(
        "status_events".into(),
        Value::String(format!("[{}]", statuses.join(","))),
    );
    let enrollment = image
        .get("enrollment_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    sqlx::query(
        "INSERT OR IGNORE INTO sync_held (record_id, tbl, enrollment_id, payload, held_at, superseded_by) VALUES (?1, 'payments', ?2, ?3, ?4, ?5)",
    )
    .bind(payment_id)
    .bind(enrollment)
    .bind(Value::Object(image).to_string())
    .bind(clock.timestamp())
    .bind(conflict_id)
    .execute(&mut *conn)
    .await?;
    tracing::warn!(
        payment = payment_id,
        "the hub held our payment (enrollment already closed): held for review"
    );
    for statement in [
        "DROP TRIGGER payment_status_events_append_only_delete",
        "DROP TRIGGER payments_are_append_only_delete",
    ] {
        sqlx::query(statement).execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM payment_status_events WHERE payment_id = ?1")
        .bind(payment_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM payments WHERE id = ?1")
        .bind(payment_id)
        .execute(&mut *conn)
        .await?;
    for guard in [PAYMENTS_DELETE_GUARD, STATUS_DELETE_GUARD] {
        sqlx::query(guard).execute(&mut *conn).await?;
    }
    Ok(())
}

const PAYMENTS_DELETE_GUARD: &str =
    "CREATE TRIGGER payments_are_append_only_delete BEFORE DELETE ON payments BEGIN
    SELECT RAISE (ABORT, 'payments are append-only');
END";
const STATUS_DELETE_GUARD: &str = "CREATE TRIGGER payment_status_events_append_only_delete BEFORE DELETE ON payment_status_events BEGIN
    SELECT RAISE (ABORT, 'payment status events are append-only');
END";
