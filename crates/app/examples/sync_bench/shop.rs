//! The shop's own counter (A) pushes the whole shop; fresh counters pull it all (the initial
//! sync); then rounds of new payments on A, pushed by A and pulled by the first fresh counter
//! (the incremental sync). Every sync is the app's own `Kanak::sync_now`, with its HTTP client.

use std::sync::Arc;
use std::time::{Duration, Instant};

use kanak_app::{
    Actor, AppError, Clock, Kanak, MemorySecrets, OWNER_LOGIN, PaymentInput, SetupInput,
};
use kanak_domain::PaymentMode;

use crate::Args;
use crate::figure::Figure;
use crate::hub::BenchHub;

type Failure = Box<dyn std::error::Error>;

pub struct ShopOutcome {
    /// A real `payment.recorded` payload from the shop, for the simulated counters' events.
    pub payload_template: serde_json::Value,
}

struct Counter {
    kanak: Kanak,
    _dir: tempfile::TempDir,
}

pub async fn run(hub: &BenchHub, args: &Args) -> Result<ShopOutcome, Failure> {
    let a = Kanak::open(&args.shop).await?;
    let actor = a.login(OWNER_LOGIN, &args.pin.as_str().into()).await?;
    println!("shop {}: {}", args.shop.display(), counts(&a).await?);
    let token = hub.hub.add_device("MAIN", "Counter A").await?;
    a.sync_enroll(&actor, &hub.url, &token).await?;
    let t = Instant::now();
    let pushed = a.sync_now().await?;
    let took = t.elapsed();
    println!(
        "counter A, first push of the whole shop: {} events in {:.2} s = {:.0} events/s (and pulled {} of its own back)",
        pushed.pushed,
        took.as_secs_f64(),
        f64::from(pushed.pushed) / took.as_secs_f64(),
        pushed.pulled
    );
    let head = hub.head().await?;
    let mut fresh = Vec::new();
    let mut initial = Vec::new();
    for i in 0..args.fresh.max(1) {
        let counter = fresh_counter(hub, i).await?;
        let t = Instant::now();
        let report = counter.kanak.sync_now().await?;
        let took = t.elapsed();
        println!(
            "fresh counter {}: initial sync pulled {} of {head} logged events (applied {}) in {:.2} s = {:.0} events/s; now {}",
            i + 1,
            report.pulled,
            report.applied,
            took.as_secs_f64(),
            f64::from(report.pulled) / took.as_secs_f64(),
            counts(&counter.kanak).await?
        );
        initial.push(took);
        fresh.push(counter);
    }
    Figure::new(initial).print("sync: initial sync of the whole shop", "<= 60 s");
    incremental(&a, &actor, &fresh[0].kanak, args).await?;
    let payload_template = sqlx::query_scalar(
        "SELECT body->'payload' FROM log WHERE body->>'kind' = 'payment.recorded' ORDER BY position DESC LIMIT 1",
    )
    .fetch_optional(hub.hub.pool())
    .await?
    .unwrap_or_else(|| serde_json::json!({ "amount_paise": 50000 }));
    a.pool().close().await;
    for counter in &fresh {
        counter.kanak.pool().close().await;
    }
    Ok(ShopOutcome { payload_template })
}

/// Rounds of `args.events` new events on A (payments through the use case), then A's sync
/// (the push; it also pulls its own events back) and B's (the pull and apply), timed apart.
async fn incremental(a: &Kanak, actor: &Actor, b: &Kanak, args: &Args) -> Result<(), Failure> {
    let (mut push, mut pull, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let targets = payable(a).await?;
    let mut next = 0;
    for round in 0..args.rounds {
        let made = new_events(a, actor, &targets, &mut next, args.events, round).await?;
        let t = Instant::now();
        let pushed = a.sync_now().await?;
        let push_took = t.elapsed();
        let t = Instant::now();
        let pulled = b.sync_now().await?;
        let pull_took = t.elapsed();
        println!(
            "incremental round {}: {made} new events; A pushed {} in {:.0} ms, B pulled {} (applied {}) in {:.0} ms",
            round + 1,
            pushed.pushed,
            ms(push_took),
            pulled.pulled,
            pulled.applied,
            ms(pull_took)
        );
        push.push(push_took);
        pull.push(pull_took);
        total.push(push_took + pull_took);
    }
    let what = format!("{} events", args.events);
    Figure::new(push).print(&format!("sync: incremental, A pushes {what}"), "");
    Figure::new(pull).print(&format!("sync: incremental, B pulls {what}"), "");
    Figure::new(total).print("sync: incremental, push + pull", "<= 1 s");
    Ok(())
}

/// Records UPI payments of ₹500 on open flexible plans until `want` new events wait.
async fn new_events(
    a: &Kanak,
    actor: &Actor,
    targets: &[String],
    next: &mut usize,
    want: usize,
    round: usize,
) -> Result<usize, Failure> {
    let before = waiting(a).await?;
    let mut made = 0;
    let mut tries = 0;
    while made < want {
        tries += 1;
        if tries > want * 4 {
            return Err(format!("only {made} new events after {tries} payments were tried").into());
        }
        let enrollment_no = targets[*next % targets.len()].clone();
        *next += 1;
        let input = PaymentInput {
            id: uuid::Uuid::now_v7().to_string(),
            enrollment_no,
            amount: "500".into(),
            mode: PaymentMode::Upi,
            reference: Some(format!("UPISYNC{round:02}{:07}", *next)),
            date: None,
            confirm_duplicate: true,
        };
        match a.record_payment(actor, input).await {
            Ok(_) | Err(AppError::Invalid(_)) => {}
            Err(e) => return Err(e.into()),
        }
        made = (waiting(a).await? - before) as usize;
    }
    Ok(made)
}

async fn payable(a: &Kanak) -> Result<Vec<String>, Failure> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT enrollment_no FROM enrollments WHERE status = 'active' AND plan_code = 'FLEXI12' ORDER BY id DESC LIMIT 2000",
    )
    .fetch_all(a.pool())
    .await?;
    if rows.is_empty() {
        return Err("the shop has no open FLEXI12 enrollment to take payments".into());
    }
    Ok(rows.into_iter().map(|(no,)| no).collect())
}

async fn waiting(k: &Kanak) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sync_outbox WHERE sent_at IS NULL")
        .fetch_one(k.pool())
        .await
}

async fn counts(k: &Kanak) -> Result<String, sqlx::Error> {
    let (customers, enrollments, payments, outbox): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM enrollments),
                (SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM sync_outbox)",
    )
    .fetch_one(k.pool())
    .await?;
    Ok(format!(
        "{customers} customers, {enrollments} enrollments, {payments} payments, {outbox} outbox events"
    ))
}

/// A new counter of the same shop: set up, enrolled, nothing pulled yet.
async fn fresh_counter(hub: &BenchHub, i: usize) -> Result<Counter, Failure> {
    let dir = tempfile::tempdir()?;
    let secrets = Arc::new(MemorySecrets::default());
    let kanak = Kanak::open_with(dir.path(), Clock::System, secrets, None).await?;
    kanak
        .setup_shop(SetupInput {
            shop_name: "Bench Jewellers".into(),
            address: String::new(),
            gstin: None,
            branch_code: "MAIN".into(),
            owner_name: "Bench Owner".into(),
            owner_pin: "4321".into(),
        })
        .await?;
    let actor = kanak.login(OWNER_LOGIN, &"4321".into()).await?;
    let name = format!("Fresh counter {}", i + 1);
    let token = hub.hub.add_device("MAIN", &name).await?;
    kanak.sync_enroll(&actor, &hub.url, &token).await?;
    Ok(Counter { kanak, _dir: dir })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
