//! Three counters and one hub on real PostgreSQL: offline work converges after sync, a
//! payment reaches every counter exactly once whatever the network does, and conflicts that
//! need a person reach every counter's review queue.

mod common;

use common::sync_net::{Counter, Fault, Net, ledger, sync_all};
use common::{cash, customer_input, plan_input};
use kanak_app::{Clock, CloseInput, CounterEnrollInput, SettleAs};
use kanak_domain::{PaymentMode, PlanKind};

async fn flexible_plan(counter: &Counter) -> String {
    let mut input = plan_input("FLEX", PlanKind::Flexible, None, 12);
    (input.min_amount, input.max_amount) = (Some("500".into()), Some("50000".into()));
    counter
        .kanak
        .create_plan(&counter.actor, input)
        .await
        .unwrap()
        .code
}

/// Registers, enrolls and takes the first payment at the counter, then `extra` more payments.
async fn walk_in(counter: &Counter, name: &str, phone: &str, extra: u32) -> String {
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
    let no = enrolled.enrollment.enrollment_no;
    for i in 0..extra {
        let mut input = cash(&no, &format!("{}", 600 + i));
        input.confirm_duplicate = true;
        counter
            .kanak
            .record_payment(&counter.actor, input)
            .await
            .unwrap();
    }
    no
}

async fn three() -> (Net, Counter, Counter, Counter) {
    let net = Net::start().await;
    let a = net.counter("Counter A", Clock::System).await;
    let b = net.counter("Counter B", Clock::System).await;
    let c = net.counter("Counter C", Clock::System).await;
    flexible_plan(&a).await;
    sync_all(&[&a, &b, &c]).await;
    (net, a, b, c)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_enrollments_and_payments_on_three_counters_converge_after_sync() {
    let (net, a, b, c) = three().await;
    // All three work offline (nobody syncs) ...
    walk_in(&a, "Asha Verma", "9810000001", 2).await;
    walk_in(&b, "Bhavna Rao", "9810000002", 1).await;
    walk_in(&c, "Chetan Das", "9810000003", 3).await;
    walk_in(&c, "Deepa Jain", "9810000004", 0).await;
    assert_eq!(
        ledger(&b.kanak).await.payments.len(),
        2,
        "B saw only its own work offline"
    );
    // ... then the network comes back.
    sync_all(&[&a, &b, &c]).await;
    let on_a = ledger(&a.kanak).await;
    assert_eq!(on_a, ledger(&b.kanak).await);
    assert_eq!(on_a, ledger(&c.kanak).await);
    assert_eq!(on_a.customers.len(), 4);
    assert_eq!(on_a.payments.len(), 3 + 2 + 4 + 1);
    let codes: std::collections::BTreeSet<_> = on_a.customers.iter().map(|c| &c.0).collect();
    assert_eq!(
        codes.len(),
        4,
        "each counter has its own series of customer codes"
    );
    let hub_payments = net.hub_entities("payment.recorded").await;
    let mut ours: Vec<String> = on_a.payments.iter().map(|p| p.0.clone()).collect();
    ours.sort();
    assert_eq!(
        ours, hub_payments,
        "the counters hold exactly the hub's payments"
    );
    for counter in [&a, &b, &c] {
        let status = counter.kanak.sync_status().await.unwrap();
        assert_eq!(
            (
                status.events_waiting,
                status.events_pending,
                status.conflicts
            ),
            (0, 0, 0)
        );
        assert!(status.online && status.last_synced_at.is_some());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_whose_acknowledgement_was_lost_is_resent_and_stored_once() {
    let (_net_guard, a, b, _c) = three().await;
    let net = &_net_guard;
    let no = walk_in(&a, "Asha Verma", "9810000001", 1).await;
    net.fault(Fault::LoseAck);
    let lost = a.kanak.sync_now().await.unwrap_err();
    assert_eq!(lost.code(), "hub_unreachable");
    let status = a.kanak.sync_status().await.unwrap();
    assert!(
        status.events_waiting > 0,
        "not marked sent without the hub's answer"
    );
    assert!(!status.online && status.last_error.is_some());
    net.fault(Fault::None);
    a.kanak.sync_now().await.unwrap();
    assert_eq!(a.kanak.sync_status().await.unwrap().events_waiting, 0);
    b.kanak.sync_now().await.unwrap();
    let on_b = ledger(&b.kanak).await;
    assert_eq!(on_b.payments.len(), 2);
    assert_eq!(on_b.balances, vec![(no, 1000_00 + 600_00)]);
    assert_eq!(on_b, ledger(&a.kanak).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_cut_halfway_changes_nothing_on_the_hub_and_goes_again_whole() {
    let (net, a, b, c) = three().await;
    walk_in(&a, "Asha Verma", "9810000001", 2).await;
    net.fault(Fault::CutRequest);
    assert!(a.kanak.sync_now().await.is_err());
    assert!(net.hub_entities("payment.recorded").await.is_empty());
    net.fault(Fault::None);
    sync_all(&[&a, &b, &c]).await;
    assert_eq!(net.hub_entities("payment.recorded").await.len(), 3);
    assert_eq!(ledger(&c.kanak).await, ledger(&a.kanak).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_pulled_twice_are_applied_once() {
    let (_net, a, b, c) = three().await;
    walk_in(&a, "Asha Verma", "9810000001", 2).await;
    sync_all(&[&a, &b, &c]).await;
    let before = ledger(&b.kanak).await;
    // B forgets where it was and pulls the whole log again.
    sqlx::query("UPDATE sync_state SET pull_cursor = 0")
        .execute(b.kanak.pool())
        .await
        .unwrap();
    b.kanak.sync_now().await.unwrap();
    assert_eq!(ledger(&b.kanak).await, before);
    assert_eq!(before.payments.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clocks_hours_and_days_behind_still_converge_and_later_edits_win() {
    let net = Net::start().await;
    let now = chrono::Utc::now();
    let a = net.counter("Counter A", Clock::System).await;
    let b = net
        .counter("Counter B", Clock::Fixed(now - chrono::Duration::hours(5)))
        .await;
    let c = net
        .counter("Counter C", Clock::Fixed(now - chrono::Duration::days(3)))
        .await;
    flexible_plan(&a).await;
    sync_all(&[&a, &b, &c]).await;
    let no = walk_in(&c, "Chetan Das", "9810000003", 1).await;
    walk_in(&b, "Bhavna Rao", "9810000002", 0).await;
    sync_all(&[&a, &b, &c]).await;
    // C, whose clock is three days slow, edits after seeing A's and B's work: its HLC is
    // later than theirs, so its edit wins everywhere even though its wall clock says otherwise.
    let code = c.kanak.enrollment(&no).await.unwrap().customer_code;
    let edit = |name: &str| kanak_app::CustomerEdit {
        code: None,
        name: name.into(),
        phone: "9810000003".into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
    };
    a.kanak
        .edit_customer(&a.actor, &code, edit("Chetan D."))
        .await
        .unwrap();
    a.kanak.sync_now().await.unwrap();
    c.kanak.sync_now().await.unwrap();
    c.kanak
        .edit_customer(&c.actor, &code, edit("Chetan Kumar Das"))
        .await
        .unwrap();
    sync_all(&[&a, &b, &c]).await;
    for counter in [&a, &b, &c] {
        assert_eq!(
            counter.kanak.customer(&code).await.unwrap().name,
            "Chetan Kumar Das",
            "on {}",
            counter.name
        );
    }
    assert_eq!(ledger(&a.kanak).await, ledger(&b.kanak).await);
    assert_eq!(ledger(&a.kanak).await, ledger(&c.kanak).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counter_whose_clock_runs_a_day_ahead_is_refused_and_told_so() {
    let net = Net::start().await;
    let a = net.counter("Counter A", Clock::System).await;
    let ahead = net
        .counter(
            "Counter F",
            Clock::Fixed(chrono::Utc::now() + chrono::Duration::days(1)),
        )
        .await;
    flexible_plan(&a).await;
    sync_all(&[&a, &ahead]).await;
    walk_in(&ahead, "Farah Khan", "9810000009", 0).await;
    ahead.kanak.sync_now().await.unwrap();
    let queue = ahead.kanak.sync_conflicts(false).await.unwrap();
    assert!(
        !queue.is_empty() && queue.iter().all(|c| c.kind == "rejected"),
        "{queue:?}"
    );
    assert!(queue[0].detail.contains("clock"), "{}", queue[0].detail);
    a.kanak.sync_now().await.unwrap();
    assert!(
        ledger(&a.kanak).await.payments.is_empty(),
        "nothing from a wrong clock was merged"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_offline_closures_of_one_enrollment_leave_one_closure_and_one_conflict_everywhere() {
    let (net, a, b, c) = three().await;
    let no = walk_in(&a, "Asha Verma", "9810000001", 1).await;
    sync_all(&[&a, &b, &c]).await;
    let close = || CloseInput {
        enrollment_no: no.clone(),
        settlement: SettleAs::Cash,
        invoice_no: None,
        invoice_value: None,
    };
    a.kanak
        .override_closure(&a.actor, close(), "customer needs the money now")
        .await
        .unwrap();
    b.kanak
        .override_closure(&b.actor, close(), "customer asked at counter B")
        .await
        .unwrap();
    sync_all(&[&a, &b, &c]).await;
    let on_a = ledger(&a.kanak).await;
    assert_eq!(on_a.closures.len(), 1);
    assert_eq!(
        net.hub_entities("closure.recorded").await,
        vec![on_a.closures[0].0.clone()]
    );
    for counter in [&a, &b, &c] {
        assert_eq!(ledger(&counter.kanak).await, on_a, "on {}", counter.name);
        let queue = counter.kanak.sync_conflicts(false).await.unwrap();
        assert_eq!(queue.len(), 1, "on {}: {queue:?}", counter.name);
        assert_eq!(queue[0].kind, "duplicate_closure");
    }
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_held WHERE tbl = 'closures'")
        .fetch_one(b.kanak.pool())
        .await
        .unwrap();
    assert_eq!(
        held, 1,
        "B's own closure and its payout are held, not dropped"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schema_the_hub_does_not_accept_is_refused_and_the_events_stay_waiting() {
    let (_net, a, b, _c) = three().await;
    walk_in(&a, "Asha Verma", "9810000001", 0).await;
    sqlx::query("UPDATE sync_outbox SET schema_version = 99 WHERE sent_at IS NULL")
        .execute(a.kanak.pool())
        .await
        .unwrap();
    let refused = a.kanak.sync_now().await.unwrap_err();
    assert_eq!(refused.code(), "schema_too_new");
    let status = a.kanak.sync_status().await.unwrap();
    assert!(status.events_waiting > 0 && status.last_error.is_some());
    b.kanak.sync_now().await.unwrap();
    assert!(ledger(&b.kanak).await.payments.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_phone_registered_on_two_counters_goes_to_the_merge_queue() {
    let (_net, a, b, c) = three().await;
    walk_in(&a, "Asha Verma", "9810000001", 0).await;
    walk_in(&b, "Asha V", "9810000001", 0).await;
    sync_all(&[&a, &b, &c]).await;
    for counter in [&a, &b, &c] {
        let queue = counter.kanak.sync_conflicts(false).await.unwrap();
        assert_eq!(queue.len(), 1, "on {}: {queue:?}", counter.name);
        assert_eq!(queue[0].kind, "duplicate_customer");
    }
}
