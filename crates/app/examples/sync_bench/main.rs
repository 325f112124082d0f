//! Sync benchmarks (issue #9): a shop's counter, fresh counters and 200 simulated counters
//! against a real hub on a throwaway PostgreSQL, over loopback HTTP.
//!
//! ```text
//! KANAK_INSECURE_KEYSTORE=SHOP/test-keys.json \
//!   cargo run --release -p kanak-app --features sync-bench --example sync_bench -- --shop SHOP \
//!   [--hub-bin target/release/kanak-hub] [--fresh 3] [--rounds 5] [--events 1000] \
//!   [--counters 200] [--counter-rounds 5] [--batch 5]
//! ```
//! `SHOP` is any data dir with a shop in it (`kanak demo --data-dir SHOP --customers 2000`, or
//! a bulk-generated one); it is enrolled with the bench's hub and takes the incremental
//! payments, so pass a throwaway shop. Prints each figure's median and p99. See
//! docs/PERFORMANCE.md for the method.

mod figure;
mod hub;
mod load;
mod shop;

use std::path::PathBuf;

pub struct Args {
    pub shop: PathBuf,
    pub hub_bin: Option<PathBuf>,
    pub fresh: usize,
    pub rounds: usize,
    pub events: usize,
    pub counters: usize,
    pub counter_rounds: usize,
    pub batch: usize,
    pub pin: String,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        shop: PathBuf::new(),
        hub_bin: None,
        fresh: 3,
        rounds: 5,
        events: 1000,
        counters: 200,
        counter_rounds: 5,
        batch: 5,
        pin: kanak_app::DEMO_OWNER_PIN.to_string(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--shop" => args.shop = PathBuf::from(value()?),
            "--hub-bin" => args.hub_bin = Some(PathBuf::from(value()?)),
            "--fresh" => args.fresh = number(value()?)?,
            "--rounds" => args.rounds = number(value()?)?,
            "--events" => args.events = number(value()?)?,
            "--counters" => args.counters = number(value()?)?,
            "--counter-rounds" => args.counter_rounds = number(value()?)?,
            "--batch" => args.batch = number(value()?)?,
            "--pin" => args.pin = value()?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.shop.as_os_str().is_empty() {
        return Err(
            "--shop DIR is required (a data dir with a shop, e.g. from `kanak demo`)".into(),
        );
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KANAK_LOG")
                .unwrap_or_else(|_| "error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = match parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("sync_bench: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sync_bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let hub = hub::BenchHub::start(args.hub_bin.as_deref()).await?;
    println!("hub: {} ({})", hub.url, hub.how);
    let shop = shop::run(&hub, args).await?;
    if args.counters > 0 {
        load::run(&hub, args, shop.payload_template).await?;
    }
    Ok(())
}
