//! The outbox worker's pass: every message whose time has come is claimed (so no other
//! worker can send it too), handed to its provider, and marked sent, failed with the
//! provider's error and a next try, or given up. Reminders wait for sending hours.

pub(crate) mod send;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use self::send::{NotSent, Providers};
use super::settings;
use super::template::Params;
use super::trigger::{Channel, Trigger};
use crate::{AppError, Kanak, store};

/// The wait after the 1st, 2nd, … failed attempt; the last repeats until giving up.
pub const BACKOFF_MINUTES: [i64; 6] = [1, 5, 30, 120, 720, 1440];
/// After this many failed attempts (about 5½ days of trying) a message is given up.
pub const MAX_ATTEMPTS: u32 = 10;
/// A claim older than this was left by a worker that stopped mid-send (the app closed).
const STALE_CLAIM_MINUTES: i64 = 10;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, Serialize, specta::Type, PartialEq, Eq)]
pub struct SendPass {
    /// Time-based messages queued by the scan before sending.
    pub queued: u32,
    pub sent: u32,
    pub failed: u32,
    pub given_up: u32,
    /// Due but held back: outside sending hours, or the shop's setup is missing.
    pub held: u32,
}

/// When the next try goes after `attempts` failed ones, or `None` to give up.
pub fn next_attempt(attempts: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let step = (attempts.max(1) as usize - 1).min(BACKOFF_MINUTES.len() - 1);
    Some(now + Duration::minutes(BACKOFF_MINUTES[step]))
}

struct Due {
    id: String,
    trigger: Trigger,
    channel: Channel,
    phone: String,
    params: Params,
    attempts: u32,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Kanak {
    /// The background worker's whole pass: queue what the calendar calls for, then send.
    pub async fn run_outbox_pass(&self) -> Result<SendPass, AppError> {
        let queued = self.queue_scheduled_messages().await?;
        let pass = self.send_outbox_once().await?;
        Ok(SendPass { queued, ..pass })
    }

    /// Sends every message that is due now, once.
    pub async fn send_outbox_once(&self) -> Result<SendPass, AppError> {
        let now = self.clock.now();
        let mut conn = self.pool.acquire().await?;
        let messages = settings::load(&mut conn).await?;
        let otp = self.otp_settings().await?.settings;
        let providers = Providers {
            otp: &otp,
            messages: &messages,
            secrets: self.secrets.as_ref(),
        };
        self.release_stale_claims(now).await?;
        let mut pass = SendPass::default();
        for m in due_messages(&mut conn, now).await? {
            if m.trigger.is_reminder() && !messages.may_remind_at(now) {
                pass.held += 1;
                continue;
            }
            let request = send::prepare(
                &mut conn, &providers, m.trigger, m.channel, &m.phone, &m.params,
            )
            .await;
            let request = match request {
                Ok(r) => r,
                Err(NotSent::Waiting(why)) => {
                    self.note_waiting(&m.id, &why).await?;
                    pass.held += 1;
                    continue;
                }
                Err(NotSent::Invalid(why)) => {
                    self.note_invalid(&m.id, &why).await?;
                    pass.failed += 1;
                    continue;
                }
            };
            if !self.claim(&m.id, now).await? {
                continue;
            }
            let outcome = send::deliver(request, m.channel, self.provider_timeout).await;
            match self.record_attempt(&m, now, outcome).await? {
                "sent" => pass.sent += 1,
                "given_up" => pass.given_up += 1,
                _ => pass.failed += 1,
            }
        }
        Ok(pass)
    }

    async fn release_stale_claims(&self, now: DateTime<Utc>) -> Result<(), AppError> {
        let before = stamp(now - Duration::minutes(STALE_CLAIM_MINUTES));
        let released = sqlx::query!(
            "UPDATE outbox SET state = 'pending', claimed_at = NULL WHERE state = 'sending' AND claimed_at < ?1",
            before
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        if released > 0 {
            tracing::warn!(
                released,
                "outbox claims left by a stopped worker were released"
            );
        }
        Ok(())
    }

    /// Takes the message for this worker; false when another worker took it first.
    async fn claim(&self, id: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
        let at = stamp(now);
        let mut tx = store::begin_write(&self.pool).await?;
        let taken = sqlx::query!(
            "UPDATE outbox SET state = 'sending', claimed_at = ?1, updated_at = ?1
             WHERE id = ?2 AND state IN ('pending', 'failed') AND next_attempt_at <= ?1",
            at,
            id
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(taken == 1)
    }

    /// Says why a message waits; written only when the reason changes, not every pass.
    async fn note_waiting(&self, id: &str, why: &str) -> Result<(), AppError> {
        sqlx::query!(
            "UPDATE outbox SET last_error = ?1 WHERE id = ?2 AND state = 'pending' AND last_error IS NOT ?1",
            why,
            id
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A message the provider would refuse waits for staff: no automatic retry.
    async fn note_invalid(&self, id: &str, why: &str) -> Result<(), AppError> {
        let now = self.clock.timestamp();
        sqlx::query!(
            "UPDATE outbox SET state = 'failed', last_error = ?1, next_attempt_at = NULL, updated_at = ?2
             WHERE id = ?3 AND state IN ('pending', 'failed')",
            why, now, id
        )
        .execute(&self.pool)
        .await?;
        tracing::warn!(
            outbox_id = id,
            reason = why,
            "message refused before sending"
        );
        Ok(())
    }

    /// Keeps the attempt and moves the message on; returns its new state.
    async fn record_attempt(
        &self,
        m: &Due,
        now: DateTime<Utc>,
        outcome: Result<Option<String>, String>,
    ) -> Result<&'static str, AppError> {
        let attempt = i64::from(m.attempts + 1);
        let at = stamp(now);
        let (state, error, reference, next) = match &outcome {
            Ok(reference) => ("sent", None, reference.clone(), None),
            Err(e) => match next_attempt(m.attempts + 1, now) {
                Some(next) => ("failed", Some(e.clone()), None, Some(stamp(next))),
                None => ("given_up", Some(e.clone()), None, None),
            },
        };
        let outcome_word = if state == "sent" { "sent" } else { "failed" };
        let sent_at = (state == "sent").then(|| at.clone());
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query!(
            "INSERT INTO outbox_attempts (outbox_id, attempt_no, at, outcome, error, provider_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            m.id, attempt, at, outcome_word, error, reference
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "UPDATE outbox SET state = ?1, attempts = ?2, last_error = ?3, next_attempt_at = ?4, sent_at = ?5,
                    provider_ref = ?6, claimed_at = NULL, updated_at = ?7 WHERE id = ?8",
            state, attempt, error, next, sent_at, reference, at, m.id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        match &error {
            None => tracing::info!(
                outbox_id = m.id,
                channel = m.channel.as_str(),
                "message sent"
            ),
            Some(e) => tracing::warn!(
                outbox_id = m.id,
                attempt,
                state,
                error = e,
                "message not sent"
            ),
        }
        Ok(state)
    }
}

async fn due_messages(
    conn: &mut sqlx::SqliteConnection,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let at = stamp(now);
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", trigger_kind, channel, to_phone, params_json, attempts FROM outbox
           WHERE state IN ('pending', 'failed') AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id"#,
        at
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Due {
                trigger: Trigger::parse("trigger", &r.trigger_kind).map_err(AppError::corrupt)?,
                channel: Channel::parse("channel", &r.channel).map_err(AppError::corrupt)?,
                phone: r.to_phone,
                params: serde_json::from_str(&r.params_json).map_err(AppError::corrupt)?,
                attempts: u32::try_from(r.attempts).map_err(AppError::corrupt)?,
                id: r.id,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_a_minute_to_a_day_then_give_up() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T06:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let waits: Vec<i64> = (1..MAX_ATTEMPTS)
            .map(|n| (next_attempt(n, now).unwrap() - now).num_minutes())
            .collect();
        assert_eq!(waits, [1, 5, 30, 120, 720, 1440, 1440, 1440, 1440]);
        assert_eq!(
            next_attempt(MAX_ATTEMPTS, now),
            None,
            "the 10th failure gives up"
        );
    }
}
