//! When each installment falls due, and when the plan matures.

use chrono::{Datelike, Months, NaiveDate};

use crate::money::Money;
use crate::plan::PlanTerms;

/// One installment of the schedule: its number (from 1), due date and expected amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub number: u32,
    pub due_date: NaiveDate,
    pub amount: Money,
}

/// The plan's own schedule, before any pause or change: installment 1 is due on the start
/// date, installment k on the due day (or the start's day) of the (k − 1)th month after,
/// clamped to shorter months. The rule itself lives in the engine's calendar.
pub fn schedule(terms: &PlanTerms, start: NaiveDate) -> Vec<Due> {
    let facts = crate::engine::Facts::paid(start, Vec::new());
    crate::engine::calendar::Calendar::new(terms, &facts)
        .slots
        .iter()
        .map(|slot| Due {
            number: slot.number,
            due_date: slot.due_date,
            amount: slot.expected,
        })
        .collect()
}

/// Start + installments months (same clamping): the day the customer may redeem.
pub fn maturity_date(terms: &PlanTerms, start: NaiveDate) -> NaiveDate {
    day_in_month_after(start, terms.installments, start.day())
}

/// The same day `months` later (clamped to the month's last day).
pub fn months_after(start: NaiveDate, months: u32) -> NaiveDate {
    day_in_month_after(start, months, start.day())
}

/// `day` of the month `months` after `start`'s month, or that month's last day if it is shorter.
pub(crate) fn day_in_month_after(start: NaiveDate, months: u32, day: u32) -> NaiveDate {
    let month = start
        .with_day(1)
        .and_then(|first| first.checked_add_months(Months::new(months)))
        .expect("a plan of at most 60 months stays within the calendar");
    month
        .with_day(day.min(days_in(month)))
        .expect("the day was clamped to the month")
}

fn days_in(first_of_month: NaiveDate) -> u32 {
    first_of_month
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .expect("the month has a successor")
        .day()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlanTermsDraft;
    use crate::test_support::{amount_draft, amount_plan};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn due_dates(terms: &PlanTerms, start: &str) -> Vec<String> {
        schedule(terms, date(start))
            .iter()
            .map(|due| due.due_date.to_string())
            .collect()
    }

    #[test]
    fn first_installment_is_due_on_the_start_date_then_monthly_on_the_same_day() {
        let terms = amount_plan(5000, 4);
        assert_eq!(
            due_dates(&terms, "2026-04-10"),
            ["2026-04-10", "2026-05-10", "2026-06-10", "2026-07-10"]
        );
        let dues = schedule(&terms, date("2026-04-10"));
        assert_eq!(
            dues.iter().map(|d| d.number).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert!(dues.iter().all(|d| d.amount == Money::from_rupees(5000)));
    }

    #[test]
    fn a_due_day_moves_later_installments_to_that_day() {
        let terms = PlanTerms::new(PlanTermsDraft {
            due_day: Some(5),
            ..amount_draft(5000, 3)
        })
        .unwrap();
        assert_eq!(
            due_dates(&terms, "2026-04-10"),
            ["2026-04-10", "2026-05-05", "2026-06-05"]
        );
    }

    #[test]
    fn the_31st_falls_back_to_the_last_day_of_shorter_months() {
        let terms = amount_plan(5000, 5);
        assert_eq!(
            due_dates(&terms, "2026-01-31"),
            [
                "2026-01-31",
                "2026-02-28",
                "2026-03-31",
                "2026-04-30",
                "2026-05-31"
            ]
        );
        assert_eq!(
            due_dates(&amount_plan(5000, 2), "2028-01-31"),
            ["2028-01-31", "2028-02-29"]
        );
    }

    #[test]
    fn installments_run_across_the_year_end() {
        assert_eq!(
            due_dates(&amount_plan(5000, 3), "2026-11-15"),
            ["2026-11-15", "2026-12-15", "2027-01-15"]
        );
    }

    #[test]
    fn the_plan_matures_installments_months_after_the_start() {
        assert_eq!(
            maturity_date(&amount_plan(5000, 11), date("2026-04-10")),
            date("2027-03-10")
        );
        assert_eq!(
            maturity_date(&amount_plan(5000, 1), date("2026-01-31")),
            date("2026-02-28")
        );
        assert_eq!(
            maturity_date(&amount_plan(5000, 12), date("2027-02-28")),
            date("2028-02-28")
        );
    }

    #[test]
    fn schedule_sums_to_plan_total() {
        let terms = amount_plan(5000, 11);
        let total: Money = schedule(&terms, date("2026-04-10"))
            .iter()
            .map(|d| d.amount)
            .sum();
        assert_eq!(total, Money::from_rupees(55_000));
    }
}
