//! The recovery key is shown once: at setup, or (for a database encrypted by an upgrade) to
//! the owner the first time they ask. After that it cannot be shown again; whoever opens the
//! app later with the owner's PIN cannot read it off the screen.
//!
//! Queries here are checked at run time (tests cover them), not through `.sqlx`.

use kanak_domain::Role;
use serde::Serialize;
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

/// The recovery key, for the one screen (and printed sheet) that shows it.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct RecoveryKeyView {
    /// `XXXX-XXXX-…`: 14 groups of four Crockford base32 characters.
    pub recovery_key: String,
    /// The same key split in its groups, for a sheet laid out in a grid.
    pub groups: Vec<String>,
}

impl RecoveryKeyView {
    pub(crate) fn of_key(key: &super::DatabaseKey) -> RecoveryKeyView {
        let recovery_key = key.recovery_key();
        let groups = recovery_key.split('-').map(str::to_string).collect();
        RecoveryKeyView {
            recovery_key,
            groups,
        }
    }
}

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// The owner typed the recovery key to open the database: they have it, nothing to show.
pub(crate) async fn mark_known(pool: &SqlitePool) -> Result<(), AppError> {
    sqlx::query(&format!(
        "UPDATE vault_state SET recovery_key_shown_at = COALESCE(recovery_key_shown_at, {NOW}) WHERE id = 1"
    ))
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks the key shown inside `tx` (first-run setup shows it in its answer).
pub(crate) async fn mark_shown(tx: &mut Transaction<'_, Sqlite>) -> Result<(), AppError> {
    sqlx::query(&format!(
        "UPDATE vault_state SET recovery_key_shown_at = {NOW} WHERE id = 1"
    ))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Kanak {
    /// True while the owner has not yet been shown this database's recovery key.
    pub async fn recovery_key_pending(&self) -> Result<bool, AppError> {
        let shown: Option<String> =
            sqlx::query_scalar("SELECT recovery_key_shown_at FROM vault_state WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(shown.is_none())
    }

    /// Shows the recovery key once, to the owner; later calls are refused.
    pub async fn reveal_recovery_key(&self, actor: &Actor) -> Result<RecoveryKeyView, AppError> {
        if actor.role() != Role::Owner {
            return Err(AppError::Forbidden {
                message: "only the owner may see the database recovery key".into(),
            });
        }
        let mut tx = store::begin_write(&self.pool).await?;
        let shown: Option<String> =
            sqlx::query_scalar("SELECT recovery_key_shown_at FROM vault_state WHERE id = 1")
                .fetch_one(&mut *tx)
                .await?;
        if let Some(at) = shown {
            return Err(AppError::Conflict {
                message: format!(
                    "the recovery key was already shown ({at}) and is never shown twice; keep the printed sheet safe"
                ),
                field: None,
            });
        }
        mark_shown(&mut tx).await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("vault.recovery_key_shown", "the database recovery key was shown"),
        )
        .await?;
        tx.commit().await?;
        Ok(RecoveryKeyView::of_key(&self.vault_key))
    }
}
