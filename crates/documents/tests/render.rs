//! The printed documents, checked as a reader would: the text a PDF gives back, its pages,
//! its paper size, and qpdf's structural check.

mod pdf;
mod samples;

use kanak_documents::*;
use samples::*;

fn all_samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("amount en", ledger_pdf(&amount_ledger(Lang::En))),
        ("amount hi", ledger_pdf(&amount_ledger(Lang::Hi))),
        ("weight en", ledger_pdf(&weight_ledger(Lang::En))),
        ("weight hi", ledger_pdf(&weight_ledger(Lang::Hi))),
        ("closed", ledger_pdf(&closed_ledger(Lang::En))),
        ("30", ledger_pdf(&long_ledger())),
        (
            "a5",
            receipt_pdf(&receipt(Lang::En, false), ReceiptFormat::A5),
        ),
        (
            "80mm hi",
            receipt_pdf(&receipt(Lang::Hi, true), ReceiptFormat::Thermal80),
        ),
        ("closure en", closure_pdf(&closure_doc(Lang::En))),
        ("closure hi", closure_pdf(&closure_doc(Lang::Hi))),
    ]
}

#[test]
fn every_document_passes_qpdf_check_and_embeds_only_a_font_subset() {
    for (name, bytes) in all_samples() {
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
        pdf::qpdf_check(&bytes);
        // Four whole Noto faces are 1.5 MB; subsets keep a ledger small enough to mail.
        assert!(bytes.len() < 120_000, "{name} is {} bytes", bytes.len());
    }
}

#[test]
fn a_ledger_gives_back_its_customer_code_amounts_and_dates_as_text() {
    let text = pdf::text(&ledger_pdf(&amount_ledger(Lang::En)));
    for expected in [
        "Lakshmi Jewellers",
        "GSTIN: 27AAPFL1234C1Z5",
        "MAIN-00042",
        "MAIN-E-00017",
        "XXXXXX3210",
        "MAIN-R-00101",
        "05-01-2026",
        "₹5,000.00",
        "₹45,000.00",
        "₹4,090.91",
        "CHQ 004512",
        "Processing",
        "Page 1 of 1",
        "Generated 01-12-2026 10:30 by Asha (cashier)",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn a_missed_installment_and_a_late_payment_are_marked_in_the_passbook() {
    let text = pdf::text(&ledger_pdf(&amount_ledger(Lang::En)));
    let missed = text
        .lines()
        .find(|l| l.contains("05-04-2026"))
        .expect("row of the missed 4th");
    assert!(missed.contains("MISSED"), "{missed}");
    let late = text.lines().find(|l| l.contains("MAIN-R-00106")).unwrap();
    assert!(
        late.contains("LATE") && late.contains("25-06-2026"),
        "{late}"
    );
}

#[test]
fn the_running_total_counts_confirmed_money_and_leaves_a_processing_cheque_out() {
    let text = pdf::text(&ledger_pdf(&amount_ledger(Lang::En)));
    let row = |receipt: &str| {
        text.lines()
            .find(|l| l.contains(receipt))
            .unwrap()
            .to_string()
    };
    assert!(row("MAIN-R-00103").trim_end().ends_with("₹15,000.00"));
    assert!(row("MAIN-R-00110").trim_end().ends_with("₹45,000.00"));
    // The cheque is listed, but the total after it is still ₹45,000.00.
    assert!(row("MAIN-R-00111").trim_end().ends_with("₹45,000.00"));
}

#[test]
fn a_thirty_installment_ledger_runs_on_with_the_column_titles_on_every_page() {
    let bytes = ledger_pdf(&long_ledger());
    let pages = pdf::pages(&bytes);
    assert!(pages >= 2, "{pages} page(s)");
    let mut rows_seen = 0;
    for page in 1..=pages {
        let text = pdf::page_text(&bytes, page);
        assert!(
            text.contains(&format!("Page {page} of {pages}")),
            "page {page}"
        );
        rows_seen += text.lines().filter(|l| l.contains("MAIN-R-001")).count();
        if text.contains("MAIN-R-001") {
            assert!(
                text.contains("Receipt no.") && text.contains("Amount"),
                "titles on page {page}"
            );
        }
    }
    // Every row is whole on exactly one page: none is lost or printed twice.
    assert_eq!(rows_seen, 30);
}

#[test]
fn a_weight_plan_prints_rate_grams_and_running_grams() {
    let text = pdf::text(&ledger_pdf(&weight_ledger(Lang::En)));
    let first = text.lines().find(|l| l.contains("MAIN-R-00101")).unwrap();
    // ₹4,000 at ₹4,450/g buys 0.898 g (rounded down to the milligram).
    assert!(
        first.contains("₹4,450.00/g") && first.contains("0.898"),
        "{first}"
    );
    let last = text.lines().find(|l| l.contains("MAIN-R-00106")).unwrap();
    assert!(last.trim_end().ends_with("5.245"), "{last}");
    assert!(text.contains("5.245 g"));
}

#[test]
fn gold_rates_stay_off_the_passbook_when_the_plan_hides_them() {
    let doc = LedgerDoc {
        hide_gold: true,
        ..weight_ledger(Lang::En)
    };
    let text = pdf::text(&ledger_pdf(&doc));
    assert!(
        !text.contains("Rate/g") && !text.contains("₹4,450.00"),
        "{text}"
    );
    assert!(text.contains("Gold rates are not shown"));
    assert!(text.contains("₹4,000.00"), "the money is still there");
}

#[test]
fn a_closed_plan_prints_the_closure_with_who_closed_it() {
    let text = pdf::text(&ledger_pdf(&closed_ledger(Lang::En)));
    for expected in [
        "Premature closure",
        "20-11-2026",
        "Ravi (manager)",
        "- ₹1,350.00",
        "₹42,750.00",
        "OWNER OVERRIDE",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
}

#[test]
fn a_receipt_writes_the_amount_in_figures_and_in_indian_words_with_its_entry_hash() {
    let text = pdf::text(&receipt_pdf(&receipt(Lang::En, false), ReceiptFormat::A5));
    assert!(text.contains("₹1,23,456.50"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Rupees One Lakh Twenty Three Thousand Four Hundred Fifty Six and Paise Fifty Only"
        ),
        "{flat}"
    );
    assert!(flat.contains("9f2c4e1ab7d35c08"), "entry hash");
    assert!(flat.contains("MAIN-R-00105") && flat.contains("05-05-2026 11:42"));
}

#[test]
fn an_a5_receipt_is_half_an_a4_sheet_and_a_thermal_one_is_80mm_wide_and_only_as_long_as_it_needs() {
    let a5 = receipt_pdf(&receipt(Lang::En, false), ReceiptFormat::A5);
    assert!(
        pdf::info(&a5, "Page size").starts_with("419.5"),
        "{}",
        pdf::info(&a5, "Page size")
    );
    let roll = receipt_pdf(&receipt(Lang::En, true), ReceiptFormat::Thermal80);
    let size = pdf::info(&roll, "Page size");
    let (w, h) = size.split_once(" x ").unwrap();
    let w: f32 = w.trim().parse().unwrap();
    let h: f32 = h.trim_end_matches(" pts").trim().parse().unwrap();
    assert!((w - 226.77).abs() < 0.1, "80 mm is 226.77 pt, got {w}");
    assert!(h > 200.0 && h < 700.0, "cut after the last line: {h} pt");
    let text = pdf::text(&roll);
    assert!(
        text.contains("₹4,400.00/g") && text.contains("28.058 g"),
        "{text}"
    );
}

#[test]
fn hindi_documents_carry_hindi_labels_and_the_same_figures() {
    let text = pdf::text(&ledger_pdf(&weight_ledger(Lang::Hi)));
    assert!(text.contains("पासबुक") && text.contains("कुल जमा"), "{text}");
    assert!(
        text.contains("MAIN-00042") && text.contains("₹24,000.00") && text.contains("05-12-2026")
    );
    let receipt = pdf::text(&receipt_pdf(
        &receipt(Lang::Hi, false),
        ReceiptFormat::Thermal80,
    ));
    assert!(receipt.contains("रुपये एक लाख"), "{receipt}");
}

#[test]
fn a_closure_statement_itemises_deductions_and_has_both_signature_lines() {
    let text = pdf::text(&closure_pdf(&closure_doc(Lang::En)));
    for expected in [
        "Closure statement",
        "3% GST on making",
        "- ₹1,350.00",
        "Cash refund",
        "₹42,750.00",
        "OWNER OVERRIDE",
        "Customer's signature",
        "For the shop (signature)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let otp = ClosureDoc {
        closure: ClosureSummary {
            verified: Verification::Otp,
            ..closure_summary()
        },
        ..closure_doc(Lang::En)
    };
    let text = pdf::text(&closure_pdf(&otp));
    assert!(text.contains("Verified by one-time code") && !text.contains("OVERRIDE"));
}

#[test]
fn a_combined_export_numbers_each_ledger_on_its_own() {
    let docs = [long_ledger(), amount_ledger(Lang::En)];
    let one = pdf::pages(&ledger_pdf(&docs[0]));
    let bytes = ledgers_pdf(&docs);
    assert_eq!(pdf::pages(&bytes), one + 1);
    let last = pdf::page_text(&bytes, one + 1);
    assert!(
        last.contains("Page 1 of 1") && last.contains("MAIN-E-00017"),
        "{last}"
    );
}

#[test]
fn the_shop_logo_is_embedded_once_and_placed_in_the_letterhead() {
    let with = ledger_pdf(&amount_ledger(Lang::En));
    assert_eq!(pdf::images(&with), 1);
    let without = ledger_pdf(&LedgerDoc {
        shop: shop(),
        ..amount_ledger(Lang::En)
    });
    assert_eq!(pdf::images(&without), 0);
    // A combined export of many ledgers carries the image once, not once per ledger.
    let docs = vec![amount_ledger(Lang::En); 3];
    assert_eq!(
        pdf::images(&ledgers_pdf(&docs)),
        3,
        "placed on each first page"
    );
    assert!(ledgers_pdf(&docs).len() < with.len() * 2);
}

#[test]
fn a_closure_against_jewellery_lists_no_cash_deductions() {
    // GST and gateway charges come off a cash refund only; against jewellery the customer
    // keeps what they paid (the engine's jewellery value).
    let doc = ClosureDoc {
        closure: ClosureSummary {
            settled_as_cash: false,
            value: kanak_domain::Money::from_rupees(45_000),
            ..closure_summary()
        },
        ..closure_doc(Lang::En)
    };
    let text = pdf::text(&closure_pdf(&doc));
    assert!(
        text.contains("Value against jewellery") && text.contains("₹45,000.00"),
        "{text}"
    );
    assert!(
        !text.contains("3% GST on making") && !text.contains("Cash refund"),
        "{text}"
    );
}
