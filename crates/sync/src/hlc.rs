//! A hybrid logical clock: wall-clock milliseconds plus a counter, tie-broken by the node.
//!
//! Last-writer-wins merges compare HLC timestamps instead of wall clocks, because a counter's
//! clock may be wrong or go backwards. The clock never goes backwards itself, and it refuses
//! a peer timestamp too far in the future instead of letting one bad clock drag every
//! counter's clock ahead with it.

use serde::{Deserialize, Serialize};

/// One HLC timestamp. The derived order (wall, then counter, then node) is the total order
/// last-writer-wins uses; the node makes two counters' simultaneous writes comparable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    pub node: String,
}

impl Hlc {
    /// The text form stored in SQLite and PostgreSQL columns: zero-padded so that text order
    /// equals timestamp order.
    pub fn encode(&self) -> String {
        format!("{:015}-{:010}-{}", self.wall_ms, self.counter, self.node)
    }

    pub fn decode(text: &str) -> Result<Hlc, HlcError> {
        let mut parts = text.splitn(3, '-');
        let bad = || HlcError::Malformed(text.to_string());
        let wall_ms = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let node = parts.next().filter(|n| !n.is_empty()).ok_or_else(bad)?;
        Ok(Hlc { wall_ms, counter, node: node.to_string() })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcError {
    #[error("a peer's clock is {ahead_ms} ms ahead of ours, more than the {max_ms} ms allowed")]
    PeerTooFarAhead { ahead_ms: u64, max_ms: u64 },
    #[error("not an HLC timestamp: {0:?}")]
    Malformed(String),
}

/// The clock of one node: the last timestamp it issued or observed.
#[derive(Debug, Clone)]
pub struct HybridClock {
    node: String,
    last: Hlc,
}

impl HybridClock {
    /// A clock for `node` that has seen `last` (e.g. restored from the database), if anything.
    pub fn new(node: impl Into<String>, last: Option<Hlc>) -> HybridClock {
        let node = node.into();
        let last = last.unwrap_or(Hlc { wall_ms: 0, counter: 0, node: node.clone() });
        HybridClock { node, last }
    }

    pub fn last(&self) -> &Hlc {
        &self.last
    }

    /// A timestamp for a local change at wall time `now_ms`: later than everything seen,
    /// even when the wall clock went backwards.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let next = if now_ms > self.last.wall_ms {
            Hlc { wall_ms: now_ms, counter: 0, node: self.node.clone() }
        } else {
            Hlc { wall_ms: self.last.wall_ms, counter: self.last.counter + 1, node: self.node.clone() }
        };
        self.last = next.clone();
        next
    }

    /// Takes in a peer's timestamp so later local ticks order after it. A peer more than
    /// `max_skew_ms` ahead of `now_ms` is refused and the clock is left as it was.
    pub fn observe(&mut self, peer: &Hlc, now_ms: u64, max_skew_ms: u64) -> Result<(), HlcError> {
        if peer.wall_ms > now_ms.saturating_add(max_skew_ms) {
            return Err(HlcError::PeerTooFarAhead { ahead_ms: peer.wall_ms - now_ms, max_ms: max_skew_ms });
        }
        let wall_ms = self.last.wall_ms.max(peer.wall_ms).max(now_ms);
        let counter = match (wall_ms == self.last.wall_ms, wall_ms == peer.wall_ms) {
            (true, true) => self.last.counter.max(peer.counter) + 1,
            (true, false) => self.last.counter + 1,
            (false, true) => peer.counter + 1,
            (false, false) => 0,
        };
        self.last = Hlc { wall_ms, counter, node: self.node.clone() };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clock_stays_monotonic_when_the_wall_clock_goes_backwards() {
        let mut clock = HybridClock::new("A", None);
        let first = clock.tick(10_000);
        let second = clock.tick(4_000);
        assert!(second > first);
        assert_eq!(second.wall_ms, 10_000);
    }

    #[test]
    fn peer_clock_far_ahead_is_refused_and_reported() {
        let mut clock = HybridClock::new("A", None);
        let before = clock.tick(1_000);
        let peer = Hlc { wall_ms: 1_000 + 3_600_000, counter: 0, node: "B".into() };
        let err = clock.observe(&peer, 1_000, 300_000).unwrap_err();
        assert_eq!(err, HlcError::PeerTooFarAhead { ahead_ms: 3_600_000, max_ms: 300_000 });
        assert_eq!(clock.last(), &before);
    }

    #[test]
    fn local_change_after_observing_a_peer_orders_after_it() {
        let mut clock = HybridClock::new("A", None);
        let peer = Hlc { wall_ms: 5_000, counter: 7, node: "B".into() };
        clock.observe(&peer, 4_000, 300_000).unwrap();
        assert!(clock.tick(4_500) > peer);
    }

    #[test]
    fn encoded_text_sorts_like_the_timestamps() {
        let a = Hlc { wall_ms: 99, counter: 10, node: "A".into() };
        let b = Hlc { wall_ms: 100, counter: 2, node: "A".into() };
        assert!(a.encode() < b.encode());
        assert_eq!(Hlc::decode(&b.encode()).unwrap(), b);
        assert!(Hlc::decode("yesterday").is_err());
    }

    proptest! {
        #[test]
        fn ticks_strictly_increase_whatever_the_wall_clock_does(walls in proptest::collection::vec(0u64..1_000_000, 1..50)) {
            let mut clock = HybridClock::new("A", None);
            let mut previous = None;
            for wall in walls {
                let now = clock.tick(wall);
                if let Some(p) = previous { prop_assert!(now > p); }
                previous = Some(now);
            }
        }
    }
}
