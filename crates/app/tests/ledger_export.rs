//! The bulk export of passbooks: into a folder or one combined PDF, with progress, cancel,
//! a filter, and who may do it; and the print-after-payment setting.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use common::TestShop;
use common::printed::{START, assert_shows, book, pages, text_of};
use kanak_app::{ExportProgress, ExportTarget, LedgerFilter};
use kanak_domain::Role;

#[tokio::test]
async fn a_folder_export_writes_one_ledger_per_active_enrollment_and_reports_progress() {
    let b = book().await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ledgers");
    let seen = Mutex::new(Vec::new());
    let progress = |p: ExportProgress| seen.lock().unwrap().push((p.done, p.total));
    let summary = b
        .today()
        .export_ledgers(
            &b.shop.actor,
            LedgerFilter::default(),
            ExportTarget::Folder { dir: out.clone() },
            &progress,
            &AtomicBool::new(false),
        )
        .await
        .unwrap();
    assert_eq!(
        (summary.total, summary.written, summary.cancelled),
        (2, 2, false)
    );
    assert_eq!(*seen.lock().unwrap(), [(1, 2), (2, 2)]);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let expected = [&b.amount_no, &b.weight_no].map(|no| format!("LEDGER-{no}.pdf"));
    assert_eq!(
        names, expected,
        "the closed enrollment is not exported; no temp files"
    );
    let first = std::fs::read(out.join(&expected[0])).unwrap();
    assert_shows(&text_of(&first), &[&b.amount_no]);
}

#[tokio::test]
async fn cancelling_an_export_stops_it_between_ledgers() {
    let b = book().await;
    let dir = tempfile::tempdir().unwrap();
    let cancel = AtomicBool::new(false);
    let progress = |_: ExportProgress| cancel.store(true, Ordering::Relaxed);
    let all = LedgerFilter {
        all: true,
        ..LedgerFilter::default()
    };
    let target = ExportTarget::Folder {
        dir: dir.path().to_path_buf(),
    };
    let summary = b
        .today()
        .export_ledgers(&b.shop.actor, all, target, &progress, &cancel)
        .await
        .unwrap();
    assert_eq!(
        (summary.total, summary.written, summary.cancelled),
        (3, 1, true)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[tokio::test]
async fn a_combined_export_puts_every_selected_ledger_in_one_pdf() {
    let b = book().await;
    let dir = tempfile::tempdir().unwrap();
    let (one, combined) = (dir.path().join("one.pdf"), dir.path().join("all.pdf"));
    let single = b
        .today()
        .ledger_pdf(&b.shop.actor, &b.amount_no, None)
        .await
        .unwrap();
    std::fs::write(&one, single).unwrap();
    let summary = b
        .today()
        .export_ledgers(
            &b.shop.actor,
            LedgerFilter::default(),
            ExportTarget::Combined {
                file: combined.clone(),
            },
            &|_| {},
            &AtomicBool::new(false),
        )
        .await
        .unwrap();
    assert_eq!((summary.written, summary.files.len()), (2, 1));
    assert!(
        pages(&combined) > pages(&one),
        "two ledgers, more pages than one"
    );
    let text = text_of(&std::fs::read(&combined).unwrap());
    assert_shows(&text, &[&b.amount_no, &b.weight_no]);
}

#[tokio::test]
async fn an_export_can_pick_one_plan_and_refuses_an_unknown_one() {
    let b = book().await;
    let dir = tempfile::tempdir().unwrap();
    let export = |plan: &str| {
        let filter = LedgerFilter {
            plan_code: Some(plan.into()),
            ..LedgerFilter::default()
        };
        let target = ExportTarget::Folder {
            dir: dir.path().to_path_buf(),
        };
        let kanak = b.today();
        let actor = b.shop.actor.clone();
        async move {
            let never = AtomicBool::new(false);
            kanak
                .export_ledgers(&actor, filter, target, &|_| {}, &never)
                .await
        }
    };
    assert_eq!(export("gram6").await.unwrap().written, 1);
    let unknown = export("NOPE").await.unwrap_err();
    assert_eq!(
        (unknown.code(), unknown.field()),
        ("not_found", Some("plan_code"))
    );
}

#[tokio::test]
async fn a_cashier_prints_documents_but_only_a_manager_or_owner_exports_the_book() {
    let b = book().await;
    let cashier = b.shop.staff("meena", Role::Cashier).await;
    let pdf = b
        .today()
        .ledger_pdf(&cashier, &b.amount_no, None)
        .await
        .unwrap();
    assert_shows(&text_of(&pdf), &["Staff meena"]); // who printed it
    let dir = tempfile::tempdir().unwrap();
    let target = ExportTarget::Folder {
        dir: dir.path().to_path_buf(),
    };
    let refused = b
        .today()
        .export_ledgers(
            &cashier,
            LedgerFilter::default(),
            target,
            &|_| {},
            &AtomicBool::new(false),
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "forbidden");
}

#[tokio::test]
async fn printing_the_receipt_after_a_payment_is_off_until_the_shop_turns_it_on() {
    let shop = TestShop::on(START).await;
    let status = shop.kanak.app_status().await.unwrap();
    assert!(!status.shop.unwrap().print_receipt_after_payment);
    shop.change_settings(|s| s.print_receipt_after_payment = true)
        .await;
    let status = shop.kanak.app_status().await.unwrap();
    assert!(status.shop.unwrap().print_receipt_after_payment);
}
