//! One-time codes for closures: settings, sending (primary, then fallback), and checking a
//! typed code. A code is 6 digits from the OS's CSPRNG, kept only as a salted SHA-256,
//! compared in constant time, and never logged or audited, only the fact that it was sent.

use chrono::{DateTime, Utc};
use kanak_domain::otp::{Attempt, CodeState, OtpPolicy};
use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use subtle::ConstantTimeEq;

use crate::audit::Change;
use crate::credential::random_below;
use crate::enrollment::{Enrolled, load_enrolled};
use crate::otp_delivery::{OtpProvider, ProviderSettings, Sent, key_is_set, send};
use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct OtpSettings {
    pub primary: OtpProvider,
    pub fallback: Option<OtpProvider>,
    pub expiry_minutes: u32,
    /// The app locks after this many idle minutes.
    pub idle_lock_minutes: u32,
    /// MSG91's template id for the OTP text (registered on DLT, with ##OTP##).
    pub msg91_template_id: Option<String>,
    pub msg91_base_url: String,
    pub whatsapp_phone_number_id: Option<String>,
    /// An approved authentication template's name.
    pub whatsapp_template: Option<String>,
    pub whatsapp_language: String,
    pub whatsapp_base_url: String,
}

/// The settings plus whether each key is in the keyring; keys themselves never leave it.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct OtpSettingsView {
    pub settings: OtpSettings,
    pub msg91_key_set: bool,
    pub whatsapp_key_set: bool,
    /// Why the OS keyring cannot be used here, if it cannot (e.g. no Secret Service on
    /// Linux). The console provider still works; MSG91 and WhatsApp need the keyring.
    pub keyring_problem: Option<String>,
}

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

fn mask(phone: &str) -> String {
    format!("******{}", &phone[phone.len().saturating_sub(4)..])
}

fn hash_code(salt: &str, code: &str) -> String {
    let digest = Sha256::digest(format!("{salt}:{code}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
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
    pub async fn otp_settings(&self) -> Result<OtpSettingsView, AppError> {
        let r = sqlx::query!(
            "SELECT otp_primary, otp_fallback, otp_expiry_minutes, idle_lock_minutes, msg91_template_id, msg91_base_url,
                    whatsapp_phone_number_id, whatsapp_template, whatsapp_language, whatsapp_base_url FROM shop WHERE id = 1"
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or(AppError::NotSetUp)?;
        let provider = |s: &str| OtpProvider::parse("provider", s).map_err(AppError::corrupt);
        let settings = OtpSettings {
            primary: provider(&r.otp_primary)?,
            fallback: r.otp_fallback.as_deref().map(provider).transpose()?,
            expiry_minutes: r.otp_expiry_minutes as u32,
            idle_lock_minutes: r.idle_lock_minutes as u32,
            msg91_template_id: r.msg91_template_id,
            msg91_base_url: r.msg91_base_url,
            whatsapp_phone_number_id: r.whatsapp_phone_number_id,
            whatsapp_template: r.whatsapp_template,
            whatsapp_language: r.whatsapp_language,
            whatsapp_base_url: r.whatsapp_base_url,
        };
        let secrets = self.secrets.as_ref();
        let (msg91, whatsapp) = (
            key_is_set(OtpProvider::Msg91, secrets),
            key_is_set(OtpProvider::Whatsapp, secrets),
        );
        let keyring_problem = [&msg91, &whatsapp]
            .into_iter()
            .find_map(|r| r.as_ref().err().map(ToString::to_string));
        Ok(OtpSettingsView {
            settings,
            msg91_key_set: msg91.unwrap_or(false),
            whatsapp_key_set: whatsapp.unwrap_or(false),
            keyring_problem,
        })
    }

    pub async fn update_otp_settings(
        &self,
        actor: &Actor,
        input: OtpSettings,
    ) -> Result<OtpSettingsView, AppError> {
        actor.require(Permission::Settings)?;
        if !(1..=60).contains(&input.expiry_minutes) {
            return Err(FieldError::new("expiry_minutes", "must be 1 to 60 minutes").into());
        }
        if !(1..=240).contains(&input.idle_lock_minutes) {
            return Err(FieldError::new("idle_lock_minutes", "must be 1 to 240 minutes").into());
        }
        for (field, url) in [
            ("msg91_base_url", &input.msg91_base_url),
            ("whatsapp_base_url", &input.whatsapp_base_url),
        ] {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(FieldError::new(field, "must be an http(s) address").into());
            }
        }
        let before = self.otp_settings().await?.settings;
        let (primary, fallback) = (
            input.primary.as_str(),
            input.fallback.map(OtpProvider::as_str),
        );
        let (expiry, idle) = (
            i64::from(input.expiry_minutes),
            i64::from(input.idle_lock_minutes),
        );
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query!(
            "UPDATE shop SET otp_primary = ?1, otp_fallback = ?2, otp_expiry_minutes = ?3, idle_lock_minutes = ?4,
                    msg91_template_id = ?5, msg91_base_url = ?6, whatsapp_phone_number_id = ?7, whatsapp_template = ?8,
                    whatsapp_language = ?9, whatsapp_base_url = ?10 WHERE id = 1",
            primary, fallback, expiry, idle, input.msg91_template_id, input.msg91_base_url,
            input.whatsapp_phone_number_id, input.whatsapp_template, input.whatsapp_language, input.whatsapp_base_url
        )
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.otp", "one-time code settings changed").edit(&before, &input),
        )
        .await?;
        tx.commit().await?;
        self.otp_settings().await
    }

    /// Stores a provider's key in the OS keyring (refused, not downgraded, without one).
    pub async fn set_provider_key(
        &self,
        actor: &Actor,
        provider: OtpProvider,
        key: &str,
    ) -> Result<OtpSettingsView, AppError> {
        actor.require(Permission::Settings)?;
        let name = provider
            .key_name()
            .ok_or_else(|| FieldError::new("provider", "the console provider has no key"))?;
        if key.trim().is_empty() {
            return Err(FieldError::new("key", "is required").into());
        }
        self.secrets.set(name, key.trim())?;
        self.audit_now(
            actor,
            Change::new(
                "settings.key",
                format!("{} key stored in the OS keyring", provider.as_str()),
            ),
        )
        .await?;
        self.otp_settings().await
    }

    pub async fn remove_provider_key(
        &self,
        actor: &Actor,
        provider: OtpProvider,
    ) -> Result<OtpSettingsView, AppError> {
        actor.require(Permission::Settings)?;
        if let Some(name) = provider.key_name() {
            self.secrets.delete(name)?;
        }
        self.audit_now(
            actor,
            Change::new(
                "settings.key",
                format!("{} key removed from the OS keyring", provider.as_str()),
            ),
        )
        .await?;
        self.otp_settings().await
    }

    async fn audit_now(&self, actor: &Actor, change: Change) -> Result<(), AppError> {
        let mut tx = store::begin_write(&self.pool).await?;
        self.audit(&mut tx, actor, change).await?;
        tx.commit().await?;
        Ok(())
    }

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
        let config = ProviderSettings {
            msg91_template_id: s.msg91_template_id.clone(),
            msg91_base_url: s.msg91_base_url.clone(),
            whatsapp_phone_number_id: s.whatsapp_phone_number_id.clone(),
            whatsapp_template: s.whatsapp_template.clone(),
            whatsapp_language: s.whatsapp_language.clone(),
            whatsapp_base_url: s.whatsapp_base_url.clone(),
        };
        let mut reasons = Vec::new();
        for provider in providers {
            match send(
                provider,
                &config,
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

pub(crate) fn parse_at(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
