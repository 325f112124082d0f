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
    eprintln!(
        "demo shop built in {:.1} s; log in as owner (PIN {}) or cashier (PIN {})",
        started.elapsed().as_secs_f64(),
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
