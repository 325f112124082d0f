//! Customer messages through the outbox to the fake providers: the exact requests, provider
//! errors, timeouts, a long offline period, giving up and retrying, two workers at once.

mod common;

use common::messages::*;
use common::provider::{Answer, FakeProvider};
use common::{TestShop, cash};
use kanak_app::{Channel, OutboxState, Trigger};
use serde_json::json;

#[tokio::test]
async fn a_cash_payment_is_confirmed_by_msg91_flow_with_the_exact_request() {
    let (shop, no) = shop_with_customer().await;
    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK)]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    let waiting = outbox(&shop).await;
    assert_eq!(waiting.len(), 1, "one message, written with the payment");
    assert_eq!(
        (waiting[0].trigger, waiting[0].state),
        (Trigger::Payment, OutboxState::Pending)
    );
    assert_eq!(waiting[0].to_phone, "******3210");
    let summary = shop.kanak.outbox_summary().await.unwrap();
    assert_eq!(
        (summary.waiting, summary.failed, summary.given_up),
        (1, 0, 0)
    );

    let pass = shop.kanak.send_outbox_once().await.unwrap();
    assert_eq!((pass.sent, pass.failed), (1, 0));
    let requests = msg91.recorded();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].request_line, "POST /api/v5/flow HTTP/1.1");
    assert_eq!(requests[0].header("authkey"), Some(MSG91_KEY));
    assert_eq!(
        requests[0].json(),
        json!({
            "template_id": "6650a1b2c3d4e5f6a7b8c9d0",
            "short_url": "0",
            "recipients": [{
                "mobiles": "919876543210",
                "VAR1": "Asha Verma",
                "VAR2": "5,000.00",
                "VAR3": "MAIN-R000001",
                "VAR4": "MAIN-E00001"
            }]
        })
    );
    let sent = &outbox(&shop).await[0];
    assert_eq!(sent.state, OutboxState::Sent);
    assert_eq!(
        sent.provider_ref.as_deref(),
        Some("3763646c3058373530393831")
    );
    assert_eq!(sent.sent_at.as_deref(), Some("2026-12-01T12:00:00.000Z"));
    assert_eq!(attempts(&shop, &sent.id).await.len(), 1);
    assert_eq!(shop.kanak.outbox_summary().await.unwrap().waiting, 0);
}

#[tokio::test]
async fn whatsapp_sends_a_template_message_with_the_body_parameters_in_order() {
    let (shop, no) = shop_with_customer().await;
    let whatsapp = FakeProvider::start(vec![Answer::Reply(200, WHATSAPP_OK)]);
    providers(&shop, UNREACHABLE, &whatsapp.url).await;
    let t = template(
        Trigger::Payment,
        Channel::Whatsapp,
        "payment_received",
        &["customer_name", "amount"],
    );
    shop.kanak
        .register_message_template(&shop.actor, t)
        .await
        .unwrap();
    let mut s = shop.kanak.message_settings().await.unwrap().settings;
    s.preferred_channel = Channel::Whatsapp;
    shop.kanak
        .update_message_settings(&shop.actor, s)
        .await
        .unwrap();
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    assert_eq!(shop.kanak.send_outbox_once().await.unwrap().sent, 1);
    let r = &whatsapp.recorded()[0];
    assert_eq!(r.request_line, "POST /106540352242922/messages HTTP/1.1");
    assert_eq!(r.header("authorization"), Some("Bearer EAAG-wa-token-456"));
    assert_eq!(
        r.json(),
        json!({
            "messaging_product": "whatsapp",
            "to": "919876543210",
            "type": "template",
            "template": {
                "name": "payment_received",
                "language": { "code": "en" },
                "components": [{
                    "type": "body",
                    "parameters": [
                        { "type": "text", "text": "Asha Verma" },
                        { "type": "text", "text": "5,000.00" }
                    ]
                }]
            }
        })
    );
    assert_eq!(
        outbox(&shop).await[0].provider_ref.as_deref(),
        Some("wamid.HBgM")
    );
}

#[tokio::test]
async fn a_provider_error_is_stored_with_its_text_and_tried_again_a_minute_later() {
    let (shop, no) = shop_with_customer().await;
    let refusal = r#"{"type":"error","message":"Template ID is not approved"}"#;
    let msg91 = FakeProvider::start(vec![
        Answer::Reply(400, refusal),
        Answer::Reply(200, FLOW_OK),
    ]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    assert_eq!(shop.kanak.send_outbox_once().await.unwrap().failed, 1);
    let failed = &outbox(&shop).await[0];
    assert_eq!(failed.state, OutboxState::Failed);
    assert_eq!(
        failed.last_error.as_deref(),
        Some("MSG91 refused (HTTP 400): Template ID is not approved")
    );
    assert_eq!(failed.attempts, 1);
    assert_eq!(
        failed.next_attempt_at.as_deref(),
        Some("2026-12-01T12:01:00.000Z")
    );
    assert_eq!(shop.kanak.outbox_summary().await.unwrap().failed, 1);

    // Not due yet at the same instant; due a minute later, and then it goes.
    assert_eq!(
        shop.kanak.send_outbox_once().await.unwrap(),
        Default::default()
    );
    let later = at(&shop, "2026-12-01T12:01:00Z");
    assert_eq!(later.send_outbox_once().await.unwrap().sent, 1);
    assert_eq!(msg91.recorded().len(), 2);
    let sent = &outbox(&shop).await[0];
    assert_eq!((sent.state, sent.attempts), (OutboxState::Sent, 2));
    let tries = attempts(&shop, &sent.id).await;
    assert_eq!(
        tries.iter().map(|t| t.1.as_str()).collect::<Vec<_>>(),
        ["failed", "sent"]
    );
}

#[tokio::test]
async fn a_provider_that_does_not_answer_in_time_is_a_failed_attempt() {
    let (shop, no) = shop_with_customer().await;
    let msg91 = FakeProvider::start(vec![Answer::Silence]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    assert_eq!(shop.kanak.send_outbox_once().await.unwrap().failed, 1);
    let m = &outbox(&shop).await[0];
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(m.last_error.as_deref(), Some("no answer within 2 s"));
}

#[tokio::test]
async fn offline_for_days_the_message_backs_off_and_then_goes_exactly_once() {
    let (shop, no) = shop_with_customer().await;
    providers(&shop, UNREACHABLE, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    // Eight failed attempts: at 12:00, then 1 min, 5, 30 min, 2 h, 12 h, 24 h, 24 h later.
    let mut now = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
        .unwrap()
        .to_utc();
    let mut gaps = Vec::new();
    for _ in 0..8 {
        let k = at(&shop, &now.to_rfc3339());
        assert_eq!(k.send_outbox_once().await.unwrap().failed, 1);
        let m = &outbox(&shop).await[0];
        assert!(
            m.last_error
                .as_deref()
                .unwrap()
                .starts_with("could not be reached"),
            "{:?}",
            m.last_error
        );
        let next = chrono::DateTime::parse_from_rfc3339(m.next_attempt_at.as_deref().unwrap())
            .unwrap()
            .to_utc();
        gaps.push((next - now).num_minutes());
        now = next;
    }
    assert_eq!(gaps, [1, 5, 30, 120, 720, 1440, 1440, 1440]);
    assert_eq!(
        now.to_rfc3339(),
        "2026-12-05T02:36:00+00:00",
        "three and a half days offline"
    );

    // The network is back: the next due pass delivers it once, and later passes send nothing.
    let msg91 = FakeProvider::start(vec![
        Answer::Reply(200, FLOW_OK),
        Answer::Reply(200, FLOW_OK),
    ]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    let k = at(&shop, &now.to_rfc3339());
    assert_eq!(k.send_outbox_once().await.unwrap().sent, 1);
    let day_after = at(&shop, "2026-12-05T12:00:00Z");
    assert_eq!(day_after.send_outbox_once().await.unwrap().sent, 0);
    assert_eq!(msg91.recorded().len(), 1, "delivered exactly once");
    let m = &outbox(&shop).await[0];
    assert_eq!((m.state, m.attempts), (OutboxState::Sent, 9));
    assert_eq!(attempts(&shop, &m.id).await.len(), 9);
}

#[tokio::test]
async fn after_ten_failures_a_message_is_given_up_until_staff_retry_it() {
    let (shop, no) = shop_with_customer().await;
    providers(&shop, UNREACHABLE, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    // One pass a day: each retry is due by then (the longest wait is a day).
    for day in 1..=kanak_app::MAX_ATTEMPTS {
        at(&shop, &format!("2027-01-{day:02}T12:00:00Z"))
            .send_outbox_once()
            .await
            .unwrap();
    }
    let far = at(&shop, "2027-01-30T12:00:00Z");
    let m = &outbox(&shop).await[0];
    assert_eq!(
        (m.state, m.attempts, m.next_attempt_at.clone()),
        (OutboxState::GivenUp, 10, None)
    );
    assert_eq!(shop.kanak.outbox_summary().await.unwrap().given_up, 1);
    assert_eq!(
        far.send_outbox_once().await.unwrap().sent,
        0,
        "given up: nothing more is tried"
    );

    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK)]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    let retried = far.retry_message(&shop.actor, &m.id).await.unwrap();
    assert_eq!(retried.state, OutboxState::Pending);
    assert_eq!(far.send_outbox_once().await.unwrap().sent, 1);
    assert_eq!(msg91.recorded().len(), 1);
}

#[tokio::test]
async fn two_workers_at_once_send_each_message_exactly_once() {
    let shop = TestShop::on("2026-12-01").await;
    let plan = shop.amount_plan("GOLD11", "5000", 11).await;
    for (i, name) in [
        "Asha Verma",
        "Bina Rao",
        "Chitra Das",
        "Devi Lal",
        "Esha Jain",
    ]
    .iter()
    .enumerate()
    {
        let customer = shop.customer(name, &format!("98765432{:02}", i)).await;
        let no = shop.enroll(&customer, &plan).await;
        shop.kanak
            .record_payment(&shop.actor, cash(&no, "5000"))
            .await
            .unwrap();
    }
    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK); 10]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    let (a, b) = (shop.kanak.clone(), shop.kanak.clone());
    let (one, two) = tokio::join!(a.send_outbox_once(), b.send_outbox_once());
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.sent + two.sent, 5);
    assert_eq!(msg91.recorded().len(), 5, "no message went twice");
    let mut phones: Vec<String> = msg91
        .recorded()
        .iter()
        .map(|r| {
            r.json()["recipients"][0]["mobiles"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    phones.sort();
    phones.dedup();
    assert_eq!(phones.len(), 5);
}

#[tokio::test]
async fn a_hundred_confirmations_go_in_one_pass_each_exactly_once() {
    let shop = TestShop::on("2026-12-01").await;
    let plan = shop.amount_plan("GOLD11", "5000", 11).await;
    for i in 0..100 {
        // Names may not hold digits: "Asha a" … "Asha dv".
        let letter = |n: u32| char::from(b'a' + n as u8);
        let suffix = match i / 26 {
            0 => letter(i).to_string(),
            high => format!("{}{}", letter(high - 1), letter(i % 26)),
        };
        let phone = format!("98765{i:05}");
        let customer = shop.customer(&format!("Asha {suffix}"), &phone).await;
        let no = shop.enroll(&customer, &plan).await;
        shop.kanak
            .record_payment(&shop.actor, cash(&no, "5000"))
            .await
            .unwrap();
    }
    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK); 100]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    let started = std::time::Instant::now();
    let pass = shop.kanak.run_outbox_pass().await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!((pass.sent, pass.failed), (100, 0));
    assert_eq!(msg91.recorded().len(), 100);
    assert_eq!(shop.kanak.run_outbox_pass().await.unwrap().sent, 0);
    // Measured, not asserted: a pass over 100 enrollments (the calendar scan) and 100 sends.
    eprintln!("scan + 100 sends to the fake provider: {elapsed:?}");
}
