//! Who is logged in at this counter, and the idle lock. The desktop shell keeps one
//! `Session`; every command asks it for the actor, which also counts as activity.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use crate::{Actor, AppError, Kanak, Sensitive};

/// Who is logged in, as the UI's header shows it.
#[derive(Debug, Clone, serde::Serialize, specta::Type, PartialEq)]
pub struct CurrentUser {
    pub login: String,
    pub role: kanak_domain::Role,
}

impl From<&Actor> for CurrentUser {
    fn from(actor: &Actor) -> CurrentUser {
        CurrentUser {
            login: actor.label().to_string(),
            role: actor.role(),
        }
    }
}

#[derive(Default)]
pub struct Session {
    current: Mutex<Option<(Actor, DateTime<Utc>)>>,
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<(Actor, DateTime<Utc>)>> {
        // A panic while holding this lock cannot leave it half-updated: it holds one value.
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn end(&self) {
        *self.slot() = None;
    }

    /// The logged-in actor, if the session has not been idle longer than `idle`.
    /// An expired session ends: the next command needs a login again.
    fn actor_at(&self, now: DateTime<Utc>, idle: Duration) -> Result<Actor, AppError> {
        let mut slot = self.slot();
        let Some((actor, last_seen)) = slot.as_ref() else {
            return Err(AppError::LoggedOut {
                message: "log in first".into(),
            });
        };
        if now - *last_seen >= idle {
            *slot = None;
            return Err(AppError::LoggedOut {
                message: "locked after being idle; log in again".into(),
            });
        }
        let actor = actor.clone();
        *slot = Some((actor.clone(), now));
        Ok(actor)
    }

    /// Who is logged in, without counting as activity (the UI's header).
    pub fn peek(&self) -> Option<Actor> {
        self.slot().as_ref().map(|(actor, _)| actor.clone())
    }
}

impl Kanak {
    /// Logs in at this counter: the previous user (if any) is switched out.
    pub async fn start_session(
        &self,
        session: &Session,
        login: &str,
        pin: &Sensitive,
    ) -> Result<Actor, AppError> {
        let actor = self.login(login, pin).await?;
        *session.slot() = Some((actor.clone(), self.clock.now()));
        Ok(actor)
    }

    /// The actor for a command, or `logged_out` when nobody is logged in or the shop's idle
    /// lock (minutes, a setting) has passed since the last command.
    pub async fn session_actor(&self, session: &Session) -> Result<Actor, AppError> {
        let minutes = sqlx::query_scalar!("SELECT idle_lock_minutes FROM shop WHERE id = 1")
            .fetch_optional(&self.pool)
            .await?
            .unwrap_or(5);
        session.actor_at(self.clock.now(), Duration::minutes(minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kanak_domain::Role;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + minutes * 60, 0).unwrap()
    }

    #[test]
    fn a_session_locks_after_the_idle_minutes_and_activity_keeps_it_open() {
        let session = Session::new();
        *session.slot() = Some((Actor::staff("ravi", Role::Cashier), at(0)));
        let idle = Duration::minutes(5);
        assert_eq!(session.actor_at(at(4), idle).unwrap().label(), "ravi");
        assert_eq!(
            session.actor_at(at(8), idle).unwrap().label(),
            "ravi",
            "activity at 4 moved the lock to 9"
        );
        let locked = session.actor_at(at(13), idle).unwrap_err();
        assert_eq!(locked.code(), "logged_out");
        assert!(session.peek().is_none());
    }

    #[test]
    fn nobody_logged_in_means_no_actor() {
        assert_eq!(
            Session::new()
                .actor_at(at(0), Duration::minutes(5))
                .unwrap_err()
                .code(),
            "logged_out"
        );
    }
}
