//! `kanak import FILE --mapping MAP [--dry-run]` through the binary.

mod common;

use common::Shop;

fn sample(file: &str) -> String {
    format!("{}/../../docs/import/{file}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_dry_run_of_a_bad_file_prints_row_column_and_why_and_exits_2() {
    let shop = Shop::new();
    let bad = shop_file(&shop, "Customer Name,Mobile,PAN,Pin code,Address\nAsha Verma,12345,,,\n");
    let map = sample("customers.mapping.json");
    let out = shop.run(&["import", &bad, "--mapping", &map, "--dry-run"]);
    assert_eq!(out.status.code(), Some(2));
    let table = String::from_utf8(out.stdout).unwrap();
    let line = table.lines().find(|l| l.contains("Mobile")).expect("a problem line");
    assert!(line.contains(" 2 ") && line.contains("10-digit"), "{table}");
}

#[test]
fn the_sample_imports_once_and_a_second_import_stores_nothing_new() {
    let shop = Shop::new();
    let (csv, map) = (sample("customers.csv"), sample("customers.mapping.json"));
    let first = shop.ok(&["import", &csv, "--mapping", &map]);
    assert_eq!(first["committed"], true);
    assert_eq!(first["counts"][0]["created"], 3);
    let second = shop.ok(&["import", &csv, "--mapping", &map]);
    assert_eq!(second["counts"][0]["created"], 0);
    assert_eq!(second["counts"][0]["unchanged"], 3);
    let list = shop.ok(&["customer", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
}

fn shop_file(shop: &Shop, text: &str) -> String {
    let path = shop.dir.path().join("bad.csv");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}
