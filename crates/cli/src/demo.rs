//! `kanak demo`: builds the demo shop in an empty data directory (issue #9).

use clap::Args;
use kanak_app::{AppError, DemoSummary, Kanak};

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// How many customers (about 1.5 enrollments and 10 payments each).
    #[arg(long, default_value_t = 200)]
    pub customers: u32,
    /// The same seed gives the same shop (on the same day).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub async fn run(kanak: &Kanak, args: &DemoArgs) -> Result<DemoSummary, AppError> {
    let started = std::time::Instant::now();
    let summary = kanak.build_demo_shop(args.customers, args.seed).await?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = rows_written(kanak).await?;
    eprintln!(
        "demo shop built in {seconds:.1} s: {rows} rows ({:.0} rows/s); log in as owner (PIN {}) or cashier (PIN {})",
        rows as f64 / seconds.max(1e-9),
        kanak_app::DEMO_OWNER_PIN,
        kanak_app::DEMO_CASHIER_PIN
    );
    Ok(summary)
}

pub fn human(s: &DemoSummary) -> String {
    format!(
        "customers {} (family members {}), enrollments {}, payments {} (refused by the rules {}), \
         cheques cleared {} / bounced {}, refunds {}, closures {}, daily rates {} days from {}",
        s.customers,
        s.family_members,
        s.enrollments,
        s.payments,
        s.refused_payments,
        s.cheques_cleared,
        s.cheques_bounced,
        s.refunds,
        s.closures,
        s.rate_days,
        s.first_day
    )
}

/// Every row the generator wrote, over the tables it writes (the shop's own few rows aside).
async fn rows_written(kanak: &Kanak) -> Result<i64, AppError> {
    let sql = [
        "customers",
        "enrollments",
        "payments",
        "payment_status_events",
        "closures",
        "gold_rates",
        "audit_log",
        "outbox",
        "sync_outbox",
        "sync_fields",
        "sync_entities",
    ]
    .map(|t| format!("(SELECT COUNT(*) FROM {t})"))
    .join(" + ");
    let rows: i64 = sqlx::query_scalar(&format!("SELECT {sql}"))
        .fetch_one(kanak.pool())
        .await
        .map_err(AppError::from)?;
    Ok(rows)
}
