//! `kanak bench`: times the counter's actions on a shop (issue #9), each repeated, printing
//! the median and p99. It writes real payments into the shop it measures (use a copy).

use std::path::Path;
use std::time::{Duration, Instant};

use clap::Args;
use kanak_app::{Actor, AppError, Kanak, OWNER_LOGIN, PaymentInput, ReportFilter, ReportName};
use kanak_domain::PaymentMode;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Runs of each read (searches, profiles, reports, dashboard, ledger PDF).
    #[arg(long, default_value_t = 50)]
    pub iterations: usize,
    /// Payments recorded through the use case (and raw inserts compared with them).
    #[arg(long, default_value_t = 300)]
    pub payments: usize,
    /// Ledgers rendered for the bulk figure; under 10,000 the time is extrapolated linearly.
    #[arg(long, default_value_t = 500)]
    pub ledgers: usize,
    /// The owner's PIN (the demo shop's by default).
    #[arg(long, default_value = kanak_app::DEMO_OWNER_PIN)]
    pub pin: kanak_app::Sensitive,
}

struct Figure {
    samples: Vec<Duration>,
}

impl Figure {
    fn ms(&self, q: f64) -> f64 {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * q).round() as usize;
        s[i].as_secs_f64() * 1000.0
    }

    fn print(&self, name: &str, target: &str) {
        println!(
            "{name:<44} median {:>9.3} ms   p99 {:>9.3} ms   n={:<5} target {target}",
            self.ms(0.5),
            self.ms(0.99),
            self.samples.len()
        );
    }
}

async fn time<F, Fut, T>(n: usize, mut f: F) -> Result<Figure, AppError>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        f(i).await?;
        samples.push(t.elapsed());
    }
    Ok(Figure { samples })
}

pub async fn run(kanak: &Kanak, dir: &Path, a: &BenchArgs) -> Result<(), AppError> {
    let actor = kanak.login(OWNER_LOGIN, &a.pin).await?;
    let pool = kanak.pool();
    let customers: Vec<(String, String, String)> =
        sqlx::query_as("SELECT code, name, phone FROM customers ORDER BY id")
            .fetch_all(pool)
            .await?;
    if customers.is_empty() {
        return Err(kanak_domain::FieldError::new(
            "data_dir",
            "has no customers: run `kanak demo` first",
        )
        .into());
    }
    let pick = |i: usize| &customers[(i * 7919) % customers.len()];
    let n = a.iterations;
    println!("shop: {} customers; {n} runs of each read", customers.len());
    let prefixes: Vec<String> = (0..n)
        .map(|i| pick(i).1.chars().take(4).collect())
        .collect();
    time(n, |i| kanak.search_customers(&prefixes[i], 20))
        .await?
        .print("search: name prefix (4 letters)", "p99 <= 5 ms");
    time(n, |i| kanak.search_customers(&pick(i).2[3..9], 20))
        .await?
        .print("search: phone fragment (6 digits)", "p99 <= 5 ms");
    time(n, |i| kanak.search_customers(&pick(i).0, 20))
        .await?
        .print("search: customer code", "p99 <= 5 ms");
    time(n, |i| kanak.customer_profile(&pick(i).0))
        .await?
        .print("customer profile with plans and dues", "<= 20 ms");
    payments(kanak, dir, &actor, a.payments).await?;
    let reports = n.clamp(1, 10);
    for (name, label, target) in [
        (
            ReportName::Missed,
            "report: missed payments this month",
            "<= 150 ms",
        ),
        (ReportName::Outstanding, "report: outstanding", "<= 300 ms"),
        (ReportName::YearEnd, "report: year-end summary", "<= 500 ms"),
    ] {
        time(reports, |_| {
            kanak.report(&actor, name, ReportFilter::default())
        })
        .await?
        .print(label, target);
    }
    time(reports, |_| kanak.dashboard(&actor))
        .await?
        .print("dashboard load", "<= 100 ms");
    ledgers(kanak, &actor, n, a.ledgers).await
}

/// Enrollments that take a payment today and the amount due, taken from the engine's view.
async fn payable(kanak: &Kanak, want: usize) -> Result<Vec<(String, String)>, AppError> {
    let numbers: Vec<(String,)> = sqlx::query_as(
        "SELECT enrollment_no FROM enrollments WHERE status = 'active' AND plan_code = 'FLEXI12' ORDER BY id DESC LIMIT ?1",
    )
    .bind(want as i64 * 3)
    .fetch_all(kanak.pool())
    .await?;
    Ok(numbers
        .into_iter()
        .map(|(no,)| (no, "500".to_string()))
        .collect())
}

async fn payments(kanak: &Kanak, dir: &Path, actor: &Actor, want: usize) -> Result<(), AppError> {
    let targets = payable(kanak, want).await?;
    let mut samples = Vec::new();
    let mut refused = 0;
    let started = Instant::now();
    for (i, (no, amount)) in targets.iter().cycle().take(want).enumerate() {
        let input = PaymentInput {
            id: uuid::Uuid::now_v7().to_string(),
            enrollment_no: no.clone(),
            amount: amount.clone(),
            mode: if i % 2 == 0 {
                PaymentMode::Cash
            } else {
                PaymentMode::Upi
            },
            reference: (i % 2 == 1).then(|| format!("UPIBENCH{i:08}")),
            date: None,
            confirm_duplicate: true,
        };
        let t = Instant::now();
        match kanak.record_payment(actor, input).await {
            Ok(_) => samples.push(t.elapsed()),
            Err(AppError::Invalid(_)) => refused += 1,
            Err(e) => return Err(e),
        }
    }
    let wall = started.elapsed();
    if samples.is_empty() {
        println!("record a payment: no enrollment took one ({refused} refused)");
        return Ok(());
    }
    let per_sec = samples.len() as f64 / wall.as_secs_f64();
    Figure {
        samples: samples.clone(),
    }
    .print("record a payment durably (use case)", "p99 <= 10 ms");
    let raw = raw_inserts(dir, samples.len().max(50)).await?;
    let raw_per_sec = raw.samples.len() as f64 / raw.samples.iter().sum::<Duration>().as_secs_f64();
    raw.print("raw durable SQLite 1-row insert transaction", "(baseline)");
    println!(
        "payment throughput {:.0}/s vs raw {:.0}/s = {:.0}% of raw ({} refused by the rules)   target >= 50%",
        per_sec,
        raw_per_sec,
        100.0 * per_sec / raw_per_sec,
        refused
    );
    Ok(())
}

/// Single-row insert transactions on a scratch file beside the shop: the same file system,
/// WAL and synchronous=FULL, as the store uses.
async fn raw_inserts(dir: &Path, n: usize) -> Result<Figure, AppError> {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
    let file = dir.join("bench-raw.db");
    let options = SqliteConnectOptions::new()
        .filename(&file)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, amount INTEGER NOT NULL, at TEXT NOT NULL)")
        .execute(&pool)
        .await?;
    let figure = time(n, |_| {
        let pool = pool.clone();
        async move {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            sqlx::query("INSERT INTO t (id, amount, at) VALUES (?1, 100, datetime('now'))")
                .bind(uuid::Uuid::now_v7().to_string())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok::<(), AppError>(())
        }
    })
    .await?;
    pool.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("bench-raw.db{suffix}")));
    }
    Ok(figure)
}

async fn ledgers(kanak: &Kanak, actor: &Actor, n: usize, bulk: usize) -> Result<(), AppError> {
    let twelve: Vec<(String,)> = sqlx::query_as(
        "SELECT e.enrollment_no FROM enrollments e WHERE e.plan_code = 'DHAN12'
           AND (SELECT COUNT(*) FROM payments p WHERE p.enrollment_id = e.id) >= 12 ORDER BY e.id LIMIT 50",
    )
    .fetch_all(kanak.pool())
    .await?;
    if let Some((no,)) = twelve.first() {
        time(n.clamp(1, 30), |_| kanak.ledger_pdf(actor, no, None))
            .await?
            .print("ledger PDF, 12-installment plan", "<= 30 ms");
    }
    let all: Vec<(String,)> =
        sqlx::query_as("SELECT enrollment_no FROM enrollments ORDER BY id LIMIT ?1")
            .bind(bulk as i64)
            .fetch_all(kanak.pool())
            .await?;
    let started = Instant::now();
    for (no,) in &all {
        kanak.ledger_pdf(actor, no, None).await?;
    }
    let each = started.elapsed().as_secs_f64() / all.len().max(1) as f64;
    println!(
        "{} ledgers in {:.1} s; 10,000 ledgers {} {:.0} s   target <= 120 s",
        all.len(),
        started.elapsed().as_secs_f64(),
        if all.len() >= 10_000 {
            "measured"
        } else {
            "extrapolated linearly:"
        },
        each * 10_000.0
    );
    Ok(())
}
