//! The HTTP API (JSON). Every route but enroll and health needs `Authorization: Bearer`.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kanak_sync::{EnrollRequest, MAX_BATCH, PushRequest, ResolveRequest};
use serde::Deserialize;
use uuid::Uuid;

use crate::{Hub, HubFailure};

pub fn router(hub: Hub) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/v1/devices/enroll", post(enroll))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/status", get(status))
        .route("/v1/conflicts/{conflict_id}/resolve", post(resolve))
        // MAX_BATCH events with room for large payloads.
        .layer(axum::extract::DefaultBodyLimit::max(32 * 1024 * 1024))
        .with_state(hub)
}

/// Serves the API on `listener` (plain HTTP) until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, hub: Hub) -> std::io::Result<()> {
    axum::serve(listener, router(hub)).await
}

async fn device(hub: &Hub, headers: &HeaderMap) -> Result<Uuid, HubFailure> {
    let credential = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|c| !c.trim().is_empty())
        .ok_or(HubFailure::Unauthorized)?;
    hub.authenticate(credential).await
}

async fn health(State(hub): State<Hub>) -> Response {
    match hub.health().await {
        Ok(health) => Json(health).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "database unreachable" })))
                .into_response()
        }
    }
}

async fn enroll(State(hub): State<Hub>, Json(request): Json<EnrollRequest>) -> Result<Response, HubFailure> {
    Ok(Json(hub.enroll(&request).await?).into_response())
}

async fn push(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Json(request): Json<PushRequest>,
) -> Result<Response, HubFailure> {
    let device = device(&hub, &headers).await?;
    Ok(Json(hub.push(device, &request).await?).into_response())
}

#[derive(Deserialize)]
struct PullQuery {
    #[serde(default)]
    after: u64,
    limit: Option<usize>,
}

async fn pull(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(query): Query<PullQuery>,
) -> Result<Response, HubFailure> {
    let device = device(&hub, &headers).await?;
    let page = hub.pull(device, query.after, query.limit.unwrap_or(MAX_BATCH)).await?;
    Ok(Json(page).into_response())
}

async fn status(State(hub): State<Hub>, headers: HeaderMap) -> Result<Response, HubFailure> {
    let device = device(&hub, &headers).await?;
    Ok(Json(hub.status(device).await?).into_response())
}

async fn resolve(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Path(conflict_id): Path<Uuid>,
    Json(request): Json<ResolveRequest>,
) -> Result<Response, HubFailure> {
    let device = device(&hub, &headers).await?;
    Ok(Json(hub.resolve_conflict(device, conflict_id, &request).await?).into_response())
}
