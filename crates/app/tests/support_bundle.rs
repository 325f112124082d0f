//! The support bundle: what it holds (versions, OS, counts, sync status, last errors, logs)
//! and what it never holds (KYC numbers, PINs, one-time codes, provider keys), checked by
//! unzipping a bundle made from a shop that has all of them.

mod common;

use std::io::Read;

use common::{TestShop, customer_input};
use kanak_app::{OtpProvider, logs};
use kanak_domain::Role;

const PAN: &str = "ABCDE1234F";
const AADHAAR: &str = "234123412346";
const PROVIDER_KEY: &str = "msg91-secret-key-7781";

/// Every file in the zip, by name, as text.
fn unzip(path: &std::path::Path) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (name, text)
        })
        .collect()
}

/// `needle` as a whole number (not inside a longer run of digits such as a timestamp).
fn has_number(text: &str, needle: &str) -> bool {
    regex::Regex::new(&format!(r"(^|[^0-9]){needle}([^0-9]|$)"))
        .unwrap()
        .is_match(text)
}

async fn seeded_shop(shop: &TestShop) -> String {
    let mut asha = customer_input("Asha Verma", "9876543210");
    (asha.pan, asha.aadhaar) = (Some(PAN.into()), Some("2341 2341 2346".into()));
    shop.kanak.add_customer(&shop.actor, asha).await.unwrap();
    shop.customer("Meena Rao", "9123456780").await;
    shop.staff("kiran", Role::Cashier).await;
    shop.kanak
        .set_provider_key(&shop.actor, OtpProvider::Msg91, PROVIDER_KEY)
        .await
        .unwrap();
    shop.amount_plan("GOLD3", "1000", 3).await;
    let customer = shop.customer("Ravi Kumar", "9988776655").await;
    let no = shop.enroll(&customer, "GOLD3").await;
    // A code for an enrollment that cannot close yet is still issued and shown by the
    // console provider in test mode; it is the secret the bundle must not carry.
    shop.kanak
        .request_closure_otp(&shop.actor, &no)
        .await
        .map(|sent| sent.test_code.expect("the console provider shows the code"))
        .unwrap_or_else(|_| "000000".into())
}

#[tokio::test]
async fn the_bundle_holds_versions_counts_and_errors_but_no_secret_or_full_kyc() {
    let shop = TestShop::on("2026-01-10").await;
    let logs_dir = tempfile::tempdir().unwrap();
    let appender = logs::file_appender(logs_dir.path(), 3).unwrap();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(appender))
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let code = seeded_shop(&shop).await;
    // What a careless log line could carry; the bundle must mask it all the same.
    tracing::warn!(
        "customer Asha pan={PAN} aadhaar {AADHAAR} phone 9876543210 otp={code} pin=2468 key {PROVIDER_KEY}"
    );
    tracing::error!(code = "storage", "disk full while recording a payment");

    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("support.zip");
    let view = shop
        .kanak
        .support_bundle(&shop.actor, logs_dir.path(), &path)
        .await
        .unwrap();
    let files = unzip(&path);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for expected in ["README.txt", "about.json", "counts.json", "errors.json"] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("logs/kanak.") && n.ends_with(".log")),
        "{names:?}"
    );
    assert_eq!(view.files.len(), files.len());

    let all: String = files
        .iter()
        .map(|(_, text)| text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for secret in [
        PAN,
        "abcde1234f",
        AADHAAR,
        "2341 2341 2346",
        "9876543210",
        PROVIDER_KEY,
    ] {
        assert!(!all.contains(secret), "the bundle carries {secret}");
    }
    for number in [code.as_str(), "2468", "4321"] {
        assert!(
            !has_number(&all, number),
            "the bundle carries the code or PIN {number}"
        );
    }
    assert!(all.contains("******234F"), "the PAN shows masked");
    assert!(all.contains("XXXX XXXX 2346"), "the Aadhaar shows masked");

    let about: serde_json::Value =
        serde_json::from_str(&files.iter().find(|(n, _)| n == "about.json").unwrap().1).unwrap();
    assert_eq!(about["sync_status"], "sync not configured");
    assert_eq!(about["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["schema_version"], about["binary_schema_version"]);
    assert_eq!(about["os"], std::env::consts::OS);

    let counts: Vec<serde_json::Value> =
        serde_json::from_str(&files.iter().find(|(n, _)| n == "counts.json").unwrap().1).unwrap();
    let rows = |table: &str| counts.iter().find(|c| c["table"] == table).unwrap()["rows"].clone();
    assert_eq!(rows("customers"), 3);
    assert_eq!(rows("staff"), 2);

    let errors: serde_json::Value =
        serde_json::from_str(&files.iter().find(|(n, _)| n == "errors.json").unwrap().1).unwrap();
    let logged = errors["log"].as_array().unwrap();
    let last = logged.last().expect("the error line is listed");
    assert_eq!(last["level"], "ERROR");
    assert!(
        last["message"].as_str().unwrap().contains("disk full"),
        "{last}"
    );
    assert!(
        last["at"].as_str().unwrap().starts_with("20"),
        "a timestamp: {last}"
    );
}

#[tokio::test]
async fn a_cashier_cannot_make_a_bundle() {
    let shop = TestShop::on("2026-01-10").await;
    let cashier = shop.staff("kiran", Role::Cashier).await;
    let out = tempfile::tempdir().unwrap();
    let refused = shop
        .kanak
        .support_bundle(&cashier, out.path(), &out.path().join("s.zip"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
}
