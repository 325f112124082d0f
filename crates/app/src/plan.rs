//! Plans (scheme definitions): create, edit, retire, list.
//!
//! A plan's terms are copied into each enrollment when it is made, so editing a plan here
//! never changes what an enrolled customer signed up for.

use crate::audit::Change;
use crate::sync::tables::{self, LocalKey};
use kanak_domain::Permission;
use kanak_domain::{
    BonusRule, FieldError, Money, PlanCode, PlanKind, PlanRules, PlanTerms, PlanTermsDraft, Purity,
};
use kanak_sync::EventKind;
use serde::{Deserialize, Serialize};

use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct PlanInput {
    /// Generated from the name when absent.
    pub code: Option<String>,
    pub name: String,
    pub kind: PlanKind,
    pub installment: Option<String>,
    pub min_amount: Option<String>,
    pub max_amount: Option<String>,
    pub installments: u32,
    pub due_day: Option<u8>,
    pub grace_days: u8,
    pub purity: Option<String>,
    pub bonus: String,
    pub terms: String,
    /// Everything beyond the installments (tiers, rewards, lateness, closure…); None = the plain scheme.
    pub rules: Option<PlanRules>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct PlanView {
    pub code: String,
    pub name: String,
    pub kind: PlanKind,
    pub installment: Option<String>,
    pub min_amount: Option<String>,
    pub max_amount: Option<String>,
    pub installments: u32,
    pub due_day: Option<u8>,
    pub grace_days: u8,
    pub purity: Option<String>,
    pub bonus: String,
    pub bonus_text: String,
    pub terms: String,
    pub active: bool,
    pub total_payable: String,
    pub enrolled: u32,
    pub rules: PlanRules,
    /// The rules in plain words, one sentence each.
    pub rules_text: Vec<String>,
    /// Compliance warnings, e.g. a tenure over 365 days.
    pub warnings: Vec<String>,
}

fn optional_money(
    field: &'static str,
    value: &Option<String>,
) -> Result<Option<Money>, FieldError> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Money::parse_positive(field, v))
        .transpose()
}

impl PlanInput {
    pub(crate) fn terms(&self) -> Result<PlanTerms, FieldError> {
        let purity = self
            .purity
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        PlanTerms::new(PlanTermsDraft {
            kind: self.kind,
            installment: optional_money("installment", &self.installment)?,
            min_amount: optional_money("min_amount", &self.min_amount)?,
            max_amount: optional_money("max_amount", &self.max_amount)?,
            installments: self.installments,
            due_day: self.due_day,
            grace_days: self.grace_days,
            purity: purity.map(|p| Purity::parse("purity", p)).transpose()?,
            bonus: BonusRule::parse("bonus", &self.bonus)?,
            terms_text: self.terms.trim().to_string(),
            rules: self.rules.clone().unwrap_or_default(),
        })
    }

    fn name(&self) -> Result<String, FieldError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(FieldError::new(
                "name",
                "is required (at most 80 characters)",
            ));
        }
        Ok(name.to_string())
    }
}

pub(crate) fn terms_from_json(json: &str) -> Result<PlanTerms, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::corrupt(format!("plan terms: {e}")))
}

fn terms_to_json(terms: &PlanTerms) -> Result<String, AppError> {
    serde_json::to_string(terms).map_err(|e| AppError::corrupt(format!("plan terms: {e}")))
}

impl Kanak {
    pub async fn create_plan(&self, actor: &Actor, input: PlanInput) -> Result<PlanView, AppError> {
        actor.require(Permission::Plans)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let code = self.insert_plan(&mut tx, actor, &input).await?;
        tx.commit().await?;
        if let Some(warning) = input.terms()?.tenure_warning() {
            tracing::warn!(code, warning, "plan created with a compliance warning");
        }
        tracing::info!(code, "plan created");
        self.plan(&code).await
    }

    /// Creates a plan inside the caller's transaction (the form, a spreadsheet import) and
    /// returns its code.
    pub(crate) async fn insert_plan(
        &self,
        conn: &mut sqlx::SqliteConnection,
        actor: &Actor,
        input: &PlanInput,
    ) -> Result<String, AppError> {
        let name = input.name()?;
        let terms = input.terms()?;
        let code = match input
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(code) => PlanCode::parse(code)?,
            None => PlanCode::from_name(&name)?,
        };
        let (code, json, now, by) = (
            code.as_str(),
            terms_to_json(&terms)?,
            self.clock.timestamp(),
            actor.label(),
        );
        let taken = sqlx::query_scalar!("SELECT COUNT(*) FROM plans WHERE code = ?1", code)
            .fetch_one(&mut *conn)
            .await?;
        if taken > 0 {
            return Err(AppError::Conflict {
                message: format!("plan code {code} is already used"),
                field: Some("code"),
            });
        }
        let stored = sqlx::query!(
            "INSERT INTO plans (code, name, terms_json, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4)",
            code, name, json, now, by
        )
        .execute(&mut *conn)
        .await?;
        let key = LocalKey::Int(stored.last_insert_rowid());
        self.sync_record(conn, EventKind::PlanUpserted, &tables::PLANS, key)
            .await?;
        self.audit(
            conn,
            actor,
            Change::new("plan.add", format!("plan {code} {name}: {json}")),
        )
        .await?;
        Ok(code.to_string())
    }

    /// Changes the plan for future enrollments only.
    pub async fn edit_plan(
        &self,
        actor: &Actor,
        code: &str,
        input: PlanInput,
    ) -> Result<PlanView, AppError> {
        actor.require(Permission::Plans)?;
        let name = input.name()?;
        let json = terms_to_json(&input.terms()?)?;
        let code = code.trim().to_ascii_uppercase();
        let now = self.clock.timestamp();
        let mut tx = store::begin_write(&self.pool).await?;
        let before = sqlx::query!("SELECT name, terms_json FROM plans WHERE code = ?1", code)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| AppError::not_found("plan", &code, "plan_code"))?;
        let updated = sqlx::query!(
            "UPDATE plans SET name = ?1, terms_json = ?2, updated_at = ?3 WHERE code = ?4",
            name,
            json,
            now,
            code
        )
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(AppError::not_found("plan", code, "plan_code"));
        }
        let id = crate::sync::local_id(&mut tx, "plans", "code", &code).await?;
        self.sync_record(
            &mut tx,
            EventKind::PlanUpserted,
            &tables::PLANS,
            LocalKey::Int(id),
        )
        .await?;
        let (before, after) = (
            (before.name, before.terms_json),
            (name.clone(), json.clone()),
        );
        self.audit(
            &mut tx,
            actor,
            Change::new("plan.edit", format!("plan {code} edited")).edit(&before, &after),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(code, by = actor.label(), "plan edited");
        self.plan(&code).await
    }

    /// A retired plan takes no new enrollments; existing ones run to maturity.
    pub async fn retire_plan(&self, actor: &Actor, code: &str) -> Result<PlanView, AppError> {
        actor.require(Permission::Plans)?;
        let code = code.trim().to_ascii_uppercase();
        let now = self.clock.timestamp();
        let mut tx = store::begin_write(&self.pool).await?;
        let updated = sqlx::query!(
            "UPDATE plans SET active = 0, updated_at = ?1 WHERE code = ?2",
            now,
            code
        )
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(AppError::not_found("plan", code, "plan_code"));
        }
        let id = crate::sync::local_id(&mut tx, "plans", "code", &code).await?;
        self.sync_record(
            &mut tx,
            EventKind::PlanUpserted,
            &tables::PLANS,
            LocalKey::Int(id),
        )
        .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("plan.retire", format!("plan {code} retired")),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(code, by = actor.label(), "plan retired");
        self.plan(&code).await
    }

    pub async fn plan(&self, code: &str) -> Result<PlanView, AppError> {
        let code = code.trim().to_ascii_uppercase();
        let row = sqlx::query!(
            r#"SELECT p.code, p.name, p.terms_json, p.active AS "active: bool",
                      (SELECT COUNT(*) FROM enrollments e WHERE e.plan_id = p.id) AS "enrolled!: u32"
               FROM plans p WHERE p.code = ?1"#,
            code
        )
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| AppError::not_found("plan", code, "plan_code"))?;
        plan_view(
            row.code,
            row.name,
            &row.terms_json,
            row.active,
            row.enrolled,
        )
    }

    pub async fn list_plans(&self, include_retired: bool) -> Result<Vec<PlanView>, AppError> {
        let rows = sqlx::query!(
            r#"SELECT p.code, p.name, p.terms_json, p.active AS "active: bool",
                      (SELECT COUNT(*) FROM enrollments e WHERE e.plan_id = p.id) AS "enrolled!: u32"
               FROM plans p WHERE p.active = 1 OR ?1 ORDER BY p.active DESC, p.name"#,
            include_retired
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| plan_view(r.code, r.name, &r.terms_json, r.active, r.enrolled))
            .collect()
    }
}

fn plan_view(
    code: String,
    name: String,
    terms_json: &str,
    active: bool,
    enrolled: u32,
) -> Result<PlanView, AppError> {
    let terms = terms_from_json(terms_json)?;
    let plain = |m: Option<Money>| m.map(Money::to_plain);
    Ok(PlanView {
        code,
        name,
        kind: terms.kind,
        installment: plain(terms.installment),
        min_amount: plain(terms.min_amount),
        max_amount: plain(terms.max_amount),
        installments: terms.installments,
        due_day: terms.due_day,
        grace_days: terms.grace_days,
        purity: terms.purity.map(Purity::code),
        bonus: terms.bonus.canonical(),
        bonus_text: terms
            .bonus
            .describe(terms.expected_per_installment(), terms.total_payable()),
        terms: terms.terms_text.clone(),
        active,
        total_payable: terms.total_payable().to_plain(),
        enrolled,
        rules_text: kanak_domain::rules::describe::describe(&terms),
        warnings: terms.tenure_warning().into_iter().collect(),
        rules: terms.rules,
    })
}
