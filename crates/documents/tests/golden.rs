//! Golden snapshots: page 1 of each sample document rendered by pdftoppm at 50 dpi in grey,
//! compared with the PNG committed under tests/golden. A layout change shows up as a failing
//! test with the new rendering written beside the old one, to look at before accepting it
//! with `KANAK_UPDATE_GOLDEN=1 cargo test -p kanak-documents --test golden`.

// Shares of changed pixels are ratios, not money.
#![allow(clippy::float_arithmetic)]

mod pdf;
mod samples;

use std::path::PathBuf;

use kanak_documents::*;
use samples::*;

const DPI: u32 = 50;
/// A pixel counts as changed when its grey level moves by more than this (of 255)…
const PIXEL_TOLERANCE: u8 = 64;
/// …and a page matches while at most this share of its pixels changed: enough to absorb
/// anti-aliasing differences between poppler versions, far too little for a moved column.
const PAGE_TOLERANCE: f64 = 0.002;

fn check(name: &str, pdf_bytes: Vec<u8>) {
    let (w, h, actual) = pdf::render(&pdf_bytes, DPI);
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.png"));
    if std::env::var_os("KANAK_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, pdf::encode_gray(w, h, &actual)).unwrap();
        return;
    }
    let expected =
        std::fs::read(&golden).unwrap_or_else(|_| panic!("no golden {}", golden.display()));
    let (ew, eh, expected) = pdf::decode_gray(&expected);
    let changed = if (w, h) == (ew, eh) {
        actual
            .iter()
            .zip(&expected)
            .filter(|(a, b)| a.abs_diff(**b) > PIXEL_TOLERANCE)
            .count()
    } else {
        actual.len().max(expected.len())
    };
    let share = changed as f64 / actual.len() as f64;
    if share > PAGE_TOLERANCE {
        let out = std::env::temp_dir().join(format!("kanak-golden-{name}.png"));
        std::fs::write(&out, pdf::encode_gray(w, h, &actual)).unwrap();
        panic!(
            "{name}: {:.2}% of pixels changed ({w}x{h} vs {ew}x{eh}); new rendering at {}",
            share * 100.0,
            out.display()
        );
    }
}

#[test]
fn the_amount_plan_passbook_looks_as_approved() {
    check("ledger-amount-en", ledger_pdf(&amount_ledger(Lang::En)));
}

#[test]
fn the_hindi_weight_plan_passbook_looks_as_approved() {
    check("ledger-weight-hi", ledger_pdf(&weight_ledger(Lang::Hi)));
}

#[test]
fn the_a5_receipt_looks_as_approved() {
    check(
        "receipt-a5-en",
        receipt_pdf(&receipt(Lang::En, false), ReceiptFormat::A5),
    );
}

#[test]
fn the_hindi_thermal_receipt_looks_as_approved() {
    check(
        "receipt-80mm-hi",
        receipt_pdf(&receipt(Lang::Hi, true), ReceiptFormat::Thermal80),
    );
}

#[test]
fn the_hindi_closure_statement_looks_as_approved() {
    check("closure-hi", closure_pdf(&closure_doc(Lang::Hi)));
}
