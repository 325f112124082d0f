//! What happened to an enrollment: the engine's input besides the terms. All of it is
//! recorded history (payments, pauses, changes, gifts) or fixed facts about the customer
//! and the shop's festival calendar, so an evaluation can be repeated at any time.

use chrono::{Months, NaiveDate};

use crate::money::Money;
use crate::weight::Weight;

/// A confirmed payment: the day it was received, how much, and (weight plans) the grams
/// it bought at that day's rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaidEntry {
    pub on: NaiveDate,
    pub amount: Money,
    pub grams: Weight,
}

impl PaidEntry {
    pub fn money(on: NaiveDate, amount: Money) -> PaidEntry {
        PaidEntry {
            on,
            amount,
            grams: Weight::ZERO,
        }
    }
}

/// A pause from a day for whole months: no dues accrue and maturity moves by `months`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pause {
    pub from: NaiveDate,
    pub months: u32,
}

impl Pause {
    pub fn until(&self) -> NaiveDate {
        self.from
            .checked_add_months(Months::new(self.months))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day < self.until()
    }
}

/// A mid-term change, effective for installments due on or after `on`: a new installment
/// amount and/or a new tier (number of installments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermsChange {
    pub on: NaiveDate,
    pub installment: Option<Money>,
    pub installments: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Festival {
    pub name: String,
    pub on: NaiveDate,
}

/// The customer's occasions and the shop's festival days, for occasion bonuses.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Occasions {
    pub birthday: Option<NaiveDate>,
    pub anniversary: Option<NaiveDate>,
    pub festivals: Vec<Festival>,
}

/// A gift handed over, with its value (a refund may deduct it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiftGiven {
    pub item: String,
    pub value: Money,
    pub on: NaiveDate,
}

/// Everything the engine needs to know about one enrollment besides its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub start: NaiveDate,
    pub payments: Vec<PaidEntry>,
    pub pauses: Vec<Pause>,
    pub changes: Vec<TermsChange>,
    pub occasions: Occasions,
    pub gifts_given: Vec<GiftGiven>,
}

impl Facts {
    /// An enrollment started on `start` with only these payments.
    pub fn paid(start: NaiveDate, payments: Vec<PaidEntry>) -> Facts {
        Facts {
            start,
            payments,
            pauses: Vec::new(),
            changes: Vec::new(),
            occasions: Occasions::default(),
            gifts_given: Vec::new(),
        }
    }

    /// Payments in the order they were received (stable for the same day).
    pub fn payments_by_date(&self) -> Vec<PaidEntry> {
        let mut payments = self.payments.clone();
        payments.sort_by_key(|p| p.on);
        payments
    }
}
