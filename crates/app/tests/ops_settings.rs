//! This installation's settings: the update endpoint and the log level.

mod common;

use common::TestShop;
use kanak_app::OpsSettings;
use kanak_domain::Role;

fn settings(endpoint: Option<&str>, level: &str) -> OpsSettings {
    OpsSettings {
        update_endpoint: endpoint.map(str::to_string),
        log_level: level.into(),
    }
}

#[tokio::test]
async fn a_new_shop_checks_for_no_updates_and_logs_at_info() {
    let shop = TestShop::on("2026-01-10").await;
    assert_eq!(
        shop.kanak.ops_settings().await.unwrap(),
        settings(None, "info")
    );
}

#[tokio::test]
async fn the_update_endpoint_and_level_are_stored_and_audited() {
    let shop = TestShop::on("2026-01-10").await;
    let wanted = settings(
        Some("https://updates.example.in/kanak/{{target}}/{{current_version}}"),
        "debug",
    );
    let saved = shop
        .kanak
        .update_ops_settings(&shop.actor, wanted.clone())
        .await
        .unwrap();
    assert_eq!(saved, wanted);
    assert_eq!(shop.kanak.ops_settings().await.unwrap(), wanted);
    let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log")
        .fetch_all(shop.kanak.pool())
        .await
        .unwrap();
    assert!(audit.contains(&"settings.ops".to_string()), "{audit:?}");
}

#[tokio::test]
async fn plain_http_is_refused_except_on_this_machine_and_a_bad_level_names_its_field() {
    let shop = TestShop::on("2026-01-10").await;
    for bad in [
        "http://updates.example.in/latest.json",
        "ftp://x/latest.json",
        "https://",
    ] {
        let refused = shop
            .kanak
            .update_ops_settings(&shop.actor, settings(Some(bad), "info"))
            .await
            .unwrap_err();
        assert_eq!(refused.field(), Some("update_endpoint"), "{bad}");
    }
    let local = settings(Some("http://127.0.0.1:8080/latest.json"), "warn");
    assert!(
        shop.kanak
            .update_ops_settings(&shop.actor, local)
            .await
            .is_ok()
    );
    let refused = shop
        .kanak
        .update_ops_settings(&shop.actor, settings(None, "loud=="))
        .await
        .unwrap_err();
    assert_eq!(refused.field(), Some("log_level"));
}

#[tokio::test]
async fn only_the_owner_changes_them() {
    let shop = TestShop::on("2026-01-10").await;
    let manager = shop.staff("mira", Role::Manager).await;
    let refused = shop
        .kanak
        .update_ops_settings(&manager, settings(None, "debug"))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
}
