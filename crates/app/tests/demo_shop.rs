//! The demo shop (issue #9) is a shop the app's own checks accept, and the seed decides it.

use kanak_app::{Clock, Kanak, OWNER_LOGIN, ReportFilter, ReportName};

async fn demo(dir: &std::path::Path, seed: u64) -> (Kanak, kanak_app::DemoSummary) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let secrets = std::sync::Arc::new(kanak_app::MemorySecrets::default());
    let kanak = Kanak::open_with(dir, Clock::fixed_on(today), secrets, None)
        .await
        .unwrap();
    let summary = kanak.build_demo_shop(50, seed).await.unwrap();
    (kanak, summary)
}

/// Every table the generator writes, as text, in a fixed order (ids included).
async fn dump(kanak: &Kanak) -> Vec<String> {
    let mut rows = Vec::new();
    for (table, order) in [
        ("customers", "id"),
        ("enrollments", "id"),
        ("payments", "id"),
        ("payment_status_events", "id"),
        ("gold_rates", "id"),
        ("closures", "id"),
        ("outbox", "id"),
        ("audit_log", "id"),
    ] {
        // Outbox and closure ids are the app's own fresh UUIDv7s (not the generator's); the rest is seeded.
        let columns = match table {
            "outbox" => {
                "channel, to_phone, template, body, created_at, idempotency_key, params_json"
            }
            "closures" => {
                "enrollment_id, kind, settlement, paid_paise, bonus_paise, value_paise, invoice_no, quote_json, closed_at, closed_by"
            }
            _ => "*",
        };
        let sql = format!("SELECT {columns} FROM {table} ORDER BY {order}");
        let all: Vec<sqlx::sqlite::SqliteRow> =
            sqlx::query(&sql).fetch_all(kanak.pool()).await.unwrap();
        for row in all {
            use sqlx::{Column, Row, ValueRef};
            let cells: Vec<String> = (0..row.columns().len())
                .map(|i| {
                    let raw = row.try_get_raw(i).unwrap();
                    if raw.is_null() {
                        "NULL".into()
                    } else {
                        row.try_get::<String, _>(i)
                            .or_else(|_| row.try_get::<i64, _>(i).map(|v| v.to_string()))
                            .unwrap_or_else(|_| format!("<{}>", row.column(i).name()))
                    }
                })
                .collect();
            rows.push(format!("{table}: {}", cells.join("|")));
        }
    }
    rows
}

#[tokio::test]
async fn the_demo_shop_passes_the_apps_own_checks() {
    let dir = tempfile::tempdir().unwrap();
    let (kanak, summary) = demo(dir.path(), 7).await;
    assert_eq!(summary.customers, 50);
    assert!(summary.enrollments >= 50, "{summary:?}");
    assert!(summary.payments > 200, "{summary:?}");
    assert!(
        summary.closures > 0 && summary.family_members > 0,
        "{summary:?}"
    );
    let owner = kanak
        .login(OWNER_LOGIN, &kanak_app::DEMO_OWNER_PIN.into())
        .await
        .unwrap();
    let audit = kanak.verify_audit(&owner).await.unwrap();
    assert!(audit.intact, "{audit:?}");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payments")
        .fetch_one(kanak.pool())
        .await
        .unwrap();
    assert_eq!(stored, i64::from(summary.payments));
    let numbers: Vec<String> = sqlx::query_scalar("SELECT enrollment_no FROM enrollments")
        .fetch_all(kanak.pool())
        .await
        .unwrap();
    for no in &numbers {
        kanak.enrollment_detail(no).await.unwrap();
    }
    for name in [
        ReportName::Missed,
        ReportName::Outstanding,
        ReportName::YearEnd,
        ReportName::Payments,
    ] {
        kanak
            .report(&owner, name, ReportFilter::default())
            .await
            .unwrap();
    }
    kanak.dashboard(&owner).await.unwrap();
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT json_extract(terms_json, '$.kind') FROM enrollments ORDER BY 1",
    )
    .fetch_all(kanak.pool())
    .await
    .unwrap();
    assert_eq!(kinds, ["amount", "flexible", "weight"]);
}

#[tokio::test]
async fn the_same_seed_gives_the_same_shop_and_another_seed_another() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (first, _) = demo(a.path(), 11).await;
    let (again, _) = demo(b.path(), 11).await;
    let (other, _) = demo(c.path(), 12).await;
    let (rows, same) = (dump(&first).await, dump(&again).await);
    assert_eq!(rows.len(), same.len());
    let differing = rows.iter().zip(&same).find(|(a, b)| a != b);
    assert_eq!(differing, None, "the first row that differs");
    assert_ne!(rows, dump(&other).await);
}
