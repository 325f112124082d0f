//! Encryption at rest and backups (issue #8): the file is SQLCipher, a missing key locks
//! instead of starting over, the recovery key opens it anywhere, and backups verify, restore
//! (also on another data dir with the recovery key), refuse a newer schema and survive an
//! interrupted backup.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{TestShop, uuid7};
use kanak_app::{Clock, Kanak, MemorySecrets, PaymentInput};
use kanak_domain::PaymentMode;

const TODAY: &str = "2026-11-23";

async fn open(dir: &Path, secrets: &MemorySecrets, recovery: Option<&str>) -> Result<Kanak, kanak_app::AppError> {
    Kanak::open_with(dir, Clock::System, Arc::new(secrets.clone()), recovery).await
}

async fn shop_with_a_payment() -> (TestShop, String) {
    let shop = TestShop::on(TODAY).await;
    let plan = shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let enrollment = shop.enroll(&customer, &plan).await;
    pay(&shop.kanak, &shop.actor, &enrollment).await;
    (shop, enrollment)
}

async fn pay(kanak: &Kanak, actor: &kanak_app::Actor, enrollment: &str) -> String {
    let id = uuid7();
    let input = PaymentInput {
        id: id.clone(),
        enrollment_no: enrollment.into(),
        amount: "5000".into(),
        mode: PaymentMode::Upi,
        reference: Some(format!("UPI-{id}")),
        date: None,
        confirm_duplicate: true,
    };
    kanak.record_payment(actor, input).await.unwrap();
    id
}

async fn count(kanak: &Kanak, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(kanak.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_database_is_sqlcipher_and_the_file_shows_no_customer() {
    let (shop, _) = shop_with_a_payment().await;
    let version: String = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    assert!(!version.is_empty(), "SQLCipher answers cipher_version");
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(shop.kanak.pool())
        .await
        .unwrap();
    let bytes = std::fs::read(shop.dir.path().join("kanak.db")).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "no plain SQLite header");
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("Asha Verma") && !text.contains("9876543210"));
}

#[tokio::test]
async fn without_its_key_the_database_is_locked_and_never_replaced_by_an_empty_one() {
    let (shop, _) = shop_with_a_payment().await;
    let dir = shop.dir.path().to_path_buf();
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(shop.kanak.pool())
        .await
        .unwrap();
    shop.kanak.pool().close().await;
    let size = std::fs::metadata(dir.join("kanak.db")).unwrap().len();
    let other_machine = MemorySecrets::default();
    let error = open(&dir, &other_machine, None).await.err().expect("locked");
    assert_eq!(error.code(), "database_locked");
    assert!(error.to_string().contains("recovery key"), "{error}");
    assert_eq!(std::fs::metadata(dir.join("kanak.db")).unwrap().len(), size);

    let typo = open(&dir, &other_machine, Some("ABCD-EFGH")).await.err().unwrap();
    assert_eq!(kanak_app::IpcError::from(&typo).field.as_deref(), Some("recovery_key"));

    let kanak = open(&dir, &other_machine, Some(&shop.database_recovery_key))
        .await
        .expect("the recovery key opens it");
    assert_eq!(count(&kanak, "payments").await, 1);
    kanak.pool().close().await;
    let again = open(&dir, &other_machine, None).await.expect("the keyring kept the key");
    assert_eq!(count(&again, "payments").await, 1);
}

#[tokio::test]
async fn a_recovery_key_of_another_shop_is_refused_by_name() {
    let (first, _) = shop_with_a_payment().await;
    let (second, _) = shop_with_a_payment().await;
    let dir = first.dir.path().to_path_buf();
    first.kanak.pool().close().await;
    let error = open(&dir, &MemorySecrets::default(), Some(&second.database_recovery_key))
        .await
        .err()
        .unwrap();
    assert_eq!(error.code(), "invalid_input");
    assert!(error.to_string().contains("does not open"), "{error}");
}

#[tokio::test]
async fn a_backup_verifies_and_restores_what_was_there_when_it_was_taken() {
    let (shop, enrollment) = shop_with_a_payment().await;
    let status = shop.kanak.backup_status().await.unwrap();
    assert!(status.warning.is_some(), "no backup yet: the dashboard warns");
    let backup = shop.kanak.create_backup(&shop.actor, None).await.unwrap();
    assert_eq!(backup.manifest.count("payments"), 1);
    assert_eq!(backup.manifest.app_version, env!("CARGO_PKG_VERSION"));
    let status = shop.kanak.backup_status().await.unwrap();
    assert_eq!(status.warning, None);
    assert_eq!(status.last_good_file.as_deref(), Some(backup.file.as_str()));
    assert_eq!(shop.kanak.list_backups().await.unwrap(), vec![backup.clone()]);
    let file = std::path::PathBuf::from(&backup.file);
    assert_eq!(shop.kanak.verify_backup(&file, None).await.unwrap(), backup);

    pay(&shop.kanak, &shop.actor, &enrollment).await;
    assert_eq!(count(&shop.kanak, "payments").await, 2);
    let report = shop.kanak.clone().restore_backup(&file, None).await.unwrap();
    assert!(Path::new(&report.set_aside).exists(), "the replaced database is kept aside");
    let kanak = open(shop.dir.path(), &shop.secrets, None).await.unwrap();
    assert_eq!(count(&kanak, "payments").await, 1, "the backup's one payment");
    let chain = kanak.verify_audit(&shop.actor).await.unwrap();
    assert!(chain.intact, "{:?}", chain.problem);
}

#[tokio::test]
async fn a_backup_restores_on_another_data_dir_with_the_recovery_key() {
    let (shop, _) = shop_with_a_payment().await;
    let out = tempfile::tempdir().unwrap();
    let backup = shop.kanak.create_backup(&shop.actor, Some(out.path())).await.unwrap();
    let file = std::path::PathBuf::from(&backup.file);

    // A new machine: its own keyring, an empty data dir.
    let new_dir = tempfile::tempdir().unwrap();
    let new_machine = MemorySecrets::default();
    let fresh = open(new_dir.path(), &new_machine, None).await.unwrap();
    let error = fresh.verify_backup(&file, None).await.err().unwrap();
    assert_eq!(error.code(), "database_locked", "another key: the recovery key is asked for");
    let report = fresh
        .restore_backup(&file, Some(&shop.database_recovery_key))
        .await
        .unwrap();
    assert_eq!(report.restored.manifest.count("payments"), 1);
    let kanak = open(new_dir.path(), &new_machine, None).await.unwrap();
    assert_eq!(count(&kanak, "payments").await, 1);
    assert_eq!(count(&kanak, "customers").await, 1);
    assert!(kanak.app_status().await.unwrap().setup_done);
}

#[tokio::test]
async fn a_backup_from_a_newer_schema_is_refused() {
    let (shop, _) = shop_with_a_payment().await;
    let backup = shop.kanak.create_backup(&shop.actor, None).await.unwrap();
    let manifest = format!("{}.json", backup.file);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    json["schema_version"] = serde_json::json!(99_999);
    std::fs::write(&manifest, serde_json::to_vec(&json).unwrap()).unwrap();
    let file = std::path::PathBuf::from(&backup.file);
    let error = shop.kanak.clone().restore_backup(&file, None).await.err().unwrap();
    assert_eq!(error.code(), "backup_refused");
    assert!(error.to_string().contains("newer version"), "{error}");
    assert_eq!(count(&shop.kanak, "payments").await, 1, "nothing was replaced");
}

#[tokio::test]
async fn an_interrupted_backup_leaves_the_previous_one_usable_and_a_damaged_one_is_refused() {
    let (shop, _) = shop_with_a_payment().await;
    let good = shop.kanak.create_backup(&shop.actor, None).await.unwrap();
    let folder = Path::new(&good.file).parent().unwrap().to_path_buf();
    // What a backup killed midway leaves: a half-written .partial and no manifest.
    let bytes = std::fs::read(&good.file).unwrap();
    std::fs::write(folder.join("kanak-20991231-235959.kanakbackup.partial"), &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(shop.kanak.list_backups().await.unwrap(), vec![good.clone()]);
    let file = std::path::PathBuf::from(&good.file);
    shop.kanak.verify_backup(&file, None).await.expect("the previous backup is whole");

    // A backup file cut short after it was written: the checksum catches it.
    let damaged = folder.join("copy.kanakbackup");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    std::fs::copy(format!("{}.json", good.file), format!("{}.json", damaged.display())).unwrap();
    let error = shop.kanak.verify_backup(&damaged, None).await.err().unwrap();
    assert_eq!(error.code(), "backup_refused");
    std::fs::remove_file(&damaged).unwrap();
    std::fs::remove_file(format!("{}.json", damaged.display())).unwrap();

    shop.kanak.create_backup(&shop.actor, None).await.unwrap();
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "the next backup clears what the interrupted one left: {left:?}");
}

#[tokio::test]
async fn retention_keeps_the_configured_number_of_backups() {
    let (shop, _) = shop_with_a_payment().await;
    let mut settings = shop.kanak.backup_settings().await.unwrap();
    settings.keep_daily = 1;
    settings.keep_monthly = 0;
    shop.kanak.update_backup_settings(&shop.actor, settings).await.unwrap();
    for _ in 0..3 {
        shop.kanak.create_backup(&shop.actor, None).await.unwrap();
    }
    let left = shop.kanak.list_backups().await.unwrap();
    assert_eq!(left.len(), 1, "one day, one backup: the newest");
}

#[tokio::test]
async fn a_relative_backup_folder_is_refused_by_name() {
    let shop = TestShop::on(TODAY).await;
    let mut settings = shop.kanak.backup_settings().await.unwrap();
    settings.folder = Some("relative/backups".into());
    let error = shop.kanak.update_backup_settings(&shop.actor, settings).await.err().unwrap();
    assert_eq!(kanak_app::IpcError::from(&error).field.as_deref(), Some("folder"));
}
