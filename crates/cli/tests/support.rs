//! `kanak support bundle --out FILE.zip` and `kanak support settings`.

mod common;

use common::Shop;

#[test]
fn support_bundle_writes_a_zip_with_the_versions_and_the_masked_logs() {
    let shop = Shop::new();
    let logs = shop.dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(
        logs.join("kanak.2026-12-01.log"),
        "2026-12-01T10:00:00.000001Z ERROR kanak_app::error: storage failure pan=ABCDE1234F\n",
    )
    .unwrap();
    let out = shop.dir.path().join("bundle.zip");
    let view = shop.ok(&["support", "bundle", "--out", out.to_str().unwrap()]);
    assert_eq!(view["about"]["sync_status"], "sync not configured");
    let names: Vec<&str> = view["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(names.contains(&"logs/kanak.2026-12-01.log"), "{names:?}");
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip file");
}

#[test]
fn support_settings_store_the_update_endpoint_and_refuse_plain_http() {
    let shop = Shop::new();
    let set = shop.ok(&[
        "support",
        "settings",
        "--update-endpoint",
        "https://u.example.in/latest.json",
    ]);
    assert_eq!(set["update_endpoint"], "https://u.example.in/latest.json");
    assert_eq!(shop.ok(&["support", "settings"])["log_level"], "info");
    let (code, stderr) = shop.refused(&[
        "support",
        "settings",
        "--update-endpoint",
        "http://u.example.in/x",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("update_endpoint"), "{stderr}");
}
