//! What a queued message becomes: its channel, body and state, decided from the settings, the
//! customer's opt-outs and the registered templates. Pure once those are loaded, so the use
//! cases (one message) and the demo shop's bulk history (many) share one rule.

use sqlx::SqliteConnection;

use super::outbox::{NewMessage, OutboxState, choose_channel};
use super::settings::{self, MessageSettings};
use super::template::{self, Template};
use super::trigger::{Channel, Trigger};
use crate::AppError;

/// The settings, the shop's name and the templates of some triggers, read once.
pub(crate) struct MessageKit {
    settings: MessageSettings,
    shop_name: Option<String>,
    templates: Vec<(Trigger, Channel, Option<Template>)>,
}

/// One outbox row as it is inserted.
pub(crate) struct OutboxRow {
    pub id: String,
    pub channel: &'static str,
    pub to_phone: String,
    pub kind: &'static str,
    pub body: String,
    pub created_at: String,
    pub state: &'static str,
    pub key: String,
    pub customer_id: i64,
    pub enrollment_no: Option<String>,
    pub params: String,
    pub due: String,
    pub reason: Option<String>,
}

impl MessageKit {
    pub(crate) async fn load(
        conn: &mut SqliteConnection,
        triggers: &[Trigger],
    ) -> Result<MessageKit, AppError> {
        let settings = settings::load(conn).await?;
        let mut templates = Vec::new();
        for t in triggers {
            for c in Channel::ALL {
                templates.push((*t, c, template::for_message(conn, *t, c).await?));
            }
        }
        let shop_name = sqlx::query_scalar!("SELECT shop_name FROM shop WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
        Ok(MessageKit {
            settings,
            shop_name,
            templates,
        })
    }

    pub(crate) fn enabled(&self, trigger: Trigger) -> bool {
        self.settings.enabled(trigger)
    }

    fn template(&self, trigger: Trigger, channel: Channel) -> Option<&Template> {
        self.templates
            .iter()
            .find(|(t, c, _)| *t == trigger && *c == channel)
            .and_then(|(_, _, found)| found.as_ref())
    }

    /// The row `m` becomes, or `None` when its trigger is off. `id` and `now` as the caller
    /// makes them (a fresh UUIDv7 and the clock at the counter).
    pub(crate) fn compose(
        &self,
        mut m: NewMessage,
        to_phone: String,
        opted_out: &[Channel],
        id: String,
        now: String,
    ) -> Result<Option<OutboxRow>, AppError> {
        if !self.enabled(m.trigger) {
            return Ok(None);
        }
        let mut has_template = [false; 2];
        for c in Channel::ALL {
            has_template[c as usize] = self.template(m.trigger, c).is_some();
        }
        let s = &self.settings;
        let chosen = choose_channel(s.preferred_channel, s.fallback, opted_out, has_template);
        let channel = chosen.as_ref().copied().unwrap_or(s.preferred_channel);
        if let Some(name) = &self.shop_name {
            m.params
                .entry("shop_name".into())
                .or_insert(name.clone());
        }
        let body = template::render(m.trigger, self.template(m.trigger, channel), &m.params);
        let params = serde_json::to_string(&m.params).map_err(AppError::corrupt)?;
        let (state, reason) = match chosen {
            Ok(_) => (OutboxState::Pending.as_str(), None),
            Err(why) => (OutboxState::Cancelled.as_str(), Some(why)),
        };
        Ok(Some(OutboxRow {
            id,
            channel: channel.as_str(),
            to_phone,
            kind: m.trigger.as_str(),
            body,
            due: m.not_before.clone().unwrap_or_else(|| now.clone()),
            created_at: now,
            state,
            key: m.key,
            customer_id: m.customer_id,
            enrollment_no: m.enrollment_no,
            params,
            reason,
        }))
    }
}
