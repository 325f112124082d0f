//! India's guards at the counter: s.269ST's daily cash limit and PAN or Form 60 for large payments.

mod common;

use common::*;
use kanak_app::{AppError, CounterEnrollInput, PaymentInput};
use kanak_domain::PaymentMode;

const TODAY: &str = "2026-11-23";

/// A shop with one customer (no PAN) on a flexible plan taking up to ₹3,00,000 a payment.
async fn shop_with_big_plan() -> (TestShop, String, String) {
    let shop = TestShop::on(TODAY).await;
    let plan = shop.flexible_plan("FLEXI", "1000", "300000", 12).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    (shop, customer, no)
}

fn paid(no: &str, amount: &str, mode: PaymentMode) -> PaymentInput {
    PaymentInput {
        mode,
        reference: (mode != PaymentMode::Cash).then(|| "REF-1".into()),
        ..cash(no, amount)
    }
}

async fn refused(shop: &TestShop, input: PaymentInput) -> AppError {
    let before = shop.row_counts().await;
    let error = shop
        .kanak
        .record_payment(&shop.actor, input)
        .await
        .expect_err("the payment must be refused");
    assert_eq!(
        shop.row_counts().await,
        before,
        "a refused payment writes nothing: {error}"
    );
    error
}

#[tokio::test]
async fn cash_just_under_two_lakh_in_a_day_is_taken() {
    let (shop, _, no) = shop_with_big_plan().await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "199999.99"))
        .await
        .unwrap();
}

#[tokio::test]
async fn cash_of_two_lakh_in_one_payment_is_refused_citing_269st() {
    let (shop, _, no) = shop_with_big_plan().await;
    let error = refused(&shop, cash(&no, "200000")).await;
    assert_eq!(
        (error.code(), error.field()),
        ("invalid_input", Some("amount"))
    );
    assert_eq!(
        error.to_string(),
        "amount: cash of ₹2,00,000.00 or more from one person in a day is not allowed (Income-tax Act s.269ST)"
    );
}

#[tokio::test]
async fn cash_split_across_payments_and_plans_of_one_person_is_added_up() {
    let (shop, customer, no) = shop_with_big_plan().await;
    let second_plan = shop.enroll(&customer, "FLEXI").await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "150000"))
        .await
        .unwrap();
    let error = refused(&shop, cash(&second_plan, "50000")).await;
    assert!(
        error
            .to_string()
            .ends_with("(Income-tax Act s.269ST): ₹1,50,000.00 already received today"),
        "{error}"
    );
    shop.kanak
        .record_payment(&shop.actor, cash(&second_plan, "49999.99"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_next_day_starts_a_new_cash_total() {
    let (shop, _, no) = shop_with_big_plan().await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "150000"))
        .await
        .unwrap();
    let tomorrow = shop.on_day("2026-11-24");
    tomorrow
        .record_payment(&shop.actor, cash(&no, "150000"))
        .await
        .unwrap();
}

#[tokio::test]
async fn another_person_has_their_own_cash_limit() {
    let (shop, _, no) = shop_with_big_plan().await;
    let other = shop.customer("Vikram Rao", "9876543211").await;
    let other_no = shop.enroll(&other, "FLEXI").await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "150000"))
        .await
        .unwrap();
    shop.kanak
        .record_payment(&shop.actor, cash(&other_no, "150000"))
        .await
        .unwrap();
}

#[tokio::test]
async fn upi_card_bank_and_cheque_are_not_cash_for_269st() {
    let (shop, _, no) = shop_with_big_plan().await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "150000"))
        .await
        .unwrap();
    for (mode, amount) in [
        (PaymentMode::Upi, "100000"),
        (PaymentMode::Card, "100001"),
        (PaymentMode::Bank, "100002"),
        (PaymentMode::Cheque, "100003"),
    ] {
        shop.kanak
            .record_payment(&shop.actor, paid(&no, amount, mode))
            .await
            .unwrap();
    }
    assert_eq!(
        refused(&shop, cash(&no, "50000")).await.field(),
        Some("amount")
    );
}

#[tokio::test]
async fn a_payment_over_two_lakh_needs_pan_or_a_form60() {
    let (shop, customer, no) = shop_with_big_plan().await;
    let error = refused(&shop, paid(&no, "200000.01", PaymentMode::Bank)).await;
    assert_eq!(
        error.to_string(),
        "pan: is required for a payment over ₹2,00,000.00 (or record a Form 60 declaration)"
    );
    shop.kanak
        .record_payment(&shop.actor, paid(&no, "200000", PaymentMode::Bank))
        .await
        .unwrap();
    shop.kanak
        .record_form60(&shop.actor, &customer, "23-11-2026")
        .await
        .unwrap();
    shop.kanak
        .record_payment(&shop.actor, paid(&no, "250000", PaymentMode::Upi))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_customer_with_a_pan_may_pay_over_two_lakh_by_bank() {
    let shop = TestShop::on(TODAY).await;
    let plan = shop.flexible_plan("FLEXI", "1000", "300000", 12).await;
    let mut input = customer_input("Meera Iyer", "9876543212");
    input.pan = Some("ABCDE1234F".into());
    let customer = shop
        .kanak
        .add_customer(&shop.actor, input)
        .await
        .unwrap()
        .code;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .record_payment(&shop.actor, paid(&no, "300000", PaymentMode::Bank))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_limits_are_the_shops_settings() {
    let (shop, _, no) = shop_with_big_plan().await;
    shop.change_settings(|s| {
        s.cash_limit_per_day = "10000".into();
        s.pan_required_above = "50000".into();
    })
    .await;
    let view = shop.kanak.app_status().await.unwrap().shop.unwrap();
    assert_eq!(
        (
            view.cash_limit_per_day.as_str(),
            view.pan_required_above.as_str()
        ),
        ("10000.00", "50000.00")
    );
    assert!(
        refused(&shop, cash(&no, "10000"))
            .await
            .to_string()
            .contains("cash of ₹10,000.00 or more")
    );
    assert_eq!(
        refused(&shop, paid(&no, "50000.01", PaymentMode::Upi))
            .await
            .field(),
        Some("pan")
    );
}

#[tokio::test]
async fn the_limits_default_to_two_lakh_and_must_be_positive_amounts() {
    let shop = TestShop::on(TODAY).await;
    let view = shop.kanak.app_status().await.unwrap().shop.unwrap();
    assert_eq!(
        (
            view.cash_limit_per_day.as_str(),
            view.pan_required_above.as_str()
        ),
        ("200000.00", "200000.00")
    );
    let mut settings = view.settings();
    settings.cash_limit_per_day = "0".into();
    let error = shop
        .kanak
        .update_settings(&shop.actor, settings)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cash_limit_per_day: must be greater than zero"
    );
}

#[tokio::test]
async fn counter_enrollment_is_guarded_too_and_leaves_nothing_behind() {
    let shop = TestShop::on(TODAY).await;
    shop.flexible_plan("FLEXI", "1000", "300000", 12).await;
    let input = CounterEnrollInput {
        customer: customer_input("Asha Verma", "9876543210"),
        plan_code: "FLEXI".into(),
        installments: None,
        payment_id: uuid7(),
        amount: "250000".into(),
        mode: PaymentMode::Cash,
        reference: None,
    };
    let before = shop.row_counts().await;
    let error = shop
        .kanak
        .counter_enroll(&shop.actor, input)
        .await
        .unwrap_err();
    assert_eq!(error.field(), Some("amount"), "{error}");
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn a_form60_declaration_shows_on_the_profile_and_cannot_be_dated_ahead() {
    let (shop, customer, _) = shop_with_big_plan().await;
    let error = shop
        .kanak
        .record_form60(&shop.actor, &customer, "24-11-2026")
        .await
        .unwrap_err();
    assert_eq!(error.to_string(), "date: cannot be in the future");
    assert_eq!(
        shop.kanak
            .customer_profile(&customer)
            .await
            .unwrap()
            .customer
            .form60_declared_on,
        None
    );
    shop.kanak
        .record_form60(&shop.actor, &customer, "20-11-2026")
        .await
        .unwrap();
    let profile = shop.kanak.customer_profile(&customer).await.unwrap();
    assert_eq!(
        profile.customer.form60_declared_on.as_deref(),
        Some("2026-11-20")
    );
    let missing = shop
        .kanak
        .record_form60(&shop.actor, "MAIN-09999", "20-11-2026")
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "not_found");
}
