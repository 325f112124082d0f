//! Kanak's domain: the money, gold, customer details and scheme rules of a jeweller's
//! gold savings plans, as pure types and functions. Nothing here reads a clock, a file or
//! a database, so every rule can be tested with worked numbers.
//!
//! Read in this order: [`field`] (the one error type), [`money`] and [`weight`] (amounts),
//! [`kyc`] and [`code`] (who the customer is), [`plan`], [`bonus`] and [`rules`] (what they
//! signed up for), then [`engine`]: the one place that says where an enrollment stands.

pub mod bonus;
pub mod code;
pub mod compliance;
mod decimal_text;
pub mod engine;
pub mod enrollment;
pub mod field;
pub mod format;
pub mod kyc;
pub mod money;
pub mod otp;
pub mod payment;
pub mod percent;
pub mod plan;
pub mod purity;
pub mod rules;
pub mod schedule;
pub mod staff;
pub mod weight;
pub mod words;

#[cfg(test)]
mod test_support;

pub use bonus::BonusRule;
pub use code::{BranchCode, CodeContext, CodePattern, CustomerCode};
pub use compliance::{
    ComplianceLimits, PaymentFacts, check_payment_compliance, check_redemption_compliance,
};
pub use engine::{
    Evaluation, Facts, InstallmentLine, InstallmentStatus, PaidEntry, SchemeState, evaluate,
};
pub use enrollment::EnrollmentStatus;
pub use field::FieldError;
pub use format::{format_date, parse_date};
pub use kyc::{
    Aadhaar, Email, Mobile, Pan, PersonName, PinCode, verhoeff_check_digit, verhoeff_valid,
};
pub use money::Money;
pub use payment::{PaymentMode, PaymentStatus};
pub use percent::Percent;
pub use plan::{PlanCode, PlanKind, PlanTerms, PlanTermsDraft};
pub use purity::Purity;
pub use rules::PlanRules;
pub use schedule::{Due, maturity_date, schedule};
pub use staff::{Permission, Role, StaffLogin};
pub use weight::{RatePerGram, Weight};
pub use words::{WordsLanguage, amount_in_words};
