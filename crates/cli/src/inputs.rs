//! Turning flags into the use cases' inputs. Validation happens in the use cases, once.

use kanak_app::{
    AppError, CustomerInput, EnrollInput, PaymentInput, PlanInput, SettingsInput, SetupInput,
};
use kanak_domain::{FieldError, PaymentMode, PlanKind};

use crate::args::{
    CustomerAddArgs, EnrollArgs, KindArg, ModeArg, PayArgs, PlanAddArgs, SettingsSetArgs, SetupArgs,
};

impl SetupArgs {
    pub fn to_input(&self) -> SetupInput {
        SetupInput {
            shop_name: self.shop_name.clone(),
            address: self.address.clone(),
            gstin: self.gstin.clone(),
            branch_code: self.branch.clone(),
            owner_name: self.owner_name.clone(),
            owner_pin: self.owner_pin.clone(),
        }
    }
}

impl SettingsSetArgs {
    /// The current settings with the flags given applied over them.
    pub fn apply(&self, mut settings: SettingsInput) -> SettingsInput {
        if let Some(derive) = self.derive_rates {
            settings.derive_rates = derive;
        }
        if let Some(url) = &self.rate_feed_url {
            settings.rate_feed_url = Some(url.clone());
        }
        if let Some(limit) = &self.cash_limit {
            settings.cash_limit_per_day = limit.clone();
        }
        if let Some(limit) = &self.pan_limit {
            settings.pan_required_above = limit.clone();
        }
        if let Some(print) = self.print_receipt_after_payment {
            settings.print_receipt_after_payment = print;
        }
        settings
    }
}

impl CustomerAddArgs {
    pub fn to_input(&self) -> CustomerInput {
        CustomerInput {
            name: self.name.clone(),
            phone: self.phone.clone(),
            pan: self.pan.clone(),
            aadhaar: self.aadhaar.clone(),
            dob: self.dob.clone(),
            address: self.address.clone(),
            pin_code: self.pin_code.clone(),
            email: self.email.clone(),
            family_of: self.family_of.clone(),
            relation: self.relation.clone(),
        }
    }
}

impl PlanAddArgs {
    pub fn to_input(&self) -> Result<PlanInput, AppError> {
        let rules = match &self.rules {
            None => None,
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    FieldError::new("rules", format!("cannot read {}: {e}", path.display()))
                })?;
                Some(serde_json::from_str(&text).map_err(|e| {
                    FieldError::new("rules", format!("is not a valid rules file: {e}"))
                })?)
            }
        };
        Ok(PlanInput {
            rules,
            code: self.code.clone(),
            name: self.name.clone(),
            kind: match self.kind {
                KindArg::Amount => PlanKind::Amount,
                KindArg::Weight => PlanKind::Weight,
                KindArg::Flexible => PlanKind::Flexible,
            },
            installment: self.installment.clone(),
            min_amount: self.min.clone(),
            max_amount: self.max.clone(),
            installments: self.installments,
            due_day: self.due_day,
            grace_days: self.grace_days,
            purity: self.purity.clone(),
            bonus: self.bonus.clone(),
            terms: self.terms.clone(),
        })
    }
}

impl EnrollArgs {
    pub fn to_input(&self) -> EnrollInput {
        EnrollInput {
            customer_code: self.customer.clone(),
            plan_code: self.plan.clone(),
            date: self.date.clone(),
            installments: self.installments,
        }
    }
}

impl PayArgs {
    /// Without --id a fresh UUIDv7 is made; scripts that may retry should pass their own.
    pub fn to_input(&self) -> PaymentInput {
        PaymentInput {
            id: self
                .id
                .clone()
                .unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
            enrollment_no: self.enrollment.clone(),
            amount: self.amount.clone(),
            mode: match self.mode {
                ModeArg::Cash => PaymentMode::Cash,
                ModeArg::Upi => PaymentMode::Upi,
                ModeArg::Card => PaymentMode::Card,
                ModeArg::Bank => PaymentMode::Bank,
                ModeArg::Cheque => PaymentMode::Cheque,
            },
            reference: self.reference.clone(),
            date: self.date.clone(),
            confirm_duplicate: self.confirm_duplicate,
        }
    }
}
