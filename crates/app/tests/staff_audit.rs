//! Staff roles enforced in the use cases, login lockout, the owner's recovery code, and the
//! hash-chained audit trail catching a row edited or removed behind the app's back.

mod common;

use common::{TestShop, cash, plan_input};
use kanak_app::{AuditFilter, GoldRateInput, Kanak, StaffInput};
use kanak_domain::{PaymentStatus, PlanKind, Role};
use sqlx::Connection;

const TODAY: &str = "2026-11-23";

#[tokio::test]
async fn a_cashier_takes_payments_but_cannot_refund_manage_plans_staff_or_settings() {
    let shop = TestShop::on(TODAY).await;
    shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "GOLD11").await;
    let cashier = shop.staff("meena", Role::Cashier).await;
    let k = &shop.kanak;
    let paid = k.record_payment(&cashier, cash(&no, "5000")).await.unwrap();
    let rate = GoldRateInput {
        date: "23-11-2026".into(),
        purity: "22K".into(),
        per_gram: "7150".into(),
    };
    k.set_gold_rate(&cashier, rate).await.unwrap();
    let status = k.app_status().await.unwrap().shop.unwrap().settings();
    let staff = StaffInput {
        name: "Ravi".into(),
        login: "ravi".into(),
        role: Role::Owner,
        pin: "9999".into(),
    };
    for refused in [
        k.set_payment_status(&cashier, &paid.payment.id, PaymentStatus::Refunded, None)
            .await
            .unwrap_err(),
        k.create_plan(
            &cashier,
            plan_input("NEW", PlanKind::Amount, Some("1000"), 11),
        )
        .await
        .unwrap_err(),
        k.retire_plan(&cashier, "GOLD11").await.unwrap_err(),
        k.update_settings(&cashier, status).await.unwrap_err(),
        k.add_staff(&cashier, staff).await.unwrap_err(),
        k.audit_log(&cashier, AuditFilter::default())
            .await
            .unwrap_err(),
    ] {
        assert_eq!(refused.code(), "forbidden", "{refused}");
        assert!(
            refused.to_string().contains("meena (cashier) may not"),
            "{refused}"
        );
    }
}

#[tokio::test]
async fn a_manager_refunds_but_cannot_add_staff_or_change_settings() {
    let shop = TestShop::on(TODAY).await;
    shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "GOLD11").await;
    let manager = shop.staff("arjun", Role::Manager).await;
    let paid = shop
        .kanak
        .record_payment(&manager, cash(&no, "5000"))
        .await
        .unwrap();
    shop.kanak
        .set_payment_status(
            &manager,
            &paid.payment.id,
            PaymentStatus::Refunded,
            Some("bounced".into()),
        )
        .await
        .unwrap();
    let staff = StaffInput {
        name: "Ravi".into(),
        login: "ravi".into(),
        role: Role::Cashier,
        pin: "9999".into(),
    };
    assert_eq!(
        shop.kanak
            .add_staff(&manager, staff)
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
}

#[tokio::test]
async fn repeated_wrong_pins_slow_then_lock_the_login_until_the_owner_resets_it() {
    let shop = TestShop::on(TODAY).await;
    shop.staff("meena", Role::Cashier).await;
    let k = &shop.kanak;
    for _ in 0..2 {
        assert_eq!(
            k.login("meena", &"0000".into())
                .await
                .unwrap_err()
                .to_string(),
            "wrong login or PIN"
        );
    }
    assert!(
        k.login("meena", &"0000".into())
            .await
            .unwrap_err()
            .to_string()
            .contains("wait 30 s")
    );
    let waiting = k.login("meena", &"2468".into()).await.unwrap_err();
    assert!(
        waiting.to_string().contains("try again in"),
        "even the right PIN waits: {waiting}"
    );
    shop.on_day("2026-11-24")
        .login("meena", &"0000".into())
        .await
        .unwrap_err();
    let later = shop.on_day("2026-11-25");
    let locked = later.login("meena", &"0000".into()).await.unwrap_err();
    assert!(
        locked.to_string().contains("locked for 15 minutes"),
        "{locked}"
    );
    assert!(
        later
            .list_staff(&shop.actor)
            .await
            .unwrap()
            .iter()
            .any(|s| s.login == "meena" && s.locked)
    );
    later
        .reset_pin(&shop.actor, "meena", &"1357".into())
        .await
        .unwrap();
    assert_eq!(
        later.login("meena", &"1357".into()).await.unwrap().label(),
        "meena"
    );
    let failures: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'login.failed' AND actor = 'meena'",
    )
    .fetch_one(k.pool())
    .await
    .unwrap();
    assert_eq!(failures, 5, "every failed login is in the audit trail");
}

#[tokio::test]
async fn a_disabled_login_cannot_log_in_and_the_owner_cannot_be_disabled() {
    let shop = TestShop::on(TODAY).await;
    shop.staff("meena", Role::Cashier).await;
    shop.kanak
        .set_staff_active(&shop.actor, "meena", false)
        .await
        .unwrap();
    assert!(
        shop.kanak
            .login("meena", &"2468".into())
            .await
            .unwrap_err()
            .to_string()
            .contains("disabled")
    );
    assert_eq!(
        shop.kanak
            .set_staff_active(&shop.actor, "owner", false)
            .await
            .unwrap_err()
            .field(),
        Some("login")
    );
}

#[tokio::test]
async fn the_owner_resets_a_forgotten_pin_with_the_recovery_code_which_then_changes() {
    let shop = TestShop::on(TODAY).await;
    let wrong = shop
        .kanak
        .reset_owner_pin(&"AAAA-BBBB-CCCC-DDDD".into(), &"8642".into())
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "login_failed");
    let next = shop
        .kanak
        .reset_owner_pin(
            &shop.recovery_code.to_lowercase().as_str().into(),
            &"8642".into(),
        )
        .await
        .unwrap();
    assert_ne!(next, shop.recovery_code);
    assert_eq!(
        shop.kanak
            .login("owner", &"8642".into())
            .await
            .unwrap()
            .role(),
        Role::Owner
    );
    let reused = shop
        .kanak
        .reset_owner_pin(&shop.recovery_code.as_str().into(), &"1111".into())
        .await
        .unwrap_err();
    assert_eq!(reused.code(), "login_failed", "a recovery code works once");
}

#[tokio::test]
async fn every_change_is_audited_with_who_and_the_device_and_can_be_filtered() {
    let shop = TestShop::on(TODAY).await;
    shop.amount_plan("GOLD11", "5000", 11).await;
    let customer = shop.customer("Asha Verma", "9876543210").await;
    let no = shop.enroll(&customer, "GOLD11").await;
    let cashier = shop.staff("meena", Role::Cashier).await;
    shop.kanak
        .record_payment(&cashier, cash(&no, "5000"))
        .await
        .unwrap();
    let all = shop
        .kanak
        .audit_log(&shop.actor, AuditFilter::default())
        .await
        .unwrap();
    let actions: Vec<&str> = all.iter().rev().map(|e| e.action.as_str()).collect();
    for expected in [
        "shop.setup",
        "login",
        "plan.add",
        "customer.add",
        "enrollment.add",
        "staff.add",
        "payment.add",
    ] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }
    assert!(all.iter().all(|e| !e.device.is_empty()));
    let by_meena = AuditFilter {
        staff: Some("meena".into()),
        ..AuditFilter::default()
    };
    let meena = shop.kanak.audit_log(&shop.actor, by_meena).await.unwrap();
    assert_eq!(
        meena.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["payment.add", "login"]
    );
    let of_enrollment = AuditFilter {
        enrollment_no: Some(no),
        ..AuditFilter::default()
    };
    assert_eq!(
        shop.kanak
            .audit_log(&shop.actor, of_enrollment)
            .await
            .unwrap()
            .len(),
        2
    );
    let verified = shop.kanak.verify_audit(&shop.actor).await.unwrap();
    assert!(verified.intact && verified.entries as usize == all.len());
}

/// Edits the database behind the app's back. The file is encrypted, so `sqlite3` alone reads
/// nothing; this is someone who also has the key (a connection of the app's own pool).
async fn tamper(kanak: &Kanak, sql: &str) {
    let path: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(kanak.pool())
            .await
            .unwrap();
    let keyless_reads = match sqlx::SqliteConnection::connect(&format!("sqlite://{path}")).await
    {
        Ok(mut keyless) => sqlx::query("SELECT COUNT(*) FROM audit_log")
            .execute(&mut keyless)
            .await
            .is_ok(),
        Err(_) => false,
    };
    assert!(!keyless_reads, "without the key the file is not a database");
    let mut conn = kanak.pool().acquire().await.unwrap();
    let conn = &mut *conn;
    let refused = sqlx::query("UPDATE audit_log SET detail = 'x' WHERE id = 1")
        .execute(&mut *conn)
        .await;
    assert!(
        refused.is_err(),
        "the append-only trigger refuses a plain edit"
    );
    sqlx::raw_sql(
        "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;",
    )
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::raw_sql(sql).execute(&mut *conn).await.unwrap();
}

#[tokio::test]
async fn an_audit_row_edited_behind_the_apps_back_breaks_the_chain_at_that_row() {
    let shop = TestShop::on(TODAY).await;
    shop.amount_plan("GOLD11", "5000", 11).await;
    shop.customer("Asha Verma", "9876543210").await;
    tamper(
        &shop.kanak,
        "UPDATE audit_log SET detail = 'registered Someone Else' WHERE action = 'customer.add'",
    )
    .await;
    let edited: i64 = sqlx::query_scalar("SELECT id FROM audit_log WHERE action = 'customer.add'")
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    let v = shop.kanak.verify_audit(&shop.actor).await.unwrap();
    assert!(!v.intact);
    assert_eq!(v.first_broken, Some(edited));
    assert!(v.problem.unwrap().contains("changed"));
}

#[tokio::test]
async fn an_audit_row_removed_behind_the_apps_back_is_caught_at_the_next_row() {
    let shop = TestShop::on(TODAY).await;
    shop.amount_plan("GOLD11", "5000", 11).await;
    shop.customer("Asha Verma", "9876543210").await;
    tamper(
        &shop.kanak,
        "DELETE FROM audit_log WHERE action = 'plan.add'",
    )
    .await;
    let next: i64 = sqlx::query_scalar("SELECT id FROM audit_log WHERE action = 'customer.add'")
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    let v = shop.kanak.verify_audit(&shop.actor).await.unwrap();
    assert_eq!((v.intact, v.first_broken), (false, Some(next)));
}
