//! A manager's decision on a conflict: recorded, and appended as `conflict.resolved` so every
//! counter's review queue clears it. The held event stays held; corrections are new entries.

use kanak_sync::{EventKind, LoggedEvent, ResolveRequest};
use serde_json::json;
use uuid::Uuid;

use crate::{Hub, HubFailure, log};

impl Hub {
    pub async fn resolve_conflict(
        &self,
        device: Uuid,
        conflict_id: Uuid,
        request: &ResolveRequest,
    ) -> Result<LoggedEvent, HubFailure> {
        let resolution = request.resolution.trim();
        if resolution.is_empty() {
            return Err(HubFailure::BadBatch("a resolution says what the manager decided".into()));
        }
        let mut tx = self.pool.begin().await?;
        let mut head = log::lock_head(&mut tx).await?;
        let conflict = sqlx::query!(
            "UPDATE conflicts SET resolved_at = now(), resolution = $2
             WHERE conflict_id = $1 AND resolved_at IS NULL
             RETURNING event_id, enrollment_id",
            conflict_id,
            resolution
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| HubFailure::NotFound(format!("no open conflict {conflict_id}")))?;
        let resolved = self.hub_event(
            EventKind::ConflictResolved,
            conflict_id,
            conflict.enrollment_id,
            json!({
                "conflict_id": conflict_id,
                "event_id": conflict.event_id,
                "resolution": resolution,
                "resolved_by": device,
            }),
        );
        let logged = log::append(&mut tx, &mut head, &resolved).await?;
        log::store_head(&mut tx, head).await?;
        tx.commit().await?;
        Ok(logged)
    }
}
