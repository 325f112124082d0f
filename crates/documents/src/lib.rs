//! Kanak's printed documents: the plan-wise ledger (the customer's passbook), payment
//! receipts on A5 or an 80 mm thermal roll, and the closure statement, as PDF bytes.
//!
//! No IO and no webview: the app gathers a [`model`] value from the store and the scheme
//! engine, and a function here turns it into a PDF. Text is shaped with rustybuzz and placed
//! as glyph ids through printpdf, because printpdf alone cannot join Devanagari conjuncts
//! and matras (श्री, क्ष, ि before its consonant). Each glyph carries its source text, so
//! `pdftotext` gives back codes, amounts and dates.
//!
//! Read in this order: [`model`] (what a document shows), `fonts` and `text` (shaping),
//! `canvas` (pages, cursor and drawing), `labels` (English and Hindi), then the documents:
//! `ledger`, `receipt`, `closure`.

// Page geometry is measured in millimetres and points as floats; money and grams never are
// (they stay `Money` and `Weight` until formatted as text).
#![allow(clippy::float_arithmetic)]

mod canvas;
mod closure;
mod flow;
mod fonts;
mod labels;
mod ledger;
mod logo;
pub mod model;
mod qr;
mod receipt;
mod recovery_sheet;
mod report;
mod sections;
mod text;

pub use logo::{Logo, LogoError};
pub use model::*;
pub use report::{ReportDoc, ReportDocColumn, ReportDocRow, ReportDocSection};

/// The passbook of one enrollment.
pub fn ledger_pdf(doc: &LedgerDoc) -> Vec<u8> {
    ledgers_pdf(std::slice::from_ref(doc))
}

/// Several passbooks in one PDF (bulk export), each starting on a new page and numbered
/// "Page k of n" within its own ledger.
pub fn ledgers_pdf(docs: &[LedgerDoc]) -> Vec<u8> {
    let mut book = canvas::Book::new(
        "Kanak ledger",
        docs.first().and_then(|d| d.shop.logo.as_ref()),
    );
    for doc in docs {
        ledger::draw(&mut book, doc);
    }
    book.save()
}

/// A receipt for one payment, on A5 or an 80 mm thermal roll.
pub fn receipt_pdf(doc: &ReceiptDoc, format: ReceiptFormat) -> Vec<u8> {
    let mut book = canvas::Book::new("Kanak receipt", doc.shop.logo.as_ref());
    receipt::draw(&mut book, doc, format);
    book.save()
}

/// The closure statement: the redemption or refund with each deduction, how it was verified,
/// and signature lines.
pub fn closure_pdf(doc: &ClosureDoc) -> Vec<u8> {
    let mut book = canvas::Book::new("Kanak closure statement", doc.shop.logo.as_ref());
    closure::draw(&mut book, doc);
    book.save()
}

/// A report (payments, dues, year-end…) as a table: A4, landscape when it is wide, column
/// headers repeated on every page, "Page k of n".
pub fn report_pdf(doc: &ReportDoc) -> Vec<u8> {
    let mut book = canvas::Book::new(&doc.title, doc.shop.logo.as_ref());
    report::draw(&mut book, doc);
    book.save()
}

/// The database recovery key's sheet: the key in its groups, what it is for and how to use
/// it on a new machine.
pub fn recovery_sheet_pdf(doc: &RecoverySheetDoc) -> Vec<u8> {
    let mut book = canvas::Book::new("Kanak recovery key", doc.shop.logo.as_ref());
    recovery_sheet::draw(&mut book, doc);
    book.save()
}
