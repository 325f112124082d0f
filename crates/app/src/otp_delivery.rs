//! Sending a one-time code: MSG91 (SMS on a DLT-registered template), the WhatsApp Cloud
//! API (an authentication template), or the console (trials: the code is shown on screen
//! under a "test mode" banner). The shop picks a primary and a fallback.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::AppError;
use crate::otp_settings::OtpSettings;
use crate::secret::{SecretStore, Sensitive};

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OtpProvider {
    Console,
    Msg91,
    Whatsapp,
}

impl OtpProvider {
    pub fn as_str(self) -> &'static str {
        match self {
            OtpProvider::Console => "console",
            OtpProvider::Msg91 => "msg91",
            OtpProvider::Whatsapp => "whatsapp",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<OtpProvider, kanak_domain::FieldError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "console" => Ok(OtpProvider::Console),
            "msg91" => Ok(OtpProvider::Msg91),
            "whatsapp" => Ok(OtpProvider::Whatsapp),
            _ => Err(kanak_domain::FieldError::not_one_of(
                field,
                &["console", "msg91", "whatsapp"],
            )),
        }
    }

    /// The keyring entry holding this provider's key (MSG91 authkey, WhatsApp token).
    pub(crate) fn key_name(self) -> Option<&'static str> {
        match self {
            OtpProvider::Console => None,
            OtpProvider::Msg91 => Some("msg91-authkey"),
            OtpProvider::Whatsapp => Some("whatsapp-token"),
        }
    }
}

/// A code handed to a provider.
#[derive(Debug)]
pub(crate) struct Sent {
    pub provider: OtpProvider,
    pub reference: Option<String>,
    /// Console only: the code to show on screen in test mode.
    pub shown_code: Option<String>,
}

/// Sends `code` to `phone` (10 digits) through `provider`. The error is a reason to show
/// staff; it never contains the code or the key.
pub(crate) async fn send(
    provider: OtpProvider,
    settings: &OtpSettings,
    secrets: &dyn SecretStore,
    phone: &str,
    code: &str,
    timeout: Duration,
) -> Result<Sent, String> {
    let key = || -> Result<Sensitive, String> {
        let name = provider.key_name().expect("only HTTP providers have keys");
        match secrets.get(name) {
            Ok(Some(key)) => Ok(key),
            Ok(None) => Err(format!(
                "no {} key is set (settings → one-time codes)",
                provider.as_str()
            )),
            Err(e) => Err(e.to_string()),
        }
    };
    let request = match provider {
        OtpProvider::Console => {
            return Ok(Sent {
                provider,
                reference: None,
                shown_code: Some(code.to_string()),
            });
        }
        OtpProvider::Msg91 => msg91_request(settings, &key()?, phone, code)?,
        OtpProvider::Whatsapp => whatsapp_request(settings, &key()?, phone, code)?,
    };
    let answer = tokio::task::spawn_blocking(move || post(request, timeout))
        .await
        .map_err(|e| format!("sending stopped unexpectedly: {e}"))??;
    let reference = match provider {
        OtpProvider::Msg91 => msg91_outcome(&answer)?,
        _ => whatsapp_outcome(&answer)?,
    };
    Ok(Sent {
        provider,
        reference,
        shown_code: None,
    })
}

/// One HTTP POST, built without the network so tests can read it.
struct Post {
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Value,
}

/// MSG91 SendOTP v5: `POST /api/v5/otp?template_id=…&mobile=91…&otp=…` with the `authkey`
/// header. The template (DLT-registered) holds the text with `##OTP##`.
fn msg91_request(
    s: &OtpSettings,
    key: &Sensitive,
    phone: &str,
    code: &str,
) -> Result<Post, String> {
    let template = s
        .msg91_template_id
        .as_deref()
        .ok_or("no MSG91 template id is set (its DLT template)")?;
    Ok(Post {
        url: format!(
            "{}/api/v5/otp?template_id={template}&mobile=91{phone}&otp={code}",
            s.msg91_base_url.trim_end_matches('/')
        ),
        headers: vec![("authkey", key.expose().to_string())],
        body: json!({}),
    })
}

/// WhatsApp Cloud API: `POST /{version}/{phone-number-id}/messages` with a bearer token,
/// sending the shop's authentication template with the code as its parameter.
fn whatsapp_request(
    s: &OtpSettings,
    key: &Sensitive,
    phone: &str,
    code: &str,
) -> Result<Post, String> {
    let number_id = s
        .whatsapp_phone_number_id
        .as_deref()
        .ok_or("no WhatsApp phone number id is set")?;
    let template = s
        .whatsapp_template
        .as_deref()
        .ok_or("no WhatsApp template name is set")?;
    let code_param = json!([{ "type": "text", "text": code }]);
    Ok(Post {
        url: format!(
            "{}/{number_id}/messages",
            s.whatsapp_base_url.trim_end_matches('/')
        ),
        headers: vec![("Authorization", format!("Bearer {}", key.expose()))],
        body: json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": format!("91{phone}"),
            "type": "template",
            "template": {
                "name": template,
                "language": { "code": s.whatsapp_language },
                "components": [
                    { "type": "body", "parameters": code_param },
                    { "type": "button", "sub_type": "url", "index": "0", "parameters": code_param }
                ]
            }
        }),
    })
}

fn post(request: Post, timeout: Duration) -> Result<(u16, Value), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut call = agent
        .post(&request.url)
        .header("Content-Type", "application/json");
    for (name, value) in &request.headers {
        call = call.header(*name, value);
    }
    let mut response = call.send(request.body.to_string()).map_err(|e| match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs()),
        other => format!("could not be reached ({})", redact_url(&other.to_string())),
    })?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    Ok((
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    ))
}

/// A transport error may quote the URL, which carries the code for MSG91.
fn redact_url(text: &str) -> String {
    match text.find("otp=") {
        Some(at) => format!("{}otp=******", &text[..at]),
        None => text.to_string(),
    }
}

/// MSG91 answers `{"type":"success","request_id":…}` or `{"type":"error","message":…}`.
fn msg91_outcome((status, body): &(u16, Value)) -> Result<Option<String>, String> {
    let kind = body.get("type").and_then(Value::as_str);
    if (200..300).contains(status) && kind == Some("success") {
        return Ok(body
            .get("request_id")
            .and_then(Value::as_str)
            .map(str::to_string));
    }
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("no reason given");
    Err(format!("MSG91 refused (HTTP {status}): {message}"))
}

/// WhatsApp answers `{"messages":[{"id":…,"message_status":"accepted"}]}`. A message held
/// or paused by WhatsApp was taken but will not arrive now, so it counts as not sent.
fn whatsapp_outcome((status, body): &(u16, Value)) -> Result<Option<String>, String> {
    if !(200..300).contains(status) {
        let message = body
            .pointer("/error/message")
            .and_then(Value::as_str)
            .unwrap_or("no reason given");
        return Err(format!("WhatsApp refused (HTTP {status}): {message}"));
    }
    let message = body
        .pointer("/messages/0")
        .ok_or("WhatsApp accepted nothing (no message id)")?;
    match message.get("message_status").and_then(Value::as_str) {
        None | Some("accepted") => Ok(message
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)),
        Some(other) => Err(format!(
            "WhatsApp accepted the message but is not delivering it ({other})"
        )),
    }
}

/// Whether the provider's key is in the keyring (settings show only this), or why the
/// keyring could not be asked.
pub(crate) fn key_is_set(
    provider: OtpProvider,
    secrets: &dyn SecretStore,
) -> Result<bool, AppError> {
    match provider.key_name() {
        Some(name) => Ok(secrets.get(name)?.is_some()),
        None => Ok(true),
    }
}
