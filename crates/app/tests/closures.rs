//! Closing an enrollment: one-time codes (limits, providers, no network), the owner's
//! override, settlement, and that an enrollment closes exactly once.

mod common;

use std::sync::Arc;

use chrono::{Duration, NaiveTime};
use common::provider::{Answer, FakeProvider};
use common::{TestShop, cash, customer_input};
use kanak_app::{Clock, CloseInput, Kanak, OtpProvider, SettleAs};
use kanak_domain::Role;

const START: &str = "2026-01-10";
/// After the third and last installment: the plan has matured.
const REDEEM_DAY: &str = "2026-04-15";

/// A customer who paid all 3 installments of ₹1,000 (bonus: 1 installment).
async fn matured() -> (TestShop, String) {
    let shop = TestShop::on(START).await;
    shop.amount_plan("GOLD3", "1000", 3).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "GOLD3").await;
    for day in ["2026-01-10", "2026-02-10", "2026-03-10"] {
        shop.on_day(day)
            .record_payment(&shop.actor, cash(&no, "1000"))
            .await
            .unwrap();
    }
    (shop, no)
}

fn at(shop: &TestShop, day: &str, minutes_after_noon: i64) -> Kanak {
    let noon = common::date(day)
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_utc();
    let mut kanak = shop.kanak.clone();
    kanak.set_clock(Clock::Fixed(noon + Duration::minutes(minutes_after_noon)));
    kanak
}

fn jewellery(no: &str) -> CloseInput {
    CloseInput {
        enrollment_no: no.into(),
        settlement: SettleAs::Jewellery,
        invoice_no: Some("INV-77".into()),
        invoice_value: Some("5000".into()),
    }
}

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 1) % 1_000_000)
}

#[tokio::test]
async fn a_matured_plan_redeems_with_the_customers_code_and_then_takes_no_payments() {
    let (shop, no) = matured().await;
    let kanak = shop.on_day(REDEEM_DAY);
    let quote = kanak.closure_quote(&no).await.unwrap();
    assert_eq!((quote.kind.as_str(), quote.allowed), ("maturity", true));
    let sent = kanak.request_closure_otp(&shop.actor, &no).await.unwrap();
    assert_eq!(
        (sent.state.as_str(), sent.to.as_str(), sent.provider),
        ("sent", "******3210", Some(OtpProvider::Console))
    );
    let code = sent.test_code.expect("the console provider shows the code");
    let closed = kanak
        .confirm_closure(&shop.actor, jewellery(&no), &code.as_str().into())
        .await
        .unwrap();
    assert_eq!(
        (
            closed.kind.as_str(),
            closed.verified_by.as_str(),
            closed.closed_by.as_str()
        ),
        ("maturity", "otp", "owner")
    );
    assert_eq!(
        (
            closed.paid.as_str(),
            closed.bonus.as_str(),
            closed.value.as_str()
        ),
        ("3000.00", "1000.00", "4000.00")
    );
    assert_eq!(
        closed.balance.as_deref(),
        Some("1000.00"),
        "a ₹5,000 invoice against ₹4,000: the customer pays ₹1,000"
    );
    let detail = kanak.enrollment_detail(&no).await.unwrap();
    assert_eq!(detail.enrollment.status.as_str(), "closed");
    assert_eq!(detail.closure.unwrap().closed_by, "owner");
    let refused = kanak
        .record_payment(&shop.actor, cash(&no, "1000"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "plan_closed");
    let outbox: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE template = 'closure'")
        .fetch_one(kanak.pool())
        .await
        .unwrap();
    assert_eq!(outbox, 1, "a closure message waits in the outbox");
}

#[tokio::test]
async fn the_code_is_stored_only_as_a_salted_hash() {
    let (shop, no) = matured().await;
    let code = shop
        .on_day(REDEEM_DAY)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap()
        .test_code
        .unwrap();
    let stored: Vec<(String, String)> = sqlx::query_as("SELECT salt, code_hash FROM otp_codes")
        .fetch_all(shop.kanak.pool())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].1.contains(&code) && stored[0].1.len() == 64);
    let audit: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log")
        .fetch_all(shop.kanak.pool())
        .await
        .unwrap();
    assert!(
        audit.iter().all(|d| !d.contains(&code)),
        "the audit trail records that a code was sent, never the code"
    );
}

#[tokio::test]
async fn five_wrong_codes_spend_the_code_even_for_the_right_one_after() {
    let (shop, no) = matured().await;
    let kanak = shop.on_day(REDEEM_DAY);
    let code = kanak
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap()
        .test_code
        .unwrap();
    for left in (1..=4).rev() {
        let e = kanak
            .confirm_closure(&shop.actor, jewellery(&no), &wrong(&code).as_str().into())
            .await
            .unwrap_err();
        assert_eq!(
            (e.code(), e.to_string()),
            ("otp_rejected", format!("wrong code; {left} tries left"))
        );
    }
    let fifth = kanak
        .confirm_closure(&shop.actor, jewellery(&no), &wrong(&code).as_str().into())
        .await
        .unwrap_err();
    assert!(
        fifth.to_string().contains("too many wrong codes"),
        "{fifth}"
    );
    let after = kanak
        .confirm_closure(&shop.actor, jewellery(&no), &code.as_str().into())
        .await
        .unwrap_err();
    assert!(after.to_string().contains("send a new one"), "{after}");
    assert_eq!(
        kanak
            .enrollment_detail(&no)
            .await
            .unwrap()
            .enrollment
            .status
            .as_str(),
        "matured"
    );
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_and_a_resend_waits_thirty_seconds() {
    let (shop, no) = matured().await;
    let code = at(&shop, REDEEM_DAY, 0)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap()
        .test_code
        .unwrap();
    let too_soon = at(&shop, REDEEM_DAY, 0)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap_err();
    assert!(too_soon.to_string().contains("wait 30 s"), "{too_soon}");
    let late = at(&shop, REDEEM_DAY, 10)
        .confirm_closure(&shop.actor, jewellery(&no), &code.as_str().into())
        .await
        .unwrap_err();
    assert!(late.to_string().contains("expired"), "{late}");
    let fresh = at(&shop, REDEEM_DAY, 11)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap()
        .test_code
        .unwrap();
    at(&shop, REDEEM_DAY, 12)
        .confirm_closure(&shop.actor, jewellery(&no), &fresh.as_str().into())
        .await
        .unwrap();
}

#[tokio::test]
async fn only_a_manager_or_the_owner_closes_and_only_the_owner_overrides() {
    let (shop, no) = matured().await;
    let kanak = shop.on_day(REDEEM_DAY);
    let cashier = shop.staff("meena", Role::Cashier).await;
    let manager = shop.staff("arjun", Role::Manager).await;
    for refused in [
        kanak.request_closure_otp(&cashier, &no).await.unwrap_err(),
        kanak
            .confirm_closure(&cashier, jewellery(&no), &"123456".into())
            .await
            .unwrap_err(),
        kanak
            .override_closure(&cashier, jewellery(&no), "customer's phone lost")
            .await
            .unwrap_err(),
        kanak
            .override_closure(&manager, jewellery(&no), "customer's phone lost")
            .await
            .unwrap_err(),
        kanak
            .override_closure(
                &kanak_app::Actor::cli("root"),
                jewellery(&no),
                "customer's phone lost",
            )
            .await
            .unwrap_err(),
    ] {
        assert_eq!(refused.code(), "forbidden", "{refused}");
    }
    let code = kanak
        .request_closure_otp(&manager, &no)
        .await
        .unwrap()
        .test_code
        .unwrap();
    assert_eq!(
        kanak
            .confirm_closure(&manager, jewellery(&no), &code.as_str().into())
            .await
            .unwrap()
            .closed_by,
        "arjun"
    );
}

#[tokio::test]
async fn an_owner_override_needs_a_reason_and_is_marked_everywhere() {
    let (shop, no) = matured().await;
    let kanak = shop.on_day(REDEEM_DAY);
    let short = kanak
        .override_closure(&shop.actor, jewellery(&no), "lost")
        .await
        .unwrap_err();
    assert_eq!(short.field(), Some("reason"));
    let closed = kanak
        .override_closure(
            &shop.actor,
            jewellery(&no),
            "customer's phone was stolen; ID seen",
        )
        .await
        .unwrap();
    assert_eq!(closed.verified_by, "override");
    assert_eq!(
        closed.override_reason.as_deref(),
        Some("customer's phone was stolen; ID seen")
    );
    let marked: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'closure.override'")
            .fetch_one(kanak.pool())
            .await
            .unwrap();
    assert!(
        marked.contains("OVERRIDE: customer's phone was stolen"),
        "{marked}"
    );
}

#[tokio::test]
async fn two_closures_of_one_enrollment_never_both_succeed() {
    let (shop, no) = matured().await;
    let (a, b) = (shop.on_day(REDEEM_DAY), shop.on_day(REDEEM_DAY));
    let (first, second) = tokio::join!(
        a.override_closure(&shop.actor, jewellery(&no), "counter one closes it now"),
        b.override_closure(&shop.actor, jewellery(&no), "counter two closes it too"),
    );
    assert_eq!(
        [first.is_ok(), second.is_ok()]
            .iter()
            .filter(|ok| **ok)
            .count(),
        1
    );
    let loser = first.err().or(second.err()).unwrap();
    assert_eq!(loser.code(), "plan_closed");
    let closures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM closures")
        .fetch_one(a.pool())
        .await
        .unwrap();
    assert_eq!(closures, 1);
}

#[tokio::test]
async fn a_family_member_redeems_on_the_main_contacts_code() {
    let shop = TestShop::on(START).await;
    shop.amount_plan("GOLD3", "1000", 3).await;
    let main = shop.customer("Asha Verma", "9876543210").await;
    let mut son = customer_input("Rohan Verma", "9123456789");
    (son.family_of, son.relation) = (Some(main), Some("son".into()));
    let son = shop
        .kanak
        .add_customer(&shop.actor, son)
        .await
        .unwrap()
        .code;
    let no = shop.enroll(&son, "GOLD3").await;
    let sent = shop
        .on_day(REDEEM_DAY)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap();
    assert_eq!(
        sent.to, "******3210",
        "the code goes to the main contact's mobile"
    );
}

#[tokio::test]
async fn a_premature_cash_closure_pays_out_the_refund_as_a_linked_entry() {
    let (shop, no) = matured().await;
    let kanak = shop.on_day("2026-03-20");
    let quote = kanak.closure_quote(&no).await.unwrap();
    assert_eq!(quote.kind, "premature");
    let input = CloseInput {
        settlement: SettleAs::Cash,
        invoice_no: None,
        invoice_value: None,
        ..jewellery(&no)
    };
    let closed = kanak
        .override_closure(&shop.actor, input, "customer needs the money back")
        .await
        .unwrap();
    assert_eq!(Some(closed.value.clone()), quote.cash_refund);
    let payout: (i64, String) = sqlx::query_as("SELECT amount_paise, closure_id FROM payouts")
        .fetch_one(kanak.pool())
        .await
        .unwrap();
    assert_eq!(
        payout.0,
        (closed.value.parse::<f64>().unwrap() * 100.0).round() as i64
    );
    assert_eq!(
        kanak
            .enrollment_detail(&no)
            .await
            .unwrap()
            .enrollment
            .status
            .as_str(),
        "cancelled"
    );
}

async fn shop_with(
    primary: OtpProvider,
    fallback: Option<OtpProvider>,
    msg91: &FakeProvider,
    whatsapp: &FakeProvider,
) -> (TestShop, String) {
    let (shop, no) = matured().await;
    let mut s = shop.kanak.otp_settings().await.unwrap().settings;
    (s.primary, s.fallback) = (primary, fallback);
    (s.msg91_template_id, s.msg91_base_url) = (Some("66a1b2c3d4e5f6".into()), msg91.url.clone());
    (s.whatsapp_phone_number_id, s.whatsapp_template) =
        (Some("1098765".into()), Some("kanak_closure_otp".into()));
    s.whatsapp_base_url = format!("{}/v21.0", whatsapp.url);
    shop.kanak
        .update_otp_settings(&shop.actor, s)
        .await
        .unwrap();
    shop.kanak
        .set_provider_key(&shop.actor, OtpProvider::Msg91, "msg91-secret-key")
        .await
        .unwrap();
    shop.kanak
        .set_provider_key(&shop.actor, OtpProvider::Whatsapp, "wa-token")
        .await
        .unwrap();
    (shop, no)
}

#[tokio::test]
async fn msg91_gets_the_documented_request_and_the_code_closes() {
    let msg91 = FakeProvider::start(vec![Answer::Reply(
        200,
        r#"{"type":"success","request_id":"3166686e7867313634383535"}"#,
    )]);
    let (shop, no) = shop_with(
        OtpProvider::Msg91,
        None,
        &msg91,
        &FakeProvider::start(vec![]),
    )
    .await;
    let kanak = shop.on_day(REDEEM_DAY);
    let sent = kanak.request_closure_otp(&shop.actor, &no).await.unwrap();
    assert_eq!(
        (sent.state.as_str(), sent.provider, sent.test_code),
        ("sent", Some(OtpProvider::Msg91), None)
    );
    let request = &msg91.recorded()[0];
    assert!(
        request
            .request_line
            .starts_with("POST /api/v5/otp?template_id=66a1b2c3d4e5f6&mobile=919876543210&otp="),
        "{}",
        request.request_line
    );
    assert_eq!(request.header("authkey"), Some("msg91-secret-key"));
    let code = request
        .request_line
        .split("otp=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(code.len(), 6);
    kanak
        .confirm_closure(&shop.actor, jewellery(&no), &code.as_str().into())
        .await
        .unwrap();
}

#[tokio::test]
async fn whatsapp_gets_an_authentication_template_with_a_bearer_token() {
    let whatsapp = FakeProvider::start(vec![Answer::Reply(
        200,
        r#"{"messaging_product":"whatsapp","messages":[{"id":"wamid.HBgM","message_status":"accepted"}]}"#,
    )]);
    let (shop, no) = shop_with(
        OtpProvider::Whatsapp,
        None,
        &FakeProvider::start(vec![]),
        &whatsapp,
    )
    .await;
    let sent = shop
        .on_day(REDEEM_DAY)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap();
    assert_eq!(sent.provider, Some(OtpProvider::Whatsapp));
    let request = &whatsapp.recorded()[0];
    assert_eq!(
        request.request_line,
        "POST /v21.0/1098765/messages HTTP/1.1"
    );
    assert_eq!(request.header("authorization"), Some("Bearer wa-token"));
    let body = request.json();
    assert_eq!(
        (
            body["messaging_product"].as_str(),
            body["to"].as_str(),
            body["type"].as_str()
        ),
        (Some("whatsapp"), Some("919876543210"), Some("template"))
    );
    assert_eq!(body["template"]["name"], "kanak_closure_otp");
    let code = body["template"]["components"][0]["parameters"][0]["text"]
        .as_str()
        .unwrap();
    assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()));
}

#[tokio::test]
async fn an_error_timeout_or_undelivered_message_falls_back_to_the_second_provider() {
    for failure in [
        Answer::Reply(
            401,
            r#"{"type":"error","message":"Authentication failure"}"#,
        ),
        Answer::Reply(200, r#"{"type":"error","message":"Invalid template"}"#),
        Answer::Silence,
    ] {
        let msg91 = FakeProvider::start(vec![failure]);
        let whatsapp = FakeProvider::start(vec![Answer::Reply(
            200,
            r#"{"messages":[{"id":"wamid.1","message_status":"accepted"}]}"#,
        )]);
        let (shop, no) = shop_with(
            OtpProvider::Msg91,
            Some(OtpProvider::Whatsapp),
            &msg91,
            &whatsapp,
        )
        .await;
        let sent = shop
            .on_day(REDEEM_DAY)
            .request_closure_otp(&shop.actor, &no)
            .await
            .unwrap();
        assert_eq!(
            (sent.state.as_str(), sent.provider),
            ("sent", Some(OtpProvider::Whatsapp))
        );
        assert_eq!(whatsapp.recorded().len(), 1);
    }
    let held = FakeProvider::start(vec![Answer::Reply(
        200,
        r#"{"messages":[{"id":"wamid.2","message_status":"held_for_quality_assessment"}]}"#,
    )]);
    let msg91 = FakeProvider::start(vec![Answer::Reply(
        200,
        r#"{"type":"success","request_id":"r1"}"#,
    )]);
    let (shop, no) = shop_with(
        OtpProvider::Whatsapp,
        Some(OtpProvider::Msg91),
        &msg91,
        &held,
    )
    .await;
    let sent = shop
        .on_day(REDEEM_DAY)
        .request_closure_otp(&shop.actor, &no)
        .await
        .unwrap();
    assert_eq!(
        sent.provider,
        Some(OtpProvider::Msg91),
        "accepted but not delivered counts as not sent"
    );
}

#[tokio::test]
async fn without_network_the_closure_awaits_a_code_and_completes_when_one_can_be_sent() {
    // Port 9 (discard) on loopback has no listener: the connection is refused, as offline.
    let unreachable = FakeProvider {
        url: "http://127.0.0.1:9".into(),
        requests: Arc::default(),
    };
    let (shop, no) = shop_with(OtpProvider::Msg91, None, &unreachable, &unreachable).await;
    let kanak = at(&shop, REDEEM_DAY, 0);
    let waiting = kanak.request_closure_otp(&shop.actor, &no).await.unwrap();
    assert_eq!(waiting.state, "awaiting");
    assert!(
        waiting.message.contains("awaiting a code"),
        "{}",
        waiting.message
    );
    let none_sent = kanak
        .confirm_closure(&shop.actor, jewellery(&no), &"123456".into())
        .await
        .unwrap_err();
    assert!(
        none_sent.to_string().contains("no code was sent"),
        "{none_sent}"
    );
    let back = FakeProvider::start(vec![Answer::Reply(
        200,
        r#"{"type":"success","request_id":"r2"}"#,
    )]);
    let mut s = shop.kanak.otp_settings().await.unwrap().settings;
    s.msg91_base_url = back.url.clone();
    shop.kanak
        .update_otp_settings(&shop.actor, s)
        .await
        .unwrap();
    let later = at(&shop, REDEEM_DAY, 30);
    assert_eq!(
        later
            .request_closure_otp(&shop.actor, &no)
            .await
            .unwrap()
            .state,
        "sent"
    );
    let line = back.recorded()[0].request_line.clone();
    let code = line
        .split("otp=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    later
        .confirm_closure(&shop.actor, jewellery(&no), &code.as_str().into())
        .await
        .unwrap();
}

#[tokio::test]
async fn keys_live_in_the_secret_store_and_settings_only_say_whether_one_is_set() {
    let (shop, _) = matured().await;
    let before = shop.kanak.otp_settings().await.unwrap();
    assert!(!before.msg91_key_set);
    let after = shop
        .kanak
        .set_provider_key(&shop.actor, OtpProvider::Msg91, "k-123")
        .await
        .unwrap();
    assert!(after.msg91_key_set);
    let in_db: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM shop WHERE msg91_template_id = 'k-123' OR msg91_base_url LIKE '%k-123%'")
        .fetch_one(shop.kanak.pool()).await.unwrap();
    assert_eq!(in_db, 0);
    let removed = shop
        .kanak
        .remove_provider_key(&shop.actor, OtpProvider::Msg91)
        .await
        .unwrap();
    assert!(!removed.msg91_key_set);
}
