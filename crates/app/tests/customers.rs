//! Customer registration refuses bad KYC by field and writes nothing.

mod common;

use common::*;
use kanak_app::CustomerInput;

async fn refused(shop: &TestShop, input: CustomerInput) -> (String, Option<&'static str>) {
    let before = shop.row_counts().await;
    let error = shop
        .kanak
        .add_customer(&shop.actor, input)
        .await
        .expect_err("must be refused");
    assert_eq!(
        shop.row_counts().await,
        before,
        "nothing may be written: {error}"
    );
    (error.to_string(), error.field())
}

#[tokio::test]
async fn bad_kyc_is_refused_naming_the_field() {
    let shop = TestShop::on("2026-04-10").await;
    let base = || customer_input("Asha Verma", "9876543210");
    let (message, field) = refused(
        &shop,
        CustomerInput {
            phone: "12345".into(),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("phone"));
    assert!(message.starts_with("phone:"), "{message}");
    let (_, field) = refused(
        &shop,
        CustomerInput {
            phone: "5876543210".into(),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("phone"));
    let (_, field) = refused(
        &shop,
        CustomerInput {
            pan: Some("ABCDE12345".into()),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("pan"));
    // 234123412346 carries a valid Verhoeff check digit; changing the last digit breaks it.
    let (_, field) = refused(
        &shop,
        CustomerInput {
            aadhaar: Some("234123412347".into()),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("aadhaar"));
    let (_, field) = refused(
        &shop,
        CustomerInput {
            pin_code: Some("30200".into()),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("pin_code"));
    let (_, field) = refused(
        &shop,
        CustomerInput {
            email: Some("asha@".into()),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("email"));
    let (_, field) = refused(
        &shop,
        CustomerInput {
            name: "  ".into(),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("name"));
    let (_, field) = refused(
        &shop,
        CustomerInput {
            dob: Some("2030-01-01".into()),
            ..base()
        },
    )
    .await;
    assert_eq!(field, Some("dob"));
}

#[tokio::test]
async fn only_the_last_four_aadhaar_digits_are_stored() {
    let shop = TestShop::on("2026-04-10").await;
    let input = CustomerInput {
        aadhaar: Some("2341 2341 2346".into()),
        pan: Some("abcde1234f".into()),
        ..customer_input("Asha Verma", "09876543210")
    };
    let customer = shop.kanak.add_customer(&shop.actor, input).await.unwrap();
    assert_eq!(customer.aadhaar_last4.as_deref(), Some("2346"));
    assert_eq!(customer.pan.as_deref(), Some("ABCDE1234F"));
    assert_eq!(customer.phone, "9876543210");
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT quote(aadhaar_last4) || quote(pan) || quote(phone) FROM customers",
    )
    .fetch_all(shop.kanak.pool())
    .await
    .unwrap();
    assert!(
        !stored[0].contains("23412341"),
        "no full Aadhaar anywhere: {stored:?}"
    );
}

#[tokio::test]
async fn setup_happens_once() {
    let shop = TestShop::on("2026-04-10").await;
    let again = kanak_app::SetupInput {
        shop_name: "Another".into(),
        address: String::new(),
        gstin: None,
        branch_code: "X".into(),
        owner_name: "Someone".into(),
        owner_pin: "1234".into(),
    };
    assert_eq!(
        shop.kanak.setup_shop(again).await.unwrap_err().code(),
        "already_set_up"
    );
    let status = shop.kanak.app_status().await.unwrap();
    assert!(status.setup_done);
    assert_eq!(status.shop.unwrap().owner_name, "Ravi Soni");
}

#[tokio::test]
async fn the_owner_pin_is_stored_only_as_an_argon2id_hash() {
    let shop = TestShop::on("2026-04-10").await;
    let hash: String = sqlx::query_scalar("SELECT pin_hash FROM staff WHERE login = 'owner'")
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("4321"));
}
