//! India's limits on how a jeweller may take money, as pure rules.
//!
//! - Income-tax Act s.269ST: cash from one person in one day *totalling* the limit
//!   (₹2,00,000 by default) or more is refused — the total including the payment at hand.
//!   Only cash counts; UPI, card, bank and cheque are not cash.
//! - A payment or redemption *over* the PAN limit (₹2,00,000 by default) needs the
//!   customer's PAN, or a Form 60 declaration when they have none.
//!
//! The use case loads the facts (what was already received today, what is on record);
//! these functions only decide.

use crate::field::FieldError;
use crate::money::Money;
use crate::payment::PaymentMode;

/// The shop's limits (settings; both default to ₹2,00,000.00).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ComplianceLimits {
    /// Cash from one person in a day may not total this much or more.
    pub cash_per_day: Money,
    /// A single payment or redemption above this needs PAN or Form 60.
    pub pan_required_above: Money,
}

impl ComplianceLimits {
    /// ₹2,00,000.00 for both: s.269ST and the PAN rule for jewellers (Rule 114B).
    pub fn defaults() -> ComplianceLimits {
        ComplianceLimits {
            cash_per_day: Money::from_rupees(200_000),
            pan_required_above: Money::from_rupees(200_000),
        }
    }
}

/// A payment about to be taken, with what is already known about its payer.
#[derive(Clone, Copy, Debug)]
pub struct PaymentFacts {
    pub mode: PaymentMode,
    pub amount: Money,
    /// Cash already received from this customer on the payment's day, over all their
    /// enrollments (payments that did not fail).
    pub cash_already_today: Money,
    /// The customer has a PAN on record, or a recorded Form 60 declaration.
    pub pan_or_form60: bool,
}

/// Refuses a payment that breaks s.269ST (cash) or lacks PAN/Form 60 (any mode).
/// The cash rule is checked first: a PAN cannot make illegal cash legal.
pub fn check_payment_compliance(
    limits: &ComplianceLimits,
    facts: &PaymentFacts,
) -> Result<(), FieldError> {
    if facts.mode == PaymentMode::Cash {
        check_cash_limit(limits.cash_per_day, facts.cash_already_today, facts.amount)?;
    }
    check_pan(
        "payment",
        limits.pan_required_above,
        facts.amount,
        facts.pan_or_form60,
    )
}

/// A redemption (closing a plan against jewellery) over the PAN limit needs PAN or Form 60.
pub fn check_redemption_compliance(
    limits: &ComplianceLimits,
    amount: Money,
    pan_or_form60: bool,
) -> Result<(), FieldError> {
    check_pan(
        "redemption",
        limits.pan_required_above,
        amount,
        pan_or_form60,
    )
}

fn check_cash_limit(limit: Money, already: Money, amount: Money) -> Result<(), FieldError> {
    if already + amount < limit {
        return Ok(());
    }
    let mut problem = format!(
        "cash of {} or more from one person in a day is not allowed (Income-tax Act s.269ST)",
        limit.format_inr()
    );
    if already.is_positive() {
        problem.push_str(&format!(
            ": {} already received today",
            already.format_inr()
        ));
    }
    Err(FieldError::new("amount", problem))
}

fn check_pan(
    what: &str,
    above: Money,
    amount: Money,
    pan_or_form60: bool,
) -> Result<(), FieldError> {
    if amount <= above || pan_or_form60 {
        return Ok(());
    }
    Err(FieldError::new(
        "pan",
        format!(
            "is required for a {what} over {} (or record a Form 60 declaration)",
            above.format_inr()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        Money::parse("amount", s).unwrap()
    }

    fn cash(amount: &str, already: &str) -> Result<(), FieldError> {
        let facts = PaymentFacts {
            mode: PaymentMode::Cash,
            amount: money(amount),
            cash_already_today: money(already),
            pan_or_form60: true,
        };
        check_payment_compliance(&ComplianceLimits::defaults(), &facts)
    }

    fn paid_by(mode: PaymentMode, amount: &str, pan_or_form60: bool) -> Result<(), FieldError> {
        let facts = PaymentFacts {
            mode,
            amount: money(amount),
            cash_already_today: Money::ZERO,
            pan_or_form60,
        };
        check_payment_compliance(&ComplianceLimits::defaults(), &facts)
    }

    #[test]
    fn cash_just_under_two_lakh_in_a_day_is_accepted() {
        assert_eq!(cash("199999.99", "0"), Ok(()));
    }

    #[test]
    fn cash_totalling_exactly_two_lakh_is_refused_citing_269st() {
        let e = cash("200000", "0").unwrap_err();
        assert_eq!(e.field, "amount");
        assert_eq!(
            e.problem,
            "cash of ₹2,00,000.00 or more from one person in a day is not allowed (Income-tax Act s.269ST)"
        );
    }

    #[test]
    fn cash_split_across_payments_on_one_day_is_added_up() {
        let e = cash("50000", "150000").unwrap_err();
        assert_eq!(
            e.problem,
            "cash of ₹2,00,000.00 or more from one person in a day is not allowed (Income-tax Act s.269ST): \
             ₹1,50,000.00 already received today"
        );
        assert_eq!(cash("49999.99", "150000"), Ok(()));
    }

    #[test]
    fn a_new_day_starts_from_nothing() {
        // The caller sums only the payment's own day; yesterday's ₹1,50,000 is not today's.
        assert_eq!(cash("150000", "0"), Ok(()));
    }

    #[test]
    fn non_cash_modes_are_not_counted_for_269st() {
        for mode in [
            PaymentMode::Upi,
            PaymentMode::Card,
            PaymentMode::Bank,
            PaymentMode::Cheque,
        ] {
            let facts = PaymentFacts {
                mode,
                amount: money("200000"),
                cash_already_today: money("199999"),
                pan_or_form60: true,
            };
            assert_eq!(
                check_payment_compliance(&ComplianceLimits::defaults(), &facts),
                Ok(()),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn a_payment_over_two_lakh_needs_pan_or_form60() {
        let e = paid_by(PaymentMode::Bank, "200000.01", false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "pan: is required for a payment over ₹2,00,000.00 (or record a Form 60 declaration)"
        );
        assert_eq!(paid_by(PaymentMode::Bank, "200000.01", true), Ok(()));
    }

    #[test]
    fn exactly_two_lakh_is_not_over_the_pan_limit() {
        assert_eq!(paid_by(PaymentMode::Upi, "200000", false), Ok(()));
    }

    #[test]
    fn the_cash_rule_is_reported_before_the_pan_rule() {
        assert_eq!(
            paid_by(PaymentMode::Cash, "250000", false)
                .unwrap_err()
                .field,
            "amount"
        );
    }

    #[test]
    fn the_limits_are_the_shops_settings() {
        let limits = ComplianceLimits {
            cash_per_day: money("10000"),
            pan_required_above: money("50000"),
        };
        let facts = PaymentFacts {
            mode: PaymentMode::Cash,
            amount: money("10000"),
            cash_already_today: Money::ZERO,
            pan_or_form60: true,
        };
        assert!(
            check_payment_compliance(&limits, &facts)
                .unwrap_err()
                .problem
                .contains("₹10,000.00")
        );
        assert!(check_redemption_compliance(&limits, money("50000.01"), false).is_err());
    }

    #[test]
    fn a_redemption_over_two_lakh_needs_pan_or_form60() {
        let limits = ComplianceLimits::defaults();
        let e = check_redemption_compliance(&limits, money("250000"), false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "pan: is required for a redemption over ₹2,00,000.00 (or record a Form 60 declaration)"
        );
        assert_eq!(
            check_redemption_compliance(&limits, money("250000"), true),
            Ok(())
        );
        assert_eq!(
            check_redemption_compliance(&limits, money("200000"), false),
            Ok(())
        );
    }
}
