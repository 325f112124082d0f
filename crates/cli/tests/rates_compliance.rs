//! Rates and compliance through the `kanak` binary: settings, CSV import, Form 60, the s.269ST refusal.

mod common;

use common::Shop;

#[test]
fn settings_show_and_set_the_rate_and_compliance_settings() {
    let shop = Shop::new();
    let shown = shop.ok(&["settings", "show"]);
    assert_eq!(
        (
            shown["derive_rates"].as_bool(),
            shown["cash_limit_per_day"].as_str()
        ),
        (Some(false), Some("200000.00"))
    );
    let set = shop.ok(&[
        "settings",
        "set",
        "--derive-rates",
        "true",
        "--rate-feed-url",
        "https://rates.example.in/today.csv",
        "--pan-limit",
        "150000",
    ]);
    assert_eq!(set["derive_rates"], true);
    assert_eq!(set["rate_feed_url"], "https://rates.example.in/today.csv");
    assert_eq!(
        (
            set["pan_required_above"].as_str(),
            set["cash_limit_per_day"].as_str()
        ),
        (Some("150000.00"), Some("200000.00"))
    );
    let bad = shop.run(&["settings", "set", "--rate-feed-url", "ftp://x/y"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("error: rate_feed_url: "));
    let human = String::from_utf8(shop.run(&["settings", "show"]).stdout).unwrap();
    assert!(
        human.contains("Cash limit per person per day (s.269ST): ₹2,00,000.00"),
        "{human}"
    );
}

#[test]
fn rate_import_stores_a_csv_and_derives_karats_and_the_listing_shows_the_source() {
    let shop = Shop::new();
    shop.ok(&["settings", "set", "--derive-rates", "true"]);
    let csv = shop.dir.path().join("rates.csv");
    std::fs::write(&csv, "date,purity,per_gram\n01-01-2026,24K,7800\n").unwrap();
    let import = shop.ok(&["rate", "import", csv.to_str().unwrap()]);
    assert_eq!(
        (
            import["imported"].as_u64(),
            import["derived"].as_u64(),
            import["source"].as_str()
        ),
        (Some(1), Some(2), Some("csv"))
    );
    let listing =
        String::from_utf8(shop.run(&["rate", "list", "--date", "01-01-2026"]).stdout).unwrap();
    assert!(listing.contains("₹7,151.95 per gram  derived"), "{listing}");
    assert!(listing.contains("₹7,800.00 per gram  csv"), "{listing}");
    std::fs::write(
        &csv,
        "date,purity,per_gram\n01-01-2026,24K,7800\n02-01-2026,24K,\n",
    )
    .unwrap();
    let refused = shop.run(&["rate", "import", csv.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr).trim(),
        "error: line 3: per_gram: is required"
    );
    let missing = shop.run(&["rate", "import", "/nonexistent/rates.csv"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn cash_of_two_lakh_is_refused_and_form60_is_recorded() {
    let shop = Shop::new();
    shop.ok(&[
        "plan",
        "add",
        "--name",
        "Flexi",
        "--code",
        "FLEXI",
        "--kind",
        "flexible",
        "--min",
        "1000",
        "--max",
        "300000",
        "--installments",
        "12",
    ]);
    shop.ok(&[
        "customer",
        "add",
        "--name",
        "Asha Verma",
        "--phone",
        "9876543210",
    ]);
    let no = shop.ok(&["enroll", "--customer", "MAIN-00001", "--plan", "FLEXI"])["enrollment_no"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = shop.run(&[
        "pay",
        "--enrollment",
        &no,
        "--amount",
        "200000",
        "--mode",
        "cash",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("(Income-tax Act s.269ST)"));
    let customer = shop.ok(&["customer", "form60", "MAIN-00001", "--date", "01-01-2026"]);
    assert_eq!(customer["form60_declared_on"], "2026-01-01");
    shop.ok(&[
        "pay",
        "--enrollment",
        &no,
        "--amount",
        "250000",
        "--mode",
        "bank",
        "--reference",
        "NEFT123",
    ]);
}
