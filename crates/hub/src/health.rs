//! `GET /health`: is the database reachable, how many devices and events, how far behind
//! each device's pulls are.

use serde::Serialize;
use uuid::Uuid;

use crate::{Hub, HubFailure};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    pub status: String,
    pub devices: i64,
    pub events: i64,
    pub log_head: i64,
    pub open_conflicts: i64,
    pub lag: Vec<DeviceLag>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceLag {
    pub device_id: Uuid,
    pub counter_code: String,
    pub name: String,
    pub revoked: bool,
    pub high_water: i64,
    pub pull_cursor: i64,
    /// Log head minus the device's pull cursor: events it has not yet confirmed pulling.
    pub lag: i64,
}

impl Hub {
    pub async fn health(&self) -> Result<Health, HubFailure> {
        let totals = sqlx::query!(
            r#"SELECT (SELECT count(*) FROM devices) AS "devices!",
                      (SELECT count(*) FROM log) AS "events!",
                      (SELECT count(*) FROM conflicts WHERE resolved_at IS NULL) AS "open_conflicts!",
                      (SELECT head FROM log_head WHERE id = 1) AS "head!""#
        )
        .fetch_one(&self.pool)
        .await?;
        let lag = sqlx::query_as!(
            DeviceLag,
            r#"SELECT d.device_id, d.counter_code, d.name, d.revoked_at IS NOT NULL AS "revoked!",
                      d.high_water, d.pull_cursor, h.head - d.pull_cursor AS "lag!"
               FROM devices d, log_head h ORDER BY d.created_at, d.counter_code"#
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(Health {
            status: "ok".into(),
            devices: totals.devices,
            events: totals.events,
            log_head: totals.head,
            open_conflicts: totals.open_conflicts,
            lag,
        })
    }
}
