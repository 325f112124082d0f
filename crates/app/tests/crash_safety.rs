//! Crash safety, tested rather than assumed: a child process records payments through the real
//! use case and prints each id once its commit returned; we SIGKILL it at a random moment
//! (seeded), reopen the database and check that nothing committed was lost and nothing is
//! half-written. `KANAK_CRASH_RUNS` (default 200) sets the number of kills,
//! `KANAK_CRASH_SEED` the seed, `KANAK_CRASH_MAX_MS` the longest wait before a kill (250).

mod common;

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::crash::{Moments, env_number, key_file, open};
use common::*;
use kanak_app::{Actor, Kanak};

const WRITER: &str = env!("CARGO_BIN_EXE_kanak-crash-writer");

/// Starts the writer, kills it after `wait`, and returns the ids it printed as committed.
fn run_and_kill(dir: &Path, enrollments: &[String], wait: Duration) -> Vec<String> {
    let mut child = Command::new(WRITER)
        .env(kanak_app::INSECURE_KEYSTORE_ENV, key_file(dir))
        .arg(dir)
        .args(enrollments)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crash writer starts");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            // A line cut off by the kill was never a promise.
            .filter(|line| uuid::Uuid::parse_str(line).is_ok())
            .collect::<Vec<_>>()
    });
    std::thread::sleep(wait);
    let exited_by_itself = child.try_wait().unwrap().is_some();
    // std's kill is SIGKILL on Unix: no destructor, no flush, no rollback runs in the child.
    let _ = child.kill();
    let status = child.wait().unwrap();
    let ids = reader.join().unwrap();
    if exited_by_itself {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        panic!("the writer stopped by itself ({status}): {err}");
    }
    ids
}

/// What has been checked so far, so each run checks only what is new.
#[derive(Default)]
struct Checked {
    payments: HashSet<String>,
    audited: HashSet<String>,
    last_payment_rowid: i64,
    last_audit_id: i64,
}

async fn check_after_kill(kanak: &Kanak, promised: &[String], checked: &mut Checked) {
    let pool = kanak.pool();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let new: Vec<(i64, String)> =
        sqlx::query_as("SELECT rowid, id FROM payments WHERE rowid > ?1 ORDER BY rowid")
            .bind(checked.last_payment_rowid)
            .fetch_all(pool)
            .await
            .unwrap();
    let audits: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, detail FROM audit_log WHERE id > ?1 AND action = 'payment.add' ORDER BY id",
    )
    .bind(checked.last_audit_id)
    .fetch_all(pool)
    .await
    .unwrap();
    for (id, detail) in &audits {
        checked.last_audit_id = *id;
        let payment = detail
            .strip_prefix("payment ")
            .and_then(|d| d.split(' ').next());
        checked
            .audited
            .insert(payment.expect("audit detail names the payment").to_string());
    }
    for (rowid, id) in &new {
        checked.last_payment_rowid = *rowid;
        checked.payments.insert(id.clone());
        assert!(
            checked.audited.contains(id),
            "payment {id} has no audit entry"
        );
    }
    // Every audited payment exists: the audit row was not committed without its payment.
    for id in &checked.audited {
        assert!(
            checked.payments.contains(id),
            "audit entry for a missing payment {id}"
        );
    }
    for id in promised {
        assert!(
            checked.payments.contains(id),
            "payment {id} was committed but is gone"
        );
    }
    let orphans: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT p.id,
                (SELECT COUNT(*) FROM payment_status_events s WHERE s.payment_id = p.id),
                (SELECT COUNT(*) FROM outbox o WHERE o.idempotency_key = 'payment:' || p.id || ':received')
         FROM payments p WHERE p.rowid > ?1",
    )
    .bind(checked.last_payment_rowid - new.len() as i64)
    .fetch_all(pool)
    .await
    .unwrap();
    for (id, events, messages) in orphans {
        assert_eq!(events, 1, "payment {id} has {events} status events");
        assert_eq!(messages, 1, "payment {id} has {messages} outbox messages");
    }
    let (count, receipts): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM payments),
                (SELECT next_value - 1 FROM sequences WHERE name = 'receipt')",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(count, receipts, "receipt numbers taken = payments stored");
    let messages: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'payment:%'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(messages, count, "no payment message without its payment");
}

/// The app opens as the counter would: status, the enrollment's evaluation, the last payment.
async fn check_app_opens(kanak: &Kanak, enrollments: &[String], last: Option<&String>) {
    let status = kanak
        .app_status()
        .await
        .expect("the app opens after a kill");
    assert!(status.shop.is_some(), "the shop is still set up");
    for no in enrollments {
        kanak.enrollment(no).await.expect("an enrollment reads");
    }
    if let Some(id) = last {
        kanak
            .payment(id)
            .await
            .expect("the last committed payment reads");
    }
}

async fn prepared_shop(dir: &Path) -> Vec<String> {
    let kanak = open(dir).await;
    let setup = kanak
        .setup_shop(kanak_app::SetupInput {
            shop_name: "Crash Test Jewellers".into(),
            address: "1 Test Road".into(),
            gstin: None,
            branch_code: "MAIN".into(),
            owner_name: "Owner".into(),
            owner_pin: "4321".into(),
        })
        .await
        .unwrap();
    drop(setup);
    let actor = Actor::cli("crash-harness");
    // ₹1 payments against installments of ₹1,00,000: a plan that is never filled by a test.
    let plan = kanak
        .create_plan(
            &actor,
            plan_input("CRASH", kanak_domain::PlanKind::Amount, Some("100000"), 12),
        )
        .await
        .unwrap();
    let mut enrollments = Vec::new();
    for (name, phone) in [("Asha Verma", "9876543210"), ("Meena Joshi", "9123456780")] {
        let customer = kanak
            .add_customer(&actor, customer_input(name, phone))
            .await
            .unwrap();
        let input = kanak_app::EnrollInput {
            customer_code: customer.code,
            plan_code: plan.code.clone(),
            date: None,
            installments: None,
        };
        enrollments.push(kanak.enroll(&actor, input).await.unwrap().enrollment_no);
    }
    kanak.pool().close().await;
    enrollments
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_whose_commit_returned_survives_a_sigkill_and_nothing_is_half_written() {
    let runs = env_number("KANAK_CRASH_RUNS", 200);
    let seed = env_number("KANAK_CRASH_SEED", 0x4B41_4E41_4B);
    let max_ms = env_number("KANAK_CRASH_MAX_MS", 250);
    let dir = tempfile::tempdir().unwrap();
    let enrollments = prepared_shop(dir.path()).await;
    let mut moments = Moments(seed);
    let (mut checked, mut promised_total, mut kills) = (Checked::default(), 0usize, 0u64);
    let started = std::time::Instant::now();
    for run in 0..runs {
        let wait = Duration::from_millis(moments.next_below(max_ms) + 1);
        let path = dir.path().to_path_buf();
        let list = enrollments.clone();
        let promised = tokio::task::spawn_blocking(move || run_and_kill(&path, &list, wait))
            .await
            .unwrap();
        // run_and_kill panics if the writer had already stopped: every run ends in a SIGKILL.
        kills += 1;
        promised_total += promised.len();
        let kanak = open(dir.path()).await;
        check_after_kill(&kanak, &promised, &mut checked).await;
        // The hash chain is walked in full every 20 runs and after the last.
        if run % 20 == 19 || run + 1 == runs {
            let chain = kanak
                .verify_audit(&Actor::cli("crash-harness"))
                .await
                .unwrap();
            assert!(
                chain.intact,
                "audit chain broken after run {run}: {:?}",
                chain.problem
            );
        }
        check_app_opens(&kanak, &enrollments, promised.last()).await;
        kanak.pool().close().await;
    }
    println!(
        "crash harness: seed {seed:#x}, {runs} runs, {kills} SIGKILLs, {promised_total} payments \
         promised by the writer, {} payments in the store verified whole (audit entry, status \
         event, outbox message, receipt number), {:.1} s",
        checked.payments.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        checked.payments.len() >= promised_total,
        "stored payments include every promised one"
    );
    assert!(
        promised_total > 0,
        "the writer committed something in {runs} runs"
    );
}
