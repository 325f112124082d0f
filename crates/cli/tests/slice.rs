//! The `kanak` binary does the whole counter slice, and bad input gets one line naming the field.

use std::process::{Command, Output};

use serde_json::Value;

struct Shop {
    dir: tempfile::TempDir,
}

impl Shop {
    fn new() -> Shop {
        let shop = Shop { dir: tempfile::tempdir().unwrap() };
        shop.ok(&["setup", "--shop-name", "Lakshmi Jewellers", "--branch", "MAIN", "--owner-name", "Ravi Soni", "--owner-pin", "4321"]);
        shop
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kanak"))
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("USER", "support")
            .output()
            .unwrap()
    }

    /// Runs with --json, expects success and returns the parsed output.
    fn ok(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn refused(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
    }
}

#[test]
fn the_cli_registers_enrolls_and_takes_payments() {
    let shop = Shop::new();
    shop.ok(&["plan", "add", "--name", "Swarna 11", "--kind", "amount", "--installment", "5000", "--installments", "11", "--bonus", "1 installment"]);
    let customer = shop.ok(&["customer", "add", "--name", "श्रीमती लक्ष्मी", "--phone", "+91 98123 45678", "--aadhaar", "2341 2341 2346"]);
    assert_eq!(customer["code"], "MAIN-00001");
    assert_eq!(customer["aadhaar_last4"], "2346");
    let enrollment = shop.ok(&["enroll", "--customer", "MAIN-00001", "--plan", "SWARNA11"]);
    let no = enrollment["enrollment_no"].as_str().unwrap().to_string();
    let id = "019a0000-0000-7000-8000-000000000001";
    let first = shop.ok(&["pay", "--enrollment", &no, "--amount", "5000", "--mode", "cash", "--id", id]);
    assert_eq!((first["replayed"].as_bool(), first["payment"]["received_by"].as_str()), (Some(false), Some("cli:support")));
    let retry = shop.ok(&["pay", "--enrollment", &no, "--amount", "5000", "--mode", "cash", "--id", id]);
    assert_eq!(retry["replayed"], true);
    let detail = shop.ok(&["enrollment", "show", &no]);
    assert_eq!(detail["enrollment"]["total_paid"], "5000.00");
    assert_eq!(detail["schedule"].as_array().unwrap().len(), 11);
    let found = shop.ok(&["customer", "list", "--search", "45678"]);
    assert_eq!(found[0]["code"], "MAIN-00001");
    let human = shop.run(&["customer", "show", "MAIN-00001"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("₹5,000.00") && text.contains("श्रीमती लक्ष्मी"), "{text}");
}

#[test]
fn bad_input_is_one_line_naming_the_field_with_a_non_zero_exit() {
    let shop = Shop::new();
    let (code, stderr) = shop.refused(&["customer", "add", "--name", "Asha", "--phone", "12345"]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: phone: "), "{stderr}");
    let (_, stderr) = shop.refused(&["customer", "add", "--name", "Asha", "--phone", "9876543210", "--pan", "ABCDE12345"]);
    assert!(stderr.starts_with("error: pan: "), "{stderr}");
    let (code, stderr) = shop.refused(&["pay", "--enrollment", "MAIN-E00042", "--amount", "5000", "--mode", "cash"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("enrollment MAIN-E00042 was not found"), "{stderr}");
    let (_, stderr) = shop.refused(&["rate", "set", "--date", "2026-01-01", "--purity", "21Q", "--per-gram", "7150"]);
    assert!(stderr.starts_with("error: purity: "), "{stderr}");
}
