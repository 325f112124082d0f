//! The recovery key's sheet, read back as a person would: the key's groups in order, the
//! shop, the date, and the words in the shop's language.

mod pdf;
mod samples;

use chrono::NaiveDate;
use kanak_documents::*;

const GROUPS: [&str; 14] = [
    "7K3M", "Q9RT", "VW2X", "YZ45", "ABCD", "EFGH", "JKMN", "PQRS", "TVWX", "YZ01", "2345",
    "6789", "ABCD", "0XQK",
];

fn sheet(lang: Lang) -> Vec<u8> {
    recovery_sheet_pdf(&RecoverySheetDoc {
        lang,
        shop: samples::shop(),
        groups: GROUPS.iter().map(|g| g.to_string()).collect(),
        generated: Generated {
            at: NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            by: "Ravi Soni (owner)".into(),
        },
    })
}

#[test]
fn the_recovery_sheet_prints_every_group_of_the_key_in_order_on_one_page() {
    let bytes = sheet(Lang::En);
    pdf::qpdf_check(&bytes);
    assert_eq!(pdf::pages(&bytes), 1);
    let text = pdf::text(&bytes);
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for group in GROUPS {
        let at = squeezed[from..]
            .find(group)
            .unwrap_or_else(|| panic!("group {group} missing or out of order in:\n{text}"));
        from += at + group.len();
    }
    for words in ["Lakshmi Jewellers", "Database recovery key", "02-12-2026", "new machine", "--recovery-key"] {
        assert!(squeezed.contains(words), "{words} missing in:\n{text}");
    }
}

#[test]
fn the_recovery_sheet_in_hindi_keeps_the_key_and_changes_the_words() {
    let text = pdf::text(&sheet(Lang::Hi));
    assert!(text.contains("7K3M"), "{text}");
    assert!(text.contains("0XQK"), "{text}");
    assert!(text.contains("डेटाबेस"), "{text}");
    assert!(!text.contains("What it is for"), "{text}");
}

#[test]
fn the_recovery_sheet_draws_ink_in_the_key_grid() {
    let (width, height, pixels) = pdf::render(&sheet(Lang::En), 50);
    let dark = pixels.iter().filter(|p| **p < 128).count();
    assert!(dark > 500, "{width}x{height}: only {dark} dark pixels");
}
