//! The shop's registered templates (one per trigger and channel): a WhatsApp template's name,
//! language and body parameters, or an MSG91 Flow (DLT) template id with VAR1…VARn. Kanak
//! fills the variables from the event and refuses to send what a provider would reject.

use std::collections::BTreeMap;

use kanak_domain::FieldError;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::trigger::{Channel, Trigger};
use crate::AppError;

/// DLT rejects an SMS whose variable is longer than this.
pub const DLT_VARIABLE_MAX: usize = 30;
/// WhatsApp body parameters and MSG91 VARs: more than this is surely a mistake.
const MAX_VARIABLES: usize = 10;

/// A message's variables by name (customer_name, amount, …).
pub(crate) type Params = BTreeMap<String, String>;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, PartialEq)]
pub struct MessageTemplateInput {
    pub trigger: Trigger,
    pub channel: Channel,
    /// WhatsApp: the approved template's name. SMS: the MSG91 Flow template id (DLT).
    pub name: String,
    /// WhatsApp language code ("en", "hi", "en_US"); ignored for SMS.
    pub language: Option<String>,
    /// The variables in order: WhatsApp {{1}}, {{2}}…; MSG91 VAR1, VAR2…
    pub variables: Vec<String>,
    /// The approved text with {{1}}… placeholders, only for the preview.
    pub sample_text: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct MessageTemplateView {
    pub trigger: Trigger,
    pub channel: Channel,
    pub name: String,
    pub language: String,
    pub variables: Vec<String>,
    pub sample_text: Option<String>,
    /// The variables this trigger can fill, to pick from.
    pub allowed_variables: Vec<String>,
    pub updated_at: String,
    pub updated_by: String,
}

/// One filled variable as the provider will receive it.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct PreviewParam {
    /// "VAR1" for SMS, "{{1}}" for WhatsApp.
    pub slot: String,
    pub variable: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct TemplatePreview {
    pub trigger: Trigger,
    pub channel: Channel,
    pub name: String,
    pub params: Vec<PreviewParam>,
    /// The sample text with its placeholders filled (or Kanak's own wording without one).
    pub text: String,
}

/// A registered template, as the worker uses it.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub name: String,
    pub language: String,
    pub variables: Vec<String>,
    pub sample_text: Option<String>,
}

impl MessageTemplateInput {
    pub(super) fn check(&self, sample: &Params) -> Result<(), FieldError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(FieldError::new("name", "is required"));
        }
        if self.channel == Channel::Sms
            && !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(FieldError::new(
                "name",
                "must be the MSG91 Flow template id (letters and digits)",
            ));
        }
        if self.channel == Channel::Whatsapp
            && !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(FieldError::new(
                "name",
                "must be the WhatsApp template's name (lower-case letters, digits and _)",
            ));
        }
        if self.variables.len() > MAX_VARIABLES {
            return Err(FieldError::new(
                "variables",
                format!("at most {MAX_VARIABLES} variables"),
            ));
        }
        let allowed = self.trigger.variables();
        for (i, v) in self.variables.iter().enumerate() {
            if !allowed.contains(&v.as_str()) {
                return Err(FieldError::new(
                    "variables",
                    format!(
                        "{} \"{v}\" is not a variable of {} messages; use one of {}",
                        slot(self.channel, i),
                        self.trigger.as_str(),
                        allowed.join(", ")
                    ),
                ));
            }
        }
        // Some values are the same in every message (the shop's name): check a sample event
        // with them so a template that could never pass DLT is refused now, not at sending.
        validate(self.channel, &self.variables, sample)
            .map(|_| ())
            .map_err(|e| FieldError::new("variables", e))
    }
}

/// "VAR1" for MSG91, "{{1}}" for WhatsApp: where the `i`th variable goes.
pub(crate) fn slot(channel: Channel, i: usize) -> String {
    match channel {
        Channel::Sms => format!("VAR{}", i + 1),
        Channel::Whatsapp => format!("{{{{{}}}}}", i + 1),
    }
}

/// The template's variables filled from `params`, in order, or why the provider would refuse
/// them: a variable with no value, or (SMS) one longer than DLT's 30 characters.
pub(crate) fn validate(
    channel: Channel,
    variables: &[String],
    params: &Params,
) -> Result<Vec<PreviewParam>, String> {
    let mut filled = Vec::with_capacity(variables.len());
    for (i, variable) in variables.iter().enumerate() {
        let at = slot(channel, i);
        let value = params.get(variable).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            return Err(format!("{at} ({variable}) has no value for this message"));
        }
        let length = value.chars().count();
        if channel == Channel::Sms && length > DLT_VARIABLE_MAX {
            return Err(format!(
                "{at} ({variable}) is {length} characters; a DLT variable may have at most {DLT_VARIABLE_MAX}"
            ));
        }
        filled.push(PreviewParam {
            slot: at,
            variable: variable.clone(),
            value: value.to_string(),
        });
    }
    Ok(filled)
}

/// The text a customer would read: the template's sample text with {{n}} filled, or Kanak's
/// own wording when the shop gave no sample text.
pub(crate) fn render(trigger: Trigger, template: Option<&Template>, params: &Params) -> String {
    let get = |k: &str| params.get(k).cloned().unwrap_or_default();
    if let Some(t) = template
        && let Some(text) = &t.sample_text
    {
        let mut out = text.clone();
        for (i, v) in t.variables.iter().enumerate() {
            out = out.replace(&format!("{{{{{}}}}}", i + 1), &get(v));
        }
        return out;
    }
    let (name, no) = (get("customer_name"), get("enrollment_no"));
    match trigger {
        Trigger::Payment => format!(
            "Dear {name}, we received {} for {no}, receipt {}. Thank you.",
            get("amount"),
            get("receipt_no")
        ),
        Trigger::PaymentGold => format!(
            "Dear {name}, we received {} for {no}, receipt {}: {} g of gold at {}/g. Thank you.",
            get("amount"),
            get("receipt_no"),
            get("grams"),
            get("rate")
        ),
        Trigger::Due => format!(
            "Dear {name}, installment {} of {} for {no} is due on {}.",
            get("installment_no"),
            get("amount"),
            get("due_date")
        ),
        Trigger::Missed | Trigger::Reminder => format!(
            "Dear {name}, installment {} of {} for {no}, due on {}, is not yet paid.",
            get("installment_no"),
            get("amount"),
            get("due_date")
        ),
        Trigger::Maturity => format!(
            "Dear {name}, your plan {no} matured on {}. Visit us to redeem it.",
            get("maturity_date")
        ),
        Trigger::Closure => format!(
            "Dear {name}, your {} closure of plan {no} is done: {} ({}). Thank you.",
            get("closure_kind"),
            get("value"),
            get("settlement")
        ),
        Trigger::Occasion => format!("Dear {name}, warm wishes on {}!", get("occasion")),
    }
}

/// A plausible event for each trigger, for the preview and the registration check.
pub(crate) fn sample_params(trigger: Trigger) -> Params {
    let sample = [
        ("customer_name", "Asha Verma"),
        ("amount", "5,000.00"),
        ("receipt_no", "MAIN-R000123"),
        ("enrollment_no", "MAIN-E00042"),
        ("date", "01-12-2026"),
        ("grams", "0.769"),
        ("rate", "6,500.00"),
        ("due_date", "05-12-2026"),
        ("installment_no", "4"),
        ("maturity_date", "01-12-2027"),
        ("closure_kind", "maturity"),
        ("value", "60,000.00"),
        ("settlement", "jewellery"),
        ("occasion", "Dhanteras"),
        ("plan_name", "Swarna 11"),
        ("shop_name", "Lakshmi Jewellers"),
    ];
    let allowed = trigger.variables();
    sample
        .into_iter()
        .filter(|(k, _)| allowed.contains(k))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The sample event with this shop's own name in it.
pub(crate) async fn sample_for(
    conn: &mut SqliteConnection,
    trigger: Trigger,
) -> Result<Params, AppError> {
    let mut params = sample_params(trigger);
    if let Some(name) = sqlx::query_scalar!("SELECT shop_name FROM shop WHERE id = 1")
        .fetch_optional(conn)
        .await?
        && params.contains_key("shop_name")
    {
        params.insert("shop_name".into(), name);
    }
    Ok(params)
}

pub(crate) async fn load(
    conn: &mut SqliteConnection,
    trigger: Trigger,
    channel: Channel,
) -> Result<Option<Template>, AppError> {
    let (t, c) = (trigger.as_str(), channel.as_str());
    let row = sqlx::query!(
        "SELECT name, language, variables, sample_text FROM message_templates WHERE trigger_kind = ?1 AND channel = ?2",
        t,
        c
    )
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(Template {
            name: r.name,
            language: r.language,
            variables: serde_json::from_str(&r.variables).map_err(AppError::corrupt)?,
            sample_text: r.sample_text,
        })
    })
    .transpose()
}

/// The template for `trigger` on `channel`; a payment on a plan showing gold falls back to
/// the plain payment template when the shop registered no gold one.
pub(crate) async fn for_message(
    conn: &mut SqliteConnection,
    trigger: Trigger,
    channel: Channel,
) -> Result<Option<Template>, AppError> {
    let found = load(conn, trigger, channel).await?;
    if found.is_none() && trigger == Trigger::PaymentGold {
        return load(conn, Trigger::Payment, channel).await;
    }
    Ok(found)
}
