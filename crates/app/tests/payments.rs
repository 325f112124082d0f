//! Payments are never lost, never recorded twice, and bad input writes nothing.

mod common;

use common::*;
use kanak_app::{AppError, GoldRateInput, PaymentInput};
use kanak_domain::{PaymentMode, PaymentStatus};

async fn shop_with_enrollment() -> (TestShop, String) {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    (shop, no)
}

/// Runs a use case that must be refused, and checks it named the field and wrote nothing.
async fn assert_refused_without_writes<F, T>(shop: &TestShop, field: &str, attempt: F)
where
    F: std::future::Future<Output = Result<T, AppError>>,
    T: std::fmt::Debug,
{
    let before = shop.row_counts().await;
    let error = attempt.await.expect_err("the input must be refused");
    assert_eq!(error.field(), Some(field), "{error}");
    assert!(
        error.to_string().contains(field) || error.code() != "invalid_input",
        "message names the field: {error}"
    );
    assert_eq!(
        shop.row_counts().await,
        before,
        "nothing may be written after: {error}"
    );
}

#[tokio::test]
async fn the_same_payment_id_twice_is_stored_once_and_answers_with_the_first_result() {
    let (shop, no) = shop_with_enrollment().await;
    let input = cash(&no, "5000");
    let first = shop
        .kanak
        .record_payment(&shop.actor, input.clone())
        .await
        .unwrap();
    let second = shop.kanak.record_payment(&shop.actor, input).await.unwrap();
    assert!(!first.replayed && second.replayed);
    assert_eq!(first.payment, second.payment);
    assert_eq!(
        shop.kanak.enrollment(&no).await.unwrap().total_paid,
        "5000.00"
    );
}

#[tokio::test]
async fn a_reused_payment_id_with_a_different_amount_is_refused() {
    let (shop, no) = shop_with_enrollment().await;
    let input = cash(&no, "5000");
    shop.kanak
        .record_payment(&shop.actor, input.clone())
        .await
        .unwrap();
    let altered = PaymentInput {
        amount: "4000".into(),
        ..input
    };
    assert_refused_without_writes(&shop, "id", shop.kanak.record_payment(&shop.actor, altered))
        .await;
}

#[tokio::test]
async fn a_look_alike_payment_minutes_later_needs_the_staff_to_confirm_it() {
    let (shop, no) = shop_with_enrollment().await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    let again = cash(&no, "5000");
    let warning = shop
        .kanak
        .record_payment(&shop.actor, again.clone())
        .await
        .unwrap_err();
    assert_eq!(warning.code(), "possible_duplicate");
    assert!(warning.to_string().contains("MAIN-R000001"), "{warning}");
    let confirmed = PaymentInput {
        confirm_duplicate: true,
        ..again
    };
    let second = shop
        .kanak
        .record_payment(&shop.actor, confirmed)
        .await
        .unwrap();
    assert_eq!(second.payment.installment_no, 2);
}

#[tokio::test]
async fn several_payments_settle_one_installment_and_the_installment_is_computed() {
    let (shop, no) = shop_with_enrollment().await;
    let a = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "3000"))
        .await
        .unwrap()
        .payment;
    let b = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "2000"))
        .await
        .unwrap()
        .payment;
    let c = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "2500"))
        .await
        .unwrap()
        .payment;
    assert_eq!(
        (a.installment_no, b.installment_no, c.installment_no),
        (1, 1, 2)
    );
    let detail = shop.kanak.enrollment_detail(&no).await.unwrap();
    assert_eq!(
        (
            detail.evaluation.schedule[0].paid.as_str(),
            detail.evaluation.schedule[1].paid.as_str()
        ),
        ("5000.00", "2500.00")
    );
}

#[tokio::test]
async fn a_cheque_waits_as_processing_until_it_clears() {
    let (shop, no) = shop_with_enrollment().await;
    let cheque = PaymentInput {
        mode: PaymentMode::Cheque,
        reference: Some("CHQ 000123".into()),
        ..cash(&no, "5000")
    };
    let paid = shop
        .kanak
        .record_payment(&shop.actor, cheque)
        .await
        .unwrap()
        .payment;
    assert_eq!(paid.status, PaymentStatus::Processing);
    assert_eq!(shop.kanak.enrollment(&no).await.unwrap().total_paid, "0.00");
    let cleared = shop
        .kanak
        .set_payment_status(&shop.actor, &paid.id, PaymentStatus::Confirmed, None)
        .await
        .unwrap();
    assert_eq!(cleared.status, PaymentStatus::Confirmed);
    assert_eq!(
        shop.kanak.enrollment(&no).await.unwrap().total_paid,
        "5000.00"
    );
}

#[tokio::test]
async fn payments_cannot_be_updated_or_deleted_in_the_database() {
    let (shop, no) = shop_with_enrollment().await;
    let paid = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap()
        .payment;
    let update = sqlx::query("UPDATE payments SET amount_paise = 1 WHERE id = ?1")
        .bind(&paid.id)
        .execute(shop.kanak.pool())
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM payments WHERE id = ?1")
        .bind(&paid.id)
        .execute(shop.kanak.pool())
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
}

#[tokio::test]
async fn bad_payments_are_refused_by_field_and_write_nothing() {
    let (shop, no) = shop_with_enrollment().await;
    let k = &shop.kanak;
    let a = &shop.actor;
    assert_refused_without_writes(&shop, "amount", k.record_payment(a, cash(&no, "0"))).await;
    assert_refused_without_writes(&shop, "amount", k.record_payment(a, cash(&no, "-500"))).await;
    assert_refused_without_writes(&shop, "amount", k.record_payment(a, cash(&no, "100.505"))).await;
    assert_refused_without_writes(
        &shop,
        "amount",
        k.record_payment(a, cash(&no, "five thousand")),
    )
    .await;
    // 11 × ₹5,000 = ₹55,000 is the most this plan can take.
    assert_refused_without_writes(&shop, "amount", k.record_payment(a, cash(&no, "55000.01")))
        .await;
    assert_refused_without_writes(
        &shop,
        "enrollment_no",
        k.record_payment(a, cash("MAIN-E99999", "5000")),
    )
    .await;
    let upi_without_ref = PaymentInput {
        mode: PaymentMode::Upi,
        ..cash(&no, "5000")
    };
    assert_refused_without_writes(&shop, "reference", k.record_payment(a, upi_without_ref)).await;
    let not_v7 = PaymentInput {
        id: "67e55044-10b1-426f-9247-bb680e5fe0c8".into(),
        ..cash(&no, "5000")
    };
    assert_refused_without_writes(&shop, "id", k.record_payment(a, not_v7)).await;
    let future = PaymentInput {
        date: Some("2026-04-11".into()),
        ..cash(&no, "5000")
    };
    assert_refused_without_writes(&shop, "date", k.record_payment(a, future)).await;
}

#[tokio::test]
async fn a_payment_on_a_closed_plan_is_refused() {
    let (shop, no) = shop_with_enrollment().await;
    // Closure arrives with #4; until then the status is set directly to stand for it.
    sqlx::query("UPDATE enrollments SET status = 'closed' WHERE enrollment_no = ?1")
        .bind(&no)
        .execute(shop.kanak.pool())
        .await
        .unwrap();
    let before = shop.row_counts().await;
    let refused = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.code(), refused.field()),
        ("plan_closed", Some("enrollment_no"))
    );
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn a_weight_payment_without_the_days_rate_is_refused_with_a_clear_message() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.weight_plan("GOLD11", "4000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    // Yesterday's rate does not price today's payment.
    let rate = GoldRateInput {
        date: "2026-04-09".into(),
        purity: "22K".into(),
        per_gram: "4400".into(),
    };
    shop.kanak.set_gold_rate(&shop.actor, rate).await.unwrap();
    let before = shop.row_counts().await;
    let refused = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "4000"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "no_gold_rate");
    assert_eq!(
        refused.to_string(),
        "no 22K gold rate is set for 10-04-2026; enter the day's rate first"
    );
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn a_matured_plan_still_takes_the_dues_before_redemption() {
    let (shop, no) = shop_with_enrollment().await;
    let after_maturity = shop.on_day("2027-03-15");
    let view = after_maturity.enrollment(&no).await.unwrap();
    assert_eq!(view.status, kanak_domain::EnrollmentStatus::Matured);
    let paid = after_maturity
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();
    assert_eq!(paid.payment.installment_no, 1);
}
