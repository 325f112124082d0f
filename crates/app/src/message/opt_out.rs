//! A customer may ask not to get messages on a channel. Nothing new is queued there, and
//! what waits on it is cancelled with the reason; opting back in affects only new messages.

use kanak_domain::Permission;
use serde::Serialize;
use sqlx::SqliteConnection;

use super::trigger::Channel;
use crate::audit::Change;
use crate::customer::customer_id;
use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct MessageOptOutView {
    pub customer_code: String,
    pub sms_opted_out: bool,
    pub whatsapp_opted_out: bool,
}

pub(crate) async fn channels_of(
    conn: &mut SqliteConnection,
    customer_id: i64,
) -> Result<Vec<Channel>, AppError> {
    sqlx::query_scalar!(
        "SELECT channel FROM message_opt_outs WHERE customer_id = ?1 ORDER BY channel",
        customer_id
    )
    .fetch_all(conn)
    .await?
    .iter()
    .map(|c| Channel::parse("channel", c).map_err(AppError::corrupt))
    .collect()
}

impl Kanak {
    pub async fn message_opt_outs(
        &self,
        customer_code: &str,
    ) -> Result<MessageOptOutView, AppError> {
        let mut conn = self.pool.acquire().await?;
        let id = customer_id(&mut conn, customer_code).await?;
        let channels = channels_of(&mut conn, id).await?;
        Ok(MessageOptOutView {
            customer_code: customer_code.trim().to_ascii_uppercase(),
            sms_opted_out: channels.contains(&Channel::Sms),
            whatsapp_opted_out: channels.contains(&Channel::Whatsapp),
        })
    }

    /// Records that the customer does (`opted_out`) or no longer does refuse `channel`.
    pub async fn set_message_opt_out(
        &self,
        actor: &Actor,
        customer_code: &str,
        channel: Channel,
        opted_out: bool,
    ) -> Result<MessageOptOutView, AppError> {
        actor.require(Permission::Customers)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let id = customer_id(&mut tx, customer_code).await?;
        let (ch, at, by) = (
            channel.as_str(),
            self.clock.timestamp(),
            actor.label().to_string(),
        );
        let detail = if opted_out {
            sqlx::query!(
                "INSERT INTO message_opt_outs (customer_id, channel, at, by_staff) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (customer_id, channel) DO NOTHING",
                id, ch, at, by
            )
            .execute(&mut *tx)
            .await?;
            let reason = format!("the customer opted out of {}", channel.label());
            let cancelled = sqlx::query!(
                "UPDATE outbox SET state = 'cancelled', last_error = ?1, updated_at = ?2
                 WHERE customer_id = ?3 AND channel = ?4 AND state IN ('pending', 'failed')",
                reason,
                at,
                id,
                ch
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            format!(
                "opted out of {} messages ({cancelled} waiting cancelled)",
                channel.label()
            )
        } else {
            sqlx::query!(
                "DELETE FROM message_opt_outs WHERE customer_id = ?1 AND channel = ?2",
                id,
                ch
            )
            .execute(&mut *tx)
            .await?;
            format!("opted back in to {} messages", channel.label())
        };
        let code = customer_code.trim().to_ascii_uppercase();
        self.audit(
            &mut tx,
            actor,
            Change::new("customer.messages", detail).customer(&code),
        )
        .await?;
        tx.commit().await?;
        self.message_opt_outs(&code).await
    }
}
