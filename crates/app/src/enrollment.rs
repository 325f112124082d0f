//! Enrollments: a customer on a plan, under the terms copied when they enrolled.

use chrono::NaiveDate;
use kanak_domain::{
    EnrollmentStatus, InstallmentStatus, Money, PaidEntry, PaymentStatus, Position, PlanKind, PlanTerms, RatePerGram, Weight,
    maturity_date, parse_date, position,
};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::customer::customer_id;
use crate::payment::{PaymentView, StoredPayment};
use crate::plan::terms_from_json;
use crate::{Actor, AppError, Kanak, sequence, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct EnrollInput {
    pub customer_code: String,
    pub plan_code: String,
    /// Defaults to today; an earlier date records a scheme begun on paper.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct EnrollmentView {
    pub enrollment_no: String,
    pub customer_code: String,
    pub customer_name: String,
    pub plan_code: String,
    pub plan_name: String,
    pub kind: PlanKind,
    pub start_date: String,
    pub maturity_date: String,
    pub status: EnrollmentStatus,
    pub installment: Option<String>,
    pub installments: u32,
    pub total_paid: String,
    pub total_grams: Option<String>,
    pub outstanding: String,
    pub next_due_date: Option<String>,
    pub next_due_amount: Option<String>,
    pub overdue: bool,
    pub overdue_count: u32,
    pub paid_installments: u32,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct InstallmentView {
    pub number: u32,
    pub due_date: String,
    pub amount: String,
    pub paid: String,
    pub status: InstallmentStatus,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct EnrollmentDetail {
    pub enrollment: EnrollmentView,
    pub schedule: Vec<InstallmentView>,
    pub payments: Vec<PaymentView>,
    pub bonus_at_maturity: String,
    pub bonus_text: String,
    pub terms: String,
    pub average_rate: Option<String>,
}

/// An enrollment row with its terms parsed.
pub(crate) struct Enrolled {
    pub id: i64,
    pub enrollment_no: String,
    pub customer_code: String,
    pub customer_name: String,
    pub plan_code: String,
    pub plan_name: String,
    pub terms: PlanTerms,
    pub start: NaiveDate,
    pub maturity: NaiveDate,
    pub stored_status: EnrollmentStatus,
}

impl Enrolled {
    /// "Matured" is not stored: an active enrollment is matured once its maturity date arrives.
    pub fn status_on(&self, today: NaiveDate) -> EnrollmentStatus {
        match self.stored_status {
            EnrollmentStatus::Active if today >= self.maturity => EnrollmentStatus::Matured,
            other => other,
        }
    }
}

impl Kanak {
    pub async fn enroll(&self, actor: &Actor, input: EnrollInput) -> Result<EnrollmentView, AppError> {
        let mut tx = store::begin_write(&self.pool).await?;
        let no = self.insert_enrollment(&mut tx, actor, &input).await?;
        tx.commit().await?;
        self.enrollment(&no).await
    }

    /// Enrolls inside the caller's transaction, copying the plan's terms; returns the enrollment number.
    pub(crate) async fn insert_enrollment(
        &self, conn: &mut SqliteConnection, actor: &Actor, input: &EnrollInput,
    ) -> Result<String, AppError> {
        let today = self.clock.today();
        let start = match input.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => parse_date("date", d)?,
            None => today,
        };
        if start > today {
            return Err(kanak_domain::FieldError::new("date", "cannot be in the future").into());
        }
        let customer = customer_id(conn, &input.customer_code).await?;
        let plan_code = input.plan_code.trim().to_ascii_uppercase();
        let plan = sqlx::query!("SELECT id, name, terms_json, active FROM plans WHERE code = ?1", plan_code)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| AppError::not_found("plan", plan_code.clone(), "plan_code"))?;
        if plan.active == 0 {
            return Err(kanak_domain::FieldError::new("plan_code", format!("plan {plan_code} is retired and takes no new enrollments")).into());
        }
        let terms = terms_from_json(&plan.terms_json)?;
        let maturity = maturity_date(&terms, start).to_string();
        let shop = self.shop(conn).await?;
        let no = format!("{}-E{:05}", shop.branch_code, sequence::next(conn, "enrollment").await?);
        let (start, now, by) = (start.to_string(), self.clock.timestamp(), actor.label());
        sqlx::query!(
            "INSERT INTO enrollments (enrollment_no, customer_id, plan_id, plan_code, plan_name, terms_json,
                                      start_date, maturity_date, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            no, customer, plan.id, plan_code, plan.name, plan.terms_json, start, maturity, now, by
        )
        .execute(&mut *conn)
        .await?;
        tracing::info!(enrollment_no = no, plan = plan_code, "enrolled");
        Ok(no)
    }

    pub async fn enrollment(&self, enrollment_no: &str) -> Result<EnrollmentView, AppError> {
        let enrolled = load_enrolled(&mut *self.pool.acquire().await?, enrollment_no).await?;
        self.enrollment_view(&enrolled).await
    }

    pub async fn enrollment_detail(&self, enrollment_no: &str) -> Result<EnrollmentDetail, AppError> {
        let enrolled = load_enrolled(&mut *self.pool.acquire().await?, enrollment_no).await?;
        let payments = self.payments_of_enrollment(enrolled.id).await?;
        let pos = position(&enrolled.terms, enrolled.start, &paid_entries(&payments), self.clock.today());
        let schedule = pos
            .installments
            .iter()
            .map(|i| InstallmentView {
                number: i.number,
                due_date: i.due_date.to_string(),
                amount: i.amount.to_plain(),
                paid: i.paid.to_plain(),
                status: i.status,
            })
            .collect();
        let terms = &enrolled.terms;
        let bonus = terms.bonus.amount(terms.expected_per_installment(), terms.total_payable());
        let grams = total_grams(&payments);
        let average_rate = grams.and_then(|g| RatePerGram::average(pos.total_paid, g)).map(|r| r.money().to_plain());
        Ok(EnrollmentDetail {
            enrollment: self.view_of(&enrolled, &payments, &pos),
            schedule,
            payments: payments.iter().map(StoredPayment::view).collect(),
            bonus_at_maturity: bonus.to_plain(),
            bonus_text: terms.bonus.describe(terms),
            terms: terms.terms_text.clone(),
            average_rate,
        })
    }

    /// Enrollments, optionally only those with an installment past its grace period.
    pub async fn list_enrollments(&self, overdue_only: bool) -> Result<Vec<EnrollmentView>, AppError> {
        let numbers = sqlx::query_scalar!("SELECT enrollment_no FROM enrollments ORDER BY id DESC")
            .fetch_all(&self.pool)
            .await?;
        let mut views = Vec::with_capacity(numbers.len());
        for no in numbers {
            let view = self.enrollment(&no).await?;
            if !overdue_only || view.overdue {
                views.push(view);
            }
        }
        Ok(views)
    }

    pub(crate) async fn enrollments_of_customer(&self, customer_code: &str) -> Result<Vec<EnrollmentView>, AppError> {
        let numbers = sqlx::query_scalar!(
            "SELECT e.enrollment_no FROM enrollments e JOIN customers c ON c.id = e.customer_id WHERE c.code = ?1 ORDER BY e.id",
            customer_code
        )
        .fetch_all(&self.pool)
        .await?;
        let mut views = Vec::with_capacity(numbers.len());
        for no in numbers {
            views.push(self.enrollment(&no).await?);
        }
        Ok(views)
    }

    async fn enrollment_view(&self, e: &Enrolled) -> Result<EnrollmentView, AppError> {
        let payments = self.payments_of_enrollment(e.id).await?;
        let pos = position(&e.terms, e.start, &paid_entries(&payments), self.clock.today());
        Ok(self.view_of(e, &payments, &pos))
    }

    /// The enrollment's summary from its payments and the engine's position on today.
    fn view_of(&self, e: &Enrolled, payments: &[StoredPayment], pos: &Position) -> EnrollmentView {
        let today = self.clock.today();
        let status = e.status_on(today);
        let open = matches!(status, EnrollmentStatus::Active | EnrollmentStatus::Matured);
        let (next_due_date, next_due_amount) = match pos.next_due.filter(|_| open) {
            Some((date, amount)) => (Some(date.to_string()), Some(amount.to_plain())),
            None => (None, None),
        };
        EnrollmentView {
            enrollment_no: e.enrollment_no.clone(),
            customer_code: e.customer_code.clone(),
            customer_name: e.customer_name.clone(),
            plan_code: e.plan_code.clone(),
            plan_name: e.plan_name.clone(),
            kind: e.terms.kind,
            start_date: e.start.to_string(),
            maturity_date: e.maturity.to_string(),
            status,
            installment: e.terms.installment.map(Money::to_plain),
            installments: e.terms.installments,
            total_paid: pos.total_paid.to_plain(),
            total_grams: total_grams(payments).map(Weight::to_plain),
            outstanding: if open { pos.outstanding } else { Money::ZERO }.to_plain(),
            next_due_date,
            next_due_amount,
            overdue: open && pos.overdue_count > 0,
            overdue_count: if open { pos.overdue_count } else { 0 },
            paid_installments: pos.paid_installments,
        }
    }
}

pub(crate) async fn load_enrolled(conn: &mut SqliteConnection, enrollment_no: &str) -> Result<Enrolled, AppError> {
    let no = enrollment_no.trim().to_ascii_uppercase();
    let row = sqlx::query!(
        r#"SELECT e.id AS "id!", e.enrollment_no, c.code AS customer_code, c.name AS customer_name, e.plan_code, e.plan_name,
                  e.terms_json, e.start_date, e.maturity_date, e.status
           FROM enrollments e JOIN customers c ON c.id = e.customer_id WHERE e.enrollment_no = ?1"#,
        no
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| AppError::not_found("enrollment", no, "enrollment_no"))?;
    let date = |s: &str| parse_date("stored date", s).map_err(AppError::corrupt);
    Ok(Enrolled {
        id: row.id,
        enrollment_no: row.enrollment_no,
        customer_code: row.customer_code,
        customer_name: row.customer_name,
        plan_code: row.plan_code,
        plan_name: row.plan_name,
        terms: terms_from_json(&row.terms_json)?,
        start: date(&row.start_date)?,
        maturity: date(&row.maturity_date)?,
        stored_status: EnrollmentStatus::parse("status", &row.status).map_err(AppError::corrupt)?,
    })
}

/// Confirmed payments, in receipt order, as the rules engine sees them.
fn paid_entries(payments: &[StoredPayment]) -> Vec<PaidEntry> {
    payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Confirmed)
        .map(|p| PaidEntry { on: p.received_on, amount: p.amount })
        .collect()
}

/// Total grams credited by confirmed payments; None for plans that do not buy gold.
fn total_grams(payments: &[StoredPayment]) -> Option<Weight> {
    payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Confirmed)
        .filter_map(|p| p.grams)
        .fold(None, |total, g| Some(total.unwrap_or(Weight::ZERO) + g))
}
