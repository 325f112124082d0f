//! Staff, closure and the audit trail through the `kanak` binary.

mod common;

use common::Shop;

/// A shop with a one-installment plan, paid, so it can be redeemed today; and a cashier.
fn redeemable() -> (Shop, String) {
    let shop = Shop::new();
    shop.ok(&[
        "plan",
        "add",
        "--name",
        "Quick",
        "--kind",
        "amount",
        "--installment",
        "1000",
        "--installments",
        "1",
        "--bonus",
        "none",
    ]);
    shop.ok(&[
        "customer",
        "add",
        "--name",
        "Asha Verma",
        "--phone",
        "9876543210",
    ]);
    let no = shop.ok(&["enroll", "--customer", "MAIN-00001", "--plan", "QUICK"])["enrollment_no"]
        .as_str()
        .unwrap()
        .to_string();
    shop.ok(&[
        "pay",
        "--enrollment",
        &no,
        "--amount",
        "1000",
        "--mode",
        "upi",
        "--reference",
        "UPI-1",
    ]);
    shop.ok(&[
        "staff", "add", "--name", "Meena", "--login", "meena", "--role", "cashier", "--pin", "2468",
    ]);
    (shop, no)
}

#[test]
fn a_cashier_acting_through_the_cli_cannot_close() {
    let (shop, no) = redeemable();
    let (code, stderr) = shop.refused(&[
        "--as",
        "meena",
        "--pin",
        "2468",
        "close",
        "request-otp",
        &no,
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("meena (cashier) may not close plans"),
        "{stderr}"
    );
    let (_, wrong_pin) = shop.refused(&["--as", "meena", "--pin", "1111", "customer", "list"]);
    assert!(wrong_pin.contains("wrong login or PIN"), "{wrong_pin}");
}

#[test]
fn the_owner_closes_with_the_console_code_and_the_audit_trail_verifies() {
    let (shop, no) = redeemable();
    let quote = shop.ok(&["close", "quote", &no]);
    assert_eq!(quote["allowed"], true, "{quote}");
    let out = shop.run(&[
        "--as",
        "owner",
        "--pin",
        "4321",
        "close",
        "request-otp",
        &no,
    ]);
    assert!(out.status.success());
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    let code = stderr
        .split("code for ")
        .nth(1)
        .and_then(|s| s.split(": ").nth(1))
        .unwrap()
        .trim()
        .to_string();
    assert!(
        !stdout.contains(&code),
        "stdout carries nothing secret: {stdout}"
    );
    assert!(stderr.contains("TEST MODE"), "{stderr}");
    let closed = shop.ok(&[
        "--as",
        "owner",
        "--pin",
        "4321",
        "close",
        "confirm",
        &no,
        "--otp",
        &code,
        "--settlement",
        "jewellery",
        "--invoice",
        "INV-9",
    ]);
    assert_eq!(
        (closed["verified_by"].as_str(), closed["closed_by"].as_str()),
        (Some("otp"), Some("owner"))
    );
    let audit = shop.ok(&["audit", "verify"]);
    assert_eq!(audit["intact"], true);
    let listed = shop.ok(&["audit", "list", "--enrollment", &no]);
    let actions: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions[..3], ["closure", "otp.verified", "otp.sent"]);
}

#[test]
fn an_override_from_the_cli_needs_the_owners_pin() {
    let (shop, no) = redeemable();
    let (_, stderr) = shop.refused(&[
        "close",
        "override",
        &no,
        "--reason",
        "customer lost the phone",
    ]);
    assert!(stderr.contains("needs the owner to log in"), "{stderr}");
    let closed = shop.ok(&[
        "--as",
        "owner",
        "--pin",
        "4321",
        "close",
        "override",
        &no,
        "--reason",
        "customer lost the phone",
    ]);
    assert_eq!(closed["verified_by"], "override");
}
