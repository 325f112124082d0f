//! Requests and responses of the hub's HTTP API (JSON). See docs/SYNC.md for the endpoints.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Event;

/// `POST /v1/devices/enroll`: a counter trades the owner's one-time token for a credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub token: String,
    /// The counter's own name for itself, shown in `kanak-hub device list`.
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub device_id: Uuid,
    /// Sent as `Authorization: Bearer <credential>` on every later request. The counter keeps
    /// it in the OS keyring; the hub keeps only its hash.
    pub credential: String,
    pub branch: String,
    /// Short and unique per hub (e.g. "C2"): the counter's own customer-code series.
    pub counter_code: String,
}

/// `POST /v1/push`: the counter's events after the hub's high-water mark, in `local_seq` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Every event of this device up to this `local_seq` is durably on the hub (accepted,
    /// already there, or rejected and recorded): the counter marks them sent.
    pub high_water: u64,
    pub rejected: Vec<Rejection>,
    /// Conflicts this batch raised (they also reach every counter through the pull log).
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub event_id: Uuid,
    pub reason: RejectionReason,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectionReason {
    /// The same event id arrived before with a different payload: never overwritten.
    PayloadMismatch,
    /// The event's HLC is further ahead of the hub's clock than allowed.
    ClockSkew,
    /// A kind only the hub writes.
    NotAllowed,
}

/// `GET /v1/pull?after=<position>&limit=<n>`: the hub's log after the counter's cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullPage {
    pub events: Vec<LoggedEvent>,
    /// The cursor to pull after next time (the last position in `events`, or `after`).
    pub next_after: u64,
    /// More events wait beyond this page.
    pub more: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedEvent {
    /// 1, 2, 3… in the hub's one log; positions become visible strictly in order.
    pub position: u64,
    pub event: Event,
}

/// `GET /v1/status`: where this device stands on the hub.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceStatus {
    pub device_id: Uuid,
    pub high_water: u64,
    pub log_head: u64,
}

/// Something a manager must decide, raised by the hub and shown in every counter's review queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub conflict_id: Uuid,
    pub kind: ConflictKind,
    pub enrollment_id: Option<Uuid>,
    /// The event the hub did not apply (its payout is held).
    pub event_id: Uuid,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Two counters closed the same enrollment while offline; the hub kept the first.
    DuplicateClosure,
    /// A payment arrived for an enrollment the hub had already closed.
    PaymentAfterClosure,
    /// The same phone registered as two customers on different counters.
    DuplicateCustomer,
    /// A pause or upgrade that the enrollment's state on the hub does not allow.
    InvalidTransition,
}

/// Every error response body: `{ "code": ..., "message": ... }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubError {
    pub code: HubErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HubErrorCode {
    /// No credential, or one the hub does not know.
    Unauthorized,
    /// The device was revoked by the owner.
    DeviceRevoked,
    /// The enrollment token is unknown, used, or expired.
    InvalidToken,
    /// The counter writes a schema version the hub no longer accepts: update the app.
    SchemaTooOld,
    /// The counter writes a newer schema than the hub knows: update the hub.
    SchemaTooNew,
    /// A batch bigger than MAX_BATCH, or events not in `local_seq` order.
    BadBatch,
    /// No such conflict (or device) on the hub, or the conflict is already resolved.
    NotFound,
    Internal,
}

/// `POST /v1/conflicts/{conflict_id}/resolve`: a manager's decision on a conflict. The hub
/// appends a `conflict.resolved` event carrying it; the held event itself stays held, and any
/// correction (a refund of a held payout…) is a new linked entry made by the counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolveRequest {
    /// What the manager decided, in their words (shown in every counter's review queue).
    pub resolution: String,
}

/// The `device_id` of the events the hub itself writes (`conflict.raised`, `conflict.resolved`).
pub const HUB_DEVICE_ID: Uuid = Uuid::nil();

/// The HLC node name of the hub's own clock.
pub const HUB_NODE: &str = "hub";
