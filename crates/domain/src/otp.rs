//! The rules of a one-time code for a closure: how long it lives, how many wrong tries it
//! allows and how soon another may be sent. Generating, hashing and sending are the app's.

use chrono::{DateTime, Duration, Utc};

/// The limits of one code. The expiry is a shop setting; the others are fixed because a
/// shop loosening them would make a 6-digit code guessable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtpPolicy {
    pub expiry: Duration,
    pub max_wrong_tries: u32,
    pub resend_after: Duration,
}

impl OtpPolicy {
    pub fn with_expiry_minutes(minutes: u32) -> OtpPolicy {
        OtpPolicy {
            expiry: Duration::minutes(i64::from(minutes)),
            max_wrong_tries: 5,
            resend_after: Duration::seconds(30),
        }
    }
}

/// Where a sent code stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeState {
    pub sent_at: DateTime<Utc>,
    pub wrong_tries: u32,
    pub used: bool,
}

/// What trying a code gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    Accepted,
    /// Wrong, with this many tries left.
    Wrong {
        tries_left: u32,
    },
    /// Too late, too many wrong tries, or already used: a new code is needed.
    NeedsNewCode(Spent),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spent {
    Expired,
    TooManyTries,
    Used,
}

impl Spent {
    pub fn describe(self) -> &'static str {
        match self {
            Spent::Expired => "the code has expired; send a new one",
            Spent::TooManyTries => "too many wrong codes; send a new one",
            Spent::Used => "the code was already used; send a new one",
        }
    }
}

impl OtpPolicy {
    /// Judges a try. `matches` is the constant-time comparison the caller made; it is
    /// ignored once the code is spent, so a late right guess still needs a new code.
    pub fn attempt(&self, code: CodeState, now: DateTime<Utc>, matches: bool) -> Attempt {
        if let Some(spent) = self.spent(code, now) {
            return Attempt::NeedsNewCode(spent);
        }
        if matches {
            return Attempt::Accepted;
        }
        let tries_left = self.max_wrong_tries.saturating_sub(code.wrong_tries + 1);
        if tries_left == 0 {
            Attempt::NeedsNewCode(Spent::TooManyTries)
        } else {
            Attempt::Wrong { tries_left }
        }
    }

    pub fn spent(&self, code: CodeState, now: DateTime<Utc>) -> Option<Spent> {
        if code.used {
            Some(Spent::Used)
        } else if code.wrong_tries >= self.max_wrong_tries {
            Some(Spent::TooManyTries)
        } else if now >= code.sent_at + self.expiry {
            Some(Spent::Expired)
        } else {
            None
        }
    }

    /// Seconds to wait before another code may be sent (0 = now).
    pub fn resend_wait(&self, last_sent: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
        (last_sent + self.resend_after - now).num_seconds().max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap()
    }

    fn fresh() -> CodeState {
        CodeState {
            sent_at: at(0),
            wrong_tries: 0,
            used: false,
        }
    }

    #[test]
    fn a_right_code_within_ten_minutes_is_accepted() {
        let policy = OtpPolicy::with_expiry_minutes(10);
        assert_eq!(policy.attempt(fresh(), at(599), true), Attempt::Accepted);
    }

    #[test]
    fn a_code_expires_after_its_minutes_even_if_right() {
        let policy = OtpPolicy::with_expiry_minutes(10);
        assert_eq!(
            policy.attempt(fresh(), at(600), true),
            Attempt::NeedsNewCode(Spent::Expired)
        );
    }

    #[test]
    fn the_fifth_wrong_try_spends_the_code() {
        let policy = OtpPolicy::with_expiry_minutes(10);
        let mut code = fresh();
        for left in (1..=4).rev() {
            assert_eq!(
                policy.attempt(code, at(10), false),
                Attempt::Wrong { tries_left: left }
            );
            code.wrong_tries += 1;
        }
        assert_eq!(
            policy.attempt(code, at(10), false),
            Attempt::NeedsNewCode(Spent::TooManyTries)
        );
        code.wrong_tries += 1;
        assert_eq!(
            policy.attempt(code, at(11), true),
            Attempt::NeedsNewCode(Spent::TooManyTries)
        );
    }

    #[test]
    fn a_used_code_cannot_close_twice() {
        let policy = OtpPolicy::with_expiry_minutes(10);
        let code = CodeState {
            used: true,
            ..fresh()
        };
        assert_eq!(
            policy.attempt(code, at(5), true),
            Attempt::NeedsNewCode(Spent::Used)
        );
    }

    #[test]
    fn a_resend_waits_thirty_seconds() {
        let policy = OtpPolicy::with_expiry_minutes(10);
        assert_eq!(policy.resend_wait(at(0), at(10)), 20);
        assert_eq!(policy.resend_wait(at(0), at(30)), 0);
        assert_eq!(policy.resend_wait(at(0), at(300)), 0);
    }
}
