//! The messages the calendar causes: a due-date reminder N days before and on the day, a
//! missed-payment reminder after grace, maturity reached, and occasion greetings on plans
//! with an occasion bonus. A scan asks the engine about each open enrollment today and
//! queues what is due; each message's key makes a rescan queue nothing new.

use chrono::{Datelike, Days, NaiveDate};
use kanak_domain::{Evaluation, Facts, InstallmentStatus, SchemeState, format_date};

use super::events::{base_params, installment_params};
use super::outbox::NewMessage;
use super::settings;
use super::trigger::Trigger;
use crate::enrollment::Enrolled;
use crate::evaluation::load_facts;
use crate::{AppError, Kanak, store};

/// A reminder for something older than this is history, not news: the first scan after
/// messages are set up does not remind customers of last year's missed installment.
const STALE_DAYS: u64 = 30;

impl Kanak {
    /// Queues every time-based message due today that is not queued yet; returns how many
    /// were queued. Runs from the background worker and `kanak outbox send`.
    pub async fn queue_scheduled_messages(&self) -> Result<u32, AppError> {
        let numbers = sqlx::query_scalar!(
            "SELECT enrollment_no FROM enrollments WHERE status = 'active' ORDER BY id"
        )
        .fetch_all(&self.pool)
        .await?;
        let today = self.clock.today();
        let due_days = settings::load(&mut *self.pool.acquire().await?)
            .await?
            .due_days_before;
        let mut queued = 0;
        for no in numbers {
            let (e, facts) = load_facts(&mut *self.pool.acquire().await?, &no).await?;
            let ev = kanak_domain::evaluate(&e.terms, &facts, today);
            let messages = scheduled(&e, &facts, &ev, today, due_days);
            if messages.is_empty() {
                continue;
            }
            let mut tx = store::begin_write(&self.pool).await?;
            for m in messages {
                queued += u32::from(self.queue_message(&mut tx, m).await?.is_some());
            }
            tx.commit().await?;
        }
        if queued > 0 {
            tracing::info!(queued, "scheduled messages queued");
        }
        Ok(queued)
    }
}

/// What the engine's answer for today calls for (already-queued keys are skipped on insert).
fn scheduled(
    e: &Enrolled,
    facts: &Facts,
    ev: &Evaluation,
    today: NaiveDate,
    due_days: u32,
) -> Vec<NewMessage> {
    let message = |trigger, key: String, params| NewMessage {
        trigger,
        key,
        customer_id: e.customer_id,
        enrollment_no: Some(e.enrollment_no.clone()),
        params,
        not_before: None,
    };
    let mut out = Vec::new();
    let recent = |d: NaiveDate| d <= today && today <= d + Days::new(STALE_DAYS);
    for line in &ev.installments {
        let unpaid = !matches!(
            line.status,
            InstallmentStatus::Paid | InstallmentStatus::PaidLate
        );
        let ahead = line.due_date - Days::new(u64::from(due_days));
        if unpaid && line.due_date == today {
            let key = format!("due:{}:{}:0", e.enrollment_no, line.number);
            out.push(message(Trigger::Due, key, installment_params(e, line)));
        } else if unpaid && ahead <= today && today < line.due_date {
            let key = format!("due:{}:{}:{due_days}", e.enrollment_no, line.number);
            out.push(message(Trigger::Due, key, installment_params(e, line)));
        }
        let overdue = matches!(
            line.status,
            InstallmentStatus::Late | InstallmentStatus::Missed
        );
        if overdue && recent(line.grace_ends + Days::new(1)) {
            let key = format!("missed:{}:{}", e.enrollment_no, line.number);
            out.push(message(Trigger::Missed, key, installment_params(e, line)));
        }
    }
    if matches!(
        ev.state,
        SchemeState::Matured | SchemeState::RedemptionOverdue
    ) && recent(ev.maturity_date)
    {
        let mut params = base_params(e);
        params.insert("maturity_date".into(), format_date(ev.maturity_date));
        let key = format!("maturity:{}", e.enrollment_no);
        out.push(message(Trigger::Maturity, key, params));
    }
    for (occasion, slug) in occasions_today(e, facts, today) {
        let mut params = base_params(e);
        params.insert("occasion".into(), occasion);
        let key = format!("occasion:{}:{slug}:{}", e.enrollment_no, today.year());
        out.push(message(Trigger::Occasion, key, params));
    }
    out
}

/// The occasions of the plan's occasion bonus that fall today: a festival the shop entered,
/// the customer's birthday or anniversary. (name, key part)
fn occasions_today(e: &Enrolled, facts: &Facts, today: NaiveDate) -> Vec<(String, String)> {
    let Some(bonus) = e.terms.rules.occasion_bonus else {
        return Vec::new();
    };
    let same_day = |d: Option<NaiveDate>| {
        d.is_some_and(|d| d.month() == today.month() && d.day() == today.day())
    };
    let mut out = Vec::new();
    if bonus.festivals {
        for f in facts.occasions.festivals.iter().filter(|f| f.on == today) {
            let slug: String = f
                .name
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            out.push((f.name.clone(), slug));
        }
    }
    if bonus.birthday_month && same_day(facts.occasions.birthday) {
        out.push(("your birthday".into(), "birthday".into()));
    }
    if bonus.anniversary_month && same_day(facts.occasions.anniversary) {
        out.push(("your anniversary".into(), "anniversary".into()));
    }
    out
}
