//! Time-based messages: the calendar scan asks the engine about each enrollment and queues
//! due, missed, maturity and occasion messages once each; reminders wait for sending hours.

mod common;

use common::messages::*;
use common::provider::{Answer, FakeProvider};
use common::{TestShop, cash};
use kanak_app::{Channel, OutboxState, Trigger};

/// Enrolled 1 Dec 2026 on a monthly ₹5,000 plan (7 days' grace), the first installment paid:
/// installment 2 is due 1 Jan 2027, its grace ends 8 Jan.
async fn enrolled_and_paid_once(installments: u32) -> (TestShop, String) {
    let shop = TestShop::on("2026-12-01").await;
    let plan = shop.amount_plan("GOLD", "5000", installments).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    (shop, no)
}

async fn keys(shop: &TestShop) -> Vec<String> {
    sqlx::query_scalar("SELECT idempotency_key FROM outbox ORDER BY created_at, id")
        .fetch_all(shop.kanak.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_due_reminder_goes_three_days_before_and_on_the_day_once_each() {
    let (shop, no) = enrolled_and_paid_once(11).await;
    let early = at(&shop, "2026-12-29T06:00:00Z");
    assert_eq!(early.queue_scheduled_messages().await.unwrap(), 1);
    assert_eq!(
        early.queue_scheduled_messages().await.unwrap(),
        0,
        "a rescan adds nothing"
    );
    assert_eq!(
        at(&shop, "2026-12-30T06:00:00Z")
            .queue_scheduled_messages()
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        at(&shop, "2027-01-01T06:00:00Z")
            .queue_scheduled_messages()
            .await
            .unwrap(),
        1
    );
    let all = keys(&shop).await;
    assert_eq!(all[1..], [format!("due:{no}:2:3"), format!("due:{no}:2:0")]);
    let reminder = outbox(&shop)
        .await
        .into_iter()
        .find(|m| m.trigger == Trigger::Due)
        .unwrap();
    assert_eq!(
        reminder.body,
        format!("Dear Asha Verma, installment 2 of 5,000.00 for {no} is due on 01-01-2027.")
    );
}

#[tokio::test]
async fn a_missed_installment_is_reminded_once_after_its_grace_period() {
    let (shop, no) = enrolled_and_paid_once(11).await;
    assert_eq!(
        at(&shop, "2027-01-08T06:00:00Z")
            .queue_scheduled_messages()
            .await
            .unwrap(),
        0,
        "still in grace on the 8th"
    );
    let after = at(&shop, "2027-01-09T06:00:00Z");
    assert_eq!(after.queue_scheduled_messages().await.unwrap(), 1);
    assert_eq!(after.queue_scheduled_messages().await.unwrap(), 0);
    assert!(keys(&shop).await.contains(&format!("missed:{no}:2")));
}

#[tokio::test]
async fn maturity_is_announced_once_when_the_plan_matures() {
    let (shop, no) = enrolled_and_paid_once(2).await;
    let jan = at(&shop, "2027-01-01T06:00:00Z");
    jan.record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    let maturity = shop.kanak.enrollment(&no).await.unwrap().maturity_date;
    let on = at(&shop, &format!("{maturity}T06:00:00Z"));
    on.queue_scheduled_messages().await.unwrap();
    on.queue_scheduled_messages().await.unwrap();
    let k = keys(&shop).await;
    assert_eq!(
        k.iter().filter(|k| **k == format!("maturity:{no}")).count(),
        1,
        "{k:?}"
    );
}

#[tokio::test]
async fn reminders_wait_for_sending_hours_but_confirmations_do_not() {
    let (shop, _) = enrolled_and_paid_once(11).await;
    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK); 3]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    let due = template(
        Trigger::Due,
        Channel::Sms,
        "6650d1",
        &["customer_name", "amount", "due_date"],
    );
    shop.kanak
        .register_message_template(&shop.actor, due)
        .await
        .unwrap();
    // 16:00 UTC is 21:30 in India: past the default 09:00–21:00.
    let night = at(&shop, "2026-12-29T16:00:00Z");
    let pass = night.run_outbox_pass().await.unwrap();
    assert_eq!(
        (pass.queued, pass.sent, pass.held),
        (1, 1, 1),
        "the payment went, the reminder waits"
    );
    let waiting: Vec<_> = outbox(&shop)
        .await
        .into_iter()
        .filter(|m| m.state == OutboxState::Pending)
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].trigger, Trigger::Due);
    // 03:30 UTC is 09:00 in India.
    let morning = at(&shop, "2026-12-30T03:30:00Z");
    assert_eq!(morning.send_outbox_once().await.unwrap().sent, 1);
    let r = &msg91.recorded()[1];
    assert_eq!(r.json()["template_id"], "6650d1");
    assert_eq!(r.json()["recipients"][0]["VAR3"], "01-01-2027");
}

#[tokio::test]
async fn staff_send_a_missed_reminder_for_the_oldest_late_installment() {
    let (shop, no) = enrolled_and_paid_once(11).await;
    let later = at(&shop, "2027-01-12T06:00:00Z");
    let m = later.send_missed_reminder(&shop.actor, &no).await.unwrap();
    assert_eq!(
        (m.trigger, m.state),
        (Trigger::Reminder, OutboxState::Pending)
    );
    assert_eq!(
        m.body,
        format!(
            "Dear Asha Verma, installment 2 of 5,000.00 for {no}, due on 01-01-2027, is not yet paid."
        )
    );
    // Each click is its own message.
    later.send_missed_reminder(&shop.actor, &no).await.unwrap();
    assert_eq!(
        outbox(&shop)
            .await
            .iter()
            .filter(|m| m.trigger == Trigger::Reminder)
            .count(),
        2
    );

    let on_time = shop
        .kanak
        .send_missed_reminder(&shop.actor, &no)
        .await
        .unwrap_err();
    assert_eq!(on_time.field(), Some("enrollment_no"));
    assert_eq!(
        on_time.to_string(),
        format!("enrollment_no: {no} has no late or missed installment")
    );
}

#[tokio::test]
async fn a_trigger_switched_off_queues_nothing() {
    let shop = TestShop::on("2026-12-01").await;
    let mut s = shop.kanak.message_settings().await.unwrap().settings;
    for t in s.triggers.iter_mut() {
        t.enabled = t.trigger != Trigger::Payment;
    }
    shop.kanak
        .update_message_settings(&shop.actor, s)
        .await
        .unwrap();
    let plan = shop.amount_plan("GOLD", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    assert!(outbox(&shop).await.is_empty());
    let entries = shop
        .kanak
        .audit_log(&shop.actor, kanak_app::AuditFilter::default())
        .await
        .unwrap();
    assert!(
        entries.iter().any(|e| e.action == "settings.messages"),
        "the change is audited"
    );
}

/// A plan with a festival bonus (₹100 on payments made on a festival day the shop entered).
async fn festival_plan(shop: &TestShop) -> String {
    let mut input = common::plan_input("UTSAV", kanak_domain::PlanKind::Amount, Some("5000"), 11);
    input.rules = Some(kanak_domain::rules::PlanRules {
        occasion_bonus: Some(kanak_domain::rules::OccasionBonus {
            birthday_month: false,
            anniversary_month: false,
            festivals: true,
            reward: kanak_domain::rules::PaymentReward::parse("reward", "₹100").unwrap(),
        }),
        ..Default::default()
    });
    shop.kanak
        .create_plan(&shop.actor, input)
        .await
        .unwrap()
        .code
}

#[tokio::test]
async fn a_festival_greeting_goes_once_on_the_festival_to_plans_with_an_occasion_bonus() {
    let shop = TestShop::on("2026-12-01").await;
    let festive = festival_plan(&shop).await;
    let plain = shop.amount_plan("GOLD", "5000", 11).await;
    let asha = shop.customer("Asha Verma", "9876543210").await;
    let ravi = shop.customer("Ravi Soni", "9812345678").await;
    let greeted = shop.enroll(&asha, &festive).await;
    let not_greeted = shop.enroll(&ravi, &plain).await;
    shop.kanak
        .add_festival(&shop.actor, "Makar Sankranti", "2027-01-14")
        .await
        .unwrap();

    let eve = at(&shop, "2027-01-13T06:00:00Z");
    eve.queue_scheduled_messages().await.unwrap();
    let on_eve = keys(&shop).await;
    assert!(
        !on_eve.iter().any(|k| k.starts_with("occasion:")),
        "no greeting the day before: {on_eve:?}"
    );

    let day = at(&shop, "2027-01-14T06:00:00Z");
    day.queue_scheduled_messages().await.unwrap();
    day.queue_scheduled_messages().await.unwrap();
    let occasions: Vec<String> = keys(&shop)
        .await
        .into_iter()
        .filter(|k| k.starts_with("occasion:"))
        .collect();
    assert_eq!(
        occasions,
        [format!("occasion:{greeted}:makar-sankranti:2027")],
        "one greeting, only on the plan with the occasion bonus (not {not_greeted}), even after a rescan"
    );
    let greeting = outbox(&shop)
        .await
        .into_iter()
        .find(|m| m.trigger == Trigger::Occasion)
        .unwrap();
    assert!(
        greeting.body.contains("Makar Sankranti") && greeting.body.contains("Asha Verma"),
        "{}",
        greeting.body
    );
}
