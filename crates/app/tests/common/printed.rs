//! A shop with a small book of enrollments for the printed-document tests, and reading a
//! PDF back through `pdftotext` and `qpdf` (poppler-utils and qpdf, installed by scripts/deps.sh).

use std::path::Path;
use std::process::Command;

use kanak_app::{CloseInput, GoldRateInput, Kanak, PaymentInput, SettleAs};
use kanak_domain::PaymentMode;

use super::{TestShop, cash};

pub const START: &str = "2026-01-10";
/// After the April payment: March's installment was skipped and is missed.
pub const TODAY: &str = "2026-04-12";

/// A shop with an amount plan (₹5,000 × 6, paid in January, February and April), a weight
/// plan (₹4,000 × 6 at ₹4,400/g, paid in January and February), and a one-installment plan
/// that has been paid, matured and closed.
pub struct Book {
    pub shop: TestShop,
    pub amount_no: String,
    pub weight_no: String,
    pub closed_no: String,
}

pub async fn book() -> Book {
    let shop = TestShop::on(START).await;
    shop.amount_plan("GOLD6", "5000", 6).await;
    shop.weight_plan("GRAM6", "4000", 6).await;
    shop.amount_plan("QUICK", "1000", 1).await;
    let asha = shop.customer("Asha Verma", "9876543210").await;
    let vikram = shop.customer("Vikram Rao", "9876543211").await;
    let amount_no = shop.enroll(&asha, "GOLD6").await;
    let weight_no = shop.enroll(&vikram, "GRAM6").await;
    let closed_no = shop.enroll(&asha, "QUICK").await;
    pay(&shop, "2026-01-10", cash(&amount_no, "5000")).await;
    let mut upi = cash(&amount_no, "5000");
    (upi.mode, upi.reference) = (PaymentMode::Upi, Some("UPI-4471".into()));
    pay(&shop, "2026-02-10", upi).await;
    pay(&shop, "2026-04-12", cash(&amount_no, "5000")).await;
    for day in ["2026-01-10", "2026-02-10"] {
        let rate = GoldRateInput {
            date: day.into(),
            purity: "22K".into(),
            per_gram: "4400".into(),
        };
        shop.on_day(day)
            .set_gold_rate(&shop.actor, rate)
            .await
            .unwrap();
        pay(&shop, day, cash(&weight_no, "4000")).await;
    }
    pay(&shop, "2026-01-10", cash(&closed_no, "1000")).await;
    let close = CloseInput {
        enrollment_no: closed_no.clone(),
        settlement: SettleAs::Jewellery,
        invoice_no: Some("INV-77".into()),
        invoice_value: Some("2500".into()),
    };
    shop.on_day(TODAY)
        .override_closure(&shop.actor, close, "customer's phone was stolen; ID seen")
        .await
        .unwrap();
    Book {
        shop,
        amount_no,
        weight_no,
        closed_no,
    }
}

pub async fn pay(shop: &TestShop, day: &str, input: PaymentInput) -> String {
    let outcome = shop.on_day(day).record_payment(&shop.actor, input).await;
    outcome.unwrap().payment.id
}

impl Book {
    pub fn today(&self) -> Kanak {
        self.shop.on_day(TODAY)
    }

    pub async fn receipts(&self, no: &str) -> Vec<String> {
        let detail = self.today().enrollment_detail(no).await.unwrap();
        detail
            .payments
            .iter()
            .map(|p| p.receipt_no.clone())
            .collect()
    }
}

/// The PDF's text as `pdftotext -layout` reads it, after checking it is a sound PDF.
pub fn text_of(pdf: &[u8]) -> String {
    assert!(
        pdf.starts_with(b"%PDF"),
        "not a PDF: {:?}",
        &pdf[..pdf.len().min(16)]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    qpdf_checks(&path);
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/deps.sh");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).unwrap()
}

pub fn qpdf_checks(path: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf is installed by scripts/deps.sh");
    assert!(
        out.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

pub fn pages(path: &Path) -> u32 {
    let out = Command::new("qpdf")
        .arg("--show-npages")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

pub fn assert_shows(text: &str, expected: &[&str]) {
    for want in expected {
        assert!(text.contains(want), "{want:?} is missing from:\n{text}");
    }
}
