//! What one-time codes and customer messages share about MSG91 and the WhatsApp Cloud API:
//! the keyring entry of each provider's key, one JSON POST with a timeout (run off the async
//! runtime), the reading of WhatsApp's answer, and errors that never carry a key.

use std::time::Duration;

use serde_json::Value;

use crate::secret::{SecretStore, Sensitive};

/// The keyring entry holding MSG91's authkey (SendOTP and Flow use the same key).
pub(crate) const MSG91_KEY: &str = "msg91-authkey";
/// The keyring entry holding the WhatsApp Cloud API's access token.
pub(crate) const WHATSAPP_KEY: &str = "whatsapp-token";

/// One HTTP POST, built without the network so tests can read it.
pub(crate) struct Post {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Value,
}

/// The key under `name`, or a reason staff can act on ("no msg91 key is set …").
pub(crate) fn key(
    secrets: &dyn SecretStore,
    name: &str,
    provider: &str,
    where_set: &str,
) -> Result<Sensitive, String> {
    match secrets.get(name) {
        Ok(Some(key)) => Ok(key),
        Ok(None) => Err(format!("no {provider} key is set ({where_set})")),
        Err(e) => Err(e.to_string()),
    }
}

/// Sends `request` on a blocking thread; the answer is the HTTP status and the JSON body
/// (a body that is not JSON comes back as a string). A timeout is an error like any other.
pub(crate) async fn send(request: Post, timeout: Duration) -> Result<(u16, Value), String> {
    let secrets: Vec<String> = request.headers.iter().map(|(_, v)| v.clone()).collect();
    let answer = tokio::task::spawn_blocking(move || post(request, timeout))
        .await
        .map_err(|e| format!("sending stopped unexpectedly: {e}"))?;
    answer.map_err(|e| redact(&e, &secrets))
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
        other => format!(
            "could not be reached ({})",
            redact_query(&other.to_string())
        ),
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

/// A transport error may quote the URL, whose query carries the code for MSG91's SendOTP.
fn redact_query(text: &str) -> String {
    match text.find("otp=") {
        Some(at) => format!("{}otp=******", &text[..at]),
        None => text.to_string(),
    }
}

/// Removes every secret (a header's value: the key, "Bearer <token>") from `text`, so a
/// provider that echoes the key back never puts it in the outbox or a log.
pub(crate) fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for secret in secrets {
        let bare = secret.trim_start_matches("Bearer ");
        if bare.len() >= 4 {
            out = out.replace(bare, "******");
        }
    }
    out
}

/// WhatsApp answers `{"messages":[{"id":…,"message_status":"accepted"}]}`. A message held
/// or paused by WhatsApp was taken but will not arrive now, so it counts as not sent.
pub(crate) fn whatsapp_outcome((status, body): &(u16, Value)) -> Result<Option<String>, String> {
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

/// MSG91 answers `{"type":"success",…}` or `{"type":"error","message":…}`; `reference` names
/// the field holding its request id (SendOTP: `request_id`; Flow: `message`).
pub(crate) fn msg91_outcome(
    (status, body): &(u16, Value),
    reference: &str,
) -> Result<Option<String>, String> {
    let kind = body.get("type").and_then(Value::as_str);
    if (200..300).contains(status) && kind == Some("success") {
        return Ok(body
            .get(reference)
            .and_then(Value::as_str)
            .map(str::to_string));
    }
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("no reason given");
    Err(format!("MSG91 refused (HTTP {status}): {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_echoed_in_an_error_is_masked() {
        let secrets = vec![
            "Bearer EAAGtoken123".to_string(),
            "authkey-9876".to_string(),
        ];
        let text = redact("bad token EAAGtoken123 and authkey-9876", &secrets);
        assert_eq!(text, "bad token ****** and ******");
    }
}
