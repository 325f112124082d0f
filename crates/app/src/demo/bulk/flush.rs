//! Writing a day's bulk rows: one multi-row `INSERT … SELECT … FROM json_each(?)` per table
//! (a round trip per table and day instead of one per statement), then the sync events, whose
//! payloads are the rows' images as the store now has them, exactly as `record_row` takes them.

use std::collections::HashMap;

use kanak_sync::{EventClass, EventKind, SCHEMA_VERSION};
use serde_json::{Map, Value, json};
use sqlx::SqliteConnection;

use super::{Bulk, Pending, SEQUENCES};
use crate::AppError;
use crate::sync::{hlc_state, tables};

/// Rows per statement: large enough that round trips do not matter, small enough to keep
/// each JSON parameter a few megabytes.
const CHUNK: usize = 5_000;

async fn insert(
    conn: &mut SqliteConnection,
    table: &str,
    cols: &[&str],
    rows: &[Value],
) -> Result<(), AppError> {
    let picks: Vec<String> = (0..cols.len()).map(|i| format!("value ->> {i}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT {} FROM json_each(?1)",
        cols.join(", "),
        picks.join(", ")
    );
    for chunk in rows.chunks(CHUNK) {
        let json = serde_json::to_string(chunk).map_err(AppError::corrupt)?;
        sqlx::query(&sql).bind(json).execute(&mut *conn).await?;
    }
    Ok(())
}

impl Bulk {
    /// Writes everything decided since the last flush, and the sequences and clock the use
    /// cases read next.
    pub(in crate::demo) async fn flush(&mut self, conn: &mut SqliteConnection) -> Result<(), AppError> {
        let rows = std::mem::take(&mut self.rows);
        let customers = [
            "id", "code", "name", "phone", "pan", "aadhaar_last4", "dob", "address", "pin_code",
            "email", "family_of", "relation", "created_at", "created_by", "updated_at",
        ];
        insert(conn, "customers", &customers, &rows.customers).await?;
        let enrollments = [
            "id", "enrollment_no", "customer_id", "plan_id", "plan_code", "plan_name",
            "terms_json", "start_date", "maturity_date", "created_at", "created_by",
        ];
        insert(conn, "enrollments", &enrollments, &rows.enrollments).await?;
        let payments = [
            "id", "receipt_no", "enrollment_id", "installment_no", "amount_paise", "mode",
            "reference", "received_on", "received_at", "received_by", "purity",
            "rate_per_gram_paise", "grams_mg", "request_fingerprint",
        ];
        insert(conn, "payments", &payments, &rows.payments).await?;
        let statuses = ["id", "payment_id", "status", "reason", "at", "by_staff"];
        insert(conn, "payment_status_events", &statuses, &rows.statuses).await?;
        let messages = [
            "id", "channel", "to_phone", "template", "body", "created_at", "state",
            "trigger_kind", "idempotency_key", "customer_id", "enrollment_no", "params_json",
            "next_attempt_at", "last_error", "updated_at",
        ];
        insert(conn, "outbox", &messages, &rows.messages).await?;
        let audit = [
            "id", "at", "actor", "device", "action", "customer_code", "enrollment_no", "detail",
            "before_json", "after_json", "prev_hash", "hash",
        ];
        insert(conn, "audit_log", &audit, &rows.audit).await?;
        insert(conn, "sync_entities", &["tbl", "local_id", "uid"], &rows.entities).await?;
        self.sync_events(conn, rows.events).await?;
        for (i, name) in SEQUENCES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO sequences (name, next_value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET next_value = excluded.next_value",
            )
            .bind(name)
            .bind(self.seq[i])
            .execute(&mut *conn)
            .await?;
        }
        hlc_state::store(conn, &self.hlc).await
    }

    async fn sync_events(
        &mut self,
        conn: &mut SqliteConnection,
        events: Vec<Pending>,
    ) -> Result<(), AppError> {
        let mut images: HashMap<(&'static str, String), Map<String, Value>> = HashMap::new();
        let specs = [&tables::CUSTOMERS, &tables::ENROLLMENTS, &tables::PAYMENTS];
        for spec in specs {
            let keys: Vec<Value> = events
                .iter()
                .filter(|e| e.spec.name == spec.name)
                .map(|e| e.key.clone())
                .collect();
            for (key, image) in tables::row_images(conn, spec, &keys).await? {
                images.insert((spec.name, key.to_string()), image);
            }
        }
        let status_keys: Vec<Value> = events.iter().filter_map(|e| e.status_id.map(Value::from)).collect();
        let spec = &tables::PAYMENT_STATUS;
        for (key, image) in tables::row_images(conn, spec, &status_keys).await? {
            images.insert((spec.name, key.to_string()), image);
        }
        let (mut fields, mut outbox) = (Vec::new(), Vec::new());
        for ev in events {
            let mut image = images
                .remove(&(ev.spec.name, ev.key.to_string()))
                .ok_or_else(|| AppError::corrupt(format!("{} row {} just written", ev.spec.name, ev.key)))?;
            for (column, parent) in ev.spec.parents {
                if let Some(id) = image.get(*column).and_then(Value::as_i64) {
                    let uid = match self.uids.get(&(*parent, id)) {
                        Some(uid) => uid.clone(),
                        None => tables::ensure_uid(conn, parent, id).await?,
                    };
                    image.insert((*column).to_string(), Value::String(uid));
                }
            }
            let entity = match &ev.key {
                Value::String(id) => id.clone(),
                key => self
                    .uids
                    .get(&(ev.spec.name, key.as_i64().unwrap_or_default()))
                    .cloned()
                    .ok_or_else(|| AppError::corrupt("a bulk row without its sync identity"))?,
            };
            let enrollment = match ev.spec.name {
                "enrollments" => Some(entity.clone()),
                _ => image
                    .get("enrollment_id")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            };
            let hlc = ev.hlc.encode();
            if ev.kind.class() == EventClass::MutableRecord {
                // A new record: every field is a change (`changed_fields` finds none stored).
                for (field, value) in &image {
                    fields.push(json!([ev.spec.name, entity, field, value.to_string(), hlc]));
                }
            }
            if ev.kind == EventKind::PaymentRecorded {
                let first = ev
                    .status_id
                    .and_then(|id| images.remove(&(tables::PAYMENT_STATUS.name, id.to_string())))
                    .ok_or_else(|| AppError::corrupt("a bulk payment without its status"))?;
                image.insert("status_events".into(), json!([first]));
            }
            let kind = serde_json::to_value(ev.kind).map_err(AppError::corrupt)?;
            outbox.push(json!([
                self.device,
                ev.event_id,
                kind,
                entity,
                enrollment,
                Value::Object(image).to_string(),
                hlc,
                SCHEMA_VERSION,
                ev.at
            ]));
        }
        let cols = ["tbl", "uid", "field", "value", "hlc"];
        insert(conn, "sync_fields", &cols, &fields).await?;
        let cols = [
            "device_id", "event_id", "kind", "entity_id", "enrollment_id", "payload", "hlc",
            "schema_version", "created_at",
        ];
        insert(conn, "sync_outbox", &cols, &outbox).await
    }
}
