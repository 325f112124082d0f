//! Printed documents: passbooks, receipts and closure statements, checked through the PDF's
//! own text (`pdftotext`) and structure (`qpdf --check`).

mod common;

use common::printed::{START, assert_shows, book, pay, text_of};
use common::{TestShop, cash, plan_input};
use kanak_app::{CloseInput, GoldRateInput, ReceiptFormat, SettleAs};
use kanak_domain::PlanKind;

#[tokio::test]
async fn a_ledger_lists_every_payment_with_its_receipt_number_amount_and_date() {
    let b = book().await;
    let pdf = b
        .today()
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    let text = text_of(&pdf);
    let receipts = b.receipts(&b.amount_no).await;
    assert_eq!(receipts.len(), 3);
    assert_shows(
        &text,
        &["MAIN-00001", "Asha Verma", &b.amount_no, "GOLD6 scheme"],
    );
    assert_shows(
        &text,
        &receipts.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_shows(
        &text,
        &["10-01-2026", "10-02-2026", "12-04-2026", "UPI-4471"],
    );
    assert_shows(&text, &["5,000.00", "15,000.00", "Lakshmi Jewellers"]);
    assert_shows(&text, &["10-03-2026"]); // March's missed installment, by its due date
}

#[tokio::test]
async fn a_ledger_shows_the_phone_only_by_its_last_four_digits() {
    let b = book().await;
    let pdf = b
        .today()
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    let text = text_of(&pdf);
    assert_shows(&text, &["XXXXXX3210"]);
    assert!(
        !text.contains("9876543210"),
        "the full phone is printed:\n{text}"
    );
}

#[tokio::test]
async fn a_weight_plan_ledger_shows_the_rate_and_the_grams_each_payment_bought() {
    let b = book().await;
    let pdf = b
        .today()
        .ledger_pdf(&b.shop.actor, &b.weight_no, None)
        .await
        .unwrap();
    let text = text_of(&pdf);
    assert_shows(&text, &["MAIN-00002", &b.weight_no, "4,000.00", "4,400.00"]);
    assert_shows(&text, &["0.909", "1.818"]); // ₹4,000 at ₹4,400/g, rounded down; running
}

#[tokio::test]
async fn a_ledger_of_an_unknown_enrollment_names_the_field() {
    let b = book().await;
    let error = b
        .today()
        .ledger_pdf(&b.shop.actor, "MAIN-E09999", None)
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("not_found", Some("enrollment_no"))
    );
}

#[tokio::test]
async fn a_receipt_shows_its_number_amount_total_paid_and_the_audit_entry_hash() {
    let b = book().await;
    let detail = b.today().enrollment_detail(&b.amount_no).await.unwrap();
    let second = &detail.payments[1];
    let hash: String = sqlx::query_scalar(
        "SELECT hash FROM audit_log WHERE action = 'payment.add' AND detail LIKE ?1",
    )
    .bind(format!("payment {} of %", second.id))
    .fetch_one(b.shop.kanak.pool())
    .await
    .unwrap();
    for format in [ReceiptFormat::A5, ReceiptFormat::Thermal80] {
        let pdf = b
            .today()
            .receipt_pdf(&b.shop.actor, &second.id, format)
            .await
            .unwrap();
        let text = text_of(&pdf);
        assert_shows(
            &text,
            &[&second.receipt_no, &b.amount_no, "MAIN-00001", "10-02-2026"],
        );
        assert_shows(&text, &["5,000.00", "15,000.00", "UPI-4471", &hash[..12]]);
    }
}

#[tokio::test]
async fn a_receipt_hides_the_grams_when_the_plan_does_not_show_gold() {
    let shop = TestShop::on(START).await;
    let mut input = plan_input("HIDDEN", PlanKind::Weight, Some("4000"), 6);
    input.purity = Some("22K".into());
    input.rules = Some(serde_json::from_str(r#"{"show_gold_to_customer": false}"#).unwrap());
    shop.kanak.create_plan(&shop.actor, input).await.unwrap();
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "HIDDEN").await;
    let rate = GoldRateInput {
        date: START.into(),
        purity: "22K".into(),
        per_gram: "4400".into(),
    };
    shop.kanak.set_gold_rate(&shop.actor, rate).await.unwrap();
    let id = pay(&shop, START, cash(&no, "4000")).await;
    let pdf = shop
        .kanak
        .receipt_pdf(&shop.actor, &id, ReceiptFormat::A5)
        .await
        .unwrap();
    let text = text_of(&pdf);
    assert_shows(&text, &["4,000.00"]);
    assert!(
        !text.contains("0.909"),
        "grams shown on a hidden-gold plan:\n{text}"
    );
}

#[tokio::test]
async fn an_unknown_payment_id_has_no_receipt() {
    let b = book().await;
    let error = b
        .today()
        .receipt_pdf(&b.shop.actor, &common::uuid7(), ReceiptFormat::A5)
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("not_found", Some("payment_id"))
    );
}

#[tokio::test]
async fn a_closure_statement_shows_the_redemption_and_the_override() {
    let b = book().await;
    let closure = b.today().closure(&b.closed_no).await.unwrap().unwrap();
    assert_eq!(
        closure.bonus_lines.len(),
        1,
        "the 1-installment bonus, itemised"
    );
    let pdf = b
        .today()
        .closure_statement_pdf(&b.shop.actor, &b.closed_no, None)
        .await
        .unwrap();
    let text = text_of(&pdf);
    assert_shows(&text, &[&b.closed_no, "MAIN-00001", "12-04-2026", "INV-77"]);
    assert_shows(
        &text,
        &[
            "1,000.00",
            "2,000.00",
            "customer's phone was stolen; ID seen",
        ],
    );
}

#[tokio::test]
async fn a_premature_closure_itemises_each_deduction_on_the_statement() {
    let shop = TestShop::on(START).await;
    let mut input = plan_input("EARLY", PlanKind::Amount, Some("2000"), 6);
    input.rules = Some(
        serde_json::from_str(
            r#"{"closure": {"earliest_installments": 1, "settlement": "cash_only",
                "deductions": [{"kind": "gst", "percent": "3"}, {"kind": "gateway", "percent": "2"}]}}"#,
        )
        .unwrap(),
    );
    shop.kanak.create_plan(&shop.actor, input).await.unwrap();
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "EARLY").await;
    pay(&shop, "2026-01-10", cash(&no, "2000")).await;
    pay(&shop, "2026-02-10", cash(&no, "2000")).await;
    let close = CloseInput {
        enrollment_no: no.clone(),
        settlement: SettleAs::Cash,
        invoice_no: None,
        invoice_value: None,
    };
    let kanak = shop.on_day("2026-02-20");
    let reason = "customer moved away, no phone";
    let closed = kanak
        .override_closure(&shop.actor, close, reason)
        .await
        .unwrap();
    let items: Vec<_> = closed
        .deduction_lines
        .iter()
        .map(|d| d.amount.as_str())
        .collect();
    assert_eq!(
        items,
        ["120.00", "80.00"],
        "3% GST and 2% gateway of ₹4,000"
    );
    assert_eq!(
        (closed.deductions.as_str(), closed.value.as_str()),
        ("200.00", "3800.00")
    );
    let text = text_of(
        &kanak
            .closure_statement_pdf(&shop.actor, &no, None)
            .await
            .unwrap(),
    );
    assert_shows(
        &text,
        &["4,000.00", "120.00", "80.00", "3,800.00", "20-02-2026"],
    );
}

#[tokio::test]
async fn an_enrollment_that_is_not_closed_has_no_closure_statement() {
    let b = book().await;
    let error = b
        .today()
        .closure_statement_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("not_found", Some("enrollment_no"))
    );
    assert!(error.to_string().contains(&b.amount_no), "{error}");
}
