//! Auto-sync: whether the desktop app syncs in the background while enrolled, and how often.
//! A setting of this installation, kept with its standing (`sync_state`).

use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};

use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

/// The shortest and longest auto-sync interval, in seconds.
pub const AUTO_SYNC_MIN_SECONDS: u32 = 15;
pub const AUTO_SYNC_MAX_SECONDS: u32 = 86_400;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
pub struct SyncSettings {
    /// Sync in the background while enrolled.
    pub auto_sync: bool,
    /// Seconds between two background syncs (15 to 86400).
    pub interval_seconds: u32,
}

impl Kanak {
    pub async fn sync_settings(&self) -> Result<SyncSettings, AppError> {
        let (auto, seconds): (i64, i64) =
            sqlx::query_as("SELECT auto_sync, auto_sync_seconds FROM sync_state WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(SyncSettings {
            auto_sync: auto != 0,
            interval_seconds: u32::try_from(seconds).unwrap_or(AUTO_SYNC_MIN_SECONDS),
        })
    }

    pub async fn update_sync_settings(
        &self,
        actor: &Actor,
        input: SyncSettings,
    ) -> Result<SyncSettings, AppError> {
        actor.require(Permission::Settings)?;
        if !(AUTO_SYNC_MIN_SECONDS..=AUTO_SYNC_MAX_SECONDS).contains(&input.interval_seconds) {
            return Err(FieldError::new(
                "interval_seconds",
                format!(
                    "must be between {AUTO_SYNC_MIN_SECONDS} and {AUTO_SYNC_MAX_SECONDS} seconds"
                ),
            )
            .into());
        }
        let before = self.sync_settings().await?;
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query("UPDATE sync_state SET auto_sync = ?1, auto_sync_seconds = ?2 WHERE id = 1")
            .bind(i64::from(input.auto_sync))
            .bind(i64::from(input.interval_seconds))
            .execute(&mut *tx)
            .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.sync", "auto-sync").edit(&before, &input),
        )
        .await?;
        tx.commit().await?;
        Ok(input)
    }
}
