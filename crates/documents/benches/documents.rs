//! Figures for #5 and #9: the time to lay out one 12-installment passbook, a receipt, and
//! 10,000 passbooks (the bulk export), printed with median and p99.
//! `cargo bench -p kanak-documents` (add `-- 1000` to render fewer than 10,000 in the bulk run).

#[path = "../tests/samples/mod.rs"]
mod samples;

use std::time::{Duration, Instant};

use kanak_documents::*;

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn time_each(label: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        bytes = f();
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{label:<40} median {:>8.2?}  p99 {:>8.2?}  ({runs} runs, {bytes} bytes)",
        percentile(&times, 50),
        percentile(&times, 99)
    );
}

fn main() {
    let bulk: usize = std::env::args()
        .filter_map(|a| a.parse().ok())
        .next()
        .unwrap_or(10_000);
    let ledger = samples::amount_ledger(Lang::En);
    let hindi = samples::weight_ledger(Lang::Hi);
    let receipt = samples::receipt(Lang::En, false);
    // The first document parses the fonts; a counter app pays that once at startup.
    let warm = Instant::now();
    ledger_pdf(&ledger);
    println!(
        "{:<40} {:>8.2?}",
        "first document (parses the fonts)",
        warm.elapsed()
    );
    time_each("ledger, 12 rows, English", 200, || {
        ledger_pdf(&ledger).len()
    });
    time_each("ledger, weight plan, Hindi", 200, || {
        ledger_pdf(&hindi).len()
    });
    time_each("ledger, 30 rows, 2 pages", 100, || {
        ledger_pdf(&samples::long_ledger()).len()
    });
    time_each("receipt A5", 200, || {
        receipt_pdf(&receipt, ReceiptFormat::A5).len()
    });
    time_each("receipt 80 mm", 200, || {
        receipt_pdf(&receipt, ReceiptFormat::Thermal80).len()
    });
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let ledger = &ledger;
            s.spawn(move || {
                (t..bulk)
                    .step_by(threads)
                    .map(|_| ledger_pdf(ledger).len())
                    .sum::<usize>()
            });
        }
    });
    println!(
        "{bulk} ledgers on {threads} threads: {:.1?}",
        start.elapsed()
    );
}
