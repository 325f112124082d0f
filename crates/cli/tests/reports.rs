//! Reports through the `kanak` binary: every report in every format it has, the payments CSV
//! header, a filter, a bad filter naming its flag, a cashier refused, and the Tally ledgers.

mod common;

use common::Shop;

const NAMES: [&str; 9] = [
    "payments",
    "missed",
    "outstanding",
    "maturity",
    "plan-collection",
    "staff-collection",
    "closures",
    "year-end",
    "tally",
];

/// A ₹1,000 × 3 plan, two customers, a cash and a UPI payment today.
fn shop_with_payments() -> Shop {
    let shop = Shop::new();
    shop.ok(&[
        "plan",
        "add",
        "--name",
        "Gold 3",
        "--kind",
        "amount",
        "--installment",
        "1000",
        "--installments",
        "3",
    ]);
    for (name, phone, mode) in [
        ("Asha Verma", "9876543210", "cash"),
        ("Vikram Rao", "9876543211", "upi"),
    ] {
        let code = shop.ok(&["customer", "add", "--name", name, "--phone", phone])["code"]
            .as_str()
            .unwrap()
            .to_string();
        let no = shop.ok(&["enroll", "--customer", &code, "--plan", "GOLD3"])["enrollment_no"]
            .as_str()
            .unwrap()
            .to_string();
        let mut pay = vec![
            "pay",
            "--enrollment",
            &no,
            "--amount",
            "1000",
            "--mode",
            mode,
        ];
        if mode == "upi" {
            pay.extend(["--reference", "UPI-77"]);
        }
        shop.ok(&pay);
    }
    shop
}

#[test]
fn every_report_exports_in_every_format_it_has() {
    let shop = shop_with_payments();
    for name in NAMES {
        let formats: &[&str] = if name == "tally" {
            &["xml"]
        } else {
            &["csv", "xlsx", "pdf", "json"]
        };
        for format in formats {
            let out = shop.dir.path().join(format!("{name}.{format}"));
            let done = shop.ok(&[
                "report",
                name,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ]);
            let bytes = std::fs::read(&out).unwrap();
            assert_eq!(
                done["bytes"].as_u64().unwrap() as usize,
                bytes.len(),
                "{name} {format}"
            );
            let signature: &[u8] = match *format {
                "xlsx" => b"PK\x03\x04",
                "pdf" => b"%PDF-",
                "json" => b"{",
                "xml" => b"<?xml",
                _ => b"",
            };
            assert!(
                bytes.starts_with(signature),
                "{name}.{format} starts with {signature:?}"
            );
            if *format == "json" {
                let table: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(table["name"], name);
            }
        }
    }
}

#[test]
fn the_payments_csv_has_the_documented_columns_and_a_mode_filter_applies() {
    let shop = shop_with_payments();
    let out = shop.dir.path().join("upi.csv");
    let done = shop.ok(&[
        "report",
        "payments",
        "--mode",
        "upi",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(done["rows"], 1);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "date,receipt_no,customer_code,customer_name,enrollment_no,plan_code,amount,mode,status,reference,rate_per_gram,grams,staff"
    );
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(
        (
            cells[3], cells[5], cells[6], cells[7], cells[8], cells[9], cells[12]
        ),
        (
            "Vikram Rao",
            "GOLD3",
            "1000.00",
            "upi",
            "confirmed",
            "UPI-77",
            "cli:support"
        )
    );
    assert_eq!(lines.len(), 2);
    // Without --out the table is printed, totals and all.
    let printed = shop.run(&["report", "payments"]);
    let printed = String::from_utf8(printed.stdout).unwrap();
    assert!(
        printed.contains("Vikram Rao") && printed.contains("Amount: 2000.00"),
        "{printed}"
    );
    let json = shop.ok(&["report", "plan-collection"]);
    assert_eq!(json["sections"][0]["rows"][0]["cells"][4], "2000.00");
}

/// Runs with --json, expects a refusal and returns the `{code, message, field}` it printed.
fn refusal(shop: &Shop, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = shop.run(&all);
    assert!(!out.status.success(), "{args:?} should fail");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_bad_filter_or_name_is_refused_naming_it_and_writes_nothing() {
    let shop = shop_with_payments();
    let out = shop.dir.path().join("x.csv");
    assert_eq!(
        refusal(
            &shop,
            &[
                "report",
                "missed",
                "--month",
                "2026-13",
                "--out",
                out.to_str().unwrap()
            ]
        )["field"],
        "month"
    );
    assert_eq!(
        refusal(
            &shop,
            &[
                "report",
                "payments",
                "--from",
                "2026-05-02",
                "--to",
                "2026-05-01"
            ]
        )["field"],
        "from"
    );
    assert_eq!(refusal(&shop, &["report", "dues"])["field"], "name");
    assert_eq!(
        refusal(
            &shop,
            &[
                "report",
                "tally",
                "--format",
                "csv",
                "--out",
                out.to_str().unwrap()
            ]
        )["field"],
        "format"
    );
    assert!(!out.exists());
}

#[test]
fn a_cashier_is_refused_reports_and_the_owner_renames_tally_ledgers() {
    let shop = shop_with_payments();
    shop.ok(&[
        "staff", "add", "--name", "Ravi", "--login", "ravi", "--role", "cashier", "--pin", "2468",
    ]);
    let err = refusal(
        &shop,
        &["--as", "ravi", "--pin", "2468", "report", "payments"],
    );
    assert_eq!(err["code"], "forbidden");
    assert_eq!(err["message"], "ravi (cashier) may not see reports");
    let ledgers = shop.ok(&[
        "settings",
        "tally",
        "--advances",
        "Scheme advances",
        "--bank",
        "HDFC Bank",
    ]);
    assert_eq!(
        (ledgers["advances"].as_str(), ledgers["cash"].as_str()),
        (Some("Scheme advances"), Some("Cash"))
    );
    let out = shop.dir.path().join("tally.xml");
    shop.ok(&["report", "tally", "--out", out.to_str().unwrap()]);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(
        xml.contains("<LEDGERNAME>Scheme advances</LEDGERNAME>")
            && xml.contains("<LEDGERNAME>HDFC Bank</LEDGERNAME>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<VOUCHER ").count(), 2);
    let err = refusal(
        &shop,
        &[
            "--as", "ravi", "--pin", "2468", "settings", "tally", "--cash", "Till",
        ],
    );
    assert_eq!(err["code"], "forbidden");
}
