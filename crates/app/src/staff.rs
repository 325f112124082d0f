//! Staff accounts: login (rate-limited, locking after repeated failures), adding staff,
//! disabling them, resetting PINs, and the owner's recovery code.

use chrono::{DateTime, Duration, Utc};
use kanak_domain::{Permission, PersonName, Role, StaffLogin};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::audit::Change;
use crate::clock::parse_at;
use crate::credential::{LoginSecret, new_recovery_code, normalise_recovery_code};
use crate::{Actor, AppError, Kanak, OWNER_LOGIN, Sensitive, store};

/// Failures allowed before each further try must wait, and before the login locks.
const SLOW_AFTER: i64 = 3;
const LOCK_AFTER: i64 = 5;
const SLOW_WAIT: Duration = Duration::seconds(30);
const LOCK_FOR: Duration = Duration::minutes(15);

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct StaffInput {
    pub name: String,
    pub login: String,
    pub role: Role,
    /// The new member's PIN or password; Debug shows `<redacted>`.
    pub pin: Sensitive,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct StaffView {
    pub name: String,
    pub login: String,
    pub role: Role,
    pub active: bool,
    /// Locked after repeated failed logins, until the owner resets the PIN or time passes.
    pub locked: bool,
}

struct StaffRow {
    id: i64,
    name: String,
    pin_hash: String,
    role: String,
    active: bool,
    failed_logins: i64,
    locked_until: Option<String>,
}

async fn staff_row(conn: &mut SqliteConnection, login: &str) -> Result<Option<StaffRow>, AppError> {
    Ok(sqlx::query_as!(
        StaffRow,
        r#"SELECT id AS "id!", name, pin_hash, role, active AS "active: bool", failed_logins, locked_until
           FROM staff WHERE login = ?1"#,
        login
    )
    .fetch_optional(&mut *conn)
    .await?)
}

fn role_of(row: &StaffRow) -> Result<Role, AppError> {
    Role::parse("role", &row.role).map_err(AppError::corrupt)
}

impl Kanak {
    /// Checks a login and PIN. Wrong answers are counted: from the third, each try waits
    /// 30 s; the fifth locks the login for 15 minutes (or until the owner resets it).
    pub async fn login(&self, login: &str, pin: &Sensitive) -> Result<Actor, AppError> {
        let login = login.trim().to_ascii_lowercase();
        let secret = LoginSecret::parse("pin", pin.expose()).map_err(|_| wrong_login())?;
        let now = self.clock.now();
        let mut tx = store::begin_write(&self.pool).await?;
        let Some(row) = staff_row(&mut tx, &login).await? else {
            self.audit(
                &mut tx,
                &Actor::unverified(&login),
                Change::new("login.failed", "unknown login"),
            )
            .await?;
            tx.commit().await?;
            tracing::warn!(login, "login failed: unknown login");
            return Err(wrong_login());
        };
        if !row.active {
            return Err(AppError::LoginFailed {
                message: format!("the login {login} is disabled; ask the owner"),
            });
        }
        if let Some(until) = row
            .locked_until
            .as_deref()
            .and_then(parse_at)
            .filter(|u| *u > now)
        {
            let wait = (until - now).num_seconds().max(1);
            return Err(AppError::LoginFailed {
                message: format!(
                    "too many wrong PINs: try again in {wait} s, or ask the owner to reset the PIN"
                ),
            });
        }
        if !secret.verify(&row.pin_hash) {
            let message = self.count_failure(&mut tx, &login, &row, now).await?;
            tx.commit().await?;
            return Err(AppError::LoginFailed { message });
        }
        let actor = Actor::staff(&login, role_of(&row)?);
        sqlx::query!(
            "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
            row.id
        )
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut tx,
            &actor,
            Change::new("login", format!("{} logged in", row.name)),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(login, "logged in");
        Ok(actor)
    }

    async fn count_failure(
        &self,
        conn: &mut SqliteConnection,
        login: &str,
        row: &StaffRow,
        now: DateTime<Utc>,
    ) -> Result<String, AppError> {
        let failures = row.failed_logins + 1;
        let (locked_until, message) = if failures >= LOCK_AFTER {
            (
                Some(now + LOCK_FOR),
                "too many wrong PINs: the login is locked for 15 minutes; the owner can reset it"
                    .to_string(),
            )
        } else if failures >= SLOW_AFTER {
            (
                Some(now + SLOW_WAIT),
                "wrong login or PIN; wait 30 s before trying again".to_string(),
            )
        } else {
            (None, wrong_login().to_string())
        };
        let until = locked_until.map(|t| t.to_rfc3339());
        sqlx::query!(
            "UPDATE staff SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3",
            failures,
            until,
            row.id
        )
        .execute(&mut *conn)
        .await?;
        let detail = format!(
            "wrong PIN ({failures} in a row){}",
            if failures >= LOCK_AFTER {
                "; locked"
            } else {
                ""
            }
        );
        self.audit(
            conn,
            &Actor::unverified(login),
            Change::new("login.failed", detail),
        )
        .await?;
        tracing::warn!(login, failures, "login failed");
        Ok(message)
    }

    pub async fn add_staff(&self, actor: &Actor, input: StaffInput) -> Result<StaffView, AppError> {
        actor.require(Permission::Staff)?;
        let name = PersonName::parse("name", &input.name)?;
        let login = StaffLogin::parse("login", &input.login)?;
        let pin_hash = LoginSecret::parse("pin", input.pin.expose())?.hash()?;
        let (now, name, login, role) = (
            self.clock.timestamp(),
            name.as_str(),
            login.as_str(),
            input.role.as_str(),
        );
        let mut tx = store::begin_write(&self.pool).await?;
        if staff_row(&mut tx, login).await?.is_some() {
            return Err(AppError::Conflict {
                message: format!("the login {login} is taken"),
                field: Some("login"),
            });
        }
        sqlx::query!(
            "INSERT INTO staff (name, login, pin_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            name, login, pin_hash, role, now
        )
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("staff.add", format!("added {name} ({login}) as {role}")),
        )
        .await?;
        tx.commit().await?;
        self.staff_member(login).await
    }

    pub async fn list_staff(&self, actor: &Actor) -> Result<Vec<StaffView>, AppError> {
        actor.require(Permission::Staff)?;
        let now = self.clock.now();
        let rows = sqlx::query!(r#"SELECT name, login, role, active AS "active: bool", locked_until FROM staff ORDER BY id"#)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(StaffView {
                    role: Role::parse("role", &r.role).map_err(AppError::corrupt)?,
                    locked: r
                        .locked_until
                        .as_deref()
                        .and_then(parse_at)
                        .is_some_and(|u| u > now),
                    name: r.name,
                    login: r.login,
                    active: r.active,
                })
            })
            .collect()
    }

    async fn staff_member(&self, login: &str) -> Result<StaffView, AppError> {
        let mut conn = self.pool.acquire().await?;
        let row = staff_row(&mut conn, login)
            .await?
            .ok_or_else(|| AppError::not_found("staff login", login, "login"))?;
        let locked = row
            .locked_until
            .as_deref()
            .and_then(parse_at)
            .is_some_and(|u| u > self.clock.now());
        Ok(StaffView {
            role: role_of(&row)?,
            name: row.name,
            login: login.to_string(),
            active: row.active,
            locked,
        })
    }

    /// Disables (or re-enables) a login. The owner's own login cannot be disabled.
    pub async fn set_staff_active(
        &self,
        actor: &Actor,
        login: &str,
        active: bool,
    ) -> Result<StaffView, AppError> {
        actor.require(Permission::Staff)?;
        let login = login.trim().to_ascii_lowercase();
        if login == OWNER_LOGIN && !active {
            return Err(AppError::Conflict {
                message: "the owner's login cannot be disabled".into(),
                field: Some("login"),
            });
        }
        let mut tx = store::begin_write(&self.pool).await?;
        staff_row(&mut tx, &login)
            .await?
            .ok_or_else(|| AppError::not_found("staff login", &login, "login"))?;
        sqlx::query!(
            "UPDATE staff SET active = ?1 WHERE login = ?2",
            active,
            login
        )
        .execute(&mut *tx)
        .await?;
        let what = if active {
            "staff.enable"
        } else {
            "staff.disable"
        };
        self.audit(
            &mut tx,
            actor,
            Change::new(
                what,
                format!("{login} {}", if active { "enabled" } else { "disabled" }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.staff_member(&login).await
    }

    /// The owner sets a new PIN for anyone (and so lifts a lockout).
    pub async fn reset_pin(
        &self,
        actor: &Actor,
        login: &str,
        new_pin: &Sensitive,
    ) -> Result<StaffView, AppError> {
        actor.require(Permission::Staff)?;
        let login = login.trim().to_ascii_lowercase();
        let pin_hash = LoginSecret::parse("pin", new_pin.expose())?.hash()?;
        let mut tx = store::begin_write(&self.pool).await?;
        set_pin(&mut tx, &login, &pin_hash).await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("staff.reset_pin", format!("PIN of {login} reset")),
        )
        .await?;
        tx.commit().await?;
        self.staff_member(&login).await
    }

    /// The owner's own reset: the recovery code shown at setup (or last re-generated) sets
    /// a new owner PIN. The code is then used up; the answer is the next one, shown once.
    pub async fn reset_owner_pin(
        &self,
        recovery_code: &Sensitive,
        new_pin: &Sensitive,
    ) -> Result<String, AppError> {
        let pin_hash = LoginSecret::parse("pin", new_pin.expose())?.hash()?;
        let typed = normalise_recovery_code(recovery_code.expose());
        let mut tx = store::begin_write(&self.pool).await?;
        let stored = sqlx::query_scalar!("SELECT recovery_hash FROM shop WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
        let stored = stored.ok_or(AppError::NotSetUp)?;
        if !stored.is_some_and(|hash| typed.verify(&hash)) {
            self.audit(
                &mut tx,
                &Actor::unverified(OWNER_LOGIN),
                Change::new("owner.recovery_failed", "wrong recovery code"),
            )
            .await?;
            tx.commit().await?;
            return Err(AppError::LoginFailed {
                message: "recovery_code: does not match".into(),
            });
        }
        set_pin(&mut tx, OWNER_LOGIN, &pin_hash).await?;
        let next = store_recovery_code(&mut tx).await?;
        self.audit(
            &mut tx,
            &Actor::unverified(OWNER_LOGIN),
            Change::new("owner.recovered", "owner PIN reset with the recovery code"),
        )
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// A new recovery code for the owner (the old one stops working); shown once.
    pub async fn regenerate_recovery_code(&self, actor: &Actor) -> Result<String, AppError> {
        actor.require(Permission::Staff)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let code = store_recovery_code(&mut tx).await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("owner.recovery_code", "recovery code re-generated"),
        )
        .await?;
        tx.commit().await?;
        Ok(code)
    }
}

fn wrong_login() -> AppError {
    AppError::LoginFailed {
        message: "wrong login or PIN".into(),
    }
}

async fn set_pin(conn: &mut SqliteConnection, login: &str, pin_hash: &str) -> Result<(), AppError> {
    let done = sqlx::query!(
        "UPDATE staff SET pin_hash = ?1, failed_logins = 0, locked_until = NULL WHERE login = ?2",
        pin_hash,
        login
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::not_found("staff login", login, "login"));
    }
    Ok(())
}

/// Makes, stores (hashed) and returns a fresh recovery code.
pub(crate) async fn store_recovery_code(conn: &mut SqliteConnection) -> Result<String, AppError> {
    let code = new_recovery_code();
    let hash = normalise_recovery_code(&code).hash()?;
    sqlx::query!("UPDATE shop SET recovery_hash = ?1 WHERE id = 1", hash)
        .execute(&mut *conn)
        .await?;
    Ok(code)
}
