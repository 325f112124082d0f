//! The shop's registered templates as use cases: list, register (checked against the
//! trigger's variables and a sample event with the shop's own name), and preview.

use kanak_domain::{FieldError, Permission};

use super::template::{
    MessageTemplateInput, MessageTemplateView, TemplatePreview, for_message, load, render,
    sample_for, validate,
};
use super::trigger::{Channel, Trigger};
use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};

impl Kanak {
    pub async fn message_templates(&self) -> Result<Vec<MessageTemplateView>, AppError> {
        let rows = sqlx::query!(
            "SELECT trigger_kind, channel, name, language, variables, sample_text, updated_at, updated_by
             FROM message_templates ORDER BY trigger_kind, channel"
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let trigger =
                    Trigger::parse("trigger", &r.trigger_kind).map_err(AppError::corrupt)?;
                Ok(MessageTemplateView {
                    trigger,
                    channel: Channel::parse("channel", &r.channel).map_err(AppError::corrupt)?,
                    name: r.name,
                    language: r.language,
                    variables: serde_json::from_str(&r.variables).map_err(AppError::corrupt)?,
                    sample_text: r.sample_text,
                    allowed_variables: trigger.variables().iter().map(|v| v.to_string()).collect(),
                    updated_at: r.updated_at,
                    updated_by: r.updated_by,
                })
            })
            .collect()
    }

    /// Registers (or replaces) the template for a trigger and channel.
    pub async fn register_message_template(
        &self,
        actor: &Actor,
        input: MessageTemplateInput,
    ) -> Result<MessageTemplateView, AppError> {
        actor.require(Permission::Settings)?;
        input.check(&sample_for(&mut *self.pool.acquire().await?, input.trigger).await?)?;
        let (t, c) = (input.trigger.as_str(), input.channel.as_str());
        let name = input.name.trim();
        let language = input
            .language
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .unwrap_or("en");
        let variables = serde_json::to_string(&input.variables).map_err(AppError::corrupt)?;
        let sample = input
            .sample_text
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let (at, by) = (self.clock.timestamp(), actor.label().to_string());
        let mut tx = store::begin_write(&self.pool).await?;
        let before = load(&mut tx, input.trigger, input.channel)
            .await?
            .map(|b| b.name);
        sqlx::query!(
            "INSERT INTO message_templates (trigger_kind, channel, name, language, variables, sample_text, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (trigger_kind, channel) DO UPDATE SET name = excluded.name, language = excluded.language,
                 variables = excluded.variables, sample_text = excluded.sample_text, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            t, c, name, language, variables, sample, at, by
        )
        .execute(&mut *tx)
        .await?;
        let detail = format!("{} {} template {name} registered", input.channel.label(), t);
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.messages", detail).edit(&before, &input),
        )
        .await?;
        tx.commit().await?;
        self.message_templates()
            .await?
            .into_iter()
            .find(|v| v.trigger == input.trigger && v.channel == input.channel)
            .ok_or_else(|| AppError::corrupt("template just stored"))
    }

    /// What the registered template would send: for a real message in the outbox when
    /// `outbox_id` is given, else for a sample event. Refuses as sending would.
    pub async fn preview_message_template(
        &self,
        trigger: Trigger,
        channel: Channel,
        outbox_id: Option<String>,
    ) -> Result<TemplatePreview, AppError> {
        let mut conn = self.pool.acquire().await?;
        let params = match outbox_id {
            Some(id) => super::outbox::params_of(&mut conn, id.trim()).await?,
            None => sample_for(&mut conn, trigger).await?,
        };
        let template = for_message(&mut conn, trigger, channel)
            .await?
            .ok_or_else(|| {
                FieldError::new(
                    "trigger",
                    format!(
                        "no {} template is registered for {} messages",
                        channel.label(),
                        trigger.as_str()
                    ),
                )
            })?;
        let filled = validate(channel, &template.variables, &params)
            .map_err(|e| FieldError::new("variables", e))?;
        Ok(TemplatePreview {
            trigger,
            channel,
            name: template.name.clone(),
            params: filled,
            text: render(trigger, Some(&template), &params),
        })
    }
}
