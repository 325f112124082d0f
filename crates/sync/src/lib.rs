//! The sync protocol between counters and the hub, as types. No IO.
//!
//! Both sides depend on this crate, so the wire format has exactly one definition. The
//! protocol itself is described in `docs/SYNC.md`; in short:
//!
//! * every change a counter makes is also written, in the same local transaction, as an
//!   [`Event`] in its sync outbox, numbered by `local_seq`;
//! * the counter **pushes** events after the hub's per-device high-water mark
//!   ([`PushRequest`] → [`PushResponse`]); the hub applies a batch and advances the mark in one
//!   transaction, so a lost acknowledgement only causes a harmless re-send;
//! * the hub gives each accepted event a position in one server-ordered log, and counters
//!   **pull** after their cursor ([`PullPage`]);
//! * how an event is merged depends on its [`EventClass`].

mod event;
mod hlc;
mod wire;

pub use event::{Event, EventClass, EventKind};
pub use hlc::{Hlc, HlcError, HybridClock};
pub use wire::{
    Conflict, ConflictKind, DeviceStatus, EnrollRequest, EnrollResponse, HubError, HubErrorCode,
    HUB_DEVICE_ID, HUB_NODE, LoggedEvent, PullPage, PushRequest, PushResponse, Rejection,
    RejectionReason, ResolveRequest,
};

/// The schema version of events this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The hub accepts the current schema version and the one before it; older counters are told
/// to update instead of writing events the hub no longer understands.
pub fn schema_accepted(version: u32) -> bool {
    version == SCHEMA_VERSION || version + 1 == SCHEMA_VERSION
}

/// The most events in one push or pull batch: bounded so a first sync is chunked and resumable.
pub const MAX_BATCH: usize = 500;

/// How far ahead of our own clock a peer's clock may be before its events are refused.
pub const MAX_CLOCK_SKEW_MS: u64 = 5 * 60 * 1000;
