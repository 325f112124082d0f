//! Properties that must hold for every input, not just the worked examples in the unit tests.

use chrono::{Days, NaiveDate};
use kanak_domain::{
    BonusRule, Money, PaidEntry, PlanKind, PlanTerms, PlanTermsDraft, RatePerGram, Weight, check_payment,
    installment_for, position, schedule, verhoeff_check_digit, verhoeff_valid,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Up to ₹1 lakh per installment, 1 to 60 installments, any due day and grace.
fn amount_plan() -> impl Strategy<Value = PlanTerms> {
    (1i64..=10_000_000, 1u32..=60, prop::option::of(1u8..=31), 0u8..=31).prop_map(
        |(installment_paise, installments, due_day, grace_days)| {
            PlanTerms::new(PlanTermsDraft {
                kind: PlanKind::Amount,
                installment: Some(Money::from_paise(installment_paise)),
                min_amount: None,
                max_amount: None,
                installments,
                due_day,
                grace_days,
                purity: None,
                bonus: BonusRule::Installments(1),
                terms_text: String::new(),
            })
            .expect("the strategy only makes valid plans")
        },
    )
}

/// Any day from 2000 to about 2100.
fn a_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..36_500).prop_map(|days| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(days))
}

/// A plan and payments (in paise) that together stay within its total.
fn plan_with_payments() -> impl Strategy<Value = (PlanTerms, Vec<i64>)> {
    amount_plan().prop_flat_map(|terms| {
        let total = terms.total_payable().paise();
        let payments = prop::collection::vec(1i64..=total, 0..12).prop_map(move |mut amounts| {
            // Keep the payments while their running total stays within the plan's total.
            let mut running = 0;
            amounts.retain(|a| {
                running += a;
                running <= total
            });
            amounts
        });
        (Just(terms), payments)
    })
}

fn entries(on: NaiveDate, amounts: &[i64]) -> Vec<PaidEntry> {
    amounts
        .iter()
        .map(|p| PaidEntry {
            on,
            amount: Money::from_paise(*p),
        })
        .collect()
}

proptest! {
    #[test]
    fn schedule_sums_to_plan_total(terms in amount_plan(), start in a_date()) {
        let dues = schedule(&terms, start);
        prop_assert_eq!(dues.len(), terms.installments as usize);
        prop_assert_eq!(dues.iter().map(|d| d.amount).sum::<Money>(), terms.total_payable());
    }

    #[test]
    fn schedule_dates_strictly_increase_from_the_start(terms in amount_plan(), start in a_date()) {
        let dues = schedule(&terms, start);
        prop_assert_eq!(dues[0].due_date, start);
        for pair in dues.windows(2) {
            prop_assert!(pair[0].due_date < pair[1].due_date, "{:?}", pair);
        }
    }

    #[test]
    fn allocation_never_creates_or_loses_a_paisa(
        (terms, paid) in plan_with_payments(),
        start in a_date(),
        days_later in 0u64..2000,
    ) {
        let today = start + Days::new(days_later);
        let pos = position(&terms, start, &entries(start, &paid), today);
        let total: i64 = paid.iter().sum();
        prop_assert_eq!(pos.total_paid.paise(), total);
        prop_assert_eq!(pos.installments.iter().map(|i| i.paid).sum::<Money>(), pos.total_paid);
        prop_assert_eq!(pos.remaining, terms.total_payable() - pos.total_paid);
        prop_assert!(pos.installments.iter().all(|i| i.paid <= i.amount && i.paid.paise() >= 0));
    }

    #[test]
    fn a_new_payment_settles_the_first_installment_not_fully_paid(
        (terms, paid) in plan_with_payments(),
        start in a_date(),
    ) {
        let pos = position(&terms, start, &entries(start, &paid), start);
        let paid_before = pos.total_paid;
        let first_open = pos.installments.iter().find(|i| i.paid < i.amount).map_or(terms.installments, |i| i.number);
        prop_assert_eq!(installment_for(&terms, paid_before), first_open);
    }

    #[test]
    fn an_accepted_payment_never_takes_a_plan_past_its_total(
        terms in amount_plan(), paid_before_share in 0u32..=100, amount_paise in 1i64..=700_000_000,
    ) {
        let paid_before = terms.total_payable().percent(Decimal::from(paid_before_share));
        let amount = Money::from_paise(amount_paise);
        let accepted = check_payment(&terms, paid_before, amount).is_ok();
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
