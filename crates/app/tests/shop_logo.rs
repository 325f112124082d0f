//! The shop's logo: set from a PNG by the owner, printed on every document, and refused
//! with the reason when the file is not a usable PNG.

mod common;

use std::process::Command;

use common::printed::book;
use kanak_domain::Role;

/// A 40×20 opaque gold rectangle, as a PNG.
fn logo_png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 40, 20);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = [191u8, 145, 42].repeat(40 * 20);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
    out
}

/// Images placed in a PDF, as `pdfimages -list` counts them.
fn images(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).lines().skip(2).count()
}

#[tokio::test]
async fn the_owners_logo_is_printed_on_the_passbook_until_it_is_removed() {
    let b = book().await;
    let kanak = b.today();
    let before = kanak
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    assert_eq!(images(&before), 0);
    kanak
        .set_shop_logo(&b.shop.actor, Some(logo_png()))
        .await
        .unwrap();
    let with = kanak
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    assert_eq!(images(&with), 1);
    kanak.set_shop_logo(&b.shop.actor, None).await.unwrap();
    let after = kanak
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    assert_eq!(images(&after), 0);
}

#[tokio::test]
async fn a_file_that_is_not_a_png_is_refused_naming_the_logo_and_nothing_changes() {
    let b = book().await;
    let kanak = b.today();
    kanak
        .set_shop_logo(&b.shop.actor, Some(logo_png()))
        .await
        .unwrap();
    let err = kanak
        .set_shop_logo(&b.shop.actor, Some(b"GIF89a....".to_vec()))
        .await
        .unwrap_err();
    let ipc = kanak_app::IpcError::from(&err);
    assert_eq!(ipc.field.as_deref(), Some("logo"), "{ipc:?}");
    assert!(ipc.message.contains("PNG"), "{}", ipc.message);
    let still = kanak
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    assert_eq!(images(&still), 1, "the earlier logo is kept");
}

#[tokio::test]
async fn only_staff_who_may_change_settings_set_the_logo() {
    let b = book().await;
    let cashier = b.shop.staff("meena", Role::Cashier).await;
    let err = b
        .today()
        .set_shop_logo(&cashier, Some(logo_png()))
        .await
        .unwrap_err();
    assert_eq!(kanak_app::IpcError::from(&err).code, "forbidden");
}

#[tokio::test]
async fn a_logo_file_over_1_mb_is_read_only_past_the_limit_and_refused_by_size() {
    let b = book().await;
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("scan.png");
    std::fs::write(&huge, vec![0u8; 3 * 1024 * 1024]).unwrap();
    let read = kanak_app::read_logo_file(&huge).unwrap();
    assert_eq!(
        read.len(),
        1024 * 1024 + 1,
        "one byte past the limit, not 3 MB"
    );
    let err = b
        .today()
        .set_shop_logo(&b.shop.actor, Some(read))
        .await
        .unwrap_err();
    let ipc = kanak_app::IpcError::from(&err);
    assert_eq!(ipc.message, "logo: must be a PNG of at most 1 MB");
}

#[tokio::test]
async fn the_shop_view_says_whether_a_logo_is_set() {
    let b = book().await;
    let kanak = b.today();
    let has_logo = || async { kanak.app_status().await.unwrap().shop.unwrap().has_logo };
    assert!(!has_logo().await);
    kanak
        .set_shop_logo(&b.shop.actor, Some(logo_png()))
        .await
        .unwrap();
    assert!(has_logo().await);
    kanak.set_shop_logo(&b.shop.actor, None).await.unwrap();
    assert!(!has_logo().await);
}

#[test]
fn a_missing_logo_file_is_refused_naming_the_logo_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("logo.png");
    let err = kanak_app::read_logo_file(&missing).unwrap_err();
    let ipc = kanak_app::IpcError::from(&err);
    assert_eq!(ipc.field.as_deref(), Some("logo"));
    assert!(
        ipc.message
            .starts_with(&format!("logo: cannot read {}: ", missing.display())),
        "{}",
        ipc.message
    );
}
