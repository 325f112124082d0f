//! The one-time code settings: which providers send codes, how long a code lives, the idle
//! lock, and the providers' keys (kept in the OS keyring; settings only say whether one is set).

use kanak_domain::{FieldError, Permission};
use serde::{Deserialize, Serialize};

use crate::audit::Change;
use crate::otp_delivery::{OtpProvider, key_is_set};
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
}
