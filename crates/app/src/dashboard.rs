//! The home screen's figures: what came in today, who is due or late, what matures this
//! month, today's gold rate, the last twelve months, the latest payments.
//!
//! Due, overdue and maturity come from the scheme engine (through `evaluation`), the same
//! answers the enrollment page and the reports give; this module only adds them up.
//!
//! Who sees what: the dashboard is everyone's home screen, so every logged-in staff member
//! sees its figures (a cashier chases the overdue customers and counts the drawer). The
//! business-wide twelve-month series is for those who may see reports, and
//! [`DashboardView::can_open_reports`] tells the UI whether a figure may link to its report.

mod layout;

pub use layout::{WidgetKind, WidgetPlacement, WidgetPlacementInput};

use chrono::{Datelike, Months, NaiveDate};
use kanak_domain::{EnrollmentStatus, InstallmentStatus, Money, PaymentMode, Permission};
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::accounts::{Scope, accounts};
use crate::{Actor, AppError, GoldRateView, Kanak, OutboxSummary, PaymentView};

/// How many payments the "recent payments" widget lists.
const RECENT_PAYMENTS: i64 = 10;
/// The collection chart's length, the current month included.
const SERIES_MONTHS: u32 = 12;

/// Today's money in one payment mode: confirmed, and cheques still waiting to clear.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct ModeCollection {
    pub mode: PaymentMode,
    pub confirmed: String,
    pub processing: String,
    /// Confirmed and processing payments in this mode today.
    pub payments: u32,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct TodayCollection {
    /// Every mode, in the order of `PaymentMode::ALL`, zeros included.
    pub by_mode: Vec<ModeCollection>,
    pub confirmed: String,
    pub processing: String,
}

/// A number of enrollments and the money behind them.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct Tally {
    pub count: u32,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct MonthCollection {
    /// "YYYY-MM".
    pub month: String,
    /// Confirmed payments received that month.
    pub amount: String,
}

/// Sync with the shop's hub (issue #7): not set up on this counter, or where it stands
/// (online/offline, last synced, events waiting, conflicts to review).
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum SyncStatus {
    NotConfigured,
    Enrolled(crate::SyncStatusView),
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct DashboardView {
    /// The business day these figures are for ("YYYY-MM-DD").
    pub today: String,
    pub today_collection: TodayCollection,
    /// Enrollments with an installment falling due today and not yet paid in full.
    pub due_today: Tally,
    /// Enrollments with a late or missed installment, and the unpaid part of those.
    pub overdue: Tally,
    /// The months ("YYYY-MM", oldest first) in which those installments fell due: the missed
    /// report is by month, so each is a link to the report that lists them.
    pub overdue_months: Vec<String>,
    /// Open enrollments whose maturity date falls in this calendar month, and what they paid.
    pub maturing_this_month: Tally,
    /// Enrollments running (not matured, closed or cancelled), and what they owe as of today.
    pub active: Tally,
    /// Today's rates per purity; empty when nobody entered today's rate yet.
    pub gold_rates: Vec<GoldRateView>,
    /// Twelve months ending with this one, oldest first; None without the reports permission.
    pub collection_series: Option<Vec<MonthCollection>>,
    pub recent_payments: Vec<PaymentView>,
    /// Customer messages waiting in the outbox, failed, or given up after retries.
    pub outbox: OutboxSummary,
    pub sync: SyncStatus,
    /// The last good backup, its age, and the warning when none succeeded in 2 days.
    pub backup: crate::BackupStatus,
    /// Whether this staff member may open the reports the figures link to.
    pub can_open_reports: bool,
}

/// The engine's figures over all open enrollments, summed.
#[derive(Default)]
struct SchemeFigures {
    due_today: (u32, Money),
    overdue: (u32, Money),
    overdue_months: std::collections::BTreeSet<String>,
    maturing: (u32, Money),
    active: (u32, Money),
}

impl Kanak {
    /// The home screen's figures for today.
    pub async fn dashboard(&self, actor: &Actor) -> Result<DashboardView, AppError> {
        let today = self.clock.today();
        let can_open_reports = actor.require(Permission::Reports).is_ok();
        let mut conn = self.pool.acquire().await?;
        let figures = scheme_figures(&mut conn, today).await?;
        let series = if can_open_reports {
            Some(collection_series(&mut conn, today).await?)
        } else {
            None
        };
        let today_collection = today_collection(&mut conn, today).await?;
        drop(conn);
        let gold_rates = self.gold_rates(Some(&today.to_string())).await?;
        let tally = |(count, amount): (u32, Money)| Tally {
            count,
            amount: amount.to_plain(),
        };
        Ok(DashboardView {
            today: today.to_string(),
            today_collection,
            due_today: tally(figures.due_today),
            overdue: tally(figures.overdue),
            overdue_months: figures.overdue_months.into_iter().collect(),
            maturing_this_month: tally(figures.maturing),
            active: tally(figures.active),
            gold_rates,
            collection_series: series,
            recent_payments: self.recent_payments().await?,
            outbox: self.outbox_summary().await?,
            sync: match self.sync_status().await? {
                status if status.enrolled => SyncStatus::Enrolled(status),
                _ => SyncStatus::NotConfigured,
            },
            backup: self.backup_status().await?,
            can_open_reports,
        })
    }

    async fn recent_payments(&self) -> Result<Vec<PaymentView>, AppError> {
        let ids = sqlx::query_scalar!(
            "SELECT id FROM payments ORDER BY received_at DESC, id DESC LIMIT ?1",
            RECENT_PAYMENTS
        )
        .fetch_all(&self.pool)
        .await?;
        let mut views = Vec::with_capacity(ids.len());
        for id in ids {
            views.push(self.payment(&id).await?);
        }
        Ok(views)
    }
}

/// Evaluates every enrollment not closed or cancelled on `today` and adds up the answers.
async fn scheme_figures(
    conn: &mut SqliteConnection,
    today: NaiveDate,
) -> Result<SchemeFigures, AppError> {
    let (month_start, month_end) = month_bounds(today);
    let mut sum = SchemeFigures::default();
    let add = |slot: &mut (u32, Money), amount: Money| {
        slot.0 += 1;
        slot.1 += amount;
    };
    for account in accounts(conn, Scope::Active).await? {
        let ev = account.evaluate(today);
        let enrolled = &account.enrolled;
        let unpaid = |l: &&kanak_domain::InstallmentLine| l.amount - l.paid;
        let due: Vec<_> = ev
            .installments
            .iter()
            .filter(|l| l.due_date == today && l.paid < l.amount)
            .collect();
        if !due.is_empty() {
            add(&mut sum.due_today, due.iter().map(unpaid).sum());
        }
        let late: Vec<_> = ev
            .installments
            .iter()
            .filter(|l| {
                matches!(
                    l.status,
                    InstallmentStatus::Late | InstallmentStatus::Missed
                )
            })
            .collect();
        if !late.is_empty() {
            add(&mut sum.overdue, late.iter().map(unpaid).sum());
            sum.overdue_months
                .extend(late.iter().map(|l| l.due_date.format("%Y-%m").to_string()));
        }
        if (month_start..=month_end).contains(&ev.maturity_date) {
            add(&mut sum.maturing, ev.total_paid);
        }
        if enrolled.status_on(today) == EnrollmentStatus::Active {
            add(&mut sum.active, ev.outstanding);
        }
    }
    Ok(sum)
}

/// The first and last day of `day`'s month.
fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = day.with_day(1).expect("every month has a first day");
    let end = start + Months::new(1) - chrono::Days::new(1);
    (start, end)
}

/// Today's confirmed and processing payments per mode (failed and refunded ones are not money).
async fn today_collection(
    conn: &mut SqliteConnection,
    today: NaiveDate,
) -> Result<TodayCollection, AppError> {
    let day = today.to_string();
    let rows = sqlx::query!(
        r#"SELECT p.mode, s.status AS "status!: String", SUM(p.amount_paise) AS "paise!: i64", COUNT(*) AS "payments!: i64"
           FROM payments p
           JOIN payment_status_events s ON s.id = (SELECT MAX(x.id) FROM payment_status_events x WHERE x.payment_id = p.id)
           WHERE p.received_on = ?1 AND s.status IN ('confirmed', 'processing')
           GROUP BY p.mode, s.status"#,
        day
    )
    .fetch_all(conn)
    .await?;
    let mut by_mode: Vec<(PaymentMode, Money, Money, u32)> = PaymentMode::ALL
        .iter()
        .map(|m| (*m, Money::ZERO, Money::ZERO, 0))
        .collect();
    for row in rows {
        let mode = PaymentMode::parse("mode", &row.mode).map_err(AppError::corrupt)?;
        let slot = by_mode
            .iter_mut()
            .find(|(m, ..)| *m == mode)
            .expect("every mode has a slot");
        let amount = Money::from_paise(row.paise);
        if row.status == "confirmed" {
            slot.1 += amount;
        } else {
            slot.2 += amount;
        }
        slot.3 += u32::try_from(row.payments).map_err(AppError::corrupt)?;
    }
    Ok(TodayCollection {
        confirmed: by_mode.iter().map(|m| m.1).sum::<Money>().to_plain(),
        processing: by_mode.iter().map(|m| m.2).sum::<Money>().to_plain(),
        by_mode: by_mode
            .into_iter()
            .map(|(mode, confirmed, processing, payments)| ModeCollection {
                mode,
                confirmed: confirmed.to_plain(),
                processing: processing.to_plain(),
                payments,
            })
            .collect(),
    })
}

/// Confirmed collection per month for the twelve months ending with `today`'s, zeros included.
async fn collection_series(
    conn: &mut SqliteConnection,
    today: NaiveDate,
) -> Result<Vec<MonthCollection>, AppError> {
    let first = month_bounds(today).0 - Months::new(SERIES_MONTHS - 1);
    let from = first.to_string();
    let rows = sqlx::query!(
        r#"SELECT substr(p.received_on, 1, 7) AS "month!: String", SUM(p.amount_paise) AS "paise!: i64"
           FROM payments p
           JOIN payment_status_events s ON s.id = (SELECT MAX(x.id) FROM payment_status_events x WHERE x.payment_id = p.id)
           WHERE p.received_on >= ?1 AND s.status = 'confirmed'
           GROUP BY substr(p.received_on, 1, 7)"#,
        from
    )
    .fetch_all(conn)
    .await?;
    Ok((0..SERIES_MONTHS)
        .map(|i| {
            let month = (first + Months::new(i)).format("%Y-%m").to_string();
            let paise = rows
                .iter()
                .find(|r| r.month == month)
                .map_or(0, |r| r.paise);
            MonthCollection {
                month,
                amount: Money::from_paise(paise).to_plain(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_runs_from_its_first_to_its_last_day() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            month_bounds(day("2028-02-14")),
            (day("2028-02-01"), day("2028-02-29"))
        );
        assert_eq!(
            month_bounds(day("2026-12-31")),
            (day("2026-12-01"), day("2026-12-31"))
        );
    }
}
