//! Payments: recorded once per client id, append-only, allocated to installments by the engine.

use crate::audit::{Change, PAYMENT_RECORDED, payment_subject};
use crate::sync::tables::{self, LocalKey};
use chrono::{Duration, NaiveDate};
use kanak_domain::Permission;
use kanak_domain::{
    FieldError, Money, PaidEntry, PaymentMode, PaymentStatus, PlanKind, Purity, Weight, parse_date,
};
use kanak_sync::EventKind;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::enrollment::{Enrolled, load_enrolled};
use crate::evaluation::{facts_of, paid_entry};
use crate::rate::rate_on;
use crate::{Actor, AppError, Kanak, compliance, sequence, store};
use kanak_domain::engine::change::{check_payment, installment_for};

/// A second payment of the same amount on the same enrollment within this window is
/// probably the same money keyed in twice.
const DUPLICATE_WINDOW_MINUTES: i64 = 10;

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct PaymentInput {
    /// UUIDv7 made by the client: the idempotency key. A retry re-sends the same id.
    pub id: String,
    pub enrollment_no: String,
    pub amount: String,
    pub mode: PaymentMode,
    pub reference: Option<String>,
    /// The business date; defaults to today.
    pub date: Option<String>,
    /// The staff confirmed that a look-alike recent payment is intentional.
    pub confirm_duplicate: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct PaymentView {
    pub id: String,
    pub receipt_no: String,
    pub enrollment_no: String,
    pub installment_no: u32,
    pub amount: String,
    pub mode: PaymentMode,
    pub status: PaymentStatus,
    pub reference: Option<String>,
    pub received_at: String,
    pub received_on: String,
    pub received_by: String,
    pub rate_per_gram: Option<String>,
    pub grams: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PaymentOutcome {
    pub payment: PaymentView,
    /// True when this id was already stored: the answer is the first result, nothing new was written.
    pub replayed: bool,
}

/// A payment as stored, with typed fields.
#[derive(Debug, Clone)]
pub(crate) struct StoredPayment {
    pub id: String,
    pub receipt_no: String,
    pub enrollment_no: String,
    pub installment_no: u32,
    pub amount: Money,
    pub mode: PaymentMode,
    pub status: PaymentStatus,
    pub reference: Option<String>,
    pub received_at: String,
    pub received_on: NaiveDate,
    pub received_by: String,
    pub rate_per_gram: Option<Money>,
    pub grams: Option<Weight>,
    pub fingerprint: String,
}

impl StoredPayment {
    pub fn view(&self) -> PaymentView {
        PaymentView {
            id: self.id.clone(),
            receipt_no: self.receipt_no.clone(),
            enrollment_no: self.enrollment_no.clone(),
            installment_no: self.installment_no,
            amount: self.amount.to_plain(),
            mode: self.mode,
            status: self.status,
            reference: self.reference.clone(),
            received_at: self.received_at.clone(),
            received_on: self.received_on.to_string(),
            received_by: self.received_by.clone(),
            rate_per_gram: self.rate_per_gram.map(Money::to_plain),
            grams: self.grams.map(Weight::to_plain),
        }
    }
}

#[derive(sqlx::FromRow, Deserialize)]
pub(crate) struct PaymentRow {
    id: String,
    receipt_no: String,
    enrollment_no: String,
    installment_no: i64,
    amount_paise: i64,
    mode: String,
    status: String,
    reference: Option<String>,
    received_at: String,
    received_on: String,
    received_by: String,
    rate_per_gram_paise: Option<i64>,
    grams_mg: Option<i64>,
    request_fingerprint: String,
}

impl TryFrom<PaymentRow> for StoredPayment {
    type Error = AppError;
    fn try_from(r: PaymentRow) -> Result<StoredPayment, AppError> {
        Ok(StoredPayment {
            installment_no: u32::try_from(r.installment_no).map_err(AppError::corrupt)?,
            amount: Money::from_paise(r.amount_paise),
            mode: PaymentMode::parse("mode", &r.mode).map_err(AppError::corrupt)?,
            status: PaymentStatus::parse("status", &r.status).map_err(AppError::corrupt)?,
            received_on: parse_date("received_on", &r.received_on).map_err(AppError::corrupt)?,
            rate_per_gram: r.rate_per_gram_paise.map(Money::from_paise),
            grams: r.grams_mg.map(Weight::from_mg),
            id: r.id,
            receipt_no: r.receipt_no,
            enrollment_no: r.enrollment_no,
            reference: r.reference,
            received_at: r.received_at,
            received_by: r.received_by,
            fingerprint: r.request_fingerprint,
        })
    }
}

/// The input after validation.
pub(crate) struct PaymentRequest {
    pub id: String,
    pub amount: Money,
    pub mode: PaymentMode,
    pub reference: Option<String>,
    pub date: Option<NaiveDate>,
    pub fingerprint: String,
}

impl PaymentInput {
    pub(crate) fn validate(&self) -> Result<PaymentRequest, FieldError> {
        let id = Uuid::parse_str(self.id.trim())
            .ok()
            .filter(|u| u.get_version_num() == 7)
            .ok_or_else(|| FieldError::new("id", "must be a UUIDv7 made by the client"))?;
        let amount = Money::parse_positive("amount", &self.amount)?;
        let reference = self
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        if reference.as_ref().is_some_and(|r| r.chars().count() > 64) {
            return Err(FieldError::new(
                "reference",
                "must be at most 64 characters",
            ));
        }
        if self.mode != PaymentMode::Cash && reference.is_none() {
            return Err(FieldError::new(
                "reference",
                format!(
                    "is required for {} payments (UPI ref, card slip, cheque or transfer no.)",
                    self.mode.as_str()
                ),
            ));
        }
        let date = self
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| parse_date("date", d))
            .transpose()?;
        // What the client asked for, so that a retry of the same id can be told from a different payment.
        let canonical = format!(
            "{}|{}|{}|{}|{}",
            self.enrollment_no.trim().to_ascii_uppercase(),
            amount.paise(),
            self.mode.as_str(),
            reference.as_deref().unwrap_or(""),
            date.map(|d| d.to_string()).unwrap_or_default()
        );
        let fingerprint = format!("{:x}", Sha256::digest(canonical.as_bytes()));
        Ok(PaymentRequest {
            id: id.to_string(),
            amount,
            mode: self.mode,
            reference,
            date,
            fingerprint,
        })
    }
}

impl Kanak {
    /// Records a payment once. The same id again answers with the first result; a look-alike
    /// payment (same enrollment and amount within minutes, another id) needs `confirm_duplicate`.
    pub async fn record_payment(
        &self,
        actor: &Actor,
        input: PaymentInput,
    ) -> Result<PaymentOutcome, AppError> {
        actor.require(Permission::TakePayment)?;
        let request = input.validate()?;
        let mut tx = store::begin_write(&self.pool).await?;
        if let Some(existing) = payment_by_id(&mut tx, &request.id).await? {
            return replay(existing, &request);
        }
        let id = self
            .insert_payment(
                &mut tx,
                actor,
                &input.enrollment_no,
                &request,
                input.confirm_duplicate,
            )
            .await?;
        tx.commit().await?;
        let payment = self.payment(&id).await?;
        Ok(PaymentOutcome {
            payment,
            replayed: false,
        })
    }

    pub(crate) async fn insert_payment(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        enrollment_no: &str,
        request: &PaymentRequest,
        confirm_duplicate: bool,
    ) -> Result<String, AppError> {
        let enrolled = load_enrolled(conn, enrollment_no).await?;
        let today = self.clock.today();
        let status = enrolled.status_on(today);
        if !status.accepts_payments() {
            return Err(AppError::PlanClosed {
                enrollment_no: enrolled.enrollment_no,
                status: status.as_str().to_string(),
            });
        }
        let on = request.date.unwrap_or(today);
        if on > today || on < enrolled.start {
            return Err(FieldError::new(
                "date",
                "must be between the enrollment's start and today",
            )
            .into());
        }
        if !confirm_duplicate {
            self.refuse_look_alike(conn, &enrolled, request.amount)
                .await?;
        }
        // A processing cheque still reserves its share, so the plan cannot be overpaid meanwhile.
        let counted: Vec<PaidEntry> = payments_of(conn, enrolled.id)
            .await?
            .iter()
            .filter(|p| {
                matches!(
                    p.status,
                    PaymentStatus::Processing | PaymentStatus::Confirmed
                )
            })
            .map(paid_entry)
            .collect();
        let facts = facts_of(conn, &enrolled, counted).await?;
        check_payment(&enrolled.terms, &facts, request.amount, on)?;
        let installment = i64::from(installment_for(&enrolled.terms, &facts, request.amount, on));
        compliance::check_payment(conn, enrolled.id, on, request.mode, request.amount).await?;
        let (purity, rate, grams) = gold_bought(conn, &enrolled, on, request.amount).await?;
        let shop = self.shop(conn).await?;
        let receipt_no = format!(
            "{}-R{:06}",
            shop.series(),
            sequence::next(conn, "receipt").await?
        );
        let (now, by, on_text) = (self.clock.timestamp(), actor.label(), on.to_string());
        let (amount, mode) = (request.amount.paise(), request.mode.as_str());
        sqlx::query!(
            "INSERT INTO payments (id, receipt_no, enrollment_id, installment_no, amount_paise, mode, reference,
                                   received_on, received_at, received_by, purity, rate_per_gram_paise, grams_mg, request_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            request.id, receipt_no, enrolled.id, installment, amount, mode, request.reference,
            on_text, now, by, purity, rate, grams, request.fingerprint
        )
        .execute(&mut *conn)
        .await?;
        // A cheque is not money until it clears; everything else was verified at the counter.
        let initial = if request.mode == PaymentMode::Cheque {
            PaymentStatus::Processing
        } else {
            PaymentStatus::Confirmed
        };
        append_status(conn, &request.id, initial, None, &now, by).await?;
        let key = LocalKey::Text(request.id.clone());
        self.sync_record(conn, EventKind::PaymentRecorded, &tables::PAYMENTS, key)
            .await?;
        if initial == PaymentStatus::Confirmed {
            let stored = payment_by_id(conn, &request.id)
                .await?
                .ok_or_else(|| AppError::corrupt("payment just stored"))?;
            self.queue_payment_message(conn, &enrolled, &stored).await?;
        }
        let detail = format!(
            "{} of {} by {mode}, receipt {receipt_no}",
            payment_subject(&request.id),
            request.amount.format_inr()
        );
        self.audit(
            conn,
            actor,
            Change::new(PAYMENT_RECORDED, detail).enrollment(&enrolled.enrollment_no),
        )
        .await?;
        tracing::info!(
            receipt_no,
            enrollment_no = enrolled.enrollment_no,
            "payment recorded"
        );
        Ok(request.id.clone())
    }

    async fn refuse_look_alike(
        &self,
        conn: &mut SqliteConnection,
        enrolled: &Enrolled,
        amount: Money,
    ) -> Result<(), AppError> {
        let since = (self.clock.now() - Duration::minutes(DUPLICATE_WINDOW_MINUTES))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let paise = amount.paise();
        let recent = sqlx::query_scalar!(
            "SELECT receipt_no FROM payments WHERE enrollment_id = ?1 AND amount_paise = ?2 AND received_at >= ?3
             ORDER BY received_at DESC LIMIT 1",
            enrolled.id, paise, since
        )
        .fetch_optional(conn)
        .await?;
        match recent {
            Some(receipt) => Err(AppError::PossibleDuplicate {
                message: format!(
                    "{} was already received on {} a few minutes ago (receipt {receipt}); confirm to record it again",
                    amount.format_inr(),
                    enrolled.enrollment_no
                ),
            }),
            None => Ok(()),
        }
    }

    /// Appends a status change (a cheque clears or bounces, a refund). The payment row itself never changes.
    pub async fn set_payment_status(
        &self,
        actor: &Actor,
        payment_id: &str,
        status: PaymentStatus,
        reason: Option<String>,
    ) -> Result<PaymentView, AppError> {
        actor.require(if status == PaymentStatus::Refunded {
            Permission::Refund
        } else {
            Permission::TakePayment
        })?;
        let mut tx = store::begin_write(&self.pool).await?;
        let id = self
            .change_payment_status(&mut tx, actor, payment_id, status, reason.as_deref())
            .await?;
        tx.commit().await?;
        self.payment(&id).await
    }

    /// The status change inside the caller's transaction (the use case above, and the demo
    /// shop's bulk history); returns the payment's id.
    pub(crate) async fn change_payment_status(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        payment_id: &str,
        status: PaymentStatus,
        reason: Option<&str>,
    ) -> Result<String, AppError> {
        let current = payment_by_id(conn, payment_id.trim())
            .await?
            .ok_or_else(|| AppError::not_found("payment", payment_id, "payment_id"))?;
        if !current.status.can_become(status) {
            return Err(FieldError::new(
                "status",
                format!(
                    "a {} payment cannot become {}",
                    current.status.as_str(),
                    status.as_str()
                ),
            )
            .into());
        }
        append_status(
            conn,
            &current.id,
            status,
            reason,
            &self.clock.timestamp(),
            actor.label(),
        )
        .await?;
        let status_row = crate::sync::last_row(conn).await?;
        let kind = EventKind::PaymentStatusChanged;
        self.sync_record(conn, kind, &tables::PAYMENT_STATUS, status_row)
            .await?;
        let detail = format!(
            "payment {} {} → {}",
            current.id,
            current.status.as_str(),
            status.as_str()
        );
        self.audit(conn, actor, Change::new("payment.status", detail))
            .await?;
        // A cleared cheque is money now: the customer hears of it as of any other payment.
        if current.status == PaymentStatus::Processing && status == PaymentStatus::Confirmed {
            let enrolled = load_enrolled(conn, &current.enrollment_no).await?;
            self.queue_payment_message(conn, &enrolled, &current)
                .await?;
        }
        Ok(current.id)
    }

    pub async fn payment(&self, id: &str) -> Result<PaymentView, AppError> {
        payment_by_id(&mut *self.pool.acquire().await?, id.trim())
            .await?
            .map(|p| p.view())
            .ok_or_else(|| AppError::not_found("payment", id, "payment_id"))
    }

    pub(crate) async fn payments_of_enrollment(
        &self,
        enrollment_id: i64,
    ) -> Result<Vec<StoredPayment>, AppError> {
        payments_of(&mut *self.pool.acquire().await?, enrollment_id).await
    }

    pub(crate) async fn payments_of_customer(
        &self,
        customer_code: &str,
    ) -> Result<Vec<PaymentView>, AppError> {
        let ids = sqlx::query_scalar!(
            r#"SELECT e.id AS "id!" FROM enrollments e JOIN customers c ON c.id = e.customer_id WHERE c.code = ?1 ORDER BY e.id"#,
            customer_code
        )
        .fetch_all(&self.pool)
        .await?;
        let mut views = Vec::new();
        for id in ids {
            views.extend(
                self.payments_of_enrollment(id)
                    .await?
                    .iter()
                    .map(StoredPayment::view),
            );
        }
        views.sort_by(|a, b| b.received_at.cmp(&a.received_at));
        Ok(views)
    }
}

pub(crate) fn replay(
    existing: StoredPayment,
    request: &PaymentRequest,
) -> Result<PaymentOutcome, AppError> {
    if existing.fingerprint != request.fingerprint {
        return Err(AppError::Conflict {
            message: format!(
                "payment id {} was already used for a different payment (receipt {})",
                existing.id, existing.receipt_no
            ),
            field: Some("id"),
        });
    }
    Ok(PaymentOutcome {
        payment: existing.view(),
        replayed: true,
    })
}

pub(crate) async fn payment_by_id(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<Option<StoredPayment>, AppError> {
    let row = sqlx::query_as!(
        PaymentRow,
        r#"SELECT p.id, p.receipt_no, e.enrollment_no, p.installment_no, p.amount_paise, p.mode,
                  (SELECT s.status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) AS "status!: String",
                  p.reference, p.received_at, p.received_on, p.received_by, p.rate_per_gram_paise, p.grams_mg, p.request_fingerprint
           FROM payments p JOIN enrollments e ON e.id = p.enrollment_id WHERE p.id = ?1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(StoredPayment::try_from).transpose()
}

/// An enrollment's payments with their latest status, in the order they were received.
pub(crate) async fn payments_of(
    conn: &mut SqliteConnection,
    enrollment_id: i64,
) -> Result<Vec<StoredPayment>, AppError> {
    let rows = sqlx::query_as!(
        PaymentRow,
        r#"SELECT p.id, p.receipt_no, e.enrollment_no, p.installment_no, p.amount_paise, p.mode,
                  (SELECT s.status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.id DESC LIMIT 1) AS "status!: String",
                  p.reference, p.received_at, p.received_on, p.received_by, p.rate_per_gram_paise, p.grams_mg, p.request_fingerprint
           FROM payments p JOIN enrollments e ON e.id = p.enrollment_id
           WHERE p.enrollment_id = ?1 ORDER BY p.received_on, p.received_at"#,
        enrollment_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(StoredPayment::try_from).collect()
}

/// For a gold-weight plan: the day's rate for the plan's purity and the grams it buys.
async fn gold_bought(
    conn: &mut SqliteConnection,
    enrolled: &Enrolled,
    on: NaiveDate,
    amount: Money,
) -> Result<(Option<String>, Option<i64>, Option<i64>), AppError> {
    if enrolled.terms.kind != PlanKind::Weight {
        return Ok((None, None, None));
    }
    let purity = enrolled.terms.purity.unwrap_or(Purity::K22);
    let rate = rate_on(conn, on, purity)
        .await?
        .ok_or_else(|| AppError::NoGoldRate {
            purity: purity.code(),
            date: kanak_domain::format_date(on),
        })?;
    let grams = Weight::bought(amount, rate);
    Ok((
        Some(purity.code()),
        Some(rate.money().paise()),
        Some(grams.mg()),
    ))
}

async fn append_status(
    conn: &mut SqliteConnection,
    payment_id: &str,
    status: PaymentStatus,
    reason: Option<&str>,
    at: &str,
    by: &str,
) -> Result<(), AppError> {
    let status = status.as_str();
    sqlx::query!(
        "INSERT INTO payment_status_events (payment_id, status, reason, at, by_staff) VALUES (?1, ?2, ?3, ?4, ?5)",
        payment_id, status, reason, at, by
    )
    .execute(conn)
    .await?;
    Ok(())
}
