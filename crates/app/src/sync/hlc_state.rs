//! The counter's hybrid logical clock, kept in `sync_state` so it survives restarts and stays
//! monotonic even when the machine's clock is set back.

use kanak_sync::{Hlc, HlcError, HybridClock, MAX_CLOCK_SKEW_MS};
use sqlx::SqliteConnection;

use crate::{AppError, Clock};

pub(crate) fn now_ms(clock: &Clock) -> u64 {
    u64::try_from(clock.now().timestamp_millis()).unwrap_or(0)
}

/// The clock as stored: node = the hub's device id once enrolled, else a random local name.
pub(crate) async fn load(conn: &mut SqliteConnection) -> Result<HybridClock, AppError> {
    let (node, device, last): (String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT node, device_id, hlc_last FROM sync_state WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    let last = last
        .map(|t| Hlc::decode(&t))
        .transpose()
        .map_err(AppError::corrupt)?;
    Ok(HybridClock::new(device.unwrap_or(node), last))
}

pub(crate) async fn store(conn: &mut SqliteConnection, clock: &HybridClock) -> Result<(), AppError> {
    sqlx::query("UPDATE sync_state SET hlc_last = ?1 WHERE id = 1")
        .bind(clock.last().encode())
        .execute(conn)
        .await?;
    Ok(())
}

/// A timestamp for a local change, inside the change's transaction.
pub(crate) async fn tick(conn: &mut SqliteConnection, clock: &Clock) -> Result<Hlc, AppError> {
    let mut hlc = load(conn).await?;
    let stamp = hlc.tick(now_ms(clock));
    store(conn, &hlc).await?;
    Ok(stamp)
}

/// Takes in a peer's timestamp. A peer too far ahead is refused and reported in the sync
/// status. Events pulled from the hub were already checked against the hub's clock (it
/// rejects a counter more than MAX_CLOCK_SKEW_MS ahead), so a refusal here means our own clock
/// is slow: `vouched` then takes the peer in anyway, or a slow counter's later edits would
/// lose to earlier ones.
pub(crate) async fn observe(
    conn: &mut SqliteConnection,
    clock: &Clock,
    peer: &Hlc,
    vouched: bool,
) -> Result<Result<(), HlcError>, AppError> {
    let mut hlc = load(conn).await?;
    let now = now_ms(clock);
    match hlc.observe(peer, now, MAX_CLOCK_SKEW_MS) {
        Ok(()) => {
            store(conn, &hlc).await?;
            Ok(Ok(()))
        }
        Err(refused) => {
            let warning = match vouched {
                true => {
                    format!("this counter's clock is behind its peers ({refused}): set it right")
                }
                false => format!("counter {}: {refused}", peer.node),
            };
            tracing::warn!(
                peer = peer.node,
                vouched,
                "peer clock too far ahead of ours"
            );
            sqlx::query("UPDATE sync_state SET clock_warning = ?1 WHERE id = 1")
                .bind(warning)
                .execute(&mut *conn)
                .await?;
            if !vouched {
                return Ok(Err(refused));
            }
            hlc.observe(peer, now, u64::MAX)
                .map_err(AppError::corrupt)?;
            store(conn, &hlc).await?;
            Ok(Ok(()))
        }
    }
}
