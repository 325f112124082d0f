//! One-time codes for closures: settings, sending (primary, then fallback), and checking a
//! typed code. A code is 6 digits from the OS's CSPRNG, kept only as a salted SHA-256,
//! compared in constant time, and never logged or audited, only the fact that it was sent.

use chrono::{DateTime, Utc};
use kanak_domain::otp::{Attempt, CodeState, OtpPolicy};
use kanak_domain::{FieldError, Permission};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use subtle::ConstantTimeEq;

use crate::audit::Change;
use crate::clock::parse_at;
use crate::credential::random_below;
use crate::enrollment::{Enrolled, load_enrolled};
use crate::otp_delivery::{OtpProvider, Sent, send};
use crate::otp_settings::OtpSettings;
use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct OtpRequestView {
    pub enrollment_no: String,
    /// "sent", or "awaiting" when no provider could send it (no network): the closure
    /// waits, and sending again later (or an owner's override) completes it.
    pub state: String,
    /// The mobile it went to, all but the last 4 digits hidden.
    pub to: String,
    pub provider: Option<OtpProvider>,
    /// Console provider only (trials): the code, to show under a "test mode" banner.
    pub test_code: Option<String>,
    pub message: String,
}

/// A phone shown to staff: its last four digits (the code's recipient, the outbox's).
pub(crate) fn mask(phone: &str) -> String {
    format!("******{}", &phone[phone.len().saturating_sub(4)..])
}

fn hash_code(salt: &str, code: &str) -> String {
    format!("{:x}", Sha256::digest(format!("{salt}:{code}").as_bytes()))
}

fn new_code() -> (String, String) {
    let code = format!("{:06}", random_below(1_000_000));
    let salt = format!(
        "{:08x}{:08x}",
        random_below(u32::MAX),
        random_below(u32::MAX)
    );
    (code, salt)
}

impl Kanak {
    /// Sends a closure code to the customer's mobile (or their main contact's, for a family
    /// member). Without any provider getting through, the closure is saved as awaiting a code.
    pub async fn request_closure_otp(
        &self,
        actor: &Actor,
        enrollment_no: &str,
    ) -> Result<OtpRequestView, AppError> {
        actor.require(Permission::Close)?;
        let view = self.otp_settings().await?;
        let now = self.clock.now();
        let (code, salt) = new_code();
        let mut tx = store::begin_write(&self.pool).await?;
        let enrolled = load_enrolled(&mut tx, enrollment_no).await?;
        self.refuse_closed(&enrolled)?;
        self.refuse_early_resend(&mut tx, &enrolled, &view.settings, now)
            .await?;
        let phone = otp_phone(&mut tx, &enrolled).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let (hash, created, by) = (
            hash_code(&salt, &code),
            self.clock.timestamp(),
            actor.label().to_string(),
        );
        sqlx::query!("UPDATE otp_codes SET state = 'spent' WHERE enrollment_id = ?1 AND state IN ('sent', 'awaiting')", enrolled.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query!(
            "INSERT INTO otp_codes (id, enrollment_id, phone, salt, code_hash, state, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, 'awaiting', ?6, ?7)",
            id, enrolled.id, phone, salt, hash, created, by
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let outcome = self.deliver(&view.settings, &phone, &code).await;
        self.record_delivery(actor, &enrolled, &id, &phone, outcome)
            .await
    }

    pub(crate) fn refuse_closed(&self, enrolled: &Enrolled) -> Result<(), AppError> {
        let status = enrolled.stored_status;
        if matches!(
            status,
            kanak_domain::EnrollmentStatus::Closed | kanak_domain::EnrollmentStatus::Cancelled
        ) {
            return Err(AppError::PlanClosed {
                enrollment_no: enrolled.enrollment_no.clone(),
                status: status.as_str().into(),
            });
        }
        Ok(())
    }

    async fn refuse_early_resend(
        &self,
        conn: &mut SqliteConnection,
        e: &Enrolled,
        s: &OtpSettings,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let last = sqlx::query_scalar!(
            "SELECT sent_at FROM otp_codes WHERE enrollment_id = ?1 AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1",
            e.id
        )
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
        let policy = OtpPolicy::with_expiry_minutes(s.expiry_minutes);
        let wait = last
            .as_deref()
            .and_then(parse_at)
            .map_or(0, |at| policy.resend_wait(at, now));
        if wait > 0 {
            return Err(AppError::Otp {
                message: format!("a code was just sent; wait {wait} s before sending another"),
            });
        }
        Ok(())
    }

    /// Tries the primary provider, then the fallback; the reasons of each failure are kept.
    async fn deliver(&self, s: &OtpSettings, phone: &str, code: &str) -> Result<Sent, Vec<String>> {
        let providers = std::iter::once(s.primary).chain(s.fallback.filter(|f| *f != s.primary));
        let mut reasons = Vec::new();
        for provider in providers {
            match send(
                provider,
                s,
                self.secrets.as_ref(),
                phone,
                code,
                self.provider_timeout,
            )
            .await
            {
                Ok(sent) => return Ok(sent),
                Err(reason) => {
                    tracing::warn!(
                        provider = provider.as_str(),
                        reason,
                        "a one-time code was not sent"
                    );
                    reasons.push(format!("{}: {reason}", provider.as_str()));
                }
            }
        }
        Err(reasons)
    }

    async fn record_delivery(
        &self,
        actor: &Actor,
        e: &Enrolled,
        id: &str,
        phone: &str,
        outcome: Result<Sent, Vec<String>>,
    ) -> Result<OtpRequestView, AppError> {
        let to = mask(phone);
        let mut tx = store::begin_write(&self.pool).await?;
        let view = match outcome {
            Ok(sent) => {
                let (provider, at) = (sent.provider.as_str(), self.clock.timestamp());
                sqlx::query!(
                    "UPDATE otp_codes SET state = 'sent', provider = ?1, provider_ref = ?2, sent_at = ?3 WHERE id = ?4",
                    provider, sent.reference, at, id
                )
                .execute(&mut *tx)
                .await?;
                let detail = format!("closure code sent to {to} via {provider}");
                self.audit(
                    &mut tx,
                    actor,
                    Change::new("otp.sent", detail).enrollment(&e.enrollment_no),
                )
                .await?;
                let message = match &sent.shown_code {
                    Some(_) => {
                        "TEST MODE: the console provider shows the code here instead of sending it"
                            .to_string()
                    }
                    None => format!("code sent to {to} via {provider}"),
                };
                OtpRequestView {
                    enrollment_no: e.enrollment_no.clone(),
                    state: "sent".into(),
                    to,
                    provider: Some(sent.provider),
                    test_code: sent.shown_code,
                    message,
                }
            }
            Err(reasons) => {
                let detail = format!(
                    "closure code could not be sent ({}); closure awaiting a code",
                    reasons.join("; ")
                );
                self.audit(
                    &mut tx,
                    actor,
                    Change::new("otp.awaiting", detail.clone()).enrollment(&e.enrollment_no),
                )
                .await?;
                let message = format!(
                    "no provider could send the code ({}). The closure is saved as awaiting a code: send again when the network is back, or ask the owner to override",
                    reasons.join("; ")
                );
                OtpRequestView {
                    enrollment_no: e.enrollment_no.clone(),
                    state: "awaiting".into(),
                    to,
                    provider: None,
                    test_code: None,
                    message,
                }
            }
        };
        tx.commit().await?;
        Ok(view)
    }

    /// Checks a typed code against the enrollment's latest sent code. A wrong code is counted
    /// (committed even though the closure fails); the right one is used up inside `conn`'s
    /// transaction, so it closes exactly one enrollment once.
    pub(crate) async fn use_code(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        e: &Enrolled,
        typed: &str,
    ) -> Result<Result<String, AppError>, AppError> {
        let typed = typed.trim();
        if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
            return Ok(Err(FieldError::new(
                "otp",
                "must be the 6-digit code the customer received",
            )
            .into()));
        }
        let row = sqlx::query!(
            "SELECT id, salt, code_hash, wrong_tries, sent_at, state FROM otp_codes
             WHERE enrollment_id = ?1 AND state IN ('sent', 'used', 'spent') AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1",
            e.id
        )
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(Err(AppError::Otp {
                message: "no code was sent for this closure yet; send one first".into(),
            }));
        };
        let expiry = sqlx::query_scalar!("SELECT otp_expiry_minutes FROM shop WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
        let policy = OtpPolicy::with_expiry_minutes(expiry as u32);
        let sent_at = row
            .sent_at
            .as_deref()
            .and_then(parse_at)
            .ok_or_else(|| AppError::corrupt("otp sent_at"))?;
        let state = CodeState {
            sent_at,
            wrong_tries: row.wrong_tries as u32,
            used: row.state != "sent",
        };
        let matches: bool = hash_code(&row.salt, typed)
            .as_bytes()
            .ct_eq(row.code_hash.as_bytes())
            .into();
        match policy.attempt(state, self.clock.now(), matches) {
            Attempt::Accepted => {
                sqlx::query!("UPDATE otp_codes SET state = 'used' WHERE id = ?1", row.id)
                    .execute(&mut *conn)
                    .await?;
                self.audit(
                    conn,
                    actor,
                    Change::new("otp.verified", "closure code verified")
                        .enrollment(&e.enrollment_no),
                )
                .await?;
                Ok(Ok(row.id))
            }
            Attempt::Wrong { tries_left } => {
                sqlx::query!(
                    "UPDATE otp_codes SET wrong_tries = wrong_tries + 1 WHERE id = ?1",
                    row.id
                )
                .execute(&mut *conn)
                .await?;
                self.audit(
                    conn,
                    actor,
                    Change::new("otp.wrong", "wrong closure code").enrollment(&e.enrollment_no),
                )
                .await?;
                Ok(Err(AppError::Otp {
                    message: format!("wrong code; {tries_left} tries left"),
                }))
            }
            Attempt::NeedsNewCode(spent) => {
                let wrong = i64::from(!matches);
                sqlx::query!("UPDATE otp_codes SET state = CASE WHEN state = 'used' THEN 'used' ELSE 'spent' END, wrong_tries = wrong_tries + ?2 WHERE id = ?1", row.id, wrong)
                    .execute(&mut *conn)
                    .await?;
                Ok(Err(AppError::Otp {
                    message: spent.describe().into(),
                }))
            }
        }
    }
}

/// The mobile a closure code goes to: the customer's, or their main contact's.
async fn otp_phone(conn: &mut SqliteConnection, e: &Enrolled) -> Result<String, AppError> {
    let phone = sqlx::query_scalar!(
        "SELECT COALESCE(m.phone, c.phone) FROM customers c LEFT JOIN customers m ON m.id = c.family_of WHERE c.id = ?1",
        e.customer_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(phone)
}
