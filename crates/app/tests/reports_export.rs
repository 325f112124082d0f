//! Every export format of the reports — CSV, XLSX, PDF, JSON and the Tally XML — read back and
//! checked, on one seeded shop (tests/common/report_seed.rs).

mod common;

use common::report_seed::seed;
use common::report_table::*;
use kanak_app::{ReportFilter, ReportFormat, ReportName};

#[path = "../../documents/tests/pdf/mod.rs"]
mod pdf;

#[tokio::test]
async fn the_payments_csv_has_the_documented_header_and_plain_decimals() {
    let s = seed().await;
    let f = filter(|f| {
        f.from = Some("2026-04-01".into());
        f.to = Some("2026-04-01".into());
    });
    let (bytes, done) = export(&s, ReportName::Payments, f, ReportFormat::Csv).await;
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "date,receipt_no,customer_code,customer_name,enrollment_no,plan_code,amount,mode,status,reference,rate_per_gram,grams,staff"
    );
    let row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(row[0], "2026-04-01");
    assert_eq!(
        row[3..],
        [
            "Devi Lal",
            s.e[3].as_str(),
            "GOLD6",
            "2000.00",
            "bank",
            "confirmed",
            "NEFT-9",
            "",
            "",
            "ravi"
        ]
    );
    assert_eq!(
        (lines.len(), done.rows),
        (2, 1),
        "header and one row, no totals: {text}"
    );
}

#[tokio::test]
async fn a_multi_section_csv_separates_sections_with_a_blank_line_and_a_title() {
    let s = seed().await;
    let (bytes, done) = export(&s, ReportName::Payments, april(), ReportFormat::Csv).await;
    let text = String::from_utf8(bytes).unwrap();
    let blocks: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(blocks.len(), 2, "{text}");
    assert_eq!(blocks[0].lines().count(), 1 + 5);
    let second: Vec<&str> = blocks[1].lines().collect();
    assert!(
        second[0].starts_with("\"Processing, awaiting confirmation"),
        "{}",
        second[0]
    );
    assert_eq!(
        second[1],
        "date,receipt_no,customer_code,customer_name,enrollment_no,amount,mode,reference,age_days"
    );
    assert_eq!(done.rows, 5 + 2);
}

#[tokio::test]
async fn the_xlsx_opens_with_a_sheet_per_section_numbers_as_numbers_and_totals() {
    use calamine::{Data, Reader, Xlsx};
    let s = seed().await;
    let (bytes, _) = export(
        &s,
        ReportName::YearEnd,
        ReportFilter::default(),
        ReportFormat::Xlsx,
    )
    .await;
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Summary", "By plan", "By month"]);
    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get_value((0, 1)),
        Some(&Data::String("Opening liability".into()))
    );
    assert_eq!(
        summary.get_value((1, 0)),
        Some(&Data::String("2026-27".into()))
    );
    assert_eq!(summary.get_value((1, 7)), Some(&Data::Float(11000.0)));
    // Totals two rows under the data: label, value.
    assert_eq!(
        summary.get_value((3, 0)),
        Some(&Data::String("Opening liability".into()))
    );
    assert_eq!(summary.get_value((3, 1)), Some(&Data::Float(18000.0)));
    let months = book.worksheet_range("By month").unwrap();
    assert_eq!(months.get_value((1, 2)), Some(&Data::Float(4000.0)));
    let (bytes, _) = export(&s, ReportName::Payments, april(), ReportFormat::Xlsx).await;
    let book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Payments", "Processing, awaiting confirmati"]
    );
}

#[tokio::test]
async fn the_pdf_gives_back_the_title_filters_rows_totals_and_page_numbers() {
    let s = seed().await;
    let (bytes, _) = export(
        &s,
        ReportName::Missed,
        ReportFilter::default(),
        ReportFormat::Pdf,
    )
    .await;
    pdf::qpdf_check(&bytes);
    if let Some(dir) = std::env::var_os("KANAK_REPORT_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("missed.pdf"), &bytes).unwrap();
        let (wide, _) = export(&s, ReportName::Closures, april(), ReportFormat::Pdf).await;
        std::fs::write(std::path::Path::new(&dir).join("closures.pdf"), &wide).unwrap();
        let (all, _) = export(
            &s,
            ReportName::YearEnd,
            ReportFilter::default(),
            ReportFormat::Pdf,
        )
        .await;
        std::fs::write(std::path::Path::new(&dir).join("year-end.pdf"), &all).unwrap();
    }
    let text = pdf::text(&bytes);
    for expected in [
        "Lakshmi Jewellers",
        "Missed payments",
        "installments due 2026-04-01 to 2026-04-30, as of 2026-04-20",
        "Missed and late installments",
        s.e[2].as_str(),
        "9876500005",
        "2026-04-05",
        "6000.00",
        "Page 1 of 1",
        "Ravi Soni (owner)",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(pdf::pages(&bytes), 1);
}

#[tokio::test]
async fn a_wide_report_prints_landscape() {
    let s = seed().await;
    let (bytes, _) = export(&s, ReportName::Closures, april(), ReportFormat::Pdf).await;
    let size = pdf::info(&bytes, "Page size");
    assert!(
        size.starts_with("841.") || size.starts_with("842"),
        "A4 landscape: {size}"
    );
    assert!(pdf::text(&bytes).contains("customer's phone lost"));
}

#[tokio::test]
async fn the_json_export_is_the_report_table() {
    let s = seed().await;
    let (bytes, _) = export(
        &s,
        ReportName::Outstanding,
        ReportFilter::default(),
        ReportFormat::Json,
    )
    .await;
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["name"], "outstanding");
    assert_eq!(json["sections"][0]["totals"][1]["value"], "8000.00");
    assert_eq!(json["sections"][0]["columns"][6]["kind"], "money");
}

#[tokio::test]
async fn xml_is_only_for_tally_and_tally_only_xml() {
    let s = seed().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x");
    for (name, format) in [
        (ReportName::Tally, ReportFormat::Csv),
        (ReportName::Payments, ReportFormat::Xml),
    ] {
        let err = s
            .today()
            .export_report(&s.shop.actor, name, april(), format, &path)
            .await
            .unwrap_err();
        assert_eq!(err.field(), Some("format"), "{err}");
    }
    assert!(!path.exists());
}

/// "ba", "ca"…: a name without digits for customer `i`.
fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// Not a check but a measurement: `cargo test --release --test reports_export -- --ignored --nocapture`.
#[tokio::test]
#[ignore]
async fn measure_reports_over_3000_payments() {
    let shop = common::TestShop::on("2025-05-01").await;
    shop.amount_plan("GOLD12", "1000", 12).await;
    let mut nos = Vec::new();
    for i in 0..300 {
        let code = shop
            .customer(
                &format!("Customer {}", letters(i)),
                &format!("98{:08}", 10_000 + i),
            )
            .await;
        nos.push(shop.enroll(&code, "GOLD12").await);
    }
    let started = std::time::Instant::now();
    for month in 5..15 {
        let (y, m) = if month > 12 {
            (2026, month - 12)
        } else {
            (2025, month)
        };
        let day = shop.on_day(&format!("{y}-{m:02}-01"));
        for no in &nos {
            day.record_payment(&shop.actor, common::cash(no, "1000"))
                .await
                .unwrap();
        }
    }
    println!("seeded 3000 payments in {:?}", started.elapsed());
    let today = shop.on_day("2026-03-15");
    for name in ReportName::ALL {
        let started = std::time::Instant::now();
        let t = today
            .report(&shop.actor, name, ReportFilter::default())
            .await
            .unwrap();
        let rows: usize = t.sections.iter().map(|s| s.rows.len()).sum();
        println!(
            "{:<16} {rows:>5} rows in {:?}",
            name.as_str(),
            started.elapsed()
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for format in [
        ReportFormat::Csv,
        ReportFormat::Xlsx,
        ReportFormat::Pdf,
        ReportFormat::Json,
    ] {
        let started = std::time::Instant::now();
        let path = dir.path().join(format!("p.{}", format.as_str()));
        let done = today
            .export_report(
                &shop.actor,
                ReportName::Payments,
                ReportFilter::default(),
                format,
                &path,
            )
            .await
            .unwrap();
        println!(
            "payments.{:<5} {} bytes in {:?}",
            format.as_str(),
            done.bytes,
            started.elapsed()
        );
    }
}
