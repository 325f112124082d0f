//! The foundation's slice: register, enroll, take installments, see them on the profile.

mod common;

use common::*;
use kanak_app::{CounterEnrollInput, CustomerEdit, GoldRateInput, SettingsInput};
use kanak_domain::{EnrollmentStatus, InstallmentStatus, PaymentMode};

#[tokio::test]
async fn customer_codes_follow_the_shops_pattern() {
    let shop = TestShop::on("2026-04-10").await;
    assert_eq!(
        shop.customer("Asha Verma", "9876543210").await,
        "MAIN-00001"
    );
    assert_eq!(
        shop.customer("Vikram Rao", "9876543211").await,
        "MAIN-00002"
    );
    let settings = SettingsInput {
        shop_name: "Lakshmi Jewellers".into(),
        address: "Jaipur".into(),
        gstin: None,
        code_pattern: "{BRANCH}/{YY}/{SEQ:4}".into(),
        language: kanak_app::Language::Hi,
        derive_rates: false,
        rate_feed_url: None,
        cash_limit_per_day: "200000".into(),
        pan_required_above: "200000".into(),
        print_receipt_after_payment: false,
    };
    shop.kanak
        .update_settings(&shop.actor, settings)
        .await
        .unwrap();
    assert_eq!(
        shop.customer("Meera Iyer", "9876543212").await,
        "MAIN/26/0003"
    );
}

#[tokio::test]
async fn an_edited_code_stays_unique_and_new_codes_skip_it() {
    let shop = TestShop::on("2026-04-10").await;
    let first = shop.customer("Asha Verma", "9876543210").await;
    let second = shop.customer("Vikram Rao", "9876543211").await;
    let edit = |code: &str| CustomerEdit {
        code: Some(code.into()),
        name: "Asha Verma".into(),
        phone: "9876543210".into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
    };
    let clash = shop
        .kanak
        .edit_customer(&shop.actor, &first, edit(&second))
        .await
        .unwrap_err();
    assert_eq!((clash.code(), clash.field()), ("conflict", Some("code")));
    let moved = shop
        .kanak
        .edit_customer(&shop.actor, &first, edit("MAIN-00003"))
        .await
        .unwrap();
    assert_eq!(moved.code, "MAIN-00003");
    // The next generated code would be MAIN-00003, which is taken now: it is skipped.
    assert_eq!(
        shop.customer("Meera Iyer", "9876543212").await,
        "MAIN-00004"
    );
}

#[tokio::test]
async fn a_hindi_name_is_stored_and_found_as_typed() {
    let shop = TestShop::on("2026-04-10").await;
    let code = shop.customer("श्रीमती लक्ष्मी देवी", "9812345678").await;
    let found = shop.kanak.search_customers("लक्ष्मी", 10).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, code);
    assert_eq!(found[0].name, "श्रीमती लक्ष्मी देवी");
}

#[tokio::test]
async fn search_finds_by_name_prefix_phone_fragment_and_code() {
    let shop = TestShop::on("2026-04-10").await;
    let asha = shop.customer("Asha Verma", "9876543210").await;
    shop.customer("Vikram Rao", "9123400000").await;
    let names =
        |v: Vec<kanak_app::CustomerSummary>| v.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(
        names(shop.kanak.search_customers("ash", 10).await.unwrap()),
        ["Asha Verma"]
    );
    assert_eq!(
        names(shop.kanak.search_customers("3210", 10).await.unwrap()),
        ["Asha Verma"]
    );
    assert_eq!(
        names(shop.kanak.search_customers(&asha, 10).await.unwrap()),
        ["Asha Verma"]
    );
    assert_eq!(
        names(shop.kanak.search_customers("Vi", 10).await.unwrap()),
        ["Vikram Rao"]
    );
    assert!(
        shop.kanak
            .search_customers("nobody", 10)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_family_member_belongs_to_a_main_contact() {
    let shop = TestShop::on("2026-04-10").await;
    let main = shop.customer("Asha Verma", "9876543210").await;
    let mut son = customer_input("Rohan Verma", "9876543219");
    son.family_of = Some(main.clone());
    son.relation = Some("son".into());
    let son = shop.kanak.add_customer(&shop.actor, son).await.unwrap();
    assert_eq!(son.family_of.as_deref(), Some(main.as_str()));
    let profile = shop.kanak.customer_profile(&main).await.unwrap();
    assert_eq!(
        profile
            .family
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        [son.code.as_str()]
    );
    // A family member cannot be a main contact: the family stays one level deep.
    let mut grandchild = customer_input("Baby Verma", "9876543218");
    grandchild.family_of = Some(son.code.clone());
    grandchild.relation = Some("daughter".into());
    let refused = shop
        .kanak
        .add_customer(&shop.actor, grandchild)
        .await
        .unwrap_err();
    assert_eq!(refused.field(), Some("family_of"));
}

#[tokio::test]
async fn enrollment_then_installments_show_on_the_profile() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    let profile = shop.kanak.customer_profile(&customer).await.unwrap();
    assert_eq!(profile.enrollments.len(), 1);
    let e = &profile.enrollments[0];
    assert_eq!(
        (e.total_paid.as_str(), e.paid_installments, e.status),
        ("5000.00", 1, EnrollmentStatus::Active)
    );
    assert_eq!(e.maturity_date, "2027-03-10");
    assert_eq!(
        (e.next_due_date.as_deref(), e.next_due_amount.as_deref()),
        (Some("2026-05-10"), Some("5000.00"))
    );
    assert_eq!(profile.payments.len(), 1);
    assert_eq!(profile.payments[0].receipt_no, "MAIN-R000001");
    assert_eq!(profile.payments[0].received_by, "owner");
    assert_eq!(profile.outstanding, "0.00");
}

#[tokio::test]
async fn a_missed_installment_is_overdue_after_grace_and_counts_as_outstanding() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    shop.kanak
        .record_payment(&shop.actor, cash(&no, "5000"))
        .await
        .unwrap();

    let in_grace = shop
        .on_day("2026-05-15")
        .enrollment_detail(&no)
        .await
        .unwrap();
    assert_eq!(
        in_grace.evaluation.schedule[1].status,
        InstallmentStatus::InGrace
    );
    assert!(!in_grace.enrollment.overdue);

    let late = shop
        .on_day("2026-05-18")
        .enrollment_detail(&no)
        .await
        .unwrap();
    assert_eq!(late.evaluation.schedule[1].status, InstallmentStatus::Late);
    assert!(late.enrollment.overdue);
    assert_eq!(late.enrollment.outstanding, "5000.00");
    let overdue = shop
        .on_day("2026-05-18")
        .list_enrollments(true)
        .await
        .unwrap();
    assert_eq!(
        overdue
            .iter()
            .map(|e| e.enrollment_no.as_str())
            .collect::<Vec<_>>(),
        [no.as_str()]
    );
}

#[tokio::test]
async fn plan_edits_never_change_what_an_enrolled_customer_signed_up_for() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    let raised = plan_input("SWARNA11", kanak_domain::PlanKind::Amount, Some("6000"), 12);
    shop.kanak
        .edit_plan(&shop.actor, &plan, raised)
        .await
        .unwrap();
    let detail = shop.kanak.enrollment_detail(&no).await.unwrap();
    assert_eq!(detail.evaluation.schedule.len(), 11);
    assert_eq!(detail.evaluation.schedule[0].amount, "5000.00");
    assert_eq!(
        shop.kanak.plan(&plan).await.unwrap().installment.as_deref(),
        Some("6000.00")
    );
}

#[tokio::test]
async fn a_retired_plan_takes_no_new_enrollments() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    shop.kanak.retire_plan(&shop.actor, &plan).await.unwrap();
    let input = kanak_app::EnrollInput {
        customer_code: customer,
        plan_code: plan,
        date: None,
        installments: None,
    };
    let refused = shop.kanak.enroll(&shop.actor, input).await.unwrap_err();
    assert_eq!(refused.field(), Some("plan_code"));
}

#[tokio::test]
async fn a_weight_plan_buys_grams_at_the_days_rate_rounded_down() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.weight_plan("GOLD11", "4000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, &plan).await;
    let rate = GoldRateInput {
        date: "2026-04-10".into(),
        purity: "22K".into(),
        per_gram: "4400".into(),
    };
    shop.kanak.set_gold_rate(&shop.actor, rate).await.unwrap();
    let paid = shop
        .kanak
        .record_payment(&shop.actor, cash(&no, "4000"))
        .await
        .unwrap()
        .payment;
    assert_eq!(
        (paid.grams.as_deref(), paid.rate_per_gram.as_deref()),
        (Some("0.909"), Some("4400.00"))
    );
    let detail = shop.kanak.enrollment_detail(&no).await.unwrap();
    assert_eq!(detail.enrollment.total_grams.as_deref(), Some("0.909"));
    // ₹4,000 ÷ 0.909 g: the effective average rate.
    assert_eq!(detail.evaluation.average_rate.as_deref(), Some("4400.44"));
}

#[tokio::test]
async fn counter_enrollment_registers_enrolls_and_takes_the_first_installment_at_once() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.amount_plan("SWARNA11", "5000", 11).await;
    let input = CounterEnrollInput {
        installments: None,
        customer: customer_input("श्रीमती लक्ष्मी", "+91 98123 45678"),
        plan_code: plan,
        payment_id: uuid7(),
        amount: "5000".into(),
        mode: PaymentMode::Upi,
        reference: Some("UPI-4471".into()),
    };
    let done = shop
        .kanak
        .counter_enroll(&shop.actor, input.clone())
        .await
        .unwrap();
    assert_eq!(done.customer.phone, "9812345678");
    assert_eq!(done.enrollment.total_paid, "5000.00");
    assert_eq!(done.payment.reference.as_deref(), Some("UPI-4471"));
    // Submitting the same counter enrollment again (a double click, a retry) stores nothing new.
    let again = shop.kanak.counter_enroll(&shop.actor, input).await.unwrap();
    assert_eq!(again.payment.id, done.payment.id);
    let counts = shop.row_counts().await;
    assert!(
        counts.contains(&("customers".into(), 1)) && counts.contains(&("payments".into(), 1)),
        "{counts:?}"
    );
}

#[tokio::test]
async fn a_failed_counter_enrollment_leaves_nothing_behind() {
    let shop = TestShop::on("2026-04-10").await;
    let plan = shop.weight_plan("GOLD11", "4000", 11).await;
    let before = shop.row_counts().await;
    let input = CounterEnrollInput {
        installments: None,
        customer: customer_input("Asha Verma", "9876543210"),
        plan_code: plan,
        payment_id: uuid7(),
        amount: "4000".into(),
        mode: PaymentMode::Cash,
        reference: None,
    };
    // No 22K rate for today: the payment fails, so the customer and enrollment are not kept either.
    let refused = shop
        .kanak
        .counter_enroll(&shop.actor, input)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "no_gold_rate");
    assert_eq!(shop.row_counts().await, before);
}
