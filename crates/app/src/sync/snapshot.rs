//! The initial snapshot: rows made before sync existed (a database from before migration
//! 0015) have no outbox event, so the hub and the other counters would never see them. At
//! enrollment every such row is written to the outbox, parents first, in the enrollment's
//! own transaction.
//!
//! A row "has an event" when an outbox event names its sync identity. The snapshot runs only
//! on a counter that has never applied a pulled event: there, a row without an event of its
//! own can only be a row from before sync (a pulled row has no local event either).
//! The shop's settings row is not part of it: every counter's own setup wrote one, and the
//! newest setup must not overwrite the settings of a shop that was already syncing.

use kanak_sync::EventKind;
use sqlx::SqliteConnection;

use super::outbox;
use super::tables::{self, LocalKey, TableSpec};
use crate::{AppError, Clock};

/// One kind of row in the snapshot, in the order parents come before children.
struct Part {
    kind: EventKind,
    spec: &'static TableSpec,
    /// Selects the rows' keys (an INTEGER or a TEXT id), oldest first.
    keys: &'static str,
}

const PARTS: &[Part] = &[
    Part {
        kind: EventKind::PlanUpserted,
        spec: &tables::PLANS,
        keys: "SELECT id FROM plans ORDER BY id",
    },
    Part {
        kind: EventKind::CustomerUpserted,
        spec: &tables::CUSTOMERS,
        keys: "SELECT id FROM customers WHERE family_of IS NULL ORDER BY id",
    },
    Part {
        kind: EventKind::FamilyMemberUpserted,
        spec: &tables::CUSTOMERS,
        keys: "SELECT id FROM customers WHERE family_of IS NOT NULL ORDER BY id",
    },
    Part {
        kind: EventKind::GoldRateSet,
        spec: &tables::GOLD_RATES,
        keys: "SELECT id FROM gold_rates ORDER BY id",
    },
    Part {
        kind: EventKind::EnrollmentOpened,
        spec: &tables::ENROLLMENTS,
        keys: "SELECT id FROM enrollments ORDER BY id",
    },
    Part {
        kind: EventKind::PaymentRecorded,
        spec: &tables::PAYMENTS,
        keys: "SELECT id FROM payments ORDER BY received_at, id",
    },
    Part {
        kind: EventKind::EnrollmentPaused,
        spec: &tables::PAUSES,
        keys: "SELECT id FROM enrollment_pauses ORDER BY id",
    },
    Part {
        kind: EventKind::EnrollmentUpgraded,
        spec: &tables::CHANGES,
        keys: "SELECT id FROM enrollment_changes ORDER BY id",
    },
    Part {
        kind: EventKind::ClosureRecorded,
        spec: &tables::CLOSURES,
        keys: "SELECT id FROM closures ORDER BY closed_at, id",
    },
];

/// Writes an event for every row that has none; returns how many were written.
pub(crate) async fn record_missing(
    conn: &mut SqliteConnection,
    clock: &Clock,
) -> Result<u32, AppError> {
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_applied")
        .fetch_one(&mut *conn)
        .await?;
    if applied > 0 {
        return Ok(0);
    }
    let mut written = 0u32;
    for part in PARTS {
        for key in keys(conn, part).await? {
            if has_event(conn, part.spec, &key).await? {
                continue;
            }
            outbox::record_row(conn, clock, part.kind, part.spec, key).await?;
            written += 1;
        }
    }
    if written > 0 {
        tracing::info!(
            events = written,
            "initial snapshot: rows from before sync queued"
        );
    }
    Ok(written)
}

async fn keys(conn: &mut SqliteConnection, part: &Part) -> Result<Vec<LocalKey>, AppError> {
    Ok(if part.spec.integer_id {
        let ids: Vec<i64> = sqlx::query_scalar(part.keys).fetch_all(conn).await?;
        ids.into_iter().map(LocalKey::Int).collect()
    } else {
        let ids: Vec<String> = sqlx::query_scalar(part.keys).fetch_all(conn).await?;
        ids.into_iter().map(LocalKey::Text).collect()
    })
}

/// Whether an outbox event already names the row's sync identity.
async fn has_event(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    key: &LocalKey,
) -> Result<bool, AppError> {
    let entity = match key {
        LocalKey::Int(_) if spec.name == "gold_rates" => {
            outbox::rate_uid(&tables::row_image(conn, spec, key).await?)
        }
        LocalKey::Int(id) => match tables::uid_of(conn, spec.name, *id).await? {
            Some(uid) => uid,
            // record_row gives every row it records an identity: none means never recorded.
            None => return Ok(false),
        },
        LocalKey::Text(id) => id.clone(),
    };
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM sync_outbox WHERE entity_id = ?1 LIMIT 1")
            .bind(entity)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}
