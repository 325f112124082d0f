//! Applying records through the same use cases as the forms (`insert_plan`, `insert_customer`,
//! `insert_enrollment`, `insert_payment`: the domain's validation, the engine, compliance and
//! the audit trail), each row in its own savepoint inside the one import transaction.

use kanak_domain::{FieldError, Mobile, PaymentMode, PlanKind, parse_date};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use super::mapping::ImportKind;
use super::rows::{ImportProblem, Record};
use crate::{Actor, AppError, CustomerInput, EnrollInput, Kanak, PaymentInput, PlanInput};

/// What one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created,
    /// The row's plan, customer, enrollment or payment is already stored (a re-import).
    AlreadyThere,
}

impl Kanak {
    /// One row in a savepoint: a refused row leaves nothing behind, and the next rows still
    /// run so that the dry run lists every row's problems.
    pub(crate) async fn apply_record(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        record: &Record,
        occurrence: usize,
    ) -> Result<Applied, ImportProblem> {
        let sql = |e: sqlx::Error| record.problem("row", format!("could not be stored: {e}"));
        sqlx::query("SAVEPOINT import_row")
            .execute(&mut *conn)
            .await
            .map_err(sql)?;
        let outcome = match record.kind {
            ImportKind::Plans => self.apply_plan(conn, actor, record).await,
            ImportKind::Customers => self.apply_customer(conn, actor, record).await,
            ImportKind::Enrollments => self.apply_enrollment(conn, actor, record).await,
            ImportKind::Payments => self.apply_payment(conn, actor, record, occurrence).await,
        };
        if outcome.is_err() {
            sqlx::query("ROLLBACK TO import_row")
                .execute(&mut *conn)
                .await
                .map_err(sql)?;
        }
        sqlx::query("RELEASE import_row")
            .execute(&mut *conn)
            .await
            .map_err(sql)?;
        outcome.map_err(|e| problem_of(record, e))
    }

    async fn apply_plan(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        r: &Record,
    ) -> Result<Applied, AppError> {
        let code = r.text("code").to_ascii_uppercase();
        let stored = sqlx::query_scalar!("SELECT COUNT(*) FROM plans WHERE code = ?1", code)
            .fetch_one(&mut *conn)
            .await?;
        if stored > 0 {
            return Ok(Applied::AlreadyThere);
        }
        let input = PlanInput {
            code: Some(code),
            name: r.text("name"),
            kind: PlanKind::parse("kind", &r.text("kind"))?,
            installment: r.optional("installment"),
            min_amount: r.optional("min_amount"),
            max_amount: r.optional("max_amount"),
            installments: number(r, "installments")?.unwrap_or(0),
            due_day: number(r, "due_day")?,
            grace_days: number(r, "grace_days")?.unwrap_or(0),
            purity: r.optional("purity"),
            bonus: r.text("bonus"),
            terms: r.text("terms"),
            rules: None,
        };
        self.insert_plan(conn, actor, &input).await?;
        Ok(Applied::Created)
    }

    async fn apply_customer(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        r: &Record,
    ) -> Result<Applied, AppError> {
        let phone = Mobile::parse(&r.text("phone"))?;
        // The natural key of a customer: the same name on the same mobile is the same person.
        let (phone, name) = (phone.as_str(), r.text("name"));
        let stored = sqlx::query_scalar!(
            "SELECT COUNT(*) FROM customers WHERE phone = ?1 AND lower(name) = lower(?2)",
            phone,
            name
        )
        .fetch_one(&mut *conn)
        .await?;
        if stored > 0 {
            return Ok(Applied::AlreadyThere);
        }
        let input = CustomerInput {
            name: r.text("name"),
            phone: r.text("phone"),
            pan: r.optional("pan"),
            aadhaar: r.optional("aadhaar"),
            dob: r.optional("dob"),
            address: r.optional("address"),
            pin_code: r.optional("pin_code"),
            email: r.optional("email"),
            family_of: None,
            relation: None,
        };
        self.insert_customer(conn, actor, &input).await?;
        Ok(Applied::Created)
    }

    async fn apply_enrollment(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        r: &Record,
    ) -> Result<Applied, AppError> {
        let customer = customer_of(conn, r).await?;
        let plan_code = r.text("plan_code").to_ascii_uppercase();
        let start = match r.get("date") {
            Some(d) => parse_date("date", d)?,
            None => self.clock.today(),
        };
        // An enrollment's natural key: the customer, the plan and the day it began.
        let start_text = start.to_string();
        let stored = sqlx::query_scalar!(
            "SELECT COUNT(*) FROM enrollments e JOIN customers c ON c.id = e.customer_id
             WHERE c.code = ?1 AND e.plan_code = ?2 AND e.start_date = ?3",
            customer,
            plan_code,
            start_text
        )
        .fetch_one(&mut *conn)
        .await?;
        if stored > 0 {
            return Ok(Applied::AlreadyThere);
        }
        let input = EnrollInput {
            customer_code: customer,
            plan_code,
            date: Some(start.to_string()),
            installments: number(r, "installments")?,
        };
        self.insert_enrollment(conn, actor, &input).await?;
        Ok(Applied::Created)
    }

    async fn apply_payment(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        r: &Record,
        occurrence: usize,
    ) -> Result<Applied, AppError> {
        let enrollment_no = enrollment_of(conn, r).await?;
        let on = parse_date("date", &r.text("date"))?;
        let mode = match r.get("mode") {
            Some(m) => PaymentMode::parse("mode", m)?,
            None => PaymentMode::Cash,
        };
        let input = PaymentInput {
            id: payment_id(r, on, occurrence),
            enrollment_no: enrollment_no.clone(),
            amount: r.text("amount"),
            mode,
            reference: r.optional("reference"),
            date: Some(on.to_string()),
            // Old books hold many equal installments; each row is its own payment by its key.
            confirm_duplicate: true,
        };
        let request = input.validate()?;
        if let Some(existing) = crate::payment::payment_by_id(conn, &request.id).await? {
            crate::payment::replay(existing, &request)?;
            return Ok(Applied::AlreadyThere);
        }
        self.insert_payment(conn, actor, &enrollment_no, &request, true)
            .await?;
        Ok(Applied::Created)
    }
}

/// A payment's id made from the row's content (and which copy of identical rows it is), so
/// importing the file again replays the same ids and stores nothing new. A UUIDv7 whose time
/// is the payment's day, like the ids the counter makes.
fn payment_id(r: &Record, on: chrono::NaiveDate, occurrence: usize) -> String {
    let digest = Sha256::digest(format!("{}#{occurrence}", r.canonical()).as_bytes());
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&digest[..10]);
    let millis = on
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp_millis())
        .max(0);
    uuid::Builder::from_unix_timestamp_millis(millis as u64, &tail)
        .into_uuid()
        .to_string()
}

/// The customer a row names by mobile (and by name when several share the number).
async fn customer_of(conn: &mut SqliteConnection, r: &Record) -> Result<String, AppError> {
    let phone = Mobile::parse(&r.text("phone"))?;
    let phone = phone.as_str();
    let codes: Vec<(String, String)> = sqlx::query!(
        "SELECT code, name FROM customers WHERE phone = ?1 ORDER BY id",
        phone
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.code, row.name))
    .collect();
    let name = r.get("name").map(str::to_lowercase);
    let matching: Vec<&(String, String)> = codes
        .iter()
        .filter(|(_, n)| name.as_deref().is_none_or(|want| n.to_lowercase() == want))
        .collect();
    match matching.as_slice() {
        [(code, _)] => Ok(code.clone()),
        [] => Err(FieldError::new(
            "phone",
            "belongs to no customer (add them to the customers sheet)",
        )
        .into()),
        _ => Err(FieldError::new(
            "phone",
            "is shared by several customers; map the name column too",
        )
        .into()),
    }
}

/// The enrollment a payment row means: its customer's one enrollment in the plan.
async fn enrollment_of(conn: &mut SqliteConnection, r: &Record) -> Result<String, AppError> {
    let customer = customer_of(conn, r).await?;
    let plan_code = r.text("plan_code").to_ascii_uppercase();
    let numbers = sqlx::query_scalar!(
        "SELECT e.enrollment_no FROM enrollments e JOIN customers c ON c.id = e.customer_id
         WHERE c.code = ?1 AND e.plan_code = ?2 ORDER BY e.id",
        customer,
        plan_code
    )
    .fetch_all(&mut *conn)
    .await?;
    match numbers.as_slice() {
        [no] => Ok(no.clone()),
        [] => Err(FieldError::new(
            "plan_code",
            format!("{customer} has no enrollment in this plan"),
        )
        .into()),
        _ => Err(FieldError::new(
            "plan_code",
            format!("{customer} has several enrollments in this plan"),
        )
        .into()),
    }
}

fn number<T: std::str::FromStr>(r: &Record, field: &'static str) -> Result<Option<T>, FieldError> {
    r.get(field)
        .map(|v| {
            v.parse::<T>()
                .map_err(|_| FieldError::new(field, "must be a whole number"))
        })
        .transpose()
}

fn problem_of(record: &Record, error: AppError) -> ImportProblem {
    match error {
        AppError::Invalid(e) => record.problem(e.field, e.problem),
        other => match other.field() {
            Some(field) => record.problem(field, other.to_string()),
            None => record.problem("row", other.to_string()),
        },
    }
}
