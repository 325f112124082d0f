//! The compliance guards at the counter: loads the facts the domain rules need (the shop's
//! limits, the customer's cash already taken that day, PAN or Form 60 on record) inside the
//! caller's transaction, so two counters cannot both squeeze under the day's cash limit.

use crate::audit::Change;
use chrono::NaiveDate;
use kanak_domain::Permission;
use kanak_domain::{
    ComplianceLimits, Money, PaymentFacts, PaymentMode, check_payment_compliance,
    check_redemption_compliance, parse_date,
};
use sqlx::SqliteConnection;

use crate::customer::customer_id;
use crate::{Actor, AppError, CustomerView, Kanak, store};

/// What is on record about the payer.
struct Payer {
    id: i64,
    pan_or_form60: bool,
}

/// Refuses a payment on `enrollment_id` received `on` that breaks s.269ST or needs PAN/Form 60.
pub(crate) async fn check_payment(
    conn: &mut SqliteConnection,
    enrollment_id: i64,
    on: NaiveDate,
    mode: PaymentMode,
    amount: Money,
) -> Result<(), AppError> {
    let limits = load_limits(conn).await?;
    let payer = payer_of_enrollment(conn, enrollment_id).await?;
    let cash_already_today = cash_received(conn, payer.id, on).await?;
    let facts = PaymentFacts {
        mode,
        amount,
        cash_already_today,
        pan_or_form60: payer.pan_or_form60,
    };
    check_payment_compliance(&limits, &facts).inspect_err(|e| {
        tracing::info!(
            enrollment_id,
            problem = e.problem,
            "payment refused by a compliance rule"
        );
    })?;
    Ok(())
}

/// For the closure flow: a redemption of `amount` by this customer over the PAN limit needs
/// their PAN or a Form 60 declaration.
#[allow(dead_code)] // called by plan closure (#3), which is being built beside this
pub(crate) async fn check_redemption(
    conn: &mut SqliteConnection,
    customer_code: &str,
    amount: Money,
) -> Result<(), AppError> {
    let limits = load_limits(conn).await?;
    let id = customer_id(conn, customer_code).await?;
    let payer = payer(conn, id).await?;
    Ok(check_redemption_compliance(
        &limits,
        amount,
        payer.pan_or_form60,
    )?)
}

impl Kanak {
    /// Records that the customer signed a Form 60 (they have no PAN) on `date`. A later
    /// declaration replaces the date on record.
    pub async fn record_form60(
        &self,
        actor: &Actor,
        customer_code: &str,
        date: &str,
    ) -> Result<CustomerView, AppError> {
        actor.require(Permission::Customers)?;
        let declared = parse_date("date", date)?;
        if declared > self.clock.today() {
            return Err(kanak_domain::FieldError::new("date", "cannot be in the future").into());
        }
        let mut tx = store::begin_write(&self.pool).await?;
        let id = customer_id(&mut tx, customer_code).await?;
        let (day, now) = (declared.to_string(), self.clock.timestamp());
        sqlx::query!(
            "UPDATE customers SET form60_declared_on = ?1, updated_at = ?2 WHERE id = ?3",
            day,
            now,
            id
        )
        .execute(&mut *tx)
        .await?;
        let change = Change::new("customer.form60", format!("Form 60 declared on {day}"))
            .customer(customer_code);
        self.audit(&mut tx, actor, change).await?;
        tx.commit().await?;
        tracing::info!(
            customer = customer_code,
            by = actor.label(),
            "Form 60 recorded"
        );
        self.customer(customer_code).await
    }
}

pub(crate) async fn load_limits(conn: &mut SqliteConnection) -> Result<ComplianceLimits, AppError> {
    let row = sqlx::query!(
        "SELECT cash_limit_per_day_paise, pan_required_above_paise FROM shop WHERE id = 1"
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotSetUp)?;
    Ok(ComplianceLimits {
        cash_per_day: Money::from_paise(row.cash_limit_per_day_paise),
        pan_required_above: Money::from_paise(row.pan_required_above_paise),
    })
}

async fn payer_of_enrollment(
    conn: &mut SqliteConnection,
    enrollment_id: i64,
) -> Result<Payer, AppError> {
    let id = sqlx::query_scalar!(
        "SELECT customer_id FROM enrollments WHERE id = ?1",
        enrollment_id
    )
    .fetch_one(&mut *conn)
    .await?;
    payer(conn, id).await
}

async fn payer(conn: &mut SqliteConnection, customer_id: i64) -> Result<Payer, AppError> {
    let row = sqlx::query!(
        "SELECT pan, form60_declared_on FROM customers WHERE id = ?1",
        customer_id
    )
    .fetch_one(conn)
    .await?;
    Ok(Payer {
        id: customer_id,
        pan_or_form60: row.pan.is_some() || row.form60_declared_on.is_some(),
    })
}

/// Cash taken from this person on `day` over all their enrollments. A bounced or failed
/// payment was never received; a refunded one was (s.269ST is about receiving).
async fn cash_received(
    conn: &mut SqliteConnection,
    customer_id: i64,
    day: NaiveDate,
) -> Result<Money, AppError> {
    let day = day.to_string();
    // CROSS JOIN fixes the loop order: the customer's few enrollments first, then each one's
    // cash that day by (received_on, mode, enrollment_id). Left to itself the planner walked
    // every cash payment of the day, which grows with the shop (quadratic over a busy day).
    let paise = sqlx::query_scalar!(
        r#"SELECT COALESCE(SUM(p.amount_paise), 0) AS "paise!: i64" FROM enrollments e CROSS JOIN payments p ON p.enrollment_id = e.id
           WHERE e.customer_id = ?1 AND p.received_on = ?2 AND p.mode = 'cash'
             AND (SELECT s.status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) <> 'failed'"#,
        customer_id, day
    )
    .fetch_one(conn)
    .await?;
    Ok(Money::from_paise(paise))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Clock, CustomerInput, SetupInput};

    async fn shop_with_customer(pan: Option<&str>) -> (Kanak, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let secrets = std::sync::Arc::new(crate::MemorySecrets::default());
        let kanak = Kanak::open_with(dir.path(), Clock::fixed_on(today), secrets, None)
            .await
            .unwrap();
        let setup = SetupInput {
            shop_name: "Lakshmi Jewellers".into(),
            address: String::new(),
            gstin: None,
            branch_code: "MAIN".into(),
            owner_name: "Ravi Soni".into(),
            owner_pin: "4321".into(),
        };
        kanak.setup_shop(setup).await.unwrap();
        let customer = CustomerInput {
            name: "Asha".into(),
            phone: "9876543210".into(),
            pan: pan.map(str::to_string),
            aadhaar: None,
            dob: None,
            address: None,
            pin_code: None,
            email: None,
            family_of: None,
            relation: None,
        };
        kanak
            .add_customer(&Actor::staff("owner", kanak_domain::Role::Owner), customer)
            .await
            .unwrap();
        (kanak, dir)
    }

    async fn redeem(kanak: &Kanak, amount: &str) -> Result<(), AppError> {
        let mut conn = kanak.pool().acquire().await.unwrap();
        check_redemption(
            &mut conn,
            "MAIN-00001",
            Money::parse("amount", amount).unwrap(),
        )
        .await
    }

    #[tokio::test]
    async fn a_redemption_over_the_pan_limit_needs_pan_or_a_form60_on_record() {
        let (kanak, _dir) = shop_with_customer(None).await;
        assert!(redeem(&kanak, "200000").await.is_ok());
        let refused = redeem(&kanak, "200000.01").await.unwrap_err();
        assert_eq!(refused.field(), Some("pan"));
        assert!(
            refused.to_string().contains("redemption over ₹2,00,000.00"),
            "{refused}"
        );
        kanak
            .record_form60(
                &Actor::staff("owner", kanak_domain::Role::Owner),
                "MAIN-00001",
                "23-11-2026",
            )
            .await
            .unwrap();
        assert!(redeem(&kanak, "500000").await.is_ok());
    }

    #[tokio::test]
    async fn a_customer_with_a_pan_may_redeem_any_amount() {
        let (kanak, _dir) = shop_with_customer(Some("ABCDE1234F")).await;
        assert!(redeem(&kanak, "900000").await.is_ok());
    }
}
