//! Counter enrollment: a first-time visitor is registered, enrolled and pays the first
//! installment in one step — one transaction, so a failure leaves nothing half-done.

use kanak_domain::PaymentMode;
use kanak_domain::Permission;
use serde::{Deserialize, Serialize};

use crate::{
    Actor, AppError, CustomerInput, CustomerView, EnrollInput, EnrollmentView, Kanak, PaymentInput,
    PaymentView, store,
};

#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct CounterEnrollInput {
    pub customer: CustomerInput,
    pub plan_code: String,
    /// For a plan with tiers: the number of installments the customer picked.
    pub installments: Option<u32>,
    /// UUIDv7 made by the client for the first payment.
    pub payment_id: String,
    pub amount: String,
    pub mode: PaymentMode,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CounterEnrollResult {
    pub customer: CustomerView,
    pub enrollment: EnrollmentView,
    pub payment: PaymentView,
}

impl Kanak {
    pub async fn counter_enroll(
        &self,
        actor: &Actor,
        input: CounterEnrollInput,
    ) -> Result<CounterEnrollResult, AppError> {
        actor.require(Permission::Enroll)?;
        let payment_input = PaymentInput {
            id: input.payment_id.clone(),
            enrollment_no: String::new(),
            amount: input.amount.clone(),
            mode: input.mode,
            reference: input.reference.clone(),
            date: None,
            confirm_duplicate: false,
        };
        let request = payment_input.validate()?;
        // A retry of the same counter enrollment (same payment id) answers with what was stored.
        if let Ok(payment) = self.payment(&request.id).await {
            let enrollment = self.enrollment(&payment.enrollment_no).await?;
            let customer = self.customer(&enrollment.customer_code).await?;
            return Ok(CounterEnrollResult {
                customer,
                enrollment,
                payment,
            });
        }
        let mut tx = store::begin_write(&self.pool).await?;
        let code = self
            .insert_customer(&mut tx, actor, &input.customer)
            .await?;
        let enroll = EnrollInput {
            customer_code: code.clone(),
            plan_code: input.plan_code.clone(),
            date: None,
            installments: input.installments,
        };
        let no = self.insert_enrollment(&mut tx, actor, &enroll).await?;
        let payment_id = self
            .insert_payment(&mut tx, actor, &no, &request, false)
            .await?;
        tx.commit().await?;
        Ok(CounterEnrollResult {
            customer: self.customer(&code).await?,
            enrollment: self.enrollment(&no).await?,
            payment: self.payment(&payment_id).await?,
        })
    }
}
