use super::*;
use crate::test_support::{amount_plan, flexible_plan};
use InstallmentStatus::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rupees(r: i64) -> Money {
    Money::from_rupees(r)
}

fn payments(amounts: &[i64]) -> Vec<PaidEntry> {
    amounts
        .iter()
        .map(|r| PaidEntry {
            on: date("2026-04-10"),
            amount: rupees(*r),
        })
        .collect()
}

/// ₹5,000 × 11 started 2026-04-10 (installment 2 due 2026-05-10, 3 on 2026-06-10), 7 grace days.
fn swarna_on(paid: &[i64], today: &str) -> Position {
    position(&amount_plan(5000, 11), date("2026-04-10"), &payments(paid), date(today))
}

fn statuses(pos: &Position, first: usize) -> Vec<InstallmentStatus> {
    pos.installments.iter().take(first).map(|i| i.status).collect()
}

#[test]
fn the_first_installment_paid_at_enrollment_leaves_nothing_outstanding() {
    let pos = swarna_on(&[5000], "2026-04-10");
    assert_eq!(statuses(&pos, 3), [Paid, Upcoming, Upcoming]);
    assert_eq!(
        (pos.total_paid, pos.remaining, pos.outstanding),
        (rupees(5000), rupees(50_000), Money::ZERO)
    );
    assert_eq!(pos.next_due, Some((date("2026-05-10"), rupees(5000))));
    assert_eq!((pos.paid_installments, pos.overdue_count), (1, 0));
}

#[test]
fn an_installment_is_due_on_its_day_in_grace_for_the_grace_days_then_overdue() {
    assert_eq!(statuses(&swarna_on(&[5000], "2026-05-10"), 2), [Paid, Due]);
    assert_eq!(statuses(&swarna_on(&[5000], "2026-05-11"), 2), [Paid, InGrace]);
    assert_eq!(statuses(&swarna_on(&[5000], "2026-05-17"), 2), [Paid, InGrace]);
    let late = swarna_on(&[5000], "2026-05-18");
    assert_eq!(statuses(&late, 2), [Paid, Overdue]);
    assert_eq!((late.overdue_count, late.outstanding), (1, rupees(5000)));
}

#[test]
fn a_short_payment_leaves_the_installment_partly_paid_until_it_is_overdue() {
    let pos = swarna_on(&[5000, 2000], "2026-05-12");
    assert_eq!(statuses(&pos, 3), [Paid, PartlyPaid, Upcoming]);
    assert_eq!(pos.installments[1].paid, rupees(2000));
    assert_eq!(pos.outstanding, rupees(3000));
    assert_eq!(pos.next_due, Some((date("2026-05-10"), rupees(3000))));

    let later = swarna_on(&[5000, 2000], "2026-06-20");
    assert_eq!(statuses(&later, 4), [Paid, Overdue, Overdue, Upcoming]);
    assert_eq!((later.overdue_count, later.outstanding), (2, rupees(8000)));
}

#[test]
fn paying_ahead_fills_the_next_installments_in_order() {
    let pos = swarna_on(&[12_000], "2026-04-10");
    assert_eq!(statuses(&pos, 4), [Paid, Paid, PartlyPaid, Upcoming]);
    assert_eq!(pos.installments[2].paid, rupees(2000));
    assert_eq!(pos.paid_installments, 2);
    assert_eq!(pos.next_due, Some((date("2026-06-10"), rupees(3000))));
}

#[test]
fn a_fully_paid_plan_has_nothing_remaining_or_next() {
    let pos = swarna_on(&[55_000], "2027-06-01");
    assert!(pos.installments.iter().all(|i| i.status == Paid));
    assert_eq!(
        (pos.remaining, pos.outstanding, pos.next_due),
        (Money::ZERO, Money::ZERO, None)
    );
    assert_eq!(pos.paid_installments, 11);
}

#[test]
fn nothing_paid_a_year_later_makes_every_past_installment_overdue() {
    let pos = swarna_on(&[], "2027-04-10");
    assert_eq!(pos.overdue_count, 11);
    assert_eq!(pos.outstanding, rupees(55_000));
    assert_eq!(pos.remaining, rupees(55_000));
}

#[test]
fn a_payment_settles_the_installment_its_first_paisa_lands_in() {
    let terms = amount_plan(5000, 11);
    assert_eq!(installment_for(&terms, Money::ZERO), 1);
    assert_eq!(installment_for(&terms, Money::from_paise(499_999)), 1);
    assert_eq!(installment_for(&terms, rupees(5000)), 2);
    assert_eq!(installment_for(&terms, rupees(12_000)), 3);
    assert_eq!(
        installment_for(&terms, rupees(55_000)),
        11,
        "capped at the last installment"
    );
}

#[test]
fn a_payment_beyond_what_is_still_payable_is_refused() {
    let terms = amount_plan(5000, 11);
    assert_eq!(check_payment(&terms, rupees(50_000), rupees(5000)), Ok(()));
    let e = check_payment(&terms, rupees(52_000), rupees(5000)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "amount: exceeds the ₹3,000.00 still payable on this plan"
    );
    let e = check_payment(&terms, rupees(55_000), rupees(1)).unwrap_err();
    assert_eq!(e.to_string(), "amount: this plan is already fully paid");
    assert_eq!(
        check_payment(&terms, Money::ZERO, Money::ZERO).unwrap_err().to_string(),
        "amount: must be greater than zero"
    );
}

#[test]
fn a_flexible_payment_must_be_within_the_plans_range() {
    let terms = flexible_plan(1000, 5000, 12);
    assert_eq!(check_payment(&terms, Money::ZERO, rupees(1000)), Ok(()));
    assert_eq!(check_payment(&terms, Money::ZERO, rupees(5000)), Ok(()));
    let e = check_payment(&terms, Money::ZERO, Money::from_paise(99_999)).unwrap_err();
    assert_eq!(e.to_string(), "amount: must be between ₹1,000.00 and ₹5,000.00");
    assert!(check_payment(&terms, Money::ZERO, Money::from_paise(500_001)).is_err());
}

#[test]
fn a_flexible_plan_accepts_its_maximum_every_month_but_no_more() {
    let terms = flexible_plan(1000, 5000, 12);
    // Eleven maximum payments in, the twelfth may still be the maximum...
    assert_eq!(check_payment(&terms, rupees(55_000), rupees(5000)), Ok(()));
    // ...but not beyond twelve months at the maximum.
    let e = check_payment(&terms, rupees(57_000), rupees(4000)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "amount: exceeds the ₹3,000.00 still payable on this plan"
    );
}

#[test]
fn installment_statuses_have_snake_case_names() {
    assert_eq!(serde_json::to_string(&InGrace).unwrap(), r#""in_grace""#);
    assert_eq!(PartlyPaid.as_str(), "partly_paid");
}
