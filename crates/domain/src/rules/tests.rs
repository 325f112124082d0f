use super::*;
use crate::plan::PlanTerms;
use crate::test_support::amount_draft;

#[test]
fn an_empty_rule_set_is_the_plain_scheme() {
    let rules: PlanRules = serde_json::from_str("{}").unwrap();
    assert_eq!(rules, PlanRules::default());
    assert!(rules.advance_payments && rules.show_gold_to_customer);
}

#[test]
fn tiers_must_include_the_plans_own_length_in_order() {
    let tier = |n| Tier {
        installments: n,
        bonus: BonusRule::None,
    };
    let mut draft = amount_draft(1000, 11);
    draft.rules.tiers = vec![tier(6), tier(18)];
    assert_eq!(
        PlanTerms::new(draft.clone()).unwrap_err().to_string(),
        "rules.tiers: must include the plan's own number of installments"
    );
    draft.rules.tiers = vec![tier(11), tier(6)];
    assert_eq!(PlanTerms::new(draft).unwrap_err().field, "rules.tiers");
}

#[test]
fn weight_bands_apply_only_to_weight_plans() {
    let mut draft = amount_draft(1000, 11);
    draft.rules.weight_bands = vec![WeightBand {
        from_day: 1,
        to_day: 75,
        percent: crate::percent::Percent::whole(5),
    }];
    assert_eq!(
        PlanTerms::new(draft).unwrap_err().to_string(),
        "rules.weight_bands: apply only to weight plans"
    );
}

#[test]
fn a_plan_longer_than_a_year_gets_a_tenure_warning() {
    assert_eq!(
        PlanTerms::new(amount_draft(1000, 12))
            .unwrap()
            .tenure_warning(),
        None
    );
    let warning = PlanTerms::new(amount_draft(1000, 13))
        .unwrap()
        .tenure_warning()
        .unwrap();
    assert!(
        warning.starts_with("tenure of 13 months (396 days) exceeds 365 days"),
        "{warning}"
    );
}

#[test]
fn rules_travel_as_json_with_readable_amounts() {
    let mut rules = PlanRules::default();
    rules.lateness.late_fee = Some(LateFee::Fixed {
        amount: crate::money::Money::from_rupees(50),
    });
    rules.closure.deductions = vec![Deduction::Gst {
        percent: crate::percent::Percent::whole(3),
    }];
    let json = serde_json::to_string(&rules).unwrap();
    assert!(
        json.contains(r#""late_fee":{"kind":"fixed","amount":"50.00"}"#),
        "{json}"
    );
    assert!(json.contains(r#"{"kind":"gst","percent":"3"}"#), "{json}");
    assert_eq!(serde_json::from_str::<PlanRules>(&json).unwrap(), rules);
}
