//! Kanak's use cases over the local SQLite store.
//!
//! [`Kanak`] is the one API that the desktop shell, the `kanak` CLI and the tests call.
//! Each use case lives in the module named for its part of the domain; every write runs in
//! one `BEGIN IMMEDIATE` transaction so nothing is ever half-written.

mod actor;
mod clock;
mod compliance;
mod counter;
mod credential;
mod customer;
mod enrollment;
mod error;
mod evaluation;
mod payment;
mod plan;
mod rate;
mod rate_feed;
mod rate_sheet;
mod scheme;
mod sequence;
mod shop;
mod simulation;
mod store;

pub use actor::Actor;
pub use clock::Clock;
pub use counter::{CounterEnrollInput, CounterEnrollResult};
pub use customer::{CustomerEdit, CustomerInput, CustomerProfile, CustomerSummary, CustomerView};
pub use enrollment::{EnrollInput, EnrollmentDetail, EnrollmentView};
pub use error::{AppError, IpcError};
pub use evaluation::{
    BenefitLineView, BenefitView, ClosureQuoteView, DeductionView, EvaluationView, GiftView,
    InstallmentView,
};
pub use payment::{PaymentInput, PaymentOutcome, PaymentView};
pub use plan::{PlanInput, PlanView};
pub use rate::{GoldRateInput, GoldRateView, RateSource};
pub use rate_feed::RateImportView;
pub use scheme::{ChangeInput, ChangeQuoteView, PauseInput, SummaryView};
pub use shop::{AppStatus, Language, OWNER_LOGIN, SettingsInput, SetupInput, ShopView};
pub use simulation::{SimulateInput, SimulatedPayment, SimulationView};
pub use store::default_data_dir;

use std::path::Path;

/// The application: a handle on the local store plus the clock that decides "today".
#[derive(Clone)]
pub struct Kanak {
    pool: sqlx::SqlitePool,
    clock: Clock,
}

impl Kanak {
    /// Opens (creating if needed) the database in `data_dir` and applies pending migrations.
    pub async fn open(data_dir: &Path) -> Result<Kanak, AppError> {
        Self::open_with_clock(data_dir, Clock::System).await
    }

    pub async fn open_with_clock(data_dir: &Path, clock: Clock) -> Result<Kanak, AppError> {
        let pool = store::open_pool(data_dir).await?;
        Ok(Kanak { pool, clock })
    }

    /// The pool, for tests and tools that inspect the store directly.
    pub fn pool(&self) -> &sqlx::SqlitePool {
        &self.pool
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Changes "now" (tests, and tools that replay history).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }
}
