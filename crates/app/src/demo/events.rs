//! The demo shop's payment-side events: a payment at the counter, a cheque clearing or
//! bouncing, a refund, a closure — each through the use case's in-transaction function.

use kanak_domain::{Money, PaymentStatus};
use sqlx::SqliteConnection;

use super::plans::mode_and_reference;
use super::{Builder, uuid_v7};
use crate::{AppError, CloseInput, Kanak, PaymentInput, SettleAs};

impl Builder {
    pub(super) fn pay(
        &mut self,
        app: &Kanak,
        day: usize,
        e: usize,
        amount: Money,
    ) -> Result<(), AppError> {
        let (mode, reference) = mode_and_reference(&mut self.rng);
        let id = uuid_v7(&mut self.rng, app.clock.now());
        let input = PaymentInput {
            id,
            enrollment_no: self.enrollments[e].0.clone(),
            amount: amount.to_plain(),
            mode,
            reference,
            date: None,
            confirm_duplicate: false,
        };
        let request = input.validate()?;
        let actor = if self.rng.chance(70) {
            self.cashier.clone()
        } else {
            self.owner.clone()
        };
        match self.bulk.pay(app, &actor, e, &request) {
            Ok(k) => {
                self.summary.payments += 1;
                self.later_status(day, (request.id, e, k), mode);
            }
            // The engine or the compliance guard said no, as it would at the counter.
            Err(
                AppError::Invalid(_)
                | AppError::PlanClosed { .. }
                | AppError::PossibleDuplicate { .. },
            ) => {
                self.summary.refused_payments += 1;
            }
            Err(other) => return Err(other),
        }
        Ok(())
    }

    /// Cheques clear (or bounce) three days on; a few payments are refunded.
    pub(super) fn later_status(
        &mut self,
        day: usize,
        (id, e, k): (String, usize, usize),
        mode: kanak_domain::PaymentMode,
    ) {
        let (status, after) = if mode == kanak_domain::PaymentMode::Cheque {
            let bounced = self.rng.chance(5);
            (
                if bounced {
                    PaymentStatus::Failed
                } else {
                    PaymentStatus::Confirmed
                },
                3,
            )
        } else if self.rng.below(1000) < 3 {
            (PaymentStatus::Refunded, self.rng.between(1, 10) as usize)
        } else {
            return;
        };
        if day + after < self.days.len() {
            self.days[day + after].statuses.push((id, e, k, status));
        }
    }

    pub(super) async fn status(
        &mut self,
        app: &Kanak,
        conn: &mut SqliteConnection,
        id: &str,
        status: PaymentStatus,
    ) -> Result<(), AppError> {
        let reason = match status {
            PaymentStatus::Failed => Some("cheque returned unpaid: insufficient funds"),
            PaymentStatus::Refunded => Some("customer asked for the money back"),
            _ => None,
        };
        app.change_payment_status(conn, &self.owner, id, status, reason)
            .await?;
        match status {
            PaymentStatus::Confirmed => self.summary.cheques_cleared += 1,
            PaymentStatus::Failed => self.summary.cheques_bounced += 1,
            _ => self.summary.refunds += 1,
        }
        Ok(())
    }

    pub(super) async fn close(
        &mut self,
        app: &Kanak,
        conn: &mut SqliteConnection,
        e: usize,
    ) -> Result<(), AppError> {
        let input = CloseInput {
            enrollment_no: self.enrollments[e].0.clone(),
            settlement: SettleAs::Jewellery,
            invoice_no: Some(format!("INV-{:06}", self.rng.below(1_000_000))),
            invoice_value: None,
        };
        let reason = "demo shop: customer came in without the registered phone";
        match app
            .override_closure_in(conn, &self.owner, &input, reason)
            .await
        {
            Ok(_) => {
                self.summary.closures += 1;
                self.bulk.reload(conn, e).await?;
            }
            // Not closable that day (a bounced cheque left it short): it stays open, as at the counter.
            Err(AppError::Invalid(_)) => {}
            Err(other) => return Err(other),
        }
        Ok(())
    }
}
