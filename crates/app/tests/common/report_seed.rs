//! The shop the report tests share, seeded through the use cases with hand-known figures.
//!
//! The shop (today 2026-04-20, financial year 2026-27 started on 1 April):
//! - GOLD3: ₹1,000 × 3, 7 days' grace, bonus 1 installment, redeem within 5 days of maturity.
//! - GOLD6: ₹2,000 × 6, 7 days' grace, bonus 1 installment.
//!
//! | enr | customer | plan  | start      | payments (mode, status)                                      | then                                   |
//! |-----|----------|-------|------------|--------------------------------------------------------------|----------------------------------------|
//! | E1  | Asha     | GOLD3 | 2026-01-10 | 01-10, 02-10 cash; 03-25 cash (due 03-10: paid late)         | matured 04-10, past the window 04-15   |
//! | E2  | Bina     | GOLD3 | 2026-01-12 | 01-12 cash, 02-12 upi, 03-31 cash                            | closed 04-15, jewellery, OVERRIDE      |
//! | E3  | Chetan   | GOLD6 | 2026-03-05 | 03-05 cash; 04-06 cheque → failed 04-09                       | April's 2,000 unpaid                   |
//! | E4  | Devi     | GOLD6 | 2026-02-01 | 02-01, 03-01 cash; 04-01 bank — all taken by cashier ravi    |                                        |
//! | E5  | Esha     | GOLD6 | 2026-04-02 | 04-02 cheque, still processing (18 days)                     |                                        |
//! | E6  | Farid    | GOLD6 | 2026-04-18 | 04-18 cheque, still processing (2 days)                      |                                        |
//! | E7  | Gita     | GOLD6 | 2026-04-03 | 04-03 cash → refunded 04-10                                  |                                        |
//! | E8  | Hari     | GOLD6 | 2026-01-20 | 01-20, 02-20, 03-20 cash                                     | closed 04-16 premature, cash, OTP      |

#![allow(dead_code)]

use super::{TestShop, customer_input, plan_input, uuid7};
use kanak_app::{CloseInput, Kanak, PaymentInput, ReportFilter, ReportName, ReportTable, SettleAs};
use kanak_domain::{PaymentMode, PaymentStatus, PlanKind, Role};

pub const TODAY: &str = "2026-04-20";

pub struct Seeded {
    pub shop: TestShop,
    /// E1…E8 in the table above.
    pub e: Vec<String>,
}

impl Seeded {
    pub fn today(&self) -> Kanak {
        self.shop.on_day(TODAY)
    }

    pub async fn report(&self, name: ReportName, filter: ReportFilter) -> ReportTable {
        self.today()
            .report(&self.shop.actor, name, filter)
            .await
            .unwrap()
    }
}

fn pay(no: &str, amount: &str, mode: PaymentMode, reference: Option<&str>) -> PaymentInput {
    PaymentInput {
        id: uuid7(),
        enrollment_no: no.into(),
        amount: amount.into(),
        mode,
        reference: reference.map(str::to_string),
        date: None,
        confirm_duplicate: false,
    }
}

pub async fn seed() -> Seeded {
    let shop = TestShop::on("2026-01-01").await;
    let ravi = shop.staff("ravi", Role::Cashier).await;
    let mut gold3 = plan_input("GOLD3", PlanKind::Amount, Some("1000"), 3);
    let mut rules = kanak_domain::PlanRules::default();
    rules.redemption_window_days = Some(5);
    gold3.rules = Some(rules);
    shop.kanak.create_plan(&shop.actor, gold3).await.unwrap();
    shop.amount_plan("GOLD6", "2000", 6).await;
    let people = [
        ("Asha Verma", "9876500001", "GOLD3", "2026-01-10"),
        ("Bina Rao", "9876500002", "GOLD3", "2026-01-12"),
        ("Chetan Shah", "9876500003", "GOLD6", "2026-03-05"),
        ("Devi Lal", "9876500004", "GOLD6", "2026-02-01"),
        ("Esha Jain", "9876500005", "GOLD6", "2026-04-02"),
        ("Farid Khan", "9876500006", "GOLD6", "2026-04-18"),
        ("Gita Mehta", "9876500007", "GOLD6", "2026-04-03"),
        ("Hari Gupta", "9876500008", "GOLD6", "2026-01-20"),
    ];
    let mut e = Vec::new();
    for (name, phone, plan, start) in people {
        let kanak = shop.on_day(start);
        let code = kanak
            .add_customer(&shop.actor, customer_input(name, phone))
            .await
            .unwrap()
            .code;
        let input = kanak_app::EnrollInput {
            customer_code: code,
            plan_code: plan.into(),
            date: None,
            installments: None,
        };
        e.push(
            kanak
                .enroll(&shop.actor, input)
                .await
                .unwrap()
                .enrollment_no,
        );
    }
    let owner = shop.actor.clone();
    let payments: Vec<(
        usize,
        &str,
        &str,
        PaymentMode,
        Option<&str>,
        &kanak_app::Actor,
    )> = vec![
        (0, "2026-01-10", "1000", PaymentMode::Cash, None, &owner),
        (0, "2026-02-10", "1000", PaymentMode::Cash, None, &owner),
        (0, "2026-03-25", "1000", PaymentMode::Cash, None, &owner),
        (1, "2026-01-12", "1000", PaymentMode::Cash, None, &owner),
        (
            1,
            "2026-02-12",
            "1000",
            PaymentMode::Upi,
            Some("UPI-4411"),
            &owner,
        ),
        (1, "2026-03-31", "1000", PaymentMode::Cash, None, &owner),
        (2, "2026-03-05", "2000", PaymentMode::Cash, None, &owner),
        (
            2,
            "2026-04-06",
            "2000",
            PaymentMode::Cheque,
            Some("CHQ 300001"),
            &owner,
        ),
        (3, "2026-02-01", "2000", PaymentMode::Cash, None, &ravi),
        (3, "2026-03-01", "2000", PaymentMode::Cash, None, &ravi),
        (
            3,
            "2026-04-01",
            "2000",
            PaymentMode::Bank,
            Some("NEFT-9"),
            &ravi,
        ),
        (
            4,
            "2026-04-02",
            "2000",
            PaymentMode::Cheque,
            Some("CHQ 500001"),
            &owner,
        ),
        (
            5,
            "2026-04-18",
            "2000",
            PaymentMode::Cheque,
            Some("CHQ 600001"),
            &owner,
        ),
        (6, "2026-04-03", "2000", PaymentMode::Cash, None, &owner),
        (7, "2026-01-20", "2000", PaymentMode::Cash, None, &owner),
        (7, "2026-02-20", "2000", PaymentMode::Cash, None, &owner),
        (7, "2026-03-20", "2000", PaymentMode::Cash, None, &owner),
    ];
    let mut ids = Vec::new();
    for (i, day, amount, mode, reference, actor) in payments {
        let out = shop
            .on_day(day)
            .record_payment(actor, pay(&e[i], amount, mode, reference))
            .await
            .unwrap();
        ids.push(out.payment.id);
    }
    // E3's cheque bounces; E7's cash is refunded.
    shop.on_day("2026-04-09")
        .set_payment_status(
            &owner,
            &ids[7],
            PaymentStatus::Failed,
            Some("bounced".into()),
        )
        .await
        .unwrap();
    shop.on_day("2026-04-10")
        .set_payment_status(
            &owner,
            &ids[13],
            PaymentStatus::Refunded,
            Some("asked".into()),
        )
        .await
        .unwrap();
    let jewellery = CloseInput {
        enrollment_no: e[1].clone(),
        settlement: SettleAs::Jewellery,
        invoice_no: Some("INV-9".into()),
        invoice_value: Some("4500".into()),
    };
    shop.on_day("2026-04-15")
        .override_closure(&owner, jewellery, "customer's phone lost")
        .await
        .unwrap();
    let day = shop.on_day("2026-04-16");
    let code = day
        .request_closure_otp(&owner, &e[7])
        .await
        .unwrap()
        .test_code
        .unwrap();
    let refund = CloseInput {
        enrollment_no: e[7].clone(),
        settlement: SettleAs::Cash,
        invoice_no: None,
        invoice_value: None,
    };
    day.confirm_closure(&owner, refund, &code.as_str().into())
        .await
        .unwrap();
    Seeded { shop, e }
}
