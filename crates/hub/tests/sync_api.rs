//! Enrollment, push and pull over HTTP against a real PostgreSQL.

mod common;

use common::{Counter, TestHub};
use kanak_sync::{
    DeviceStatus, EventKind, HubError, HubErrorCode, MAX_BATCH, PushResponse, RejectionReason,
    SCHEMA_VERSION,
};
use uuid::Uuid;

async fn error_of(response: reqwest::Response) -> (u16, HubErrorCode) {
    let status = response.status().as_u16();
    let body: HubError = response.json().await.unwrap();
    (status, body.code)
}

#[tokio::test]
async fn payment_pushed_by_one_counter_is_pulled_by_another_once() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let b = hub.counter("Counter 2").await;
    assert_eq!(
        (
            a.enrolled.counter_code.as_str(),
            b.enrolled.counter_code.as_str()
        ),
        ("C1", "C2")
    );
    let (enrollment, opened) = a.opening();
    let payment = a.payment(enrollment);
    let ack = a.push_ok(&[opened.clone(), payment.clone()]).await;
    assert_eq!(
        ack,
        PushResponse {
            high_water: 2,
            rejected: vec![],
            conflicts: vec![]
        }
    );

    let log = b.pull_all(MAX_BATCH).await;
    let ids: Vec<Uuid> = log.iter().map(|l| l.event.event_id).collect();
    assert_eq!(ids, vec![opened.event_id, payment.event_id]);
    assert_eq!(log[1].event, payment);
    assert_eq!(
        log.iter().map(|l| l.position).collect::<Vec<_>>(),
        vec![1, 2]
    );

    let status: DeviceStatus = b
        .http
        .get(format!("{}/v1/status", b.base))
        .bearer_auth(&b.enrolled.credential)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status.log_head, 2);
    let health = hub.health().await;
    assert_eq!(health["devices"], 2);
    assert_eq!(health["events"], 2);
}

#[tokio::test]
async fn enrollment_token_works_once_and_credentials_are_required() {
    let hub = TestHub::start().await;
    let token = hub.hub.add_device("MAIN", "Counter 1").await.unwrap();
    assert_eq!(hub.enroll(&token, "first").await.status(), 200);
    assert_eq!(
        error_of(hub.enroll(&token, "second").await).await,
        (401, HubErrorCode::InvalidToken)
    );
    let unauthenticated = hub
        .http
        .get(format!("{}/v1/pull?after=0", hub.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(unauthenticated).await,
        (401, HubErrorCode::Unauthorized)
    );
}

#[tokio::test]
async fn batch_resent_after_a_lost_acknowledgement_is_harmless() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let (enrollment, opened) = a.opening();
    let batch = vec![opened, a.payment(enrollment), a.payment(enrollment)];
    let first = a.push_ok(&batch).await;
    // The acknowledgement was lost: the counter sends the same batch, then a longer one.
    let again = a.push_ok(&batch).await;
    assert_eq!(first, again);
    let mut longer = batch.clone();
    longer.push(a.payment(enrollment));
    assert_eq!(a.push_ok(&longer).await.high_water, 4);
    let log = a.pull_all(MAX_BATCH).await;
    assert_eq!(log.len(), 4, "each payment once");
}

#[tokio::test]
async fn same_event_id_with_another_payload_is_rejected_and_never_overwrites() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let (enrollment, opened) = a.opening();
    let payment = a.payment(enrollment);
    a.push_ok(&[opened, payment.clone()]).await;
    let mut tampered = payment.clone();
    tampered.payload = serde_json::json!({ "amount": "9000.00" });
    let ack = a.push_ok(&[tampered]).await;
    assert_eq!(ack.rejected.len(), 1);
    assert_eq!(ack.rejected[0].reason, RejectionReason::PayloadMismatch);
    let log = a.pull_all(MAX_BATCH).await;
    assert_eq!(
        log[1].event.payload, payment.payload,
        "the first payload is kept"
    );
    let alerts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM alerts WHERE reason = 'payload_mismatch'")
            .fetch_one(hub.hub.pool())
            .await
            .unwrap();
    assert_eq!(alerts, 1);
}

#[tokio::test]
async fn revoked_device_is_refused() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    hub.hub.revoke_device(a.device_id()).await.unwrap();
    let (_, opened) = a.opening();
    assert_eq!(
        error_of(a.push(&[opened]).await).await,
        (403, HubErrorCode::DeviceRevoked)
    );
    assert_eq!(
        error_of(a.pull(0, 10).await).await,
        (403, HubErrorCode::DeviceRevoked)
    );
}

#[tokio::test]
async fn counter_on_an_old_schema_is_told_to_update_and_nothing_is_stored() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let (enrollment, opened) = a.opening();
    let mut old = a.payment(enrollment);
    // Older than the current one and the one before (0 while the schema is at 1).
    old.schema_version = SCHEMA_VERSION.saturating_sub(2);
    let mut newer = a.payment(enrollment);
    newer.schema_version = SCHEMA_VERSION + 1;
    assert_eq!(
        error_of(a.push(&[opened.clone(), old]).await).await,
        (426, HubErrorCode::SchemaTooOld)
    );
    let mut b_newer = newer.clone();
    b_newer.local_seq = 2;
    assert_eq!(
        error_of(a.push(&[opened, b_newer]).await).await,
        (422, HubErrorCode::SchemaTooNew)
    );
    assert!(a.pull_all(MAX_BATCH).await.is_empty());
    assert_eq!(hub.hub.status(a.device_id()).await.unwrap().high_water, 0);
}

#[tokio::test]
async fn batches_too_big_out_of_order_or_leaving_a_gap_are_refused() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let (enrollment, opened) = a.opening();
    let second = a.payment(enrollment);
    assert_eq!(
        error_of(a.push(&[second.clone(), opened.clone()]).await)
            .await
            .1,
        HubErrorCode::BadBatch
    );
    assert_eq!(
        error_of(a.push(&[second]).await).await.1,
        HubErrorCode::BadBatch,
        "seq 1 never arrived"
    );
    let too_many: Vec<_> = (0..=MAX_BATCH).map(|_| a.payment(enrollment)).collect();
    assert_eq!(
        error_of(a.push(&too_many).await).await.1,
        HubErrorCode::BadBatch
    );
}

#[tokio::test]
async fn clock_far_ahead_of_the_hub_is_rejected_and_reported() {
    let hub = TestHub::start().await;
    let mut a: Counter = hub.counter("Counter 1").await;
    let (_, mut opened) = a.opening();
    opened.hlc.wall_ms += 2 * 24 * 3_600_000;
    let ack = a.push_ok(&[opened]).await;
    assert_eq!(ack.rejected[0].reason, RejectionReason::ClockSkew);
    assert!(a.pull_all(MAX_BATCH).await.is_empty());
}

#[tokio::test]
async fn counters_may_not_write_conflict_events() {
    let hub = TestHub::start().await;
    let mut a = hub.counter("Counter 1").await;
    let forged = a.event(EventKind::ConflictRaised, Uuid::now_v7(), None);
    let ack = a.push_ok(&[forged]).await;
    assert_eq!(ack.rejected[0].reason, RejectionReason::NotAllowed);
    assert!(a.pull_all(MAX_BATCH).await.is_empty());
}
