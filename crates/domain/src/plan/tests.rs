use super::*;
use crate::test_support::{amount_draft, amount_plan, flexible_draft, flexible_plan, weight_draft};

fn refusal(draft: PlanTermsDraft) -> String {
    PlanTerms::new(draft).unwrap_err().to_string()
}

#[test]
fn plan_kinds_are_read_from_their_names() {
    assert_eq!(
        PlanKind::parse("kind", " Flexible ").unwrap(),
        PlanKind::Flexible
    );
    assert_eq!(PlanKind::Weight.as_str(), "weight");
    assert_eq!(
        PlanKind::parse("kind", "gold").unwrap_err().to_string(),
        "kind: must be one of amount, weight, flexible"
    );
}

#[test]
fn an_amount_plan_is_due_its_installment_every_month() {
    let terms = amount_plan(5000, 11);
    assert_eq!(terms.expected_per_installment(), Money::from_rupees(5000));
    assert_eq!(terms.total_payable(), Money::from_rupees(55_000));
    assert_eq!(terms.most_payable(), Money::from_rupees(55_000));
}

#[test]
fn a_flexible_plan_expects_its_minimum_but_accepts_up_to_its_maximum() {
    let terms = flexible_plan(1000, 5000, 12);
    assert_eq!(terms.expected_per_installment(), Money::from_rupees(1000));
    assert_eq!(terms.total_payable(), Money::from_rupees(12_000));
    assert_eq!(terms.most_payable(), Money::from_rupees(60_000));
}

#[test]
fn amount_and_weight_plans_need_a_positive_installment_and_no_range() {
    assert_eq!(
        refusal(PlanTermsDraft {
            installment: None,
            ..amount_draft(0, 11)
        }),
        "installment: is required for an amount plan"
    );
    assert_eq!(
        refusal(amount_draft(0, 11)),
        "installment: must be greater than zero"
    );
    let with_min = PlanTermsDraft {
        min_amount: Some(Money::from_rupees(1)),
        ..amount_draft(5000, 11)
    };
    assert_eq!(
        refusal(with_min),
        "min_amount: applies only to flexible plans"
    );
    let with_max = PlanTermsDraft {
        max_amount: Some(Money::from_rupees(1)),
        ..weight_draft(5000, 11)
    };
    assert_eq!(
        refusal(with_max),
        "max_amount: applies only to flexible plans"
    );
}

#[test]
fn a_weight_plan_needs_a_purity() {
    assert_eq!(
        refusal(PlanTermsDraft {
            purity: None,
            ..weight_draft(5000, 11)
        }),
        "purity: is required for a weight plan"
    );
    assert_eq!(
        PlanTerms::new(weight_draft(5000, 11)).unwrap().purity,
        Some(Purity::K22)
    );
}

#[test]
fn a_flexible_plan_needs_a_range_with_minimum_at_most_maximum() {
    assert_eq!(
        refusal(flexible_draft(0, 5000, 12)),
        "min_amount: must be greater than zero"
    );
    assert_eq!(
        refusal(flexible_draft(5000, 4999, 12)),
        "max_amount: must be at least the minimum amount"
    );
    assert!(PlanTerms::new(flexible_draft(5000, 5000, 12)).is_ok());
    let no_max = PlanTermsDraft {
        max_amount: None,
        ..flexible_draft(1000, 5000, 12)
    };
    assert_eq!(
        refusal(no_max),
        "max_amount: is required for a flexible plan"
    );
    let with_installment = PlanTermsDraft {
        installment: Some(Money::from_rupees(1000)),
        ..flexible_draft(1000, 5000, 12)
    };
    assert!(refusal(with_installment).starts_with("installment: does not apply to flexible plans"));
}

#[test]
fn installments_run_from_1_to_60() {
    assert_eq!(
        refusal(amount_draft(5000, 0)),
        "installments: must be between 1 and 60"
    );
    assert_eq!(
        refusal(amount_draft(5000, 61)),
        "installments: must be between 1 and 60"
    );
    assert!(PlanTerms::new(amount_draft(5000, 60)).is_ok());
}

#[test]
fn due_day_is_a_day_of_the_month_and_grace_at_most_31_days() {
    assert_eq!(
        refusal(PlanTermsDraft {
            due_day: Some(0),
            ..amount_draft(5000, 11)
        }),
        "due_day: must be a day of the month from 1 to 31"
    );
    assert_eq!(
        refusal(PlanTermsDraft {
            due_day: Some(32),
            ..amount_draft(5000, 11)
        }),
        "due_day: must be a day of the month from 1 to 31"
    );
    assert_eq!(
        refusal(PlanTermsDraft {
            grace_days: 32,
            ..amount_draft(5000, 11)
        }),
        "grace_days: must be between 0 and 31 days"
    );
    assert!(
        PlanTerms::new(PlanTermsDraft {
            due_day: Some(31),
            grace_days: 0,
            ..amount_draft(5000, 11)
        })
        .is_ok()
    );
}

#[test]
fn terms_survive_a_trip_through_json() {
    let terms = PlanTerms::new(weight_draft(5000, 11)).unwrap();
    let json = serde_json::to_string(&terms).unwrap();
    assert!(json.contains(r#""installment":"5000.00""#), "{json}");
    assert!(
        json.contains(r#""purity":"22K""#) && json.contains(r#""bonus":"1 installment""#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<PlanTerms>(&json).unwrap(), terms);
}

#[test]
fn plan_codes_are_upper_cased_and_short() {
    assert_eq!(
        PlanCode::parse(" swarna-11 ").unwrap().as_str(),
        "SWARNA-11"
    );
    for text in ["", "SWARNA 11", "ABCDEFGHIJKLMNOPQ"] {
        assert_eq!(
            PlanCode::parse(text).unwrap_err().to_string(),
            "code: must be 1 to 16 letters, digits, - or _",
            "{text}"
        );
    }
}

#[test]
fn a_plan_code_can_be_made_from_the_plan_name() {
    assert_eq!(
        PlanCode::from_name("Swarna 11").unwrap().as_str(),
        "SWARNA11"
    );
    assert_eq!(
        PlanCode::from_name("Dhanteras Special Savings 2026")
            .unwrap()
            .as_str(),
        "DHANTERASSPECIAL"
    );
    assert!(PlanCode::from_name("स्वर्ण योजना").is_err());
}
