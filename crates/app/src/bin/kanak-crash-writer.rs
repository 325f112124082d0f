//! The crash harness's child process (`crates/app/tests/crash_safety.rs`): records payments
//! through the real use case, forever, and prints each payment's id once its commit returned.
//! The harness SIGKILLs it at random moments; an id on stdout is a promise that the payment
//! is on disk.
//!
//! Usage: `kanak-crash-writer DATA_DIR ENROLLMENT_NO...` (not for shop use).
//!
//! `kanak-crash-writer --backups DATA_DIR OUT_DIR` makes verified backups into OUT_DIR in a
//! loop instead, printing each file once `backup_now` returned (`crash_backup.rs`).

use std::io::Write;

use kanak_app::{Actor, AppError, Kanak, PaymentInput};
use kanak_domain::PaymentMode;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, out] = all.as_slice()
        && flag == "--backups"
    {
        backups(std::path::Path::new(dir), std::path::Path::new(out)).await;
        return;
    }
    let mut args = all.into_iter();
    let (Some(dir), enrollments) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!("usage: kanak-crash-writer DATA_DIR ENROLLMENT_NO...");
        std::process::exit(2);
    };
    if enrollments.is_empty() {
        eprintln!("usage: kanak-crash-writer DATA_DIR ENROLLMENT_NO...");
        std::process::exit(2);
    }
    let kanak = match Kanak::open(std::path::Path::new(&dir)).await {
        Ok(kanak) => kanak,
        Err(e) => {
            eprintln!("open failed: {e}");
            std::process::exit(1);
        }
    };
    let actor = Actor::cli("crash-writer");
    let mut out = std::io::stdout().lock();
    let mut turn = 0usize;
    loop {
        let no = &enrollments[turn % enrollments.len()];
        turn += 1;
        let id = uuid::Uuid::now_v7().to_string();
        let input = PaymentInput {
            id: id.clone(),
            enrollment_no: no.clone(),
            amount: "1".into(),
            mode: PaymentMode::Upi,
            reference: Some(format!("CRASH-{turn}")),
            date: None,
            // The same ₹1 every few milliseconds is intended here, not a slip of the hand.
            confirm_duplicate: true,
        };
        match kanak.record_payment(&actor, input).await {
            Ok(_) => {
                // Only after the commit returned: this line is the harness's "committed".
                let _ = writeln!(out, "{id}");
                let _ = out.flush();
            }
            Err(AppError::Storage(e)) => eprintln!("storage: {e}"),
            Err(e) => {
                eprintln!("refused on {no}: {e}");
                std::process::exit(3);
            }
        }
    }
}

/// Backups forever; a printed path is a promise that the backup is whole and listed.
async fn backups(dir: &std::path::Path, out: &std::path::Path) {
    let kanak = match Kanak::open(dir).await {
        Ok(kanak) => kanak,
        Err(e) => {
            eprintln!("open failed: {e}");
            std::process::exit(1);
        }
    };
    let mut stdout = std::io::stdout().lock();
    loop {
        match kanak
            .backup_now(kanak_app::BackupReason::Manual, Some(out))
            .await
        {
            Ok(view) => {
                let _ = writeln!(stdout, "{}", view.file);
                let _ = stdout.flush();
            }
            Err(e) => {
                eprintln!("backup failed: {e}");
                std::process::exit(3);
            }
        }
    }
}
