//! Mid-term events on an enrollment that the scheme engine reads: pauses, upgrades and
//! downgrades, gifts handed over, and the shop's festival days. Each is checked by the
//! engine before it is recorded, and recorded append-only.

use crate::audit::Change;
use crate::sync::tables;
use kanak_domain::Permission;
use kanak_domain::engine::change::{ChangeQuote, check_pause, quote_change};
use kanak_domain::engine::{Pause, TermsChange};
use kanak_domain::{FieldError, Money, PersonName, parse_date};
use kanak_sync::EventKind;
use serde::{Deserialize, Serialize};

use crate::enrollment::EnrollmentDetail;
use crate::evaluation::load_facts;
use crate::{Actor, AppError, Kanak, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct PauseInput {
    pub enrollment_no: String,
    pub from: String,
    pub months: u32,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct ChangeInput {
    pub enrollment_no: String,
    /// The new installment amount, if it changes.
    pub installment: Option<String>,
    /// The new number of installments (a tier), if it changes.
    pub installments: Option<u32>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SummaryView {
    pub installments: u32,
    pub installment: String,
    pub total_payable: String,
    pub bonus_at_maturity: String,
    pub maturity_date: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ChangeQuoteView {
    pub before: SummaryView,
    pub after: SummaryView,
    pub explanation: Vec<String>,
}

impl ChangeQuoteView {
    fn of(q: &ChangeQuote) -> ChangeQuoteView {
        let view = |s: &kanak_domain::engine::change::Summary| SummaryView {
            installments: s.installments,
            installment: s.installment.to_plain(),
            total_payable: s.total_payable.to_plain(),
            bonus_at_maturity: s.bonus_at_maturity.to_plain(),
            maturity_date: s.maturity_date.to_string(),
        };
        ChangeQuoteView {
            before: view(&q.before),
            after: view(&q.after),
            explanation: q.explanation.clone(),
        }
    }
}

impl Kanak {
    /// Pauses an enrollment from a day for whole months, if its plan allows it.
    pub async fn pause_enrollment(
        &self,
        actor: &Actor,
        input: PauseInput,
    ) -> Result<EnrollmentDetail, AppError> {
        actor.require(Permission::ChangeEnrollment)?;
        let from = parse_date("from", &input.from)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let (enrolled, facts) = load_facts(&mut tx, &input.enrollment_no).await?;
        check_pause(
            &enrolled.terms,
            &facts,
            Pause {
                from,
                months: input.months,
            },
        )?;
        let (from, months, now, by) = (
            from.to_string(),
            i64::from(input.months),
            self.clock.timestamp(),
            actor.label(),
        );
        sqlx::query!(
            "INSERT INTO enrollment_pauses (enrollment_id, from_date, months, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            enrolled.id, from, months, input.reason, now, by
        )
        .execute(&mut *tx)
        .await?;
        let key = crate::sync::last_row(&mut tx).await?;
        self.sync_record(&mut tx, EventKind::EnrollmentPaused, &tables::PAUSES, key)
            .await?;
        let detail = format!("paused {months} month(s) from {from}");
        self.audit(
            &mut tx,
            actor,
            Change::new("enrollment.pause", detail).enrollment(&enrolled.enrollment_no),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(
            enrollment_no = enrolled.enrollment_no,
            months,
            "enrollment paused"
        );
        self.enrollment_detail(&enrolled.enrollment_no).await
    }

    /// The before/after of an upgrade or downgrade, shown to the customer before confirming.
    pub async fn change_quote(&self, input: ChangeInput) -> Result<ChangeQuoteView, AppError> {
        let mut conn = self.pool.acquire().await?;
        let (enrolled, facts) = load_facts(&mut conn, &input.enrollment_no).await?;
        let quote = quote_change(&enrolled.terms, &facts, self.change_of(&input)?)?;
        Ok(ChangeQuoteView::of(&quote))
    }

    /// Records an upgrade or downgrade from today, after the same checks as its quote.
    pub async fn change_enrollment(
        &self,
        actor: &Actor,
        input: ChangeInput,
    ) -> Result<EnrollmentDetail, AppError> {
        actor.require(Permission::ChangeEnrollment)?;
        let change = self.change_of(&input)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let (enrolled, facts) = load_facts(&mut tx, &input.enrollment_no).await?;
        quote_change(&enrolled.terms, &facts, change)?;
        let (on, now, by) = (change.on.to_string(), self.clock.timestamp(), actor.label());
        let (paise, count) = (
            change.installment.map(Money::paise),
            change.installments.map(i64::from),
        );
        sqlx::query!(
            "INSERT INTO enrollment_changes (enrollment_id, effective_on, installment_paise, installments, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            enrolled.id, on, paise, count, now, by
        )
        .execute(&mut *tx)
        .await?;
        let key = crate::sync::last_row(&mut tx).await?;
        self.sync_record(
            &mut tx,
            EventKind::EnrollmentUpgraded,
            &tables::CHANGES,
            key,
        )
        .await?;
        let detail = format!(
            "terms changed from {on}: installment {:?}, installments {:?}",
            input.installment, input.installments
        );
        self.audit(
            &mut tx,
            actor,
            Change::new("enrollment.change", detail).enrollment(&enrolled.enrollment_no),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(
            enrollment_no = enrolled.enrollment_no,
            "enrollment terms changed"
        );
        self.enrollment_detail(&enrolled.enrollment_no).await
    }

    fn change_of(&self, input: &ChangeInput) -> Result<TermsChange, FieldError> {
        let installment = input
            .installment
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| Money::parse_positive("installment", a))
            .transpose()?;
        Ok(TermsChange {
            on: self.clock.today(),
            installment,
            installments: input.installments,
        })
    }

    /// Records a milestone gift handed over (its value comes from the plan's rules).
    pub async fn give_gift(
        &self,
        actor: &Actor,
        enrollment_no: &str,
        item: &str,
    ) -> Result<EnrollmentDetail, AppError> {
        actor.require(Permission::Enroll)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let (enrolled, facts) = load_facts(&mut tx, enrollment_no).await?;
        let ev = kanak_domain::evaluate(&enrolled.terms, &facts, self.clock.today());
        let Some((gift, given)) = ev
            .gifts
            .iter()
            .find(|(g, _)| g.item.eq_ignore_ascii_case(item.trim()))
        else {
            return Err(
                FieldError::new("item", "is not a gift this enrollment has earned yet").into(),
            );
        };
        if *given {
            return Err(AppError::Conflict {
                message: format!("{} was already given", gift.item),
                field: Some("item"),
            });
        }
        let (value, on, now, by) = (
            gift.value.paise(),
            self.clock.today().to_string(),
            self.clock.timestamp(),
            actor.label(),
        );
        sqlx::query!(
            "INSERT INTO gifts_given (enrollment_id, item, value_paise, given_on, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            enrolled.id, gift.item, value, on, now, by
        )
        .execute(&mut *tx)
        .await?;
        let change = Change::new("enrollment.gift", format!("gift {} handed over", gift.item))
            .enrollment(&enrolled.enrollment_no);
        self.audit(&mut tx, actor, change).await?;
        tx.commit().await?;
        self.enrollment_detail(&enrolled.enrollment_no).await
    }

    /// Adds a festival day to the shop's calendar (for occasion bonuses).
    pub async fn add_festival(
        &self,
        actor: &Actor,
        name: &str,
        date: &str,
    ) -> Result<(), AppError> {
        actor.require(Permission::Plans)?;
        let name = PersonName::parse("name", name)?.to_string();
        let day = parse_date("date", date)?.to_string();
        let (now, by) = (self.clock.timestamp(), actor.label());
        let mut tx = store::begin_write(&self.pool).await?;
        sqlx::query!("INSERT INTO festivals (name, festival_date, created_at, created_by) VALUES (?1, ?2, ?3, ?4)", name, day, now, by)
            .execute(&mut *tx)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict { message: format!("a festival is already set on {day}"), field: Some("date") },
                other => other.into(),
            })?;
        self.audit(
            &mut tx,
            actor,
            Change::new("festival.add", format!("festival {name} on {day}")),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
