//! A shop whose messages go to fake providers, and a look at its outbox.

use kanak_app::{
    Channel, Clock, Kanak, MessageTemplateInput, OtpProvider, OutboxMessageView, Trigger,
};

use super::TestShop;

pub const MSG91_KEY: &str = "msg91-secret-key-123";
pub const WHATSAPP_TOKEN: &str = "EAAG-wa-token-456";

/// Port 9 (discard) on loopback has no listener: the connection is refused, as offline.
pub const UNREACHABLE: &str = "http://127.0.0.1:9";

/// Points MSG91 and WhatsApp at `msg91_url` / `whatsapp_url`, stores both keys and the
/// WhatsApp phone number id.
pub async fn providers(shop: &TestShop, msg91_url: &str, whatsapp_url: &str) {
    let mut s = shop.kanak.otp_settings().await.unwrap().settings;
    s.msg91_base_url = msg91_url.into();
    s.whatsapp_base_url = whatsapp_url.into();
    s.whatsapp_phone_number_id = Some("106540352242922".into());
    shop.kanak
        .update_otp_settings(&shop.actor, s)
        .await
        .unwrap();
    for (p, key) in [
        (OtpProvider::Msg91, MSG91_KEY),
        (OtpProvider::Whatsapp, WHATSAPP_TOKEN),
    ] {
        shop.kanak
            .set_provider_key(&shop.actor, p, key)
            .await
            .unwrap();
    }
}

pub fn template(
    trigger: Trigger,
    channel: Channel,
    name: &str,
    vars: &[&str],
) -> MessageTemplateInput {
    MessageTemplateInput {
        trigger,
        channel,
        name: name.into(),
        language: Some("en".into()),
        variables: vars.iter().map(|v| v.to_string()).collect(),
        sample_text: None,
    }
}

/// The payment template on SMS: VAR1 name, VAR2 amount, VAR3 receipt, VAR4 enrollment.
pub async fn sms_payment_template(shop: &TestShop) {
    let t = template(
        Trigger::Payment,
        Channel::Sms,
        "6650a1b2c3d4e5f6a7b8c9d0",
        &["customer_name", "amount", "receipt_no", "enrollment_no"],
    );
    shop.kanak
        .register_message_template(&shop.actor, t)
        .await
        .unwrap();
}

/// The same database at an exact instant (UTC).
pub fn at(shop: &TestShop, rfc3339: &str) -> Kanak {
    let mut kanak = shop.kanak.clone();
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .to_utc();
    kanak.set_clock(Clock::Fixed(t));
    kanak
}

pub async fn outbox(shop: &TestShop) -> Vec<OutboxMessageView> {
    shop.kanak.list_outbox(&shop.actor, None).await.unwrap()
}

pub async fn attempts(shop: &TestShop, id: &str) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT at, outcome, error FROM outbox_attempts WHERE outbox_id = ?1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(shop.kanak.pool())
    .await
    .unwrap()
}

pub const FLOW_OK: &str = r#"{"type":"success","message":"3763646c3058373530393831"}"#;
pub const WHATSAPP_OK: &str = r#"{"messaging_product":"whatsapp","messages":[{"id":"wamid.HBgM","message_status":"accepted"}]}"#;

/// A shop on 1 Dec 2026 (noon UTC, 17:30 in India) with one customer on a ₹5,000 plan.
pub async fn shop_with_customer() -> (TestShop, String) {
    let shop = TestShop::on("2026-12-01").await;
    let plan = shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    (shop, no)
}
