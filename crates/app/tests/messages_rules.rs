//! The rules around messages: one per event (a replayed payment, a cheque when it clears),
//! opt-outs, template and DLT checks, hidden gold, and who may see the outbox.

mod common;

use common::messages::*;
use common::provider::{Answer, FakeProvider};
use common::{TestShop, cash};
use kanak_app::{Channel, OutboxState, PaymentInput, Trigger};
use kanak_domain::{PaymentMode, PaymentStatus, Role};

#[tokio::test]
async fn a_payment_replayed_by_its_id_queues_one_message() {
    let (shop, no) = shop_with_customer().await;
    let input = cash(&no, "5000");
    shop.kanak
        .record_payment(&shop.actor, input.clone())
        .await
        .unwrap();
    let again = shop.kanak.record_payment(&shop.actor, input).await.unwrap();
    assert!(again.replayed);
    assert_eq!(outbox(&shop).await.len(), 1);
}

#[tokio::test]
async fn a_cheque_is_confirmed_to_the_customer_when_it_clears_not_when_it_is_received() {
    let (shop, no) = shop_with_customer().await;
    let cheque = PaymentInput {
        mode: PaymentMode::Cheque,
        reference: Some("CHQ 004512".into()),
        ..cash(&no, "5000")
    };
    let paid = shop
        .kanak
        .record_payment(&shop.actor, cheque)
        .await
        .unwrap();
    assert!(
        outbox(&shop).await.is_empty(),
        "a processing cheque is not money yet"
    );
    shop.kanak
        .set_payment_status(
            &shop.actor,
            &paid.payment.id,
            PaymentStatus::Confirmed,
            None,
        )
        .await
        .unwrap();
    let queued = outbox(&shop).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].trigger, Trigger::Payment);
}

#[tokio::test]
async fn an_opt_out_moves_the_message_to_the_other_channel_or_stops_it() {
    let (shop, no) = shop_with_customer().await;
    let customer = shop.kanak.enrollment(&no).await.unwrap().customer_code;
    sms_payment_template(&shop).await;
    let t = template(
        Trigger::Payment,
        Channel::Whatsapp,
        "payment_received",
        &["customer_name"],
    );
    shop.kanak
        .register_message_template(&shop.actor, t)
        .await
        .unwrap();
    shop.kanak
        .set_message_opt_out(&shop.actor, &customer, Channel::Sms, true)
        .await
        .unwrap();
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    let first = &outbox(&shop).await[0];
    assert_eq!(
        (first.channel, first.state),
        (Channel::Whatsapp, OutboxState::Pending)
    );

    // Opting out of WhatsApp too cancels the waiting message and stops new ones.
    let v = shop
        .kanak
        .set_message_opt_out(&shop.actor, &customer, Channel::Whatsapp, true)
        .await
        .unwrap();
    assert!(v.sms_opted_out && v.whatsapp_opted_out);
    let cancelled = shop.kanak.outbox_message(&first.id).await.unwrap();
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    assert_eq!(
        cancelled.last_error.as_deref(),
        Some("the customer opted out of WhatsApp")
    );
    let later = at(&shop, "2026-12-01T13:00:00Z");
    later
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    let second = &outbox(&shop).await[0];
    assert_eq!(second.state, OutboxState::Cancelled);
    assert_eq!(
        second.last_error.as_deref(),
        Some("the customer opted out of SMS and WhatsApp")
    );
    assert_eq!(shop.kanak.send_outbox_once().await.unwrap().sent, 0);
}

#[tokio::test]
async fn a_dlt_variable_over_30_characters_is_refused_naming_it_and_nothing_is_sent() {
    let shop = TestShop::on("2026-12-01").await;
    let plan = shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop
        .customer("Venkataraghavan Subramaniam Iyer", "9876543210")
        .await;
    let no = shop.enroll(&customer, &plan).await;
    let msg91 = FakeProvider::start(vec![Answer::Reply(200, FLOW_OK)]);
    providers(&shop, &msg91.url, UNREACHABLE).await;
    sms_payment_template(&shop).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    assert_eq!(shop.kanak.send_outbox_once().await.unwrap().failed, 1);
    let m = &outbox(&shop).await[0];
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(
        m.last_error.as_deref(),
        Some("VAR1 (customer_name) is 32 characters; a DLT variable may have at most 30")
    );
    assert_eq!(
        (m.attempts, m.next_attempt_at.clone()),
        (0, None),
        "waits for staff, not a retry"
    );
    assert!(msg91.recorded().is_empty());
    let preview = shop
        .kanak
        .preview_message_template(Trigger::Payment, Channel::Sms, Some(m.id.clone()))
        .await
        .unwrap_err();
    assert_eq!(preview.field(), Some("variables"));
}

#[tokio::test]
async fn registering_a_template_checks_its_variables_against_the_trigger_and_dlt() {
    let shop = TestShop::on("2026-12-01").await;
    let unknown = template(
        Trigger::Payment,
        Channel::Sms,
        "6650a1",
        &["customer_name", "grams"],
    );
    let e = shop
        .kanak
        .register_message_template(&shop.actor, unknown)
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("variables"));
    assert!(
        e.to_string()
            .contains("VAR2 \"grams\" is not a variable of payment messages"),
        "{e}"
    );

    shop.change_settings(|s| s.shop_name = "Shree Lakshmi Jewellers and Sons Jaipur".into())
        .await;
    let long = template(
        Trigger::Payment,
        Channel::Sms,
        "6650a1",
        &["customer_name", "shop_name"],
    );
    let e = shop
        .kanak
        .register_message_template(&shop.actor, long)
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "variables: VAR2 (shop_name) is 39 characters; a DLT variable may have at most 30"
    );
    // WhatsApp has no 30-character limit.
    let wa = template(
        Trigger::Payment,
        Channel::Whatsapp,
        "payment_received",
        &["customer_name", "shop_name"],
    );
    shop.kanak
        .register_message_template(&shop.actor, wa)
        .await
        .unwrap();
    let preview = shop
        .kanak
        .preview_message_template(Trigger::Payment, Channel::Whatsapp, None)
        .await
        .unwrap();
    let values: Vec<&str> = preview.params.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(
        values,
        ["Asha Verma", "Shree Lakshmi Jewellers and Sons Jaipur"]
    );
    assert_eq!(preview.params[1].slot, "{{2}}");
}

#[tokio::test]
async fn a_plan_that_hides_gold_never_puts_grams_or_rate_in_the_message() {
    let shop = TestShop::on("2026-12-01").await;
    shop.kanak
        .set_gold_rate(
            &shop.actor,
            kanak_app::GoldRateInput {
                date: "2026-12-01".into(),
                purity: "22K".into(),
                per_gram: "6500".into(),
            },
        )
        .await
        .unwrap();
    let shown = shop.weight_plan("GOLDW", "6500", 11).await;
    let mut hidden_input =
        common::plan_input("HIDDEN", kanak_domain::PlanKind::Weight, Some("6500"), 11);
    hidden_input.purity = Some("22K".into());
    let mut rules = kanak_domain::PlanRules::default();
    rules.show_gold_to_customer = false;
    hidden_input.rules = Some(rules);
    let hidden = shop
        .kanak
        .create_plan(&shop.actor, hidden_input)
        .await
        .unwrap()
        .code;
    let gold = template(
        Trigger::PaymentGold,
        Channel::Sms,
        "6650a2",
        &["customer_name", "amount", "grams", "rate"],
    );
    shop.kanak
        .register_message_template(&shop.actor, gold)
        .await
        .unwrap();
    sms_payment_template(&shop).await;
    let a = shop.customer("Asha Verma", "9876543210").await;
    let b = shop.customer("Bina Rao", "9876543211").await;
    let shown_no = shop.enroll(&a, &shown).await;
    let hidden_no = shop.enroll(&b, &hidden).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&shown_no, "6500"))
        .await
        .unwrap();
    shop.kanak
        .record_payment(&shop.actor, cash(&hidden_no, "6500"))
        .await
        .unwrap();

    let messages = outbox(&shop).await;
    let of = |no: &str| {
        messages
            .iter()
            .find(|m| m.enrollment_no.as_deref() == Some(no))
            .unwrap()
    };
    assert_eq!(of(&shown_no).trigger, Trigger::PaymentGold);
    assert!(
        of(&shown_no).body.contains("1.000 g of gold at 6,500.00/g"),
        "{}",
        of(&shown_no).body
    );
    let hidden_message = of(&hidden_no);
    assert_eq!(hidden_message.trigger, Trigger::Payment);
    assert!(
        !hidden_message.body.contains(" g"),
        "{}",
        hidden_message.body
    );
    let params: String = sqlx::query_scalar("SELECT params_json FROM outbox WHERE id = ?1")
        .bind(&hidden_message.id)
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    assert!(
        !params.contains("grams") && !params.contains("rate"),
        "{params}"
    );
}

#[tokio::test]
async fn a_cashier_may_not_see_or_change_the_outbox() {
    let (shop, no) = shop_with_customer().await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    let cashier = shop.staff("ravi", Role::Cashier).await;
    let id = outbox(&shop).await[0].id.clone();
    for e in [
        shop.kanak.list_outbox(&cashier, None).await.unwrap_err(),
        shop.kanak.cancel_message(&cashier, &id).await.unwrap_err(),
        shop.kanak.retry_message(&cashier, &id).await.unwrap_err(),
    ] {
        assert_eq!(e.code(), "forbidden");
    }
    let cancelled = shop.kanak.cancel_message(&shop.actor, &id).await.unwrap();
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    let again = shop
        .kanak
        .retry_message(&shop.actor, &id)
        .await
        .unwrap_err();
    assert_eq!(
        again.code(),
        "conflict",
        "a cancelled message is not retried"
    );
}

#[tokio::test]
async fn the_settings_say_what_each_trigger_can_fill_and_only_the_gold_payment_has_grams() {
    let shop = TestShop::on("2026-12-01").await;
    let view = shop.kanak.message_settings().await.unwrap();
    let of = |t: Trigger| {
        view.trigger_variables
            .iter()
            .find(|v| v.trigger == t)
            .unwrap_or_else(|| panic!("no variables for {t:?}"))
            .variables
            .clone()
    };
    assert_eq!(view.trigger_variables.len(), Trigger::ALL.len());
    assert!(!of(Trigger::Payment).contains(&"grams".to_string()));
    assert!(of(Trigger::PaymentGold).contains(&"grams".to_string()));
    assert!(of(Trigger::PaymentGold).contains(&"rate".to_string()));
    assert!(of(Trigger::Occasion).contains(&"occasion".to_string()));
}
