//! State changes the hub validates: one closure per enrollment, no payment after it.

mod common;

use common::TestHub;
use kanak_sync::{ConflictKind, EventKind, MAX_BATCH, ResolveRequest};

#[tokio::test]
async fn two_offline_closures_of_one_enrollment_give_one_closure_and_one_conflict() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let mut b = hub.counter("Counter 2").await;
    let (enrollment, opened) = a.opening();
    a.push_ok(&[opened]).await;
    b.pull_all(MAX_BATCH).await;
    // Both close it while offline; A syncs first.
    let closed_by_a = a.closure(enrollment);
    let closed_by_b = b.closure(enrollment);
    assert!(
        a.push_ok(std::slice::from_ref(&closed_by_a))
            .await
            .conflicts
            .is_empty()
    );
    let ack = b.push_ok(std::slice::from_ref(&closed_by_b)).await;
    assert_eq!(
        ack.high_water, 1,
        "the held closure is on the hub: B marks it sent"
    );
    assert_eq!(ack.conflicts.len(), 1);
    assert_eq!(ack.conflicts[0].kind, ConflictKind::DuplicateClosure);
    assert_eq!(ack.conflicts[0].event_id, closed_by_b.event_id);

    for counter in [&a, &b] {
        let log = counter.pull_all(MAX_BATCH).await;
        let closures: Vec<_> = log
            .iter()
            .filter(|l| l.event.kind == EventKind::ClosureRecorded)
            .collect();
        assert_eq!(closures.len(), 1);
        assert_eq!(closures[0].event.event_id, closed_by_a.event_id);
        let raised: Vec<_> = log
            .iter()
            .filter(|l| l.event.kind == EventKind::ConflictRaised)
            .collect();
        assert_eq!(raised.len(), 1, "every counter sees the conflict");
        assert_eq!(
            raised[0].event.payload["held_event"]["event_id"],
            closed_by_b.event_id.to_string()
        );
    }
    let held: String = sqlx::query_scalar("SELECT status FROM received WHERE event_id = $1")
        .bind(closed_by_b.event_id)
        .fetch_one(hub.hub.pool())
        .await
        .unwrap();
    assert_eq!(held, "held", "kept, not dropped");
}

#[tokio::test]
async fn payment_after_the_hub_closed_the_enrollment_is_held_as_a_conflict() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let mut b = hub.counter("Counter 2").await;
    let (enrollment, opened) = a.opening();
    let closure = a.closure(enrollment);
    a.push_ok(&[opened, closure]).await;
    let late = b.payment(enrollment);
    let ack = b.push_ok(std::slice::from_ref(&late)).await;
    assert_eq!(ack.conflicts[0].kind, ConflictKind::PaymentAfterClosure);
    let log = a.pull_all(MAX_BATCH).await;
    assert!(
        !log.iter().any(|l| l.event.event_id == late.event_id),
        "the payment itself is not applied"
    );
    assert!(
        log.iter()
            .any(|l| l.event.kind == EventKind::ConflictRaised)
    );
}

#[tokio::test]
async fn pause_of_a_closed_enrollment_is_an_invalid_transition() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let (enrollment, opened) = a.opening();
    let closure = a.closure(enrollment);
    let pause = a.event(EventKind::EnrollmentPaused, enrollment, Some(enrollment));
    let ack = a.push_ok(&[opened, closure, pause]).await;
    assert_eq!(ack.conflicts.len(), 1);
    assert_eq!(ack.conflicts[0].kind, ConflictKind::InvalidTransition);
}

#[tokio::test]
async fn manager_resolution_is_appended_once_for_every_counter() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let mut b = hub.counter("Counter 2").await;
    let (enrollment, opened) = a.opening();
    let closure = a.closure(enrollment);
    a.push_ok(&[opened, closure]).await;
    let second = b.closure(enrollment);
    let conflict = b.push_ok(&[second]).await.conflicts.remove(0);
    let url = format!("{}/v1/conflicts/{}/resolve", hub.base, conflict.conflict_id);
    let request = ResolveRequest {
        resolution: "B's payout cancelled; customer paid once by A".into(),
    };
    let resolve = || {
        hub.http
            .post(&url)
            .bearer_auth(&a.enrolled.credential)
            .json(&request)
            .send()
    };
    assert_eq!(resolve().await.unwrap().status(), 200);
    assert_eq!(resolve().await.unwrap().status(), 404, "already resolved");
    let log = b.pull_all(MAX_BATCH).await;
    let resolved: Vec<_> = log
        .iter()
        .filter(|l| l.event.kind == EventKind::ConflictResolved)
        .collect();
    assert_eq!(resolved.len(), 1);
    assert_eq!(
        resolved[0].event.payload["conflict_id"],
        conflict.conflict_id.to_string()
    );
    assert_eq!(hub.health().await["open_conflicts"], 0);
}
