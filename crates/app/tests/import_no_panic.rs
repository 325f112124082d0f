//! No input makes the importer panic: any bytes as a file, any text as CSV or as a mapping,
//! any cells under a mapping's columns. The same properties as the cargo-fuzz targets in
//! `fuzz/`, run in CI on the stable toolchain (`PROPTEST_CASES` for more cases).

mod common;

use common::*;
use kanak_app::ImportMapping;
use kanak_app::import::sheet::{parse_csv, read_workbook};
use proptest::prelude::*;

/// A CSV field written the way a spreadsheet program quotes it.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

proptest! {
    #[test]
    fn any_bytes_are_read_or_refused_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_workbook("any.csv", &bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        let _ = read_workbook("any.xlsx", &zip);
    }

    #[test]
    fn any_text_is_read_as_csv_or_refused_without_a_panic(text in "[a-z,\"\r\n ]{0,200}|\\PC{0,200}") {
        let _ = parse_csv(&text);
        let _ = ImportMapping::parse(&text);
    }

    #[test]
    fn quoted_fields_read_back_as_written(rows in proptest::collection::vec(
        proptest::collection::vec("[a-zA-Z0-9 ,\"\n₹]{1,12}", 1..5), 1..6)) {
        let text: String = rows
            .iter()
            .map(|r| r.iter().map(|f| quoted(f)).collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\r\n");
        prop_assert_eq!(parse_csv(&text).unwrap(), rows);
    }
}

/// Any cells under the sample workbook mapping's columns: each row is refused with a problem
/// or imported, never a panic, and a dry run stores nothing.
#[test]
fn any_cells_under_a_mapping_give_problems_not_panics() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let shop = runtime.block_on(TestShop::on("2026-04-10"));
    let mapping = ImportMapping::parse(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/import/customers.mapping.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let before = runtime.block_on(shop.row_counts());
    let cell = "[0-9A-Za-z +/.@-]{0,14}|\\PC{0,10}";
    let config = ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    };
    proptest!(config, |(rows in proptest::collection::vec(proptest::collection::vec(cell, 0..7), 0..6))| {
        let mut text = String::from("Customer Name,Mobile,PAN,Pin code,Address\n");
        for r in &rows {
            text.push_str(&r.iter().map(|f| quoted(f)).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        let report = runtime
            .block_on(shop.kanak.import_spreadsheet(&shop.actor, "any.csv", text.as_bytes(), &mapping, true))
            .unwrap();
        prop_assert!(!report.committed);
        for p in &report.problems {
            prop_assert!(!p.message.is_empty());
        }
    });
    assert_eq!(runtime.block_on(shop.row_counts()), before);
}
