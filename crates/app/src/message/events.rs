//! The messages that events at the counter cause, queued inside the event's own transaction:
//! a payment confirmed, a plan closed, and a reminder staff send from the missed report.

use kanak_domain::{InstallmentLine, InstallmentStatus, Money, Permission, PlanKind, format_date};
use sqlx::SqliteConnection;

use super::outbox::{NewMessage, OutboxMessageView};
use super::template::Params;
use super::trigger::Trigger;
use crate::enrollment::Enrolled;
use crate::evaluation::load_facts;
use crate::payment::StoredPayment;
use crate::{Actor, AppError, Kanak, SettleAs, store};

/// "5,000.00": Indian grouping without the ₹ sign, which many DLT templates already carry.
pub(crate) fn rupees(m: Money) -> String {
    m.format_inr().replace('₹', "")
}

pub(crate) fn base_params(e: &Enrolled) -> Params {
    Params::from([
        ("customer_name".into(), e.customer_name.clone()),
        ("enrollment_no".into(), e.enrollment_no.clone()),
        ("plan_name".into(), e.plan_name.clone()),
    ])
}

/// The variables of a reminder about one installment.
pub(crate) fn installment_params(e: &Enrolled, line: &InstallmentLine) -> Params {
    let mut params = base_params(e);
    let unpaid = if line.paid < line.amount {
        line.amount - line.paid
    } else {
        line.amount
    };
    params.insert("amount".into(), rupees(unpaid));
    params.insert("due_date".into(), format_date(line.due_date));
    params.insert("installment_no".into(), line.number.to_string());
    params
}

impl Kanak {
    /// The "payment received" message for a payment that is now money: at recording for
    /// cash, UPI, card and bank; when a cheque clears. Grams and rate are in it only for a
    /// gold-weight plan that shows the customer their gold.
    pub(crate) async fn queue_payment_message(
        &self,
        conn: &mut SqliteConnection,
        e: &Enrolled,
        p: &StoredPayment,
    ) -> Result<(), AppError> {
        self.queue_message(conn, payment_message(e, p)).await?;
        Ok(())
    }

    /// The "plan closed" message, inside the closure's transaction.
    pub(crate) async fn queue_closure_message(
        &self,
        conn: &mut SqliteConnection,
        e: &Enrolled,
        kind: &str,
        settlement: SettleAs,
        value: Money,
    ) -> Result<(), AppError> {
        let mut params = base_params(e);
        params.insert("closure_kind".into(), kind.to_string());
        params.insert("value".into(), rupees(value));
        params.insert("settlement".into(), settlement.as_str().to_string());
        let message = NewMessage {
            trigger: Trigger::Closure,
            key: format!("closed:{}", e.enrollment_no),
            customer_id: e.customer_id,
            enrollment_no: Some(e.enrollment_no.clone()),
            params,
            not_before: None,
        };
        self.queue_message(conn, message).await?;
        Ok(())
    }

    /// Staff remind a customer of their oldest late or missed installment (the missed
    /// report's one-click reminder). Each click is its own message.
    pub async fn send_missed_reminder(
        &self,
        actor: &Actor,
        enrollment_no: &str,
    ) -> Result<OutboxMessageView, AppError> {
        actor.require(Permission::Reports)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let (e, facts) = load_facts(&mut tx, enrollment_no).await?;
        if !e.status_on(self.clock.today()).accepts_payments() {
            return Err(AppError::PlanClosed {
                enrollment_no: e.enrollment_no.clone(),
                status: e.stored_status.as_str().to_string(),
            });
        }
        let ev = kanak_domain::evaluate(&e.terms, &facts, self.clock.today());
        let line = ev
            .installments
            .iter()
            .find(|l| {
                matches!(
                    l.status,
                    InstallmentStatus::Late | InstallmentStatus::Missed
                )
            })
            .ok_or_else(|| {
                kanak_domain::FieldError::new(
                    "enrollment_no",
                    format!("{} has no late or missed installment", e.enrollment_no),
                )
            })?;
        let settings = super::settings::load(&mut tx).await?;
        if !settings.enabled(Trigger::Reminder) {
            return Err(AppError::Conflict {
                message: "reminders are switched off (Settings → Messages)".into(),
                field: None,
            });
        }
        let message = NewMessage {
            trigger: Trigger::Reminder,
            key: format!("reminder:{}", uuid::Uuid::now_v7()),
            customer_id: e.customer_id,
            enrollment_no: Some(e.enrollment_no.clone()),
            params: installment_params(&e, line),
            not_before: None,
        };
        let id = self
            .queue_message(&mut tx, message)
            .await?
            .ok_or_else(|| AppError::corrupt("a new reminder key was already used"))?;
        tx.commit().await?;
        tracing::info!(
            enrollment_no = e.enrollment_no,
            installment = line.number,
            "missed reminder queued"
        );
        self.outbox_message(&id).await
    }
}

/// The "payment received" message of `p` (with the grams bought, on a plan that shows them).
pub(crate) fn payment_message(e: &Enrolled, p: &StoredPayment) -> NewMessage {
    let mut params = base_params(e);
    params.insert("amount".into(), rupees(p.amount));
    params.insert("receipt_no".into(), p.receipt_no.clone());
    params.insert("date".into(), format_date(p.received_on));
    let shows_gold = e.terms.kind == PlanKind::Weight && e.terms.rules.show_gold_to_customer;
    let trigger = match (shows_gold, p.grams, p.rate_per_gram) {
        (true, Some(grams), Some(rate)) => {
            params.insert("grams".into(), grams.to_plain());
            params.insert("rate".into(), rupees(rate));
            Trigger::PaymentGold
        }
        _ => Trigger::Payment,
    };
    NewMessage {
        trigger,
        key: format!("payment:{}:received", p.id),
        customer_id: e.customer_id,
        enrollment_no: Some(e.enrollment_no.clone()),
        params,
        not_before: None,
    }
}
