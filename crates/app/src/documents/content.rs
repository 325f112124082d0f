//! What each printed document says: the one mapping from the app's views (the same ones the
//! screens and the CLI show) to the renderer's model. Every figure comes from a view, and so
//! from the scheme engine; nothing is worked out again here, only read back into `Money`,
//! `Weight` and dates so the renderer formats them (Indian grouping, DD-MM-YYYY) itself.

use chrono::{NaiveDate, NaiveTime};
use kanak_documents::{
    AmountLine, ClosureDoc, ClosureKind, ClosureSummary, CustomerLine, Generated, GoldBought,
    Invoice, Lang, LedgerDoc, LedgerRow, PaymentRow, ReceiptDoc, ShopHeader, Verification,
};
use kanak_domain::{
    EnrollmentStatus, InstallmentStatus, Mobile, Money, PlanKind, Weight, parse_date,
};

use crate::{
    AppError, BenefitLineView, ClosureView, CustomerView, EnrollmentDetail, InstallmentView,
    Language, PaymentView, SettleAs, ShopView,
};

/// The shop as documents print it: its settings and its logo.
pub(crate) struct PrintingShop {
    pub view: ShopView,
    pub logo: Option<kanak_documents::Logo>,
}

/// The top of every document: its language, the shop and the customer.
pub(super) struct Letterhead {
    pub lang: Lang,
    pub shop: ShopHeader,
    pub customer: CustomerLine,
}

impl Letterhead {
    pub fn new(
        shop: &PrintingShop,
        customer: &CustomerView,
        lang: Option<Language>,
    ) -> Result<Letterhead, AppError> {
        // The stored phone was validated when it was saved; failing here means the row is bad.
        let phone = Mobile::parse(&customer.phone).map_err(AppError::corrupt)?;
        Ok(Letterhead {
            lang: match lang.unwrap_or(shop.view.language) {
                Language::En => Lang::En,
                Language::Hi => Lang::Hi,
            },
            shop: shop_header(shop),
            customer: CustomerLine {
                name: customer.name.clone(),
                code: customer.code.clone(),
                phone_masked: phone.masked(),
            },
        })
    }
}

pub(super) fn shop_header(shop: &PrintingShop) -> ShopHeader {
    ShopHeader {
        name: shop.view.shop_name.clone(),
        address: shop.view.address.clone(),
        gstin: shop.view.gstin.clone(),
        logo: shop.logo.clone(),
    }
}

/// The passbook of one enrollment.
pub(super) fn ledger(
    d: &EnrollmentDetail,
    head: Letterhead,
    generated: Generated,
) -> Result<LedgerDoc, AppError> {
    let (e, ev) = (&d.enrollment, &d.evaluation);
    // A closed or cancelled plan says so; a running one shows the engine's state
    // (active, paused, matured, redemption_overdue, defaulted).
    let state = match e.status {
        EnrollmentStatus::Closed | EnrollmentStatus::Cancelled => e.status.as_str().to_string(),
        _ => ev.state.clone(),
    };
    Ok(LedgerDoc {
        lang: head.lang,
        shop: head.shop,
        customer: head.customer,
        enrollment_no: e.enrollment_no.clone(),
        plan_name: e.plan_name.clone(),
        plan_code: e.plan_code.clone(),
        weight_plan: e.kind == PlanKind::Weight,
        rules: d.rules_text.clone(),
        terms_text: d.terms.clone(),
        hide_gold: !d.show_gold_to_customer,
        enrolled_on: day(&e.start_date)?,
        maturity: day(&ev.maturity_date)?,
        state,
        rows: rows(&d.payments, &ev.schedule)?,
        total_paid: money(&ev.total_paid)?,
        total_grams: grams(&ev.total_grams)?,
        average_rate: ev.average_rate.as_deref().map(money).transpose()?,
        // The enrollment's outstanding is zero once it is closed; the evaluation's is not.
        outstanding: money(&e.outstanding)?,
        late_fees: money(&ev.late_fees)?,
        bonus_so_far: amount_lines(&ev.bonus_so_far.lines)?,
        bonus_at_maturity: money(&ev.bonus_at_maturity.money)?,
        explanation: ev.explanation.clone(),
        closure: d.closure.as_ref().map(closure_summary).transpose()?,
        generated,
    })
}

/// Every payment, and every installment the engine calls late or missed, in date order.
/// An unpaid installment sorts after the payments of its due day.
fn rows(
    payments: &[PaymentView],
    schedule: &[InstallmentView],
) -> Result<Vec<LedgerRow>, AppError> {
    let mut dated: Vec<(NaiveDate, u8, LedgerRow)> = Vec::new();
    for p in payments {
        let row = payment_row(p, schedule)?;
        dated.push((row.date, 0, LedgerRow::Payment(row)));
    }
    for line in schedule {
        let missed = match line.status {
            InstallmentStatus::Late => false,
            InstallmentStatus::Missed => true,
            _ => continue,
        };
        let due = day(&line.due_date)?;
        let row = LedgerRow::Unpaid {
            installment_no: line.number,
            due,
            missed,
        };
        dated.push((due, 1, row));
    }
    // Stable: payments of one day keep the order they were received in.
    dated.sort_by_key(|(date, order, _)| (*date, *order));
    Ok(dated.into_iter().map(|(_, _, row)| row).collect())
}

fn payment_row(p: &PaymentView, schedule: &[InstallmentView]) -> Result<PaymentRow, AppError> {
    let late = schedule
        .iter()
        .any(|l| l.number == p.installment_no && l.status == InstallmentStatus::PaidLate);
    Ok(PaymentRow {
        date: day(&p.received_on)?,
        receipt_no: p.receipt_no.clone(),
        installment_no: p.installment_no,
        mode: p.mode,
        reference: p.reference.clone(),
        amount: money(&p.amount)?,
        status: p.status,
        late,
        gold: gold(p)?,
    })
}

/// The receipt of one payment of the enrollment in `d`.
pub(super) fn receipt(
    d: &EnrollmentDetail,
    p: &PaymentView,
    head: Letterhead,
    (received_on, received_time): (NaiveDate, Option<NaiveTime>),
    entry_hash: Option<String>,
) -> Result<ReceiptDoc, AppError> {
    let e = &d.enrollment;
    Ok(ReceiptDoc {
        lang: head.lang,
        shop: head.shop,
        customer: head.customer,
        enrollment_no: e.enrollment_no.clone(),
        plan_name: e.plan_name.clone(),
        payment_id: p.id.clone(),
        receipt_no: p.receipt_no.clone(),
        received_on,
        received_time,
        received_by: p.received_by.clone(),
        installment_no: p.installment_no,
        installments: e.installments,
        mode: p.mode,
        reference: p.reference.clone(),
        amount: money(&p.amount)?,
        status: p.status,
        gold: if d.show_gold_to_customer {
            gold(p)?
        } else {
            None
        },
        // Confirmed money only, as the engine counts it (a processing cheque is not yet paid).
        total_paid: money(&e.total_paid)?,
        entry_hash,
    })
}

/// The closure statement of a closed enrollment.
pub(super) fn closure_statement(
    d: &EnrollmentDetail,
    closure: &ClosureView,
    head: Letterhead,
    generated: Generated,
) -> Result<ClosureDoc, AppError> {
    Ok(ClosureDoc {
        lang: head.lang,
        shop: head.shop,
        customer: head.customer,
        enrollment_no: d.enrollment.enrollment_no.clone(),
        plan_name: d.enrollment.plan_name.clone(),
        enrolled_on: day(&d.enrollment.start_date)?,
        closure: closure_summary(closure)?,
        bonus_lines: amount_lines(&closure.bonus_lines)?,
        explanation: closure.explanation.clone(),
        generated,
    })
}

fn closure_summary(c: &ClosureView) -> Result<ClosureSummary, AppError> {
    let deductions = c
        .deduction_lines
        .iter()
        .map(|d| {
            Ok(AmountLine {
                label: d.label.clone(),
                money: money(&d.amount)?,
                grams: Weight::ZERO,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let verified = match c.override_reason.clone() {
        Some(reason) => Verification::Override { reason },
        None => Verification::Otp,
    };
    let invoice = match (&c.invoice_no, &c.invoice_value) {
        (Some(number), Some(value)) => Some(Invoice {
            number: number.clone(),
            value: money(value)?,
        }),
        _ => None,
    };
    Ok(ClosureSummary {
        kind: if c.kind == ClosureKind::Maturity.as_str() {
            ClosureKind::Maturity
        } else {
            ClosureKind::Premature
        },
        settled_as_cash: c.settlement == SettleAs::Cash,
        closed_on: day(&c.closed_on)?,
        closed_by: c.closed_by.clone(),
        verified,
        paid: money(&c.paid)?,
        bonus: money(&c.bonus)?,
        deductions,
        value: money(&c.value)?,
        grams: grams(&c.grams)?,
        invoice,
    })
}

fn amount_lines(lines: &[BenefitLineView]) -> Result<Vec<AmountLine>, AppError> {
    lines
        .iter()
        .map(|l| {
            Ok(AmountLine {
                label: l.label.clone(),
                money: money(&l.money)?,
                grams: grams(&l.grams)?,
            })
        })
        .collect()
}

fn gold(p: &PaymentView) -> Result<Option<GoldBought>, AppError> {
    match (&p.rate_per_gram, &p.grams) {
        (Some(rate), Some(g)) => Ok(Some(GoldBought {
            rate_per_gram: money(rate)?,
            grams: grams(g)?,
        })),
        _ => Ok(None),
    }
}

/// Views carry figures as the plain text they were made from ("5000.00", "0.909", ISO
/// dates); reading one back can only fail if a view was built wrong.
fn money(plain: &str) -> Result<Money, AppError> {
    Money::parse("amount", plain).map_err(AppError::corrupt)
}

fn grams(plain: &str) -> Result<Weight, AppError> {
    Weight::parse("grams", plain).map_err(AppError::corrupt)
}

fn day(text: &str) -> Result<NaiveDate, AppError> {
    parse_date("date", text).map_err(AppError::corrupt)
}
