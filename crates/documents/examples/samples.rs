//! Writes every sample document to a folder, to look at or print:
//! `cargo run -p kanak-documents --example samples -- /tmp/kanak-samples`
//! then `pdftoppm -r 80 -png /tmp/kanak-samples/ledger-amount-en.pdf page`.

#[path = "../tests/samples/mod.rs"]
mod samples;

use kanak_documents::*;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "kanak-samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "ledger-amount-en.pdf",
            ledger_pdf(&samples::amount_ledger(Lang::En)),
        ),
        (
            "ledger-amount-hi.pdf",
            ledger_pdf(&samples::amount_ledger(Lang::Hi)),
        ),
        (
            "ledger-weight-en.pdf",
            ledger_pdf(&samples::weight_ledger(Lang::En)),
        ),
        (
            "ledger-weight-hi.pdf",
            ledger_pdf(&samples::weight_ledger(Lang::Hi)),
        ),
        ("ledger-30.pdf", ledger_pdf(&samples::long_ledger())),
        (
            "ledger-closed-en.pdf",
            ledger_pdf(&samples::closed_ledger(Lang::En)),
        ),
        (
            "receipt-a5-en.pdf",
            receipt_pdf(&samples::receipt(Lang::En, false), ReceiptFormat::A5),
        ),
        (
            "receipt-a5-hi-weight.pdf",
            receipt_pdf(&samples::receipt(Lang::Hi, true), ReceiptFormat::A5),
        ),
        (
            "receipt-80mm-en-weight.pdf",
            receipt_pdf(&samples::receipt(Lang::En, true), ReceiptFormat::Thermal80),
        ),
        (
            "receipt-80mm-hi.pdf",
            receipt_pdf(&samples::receipt(Lang::Hi, false), ReceiptFormat::Thermal80),
        ),
        (
            "closure-en.pdf",
            closure_pdf(&samples::closure_doc(Lang::En)),
        ),
        (
            "closure-hi.pdf",
            closure_pdf(&samples::closure_doc(Lang::Hi)),
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
        println!("{}", dir.join(name).display());
    }
    Ok(())
}
