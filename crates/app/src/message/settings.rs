//! The shop's message settings: which triggers are on, how many days before a due date the
//! reminder goes, the hours reminders may be sent, the preferred channel, and MSG91 Flow's
//! address. Provider keys and WhatsApp's phone number id are the one-time code settings'.

use chrono::{DateTime, FixedOffset, NaiveTime, Utc};
use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::trigger::{Channel, Trigger};
use crate::audit::Change;
use crate::otp_delivery::{OtpProvider, key_is_set};
use crate::{Actor, AppError, Kanak, store};

/// India has one time zone and no daylight saving: sending hours are counted in IST.
const IST_SECONDS: i32 = 5 * 3600 + 30 * 60;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct TriggerSwitch {
    pub trigger: Trigger,
    pub enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct MessageSettings {
    /// The channel tried first.
    pub preferred_channel: Channel,
    /// Use the other channel when the customer opted out of the preferred one, or it has no
    /// template for the trigger.
    pub fallback: bool,
    /// The due-date reminder goes this many days before the due date (and again on the day).
    pub due_days_before: u32,
    /// Reminders are sent only from `quiet_start` to `quiet_end` ("09:00"–"21:00", India time).
    pub quiet_start: String,
    pub quiet_end: String,
    /// MSG91 Flow's base URL when it differs from the one-time codes' MSG91 address.
    pub msg91_flow_base_url: Option<String>,
    /// One switch per trigger (the payment-with-gold template follows `payment`).
    pub triggers: Vec<TriggerSwitch>,
}

/// The settings plus what the providers still need (keys are never shown).
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct MessageSettingsView {
    pub settings: MessageSettings,
    pub msg91_key_set: bool,
    pub whatsapp_key_set: bool,
    pub whatsapp_phone_number_id_set: bool,
    pub keyring_problem: Option<String>,
    /// What each trigger's template may fill, for the template form (from [`Trigger::variables`],
    /// the one list the checks use too).
    pub trigger_variables: Vec<TriggerVariables>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct TriggerVariables {
    pub trigger: Trigger,
    pub variables: Vec<String>,
}

fn trigger_variables() -> Vec<TriggerVariables> {
    Trigger::ALL
        .iter()
        .map(|&trigger| TriggerVariables {
            trigger,
            variables: trigger.variables().iter().map(|v| v.to_string()).collect(),
        })
        .collect()
}

impl MessageSettings {
    pub(crate) fn enabled(&self, trigger: Trigger) -> bool {
        let switch = trigger.switch();
        self.triggers
            .iter()
            .any(|t| t.trigger == switch && t.enabled)
    }

    /// Whether a reminder may go at `now`: inside the shop's sending hours, India time.
    pub(crate) fn may_remind_at(&self, now: DateTime<Utc>) -> bool {
        let (Ok(start), Ok(end)) = (
            hour("quiet_start", &self.quiet_start),
            hour("quiet_end", &self.quiet_end),
        ) else {
            return true;
        };
        let ist = FixedOffset::east_opt(IST_SECONDS).expect("IST is a valid offset");
        let local = now.with_timezone(&ist).time();
        if start <= end {
            start <= local && local < end
        } else {
            local >= start || local < end
        }
    }

    fn check(&self) -> Result<(), FieldError> {
        hour("quiet_start", &self.quiet_start)?;
        hour("quiet_end", &self.quiet_end)?;
        if self.quiet_start.trim() == self.quiet_end.trim() {
            return Err(FieldError::new(
                "quiet_end",
                "must differ from the start, or no reminder could ever be sent",
            ));
        }
        if !(1..=30).contains(&self.due_days_before) {
            return Err(FieldError::new("due_days_before", "must be 1 to 30 days"));
        }
        if let Some(url) = &self.msg91_flow_base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(FieldError::new(
                "msg91_flow_base_url",
                "must be an http(s) address",
            ));
        }
        Ok(())
    }
}

fn hour(field: &'static str, text: &str) -> Result<NaiveTime, FieldError> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| FieldError::new(field, "must be a time like 09:00 (24-hour)"))
}

/// The settings as stored, inside the caller's connection.
pub(crate) async fn load(conn: &mut SqliteConnection) -> Result<MessageSettings, AppError> {
    let r = sqlx::query!(
        "SELECT preferred_channel, fallback, due_days_before, quiet_start, quiet_end, msg91_flow_base_url
         FROM message_settings WHERE id = 1"
    )
    .fetch_one(&mut *conn)
    .await?;
    let switches = sqlx::query!("SELECT trigger_kind, enabled FROM message_triggers")
        .fetch_all(&mut *conn)
        .await?;
    let mut triggers = Vec::new();
    for t in Trigger::ALL.into_iter().filter(|t| t.switch() == *t) {
        let enabled = switches
            .iter()
            .find(|s| s.trigger_kind == t.as_str())
            .is_none_or(|s| s.enabled != 0);
        triggers.push(TriggerSwitch {
            trigger: t,
            enabled,
        });
    }
    Ok(MessageSettings {
        preferred_channel: Channel::parse("preferred_channel", &r.preferred_channel)
            .map_err(AppError::corrupt)?,
        fallback: r.fallback != 0,
        due_days_before: u32::try_from(r.due_days_before).map_err(AppError::corrupt)?,
        quiet_start: r.quiet_start,
        quiet_end: r.quiet_end,
        msg91_flow_base_url: r.msg91_flow_base_url,
        triggers,
    })
}

impl Kanak {
    pub async fn message_settings(&self) -> Result<MessageSettingsView, AppError> {
        let settings = load(&mut *self.pool.acquire().await?).await?;
        let otp = self.otp_settings().await?;
        let secrets = self.secrets.as_ref();
        let msg91 = key_is_set(OtpProvider::Msg91, secrets);
        let whatsapp = key_is_set(OtpProvider::Whatsapp, secrets);
        let keyring_problem = [&msg91, &whatsapp]
            .into_iter()
            .find_map(|r| r.as_ref().err().map(ToString::to_string));
        Ok(MessageSettingsView {
            settings,
            msg91_key_set: msg91.unwrap_or(false),
            whatsapp_key_set: whatsapp.unwrap_or(false),
            whatsapp_phone_number_id_set: otp.settings.whatsapp_phone_number_id.is_some(),
            keyring_problem,
            trigger_variables: trigger_variables(),
        })
    }

    pub async fn update_message_settings(
        &self,
        actor: &Actor,
        input: MessageSettings,
    ) -> Result<MessageSettingsView, AppError> {
        actor.require(Permission::Settings)?;
        input.check()?;
        let mut tx = store::begin_write(&self.pool).await?;
        let before = load(&mut tx).await?;
        let (channel, fallback, days) = (
            input.preferred_channel.as_str(),
            i64::from(input.fallback),
            i64::from(input.due_days_before),
        );
        let (start, end) = (input.quiet_start.trim(), input.quiet_end.trim());
        let flow = input
            .msg91_flow_base_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        sqlx::query!(
            "UPDATE message_settings SET preferred_channel = ?1, fallback = ?2, due_days_before = ?3,
                    quiet_start = ?4, quiet_end = ?5, msg91_flow_base_url = ?6 WHERE id = 1",
            channel, fallback, days, start, end, flow
        )
        .execute(&mut *tx)
        .await?;
        for switch in &input.triggers {
            let (kind, on) = (switch.trigger.switch().as_str(), i64::from(switch.enabled));
            sqlx::query!(
                "INSERT INTO message_triggers (trigger_kind, enabled) VALUES (?1, ?2)
                 ON CONFLICT (trigger_kind) DO UPDATE SET enabled = excluded.enabled",
                kind,
                on
            )
            .execute(&mut *tx)
            .await?;
        }
        let after = load(&mut tx).await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.messages", "message settings changed").edit(&before, &after),
        )
        .await?;
        tx.commit().await?;
        self.message_settings().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(start: &str, end: &str) -> MessageSettings {
        MessageSettings {
            preferred_channel: Channel::Sms,
            fallback: true,
            due_days_before: 3,
            quiet_start: start.into(),
            quiet_end: end.into(),
            msg91_flow_base_url: None,
            triggers: Vec::new(),
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn reminders_go_from_nine_to_nine_india_time() {
        let s = settings("09:00", "21:00");
        // 03:29 UTC is 08:59 IST; 03:30 UTC is 09:00 IST; 15:30 UTC is 21:00 IST.
        assert!(!s.may_remind_at(utc("2026-12-01T03:29:00Z")));
        assert!(s.may_remind_at(utc("2026-12-01T03:30:00Z")));
        assert!(s.may_remind_at(utc("2026-12-01T15:29:00Z")));
        assert!(!s.may_remind_at(utc("2026-12-01T15:30:00Z")));
    }

    #[test]
    fn sending_hours_may_run_past_midnight() {
        let s = settings("20:00", "02:00");
        assert!(s.may_remind_at(utc("2026-12-01T19:00:00Z")), "00:30 IST");
        assert!(!s.may_remind_at(utc("2026-12-01T06:30:00Z")), "12:00 IST");
    }
}
