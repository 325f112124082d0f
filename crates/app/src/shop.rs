//! First-run setup and the shop's settings.

use kanak_domain::{BranchCode, CodePattern, FieldError, Money, PersonName};
use serde::{Deserialize, Serialize};

use crate::audit::Change;
use crate::credential::LoginSecret;
use crate::rate_feed::parse_feed_url;
use crate::staff::store_recovery_code;
use crate::{Actor, AppError, Kanak, Sensitive, store};
use kanak_domain::Permission;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Hi,
}

impl Language {
    fn parse(s: &str) -> Result<Language, FieldError> {
        match s {
            "en" => Ok(Language::En),
            "hi" => Ok(Language::Hi),
            _ => Err(FieldError::new("language", "must be en or hi")),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Hi => "hi",
        }
    }
}

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct SetupInput {
    pub shop_name: String,
    pub address: String,
    pub gstin: Option<String>,
    pub branch_code: String,
    pub owner_name: String,
    /// Debug shows `<redacted>`.
    pub owner_pin: Sensitive,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct SettingsInput {
    pub shop_name: String,
    pub address: String,
    pub gstin: Option<String>,
    pub code_pattern: String,
    pub language: Language,
    /// Store 22K and 18K rates computed from each 24K rate.
    pub derive_rates: bool,
    /// The http(s) address `rate fetch` reads; empty or None for no feed.
    pub rate_feed_url: Option<String>,
    /// Income-tax Act s.269ST: cash from one person in a day totalling this or more is refused.
    pub cash_limit_per_day: String,
    /// A payment or redemption over this needs PAN or a Form 60 declaration.
    pub pan_required_above: String,
    /// The desktop app prints the receipt right after a payment is recorded. Absent means
    /// off, so a client that predates the setting never starts printing by surprise.
    #[serde(default)]
    pub print_receipt_after_payment: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct ShopView {
    pub shop_name: String,
    pub address: String,
    pub gstin: Option<String>,
    pub branch_code: String,
    pub code_pattern: String,
    pub language: Language,
    pub owner_name: String,
    pub derive_rates: bool,
    pub rate_feed_url: Option<String>,
    pub cash_limit_per_day: String,
    pub pan_required_above: String,
    pub print_receipt_after_payment: bool,
    /// Whether a logo is stored for the printed documents (the PNG itself stays in the store).
    pub has_logo: bool,
}

impl ShopView {
    /// The settings as they stand, for a caller that changes only a few (the CLI's `settings set`).
    pub fn settings(&self) -> SettingsInput {
        SettingsInput {
            shop_name: self.shop_name.clone(),
            address: self.address.clone(),
            gstin: self.gstin.clone(),
            code_pattern: self.code_pattern.clone(),
            language: self.language,
            derive_rates: self.derive_rates,
            rate_feed_url: self.rate_feed_url.clone(),
            cash_limit_per_day: self.cash_limit_per_day.clone(),
            pan_required_above: self.pan_required_above.clone(),
            print_receipt_after_payment: self.print_receipt_after_payment,
        }
    }
}

/// What first-run setup gives back: the shop, and the owner's recovery code, shown once.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SetupResult {
    pub shop: ShopView,
    /// Resets the owner's PIN if it is forgotten. Not stored in readable form anywhere.
    pub recovery_code: String,
    /// Opens the encrypted database where the keyring has no key (a new machine, a restored
    /// backup). Shown this once; the owner prints or writes it down.
    pub database_recovery_key: crate::RecoveryKeyView,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppStatus {
    pub setup_done: bool,
    pub shop: Option<ShopView>,
    pub today: String,
}

/// The shop row as the use cases need it.
pub(crate) struct Shop {
    pub branch_code: String,
    pub counter_code: String,
    pub code_pattern: CodePattern,
    pub derive_rates: bool,
    pub rate_feed_url: Option<String>,
}

impl Shop {
    /// The prefix of enrollment and receipt numbers: the branch, and once the counter is
    /// enrolled with a hub (its code is no longer the default "1") the counter too, so two
    /// offline counters never hand out the same number.
    pub(crate) fn series(&self) -> String {
        match self.counter_code.as_str() {
            "1" => self.branch_code.clone(),
            counter => format!("{}-{counter}", self.branch_code),
        }
    }
}

/// The login the owner gets at setup; staff management (#4) adds others.
pub const OWNER_LOGIN: &str = "owner";

fn required_text(field: &'static str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_string())
}

/// Free text that may be left empty (the shop can add its address later in settings).
fn optional_text(field: &'static str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_string())
}

/// GSTIN: 15 characters, state code digits first; checked for shape only.
fn optional_gstin(value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let gstin = value.to_ascii_uppercase();
    let shaped = gstin.len() == 15
        && gstin.chars().all(|c| c.is_ascii_alphanumeric())
        && gstin[..2].chars().all(|c| c.is_ascii_digit());
    if !shaped {
        return Err(FieldError::new(
            "gstin",
            "must be 15 letters and digits, starting with the state code",
        ));
    }
    Ok(Some(gstin))
}

impl Kanak {
    pub async fn app_status(&self) -> Result<AppStatus, AppError> {
        let shop = self.shop_view().await?;
        Ok(AppStatus {
            setup_done: shop.is_some(),
            shop,
            today: self.clock.today().to_string(),
        })
    }

    /// First-run setup: the shop and its owner's account, in one transaction.
    pub async fn setup_shop(&self, input: SetupInput) -> Result<SetupResult, AppError> {
        let shop_name = required_text("shop_name", &input.shop_name, 120)?;
        let address = optional_text("address", &input.address, 400)?;
        let gstin = optional_gstin(input.gstin.as_deref())?;
        let branch = BranchCode::parse(&input.branch_code)?;
        let owner = PersonName::parse("owner_name", &input.owner_name)?;
        let pin_hash = LoginSecret::parse("owner_pin", input.owner_pin.expose())?.hash()?;
        let pattern = CodePattern::default_pattern();
        let now = self.clock.timestamp();

        let mut tx = store::begin_write(&self.pool).await?;
        let exists = sqlx::query_scalar!("SELECT COUNT(*) FROM shop")
            .fetch_one(&mut *tx)
            .await?;
        if exists > 0 {
            return Err(AppError::AlreadySetUp);
        }
        let (branch, pattern, owner_name) = (branch.as_str(), pattern.as_str(), owner.as_str());
        sqlx::query!(
            "INSERT INTO shop (id, shop_name, address, gstin, branch_code, code_pattern, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            shop_name, address, gstin, branch, pattern, now
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "INSERT INTO staff (name, login, pin_hash, role, created_at) VALUES (?1, ?2, ?3, 'owner', ?4)",
            owner_name, OWNER_LOGIN, pin_hash, now
        )
        .execute(&mut *tx)
        .await?;
        let recovery_code = store_recovery_code(&mut tx).await?;
        crate::vault::mark_recovery_key_shown(&mut tx).await?;
        let owner = Actor::staff(OWNER_LOGIN, kanak_domain::Role::Owner);
        self.audit(
            &mut tx,
            &owner,
            Change::new(
                "shop.setup",
                format!("shop {shop_name} set up, owner {owner_name}"),
            ),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(branch, "shop set up");
        let shop = self.shop_view().await?.ok_or(AppError::NotSetUp)?;
        Ok(SetupResult {
            shop,
            recovery_code,
            database_recovery_key: crate::RecoveryKeyView::of_key(&self.vault_key),
        })
    }

    pub async fn update_settings(
        &self,
        actor: &Actor,
        input: SettingsInput,
    ) -> Result<ShopView, AppError> {
        actor.require(Permission::Settings)?;
        let before = self.shop_view().await?.ok_or(AppError::NotSetUp)?;
        let shop_name = required_text("shop_name", &input.shop_name, 120)?;
        let address = optional_text("address", &input.address, 400)?;
        let gstin = optional_gstin(input.gstin.as_deref())?;
        let pattern = CodePattern::parse(&input.code_pattern)?;
        let feed_url = parse_feed_url(input.rate_feed_url.as_deref())?;
        let cash_limit =
            Money::parse_positive("cash_limit_per_day", &input.cash_limit_per_day)?.paise();
        let pan_limit =
            Money::parse_positive("pan_required_above", &input.pan_required_above)?.paise();
        let (pattern, language) = (pattern.as_str(), input.language.as_str());
        let mut tx = store::begin_write(&self.pool).await?;
        let updated = sqlx::query!(
            "UPDATE shop SET shop_name = ?1, address = ?2, gstin = ?3, code_pattern = ?4, language = ?5, derive_rates = ?6,
                             rate_feed_url = ?7, cash_limit_per_day_paise = ?8, pan_required_above_paise = ?9,
                             print_receipt_after_payment = ?10 WHERE id = 1",
            shop_name, address, gstin, pattern, language, input.derive_rates, feed_url, cash_limit, pan_limit,
            input.print_receipt_after_payment
        )
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(AppError::NotSetUp);
        }
        let key = crate::sync::tables::LocalKey::Int(1);
        let kind = kanak_sync::EventKind::SettingChanged;
        self.sync_record(&mut tx, kind, &crate::sync::tables::SHOP, key)
            .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.update", "shop settings changed")
                .edit(&before.settings(), &input),
        )
        .await?;
        tx.commit().await?;
        self.shop_view().await?.ok_or(AppError::NotSetUp)
    }

    pub(crate) async fn shop_view(&self) -> Result<Option<ShopView>, AppError> {
        let row = sqlx::query!(
            r#"SELECT s.shop_name, s.address, s.gstin, s.branch_code, s.code_pattern, s.language, s.derive_rates,
                      s.rate_feed_url, s.cash_limit_per_day_paise, s.pan_required_above_paise, s.print_receipt_after_payment,
                      s.logo_png IS NOT NULL AS "has_logo!: bool",
                      (SELECT name FROM staff WHERE role = 'owner' ORDER BY id LIMIT 1) AS "owner_name?: String"
               FROM shop s WHERE s.id = 1"#
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(ShopView {
            shop_name: row.shop_name,
            address: row.address,
            gstin: row.gstin,
            branch_code: row.branch_code,
            code_pattern: row.code_pattern,
            language: Language::parse(&row.language).map_err(AppError::corrupt)?,
            owner_name: row.owner_name.unwrap_or_default(),
            derive_rates: row.derive_rates != 0,
            rate_feed_url: row.rate_feed_url,
            cash_limit_per_day: Money::from_paise(row.cash_limit_per_day_paise).to_plain(),
            pan_required_above: Money::from_paise(row.pan_required_above_paise).to_plain(),
            print_receipt_after_payment: row.print_receipt_after_payment != 0,
            has_logo: row.has_logo,
        }))
    }

    /// The shop's numbering and rate settings (compliance loads its own limits); a use case that needs them fails clearly before setup.
    pub(crate) async fn shop(&self, conn: &mut sqlx::SqliteConnection) -> Result<Shop, AppError> {
        let row = sqlx::query!(
            "SELECT branch_code, counter_code, code_pattern, derive_rates, rate_feed_url FROM shop WHERE id = 1"
        )
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotSetUp)?;
        Ok(Shop {
            branch_code: row.branch_code,
            counter_code: row.counter_code,
            code_pattern: CodePattern::parse(&row.code_pattern).map_err(AppError::corrupt)?,
            derive_rates: row.derive_rates != 0,
            rate_feed_url: row.rate_feed_url,
        })
    }
}
