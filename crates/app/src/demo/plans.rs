//! The demo shop's plans (an amount, a weight and a flexible plan, with rules from #3) and
//! how each enrollment's customer pays: on time, late, lapsing or missing some months.

use chrono::{Months, NaiveDate};
use kanak_domain::{Money, PaymentMode, PlanKind, PlanRules};

use super::seeded::Seeded;
use crate::PlanInput;

pub(crate) struct DemoPlan {
    pub code: &'static str,
    pub installments: u32,
    kind: PlanKind,
    installment_paise: i64,
}

pub(crate) const PLANS: [DemoPlan; 4] = [
    DemoPlan {
        code: "SWARNA11",
        installments: 11,
        kind: PlanKind::Amount,
        installment_paise: 2_000_00,
    },
    DemoPlan {
        code: "DHAN12",
        installments: 12,
        kind: PlanKind::Amount,
        installment_paise: 5_000_00,
    },
    DemoPlan {
        code: "GRAM11",
        installments: 11,
        kind: PlanKind::Weight,
        installment_paise: 3_000_00,
    },
    DemoPlan {
        code: "FLEXI12",
        installments: 12,
        kind: PlanKind::Flexible,
        installment_paise: 0,
    },
];

impl DemoPlan {
    pub fn input(&self) -> PlanInput {
        let mut rules = PlanRules::default();
        let rupees = |paise: i64| (paise / 100).to_string();
        let (installment, min, max, purity) = match self.kind {
            PlanKind::Flexible => {
                rules.payment_step = Some(Money::from_paise(100_00));
                (
                    None,
                    Some("500".to_string()),
                    Some("20000".to_string()),
                    None,
                )
            }
            PlanKind::Weight => {
                rules.show_gold_to_customer = true;
                (
                    Some(rupees(self.installment_paise)),
                    None,
                    None,
                    Some("22K".to_string()),
                )
            }
            PlanKind::Amount => {
                rules.redemption_window_days = Some(90);
                rules.max_pause_months = 2;
                (Some(rupees(self.installment_paise)), None, None, None)
            }
        };
        PlanInput {
            code: Some(self.code.to_string()),
            name: match self.kind {
                PlanKind::Amount => format!("Swarna savings {} months", self.installments),
                PlanKind::Weight => "Gold grams 22K".to_string(),
                PlanKind::Flexible => "Flexi gold".to_string(),
            },
            kind: self.kind,
            installment,
            min_amount: min,
            max_amount: max,
            installments: self.installments,
            due_day: None,
            grace_days: 7,
            purity,
            bonus: if self.kind == PlanKind::Flexible {
                "none".into()
            } else {
                "1 installment".into()
            },
            terms: "Redeemable against jewellery at the shop. No cash refund before maturity."
                .into(),
            rules: Some(rules),
        }
    }

    /// The amount of one payment (a flexible plan's customer pays what they can, in ₹100s).
    pub fn amount(&self, rng: &mut Seeded) -> Money {
        match self.kind {
            PlanKind::Flexible => Money::from_paise(rng.between(5, 60) * 100_00),
            _ => Money::from_paise(self.installment_paise),
        }
    }
}

/// The days an enrollment's customer comes to pay, up to `today`.
pub(crate) fn payment_days(
    rng: &mut Seeded,
    plan: &DemoPlan,
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<NaiveDate> {
    let profile = rng.below(100);
    let stop_after = if (80..92).contains(&profile) {
        rng.between(2, i64::from(plan.installments) - 1) as u32
    } else {
        plan.installments
    };
    let mut days: Vec<NaiveDate> = Vec::new();
    for k in 0..stop_after {
        let due = start
            .checked_add_months(Months::new(k))
            .expect("a date two years out");
        if profile >= 92 && k > 0 && rng.chance(15) {
            continue; // a month missed
        }
        let offset = match profile {
            _ if k == 0 => 0,
            0..55 | 80..92 => rng.between(-2, 3),
            _ => rng.between(4, 25),
        };
        let day = due + chrono::Duration::days(offset);
        let day = day.max(
            days.last()
                .map_or(start, |d| *d + chrono::Duration::days(1)),
        );
        if day > today {
            break;
        }
        days.push(day);
    }
    days
}

/// How one payment comes in, and its reference where the mode needs one.
pub(crate) fn mode_and_reference(rng: &mut Seeded) -> (PaymentMode, Option<String>) {
    match rng.below(100) {
        0..45 => (PaymentMode::Cash, None),
        45..85 => (
            PaymentMode::Upi,
            Some(format!("UPI{:012}", rng.below(1_000_000_000_000))),
        ),
        85..92 => (
            PaymentMode::Card,
            Some(format!(
                "CARD-{:04} AUTH {:06}",
                rng.below(10_000),
                rng.below(1_000_000)
            )),
        ),
        92..95 => (
            PaymentMode::Bank,
            Some(format!("NEFT-HDFC{:010}", rng.below(10_000_000_000))),
        ),
        _ => (
            PaymentMode::Cheque,
            Some(format!("CHQ {:06}", rng.below(1_000_000))),
        ),
    }
}
