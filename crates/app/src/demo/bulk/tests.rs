//! The bulk writer's sync events carry exactly what `record_row` would have sent for the
//! same rows: the image `tables::row_image` takes (parents as UUIDs), plus a payment's status.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::sync::tables::{self, LocalKey};
use crate::{Clock, Kanak};

#[tokio::test]
async fn bulk_sync_payloads_are_the_images_record_row_takes() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let secrets = std::sync::Arc::new(crate::MemorySecrets::default());
    let kanak = Kanak::open_with(dir.path(), Clock::fixed_on(today), secrets, None)
        .await
        .unwrap();
    kanak.build_demo_shop(15, 4).await.unwrap();
    let mut conn = kanak.pool.acquire().await.unwrap();
    let events: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT kind, entity_id, payload FROM sync_outbox
         WHERE kind IN ('customer.upserted', 'family_member.upserted', 'enrollment.opened', 'payment.recorded')
         ORDER BY local_seq",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    assert!(events.len() > 100, "{}", events.len());
    for (kind, entity, payload) in events {
        let mut sent: Map<String, Value> = serde_json::from_str(&payload).unwrap();
        let (spec, key) = match kind.as_str() {
            "payment.recorded" => (&tables::PAYMENTS, LocalKey::Text(entity.clone())),
            other => {
                let tbl = if other == "enrollment.opened" { "enrollments" } else { "customers" };
                let id = tables::local_id_of(&mut conn, tbl, &entity).await.unwrap().unwrap();
                let spec = if tbl == "enrollments" { &tables::ENROLLMENTS } else { &tables::CUSTOMERS };
                (spec, LocalKey::Int(id))
            }
        };
        let image = tables::row_image(&mut conn, spec, &key).await.unwrap();
        // A closure changed the enrollment after its event; the event shows it as opened.
        if image.get("status").and_then(Value::as_str).is_some_and(|s| s != "active") {
            continue;
        }
        if kind == "payment.recorded" {
            let statuses = sent.remove("status_events").unwrap();
            let id: i64 = sqlx::query_scalar(
                "SELECT id FROM payment_status_events WHERE payment_id = ?1 ORDER BY id LIMIT 1",
            )
            .bind(&entity)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
            let first = tables::row_image(&mut conn, &tables::PAYMENT_STATUS, &LocalKey::Int(id))
                .await
                .unwrap();
            assert_eq!(statuses, Value::Array(vec![Value::Object(first)]), "{entity}");
        }
        assert_eq!(sent, image, "{kind} {entity}");
    }
}
