//! Any bytes behind a zip signature, as an XLSX workbook: read or refused, never a panic.
#![no_main]

use kanak_app::import::sheet::read_workbook;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend_from_slice(data);
    let _ = read_workbook("fuzz.xlsx", &zip);
    let _ = read_workbook("fuzz.xlsx", data);
});
