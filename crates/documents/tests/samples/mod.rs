//! Sample documents with worked figures: an amount plan in English, a weight plan in Hindi
//! (श्रीमती लक्ष्मी), a 30-installment ledger, a closed plan, receipts and a closure statement.
//! Shared by the render tests, the golden snapshots, the benchmark and `examples/samples.rs`.
#![allow(
    dead_code,
    clippy::inconsistent_digit_grouping,
    clippy::float_arithmetic
)]

use chrono::{Months, NaiveDate, NaiveDateTime};
use kanak_documents::*;
use kanak_domain::{Money, PaymentMode, PaymentStatus, Weight};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

pub fn shop() -> ShopHeader {
    ShopHeader {
        name: "Lakshmi Jewellers".into(),
        address: "12 Zaveri Bazaar, Mumbai 400002".into(),
        gstin: Some("27AAPFL1234C1Z5".into()),
        logo: None,
    }
}

/// A 96×64 logo drawn here: a gold disc on a transparent ground, as a PNG.
pub fn logo_png() -> Vec<u8> {
    let (w, h) = (96u32, 64u32);
    let mut rgba = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as i32 - 32, y as i32 - 32);
            let inside =
                dx * dx + dy * dy < 28 * 28 || (60..92).contains(&x) && (14..50).contains(&y);
            rgba.extend(if inside {
                [191, 145, 42, 255]
            } else {
                [0, 0, 0, 0]
            });
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&rgba)
        .unwrap();
    out
}

pub fn shop_with_logo() -> ShopHeader {
    ShopHeader {
        logo: Some(Logo::from_png(&logo_png()).unwrap()),
        ..shop()
    }
}

fn customer(lang: Lang) -> CustomerLine {
    CustomerLine {
        name: match lang {
            Lang::En => "Smt. Lakshmi Iyer".into(),
            Lang::Hi => "श्रीमती लक्ष्मी".into(),
        },
        code: "MAIN-00042".into(),
        phone_masked: "XXXXXX3210".into(),
    }
}

fn generated() -> Generated {
    Generated {
        at: at(2026, 12, 1, 10, 30),
        by: "Asha (cashier)".into(),
    }
}

/// Installment `n` of a plan started on 05-01-2026, paid on its due day (or 20 days late).
fn payment(n: u32, amount: Money, late: bool, gold: Option<GoldBought>) -> LedgerRow {
    let due = day(2026, 1, 5)
        .checked_add_months(Months::new(n - 1))
        .unwrap();
    LedgerRow::Payment(PaymentRow {
        date: if late {
            due + chrono::Days::new(20)
        } else {
            due
        },
        receipt_no: format!("MAIN-R-{:05}", 100 + n),
        installment_no: n,
        mode: if n.is_multiple_of(3) {
            PaymentMode::Upi
        } else {
            PaymentMode::Cash
        },
        reference: (n.is_multiple_of(3)).then(|| format!("UPI{:08}", 41_000_000 + n)),
        amount,
        status: PaymentStatus::Confirmed,
        late,
        gold,
    })
}

/// An 11-installment ₹5,000 plan: paid 1–3, 5–10 (6 late), installment 4 missed, 11 a
/// cheque still processing.
pub fn amount_ledger(lang: Lang) -> LedgerDoc {
    let five = Money::from_rupees(5000);
    let mut rows: Vec<LedgerRow> = (1..=3).map(|n| payment(n, five, false, None)).collect();
    rows.push(LedgerRow::Unpaid {
        installment_no: 4,
        due: day(2026, 4, 5),
        missed: true,
    });
    rows.extend((5..=10).map(|n| payment(n, five, n == 6, None)));
    if let LedgerRow::Payment(mut p) = payment(11, five, false, None) {
        p.mode = PaymentMode::Cheque;
        p.reference = Some("CHQ 004512".into());
        p.status = PaymentStatus::Processing;
        rows.push(LedgerRow::Payment(p));
    }
    LedgerDoc {
        lang,
        shop: shop_with_logo(),
        customer: customer(lang),
        enrollment_no: "MAIN-E-00017".into(),
        plan_name: "Swarna Nidhi 11".into(),
        plan_code: "SN11".into(),
        weight_plan: false,
        rules: vec![
            "11 monthly installments of ₹5,000.00, due on the 5th, 7 days' grace.".into(),
            "Maturity bonus: 1 installment, reduced pro rata for installments paid late.".into(),
        ],
        terms_text: "The bonus is given only against jewellery purchased at the shop. Redeem within 60 days of maturity.".into(),
        hide_gold: false,
        enrolled_on: day(2026, 1, 5),
        maturity: day(2026, 12, 5),
        state: "active".into(),
        rows,
        total_paid: Money::from_rupees(45_000),
        total_grams: Weight::default(),
        average_rate: None,
        outstanding: Money::from_rupees(5000),
        late_fees: Money::ZERO,
        bonus_so_far: vec![AmountLine {
            label: "Maturity bonus (1 installment, 9/11 on time)".into(),
            money: Money::from_paise(409_091),
            grams: Weight::default(),
        }],
        bonus_at_maturity: Money::from_paise(409_091),
        explanation: vec!["Bonus reduced by 2/11 because installments 4 and 6 were not paid within the grace period.".into()],
        closure: None,
        generated: generated(),
    }
}

/// A gold-weight plan: each ₹4,000 installment buys grams at the day's 22K rate.
pub fn weight_ledger(lang: Lang) -> LedgerDoc {
    let four = Money::from_rupees(4000);
    let rows: Vec<LedgerRow> = (1..=6)
        .map(|n| {
            let rate = Money::from_rupees(4400 + 50 * i64::from(n));
            let grams = Weight::bought(four, kanak_domain::RatePerGram::new(rate).unwrap());
            payment(
                n,
                four,
                false,
                Some(GoldBought {
                    rate_per_gram: rate,
                    grams,
                }),
            )
        })
        .collect();
    let total_grams = rows
        .iter()
        .filter_map(|r| match r {
            LedgerRow::Payment(p) => p.gold.map(|g| g.grams),
            LedgerRow::Unpaid { .. } => None,
        })
        .sum();
    LedgerDoc {
        weight_plan: true,
        plan_name: "सोना संचय (Gold Weight 11)".into(),
        plan_code: "GW11".into(),
        enrollment_no: "MAIN-E-00018".into(),
        rows,
        total_paid: Money::from_rupees(24_000),
        total_grams,
        average_rate: Some(Money::from_paise(457_389)),
        outstanding: Money::ZERO,
        bonus_so_far: vec![AmountLine {
            label: "Weight bonus 0.5 g".into(),
            money: Money::ZERO,
            grams: Weight::from_mg(500),
        }],
        bonus_at_maturity: Money::ZERO,
        explanation: vec!["Every installment was paid on time.".into()],
        ..amount_ledger(lang)
    }
}

/// 30 monthly installments, all paid: long enough for three pages.
pub fn long_ledger() -> LedgerDoc {
    let rows = (1..=30)
        .map(|n| payment(n, Money::from_rupees(2000), n.is_multiple_of(7), None))
        .collect();
    LedgerDoc {
        enrollment_no: "MAIN-E-00030".into(),
        rows,
        total_paid: Money::from_rupees(60_000),
        outstanding: Money::ZERO,
        ..amount_ledger(Lang::En)
    }
}

pub fn closure_summary() -> ClosureSummary {
    ClosureSummary {
        kind: ClosureKind::Premature,
        settled_as_cash: true,
        closed_on: day(2026, 11, 20),
        closed_by: "Ravi (manager)".into(),
        verified: Verification::Override {
            reason: "Customer's phone lost; identity checked with Aadhaar card".into(),
        },
        paid: Money::from_rupees(45_000),
        bonus: Money::ZERO,
        deductions: vec![
            AmountLine {
                label: "3% GST on making".into(),
                money: Money::from_rupees(1350),
                grams: Weight::default(),
            },
            AmountLine {
                label: "2% gateway charges".into(),
                money: Money::from_rupees(900),
                grams: Weight::default(),
            },
        ],
        value: Money::from_rupees(42_750),
        grams: Weight::default(),
        invoice: None,
    }
}

pub fn closed_ledger(lang: Lang) -> LedgerDoc {
    LedgerDoc {
        state: "closed".into(),
        closure: Some(closure_summary()),
        ..amount_ledger(lang)
    }
}

pub fn receipt(lang: Lang, weight: bool) -> ReceiptDoc {
    let rate = Money::from_rupees(4400);
    ReceiptDoc {
        lang,
        shop: shop_with_logo(),
        customer: customer(lang),
        enrollment_no: "MAIN-E-00017".into(),
        plan_name: if weight {
            "सोना संचय (Gold Weight 11)".into()
        } else {
            "Swarna Nidhi 11".into()
        },
        payment_id: "01937a2b-6c1d-7e3f-9a4b-5c6d7e8f9a0b".into(),
        receipt_no: "MAIN-R-00105".into(),
        received_on: day(2026, 5, 5),
        received_time: chrono::NaiveTime::from_hms_opt(11, 42, 0),
        received_by: "Asha (cashier)".into(),
        installment_no: 5,
        installments: 11,
        mode: PaymentMode::Upi,
        reference: Some("UPI41000005".into()),
        amount: Money::from_paise(1_23_456_50),
        status: PaymentStatus::Confirmed,
        gold: weight.then(|| GoldBought {
            rate_per_gram: rate,
            grams: Weight::bought(
                Money::from_paise(1_23_456_50),
                kanak_domain::RatePerGram::new(rate).unwrap(),
            ),
        }),
        total_paid: Money::from_paise(1_43_456_50),
        entry_hash: Some("9f2c4e1ab7d35c08e6f14a92b0c7d3e5f61a28b94c0d7e3f5a6b1c2d3e4f5a6b".into()),
    }
}

pub fn closure_doc(lang: Lang) -> ClosureDoc {
    ClosureDoc {
        lang,
        shop: shop(),
        customer: customer(lang),
        enrollment_no: "MAIN-E-00017".into(),
        plan_name: "Swarna Nidhi 11".into(),
        enrolled_on: day(2026, 1, 5),
        closure: closure_summary(),
        bonus_lines: vec![],
        explanation: vec!["Closed before maturity: no bonus below 11 installments; 3% GST and 2% gateway charges deducted from the refund.".into()],
        generated: generated(),
    }
}
