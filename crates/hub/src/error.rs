//! What can go wrong on the hub, and the HTTP status and `HubError` body each becomes.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kanak_sync::{HubError, HubErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum HubFailure {
    #[error("no credential, or one this hub does not know")]
    Unauthorized,
    #[error("this device was revoked by the owner")]
    DeviceRevoked,
    #[error("the enrollment token is unknown, already used, or expired")]
    InvalidToken,
    #[error("{0}")]
    SchemaTooOld(String),
    #[error("{0}")]
    SchemaTooNew(String),
    #[error("{0}")]
    BadBatch(String),
    #[error("{0}")]
    NotFound(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored event is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

impl HubFailure {
    pub fn status(&self) -> StatusCode {
        match self {
            HubFailure::Unauthorized | HubFailure::InvalidToken => StatusCode::UNAUTHORIZED,
            HubFailure::DeviceRevoked => StatusCode::FORBIDDEN,
            HubFailure::SchemaTooOld(_) => StatusCode::UPGRADE_REQUIRED,
            HubFailure::SchemaTooNew(_) => StatusCode::UNPROCESSABLE_ENTITY,
            HubFailure::BadBatch(_) => StatusCode::BAD_REQUEST,
            HubFailure::NotFound(_) => StatusCode::NOT_FOUND,
            HubFailure::Database(_) | HubFailure::Migrate(_) | HubFailure::Corrupt(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }

    pub fn code(&self) -> HubErrorCode {
        match self {
            HubFailure::Unauthorized => HubErrorCode::Unauthorized,
            HubFailure::DeviceRevoked => HubErrorCode::DeviceRevoked,
            HubFailure::InvalidToken => HubErrorCode::InvalidToken,
            HubFailure::SchemaTooOld(_) => HubErrorCode::SchemaTooOld,
            HubFailure::SchemaTooNew(_) => HubErrorCode::SchemaTooNew,
            HubFailure::BadBatch(_) => HubErrorCode::BadBatch,
            HubFailure::NotFound(_) => HubErrorCode::NotFound,
            HubFailure::Database(_) | HubFailure::Migrate(_) | HubFailure::Corrupt(_) => {
                HubErrorCode::Internal
            }
        }
    }
}

impl IntoResponse for HubFailure {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            // The details stay in the hub's log; the counter only needs to retry later.
            "the hub failed; try again later".to_string()
        } else {
            self.to_string()
        };
        (status, axum::Json(HubError { code: self.code(), message })).into_response()
    }
}
