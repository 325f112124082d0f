//! A manager's decision on an entry of the review queue. A conflict the hub raised is
//! resolved on the hub (which tells every counter through `conflict.resolved`), then here;
//! an entry only this counter has (one of our events the hub refused, a pulled event that
//! could not be stored, the same phone on two customers) is resolved here alone. The network
//! call comes first and no write transaction waits on it. A held payout or payment stays
//! held: a correction is a new entry made through the counter's own use cases.

use kanak_domain::{FieldError, Permission};
use kanak_sync::ResolveRequest;

use super::client::HubClient;
use super::{CREDENTIAL_KEY, HUB_TIMEOUT, SyncConflictView, review, status};
use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

/// The kinds the hub raised (and so resolves for every counter).
const HUB_KINDS: &[&str] = &[
    "duplicate_closure",
    "payment_after_closure",
    "invalid_transition",
];

impl Kanak {
    /// Resolves review-queue entry `id` with the manager's words `resolution`.
    pub async fn sync_resolve(
        &self,
        actor: &Actor,
        id: &str,
        resolution: &str,
    ) -> Result<SyncConflictView, AppError> {
        actor.require(Permission::Close)?;
        let resolution = resolution.trim();
        if resolution.is_empty() {
            return Err(FieldError::new("resolution", "say what was decided").into());
        }
        let entry = self.review_entry(id).await?;
        if entry.resolved {
            return Err(AppError::Conflict {
                message: "this entry is already resolved".into(),
                field: None,
            });
        }
        if HUB_KINDS.contains(&entry.kind.as_str()) {
            self.resolve_on_hub(id, resolution).await?;
        }
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query(
            "UPDATE sync_conflicts SET resolved_at = ?1, resolution = ?2
             WHERE id = ?3 AND resolved_at IS NULL",
        )
        .bind(self.clock.timestamp())
        .bind(resolution)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let detail = format!("{} {id}: {resolution}", entry.kind);
        self.audit(&mut tx, actor, Change::new("sync.resolve", detail))
            .await?;
        tx.commit().await?;
        self.review_entry(id).await
    }

    async fn review_entry(&self, id: &str) -> Result<SyncConflictView, AppError> {
        review::list(&mut *self.pool.acquire().await?, true)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| AppError::NotFound {
                what: "review entry",
                key: id.to_string(),
                field: "id",
            })
    }

    async fn resolve_on_hub(&self, id: &str, resolution: &str) -> Result<(), AppError> {
        let standing = status::standing(&self.pool)
            .await?
            .ok_or(AppError::SyncNotEnrolled)?;
        let credential = self
            .secrets
            .get(CREDENTIAL_KEY)?
            .ok_or(AppError::SyncNotEnrolled)?;
        let client = HubClient::new(
            &standing.hub_url,
            Some(credential.expose().to_string()),
            HUB_TIMEOUT,
        );
        let request = ResolveRequest {
            resolution: resolution.to_string(),
        };
        match client.resolve(id, &request).await {
            Ok(_) => Ok(()),
            // Another counter resolved it first; its conflict.resolved arrives with the next pull.
            Err(AppError::Sync {
                code: "hub_not_found",
                ..
            }) => Ok(()),
            Err(error) => Err(error),
        }
    }
}
