//! The bonus and rewards an enrollment has earned, and will have earned at maturity if the
//! rest is paid on time. Each part is itemised with a label so the ledger can print it.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::bonus::BonusRule;
use crate::engine::SchemeState;
use crate::engine::allocation::{Allocation, list, plural};
use crate::engine::calendar::Calendar;
use crate::engine::facts::{Facts, PaidEntry};
use crate::money::Money;
use crate::percent::Percent;
use crate::plan::PlanTerms;
use crate::rules::{GiftMilestone, PaymentReward};
use crate::weight::Weight;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenefitLine {
    pub label: String,
    pub money: Money,
    pub grams: Weight,
}

/// A bonus in money and/or grams, itemised. A making-charge waiver is carried as its
/// terms (share, cap) because its worth depends on the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Benefit {
    pub money: Money,
    pub grams: Weight,
    pub waiver: Option<(Percent, Percent)>,
    pub lines: Vec<BenefitLine>,
}

impl Benefit {
    fn add(&mut self, label: String, money: Money, grams: Weight) {
        if money.is_zero() && !grams.is_positive() {
            return;
        }
        self.money += money;
        self.grams += grams;
        self.lines.push(BenefitLine {
            label,
            money,
            grams,
        });
    }
}

pub(crate) struct Benefits {
    pub so_far: Benefit,
    pub at_maturity: Benefit,
    pub gifts: Vec<(GiftMilestone, bool)>,
    pub explanation: Vec<String>,
}

pub(crate) fn benefits(
    terms: &PlanTerms,
    cal: &Calendar,
    facts: &Facts,
    alloc: &Allocation,
    on: NaiveDate,
    state: SchemeState,
    maturity: NaiveDate,
) -> Benefits {
    let mut explanation = Vec::new();
    let mut so_far = Benefit::default();
    let mut at_maturity = Benefit::default();
    let reward = maturity_reward(terms, cal, alloc, state, &mut explanation);
    let fully_paid = alloc.paid_count() == cal.count();
    if on >= maturity && fully_paid {
        // A sliding reward keeps growing after maturity until it is redeemed.
        let months = cal.months_elapsed(on);
        let money = reduce(
            terms,
            cal,
            alloc,
            state,
            cal.bonus
                .money(cal.average_installment(), alloc.total_paid, months),
        );
        so_far.add(reward.label.clone(), money, reward.grams);
    }
    at_maturity.add(reward.label, reward.money, reward.grams);
    if let BonusRule::MakingWaiver { share, cap } = cal.bonus
        && state != SchemeState::Defaulted
    {
        at_maturity.waiver = Some((share, cap));
        so_far.waiver = (on >= maturity && fully_paid).then_some((share, cap));
    }
    interval_rewards(terms, cal, alloc, &mut so_far, &mut at_maturity);
    for (label, money, grams) in payment_rewards(terms, facts, alloc) {
        so_far.add(label.clone(), money, grams);
        at_maturity.add(label, money, grams);
    }
    Benefits {
        so_far,
        at_maturity,
        gifts: gifts(terms, facts, alloc),
        explanation,
    }
}

struct Reward {
    label: String,
    money: Money,
    grams: Weight,
}

/// The maturity reward if the rest is paid on time, reduced as the plan's rules say.
fn maturity_reward(
    terms: &PlanTerms,
    cal: &Calendar,
    alloc: &Allocation,
    state: SchemeState,
    explanation: &mut Vec<String>,
) -> Reward {
    let installment = cal.average_installment();
    let months = cal.bonus.earliest_month().max(cal.count());
    let full = cal.bonus.money(installment, cal.total_payable(), months);
    let label = format!(
        "Maturity bonus: {}",
        cal.bonus.describe(installment, cal.total_payable())
    );
    if state == SchemeState::Defaulted {
        explanation.push(format!(
            "No maturity bonus: {} installments were missed, and the plan ends its bonus after {}.",
            alloc.missed.len(),
            terms.rules.lateness.default_after_missed.unwrap_or(0)
        ));
        return Reward {
            label,
            money: Money::ZERO,
            grams: Weight::ZERO,
        };
    }
    let money = reduce(terms, cal, alloc, state, full);
    let grams = reduce_grams(terms, cal, alloc, cal.bonus.grams());
    if money != full || grams != cal.bonus.grams() {
        let late = &alloc.late;
        explanation.push(format!(
            "Bonus reduced by {}/{} because installment{} {} {} paid within the grace period.",
            late.len(),
            cal.count(),
            plural(late.len()),
            list(late),
            if late.len() == 1 {
                "was not"
            } else {
                "were not"
            }
        ));
    }
    Reward {
        label,
        money,
        grams,
    }
}

/// Pro rata (Tanishq, Senco): × on-time installments ÷ all installments.
fn reduce(
    terms: &PlanTerms,
    cal: &Calendar,
    alloc: &Allocation,
    state: SchemeState,
    full: Money,
) -> Money {
    if state == SchemeState::Defaulted {
        return Money::ZERO;
    }
    if !terms.rules.lateness.pro_rata_bonus || alloc.late.is_empty() {
        return full;
    }
    let (on_time, all) = on_time_share(cal, alloc);
    Money::round(full.as_decimal() * on_time / all)
}

fn reduce_grams(terms: &PlanTerms, cal: &Calendar, alloc: &Allocation, full: Weight) -> Weight {
    if !terms.rules.lateness.pro_rata_bonus || alloc.late.is_empty() {
        return full;
    }
    let (on_time, all) = on_time_share(cal, alloc);
    full.share(Decimal::ONE_HUNDRED * on_time / all)
}

/// (installments not late, all installments), as decimals for a pro-rata share.
fn on_time_share(cal: &Calendar, alloc: &Allocation) -> (Decimal, Decimal) {
    let all = cal.count().max(1);
    let late = u32::try_from(alloc.late.len())
        .expect("at most 60 installments")
        .min(all);
    (Decimal::from(all - late), Decimal::from(all))
}

/// Every K on-time installments, R: earned so far, and by maturity if the rest is on time.
fn interval_rewards(
    terms: &PlanTerms,
    cal: &Calendar,
    alloc: &Allocation,
    so_far: &mut Benefit,
    at_maturity: &mut Benefit,
) {
    let Some(rule) = terms.rules.interval_reward else {
        return;
    };
    let (money, grams) = match rule.reward {
        PaymentReward::Percent(pct) => (pct.of(cal.average_installment()), Weight::ZERO),
        other => other.on_payment(Money::ZERO),
    };
    let label = |times: u32| {
        format!(
            "Every {} on-time installments: {} × {times}",
            rule.every, rule.reward
        )
    };
    let earned = alloc.on_time_count() / rule.every;
    let projected = (cal.count()
        - u32::try_from(alloc.late.len())
            .unwrap_or(0)
            .min(cal.count()))
        / rule.every;
    so_far.add(label(earned), money.times(earned), grams.times(earned));
    at_maturity.add(
        label(projected),
        money.times(projected),
        grams.times(projected),
    );
}

/// Rewards attached to individual payments: occasions and (weight plans) early-gold bands.
fn payment_rewards(
    terms: &PlanTerms,
    facts: &Facts,
    alloc: &Allocation,
) -> Vec<(String, Money, Weight)> {
    let mut out = Vec::new();
    let payments: Vec<PaidEntry> = facts
        .payments_by_date()
        .into_iter()
        .take(alloc.first_installment.len())
        .collect();
    for payment in &payments {
        if let Some(bonus) = terms.rules.occasion_bonus
            && let Some(occasion) = occasion_of(facts, bonus, payment.on)
        {
            let (money, grams) = bonus.reward.on_payment(payment.amount);
            out.push((
                format!(
                    "{occasion} payment on {}",
                    crate::format::format_date(payment.on)
                ),
                money,
                grams,
            ));
        }
        let day = u32::try_from((payment.on - facts.start).num_days() + 1).unwrap_or(0);
        if let Some(band) = terms.rules.weight_bands.iter().find(|b| b.covers(day)) {
            let grams = band.percent.of_grams(payment.grams);
            let label = format!(
                "{} extra on {} g bought on day {day}",
                band.percent, payment.grams
            );
            out.push((label, Money::ZERO, grams));
        }
    }
    out
}

fn occasion_of(
    facts: &Facts,
    bonus: crate::rules::OccasionBonus,
    day: NaiveDate,
) -> Option<String> {
    let same_month = |d: Option<NaiveDate>| d.is_some_and(|d| d.month() == day.month());
    if bonus.birthday_month && same_month(facts.occasions.birthday) {
        return Some("Birthday-month".into());
    }
    if bonus.anniversary_month && same_month(facts.occasions.anniversary) {
        return Some("Anniversary-month".into());
    }
    if bonus.festivals {
        return facts
            .occasions
            .festivals
            .iter()
            .find(|f| f.on == day)
            .map(|f| f.name.clone());
    }
    None
}

/// Gifts whose milestone the paid installments have reached, and whether each was given.
fn gifts(terms: &PlanTerms, facts: &Facts, alloc: &Allocation) -> Vec<(GiftMilestone, bool)> {
    terms
        .rules
        .gifts
        .iter()
        .filter(|g| g.after_installments <= alloc.paid_count())
        .map(|g| {
            (
                g.clone(),
                facts.gifts_given.iter().any(|given| given.item == g.item),
            )
        })
        .collect()
}

/// What the customer pays as making charge on an item with `making` percent, after a
/// waiver of `share` of it on at most `cap` percent (SR Jewellery Akshayam: 75% off up to
/// 18%; on a 25% item the waiver is 75% × 18% = 13.5%, so the customer pays 11.5%).
pub fn making_after_waiver(share: Percent, cap: Percent, making: Decimal) -> Decimal {
    let waived = making.min(cap.as_decimal()) * share.as_decimal() / Decimal::ONE_HUNDRED;
    making - waived
}
