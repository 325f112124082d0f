//! The `kanak` binary does the whole counter slice, and bad input gets one line naming the field.

mod common;

use common::Shop;

#[test]
fn the_cli_registers_enrolls_and_takes_payments() {
    let shop = Shop::new();
    shop.ok(&[
        "plan",
        "add",
        "--name",
        "Swarna 11",
        "--kind",
        "amount",
        "--installment",
        "5000",
        "--installments",
        "11",
        "--bonus",
        "1 installment",
    ]);
    let customer = shop.ok(&[
        "customer",
        "add",
        "--name",
        "श्रीमती लक्ष्मी",
        "--phone",
        "+91 98123 45678",
        "--aadhaar",
        "2341 2341 2346",
    ]);
    assert_eq!(customer["code"], "MAIN-00001");
    assert_eq!(customer["aadhaar_last4"], "2346");
    let enrollment = shop.ok(&["enroll", "--customer", "MAIN-00001", "--plan", "SWARNA11"]);
    let no = enrollment["enrollment_no"].as_str().unwrap().to_string();
    let id = "019a0000-0000-7000-8000-000000000001";
    let first = shop.ok(&[
        "pay",
        "--enrollment",
        &no,
        "--amount",
        "5000",
        "--mode",
        "cash",
        "--id",
        id,
    ]);
    assert_eq!(
        (
            first["replayed"].as_bool(),
            first["payment"]["received_by"].as_str()
        ),
        (Some(false), Some("cli:support"))
    );
    let retry = shop.ok(&[
        "pay",
        "--enrollment",
        &no,
        "--amount",
        "5000",
        "--mode",
        "cash",
        "--id",
        id,
    ]);
    assert_eq!(retry["replayed"], true);
    let detail = shop.ok(&["enrollment", "show", &no]);
    assert_eq!(detail["enrollment"]["total_paid"], "5000.00");
    assert_eq!(
        detail["evaluation"]["schedule"].as_array().unwrap().len(),
        11
    );
    let found = shop.ok(&["customer", "list", "--search", "45678"]);
    assert_eq!(found[0]["code"], "MAIN-00001");
    let human = shop.run(&["customer", "show", "MAIN-00001"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("₹5,000.00") && text.contains("श्रीमती लक्ष्मी"),
        "{text}"
    );
}

#[test]
fn bad_input_is_one_line_naming_the_field_with_a_non_zero_exit() {
    let shop = Shop::new();
    let (code, stderr) = shop.refused(&["customer", "add", "--name", "Asha", "--phone", "12345"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: phone: "), "{stderr}");
    let (_, stderr) = shop.refused(&[
        "customer",
        "add",
        "--name",
        "Asha",
        "--phone",
        "9876543210",
        "--pan",
        "ABCDE12345",
    ]);
    assert!(stderr.starts_with("error: pan: "), "{stderr}");
    let (code, stderr) = shop.refused(&[
        "pay",
        "--enrollment",
        "MAIN-E00042",
        "--amount",
        "5000",
        "--mode",
        "cash",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("enrollment MAIN-E00042 was not found"),
        "{stderr}"
    );
    let (_, stderr) = shop.refused(&[
        "rate",
        "set",
        "--date",
        "2026-01-01",
        "--purity",
        "21Q",
        "--per-gram",
        "7150",
    ]);
    assert!(stderr.starts_with("error: purity: "), "{stderr}");
}

/// Senco's tiers as a rules file: 6/11/18 months for 30%/75%/150% of one installment,
/// lower tier on early closure, no benefit under 6 installments.
const SENCO_RULES: &str = r#"{
  "tiers": [
    {"installments": 6, "bonus": "30% of installment"},
    {"installments": 11, "bonus": "75% of installment"},
    {"installments": 18, "bonus": "150% of installment"}
  ],
  "lateness": {"pro_rata_bonus": true},
  "redemption_window_days": 60,
  "closure": {"benefit": "lower_tier", "benefit_from_installments": 6, "settlement": "jewellery_only"}
}"#;

#[test]
fn a_plan_with_rules_from_a_file_is_simulated_and_its_enrollment_shows_the_engines_answers() {
    let shop = Shop::new();
    let rules = shop.dir.path().join("senco.json");
    std::fs::write(&rules, SENCO_RULES).unwrap();
    let plan = shop.ok(&[
        "plan",
        "add",
        "--name",
        "Swarna Vriddhi",
        "--code",
        "SENCO",
        "--kind",
        "amount",
        "--installment",
        "1000",
        "--installments",
        "18",
        "--bonus",
        "150% of installment",
        "--rules",
        rules.to_str().unwrap(),
    ]);
    assert!(
        plan["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("tenure of 18 months"),
        "{plan}"
    );
    assert!(
        plan["rules_text"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "11-month option: 75% of one installment (₹750.00)."),
        "{plan}"
    );
    let sim = shop.ok(&[
        "plan",
        "simulate",
        "SENCO",
        "--pattern",
        "close 12",
        "--start",
        "10-01-2026",
    ]);
    assert_eq!(sim["evaluation"]["closure"]["benefit"]["money"], "750.00");
    assert_eq!(sim["evaluation"]["closure"]["kind"], "premature");
    let text = String::from_utf8(
        shop.run(&["plan", "simulate", "SENCO", "--pattern", "late 4 7"])
            .stdout,
    )
    .unwrap();
    assert!(text.contains("Bonus reduced by 2/18 because installments 4 and 7 were not paid within the grace period."), "{text}");

    shop.ok(&[
        "customer",
        "add",
        "--name",
        "Asha Devi",
        "--phone",
        "9876543210",
    ]);
    let enrolled = shop.ok(&[
        "enroll",
        "--customer",
        "MAIN-00001",
        "--plan",
        "SENCO",
        "--installments",
        "11",
    ]);
    let no = enrolled["enrollment_no"].as_str().unwrap();
    shop.ok(&[
        "pay",
        "--enrollment",
        no,
        "--amount",
        "1000",
        "--mode",
        "cash",
        "--id",
        "019a0000-0000-7000-8000-0000000000aa",
    ]);
    let detail = shop.ok(&["enrollment", "show", no]);
    let ev = &detail["evaluation"];
    assert_eq!(
        ev["schedule"].as_array().unwrap().len(),
        11,
        "the 11-month tier was picked"
    );
    assert_eq!(ev["schedule"][0]["status"], "paid");
    assert_eq!(ev["schedule"][1]["status"], "upcoming");
    assert_eq!(ev["bonus_at_maturity"]["money"], "750.00");
    assert_eq!(ev["outstanding"], "0.00");
    assert!(ev["maturity_date"].is_string());
    assert_eq!(ev["closure"]["refused_reason"], serde_json::Value::Null);
    assert_eq!(ev["closure"]["jewellery_value"], "1000.00");
    assert_eq!(ev["closure"]["cash_refund"], serde_json::Value::Null);
    let (code, stderr) = shop.refused(&[
        "enrollment",
        "pause",
        no,
        "--from",
        "01-03-2026",
        "--months",
        "1",
    ]);
    assert_eq!(
        (code, stderr.trim()),
        (2, "error: months: this plan does not allow pausing")
    );
}
