//! Turning one queued message into the provider's request, and reading the answer.
//!
//! WhatsApp Cloud API: `POST {base}/{phone-number-id}/messages` with `Authorization: Bearer
//! <token>` and a template message whose body parameters are the variables in order.
//! MSG91 Flow: `POST {base}/api/v5/flow` with the `authkey` header, the Flow template id
//! (its DLT template) and one recipient carrying `VAR1…VARn`.

use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::message::settings::MessageSettings;
use crate::message::template::{self, Params, PreviewParam};
use crate::message::trigger::{Channel, Trigger};
use crate::otp_settings::OtpSettings;
use crate::provider::{self, MSG91_KEY, Post, WHATSAPP_KEY};
use crate::secret::{SecretStore, Sensitive};

/// Why a message cannot be handed to a provider now.
#[derive(Debug, PartialEq)]
pub(crate) enum NotSent {
    /// The shop's setup is missing (template, key, phone number id): it waits, no attempt.
    Waiting(String),
    /// The provider would refuse it (a variable empty or too long): staff must act.
    Invalid(String),
}

/// What the worker needs to build requests.
pub(crate) struct Providers<'a> {
    pub otp: &'a OtpSettings,
    pub messages: &'a MessageSettings,
    pub secrets: &'a dyn SecretStore,
}

pub(crate) async fn prepare(
    conn: &mut sqlx::SqliteConnection,
    p: &Providers<'_>,
    trigger: Trigger,
    channel: Channel,
    phone: &str,
    params: &Params,
) -> Result<Post, NotSent> {
    let t = template::for_message(conn, trigger, channel)
        .await
        .map_err(|e| NotSent::Waiting(e.to_string()))?
        .ok_or_else(|| {
            NotSent::Waiting(format!(
                "waiting for a {} template for {} messages (Settings → Messages)",
                channel.label(),
                trigger.switch().as_str()
            ))
        })?;
    let filled = template::validate(channel, &t.variables, params).map_err(NotSent::Invalid)?;
    match channel {
        Channel::Sms => {
            let key = key(p.secrets, MSG91_KEY, "msg91")?;
            let base = p
                .messages
                .msg91_flow_base_url
                .as_deref()
                .unwrap_or(&p.otp.msg91_base_url);
            Ok(flow_request(base, &key, &t.name, phone, &filled))
        }
        Channel::Whatsapp => {
            let key = key(p.secrets, WHATSAPP_KEY, "whatsapp")?;
            let number_id = p.otp.whatsapp_phone_number_id.as_deref().ok_or_else(|| {
                NotSent::Waiting(
                    "waiting for the WhatsApp phone number id (Settings → one-time codes)".into(),
                )
            })?;
            let language = if t.language.is_empty() {
                &p.otp.whatsapp_language
            } else {
                &t.language
            };
            Ok(whatsapp_request(
                &p.otp.whatsapp_base_url,
                number_id,
                &key,
                &t.name,
                language,
                phone,
                &filled,
            ))
        }
    }
}

fn key(secrets: &dyn SecretStore, name: &str, provider: &str) -> Result<Sensitive, NotSent> {
    provider::key(secrets, name, provider, "Settings → one-time codes")
        .map_err(|e| NotSent::Waiting(format!("waiting: {e}")))
}

pub(crate) fn flow_request(
    base: &str,
    key: &Sensitive,
    template_id: &str,
    phone: &str,
    filled: &[PreviewParam],
) -> Post {
    let mut recipient = Map::new();
    recipient.insert("mobiles".into(), Value::String(format!("91{phone}")));
    for p in filled {
        recipient.insert(p.slot.clone(), Value::String(p.value.clone()));
    }
    Post {
        url: format!("{}/api/v5/flow", base.trim_end_matches('/')),
        headers: vec![("authkey", key.expose().to_string())],
        body: json!({
            "template_id": template_id,
            "short_url": "0",
            "recipients": [Value::Object(recipient)],
        }),
    }
}

pub(crate) fn whatsapp_request(
    base: &str,
    number_id: &str,
    key: &Sensitive,
    name: &str,
    language: &str,
    phone: &str,
    filled: &[PreviewParam],
) -> Post {
    let parameters: Vec<Value> = filled
        .iter()
        .map(|p| json!({ "type": "text", "text": p.value }))
        .collect();
    Post {
        url: format!("{}/{number_id}/messages", base.trim_end_matches('/')),
        headers: vec![("Authorization", format!("Bearer {}", key.expose()))],
        body: json!({
            "messaging_product": "whatsapp",
            "to": format!("91{phone}"),
            "type": "template",
            "template": {
                "name": name,
                "language": { "code": language },
                "components": [{ "type": "body", "parameters": parameters }]
            }
        }),
    }
}

/// Sends and reads the answer: the provider's reference, or its error (keys masked).
pub(crate) async fn deliver(
    request: Post,
    channel: Channel,
    timeout: Duration,
) -> Result<Option<String>, String> {
    let secrets: Vec<String> = request.headers.iter().map(|(_, v)| v.clone()).collect();
    let answer = provider::send(request, timeout).await?;
    let outcome = match channel {
        Channel::Sms => provider::msg91_outcome(&answer, "message"),
        Channel::Whatsapp => provider::whatsapp_outcome(&answer),
    };
    outcome.map_err(|e| provider::redact(&e, &secrets))
}
