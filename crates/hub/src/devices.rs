//! Devices: the owner's one-time enrollment tokens, the counters' credentials, revocation.

use chrono::{DateTime, Duration, Utc};
use kanak_sync::{EnrollRequest, EnrollResponse};
use serde::Serialize;
use uuid::Uuid;

use crate::{Hub, HubFailure, secret};

/// How long an enrollment token may wait to be used.
const TOKEN_LIFETIME_DAYS: i64 = 7;

/// One row of `kanak-hub device list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceInfo {
    pub device_id: Uuid,
    pub branch: String,
    pub name: String,
    pub counter_code: String,
    /// The name the counter gave itself at enrollment.
    pub device_name: Option<String>,
    pub enrolled_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub high_water: i64,
    pub pull_cursor: i64,
}

impl Hub {
    /// Registers a device for `branch` named `name` and returns its one-time enrollment token
    /// (shown once; the hub keeps only its hash).
    pub async fn add_device(&self, branch: &str, name: &str) -> Result<String, HubFailure> {
        let (branch, name) = (branch.trim(), name.trim());
        if branch.is_empty() || name.is_empty() {
            return Err(HubFailure::BadBatch("a device needs a branch and a name".into()));
        }
        let token = secret::generate();
        let expires = Utc::now() + Duration::days(TOKEN_LIFETIME_DAYS);
        sqlx::query!(
            "INSERT INTO devices (device_id, branch, name, counter_code, token_hash, token_expires_at)
             VALUES ($1, $2, $3, 'C' || nextval('counter_numbers'), $4, $5)",
            Uuid::now_v7(),
            branch,
            name,
            secret::hash(&token),
            expires
        )
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    pub async fn devices(&self) -> Result<Vec<DeviceInfo>, HubFailure> {
        let devices = sqlx::query_as!(
            DeviceInfo,
            "SELECT device_id, branch, name, counter_code, device_name, enrolled_at, revoked_at,
                    high_water, pull_cursor
             FROM devices ORDER BY created_at, counter_code"
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(devices)
    }

    /// Stops the device's syncs: every later request with its credential gets 403.
    pub async fn revoke_device(&self, device_id: Uuid) -> Result<(), HubFailure> {
        let done = sqlx::query!(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE device_id = $1",
            device_id
        )
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(HubFailure::NotFound(format!("no device {device_id}")));
        }
        Ok(())
    }

    /// Trades a one-time token for a credential. One statement, so a token works once even
    /// when two counters race with it.
    pub async fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, HubFailure> {
        let credential = secret::generate();
        let row = sqlx::query!(
            "UPDATE devices SET credential_hash = $2, device_name = $3, enrolled_at = now()
             WHERE token_hash = $1 AND credential_hash IS NULL AND revoked_at IS NULL
               AND token_expires_at > now()
             RETURNING device_id, branch, counter_code",
            secret::hash(&request.token),
            secret::hash(&credential),
            request.device_name.trim()
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or(HubFailure::InvalidToken)?;
        tracing::info!(device = %row.device_id, counter = %row.counter_code, "device enrolled");
        Ok(EnrollResponse {
            device_id: row.device_id,
            credential,
            branch: row.branch,
            counter_code: row.counter_code,
        })
    }

    /// The device a bearer credential belongs to, if it may still sync.
    pub async fn authenticate(&self, credential: &str) -> Result<Uuid, HubFailure> {
        let row = sqlx::query!(
            "SELECT device_id, revoked_at FROM devices WHERE credential_hash = $1",
            secret::hash(credential)
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or(HubFailure::Unauthorized)?;
        match row.revoked_at {
            Some(_) => Err(HubFailure::DeviceRevoked),
            None => Ok(row.device_id),
        }
    }
}
