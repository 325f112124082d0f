//! The Kanak sync hub: the shop's data of record across counters.
//!
//! Counters push their outbox events; the hub checks each (idempotent by id, schema version,
//! clock skew, the enrollment's state), appends what it accepts to one server-ordered log,
//! records conflicts for a manager, and serves the log to every counter's pull. The protocol
//! is in docs/SYNC.md and its wire types in `kanak_sync`.

mod devices;
mod error;
mod health;
mod http;
mod log;
mod push;
mod resolve;
mod secret;
mod validate;

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use kanak_sync::{HUB_NODE, Hlc, HybridClock};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

pub use devices::DeviceInfo;
pub use error::HubFailure;
pub use health::{DeviceLag, Health};
pub use http::{router, serve};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/hub");

/// A connection to the hub's database plus the hub's own clock. Cheap to clone.
#[derive(Clone)]
pub struct Hub {
    pool: PgPool,
    clock: Arc<Mutex<HybridClock>>,
}

impl Hub {
    /// Connects to PostgreSQL at `url` and brings its schema up to date (migrations/hub).
    pub async fn connect(url: &str) -> Result<Hub, HubFailure> {
        let pool = PgPoolOptions::new().max_connections(10).connect(url).await?;
        MIGRATOR.run(&pool).await?;
        let last = sqlx::query_scalar!(
            "SELECT body->'hlc' AS hlc FROM log WHERE body->>'device_id' = $1 ORDER BY position DESC LIMIT 1",
            kanak_sync::HUB_DEVICE_ID.to_string()
        )
        .fetch_optional(&pool)
        .await?
        .flatten()
        .and_then(|value| serde_json::from_value::<Hlc>(value).ok());
        let clock = HybridClock::new(HUB_NODE, last);
        Ok(Hub { pool, clock: Arc::new(Mutex::new(clock)) })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// A timestamp for an event the hub writes itself.
    fn tick(&self) -> Hlc {
        self.clock.lock().expect("hub clock").tick(now_ms())
    }

    /// Lets the hub's clock see an accepted event, so its own later events order after it.
    fn observe(&self, hlc: &Hlc) {
        let mut clock = self.clock.lock().expect("hub clock");
        let _ = clock.observe(hlc, now_ms(), kanak_sync::MAX_CLOCK_SKEW_MS);
    }
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}
