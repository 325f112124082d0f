//! HTTP to the hub (blocking ureq, run off the async runtime). Every answer that is not 2xx
//! carries a `HubError` body, which becomes `AppError::Sync` with the hub's code.

use std::time::Duration;

use kanak_sync::{
    DeviceStatus, EnrollRequest, EnrollResponse, HubError, HubErrorCode, PullPage, PushRequest,
    PushResponse,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::AppError;

/// A push of MAX_BATCH events is well under a megabyte; pages are bounded the same way.
const BODY_LIMIT: u64 = 64 * 1024 * 1024;

#[derive(Clone)]
pub(crate) struct HubClient {
    base: String,
    credential: Option<String>,
    timeout: Duration,
}

impl HubClient {
    pub(crate) fn new(base: &str, credential: Option<String>, timeout: Duration) -> HubClient {
        HubClient {
            base: base.trim_end_matches('/').to_string(),
            credential,
            timeout,
        }
    }

    pub(crate) async fn enroll(&self, request: &EnrollRequest) -> Result<EnrollResponse, AppError> {
        self.call("POST", "/v1/devices/enroll", Some(request)).await
    }

    pub(crate) async fn status(&self) -> Result<DeviceStatus, AppError> {
        self.call::<(), _>("GET", "/v1/status", None).await
    }

    pub(crate) async fn push(&self, request: &PushRequest) -> Result<PushResponse, AppError> {
        self.call("POST", "/v1/push", Some(request)).await
    }

    pub(crate) async fn pull(&self, after: u64, limit: usize) -> Result<PullPage, AppError> {
        self.call::<(), _>(
            "GET",
            &format!("/v1/pull?after={after}&limit={limit}"),
            None,
        )
        .await
    }

    pub(crate) async fn resolve(
        &self,
        conflict_id: &str,
        request: &kanak_sync::ResolveRequest,
    ) -> Result<kanak_sync::LoggedEvent, AppError> {
        let path = format!("/v1/conflicts/{conflict_id}/resolve");
        self.call("POST", &path, Some(request)).await
    }

    async fn call<B: Serialize, T: DeserializeOwned + Send + 'static>(
        &self,
        method: &'static str,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, AppError> {
        let body = body
            .map(|b| serde_json::to_string(b))
            .transpose()
            .map_err(AppError::corrupt)?;
        let (client, url) = (self.clone(), format!("{}{path}", self.base));
        let answer = tokio::task::spawn_blocking(move || client.blocking(method, &url, body))
            .await
            .map_err(|e| unreachable(format!("the sync call stopped unexpectedly: {e}")))??;
        let (status, text) = answer;
        if (200..300).contains(&status) {
            return serde_json::from_str(&text)
                .map_err(|e| unreachable(format!("the hub answered something unreadable: {e}")));
        }
        Err(match serde_json::from_str::<HubError>(&text) {
            Ok(error) => AppError::Sync {
                code: hub_code(error.code),
                message: error.message,
            },
            Err(_) => unreachable(format!("the hub answered HTTP {status}")),
        })
    }

    fn blocking(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, String), AppError> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let auth = self.credential.as_ref().map(|c| format!("Bearer {c}"));
        let sent = if method == "POST" {
            let mut call = agent.post(url).header("Content-Type", "application/json");
            if let Some(auth) = &auth {
                call = call.header("Authorization", auth);
            }
            call.send(body.unwrap_or_default())
        } else {
            let mut call = agent.get(url);
            if let Some(auth) = &auth {
                call = call.header("Authorization", auth);
            }
            call.call()
        };
        // The transport error names the address, never the credential (it is a header).
        let mut response =
            sent.map_err(|e| unreachable(format!("the hub could not be reached: {e}")))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_string()
            .map_err(|e| unreachable(format!("the hub's answer was cut off: {e}")))?;
        Ok((status, text))
    }
}

fn unreachable(message: String) -> AppError {
    AppError::Sync {
        code: "hub_unreachable",
        message,
    }
}

fn hub_code(code: HubErrorCode) -> &'static str {
    match code {
        HubErrorCode::Unauthorized => "unauthorized",
        HubErrorCode::DeviceRevoked => "device_revoked",
        HubErrorCode::InvalidToken => "invalid_token",
        HubErrorCode::SchemaTooOld => "schema_too_old",
        HubErrorCode::SchemaTooNew => "schema_too_new",
        HubErrorCode::BadBatch => "bad_batch",
        HubErrorCode::Internal => "hub_internal",
        HubErrorCode::NotFound => "hub_not_found",
    }
}
