//! Backups interrupted midway, for real: a child process (`kanak-crash-writer --backups`)
//! makes verified backups in a loop and prints each file once `backup_now` returned; we
//! SIGKILL it at a seeded random moment, then check that every backup printed as made is
//! listed and verifies, that nothing listed is partial (every listed backup verifies:
//! checksum, key, `integrity_check`, rows), and that the database itself is whole.
//! `KANAK_BACKUP_CRASH_RUNS` (default 30) sets the number of kills, `KANAK_BACKUP_CRASH_SEED`
//! the seed, `KANAK_BACKUP_CRASH_MAX_MS` the longest wait before a kill (default 3000: a debug backup of this shop on a loaded machine takes over 600 ms).

mod common;

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::crash::{Moments, env_number, key_file, open};
use common::*;
use kanak_app::Actor;

const WRITER: &str = env!("CARGO_BIN_EXE_kanak-crash-writer");

/// A shop with some rows, so a backup takes long enough to be killed in the middle of it.
async fn prepared_shop(dir: &Path, out: &Path) {
    let kanak = open(dir).await;
    kanak
        .setup_shop(kanak_app::SetupInput {
            shop_name: "Backup Crash Jewellers".into(),
            address: "1 Test Road".into(),
            gstin: None,
            branch_code: "MAIN".into(),
            owner_name: "Owner".into(),
            owner_pin: "4321".into(),
        })
        .await
        .unwrap();
    let actor = Actor::cli("crash-harness");
    let plan = kanak
        .create_plan(
            &actor,
            plan_input("BKP", kanak_domain::PlanKind::Amount, Some("1000"), 12),
        )
        .await
        .unwrap();
    let first = ["Asha", "Meena", "Ravi", "Sunita", "Anil", "Kavita", "Suresh", "Pooja", "Vijay", "Rekha", "Manoj", "Geeta"];
    let last = ["Verma", "Joshi", "Soni", "Sharma", "Gupta", "Patel", "Mehta", "Rao", "Nair", "Das"];
    for n in 0..120u32 {
        let phone = format!("98{:08}", 10_000_000 + n);
        let name = format!("{} {}", first[n as usize % 12], last[n as usize / 12]);
        let customer = kanak
            .add_customer(&actor, customer_input(&name, &phone))
            .await
            .unwrap();
        let input = kanak_app::EnrollInput {
            customer_code: customer.code,
            plan_code: plan.code.clone(),
            date: None,
            installments: None,
        };
        let no = kanak.enroll(&actor, input).await.unwrap().enrollment_no;
        kanak.record_payment(&actor, cash(&no, "1000")).await.unwrap();
    }
    let mut settings = kanak.backup_settings().await.unwrap();
    settings.folder = Some(out.display().to_string());
    kanak.update_backup_settings(&actor, settings).await.unwrap();
    kanak.pool().close().await;
}

/// Starts the backup writer, kills it after `wait`, and returns the files it printed as made.
fn run_and_kill(dir: &Path, out: &Path, wait: Duration) -> Vec<String> {
    let mut child = Command::new(WRITER)
        .env(kanak_app::INSECURE_KEYSTORE_ENV, key_file(dir))
        .arg("--backups")
        .arg(dir)
        .arg(out)
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
            .filter(|line| line.ends_with(".kanakbackup"))
            .collect::<Vec<_>>()
    });
    std::thread::sleep(wait);
    let exited_by_itself = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let status = child.wait().unwrap();
    let files = reader.join().unwrap();
    if exited_by_itself {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        panic!("the backup writer stopped by itself ({status}): {err}");
    }
    files
}

/// What a kill left in the folder besides finished backups.
#[derive(Default, Debug)]
struct Leftovers {
    partials: usize,
    without_manifest: usize,
}

fn leftovers(out: &Path) -> Leftovers {
    let mut found = Leftovers::default();
    let Ok(entries) = std::fs::read_dir(out) else {
        return found;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".partial") {
            found.partials += 1;
        } else if name.ends_with(".kanakbackup") && !out.join(format!("{name}.json")).exists() {
            found.without_manifest += 1;
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_killed_midway_leaves_the_previous_ones_usable_and_lists_nothing_partial() {
    let runs = env_number("KANAK_BACKUP_CRASH_RUNS", 30);
    let seed = env_number("KANAK_BACKUP_CRASH_SEED", 0x4241_434B);
    let max_ms = env_number("KANAK_BACKUP_CRASH_MAX_MS", 3000);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backups");
    prepared_shop(dir.path(), &out).await;
    let mut moments = Moments(seed);
    let mut verified: HashSet<String> = HashSet::new();
    let (mut promised_total, mut cut_mid_write, mut cut_before_manifest) = (0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for run in 0..runs {
        let wait = Duration::from_millis(moments.next_below(max_ms) + 1);
        let (path, folder) = (dir.path().to_path_buf(), out.clone());
        let promised = tokio::task::spawn_blocking(move || run_and_kill(&path, &folder, wait))
            .await
            .unwrap();
        promised_total += promised.len();
        let left = leftovers(&out);
        cut_mid_write += usize::from(left.partials > 0);
        cut_before_manifest += left.without_manifest;
        let kanak = open(dir.path()).await;
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(kanak.pool())
            .await
            .unwrap();
        assert_eq!(integrity, "ok", "the database after run {run}");
        let listed = kanak.list_backups().await.unwrap();
        let listed_files: HashSet<&str> = listed.iter().map(|b| b.file.as_str()).collect();
        for file in &promised {
            assert!(listed_files.contains(file.as_str()), "run {run}: {file} was made but is not listed");
        }
        // Every listed backup is whole: nothing partial passes as a good backup.
        for backup in &listed {
            if verified.insert(backup.file.clone()) {
                kanak
                    .verify_backup(Path::new(&backup.file), None)
                    .await
                    .unwrap_or_else(|e| panic!("run {run}: listed {} does not verify: {e}", backup.file));
            }
            assert!(!backup.file.ends_with(".partial"));
        }
        // The newest backup is verified again after every kill: the previous one stays usable.
        if let Some(newest) = listed.first() {
            kanak
                .verify_backup(Path::new(&newest.file), None)
                .await
                .unwrap_or_else(|e| panic!("run {run}: the newest backup {} no longer verifies: {e}", newest.file));
        }
        kanak.pool().close().await;
    }
    // The next backup clears what the kills left, and is itself whole.
    let kanak = open(dir.path()).await;
    let last = kanak
        .backup_now(kanak_app::BackupReason::Manual, Some(&out))
        .await
        .expect("a backup after the kills");
    kanak.verify_backup(Path::new(&last.file), None).await.unwrap();
    assert_eq!(leftovers(&out).partials, 0, "the next backup removes partial files");
    let listed = kanak.list_backups().await.unwrap().len();
    kanak.pool().close().await;
    println!(
        "backup crash harness: seed {seed:#x}, {runs} SIGKILLs, {promised_total} backups promised by \
         the writer, {listed} listed and verified, {cut_mid_write} kills left a .partial, \
         {cut_before_manifest} left a backup without its manifest (not listed), {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(promised_total > 0, "the writer finished a backup in {runs} runs");
    assert!(cut_mid_write > 0, "some kill landed while a backup was being written");
}
