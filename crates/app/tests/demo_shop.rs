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

/// The shop is written in bulk, but the use cases carry on from it as from their own rows.
#[tokio::test]
async fn a_payment_after_the_bulk_shop_takes_the_next_receipt_and_the_chain_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (kanak, summary) = demo(dir.path(), 5).await;
    let owner = kanak
        .login(OWNER_LOGIN, &kanak_app::DEMO_OWNER_PIN.into())
        .await
        .unwrap();
    let last: String = sqlx::query_scalar("SELECT MAX(receipt_no) FROM payments")
        .fetch_one(kanak.pool())
        .await
        .unwrap();
    let last_no: u32 = last.rsplit('R').next().unwrap().parse().unwrap();
    assert_eq!(last_no, summary.payments, "receipts are numbered 1..n");
    let open: String = sqlx::query_scalar(
        "SELECT enrollment_no FROM enrollments WHERE plan_code = 'FLEXI12' AND status = 'active'
           AND maturity_date > '2026-11-30' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(kanak.pool())
    .await
    .unwrap();
    let before = kanak.enrollment_detail(&open).await.unwrap();
    let paid = kanak
        .record_payment(
            &owner,
            kanak_app::PaymentInput {
                id: uuid::Uuid::now_v7().to_string(),
                enrollment_no: open.clone(),
                amount: "700".into(),
                mode: kanak_domain::PaymentMode::Cash,
                reference: None,
                date: None,
                confirm_duplicate: false,
            },
        )
        .await
        .unwrap();
    let expected = format!("{}{:06}", &last[..last.len() - 6], last_no + 1);
    assert_eq!(paid.payment.receipt_no, expected);
    let after = kanak.enrollment_detail(&open).await.unwrap();
    assert_eq!(after.payments.len(), before.payments.len() + 1);
    let customer = kanak
        .add_customer(
            &owner,
            kanak_app::CustomerInput {
                name: "Nayi Grahak".into(),
                phone: "9123400001".into(),
                pan: None,
                aadhaar: None,
                dob: None,
                address: None,
                pin_code: None,
                email: None,
                family_of: None,
                relation: None,
            },
        )
        .await
        .unwrap();
    let codes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers WHERE code = ?1")
        .bind(&customer.code)
        .fetch_one(kanak.pool())
        .await
        .unwrap();
    assert_eq!(codes, 1);
    let audit = kanak.verify_audit(&owner).await.unwrap();
    assert!(audit.intact, "{audit:?}");
}

/// What the engine says each enrollment holds is what its payments add up to.
#[tokio::test]
async fn each_enrollments_total_paid_is_the_sum_of_its_confirmed_payments() {
    let dir = tempfile::tempdir().unwrap();
    let (kanak, _) = demo(dir.path(), 3).await;
    let sums: Vec<(String, i64)> = sqlx::query_as(
        "SELECT e.enrollment_no, COALESCE(SUM(CASE WHEN (SELECT s.status FROM payment_status_events s
                  WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) = 'confirmed' THEN p.amount_paise END), 0)
         FROM enrollments e LEFT JOIN payments p ON p.enrollment_id = e.id GROUP BY e.id ORDER BY e.id",
    )
    .fetch_all(kanak.pool())
    .await
    .unwrap();
    assert!(sums.len() >= 50);
    for (no, paise) in sums {
        let detail = kanak.enrollment_detail(&no).await.unwrap();
        let total = kanak_domain::Money::parse("total", &detail.evaluation.total_paid).unwrap();
        assert_eq!(total.paise(), paise, "{no}");
    }
}

/// Every customer, enrollment and payment of the bulk shop has its sync event, as the use
/// cases write them, so the shop can be pushed to a hub.
#[tokio::test]
async fn every_bulk_row_has_its_sync_event() {
    let dir = tempfile::tempdir().unwrap();
    let (kanak, summary) = demo(dir.path(), 9).await;
    let count = |kind: &'static str| {
        let pool = kanak.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sync_outbox WHERE kind = ?1")
                .bind(kind)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let people = count("customer.upserted").await + count("family_member.upserted").await;
    assert_eq!(people, i64::from(summary.customers));
    assert_eq!(count("enrollment.opened").await, i64::from(summary.enrollments));
    assert_eq!(count("payment.recorded").await, i64::from(summary.payments));
    let unmatched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payments p WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o
            WHERE o.entity_id = p.id AND json_extract(o.payload, '$.receipt_no') = p.receipt_no
              AND json_array_length(o.payload, '$.status_events') = 1)",
    )
    .fetch_one(kanak.pool())
    .await
    .unwrap();
    assert_eq!(unmatched, 0);
}
