//! The plan simulator behind the plan form's live preview and `kanak plan simulate`.

use chrono::NaiveDate;
use kanak_domain::engine::simulate::{Pattern, nominal_rate, simulate};
use kanak_domain::{RatePerGram, parse_date};
use serde::{Deserialize, Serialize};

use crate::evaluation::EvaluationView;
use crate::plan::{PlanInput, terms_from_json};
use crate::{AppError, Kanak};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct SimulateInput {
    /// A saved plan's code, or…
    pub plan_code: Option<String>,
    /// …a plan still being written in the form.
    pub plan: Option<PlanInput>,
    /// e.g. "late 3 7, skip 5, close 6".
    pub pattern: String,
    /// The enrollment day; defaults to today.
    pub start: Option<String>,
    /// For a plan with tiers: which one.
    pub installments: Option<u32>,
    /// Weight plans: the gold rate assumed throughout (default ₹7,000/g).
    pub rate: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SimulatedPayment {
    pub date: String,
    pub amount: String,
    pub grams: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SimulationView {
    pub payments: Vec<SimulatedPayment>,
    pub evaluation: EvaluationView,
    /// The plan's rules in plain language, so the plan form can show what it will print.
    pub rules_text: Vec<String>,
    /// Compliance warnings, e.g. a tenure over 365 days.
    pub warnings: Vec<String>,
}

impl Kanak {
    /// What a customer would get for a payment pattern; nothing is stored.
    pub async fn simulate_plan(&self, input: SimulateInput) -> Result<SimulationView, AppError> {
        let mut terms = match (
            &input.plan,
            input
                .plan_code
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty()),
        ) {
            (Some(plan), _) => plan.terms()?,
            (None, Some(code)) => {
                let code = code.to_ascii_uppercase();
                let json =
                    sqlx::query_scalar!("SELECT terms_json FROM plans WHERE code = ?1", code)
                        .fetch_optional(&self.pool)
                        .await?
                        .ok_or_else(|| AppError::not_found("plan", code, "plan_code"))?;
                terms_from_json(&json)?
            }
            (None, None) => {
                return Err(kanak_domain::FieldError::new(
                    "plan_code",
                    "give a plan code or a plan",
                )
                .into());
            }
        };
        if let Some(n) = input.installments.filter(|_| !terms.rules.tiers.is_empty()) {
            terms = terms.with_tier(n)?;
        }
        let start: NaiveDate = match input
            .start
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => parse_date("start", s)?,
            None => self.clock.today(),
        };
        let rate = match input
            .rate
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            Some(r) => RatePerGram::parse("rate", r)?,
            None => nominal_rate(),
        };
        let pattern = Pattern::parse(&input.pattern)?;
        let sim = simulate(&terms, start, &pattern, rate);
        let payments = sim
            .facts
            .payments
            .iter()
            .map(|p| SimulatedPayment {
                date: p.on.to_string(),
                amount: p.amount.to_plain(),
                grams: p.grams.to_plain(),
            })
            .collect();
        Ok(SimulationView {
            payments,
            evaluation: EvaluationView::of(&sim.evaluation),
            rules_text: kanak_domain::rules::describe::describe(&terms),
            warnings: terms.tenure_warning().into_iter().collect(),
        })
    }
}
