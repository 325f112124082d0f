//! Plans used by several modules' unit tests.

use crate::bonus::BonusRule;
use crate::money::Money;
use crate::plan::{PlanKind, PlanTerms, PlanTermsDraft};
use crate::purity::Purity;

/// A draft of the classic scheme: `installments` months of ₹`rupees`, one installment bonus.
pub(crate) fn amount_draft(rupees: i64, installments: u32) -> PlanTermsDraft {
    PlanTermsDraft {
        kind: PlanKind::Amount,
        installment: Some(Money::from_rupees(rupees)),
        min_amount: None,
        max_amount: None,
        installments,
        due_day: None,
        grace_days: 7,
        purity: None,
        bonus: BonusRule::Installments(1),
        terms_text: "Redeemable against jewellery only.".into(),
        rules: crate::rules::PlanRules::default(),
    }
}

pub(crate) fn amount_plan(rupees: i64, installments: u32) -> PlanTerms {
    PlanTerms::new(amount_draft(rupees, installments)).unwrap()
}

/// A weight plan of 22K gold.
pub(crate) fn weight_draft(rupees: i64, installments: u32) -> PlanTermsDraft {
    PlanTermsDraft {
        kind: PlanKind::Weight,
        purity: Some(Purity::K22),
        ..amount_draft(rupees, installments)
    }
}

/// A flexible plan paying ₹`min`..=₹`max` a month.
pub(crate) fn flexible_draft(min: i64, max: i64, installments: u32) -> PlanTermsDraft {
    PlanTermsDraft {
        kind: PlanKind::Flexible,
        installment: None,
        min_amount: Some(Money::from_rupees(min)),
        max_amount: Some(Money::from_rupees(max)),
        ..amount_draft(0, installments)
    }
}

pub(crate) fn flexible_plan(min: i64, max: i64, installments: u32) -> PlanTerms {
    PlanTerms::new(flexible_draft(min, max, installments)).unwrap()
}
