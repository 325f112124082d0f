//! What the desktop app adds to sync: the initial snapshot of a database from before sync,
//! the manager's resolution of review-queue entries, and the auto-sync settings.

mod common;

use common::sync_net::{Counter, Net, ledger, sync_all};
use common::{customer_input, plan_input};
use kanak_app::{Clock, CloseInput, CounterEnrollInput, GoldRateInput, SettleAs, SyncSettings};
use kanak_domain::{PaymentMode, PlanKind};

async fn flexible_plan(counter: &Counter) {
    let mut input = plan_input("FLEX", PlanKind::Flexible, None, 12);
    (input.min_amount, input.max_amount) = (Some("500".into()), Some("50000".into()));
    counter
        .kanak
        .create_plan(&counter.actor, input)
        .await
        .unwrap();
}

async fn walk_in(counter: &Counter, name: &str, phone: &str) -> String {
    let enrolled = counter
        .kanak
        .counter_enroll(
            &counter.actor,
            CounterEnrollInput {
                customer: customer_input(name, phone),
                plan_code: "FLEX".into(),
                installments: None,
                payment_id: common::uuid7(),
                amount: "1000".into(),
                mode: PaymentMode::Cash,
                reference: None,
            },
        )
        .await
        .unwrap();
    enrolled.enrollment.enrollment_no
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_from_before_sync_reach_a_second_counter_once_after_enrollment() {
    let net = Net::start().await;
    let a = net.unenrolled("Counter A", Clock::System).await;
    flexible_plan(&a).await;
    let no = walk_in(&a, "Asha Verma", "9810000001").await;
    let mut second = common::cash(&no, "1500");
    second.confirm_duplicate = true;
    a.kanak.record_payment(&a.actor, second).await.unwrap();
    let rate = GoldRateInput {
        date: "2026-01-15".into(),
        purity: "22K".into(),
        per_gram: "7400".into(),
    };
    a.kanak.set_gold_rate(&a.actor, rate).await.unwrap();
    // A database from before migration 0015: the rows, and no events, identities or field clocks.
    for table in ["sync_outbox", "sync_entities", "sync_fields"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(a.kanak.pool())
            .await
            .unwrap();
    }
    net.enroll(&a).await;
    let waiting = a.kanak.sync_status().await.unwrap().events_waiting;
    assert_eq!(
        waiting, 6,
        "the plan, the customer, the rate, the enrollment and its two payments"
    );
    let b = net.counter("Counter B", Clock::System).await;
    sync_all(&[&a, &b]).await;
    let on_a = ledger(&a.kanak).await;
    assert_eq!(on_a.payments.len(), 2);
    assert_eq!(
        ledger(&b.kanak).await,
        on_a,
        "B has A's old rows, each once"
    );
    let rates: Vec<(String, i64)> =
        sqlx::query_as("SELECT rate_date, per_gram_paise FROM gold_rates ORDER BY id")
            .fetch_all(b.kanak.pool())
            .await
            .unwrap();
    assert_eq!(rates, vec![("2026-01-15".to_string(), 740_000)]);
    // Syncing again sends nothing new and doubles nothing.
    sync_all(&[&a, &b]).await;
    assert_eq!(a.kanak.sync_status().await.unwrap().events_waiting, 0);
    assert_eq!(ledger(&b.kanak).await.payments.len(), 2);
    let mut on_hub = net.hub_entities("payment.recorded").await;
    on_hub.dedup();
    assert_eq!(on_hub.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counter_enrolled_right_after_setup_has_no_snapshot_to_send() {
    let net = Net::start().await;
    let a = net.counter("Counter A", Clock::System).await;
    let status = a.kanak.sync_status().await.unwrap();
    assert!(status.enrolled);
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_outbox")
        .fetch_one(a.kanak.pool())
        .await
        .unwrap();
    flexible_plan(&a).await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_outbox")
        .fetch_one(a.kanak.pool())
        .await
        .unwrap();
    assert_eq!(after, before + 1, "only the new plan's own event");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_resolves_a_duplicate_closure_once_and_every_counter_sees_it_resolved() {
    let net = Net::start().await;
    let a = net.counter("Counter A", Clock::System).await;
    let b = net.counter("Counter B", Clock::System).await;
    flexible_plan(&a).await;
    sync_all(&[&a, &b]).await;
    let no = walk_in(&a, "Asha Verma", "9810000001").await;
    sync_all(&[&a, &b]).await;
    let close = || CloseInput {
        enrollment_no: no.clone(),
        settlement: SettleAs::Cash,
        invoice_no: None,
        invoice_value: None,
    };
    for (counter, why) in [(&a, "asked at A"), (&b, "asked at B")] {
        counter
            .kanak
            .override_closure(&counter.actor, close(), why)
            .await
            .unwrap();
    }
    sync_all(&[&a, &b]).await;
    let queue = b.kanak.sync_conflicts(false).await.unwrap();
    assert_eq!(queue.len(), 1, "{queue:?}");
    let id = queue[0].id.clone();
    let empty = b.kanak.sync_resolve(&b.actor, &id, "  ").await.unwrap_err();
    assert_eq!(empty.field(), Some("resolution"));
    let resolved = b
        .kanak
        .sync_resolve(&b.actor, &id, "B's payout was never handed over")
        .await
        .unwrap();
    assert!(resolved.resolved);
    assert_eq!(b.kanak.sync_status().await.unwrap().conflicts, 0);
    let again = b
        .kanak
        .sync_resolve(&b.actor, &id, "twice")
        .await
        .unwrap_err();
    assert_eq!(again.code(), "conflict");
    sync_all(&[&a, &b]).await;
    assert!(a.kanak.sync_conflicts(false).await.unwrap().is_empty());
    let on_a = a.kanak.sync_conflicts(true).await.unwrap();
    assert!(on_a.iter().all(|c| c.resolved) && on_a.len() == 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_entry_only_this_counter_has_is_resolved_here_without_the_hub() {
    let net = Net::start().await;
    let a = net.counter("Counter A", Clock::System).await;
    let b = net.counter("Counter B", Clock::System).await;
    flexible_plan(&a).await;
    sync_all(&[&a, &b]).await;
    walk_in(&a, "Asha Verma", "9810000001").await;
    walk_in(&b, "Asha V.", "9810000001").await;
    sync_all(&[&a, &b]).await;
    let queue = a.kanak.sync_conflicts(false).await.unwrap();
    let twin = queue
        .iter()
        .find(|c| c.kind == "duplicate_customer")
        .unwrap_or_else(|| panic!("{queue:?}"));
    let resolved = a
        .kanak
        .sync_resolve(&a.actor, &twin.id, "two people sharing one phone")
        .await
        .unwrap();
    assert!(resolved.resolved);
    let missing = a
        .kanak
        .sync_resolve(&a.actor, "nope", "x")
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_sync_is_on_every_two_minutes_until_changed_within_its_bounds() {
    let net = Net::start().await;
    let a = net.unenrolled("Counter A", Clock::System).await;
    let settings = a.kanak.sync_settings().await.unwrap();
    assert_eq!(
        settings,
        SyncSettings {
            auto_sync: true,
            interval_seconds: 120
        }
    );
    let too_often = SyncSettings {
        auto_sync: true,
        interval_seconds: 5,
    };
    let refused = a
        .kanak
        .update_sync_settings(&a.actor, too_often)
        .await
        .unwrap_err();
    assert_eq!(refused.field(), Some("interval_seconds"));
    let off = SyncSettings {
        auto_sync: false,
        interval_seconds: 600,
    };
    a.kanak
        .update_sync_settings(&a.actor, off.clone())
        .await
        .unwrap();
    assert_eq!(a.kanak.sync_settings().await.unwrap(), off);
}
