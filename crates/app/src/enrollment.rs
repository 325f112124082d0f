//! Enrollments: a customer on a plan, under the terms copied when they enrolled.

use crate::audit::Change;
use crate::sync::tables::{self, LocalKey};
use chrono::NaiveDate;
use kanak_domain::Permission;
use kanak_domain::{
    EnrollmentStatus, Evaluation, InstallmentStatus, Money, PlanKind, PlanTerms, SchemeState,
    maturity_date, parse_date,
};
use kanak_sync::EventKind;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::customer::customer_id;
use crate::evaluation::{EvaluationView, evaluate_enrollment};
use crate::payment::{PaymentView, StoredPayment};
use crate::plan::terms_from_json;
use crate::{Actor, AppError, Kanak, sequence, store};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct EnrollInput {
    pub customer_code: String,
    pub plan_code: String,
    /// Defaults to today; an earlier date records a scheme begun on paper.
    pub date: Option<String>,
    /// For a plan with tiers (6/11/18 months…): the one the customer picked.
    pub installments: Option<u32>,
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
    /// The engine's state: active, paused, matured, redemption_overdue or defaulted.
    pub state: String,
    pub bonus_at_maturity: String,
}

/// An enrollment with the engine's full answer: schedule, statuses, bonus, maturity,
/// outstanding, closure quote and the explanation, plus the plan's rules in plain words.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct EnrollmentDetail {
    pub enrollment: EnrollmentView,
    pub evaluation: EvaluationView,
    pub payments: Vec<PaymentView>,
    pub rules_text: Vec<String>,
    pub terms: String,
    pub show_gold_to_customer: bool,
    /// How and by whom it was closed, once it is.
    pub closure: Option<crate::ClosureView>,
}

/// An enrollment row with its terms parsed.
#[derive(Clone)]
pub(crate) struct Enrolled {
    pub id: i64,
    pub customer_id: i64,
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
    pub async fn enroll(
        &self,
        actor: &Actor,
        input: EnrollInput,
    ) -> Result<EnrollmentView, AppError> {
        actor.require(Permission::Enroll)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let no = self.insert_enrollment(&mut tx, actor, &input).await?;
        tx.commit().await?;
        self.enrollment(&no).await
    }

    /// Enrolls inside the caller's transaction, copying the plan's terms; returns the enrollment number.
    pub(crate) async fn insert_enrollment(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        input: &EnrollInput,
    ) -> Result<String, AppError> {
        let today = self.clock.today();
        let start = match input
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => parse_date("date", d)?,
            None => today,
        };
        if start > today {
            return Err(kanak_domain::FieldError::new("date", "cannot be in the future").into());
        }
        let customer = customer_id(conn, &input.customer_code).await?;
        let plan_code = input.plan_code.trim().to_ascii_uppercase();
        let plan = sqlx::query!(
            "SELECT id, name, terms_json, active FROM plans WHERE code = ?1",
            plan_code
        )
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::not_found("plan", plan_code.clone(), "plan_code"))?;
        if plan.active == 0 {
            return Err(kanak_domain::FieldError::new(
                "plan_code",
                format!("plan {plan_code} is retired and takes no new enrollments"),
            )
            .into());
        }
        let mut terms = terms_from_json(&plan.terms_json)?;
        if let Some(n) = input.installments.filter(|_| !terms.rules.tiers.is_empty()) {
            terms = terms.with_tier(n)?;
        }
        let terms_json = serde_json::to_string(&terms).map_err(AppError::corrupt)?;
        let maturity = maturity_date(&terms, start).to_string();
        let shop = self.shop(conn).await?;
        let no = format!(
            "{}-E{:05}",
            shop.series(),
            sequence::next(conn, "enrollment").await?
        );
        let (start, now, by) = (start.to_string(), self.clock.timestamp(), actor.label());
        let stored = sqlx::query!(
            "INSERT INTO enrollments (enrollment_no, customer_id, plan_id, plan_code, plan_name, terms_json,
                                      start_date, maturity_date, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            no, customer, plan.id, plan_code, plan.name, terms_json, start, maturity, now, by
        )
        .execute(&mut *conn)
        .await?;
        let key = LocalKey::Int(stored.last_insert_rowid());
        self.sync_record(conn, EventKind::EnrollmentOpened, &tables::ENROLLMENTS, key)
            .await?;
        let change = Change::new(
            "enrollment.add",
            format!("enrolled in {plan_code} from {start}"),
        )
        .enrollment(&no);
        self.audit(conn, actor, change).await?;
        tracing::info!(enrollment_no = no, plan = plan_code, "enrolled");
        Ok(no)
    }

    pub async fn enrollment(&self, enrollment_no: &str) -> Result<EnrollmentView, AppError> {
        let enrolled = load_enrolled(&mut *self.pool.acquire().await?, enrollment_no).await?;
        self.enrollment_view(&enrolled).await
    }

    pub async fn enrollment_detail(
        &self,
        enrollment_no: &str,
    ) -> Result<EnrollmentDetail, AppError> {
        let mut conn = self.pool.acquire().await?;
        let enrolled = load_enrolled(&mut conn, enrollment_no).await?;
        let payments = self.payments_of_enrollment(enrolled.id).await?;
        let ev = evaluate_enrollment(&mut conn, &enrolled, &payments, self.clock.today()).await?;
        let terms = &enrolled.terms;
        Ok(EnrollmentDetail {
            enrollment: self.view_of(&enrolled, &ev),
            evaluation: EvaluationView::of(&ev),
            payments: payments.iter().map(StoredPayment::view).collect(),
            rules_text: kanak_domain::rules::describe::describe(terms),
            terms: terms.terms_text.clone(),
            show_gold_to_customer: terms.rules.show_gold_to_customer,
            closure: self.closure(&enrolled.enrollment_no).await?,
        })
    }

    /// Enrollments, optionally only those with an installment past its grace period.
    pub async fn list_enrollments(
        &self,
        overdue_only: bool,
    ) -> Result<Vec<EnrollmentView>, AppError> {
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

    pub(crate) async fn enrollments_of_customer(
        &self,
        customer_code: &str,
    ) -> Result<Vec<EnrollmentView>, AppError> {
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
        let ev = evaluate_enrollment(
            &mut *self.pool.acquire().await?,
            e,
            &payments,
            self.clock.today(),
        )
        .await?;
        Ok(self.view_of(e, &ev))
    }

    /// The enrollment's summary from the engine's evaluation on today.
    fn view_of(&self, e: &Enrolled, ev: &Evaluation) -> EnrollmentView {
        let status = match e.stored_status {
            EnrollmentStatus::Active
                if matches!(
                    ev.state,
                    SchemeState::Matured | SchemeState::RedemptionOverdue
                ) =>
            {
                EnrollmentStatus::Matured
            }
            other => other,
        };
        let open = matches!(status, EnrollmentStatus::Active | EnrollmentStatus::Matured);
        let (next_due_date, next_due_amount) = match ev.next_due.filter(|_| open) {
            Some((date, amount)) => (Some(date.to_string()), Some(amount.to_plain())),
            None => (None, None),
        };
        let unpaid_late = ev
            .installments
            .iter()
            .filter(|l| {
                matches!(
                    l.status,
                    InstallmentStatus::Late | InstallmentStatus::Missed
                )
            })
            .count();
        let overdue_count = if open {
            u32::try_from(unpaid_late).expect("at most 60 installments")
        } else {
            0
        };
        EnrollmentView {
            enrollment_no: e.enrollment_no.clone(),
            customer_code: e.customer_code.clone(),
            customer_name: e.customer_name.clone(),
            plan_code: e.plan_code.clone(),
            plan_name: e.plan_name.clone(),
            kind: e.terms.kind,
            start_date: e.start.to_string(),
            maturity_date: ev.maturity_date.to_string(),
            status,
            installment: e.terms.installment.map(Money::to_plain),
            installments: u32::try_from(ev.installments.len()).expect("at most 60 installments"),
            total_paid: ev.total_paid.to_plain(),
            total_grams: (e.terms.kind == PlanKind::Weight).then(|| ev.total_grams.to_plain()),
            outstanding: if open { ev.outstanding } else { Money::ZERO }.to_plain(),
            next_due_date,
            next_due_amount,
            overdue: overdue_count > 0,
            overdue_count,
            paid_installments: ev.paid_installments,
            state: ev.state.as_str().to_string(),
            bonus_at_maturity: ev.bonus_at_maturity.money.to_plain(),
        }
    }
}

pub(crate) async fn load_enrolled(
    conn: &mut SqliteConnection,
    enrollment_no: &str,
) -> Result<Enrolled, AppError> {
    let no = enrollment_no.trim().to_ascii_uppercase();
    let row = sqlx::query!(
        r#"SELECT e.id AS "id!", e.customer_id, e.enrollment_no, c.code AS customer_code, c.name AS customer_name, e.plan_code, e.plan_name,
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
        customer_id: row.customer_id,
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
