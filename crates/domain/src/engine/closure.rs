//! What closing an enrollment on a day gives the customer: at maturity, the redemption
//! value; before it, a refund with every deduction itemised and the benefit they keep.

use crate::engine::allocation::plural;
use crate::engine::benefit::{Benefit, BenefitLine};
use crate::engine::calendar::Calendar;
use crate::engine::facts::Facts;
use crate::engine::{Evaluation, SchemeState};
use crate::money::Money;
use crate::plan::PlanTerms;
use crate::rules::{Deduction, PrematureBenefit};
use crate::weight::Weight;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosureKind {
    /// Redemption at (or after) maturity: paid + bonus against jewellery.
    Maturity,
    /// Closure before maturity, or of a defaulted plan: a refund or jewellery.
    Premature,
}

impl ClosureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClosureKind::Maturity => "maturity",
            ClosureKind::Premature => "premature",
        }
    }

    /// What the enrollment becomes: redeemed at maturity it is closed; before, cancelled.
    pub fn closes_as(self) -> crate::enrollment::EnrollmentStatus {
        match self {
            ClosureKind::Maturity => crate::enrollment::EnrollmentStatus::Closed,
            ClosureKind::Premature => crate::enrollment::EnrollmentStatus::Cancelled,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeductionLine {
    pub label: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosureQuote {
    pub kind: ClosureKind,
    pub allowed: bool,
    /// Why it is not allowed yet, when it is not.
    pub refused_reason: Option<String>,
    pub paid: Money,
    pub grams: Weight,
    pub deductions: Vec<DeductionLine>,
    /// Cash the customer would get (None when the plan allows only jewellery).
    pub cash_refund: Option<Money>,
    /// The value available against jewellery (None when the plan allows only cash).
    pub jewellery_value: Option<Money>,
    /// The part of the bonus kept (against jewellery).
    pub benefit: Benefit,
    pub explanation: Vec<String>,
}

impl ClosureQuote {
    pub(crate) fn placeholder() -> ClosureQuote {
        ClosureQuote {
            kind: ClosureKind::Premature,
            allowed: false,
            refused_reason: None,
            paid: Money::ZERO,
            grams: Weight::ZERO,
            deductions: Vec::new(),
            cash_refund: None,
            jewellery_value: None,
            benefit: Benefit::default(),
            explanation: Vec::new(),
        }
    }
}

pub(crate) fn quote(
    terms: &PlanTerms,
    cal: &Calendar,
    facts: &Facts,
    ev: &Evaluation,
) -> ClosureQuote {
    let matured = matches!(
        ev.state,
        SchemeState::Matured | SchemeState::RedemptionOverdue
    );
    if matured && ev.paid_installments == cal.count() {
        return maturity(ev);
    }
    premature(terms, cal, facts, ev)
}

fn maturity(ev: &Evaluation) -> ClosureQuote {
    let mut deductions = Vec::new();
    if ev.late_fees.is_positive() {
        deductions.push(DeductionLine {
            label: "Late fees".into(),
            amount: ev.late_fees,
        });
    }
    let value = ev.total_paid + ev.bonus_so_far.money - ev.late_fees;
    let mut explanation = vec![format!(
        "Matured: {} paid + {} bonus{} = {} against jewellery.",
        ev.total_paid.format_inr(),
        ev.bonus_so_far.money.format_inr(),
        if ev.late_fees.is_positive() {
            format!(" − {} late fees", ev.late_fees.format_inr())
        } else {
            String::new()
        },
        value.format_inr()
    )];
    if ev.state == SchemeState::RedemptionOverdue {
        explanation.push("The redemption window has passed; the shop may still honour it.".into());
    }
    ClosureQuote {
        kind: ClosureKind::Maturity,
        allowed: true,
        refused_reason: None,
        paid: ev.total_paid,
        grams: ev.total_grams + ev.bonus_so_far.grams,
        deductions,
        cash_refund: None,
        jewellery_value: Some(value),
        benefit: ev.bonus_so_far.clone(),
        explanation,
    }
}

fn premature(terms: &PlanTerms, cal: &Calendar, facts: &Facts, ev: &Evaluation) -> ClosureQuote {
    let policy = &terms.rules.closure;
    let days = (ev.on - facts.start).num_days();
    let refused_reason = if ev.paid_installments < policy.earliest_installments {
        Some(format!(
            "a premature closure needs at least {} installments paid",
            policy.earliest_installments
        ))
    } else if days < i64::from(policy.earliest_days) {
        Some(format!(
            "a premature closure is allowed only {} days after enrollment",
            policy.earliest_days
        ))
    } else {
        None
    };
    let deductions = deductions(terms, cal, facts, ev);
    let deducted: Money = deductions.iter().map(|d| d.amount).sum();
    let refund = (ev.total_paid - deducted).max(Money::ZERO);
    let benefit = kept_benefit(terms, cal, ev);
    let jewellery = ev.total_paid - ev.late_fees + benefit.money;
    let mut explanation = vec![format!(
        "Closing before maturity: {} paid − {} deductions = {} refund.",
        ev.total_paid.format_inr(),
        deducted.format_inr(),
        refund.format_inr()
    )];
    explanation.extend(
        benefit
            .lines
            .iter()
            .map(|l| format!("Kept against jewellery: {}.", l.label)),
    );
    ClosureQuote {
        kind: ClosureKind::Premature,
        allowed: refused_reason.is_none(),
        refused_reason,
        paid: ev.total_paid,
        grams: ev.total_grams + benefit.grams,
        deductions,
        cash_refund: policy.settlement.allows_cash().then_some(refund),
        jewellery_value: policy.settlement.allows_jewellery().then_some(jewellery),
        benefit,
        explanation,
    }
}

fn deductions(
    terms: &PlanTerms,
    cal: &Calendar,
    facts: &Facts,
    ev: &Evaluation,
) -> Vec<DeductionLine> {
    let paid = ev.total_paid;
    let mut lines = Vec::new();
    for deduction in &terms.rules.closure.deductions {
        let (label, amount) = match *deduction {
            Deduction::PercentOfPaid { percent } => {
                (format!("{percent} of the amount paid"), percent.of(paid))
            }
            Deduction::PercentOfFirstInstallment {
                percent,
                fewer_than,
            } if ev.paid_installments < fewer_than => {
                let first = cal.slots.first().map_or(Money::ZERO, |s| s.expected);
                (
                    format!("{percent} of the first installment (fewer than {fewer_than} paid)"),
                    percent.of(first),
                )
            }
            Deduction::PercentOfFirstInstallment { .. } => continue,
            Deduction::Gateway { percent } => (
                format!("Payment gateway charges {percent}"),
                percent.of(paid),
            ),
            Deduction::Gst { percent } => (format!("GST {percent}"), percent.of(paid)),
            Deduction::GiftsGiven => {
                let given: Money = facts.gifts_given.iter().map(|g| g.value).sum();
                let items: Vec<&str> = facts.gifts_given.iter().map(|g| g.item.as_str()).collect();
                (format!("Gifts given ({})", items.join(", ")), given)
            }
        };
        if amount.is_positive() {
            lines.push(DeductionLine { label, amount });
        }
    }
    if ev.late_fees.is_positive() {
        lines.push(DeductionLine {
            label: "Late fees".into(),
            amount: ev.late_fees,
        });
    }
    lines
}

/// The benefit a premature closure keeps, against jewellery.
fn kept_benefit(terms: &PlanTerms, cal: &Calendar, ev: &Evaluation) -> Benefit {
    let policy = &terms.rules.closure;
    let mut kept = Benefit::default();
    if ev.state == SchemeState::Defaulted
        || ev.paid_installments < policy.benefit_from_installments.max(1)
    {
        return kept;
    }
    let installment = cal.average_installment();
    let (label, money) =
        match policy.benefit {
            PrematureBenefit::None => return kept,
            PrematureBenefit::LowerTier => {
                let Some(tier) = terms.rules.tiers.iter().rev().find(|t| {
                    t.installments <= ev.paid_installments && t.installments < cal.count()
                }) else {
                    return kept;
                };
                let full = tier
                    .bonus
                    .money(installment, ev.total_paid, tier.installments);
                (
                    format!(
                        "the {}-month tier's benefit: {}",
                        tier.installments,
                        tier.bonus.describe(installment, ev.total_paid)
                    ),
                    on_time_share(ev, full, terms),
                )
            }
            PrematureBenefit::ProRata => {
                let on_time = u32::try_from(
                    ev.installments
                        .iter()
                        .filter(|l| l.status == crate::engine::InstallmentStatus::Paid)
                        .count(),
                )
                .unwrap_or(0);
                let full = ev
                    .bonus_at_maturity
                    .lines
                    .first()
                    .map_or(Money::ZERO, |l| l.money);
                let share = Money::round(
                    full.as_decimal() * rust_decimal::Decimal::from(on_time)
                        / rust_decimal::Decimal::from(cal.count()),
                );
                (
                    format!(
                        "{on_time}/{} of the maturity bonus (installment{} paid on time)",
                        cal.count(),
                        plural(on_time as usize)
                    ),
                    share,
                )
            }
        };
    if money.is_positive() {
        kept.money = money;
        kept.lines.push(BenefitLine {
            label,
            money,
            grams: Weight::ZERO,
        });
    }
    kept
}

/// A lower tier's benefit, reduced pro rata for late installments when the plan says so.
fn on_time_share(ev: &Evaluation, full: Money, terms: &PlanTerms) -> Money {
    if !terms.rules.lateness.pro_rata_bonus || ev.late_installments.is_empty() {
        return full;
    }
    let paid = rust_decimal::Decimal::from(ev.paid_installments.max(1));
    let late = rust_decimal::Decimal::from(
        u32::try_from(ev.late_installments.len())
            .unwrap_or(0)
            .min(ev.paid_installments),
    );
    Money::round(full.as_decimal() * (paid - late) / paid)
}
