//! What each document shows, as typed values. The app fills these from the store and the
//! scheme engine; this crate only lays them out. Amounts stay `Money`/`Weight` and days stay
//! dates until the page formats them, so Indian grouping and DD-MM-YYYY happen in one place.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
/// Redemption at maturity or premature closure: the engine's own kind.
pub use kanak_domain::engine::ClosureKind;
use kanak_domain::{Money, PaymentMode, PaymentStatus, Weight};

/// The language of a document's labels. Names, plan names and the engine's explanations are
/// printed as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Hi,
}

/// The shop, as printed at the top of every document.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopHeader {
    pub name: String,
    pub address: String,
    pub gstin: Option<String>,
    pub logo: Option<crate::logo::Logo>,
}

/// Who the document is about. The phone is printed masked except its last 4 digits.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerLine {
    pub name: String,
    pub code: String,
    pub phone_masked: String,
}

/// Who printed it, and when (the shop's local time).
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub at: NaiveDateTime,
    pub by: String,
}

/// One row of the passbook: a payment, or an installment that went unpaid.
#[derive(Debug, Clone, PartialEq)]
pub enum LedgerRow {
    Payment(PaymentRow),
    /// An installment past its grace period with nothing (or not enough) paid.
    Unpaid {
        installment_no: u32,
        due: NaiveDate,
        missed: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRow {
    pub date: NaiveDate,
    pub receipt_no: String,
    pub installment_no: u32,
    pub mode: PaymentMode,
    pub reference: Option<String>,
    pub amount: Money,
    pub status: PaymentStatus,
    /// Paid after the installment's grace period ended.
    pub late: bool,
    /// Weight plans: the day's rate and the grams this payment bought.
    pub gold: Option<GoldBought>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoldBought {
    pub rate_per_gram: Money,
    pub grams: Weight,
}

/// A bonus line of the engine's, e.g. "Maturity bonus: 1 installment" ₹5,000.00.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountLine {
    pub label: String,
    pub money: Money,
    pub grams: Weight,
}

/// The closure, on a closed enrollment's passbook and on the closure statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureSummary {
    pub kind: ClosureKind,
    pub settled_as_cash: bool,
    pub closed_on: NaiveDate,
    pub closed_by: String,
    pub verified: Verification,
    pub paid: Money,
    pub bonus: Money,
    pub deductions: Vec<AmountLine>,
    /// Cash handed back, or the value set against jewellery.
    pub value: Money,
    pub grams: Weight,
    pub invoice: Option<Invoice>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verification {
    /// The customer read back the one-time code sent to their phone.
    Otp,
    /// The owner closed it without a code, for this written reason.
    Override { reason: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Invoice {
    pub number: String,
    pub value: Money,
}

/// The passbook of one enrollment.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerDoc {
    pub lang: Lang,
    pub shop: ShopHeader,
    pub customer: CustomerLine,
    pub enrollment_no: String,
    pub plan_name: String,
    pub plan_code: String,
    /// Weight plans print rate/g, grams and running grams.
    pub weight_plan: bool,
    /// The plan's rules in plain words (the engine's `describe`).
    pub rules: Vec<String>,
    pub terms_text: String,
    /// The plan says grams and rates are not shown to the customer.
    pub hide_gold: bool,
    pub enrolled_on: NaiveDate,
    pub maturity: NaiveDate,
    pub state: String,
    pub rows: Vec<LedgerRow>,
    /// The engine's totals (confirmed payments only), printed under the running columns.
    pub total_paid: Money,
    pub total_grams: Weight,
    pub average_rate: Option<Money>,
    pub outstanding: Money,
    pub late_fees: Money,
    pub bonus_so_far: Vec<AmountLine>,
    pub bonus_at_maturity: Money,
    pub explanation: Vec<String>,
    pub closure: Option<ClosureSummary>,
    pub generated: Generated,
}

/// A receipt for one payment.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptDoc {
    pub lang: Lang,
    pub shop: ShopHeader,
    pub customer: CustomerLine,
    pub enrollment_no: String,
    pub plan_name: String,
    pub payment_id: String,
    pub receipt_no: String,
    /// The business day the money came in.
    pub received_on: NaiveDate,
    /// The time it was recorded, when that was on the same day; a payment entered later for
    /// an earlier day (a scheme begun on paper) prints its day alone.
    pub received_time: Option<NaiveTime>,
    pub received_by: String,
    pub installment_no: u32,
    pub installments: u32,
    pub mode: PaymentMode,
    pub reference: Option<String>,
    pub amount: Money,
    pub status: PaymentStatus,
    /// Shown only when the plan shows gold to the customer.
    pub gold: Option<GoldBought>,
    pub total_paid: Money,
    /// The SHA-256 of the payment's entry in the hash-chained audit trail.
    pub entry_hash: Option<String>,
}

/// Paper for a receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptFormat {
    /// Half an A4 sheet (148 × 210 mm).
    A5,
    /// An 80 mm thermal roll (about 72 mm printable), as long as the receipt needs.
    Thermal80,
}

/// The redemption or refund computation handed to the customer at closure.
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureDoc {
    pub lang: Lang,
    pub shop: ShopHeader,
    pub customer: CustomerLine,
    pub enrollment_no: String,
    pub plan_name: String,
    pub enrolled_on: NaiveDate,
    pub closure: ClosureSummary,
    pub bonus_lines: Vec<AmountLine>,
    pub explanation: Vec<String>,
    pub generated: Generated,
}

/// The database recovery key's sheet, printed once after setup.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoverySheetDoc {
    pub lang: Lang,
    pub shop: ShopHeader,
    /// The key's groups of four characters, in order.
    pub groups: Vec<String>,
    pub generated: Generated,
}
