//! Printed documents through the `kanak` binary: a ledger, an 80 mm receipt, the bulk export
//! into a folder, and the errors that name the missing flag.

mod common;

use std::path::Path;
use std::process::Command;

use common::Shop;

/// Two customers on a ₹5,000 plan, each with one cash payment today; returns the
/// enrollment numbers and the first payment's id and receipt number.
fn two_enrollments() -> (Shop, [String; 2], String, String) {
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
    ]);
    let mut numbers = Vec::new();
    let mut payments = Vec::new();
    for (name, phone) in [("Asha Verma", "9876543210"), ("Vikram Rao", "9876543211")] {
        let code = shop.ok(&["customer", "add", "--name", name, "--phone", phone])["code"]
            .as_str()
            .unwrap()
            .to_string();
        let enrollment = shop.ok(&["enroll", "--customer", &code, "--plan", "SWARNA11"]);
        let no = enrollment["enrollment_no"].as_str().unwrap().to_string();
        let paid = shop.ok(&[
            "pay",
            "--enrollment",
            &no,
            "--amount",
            "5000",
            "--mode",
            "cash",
        ]);
        payments.push(paid["payment"].clone());
        numbers.push(no);
    }
    let id = payments[0]["id"].as_str().unwrap().to_string();
    let receipt = payments[0]["receipt_no"].as_str().unwrap().to_string();
    (shop, [numbers[0].clone(), numbers[1].clone()], id, receipt)
}

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        path.display()
    );
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/deps.sh");
    String::from_utf8(out.stdout).unwrap()
}

/// The first page's width in points, as `pdfinfo` reports it.
fn page_width(path: &Path) -> f64 {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo reports a page size");
    size.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn the_ledger_command_writes_the_enrollments_passbook() {
    let (shop, [no, _], _, receipt) = two_enrollments();
    let out = shop.dir.path().join("ledger.pdf");
    let written = shop.ok(&[
        "ledger",
        &no,
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(written["document"], "ledger");
    let text = pdf_text(&out);
    for want in [no.as_str(), "MAIN-00001", receipt.as_str(), "5,000.00"] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    let (code, stderr) = shop.refused(&["ledger", &no]);
    assert_eq!((code, stderr.trim()), (2, "error: --out: is required"));
}

#[test]
fn the_receipt_command_prints_an_80mm_thermal_receipt() {
    let (shop, _, id, receipt) = two_enrollments();
    let out = shop.dir.path().join("receipt.pdf");
    let path = out.to_str().unwrap();
    shop.ok(&["receipt", &id, "--out", path, "--format", "80mm"]);
    assert!(pdf_text(&out).contains(&receipt));
    let width = page_width(&out);
    assert!(width < 230.0, "80 mm is 226.8 pt wide, got {width}");
    shop.ok(&["receipt", &id, "--out", path]);
    assert!(page_width(&out) > 400.0, "A5 by default (419.5 pt wide)");
    let (code, stderr) = shop.refused(&["receipt", &id, "--out", path, "--format", "70mm"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--format"), "{stderr}");
}

#[test]
fn ledger_all_exports_every_active_enrollment_into_the_folder_with_progress() {
    let (shop, numbers, _, _) = two_enrollments();
    let dir = shop.dir.path().join("ledgers");
    let out = shop.run(&["ledger", "--all", "--out-dir", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("[1/2] {}", numbers[0])),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("[2/2] {}", numbers[1])),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("Exported 2 of 2 ledgers"), "{stdout}");
    for no in &numbers {
        let file = dir.join(format!("LEDGER-{no}.pdf"));
        assert!(pdf_text(&file).contains(no.as_str()));
    }
    let (code, stderr) = shop.refused(&["ledger", "--all"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--out-dir: is required"), "{stderr}");
}

#[test]
fn ledger_all_with_out_writes_one_combined_pdf() {
    let (shop, numbers, _, _) = two_enrollments();
    let out = shop.dir.path().join("all.pdf");
    let summary = shop.ok(&["ledger", "--all", "--out", out.to_str().unwrap()]);
    assert_eq!(
        (summary["written"].as_u64(), summary["cancelled"].as_bool()),
        (Some(2), Some(false))
    );
    let text = pdf_text(&out);
    assert!(
        numbers.iter().all(|no| text.contains(no.as_str())),
        "{text}"
    );
}

#[test]
fn a_closure_statement_of_an_open_enrollment_is_refused_by_name() {
    let (shop, [no, _], _, _) = two_enrollments();
    let out = shop.dir.path().join("closure.pdf");
    let (code, stderr) = shop.refused(&["close", "statement", &no, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("closure of enrollment {no} was not found")),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn settings_set_turns_on_printing_the_receipt_after_a_payment() {
    let shop = Shop::new();
    assert_eq!(
        shop.ok(&["settings", "show"])["print_receipt_after_payment"],
        false
    );
    let on = shop.ok(&["settings", "set", "--print-receipt-after-payment", "true"]);
    assert_eq!(on["print_receipt_after_payment"], true);
}

#[test]
fn settings_logo_takes_a_png_refuses_anything_else_and_can_be_removed() {
    let (shop, _, _, _) = two_enrollments();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("logo.jpg");
    std::fs::write(&bad, b"\xFF\xD8\xFF not a png").unwrap();
    let (code, stderr) = shop.refused(&["settings", "logo", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("logo:") && stderr.contains("PNG"),
        "{stderr}"
    );
    // The smallest valid PNG: 1×1, one grey pixel.
    let png = dir.path().join("logo.png");
    std::fs::write(
        &png,
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55, 0, 0, 0, 0x0A, 0x49,
            0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77,
            0xCD, 0x72, 0xB6, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ],
    )
    .unwrap();
    assert_eq!(
        shop.ok(&["settings", "logo", png.to_str().unwrap()])["logo"],
        true
    );
    assert_eq!(shop.ok(&["settings", "show"])["has_logo"], true);
    assert_eq!(shop.ok(&["settings", "logo", "--remove"])["logo"], false);
    assert_eq!(shop.ok(&["settings", "show"])["has_logo"], false);
}
