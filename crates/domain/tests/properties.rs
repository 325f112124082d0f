//! Properties that must hold for every input, not just the worked examples in the unit tests.

use chrono::{Days, NaiveDate};
use kanak_domain::engine::calendar::plus_months;
use kanak_domain::engine::change::check_payment;
use kanak_domain::rules::{Deduction, LateFee, PrematureBenefit, Tier};
use kanak_domain::{
    BonusRule, Facts, Money, PaidEntry, Percent, PlanKind, PlanRules, PlanTerms, PlanTermsDraft,
    RatePerGram, Weight, evaluate, verhoeff_check_digit, verhoeff_valid,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Any mix of the lateness, reward and closure rules.
fn some_rules() -> impl Strategy<Value = PlanRules> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u32..4,
        0u32..3,
        1u32..=20,
    )
        .prop_map(|(pro_rata, extend, late_fee, deductions, benefit, pct)| {
            let mut rules = PlanRules::default();
            rules.lateness.pro_rata_bonus = pro_rata;
            rules.lateness.extend_maturity = extend;
            rules.lateness.late_fee = late_fee.then(|| LateFee::PercentPerMonth {
                percent: Percent::whole(pct),
            });
            let all = [
                Deduction::PercentOfPaid {
                    percent: Percent::whole(pct),
                },
                Deduction::Gst {
                    percent: Percent::whole(3),
                },
                Deduction::PercentOfFirstInstallment {
                    percent: Percent::whole(10),
                    fewer_than: 3,
                },
            ];
            rules.closure.deductions = all[..deductions as usize].to_vec();
            rules.closure.benefit = [
                PrematureBenefit::None,
                PrematureBenefit::ProRata,
                PrematureBenefit::LowerTier,
            ][benefit as usize];
            rules
        })
}

const BONUSES: [&str; 4] = [
    "1 installment",
    "75% of installment",
    "5% of total",
    "55% to 75% of installment from month 1 to 3",
];

/// Up to ₹1 lakh per installment, 1 to 60 installments, any due day and grace, any rules.
fn amount_plan() -> impl Strategy<Value = PlanTerms> {
    (
        1i64..=10_000_000,
        1u32..=60,
        prop::option::of(1u8..=31),
        0u8..=31,
        some_rules(),
        0usize..4,
    )
        .prop_map(
            |(installment_paise, installments, due_day, grace_days, mut rules, bonus)| {
                if matches!(rules.closure.benefit, PrematureBenefit::LowerTier) && installments > 1
                {
                    rules.tiers = vec![
                        Tier {
                            installments: 1,
                            bonus: BonusRule::parse("b", "30% of installment").unwrap(),
                        },
                        Tier {
                            installments,
                            bonus: BonusRule::parse("b", BONUSES[bonus]).unwrap(),
                        },
                    ];
                }
                let bonus = BONUSES[bonus];
                PlanTerms::new(PlanTermsDraft {
                    kind: PlanKind::Amount,
                    installment: Some(Money::from_paise(installment_paise)),
                    min_amount: None,
                    max_amount: None,
                    installments,
                    due_day,
                    grace_days,
                    purity: None,
                    bonus: BonusRule::parse("bonus", bonus).unwrap(),
                    terms_text: String::new(),
                    rules,
                })
                .expect("the strategy only makes valid plans")
            },
        )
}

/// Any day from 2000 to about 2100.
fn a_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..36_500).prop_map(|days| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(days))
}

/// A plan and payments (in paise, each after a number of days) that stay within its total.
fn plan_with_payments() -> impl Strategy<Value = (PlanTerms, Vec<(u64, i64)>)> {
    amount_plan().prop_flat_map(|terms| {
        let total = terms.total_payable().paise();
        let payments = prop::collection::vec((0u64..2000, 1i64..=total), 0..12).prop_map(
            move |mut payments| {
                let mut running = 0;
                payments.retain(|(_, a)| {
                    running += a;
                    running <= total
                });
                payments
            },
        );
        (Just(terms), payments)
    })
}

fn facts(start: NaiveDate, payments: &[(u64, i64)]) -> Facts {
    let entries = payments
        .iter()
        .map(|(days, p)| PaidEntry::money(start + Days::new(*days), Money::from_paise(*p)))
        .collect();
    Facts::paid(start, entries)
}

/// Pays every installment on its due date, or (those in `late`) a day after grace ends.
fn on_schedule(terms: &PlanTerms, start: NaiveDate, late: &[u32]) -> Facts {
    let plan = evaluate(terms, &Facts::paid(start, Vec::new()), start);
    let entries = plan
        .installments
        .iter()
        .map(|l| {
            let on = if late.contains(&l.number) {
                l.grace_ends + Days::new(1)
            } else {
                l.due_date
            };
            PaidEntry::money(on, l.amount)
        })
        .collect();
    Facts::paid(start, entries)
}

proptest! {
    #[test]
    fn a_schedule_always_sums_to_its_terms(terms in amount_plan(), start in a_date()) {
        let ev = evaluate(&terms, &Facts::paid(start, Vec::new()), start);
        prop_assert_eq!(ev.installments.len(), terms.installments as usize);
        prop_assert_eq!(ev.installments.iter().map(|l| l.amount).sum::<Money>(), terms.total_payable());
        prop_assert_eq!(ev.installments[0].due_date, start);
        for pair in ev.installments.windows(2) {
            prop_assert!(pair[0].due_date < pair[1].due_date, "{:?}", pair);
        }
    }

    #[test]
    fn no_combination_of_rules_creates_or_loses_money(
        (terms, paid) in plan_with_payments(), start in a_date(), days_later in 0u64..2500,
    ) {
        let ev = evaluate(&terms, &facts(start, &paid), start + Days::new(days_later));
        let received: i64 = paid.iter().filter(|(d, _)| *d <= days_later).map(|(_, p)| p).sum();
        prop_assert_eq!(ev.total_paid.paise(), received);
        prop_assert_eq!(ev.installments.iter().map(|l| l.paid).sum::<Money>(), ev.total_paid);
        prop_assert!(ev.installments.iter().all(|l| l.paid <= l.amount && l.paid.paise() >= 0));
        let quote = &ev.closure;
        let deducted: Money = quote.deductions.iter().map(|d| d.amount).sum();
        if let Some(refund) = quote.cash_refund {
            prop_assert!(refund >= Money::ZERO && refund <= ev.total_paid);
            prop_assert!(refund == ev.total_paid - deducted || refund.is_zero());
        }
        // Nothing is given beyond what was paid plus the richest bonus the plan offers.
        let worth = |rule: &BonusRule| rule.money(terms.expected_per_installment(), terms.total_payable(), 60);
        let most_bonus = terms.rules.tiers.iter().map(|t| worth(&t.bonus)).chain([worth(&terms.bonus)]).max().unwrap();
        if let Some(value) = quote.jewellery_value {
            prop_assert!(value <= ev.total_paid + most_bonus, "{} > {} + {}", value, ev.total_paid, most_bonus);
        }
    }

    #[test]
    fn paying_late_never_earns_more_than_paying_on_time(
        terms in amount_plan(), start in a_date(), late in prop::collection::vec(1u32..=60, 0..6), extra_days in 0u64..120,
    ) {
        let on = plus_months(start, terms.installments + 6) + Days::new(extra_days);
        let on_time = evaluate(&terms, &on_schedule(&terms, start, &[]), on);
        let late = evaluate(&terms, &on_schedule(&terms, start, &late), on);
        prop_assert!(late.bonus_so_far.money <= on_time.bonus_so_far.money);
        prop_assert!(late.closure.jewellery_value <= on_time.closure.jewellery_value);
        prop_assert!(late.closure.cash_refund <= on_time.closure.cash_refund);
    }

    #[test]
    fn an_accepted_payment_never_takes_a_plan_past_its_total(
        terms in amount_plan(), paid_before_share in 0u32..=100, amount_paise in 1i64..=700_000_000, start in a_date(),
    ) {
        let paid_before = terms.total_payable().percent(Decimal::from(paid_before_share));
        let facts = Facts::paid(start, vec![PaidEntry::money(start, paid_before)]);
        let amount = Money::from_paise(amount_paise);
        let accepted = check_payment(&terms, &facts, amount, start).is_ok();
        prop_assert_eq!(accepted, paid_before + amount <= terms.total_payable());
    }

    #[test]
    fn grams_are_never_rounded_up(amount_paise in 0i64..=100_000_000_000, rate_paise in 1i64..=100_000_000) {
        let rate = RatePerGram::new(Money::from_paise(rate_paise)).unwrap();
        let mg = i128::from(Weight::bought(Money::from_paise(amount_paise), rate).mg());
        let paid_milli_paise = i128::from(amount_paise) * 1000;
        // The gold credited costs no more than was paid, and one more milligram would.
        prop_assert!(mg * i128::from(rate_paise) <= paid_milli_paise);
        prop_assert!((mg + 1) * i128::from(rate_paise) > paid_milli_paise);
    }

    #[test]
    fn money_parse_and_to_plain_round_trip(paise in any::<i64>()) {
        let money = Money::from_paise(paise);
        prop_assert_eq!(Money::parse("amount", &money.to_plain()), Ok(money));
        prop_assert_eq!(Money::parse("amount", &money.format_inr()), Ok(money));
    }

    #[test]
    fn percent_is_within_half_a_paisa_of_the_exact_share(
        paise in -10_000_000_000i64..=10_000_000_000, hundredths in 0i64..=100_000,
    ) {
        let money = Money::from_paise(paise);
        let pct = Decimal::new(hundredths, 2);
        let exact = money.as_decimal() * pct / Decimal::ONE_HUNDRED;
        let error = (money.percent(pct).as_decimal() - exact).abs();
        prop_assert!(error <= Decimal::new(5, 3), "{} vs {}", money.percent(pct), exact);
    }

    #[test]
    fn weight_parse_and_to_plain_round_trip(mg in 0i64..=i64::MAX) {
        let weight = Weight::from_mg(mg);
        prop_assert_eq!(Weight::parse("grams", &weight.to_plain()), Ok(weight));
    }

    #[test]
    fn a_computed_check_digit_is_valid_and_any_single_typo_is_not(
        payload in "[2-9][0-9]{10}", position in 0usize..12, shift in 1u8..=9,
    ) {
        let number = format!("{payload}{}", verhoeff_check_digit(&payload).unwrap());
        prop_assert!(verhoeff_valid(&number));
        let mut typo = number.into_bytes();
        typo[position] = b'0' + (typo[position] - b'0' + shift) % 10;
        prop_assert!(!verhoeff_valid(std::str::from_utf8(&typo).unwrap()));
    }
}
