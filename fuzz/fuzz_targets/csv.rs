//! Any bytes as a CSV file, and any text as a mapping file: read or refused, never a panic.
#![no_main]

use kanak_app::ImportMapping;
use kanak_app::import::sheet::{parse_csv, read_workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_workbook("fuzz.csv", data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_csv(text);
        let _ = ImportMapping::parse(text);
    }
});
