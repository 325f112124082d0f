//! The durable outbox: a message is written in the same transaction as the event that caused
//! it, keyed by event and trigger so it exists at most once, and stays until it is sent, given
//! up or cancelled. Staff see it, retry what failed and cancel what should not go.

use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::compose::{MessageKit, OutboxRow};
use super::template::Params;
use super::trigger::{Channel, Trigger};
use crate::audit::Change;
use crate::otp::mask;
use crate::{Actor, AppError, Kanak, store};

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting for its time, the network, sending hours or the shop's setup.
    Pending,
    /// A worker holds it and is talking to the provider.
    Sending,
    Sent,
    /// The last attempt failed; `next_attempt_at` says when it is tried again (none: staff
    /// must fix the template and retry).
    Failed,
    /// Failed too many times; only a retry from staff sends it.
    GivenUp,
    Cancelled,
}

impl OutboxState {
    pub const ALL: [OutboxState; 6] = [
        OutboxState::Pending,
        OutboxState::Sending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::GivenUp,
        OutboxState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::GivenUp => "given_up",
            OutboxState::Cancelled => "cancelled",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<OutboxState, FieldError> {
        let text = s.trim().to_ascii_lowercase().replace('-', "_");
        OutboxState::ALL
            .into_iter()
            .find(|st| st.as_str() == text)
            .ok_or_else(|| {
                let words: Vec<&str> = OutboxState::ALL.iter().map(|s| s.as_str()).collect();
                FieldError::not_one_of(field, &words)
            })
    }
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct OutboxMessageView {
    pub id: String,
    pub trigger: Trigger,
    pub channel: Channel,
    /// The last four digits only.
    pub to_phone: String,
    pub customer_name: Option<String>,
    pub enrollment_no: Option<String>,
    pub state: OutboxState,
    /// What the customer reads (the template's sample text filled in, or Kanak's wording).
    pub body: String,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    /// The provider's answer to the last attempt, or why the message cannot go yet.
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub provider_ref: Option<String>,
}

/// The dashboard's "messages waiting" figure.
#[derive(Debug, Clone, Copy, Serialize, specta::Type, PartialEq, Eq, Default)]
pub struct OutboxSummary {
    /// Pending or being sent.
    pub waiting: u32,
    pub failed: u32,
    pub given_up: u32,
}

/// A message about to be queued, inside the event's transaction.
pub(crate) struct NewMessage {
    pub trigger: Trigger,
    /// One message per event and trigger: `payment:{id}:received`, `closed:{enrollment}`…
    pub key: String,
    pub customer_id: i64,
    pub enrollment_no: Option<String>,
    pub params: Params,
    /// When it may first go (a reminder scanned early waits for its day); `None`: now.
    pub not_before: Option<String>,
}

/// The channel a message goes on. The shop's preferred channel, unless the customer opted out
/// of it or it has no template for this trigger while the other channel has one (with
/// fallback on). `Err` is why nothing can go: the customer opted out of every usable channel.
pub(super) fn choose_channel(
    preferred: Channel,
    fallback: bool,
    opted_out: &[Channel],
    has_template: [bool; 2],
) -> Result<Channel, String> {
    let templated = |c: Channel| has_template[c as usize];
    let mut candidates = vec![preferred];
    if fallback {
        candidates.push(preferred.other());
    }
    let open: Vec<Channel> = candidates
        .into_iter()
        .filter(|c| !opted_out.contains(c))
        .collect();
    if let Some(c) = open.iter().copied().find(|c| templated(*c)) {
        return Ok(c);
    }
    open.first().copied().ok_or_else(|| {
        let names: Vec<&str> = opted_out.iter().map(|c| c.label()).collect();
        format!("the customer opted out of {}", names.join(" and "))
    })
}

impl Kanak {
    /// Queues `m` unless its trigger is off or it is already queued (same key). A customer
    /// who opted out gets a cancelled row saying so, which also keeps it from being queued
    /// again. Returns the new message's id.
    pub(crate) async fn queue_message(
        &self,
        conn: &mut SqliteConnection,
        m: NewMessage,
    ) -> Result<Option<String>, AppError> {
        let kit = MessageKit::load(conn, &[m.trigger]).await?;
        if !kit.enabled(m.trigger) {
            return Ok(None);
        }
        let phone = sqlx::query_scalar!("SELECT phone FROM customers WHERE id = ?1", m.customer_id)
            .fetch_one(&mut *conn)
            .await?;
        let opted_out = super::opt_out::channels_of(conn, m.customer_id).await?;
        let (id, now) = (uuid::Uuid::now_v7().to_string(), self.clock.timestamp());
        let Some(row) = kit.compose(m, phone, &opted_out, id, now)? else {
            return Ok(None);
        };
        let inserted = insert_row(conn, &row).await?;
        let (id, kind, ch, state) = (row.id, row.kind, row.channel, row.state);
        if inserted == 0 {
            return Ok(None);
        }
        tracing::info!(
            outbox_id = id,
            trigger = kind,
            channel = ch,
            state,
            "message queued"
        );
        Ok(Some(id))
    }

    /// The outbox, newest first, optionally in one state.
    pub async fn list_outbox(
        &self,
        actor: &Actor,
        state: Option<OutboxState>,
    ) -> Result<Vec<OutboxMessageView>, AppError> {
        actor.require(Permission::Reports)?;
        let filter = state.map(OutboxState::as_str);
        let ids = sqlx::query_scalar!(
            "SELECT id FROM outbox WHERE ?1 IS NULL OR state = ?1 ORDER BY created_at DESC, id DESC LIMIT 1000",
            filter
        )
        .fetch_all(&self.pool)
        .await?;
        let mut views = Vec::with_capacity(ids.len());
        for id in ids {
            views.push(self.outbox_message(&id).await?);
        }
        Ok(views)
    }

    pub async fn outbox_message(&self, id: &str) -> Result<OutboxMessageView, AppError> {
        let r = sqlx::query!(
            r#"SELECT o.id, o.trigger_kind, o.channel, o.to_phone, c.name AS "customer_name?", o.enrollment_no, o.state,
                      o.body, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.sent_at, o.provider_ref
               FROM outbox o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = ?1"#,
            id
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| AppError::not_found("message", id, "id"))?;
        Ok(OutboxMessageView {
            trigger: Trigger::parse("trigger", &r.trigger_kind).map_err(AppError::corrupt)?,
            channel: Channel::parse("channel", &r.channel).map_err(AppError::corrupt)?,
            to_phone: mask(&r.to_phone),
            customer_name: r.customer_name,
            enrollment_no: r.enrollment_no,
            state: OutboxState::parse("state", &r.state).map_err(AppError::corrupt)?,
            body: r.body,
            attempts: u32::try_from(r.attempts).map_err(AppError::corrupt)?,
            next_attempt_at: r.next_attempt_at,
            last_error: r.last_error,
            created_at: r.created_at,
            sent_at: r.sent_at,
            provider_ref: r.provider_ref,
            id: r.id,
        })
    }

    /// How many messages wait, failed or were given up (the dashboard's widget).
    pub async fn outbox_summary(&self) -> Result<OutboxSummary, AppError> {
        let r = sqlx::query!(
            r#"SELECT coalesce(sum(state IN ('pending', 'sending')), 0) AS "waiting!: i64",
                      coalesce(sum(state = 'failed'), 0) AS "failed!: i64",
                      coalesce(sum(state = 'given_up'), 0) AS "given_up!: i64"
               FROM outbox"#
        )
        .fetch_one(&self.pool)
        .await?;
        let count = |n: i64| u32::try_from(n).map_err(AppError::corrupt);
        Ok(OutboxSummary {
            waiting: count(r.waiting)?,
            failed: count(r.failed)?,
            given_up: count(r.given_up)?,
        })
    }

    /// A failed or given-up message goes again now (its attempts so far are kept).
    pub async fn retry_message(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<OutboxMessageView, AppError> {
        self.move_message(actor, id, &["failed", "given_up"], OutboxState::Pending)
            .await
    }

    /// A message that has not gone is kept but never sent.
    pub async fn cancel_message(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<OutboxMessageView, AppError> {
        self.move_message(
            actor,
            id,
            &["pending", "failed", "given_up"],
            OutboxState::Cancelled,
        )
        .await
    }

    async fn move_message(
        &self,
        actor: &Actor,
        id: &str,
        from: &[&str],
        to: OutboxState,
    ) -> Result<OutboxMessageView, AppError> {
        actor.require(Permission::Reports)?;
        let id = id.trim();
        let mut tx = store::begin_write(&self.pool).await?;
        let r = sqlx::query!(
            "SELECT state, enrollment_no, trigger_kind FROM outbox WHERE id = ?1",
            id
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::not_found("message", id, "id"))?;
        if !from.contains(&r.state.as_str()) {
            return Err(AppError::Conflict {
                message: format!(
                    "a {} message cannot be {}",
                    r.state.replace('_', " "),
                    match to {
                        OutboxState::Pending => "retried",
                        _ => "cancelled",
                    }
                ),
                field: Some("id"),
            });
        }
        let (state, now) = (to.as_str(), self.clock.timestamp());
        let note =
            (to == OutboxState::Cancelled).then(|| format!("cancelled by {}", actor.label()));
        sqlx::query!(
            "UPDATE outbox SET state = ?1, next_attempt_at = ?2, updated_at = ?2, last_error = coalesce(?3, last_error) WHERE id = ?4",
            state, now, note, id
        )
        .execute(&mut *tx)
        .await?;
        let action = if to == OutboxState::Pending {
            "outbox.retry"
        } else {
            "outbox.cancel"
        };
        let mut change = Change::new(
            action,
            format!("{} message {id}: {} → {state}", r.trigger_kind, r.state),
        );
        if let Some(no) = &r.enrollment_no {
            change = change.enrollment(no);
        }
        self.audit(&mut tx, actor, change).await?;
        tx.commit().await?;
        self.outbox_message(id).await
    }
}

/// A queued message's variables (for a preview of the real thing).
pub(crate) async fn params_of(conn: &mut SqliteConnection, id: &str) -> Result<Params, AppError> {
    let json = sqlx::query_scalar!("SELECT params_json FROM outbox WHERE id = ?1", id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| AppError::not_found("message", id, "outbox_id"))?;
    serde_json::from_str(&json).map_err(AppError::corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_channel_is_used_when_it_has_a_template() {
        let c = choose_channel(Channel::Whatsapp, true, &[], [true, true]);
        assert_eq!(c, Ok(Channel::Whatsapp));
    }

    #[test]
    fn an_opt_out_of_the_preferred_channel_falls_back_to_the_other() {
        let c = choose_channel(Channel::Whatsapp, true, &[Channel::Whatsapp], [true, true]);
        assert_eq!(c, Ok(Channel::Sms));
    }

    #[test]
    fn without_fallback_an_opt_out_means_no_message() {
        let c = choose_channel(Channel::Sms, false, &[Channel::Sms], [true, true]);
        assert_eq!(c, Err("the customer opted out of SMS".to_string()));
    }

    #[test]
    fn a_channel_without_a_template_gives_way_to_one_with() {
        // Templates: SMS none, WhatsApp registered.
        let c = choose_channel(Channel::Sms, true, &[], [false, true]);
        assert_eq!(c, Ok(Channel::Whatsapp));
    }
}

/// Inserts a composed message unless one with its key is already queued; rows inserted.
pub(crate) async fn insert_row(conn: &mut SqliteConnection, r: &OutboxRow) -> Result<u64, AppError> {
    Ok(sqlx::query(
        "INSERT INTO outbox (id, channel, to_phone, template, body, created_at, state, trigger_kind, idempotency_key,
                             customer_id, enrollment_no, params_json, next_attempt_at, last_error, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?4, ?8, ?9, ?10, ?11, ?12, ?13, ?6)
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&r.id)
    .bind(r.channel)
    .bind(&r.to_phone)
    .bind(r.kind)
    .bind(&r.body)
    .bind(&r.created_at)
    .bind(r.state)
    .bind(&r.key)
    .bind(r.customer_id)
    .bind(&r.enrollment_no)
    .bind(&r.params)
    .bind(&r.due)
    .bind(&r.reason)
    .execute(conn)
    .await?
    .rows_affected())
}
