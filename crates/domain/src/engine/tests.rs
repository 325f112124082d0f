//! The engine against published schemes, with their terms and worked numbers, and the
//! everyday rules of an "11 + 1" plan.

use chrono::NaiveDate;

use super::*;
use crate::bonus::BonusRule;
use crate::engine::change::{check_pause, check_payment, installment_for, quote_change};
use crate::engine::simulate::{Pattern, simulate};
use crate::percent::Percent;
use crate::rules::*;
use crate::test_support::{amount_draft, amount_plan, flexible_plan};
use InstallmentStatus::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rupees(r: i64) -> Money {
    Money::from_rupees(r)
}

fn pct(p: &str) -> Percent {
    Percent::parse("p", p).unwrap()
}

/// Pays each installment of `terms` started on `start` on its due date, except those in
/// `late` (paid 10 days after the due date) and `skip`; stops after `count` installments.
fn pay_pattern(terms: &PlanTerms, start: &str, count: u32, late: &[u32], skip: &[u32]) -> Facts {
    let mut facts = Facts::paid(date(start), Vec::new());
    let cal = calendar::Calendar::new(terms, &facts);
    for slot in cal.slots.iter().take(count as usize) {
        if skip.contains(&slot.number) {
            continue;
        }
        let on = if late.contains(&slot.number) {
            slot.due_date + chrono::Days::new(10)
        } else {
            slot.due_date
        };
        facts.payments.push(PaidEntry::money(on, slot.expected));
    }
    facts
}

fn statuses(ev: &Evaluation, first: usize) -> Vec<InstallmentStatus> {
    ev.installments
        .iter()
        .take(first)
        .map(|i| i.status)
        .collect()
}

// ---- The everyday rules -------------------------------------------------------------

#[test]
fn an_installment_is_due_on_its_day_in_grace_for_the_grace_days_then_late_then_missed() {
    let terms = amount_plan(5000, 11);
    let facts = pay_pattern(&terms, "2026-04-10", 1, &[], &[]);
    let on = |d| statuses(&evaluate(&terms, &facts, date(d)), 2);
    assert_eq!(on("2026-04-10"), [Paid, Upcoming]);
    assert_eq!(on("2026-05-10"), [Paid, Due]);
    assert_eq!(on("2026-05-17"), [Paid, InGrace]);
    assert_eq!(on("2026-05-18"), [Paid, Late]);
    assert_eq!(on("2026-06-10"), [Paid, Missed]);
    let ev = evaluate(&terms, &facts, date("2026-05-18"));
    assert_eq!(
        (ev.outstanding, ev.late_installments.clone()),
        (rupees(5000), vec![2])
    );
}

#[test]
fn a_skipped_month_is_one_missed_installment_not_a_late_streak() {
    let terms = amount_plan(5000, 11);
    let facts = pay_pattern(&terms, "2026-01-05", 11, &[], &[5]);
    let ev = evaluate(&terms, &facts, date("2026-12-01"));
    assert_eq!(ev.late_installments, vec![5]);
    assert_eq!(ev.missed_installments, vec![5]);
    assert_eq!(ev.paid_installments, 10);
    assert_eq!(ev.outstanding, rupees(5000));
}

#[test]
fn a_short_payment_leaves_the_installment_partly_paid_until_grace_ends() {
    let terms = amount_plan(5000, 11);
    let mut facts = pay_pattern(&terms, "2026-04-10", 1, &[], &[]);
    facts
        .payments
        .push(PaidEntry::money(date("2026-05-10"), rupees(2000)));
    let ev = evaluate(&terms, &facts, date("2026-05-12"));
    assert_eq!(statuses(&ev, 3), [Paid, PartlyPaid, Upcoming]);
    assert_eq!(
        (ev.outstanding, ev.next_due),
        (rupees(3000), Some((date("2026-05-10"), rupees(3000))))
    );
}

#[test]
fn paying_two_months_at_once_pays_this_month_then_the_next_in_advance() {
    let terms = amount_plan(5000, 11);
    let facts = Facts::paid(
        date("2026-04-10"),
        vec![PaidEntry::money(date("2026-04-10"), rupees(10_000))],
    );
    let ev = evaluate(&terms, &facts, date("2026-05-11"));
    assert_eq!(statuses(&ev, 3), [Paid, Paid, Upcoming]);
    assert_eq!(ev.outstanding, Money::ZERO);
}

#[test]
fn a_plan_without_advances_refuses_next_months_money() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.advance_payments = false;
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-04-10", 1, &[], &[]);
    let refused = check_payment(&terms, &facts, rupees(5000), date("2026-04-20")).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "amount: this plan takes no advance payments: at most ₹0.00 is due now"
    );
    assert!(check_payment(&terms, &facts, rupees(5000), date("2026-05-10")).is_ok());
}

#[test]
fn a_flexible_payment_must_be_a_multiple_of_the_step() {
    let mut terms = flexible_plan(1000, 10_000, 12);
    terms.rules.payment_step = Some(rupees(100));
    let facts = Facts::paid(date("2026-04-10"), Vec::new());
    let refused = check_payment(
        &terms,
        &facts,
        Money::from_paise(125_050),
        date("2026-04-10"),
    )
    .unwrap_err();
    assert_eq!(refused.to_string(), "amount: must be a multiple of ₹100.00");
    assert!(check_payment(&terms, &facts, rupees(1300), date("2026-04-10")).is_ok());
}

#[test]
fn the_receipt_names_the_installment_the_payment_fills_first() {
    let terms = amount_plan(5000, 11);
    let facts = pay_pattern(&terms, "2026-01-05", 3, &[], &[2]);
    // Paid in month 4: month 4 first, even though 2 is still unpaid.
    assert_eq!(
        installment_for(&terms, &facts, rupees(5000), date("2026-04-05")),
        4
    );
    assert_eq!(
        installment_for(&terms, &facts, rupees(5000), date("2026-04-06")),
        4
    );
}

#[test]
fn missed_months_move_maturity_when_the_plan_says_so() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.lateness.extend_maturity = true;
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-05", 11, &[], &[5]);
    let ev = evaluate(&terms, &facts, date("2026-12-01"));
    assert_eq!(ev.maturity_date, date("2027-01-05"));
    assert!(
        ev.explanation
            .iter()
            .any(|l| l == "Maturity moved by 1 month for the missed installment: now 05-01-2027."),
        "{:?}",
        ev.explanation
    );
}

#[test]
fn a_paused_enrollment_accrues_no_dues_and_its_maturity_moves() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.max_pause_months = 3;
    let terms = PlanTerms::new(draft).unwrap();
    let mut facts = pay_pattern(&terms, "2026-01-05", 3, &[], &[]);
    let pause = Pause {
        from: date("2026-04-01"),
        months: 2,
    };
    check_pause(&terms, &facts, pause).unwrap();
    facts.pauses.push(pause);
    let ev = evaluate(&terms, &facts, date("2026-05-20"));
    assert_eq!(ev.state, SchemeState::Paused);
    assert_eq!(ev.outstanding, Money::ZERO);
    assert_eq!(ev.installments[3].due_date, date("2026-06-05"));
    assert_eq!(ev.maturity_date, date("2027-02-05"));
    let too_long = check_pause(
        &terms,
        &facts,
        Pause {
            from: date("2026-08-05"),
            months: 2,
        },
    )
    .unwrap_err();
    assert_eq!(
        too_long.to_string(),
        "months: must be from 1 to 1 (the plan allows 3 in all; 2 used)"
    );
}

#[test]
fn a_late_fee_is_charged_per_month_late_and_deducted_at_closure() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.lateness.late_fee = Some(LateFee::PercentPerMonth { percent: pct("2") });
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-05", 11, &[3], &[]);
    let ev = evaluate(&terms, &facts, date("2026-12-05"));
    // Installment 3 paid 10 days after its due date, 3 days after grace: one month's fee.
    assert_eq!(ev.late_fees, rupees(100));
    assert_eq!(
        ev.closure.jewellery_value,
        Some(rupees(55_000 + 5000 - 100))
    );
}

#[test]
fn after_the_set_number_of_missed_months_the_enrollment_is_defaulted_and_loses_its_bonus() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.lateness.default_after_missed = Some(2);
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-05", 4, &[], &[2, 3]);
    let ev = evaluate(&terms, &facts, date("2026-04-10"));
    assert_eq!(ev.state, SchemeState::Defaulted);
    assert_eq!(ev.bonus_at_maturity.money, Money::ZERO);
    assert_eq!(ev.closure.kind, ClosureKind::Premature);
}

#[test]
fn every_third_on_time_installment_earns_an_interval_reward() {
    let mut draft = amount_draft(5000, 12);
    draft.rules.interval_reward = Some(IntervalReward {
        every: 3,
        reward: PaymentReward::Fixed(rupees(200)),
    });
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-05", 7, &[2], &[]);
    let ev = evaluate(&terms, &facts, date("2026-07-06"));
    // On time: 1, 3, 4, 5, 6, 7 = 6 → 2 rewards so far; by maturity 11 on time → 3.
    assert_eq!(ev.bonus_so_far.money, rupees(400));
    assert_eq!(ev.bonus_at_maturity.lines[1].money, rupees(600));
}

#[test]
fn birthday_month_and_festival_payments_earn_the_occasion_bonus() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.occasion_bonus = Some(OccasionBonus {
        birthday_month: true,
        anniversary_month: false,
        festivals: true,
        reward: PaymentReward::Percent(pct("1")),
    });
    let terms = PlanTerms::new(draft).unwrap();
    let mut facts = pay_pattern(&terms, "2026-01-05", 5, &[], &[]);
    facts.occasions.birthday = Some(date("1990-03-21"));
    facts.occasions.festivals.push(Festival {
        name: "Akshaya Tritiya".into(),
        on: date("2026-04-20"),
    });
    facts.payments[3].on = date("2026-04-20");
    let ev = evaluate(&terms, &facts, date("2026-05-06"));
    let labels: Vec<&str> = ev
        .bonus_so_far
        .lines
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Birthday-month payment on 05-03-2026",
            "Akshaya Tritiya payment on 20-04-2026"
        ]
    );
    assert_eq!(ev.bonus_so_far.money, rupees(100));
}

#[test]
fn gifts_are_earned_at_their_milestone_and_deducted_from_a_refund_once_given() {
    let mut draft = amount_draft(1000, 12);
    draft.rules.gifts = vec![GiftMilestone {
        after_installments: 3,
        item: "Silver coin".into(),
        value: rupees(800),
    }];
    draft.rules.closure.deductions = vec![Deduction::GiftsGiven];
    let terms = PlanTerms::new(draft).unwrap();
    let mut facts = pay_pattern(&terms, "2026-01-05", 4, &[], &[]);
    assert_eq!(evaluate(&terms, &facts, date("2026-04-06")).gifts.len(), 1);
    facts.gifts_given.push(GiftGiven {
        item: "Silver coin".into(),
        value: rupees(800),
        on: date("2026-03-05"),
    });
    let quote = evaluate(&terms, &facts, date("2026-04-06")).closure;
    assert_eq!(quote.cash_refund, Some(rupees(3200)));
}

#[test]
fn an_upgrade_keeps_what_was_paid_and_shows_before_and_after() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.changes_allowed = true;
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-05", 3, &[], &[]);
    let change = TermsChange {
        on: date("2026-03-20"),
        installment: Some(rupees(10_000)),
        installments: None,
    };
    let quote = quote_change(&terms, &facts, change).unwrap();
    assert_eq!(quote.before.total_payable, rupees(55_000));
    // 3 × ₹5,000 already due + 8 × ₹10,000.
    assert_eq!(quote.after.total_payable, rupees(95_000));
    assert_eq!(quote.after.installment, rupees(10_000));
    // One installment bonus, prorated: ₹95,000 ÷ 11 = ₹8,636.36.
    assert_eq!(quote.after.bonus_at_maturity, Money::from_paise(863_636));
    let refused = quote_change(&amount_plan(5000, 11), &facts, change).unwrap_err();
    assert_eq!(refused.field, "change");
}

// ---- Published schemes ------------------------------------------------------------

/// Tanishq Golden Harvest: 10 monthly installments (₹2,000 in the published example), 7 days'
/// grace; from month 10 a discount of 55% of one installment, rising to 75% by month 12; a
/// late installment reduces the discount pro rata; pre-closure after 6 installments and 180
/// days with a prorated discount.
fn golden_harvest() -> PlanTerms {
    let mut draft = amount_draft(2000, 10);
    draft.bonus =
        BonusRule::parse("bonus", "55% to 75% of installment from month 10 to 12").unwrap();
    draft.rules.lateness.pro_rata_bonus = true;
    // "Close within 421 days of opening": maturity is day 304 (1 Nov 2017 for 1 Jan 2017).
    draft.rules.redemption_window_days = Some(117);
    draft.rules.closure = ClosurePolicy {
        earliest_installments: 6,
        earliest_days: 180,
        benefit: PrematureBenefit::ProRata,
        settlement: Settlement::JewelleryOnly,
        ..ClosurePolicy::default()
    };
    PlanTerms::new(draft).unwrap()
}

#[test]
fn tanishq_golden_harvest_discount_slides_from_55_to_75_percent_of_one_installment() {
    let terms = golden_harvest();
    let facts = pay_pattern(&terms, "2017-01-01", 10, &[], &[]);
    let value = |d| evaluate(&terms, &facts, date(d)).closure.benefit.money;
    assert_eq!(value("2017-11-01"), rupees(1100));
    assert_eq!(value("2017-12-01"), rupees(1300));
    assert_eq!(value("2018-01-01"), rupees(1500));
    let at_400 = evaluate(&terms, &facts, date("2018-02-05"));
    assert_eq!(
        (at_400.closure.benefit.money, at_400.state),
        (rupees(1500), SchemeState::Matured)
    );
}

#[test]
fn tanishq_late_installments_reduce_the_discount_pro_rata() {
    let terms = golden_harvest();
    let facts = pay_pattern(&terms, "2017-01-01", 10, &[4, 7], &[]);
    let ev = evaluate(&terms, &facts, date("2018-01-01"));
    // 75% of ₹2,000 = ₹1,500 × 8/10 = ₹1,200.
    assert_eq!(ev.closure.benefit.money, rupees(1200));
    let reason =
        "Bonus reduced by 2/10 because installments 4 and 7 were not paid within the grace period.";
    assert!(
        ev.explanation.iter().any(|l| l == reason),
        "{:?}",
        ev.explanation
    );
    assert_eq!(ev.closure.jewellery_value, Some(rupees(20_000 + 1200)));
}

#[test]
fn tanishq_preclosure_after_six_installments_keeps_a_prorated_discount() {
    let terms = golden_harvest();
    let facts = pay_pattern(&terms, "2017-01-01", 7, &[], &[]);
    let early = evaluate(
        &terms,
        &pay_pattern(&terms, "2017-01-01", 5, &[], &[]),
        date("2017-06-01"),
    );
    assert_eq!(
        early.closure.refused_reason.as_deref(),
        Some("a premature closure needs at least 6 installments paid")
    );
    let ev = evaluate(&terms, &facts, date("2017-08-01"));
    assert!(ev.closure.allowed);
    // 7 of 10 on time × 55% of ₹2,000 (the discount due at month 10) = ₹770.
    assert_eq!(ev.closure.benefit.money, rupees(770));
    assert_eq!(
        ev.closure.cash_refund, None,
        "Golden Harvest redeems against jewellery only"
    );
    assert_eq!(ev.closure.jewellery_value, Some(rupees(14_000 + 770)));
}

/// Senco Swarna Labh / Yojana / Vriddhi: 6, 11 or 18 installments for 30%, 75% or 150% of
/// one installment; delays reduce the discount proportionately; no benefit under 6
/// installments; closing early falls to the next lower tier; redeem within 60 days.
fn senco(installments: u32) -> PlanTerms {
    let tier = |n, p: &str| Tier {
        installments: n,
        bonus: BonusRule::parse("b", &format!("{p}% of installment")).unwrap(),
    };
    let mut draft = amount_draft(1000, installments);
    draft.rules.tiers = vec![tier(6, "30"), tier(11, "75"), tier(18, "150")];
    draft.bonus = draft.rules.tier(installments).unwrap().bonus;
    draft.rules.lateness.pro_rata_bonus = true;
    draft.rules.redemption_window_days = Some(60);
    draft.rules.closure = ClosurePolicy {
        benefit: PrematureBenefit::LowerTier,
        benefit_from_installments: 6,
        settlement: Settlement::JewelleryOnly,
        ..ClosurePolicy::default()
    };
    PlanTerms::new(draft).unwrap()
}

#[test]
fn senco_tiers_pay_30_75_and_150_percent_of_one_installment() {
    for (n, bonus) in [(6, 300), (11, 750), (18, 1500)] {
        let terms = senco(n);
        let facts = pay_pattern(&terms, "2026-01-10", n, &[], &[]);
        let ev = evaluate(&terms, &facts, calendar::plus_months(date("2026-01-10"), n));
        assert_eq!(ev.closure.kind, ClosureKind::Maturity);
        assert_eq!(ev.closure.benefit.money, rupees(bonus), "{n}-month tier");
    }
}

#[test]
fn senco_premature_closure_falls_to_the_next_lower_tier() {
    let terms = senco(18);
    let facts = pay_pattern(&terms, "2026-01-10", 12, &[], &[]);
    let ev = evaluate(&terms, &facts, date("2027-01-11"));
    assert_eq!(ev.closure.kind, ClosureKind::Premature);
    assert_eq!(
        ev.closure.benefit.money,
        rupees(750),
        "the 11-month benefit"
    );
    let five = evaluate(
        &terms,
        &pay_pattern(&terms, "2026-01-10", 5, &[], &[]),
        date("2026-06-11"),
    );
    assert_eq!(
        five.closure.benefit.money,
        Money::ZERO,
        "no benefit under 6 installments"
    );
    let past_window = evaluate(
        &senco(6),
        &pay_pattern(&senco(6), "2026-01-10", 6, &[], &[]),
        date("2026-09-11"),
    );
    assert_eq!(past_window.state, SchemeState::RedemptionOverdue);
}

/// SR Jewellery Akshayam: 75% off wastage (value addition), on wastage of up to 18%.
#[test]
fn sr_akshayam_waiver_on_a_25_percent_item_leaves_11_5_percent_to_pay() {
    let mut draft = amount_draft(5000, 11);
    draft.bonus = BonusRule::parse("bonus", "75% of making up to 18%").unwrap();
    let terms = PlanTerms::new(draft).unwrap();
    let facts = pay_pattern(&terms, "2026-01-10", 11, &[], &[]);
    let ev = evaluate(&terms, &facts, date("2026-12-10"));
    let (share, cap) = ev
        .closure
        .benefit
        .waiver
        .expect("the waiver terms are recorded");
    let pays = benefit::making_after_waiver(share, cap, rust_decimal::Decimal::from(25));
    assert_eq!(pays.normalize().to_string(), "11.5");
    assert_eq!(
        benefit::making_after_waiver(share, cap, rust_decimal::Decimal::from(12))
            .normalize()
            .to_string(),
        "3"
    );
}

#[test]
fn a_weight_plan_turns_4000_rupees_at_4400_a_gram_into_0_909_grams() {
    let rate = RatePerGram::new(rupees(4400)).unwrap();
    let grams = Weight::bought(rupees(4000), rate);
    assert_eq!(grams.to_plain(), "0.909");
    let terms = PlanTerms::new(crate::test_support::weight_draft(4000, 11)).unwrap();
    let facts = Facts::paid(
        date("2026-01-10"),
        vec![PaidEntry {
            on: date("2026-01-10"),
            amount: rupees(4000),
            grams,
        }],
    );
    let ev = evaluate(&terms, &facts, date("2026-01-10"));
    assert_eq!(ev.total_grams.to_plain(), "0.909");
    // ₹4,000 ÷ 0.909 g = ₹4,400.44/g: the effective average rate.
    assert_eq!(ev.average_rate.unwrap().money().to_plain(), "4400.44");
}

#[test]
fn thangamayil_weight_bonus_gives_more_grams_for_gold_bought_early() {
    let mut draft = crate::test_support::weight_draft(4400, 11);
    draft.rules.weight_bands = vec![
        WeightBand {
            from_day: 1,
            to_day: 75,
            percent: pct("5"),
        },
        WeightBand {
            from_day: 76,
            to_day: 150,
            percent: pct("3.75"),
        },
    ];
    let terms = PlanTerms::new(draft).unwrap();
    let gram = Weight::from_mg(1000);
    let paid = |on: &str| PaidEntry {
        on: date(on),
        amount: rupees(4400),
        grams: gram,
    };
    let facts = Facts::paid(
        date("2026-01-01"),
        vec![paid("2026-01-01"), paid("2026-04-01")],
    );
    let ev = evaluate(&terms, &facts, date("2026-04-02"));
    // Day 1: 5% of 1 g = 0.050 g; day 91: 3.75% of 1 g = 0.0375 → 0.037 g (never rounded up).
    assert_eq!(ev.bonus_so_far.grams.to_plain(), "0.087");
}

/// Kerala Jewellers: 10% of the first installment deducted if closed before 3 payments.
#[test]
fn kerala_jewellers_deduct_10_percent_of_the_first_installment_before_3_payments() {
    let mut draft = amount_draft(2000, 11);
    draft.rules.closure.deductions = vec![Deduction::PercentOfFirstInstallment {
        percent: pct("10"),
        fewer_than: 3,
    }];
    let terms = PlanTerms::new(draft).unwrap();
    let two = evaluate(
        &terms,
        &pay_pattern(&terms, "2026-01-10", 2, &[], &[]),
        date("2026-03-01"),
    );
    assert_eq!(two.closure.cash_refund, Some(rupees(3800)));
    assert_eq!(
        two.closure.deductions[0].label,
        "10% of the first installment (fewer than 3 paid)"
    );
    let three = evaluate(
        &terms,
        &pay_pattern(&terms, "2026-01-10", 3, &[], &[]),
        date("2026-03-20"),
    );
    assert_eq!(three.closure.cash_refund, Some(rupees(6000)));
}

/// Varsha: refund = paid − 3% GST − 2% gateway − the value of gifts given.
#[test]
fn varsha_refund_is_paid_less_gst_gateway_and_gifts() {
    let mut draft = amount_draft(5000, 11);
    draft.rules.closure.deductions = vec![
        Deduction::Gst { percent: pct("3") },
        Deduction::Gateway { percent: pct("2") },
        Deduction::GiftsGiven,
    ];
    let terms = PlanTerms::new(draft).unwrap();
    let mut facts = pay_pattern(&terms, "2026-01-10", 4, &[], &[]);
    facts.gifts_given.push(GiftGiven {
        item: "Bag".into(),
        value: rupees(350),
        on: date("2026-02-10"),
    });
    let quote = evaluate(&terms, &facts, date("2026-04-20")).closure;
    let items: Vec<(String, String)> = quote
        .deductions
        .iter()
        .map(|d| (d.label.clone(), d.amount.to_plain()))
        .collect();
    assert_eq!(
        items,
        [
            ("GST 3%".to_string(), "600.00".to_string()),
            ("Payment gateway charges 2%".into(), "400.00".into()),
            ("Gifts given (Bag)".into(), "350.00".into())
        ]
    );
    assert_eq!(quote.cash_refund, Some(rupees(20_000 - 600 - 400 - 350)));
}

// ---- The simulator ----------------------------------------------------------------

#[test]
fn the_simulator_reads_a_payment_pattern_and_quotes_the_outcome() {
    let pattern =
        Pattern::parse("on time, late in months 3 and 7, skips month 5, closes after month 6")
            .unwrap();
    assert_eq!(
        pattern,
        Pattern {
            late: vec![3, 7],
            skipped: vec![5],
            close_after: Some(6),
            pauses: vec![]
        }
    );
    let sim = simulate(
        &golden_harvest(),
        date("2026-01-01"),
        &Pattern::parse("late 4 7").unwrap(),
        simulate::nominal_rate(),
    );
    assert_eq!(sim.evaluation.late_installments, vec![4, 7]);
    assert_eq!(
        sim.evaluation.bonus_at_maturity.money,
        rupees(880),
        "55% of ₹2,000 × 8/10"
    );
    assert!(Pattern::parse("pay whenever").is_err());
}

#[test]
fn a_simulated_early_closure_is_quoted_on_the_day_the_next_installment_would_fall_due() {
    let sim = simulate(
        &senco(18),
        date("2026-01-10"),
        &Pattern::parse("close 12").unwrap(),
        simulate::nominal_rate(),
    );
    assert_eq!(sim.evaluation.on, date("2027-01-10"));
    assert_eq!(sim.evaluation.closure.benefit.money, rupees(750));
}
