//! The events a counter writes to its sync outbox, and how each kind is merged.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Hlc;

/// One change made on one counter, as it travels to the hub and on to the other counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// UUIDv7 written by the counter: the idempotency key everywhere.
    pub event_id: Uuid,
    pub device_id: Uuid,
    /// 1, 2, 3… per device, in commit order: the push high-water mark counts these.
    pub local_seq: u64,
    pub kind: EventKind,
    pub schema_version: u32,
    pub hlc: Hlc,
    /// The record the event is about (a customer, plan, enrollment, payment… id).
    pub entity_id: Uuid,
    /// The enrollment a money or state event belongs to, for the hub's validation.
    pub enrollment_id: Option<Uuid>,
    /// The record's fields, as the counter's use case wrote them. Opaque to the hub except
    /// for identity: the same `event_id` must always carry the same payload.
    pub payload: serde_json::Value,
}

/// What happened. The dotted names are the wire form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    #[serde(rename = "customer.upserted")]
    CustomerUpserted,
    #[serde(rename = "family_member.upserted")]
    FamilyMemberUpserted,
    #[serde(rename = "plan.upserted")]
    PlanUpserted,
    #[serde(rename = "setting.changed")]
    SettingChanged,
    #[serde(rename = "gold_rate.set")]
    GoldRateSet,
    #[serde(rename = "enrollment.opened")]
    EnrollmentOpened,
    #[serde(rename = "payment.recorded")]
    PaymentRecorded,
    #[serde(rename = "payment.status_changed")]
    PaymentStatusChanged,
    #[serde(rename = "refund.recorded")]
    RefundRecorded,
    #[serde(rename = "closure.recorded")]
    ClosureRecorded,
    #[serde(rename = "enrollment.paused")]
    EnrollmentPaused,
    #[serde(rename = "enrollment.resumed")]
    EnrollmentResumed,
    #[serde(rename = "enrollment.upgraded")]
    EnrollmentUpgraded,
    /// Written by the hub, never by a counter: a conflict a manager must resolve.
    #[serde(rename = "conflict.raised")]
    ConflictRaised,
    #[serde(rename = "conflict.resolved")]
    ConflictResolved,
}

/// How the hub and the counters treat an event kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventClass {
    /// Append-only money facts: inserted once by id, never overwritten; the same id with a
    /// different payload is rejected and alerted.
    MoneyFact,
    /// Records merged per field, last writer by HLC wins.
    MutableRecord,
    /// A new record with a fixed identity (an enrollment): inserted once by id.
    Creation,
    /// Lifecycle transitions the hub validates against the enrollment's state.
    StateChange,
    /// Review-queue entries the hub writes.
    Conflict,
}

impl EventKind {
    pub fn class(self) -> EventClass {
        use EventKind::*;
        match self {
            PaymentRecorded | PaymentStatusChanged | RefundRecorded | ClosureRecorded => {
                EventClass::MoneyFact
            }
            CustomerUpserted | FamilyMemberUpserted | PlanUpserted | SettingChanged
            | GoldRateSet => EventClass::MutableRecord,
            EnrollmentOpened => EventClass::Creation,
            EnrollmentPaused | EnrollmentResumed | EnrollmentUpgraded => EventClass::StateChange,
            ConflictRaised | ConflictResolved => EventClass::Conflict,
        }
    }

    /// Only the hub may write conflict events; a counter that sends one is refused.
    pub fn written_by_counters(self) -> bool {
        self.class() != EventClass::Conflict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payments_and_closures_are_append_only_money_facts() {
        assert_eq!(EventKind::PaymentRecorded.class(), EventClass::MoneyFact);
        assert_eq!(EventKind::ClosureRecorded.class(), EventClass::MoneyFact);
        assert_eq!(EventKind::CustomerUpserted.class(), EventClass::MutableRecord);
        assert!(!EventKind::ConflictRaised.written_by_counters());
    }

    #[test]
    fn kinds_travel_under_their_dotted_names() {
        let text = serde_json::to_string(&EventKind::PaymentStatusChanged).unwrap();
        assert_eq!(text, "\"payment.status_changed\"");
        let back: EventKind = serde_json::from_str("\"closure.recorded\"").unwrap();
        assert_eq!(back, EventKind::ClosureRecorded);
    }
}
