//! The sync outbox: every change this counter makes, written in the change's own transaction
//! through [`record`], so a change and its event commit or roll back together.

use kanak_sync::{Event, EventClass, EventKind, Hlc, SCHEMA_VERSION};
use serde_json::{Map, Value};
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use super::hlc_state;
use super::tables::{self, LocalKey, TableSpec};
use crate::{AppError, Clock};

/// Writes one event to the outbox. `payload` is the record as it travels.
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    clock: &Clock,
    kind: EventKind,
    entity_id: &str,
    enrollment_id: Option<&str>,
    payload: Value,
    hlc: Hlc,
) -> Result<(), AppError> {
    let device: Option<String> =
        sqlx::query_scalar("SELECT device_id FROM sync_state WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    let kind_text = serde_json::to_value(kind).map_err(AppError::corrupt)?;
    sqlx::query(
        "INSERT INTO sync_outbox (device_id, event_id, kind, entity_id, enrollment_id, payload, hlc, schema_version, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(device)
    .bind(Uuid::now_v7().to_string())
    .bind(kind_text.as_str().unwrap_or_default().to_string())
    .bind(entity_id)
    .bind(enrollment_id)
    .bind(payload.to_string())
    .bind(hlc.encode())
    .bind(i64::from(SCHEMA_VERSION))
    .bind(clock.timestamp())
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the row `key` of `spec` as an event of `kind`: its image, the parents as UUIDs.
/// A mutable record sends only the fields that changed since it was last recorded.
pub(crate) async fn record_row(
    conn: &mut SqliteConnection,
    clock: &Clock,
    kind: EventKind,
    spec: &TableSpec,
    key: LocalKey,
) -> Result<(), AppError> {
    let mut image = tables::row_image(conn, spec, &key).await?;
    let entity = match (&key, spec.name) {
        (_, "gold_rates") => rate_uid(&image),
        (LocalKey::Int(id), _) => tables::ensure_uid(conn, spec.name, *id).await?,
        (LocalKey::Text(id), _) => id.clone(),
    };
    let enrollment = match spec.name {
        "enrollments" => Some(entity.clone()),
        _ => image
            .get("enrollment_id")
            .and_then(Value::as_str)
            .map(str::to_string),
    };
    let hlc = hlc_state::tick(conn, clock).await?;
    if kind.class() == EventClass::MutableRecord && spec.name != "gold_rates" {
        image = changed_fields(conn, spec.name, &entity, image, &hlc).await?;
        if image.is_empty() {
            return Ok(());
        }
    } else if spec.name == "gold_rates" {
        remember_field(conn, spec.name, &entity, "row", &Value::Null, &hlc).await?;
    }
    extend(conn, kind, &key, &mut image).await?;
    record(
        conn,
        clock,
        kind,
        &entity,
        enrollment.as_deref(),
        Value::Object(image),
        hlc,
    )
    .await
}

/// Every counter names a day's rate for a purity the same way, so the rates merge by HLC.
pub(crate) fn rate_uid(image: &Map<String, Value>) -> String {
    let day = image
        .get("rate_date")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let purity = image
        .get("purity")
        .and_then(Value::as_str)
        .unwrap_or_default();
    tables::derived_uid(&format!("gold_rate|{day}|{purity}"))
}

/// Rows that travel inside another's event: a payment's first status, a closure's payouts
/// and the code it was verified with, and the state the closure left the enrollment in.
async fn extend(
    conn: &mut SqliteConnection,
    kind: EventKind,
    key: &LocalKey,
    image: &mut Map<String, Value>,
) -> Result<(), AppError> {
    let LocalKey::Text(id) = key else {
        return Ok(());
    };
    match kind {
        EventKind::PaymentRecorded => {
            let ids = ids_where(conn, "payment_status_events", "payment_id", id).await?;
            let mut rows = Vec::new();
            for status_id in ids {
                let key = LocalKey::Int(status_id);
                rows.push(Value::Object(
                    tables::row_image(conn, &tables::PAYMENT_STATUS, &key).await?,
                ));
            }
            image.insert("status_events".into(), Value::Array(rows));
        }
        EventKind::ClosureRecorded => {
            let mut payouts = Vec::new();
            for payout in text_ids_where(conn, "payouts", "closure_id", id).await? {
                let key = LocalKey::Text(payout);
                payouts.push(Value::Object(
                    tables::row_image(conn, &tables::PAYOUTS, &key).await?,
                ));
            }
            image.insert("payouts".into(), Value::Array(payouts));
            if let Some(otp) = image
                .get("otp_id")
                .and_then(Value::as_str)
                .map(str::to_string)
            {
                let otp = tables::row_image(conn, &tables::OTP_CODES, &LocalKey::Text(otp)).await?;
                image.insert("otp".into(), Value::Object(otp));
            }
            let status: String = sqlx::query_scalar(
                "SELECT e.status FROM enrollments e JOIN closures c ON c.enrollment_id = e.id WHERE c.id = ?1",
            )
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
            image.insert("enrollment_status".into(), Value::String(status));
        }
        _ => {}
    }
    Ok(())
}

async fn ids_where(
    conn: &mut SqliteConnection,
    tbl: &str,
    col: &str,
    value: &str,
) -> Result<Vec<i64>, AppError> {
    let sql = format!("SELECT id FROM {tbl} WHERE {col} = ?1 ORDER BY id");
    Ok(sqlx::query_scalar(&sql).bind(value).fetch_all(conn).await?)
}

async fn text_ids_where(
    conn: &mut SqliteConnection,
    tbl: &str,
    col: &str,
    value: &str,
) -> Result<Vec<String>, AppError> {
    let sql = format!("SELECT id FROM {tbl} WHERE {col} = ?1 ORDER BY id");
    Ok(sqlx::query_scalar(&sql).bind(value).fetch_all(conn).await?)
}

/// Keeps the fields whose value differs from the last one recorded or applied, and stamps
/// them with `hlc` (the per-field clocks of last-writer-wins).
async fn changed_fields(
    conn: &mut SqliteConnection,
    tbl: &str,
    uid: &str,
    image: Map<String, Value>,
    hlc: &Hlc,
) -> Result<Map<String, Value>, AppError> {
    let mut changed = Map::new();
    for (field, value) in image {
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT value FROM sync_fields WHERE tbl = ?1 AND uid = ?2 AND field = ?3",
        )
        .bind(tbl)
        .bind(uid)
        .bind(&field)
        .fetch_optional(&mut *conn)
        .await?;
        if stored.as_deref() != Some(value.to_string().as_str()) {
            remember_field(conn, tbl, uid, &field, &value, hlc).await?;
            changed.insert(field, value);
        }
    }
    Ok(changed)
}

pub(crate) async fn remember_field(
    conn: &mut SqliteConnection,
    tbl: &str,
    uid: &str,
    field: &str,
    value: &Value,
    hlc: &Hlc,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO sync_fields (tbl, uid, field, value, hlc) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, uid, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
    )
    .bind(tbl)
    .bind(uid)
    .bind(field)
    .bind(value.to_string())
    .bind(hlc.encode())
    .execute(conn)
    .await?;
    Ok(())
}

/// The field's clock, if it was ever recorded or applied here.
pub(crate) async fn field_hlc(
    conn: &mut SqliteConnection,
    tbl: &str,
    uid: &str,
    field: &str,
) -> Result<Option<Hlc>, AppError> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT hlc FROM sync_fields WHERE tbl = ?1 AND uid = ?2 AND field = ?3",
    )
    .bind(tbl)
    .bind(uid)
    .bind(field)
    .fetch_optional(conn)
    .await?;
    text.map(|t| Hlc::decode(&t))
        .transpose()
        .map_err(AppError::corrupt)
}

/// Up to `limit` events after the hub's high-water mark `after`, in commit order. The hub's
/// mark decides, not `sent_at`: a hub restored from an older backup gets them again.
pub(crate) async fn unsent(
    conn: &mut SqliteConnection,
    after: u64,
    limit: usize,
) -> Result<Vec<Event>, AppError> {
    let rows = sqlx::query(
        "SELECT local_seq, device_id, event_id, kind, entity_id, enrollment_id, payload, hlc, schema_version
         FROM sync_outbox WHERE local_seq > ?1 ORDER BY local_seq LIMIT ?2",
    )
    .bind(i64::try_from(after).unwrap_or(i64::MAX))
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(conn)
    .await?;
    rows.iter().map(event_of).collect()
}

fn event_of(row: &sqlx::sqlite::SqliteRow) -> Result<Event, AppError> {
    let parse_uuid = |text: String| Uuid::parse_str(&text).map_err(AppError::corrupt);
    let device: Option<String> = row.try_get("device_id")?;
    let enrollment: Option<String> = row.try_get("enrollment_id")?;
    let kind: String = row.try_get("kind")?;
    Ok(Event {
        event_id: parse_uuid(row.try_get("event_id")?)?,
        device_id: device.map(parse_uuid).transpose()?.unwrap_or_default(),
        local_seq: u64::try_from(row.try_get::<i64, _>("local_seq")?).unwrap_or(0),
        kind: serde_json::from_value(Value::String(kind)).map_err(AppError::corrupt)?,
        schema_version: u32::try_from(row.try_get::<i64, _>("schema_version")?).unwrap_or(0),
        hlc: Hlc::decode(&row.try_get::<String, _>("hlc")?).map_err(AppError::corrupt)?,
        entity_id: Uuid::parse_str(&row.try_get::<String, _>("entity_id")?).unwrap_or_default(),
        enrollment_id: enrollment.and_then(|e| Uuid::parse_str(&e).ok()),
        payload: serde_json::from_str(&row.try_get::<String, _>("payload")?)
            .map_err(AppError::corrupt)?,
    })
}

/// Marks everything up to the hub's high-water mark as sent (only after its acknowledgement).
pub(crate) async fn mark_sent(
    conn: &mut SqliteConnection,
    high_water: u64,
    at: &str,
) -> Result<(), AppError> {
    let mark = i64::try_from(high_water).unwrap_or(i64::MAX);
    sqlx::query("UPDATE sync_outbox SET sent_at = ?1 WHERE sent_at IS NULL AND local_seq <= ?2")
        .bind(at)
        .bind(mark)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE sync_state SET push_high_water = MAX(push_high_water, ?1) WHERE id = 1")
        .bind(mark)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many events wait to be pushed.
pub(crate) async fn waiting(conn: &mut SqliteConnection) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM sync_outbox WHERE sent_at IS NULL")
            .fetch_one(conn)
            .await?,
    )
}
