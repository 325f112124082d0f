//! Sending a one-time code: MSG91 (SMS on a DLT-registered template), the WhatsApp Cloud
//! API (an authentication template), or the console (trials: the code is shown on screen
//! under a "test mode" banner). The shop picks a primary and a fallback.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::AppError;
use crate::otp_settings::OtpSettings;
use crate::provider::{self, Post};
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
            OtpProvider::Msg91 => Some(provider::MSG91_KEY),
            OtpProvider::Whatsapp => Some(provider::WHATSAPP_KEY),
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
        provider::key(
            secrets,
            name,
            provider.as_str(),
            "settings → one-time codes",
        )
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
    let answer = provider::send(request, timeout).await?;
    let reference = match provider {
        OtpProvider::Msg91 => provider::msg91_outcome(&answer, "request_id")?,
        _ => provider::whatsapp_outcome(&answer)?,
    };
    Ok(Sent {
        provider,
        reference,
        shown_code: None,
    })
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
