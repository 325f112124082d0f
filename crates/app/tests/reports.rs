//! The reports on one seeded shop (tests/common/report_seed.rs), each figure compared with
//! arithmetic done by hand.

mod common;

use common::report_seed::{Seeded, seed};
use kanak_app::{ReportFilter, ReportFormat, ReportName, ReportTable};

/// Enrollment numbers by their place in the seed (0 = E1).
fn nos(s: &Seeded, which: &[usize]) -> Vec<String> {
    which.iter().map(|&i| s.e[i].clone()).collect()
}

fn filter(f: impl FnOnce(&mut ReportFilter)) -> ReportFilter {
    let mut filter = ReportFilter::default();
    f(&mut filter);
    filter
}

fn april() -> ReportFilter {
    filter(|f| {
        f.from = Some("2026-04-01".into());
        f.to = Some("2026-04-20".into());
    })
}

/// A section's column by key, for every row.
fn column(t: &ReportTable, section: usize, key: &str) -> Vec<String> {
    let s = &t.sections[section];
    let i = s
        .columns
        .iter()
        .position(|c| c.key == key)
        .unwrap_or_else(|| panic!("no column {key} in {:?}", s.columns));
    s.rows.iter().map(|r| r.cells[i].clone()).collect()
}

fn totals(t: &ReportTable, section: usize) -> Vec<(String, String)> {
    t.sections[section]
        .totals
        .iter()
        .map(|x| (x.label.clone(), x.value.clone()))
        .collect()
}

fn total(t: &ReportTable, section: usize, label: &str) -> String {
    totals(t, section)
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no total {label}: {:?}", totals(t, section)))
        .1
}

#[tokio::test]
async fn payments_report_shows_each_payments_status_now_and_totals_per_status() {
    let s = seed().await;
    let t = s.report(ReportName::Payments, april()).await;
    // April: E4 bank (confirmed), E5 cheque (processing), E7 cash (refunded),
    // E3 cheque (failed), E6 cheque (processing); 5 × 2,000 = 10,000.
    assert_eq!(column(&t, 0, "enrollment_no"), nos(&s, &[3, 4, 6, 2, 5]));
    assert_eq!(
        column(&t, 0, "status"),
        [
            "confirmed",
            "processing",
            "refunded",
            "failed",
            "processing"
        ]
    );
    assert_eq!(
        column(&t, 0, "staff"),
        ["ravi", "owner", "owner", "owner", "owner"]
    );
    assert_eq!(
        totals(&t, 0),
        [
            ("Payments", "5"),
            ("Amount", "10000.00"),
            ("Processing (count)", "2"),
            ("Processing", "4000.00"),
            ("Confirmed (count)", "1"),
            ("Confirmed", "2000.00"),
            ("Failed (count)", "1"),
            ("Failed", "2000.00"),
            ("Refunded (count)", "1"),
            ("Refunded", "2000.00"),
        ]
        .map(|(l, v)| (l.to_string(), v.to_string()))
    );
    assert_eq!(t.subtitle, "2026-04-01 to 2026-04-20");
    assert!(!t.generated_at.is_empty());
}

#[tokio::test]
async fn payments_filter_by_mode_status_staff_plan_and_date_range() {
    let s = seed().await;
    let count = |t: &ReportTable| total(t, 0, "Payments");
    let amount = |t: &ReportTable| total(t, 0, "Amount");
    // Cheques in April: E3 (failed), E5 and E6 (processing): 3 × 2,000.
    let cheques = s
        .report(
            ReportName::Payments,
            ReportFilter {
                mode: Some("cheque".into()),
                ..april()
            },
        )
        .await;
    assert_eq!(
        (count(&cheques), amount(&cheques)),
        ("3".into(), "6000.00".into())
    );
    let processing = s
        .report(
            ReportName::Payments,
            ReportFilter {
                status: Some("processing".into()),
                ..april()
            },
        )
        .await;
    assert_eq!(column(&processing, 0, "enrollment_no"), nos(&s, &[4, 5]));
    // Everything ravi took, all dates: E4's three payments, 3 × 2,000.
    let ravi = s
        .report(
            ReportName::Payments,
            filter(|f| f.staff = Some("ravi".into())),
        )
        .await;
    assert_eq!(
        (count(&ravi), amount(&ravi)),
        ("3".into(), "6000.00".into())
    );
    // GOLD3 in the quarter Jan–Mar: E1 × 3 and E2 × 3 at 1,000 = 6,000.
    let gold3 = s
        .report(
            ReportName::Payments,
            filter(|f| {
                f.plan_code = Some("gold3".into());
                f.from = Some("2026-01-01".into());
                f.to = Some("2026-03-31".into());
            }),
        )
        .await;
    assert_eq!(
        (count(&gold3), amount(&gold3)),
        ("6".into(), "6000.00".into())
    );
    // The whole book: 17 payments; 3 × 1,000 × 2 + 11 × 2,000 = 28,000.
    let all = s
        .report(ReportName::Payments, ReportFilter::default())
        .await;
    assert_eq!(
        (count(&all), amount(&all)),
        ("17".into(), "28000.00".into())
    );
    let main = s
        .report(
            ReportName::Payments,
            ReportFilter {
                branch: Some("main".into()),
                ..april()
            },
        )
        .await;
    assert_eq!(count(&main), "5");
}

#[tokio::test]
async fn processing_payments_show_their_age_and_the_old_one_is_flagged() {
    let s = seed().await;
    let t = s.report(ReportName::Payments, april()).await;
    assert_eq!(t.sections.len(), 2);
    assert!(
        t.sections[1]
            .title
            .starts_with("Processing, awaiting confirmation")
    );
    // E5's cheque came on 04-02: 18 days by 04-20; E6's on 04-18: 2 days.
    assert_eq!(column(&t, 1, "age_days"), ["18", "2"]);
    let flags: Vec<bool> = t.sections[1].rows.iter().map(|r| r.flagged).collect();
    assert_eq!(flags, [true, false]);
    assert_eq!(total(&t, 1, "Oldest (days)"), "18");
    // In the main list too, only E5's row is flagged.
    let flagged: Vec<_> = t.sections[0]
        .rows
        .iter()
        .filter(|r| r.flagged)
        .map(|r| r.enrollment_no.clone().unwrap())
        .collect();
    assert_eq!(flagged, [s.e[4].clone()]);
    assert!(t.sections[0].rows.iter().all(|r| r.payment_id.is_some()));
}

#[tokio::test]
async fn missed_report_lists_late_installments_with_days_late_and_the_phone() {
    let s = seed().await;
    let t = s.report(ReportName::Missed, ReportFilter::default()).await;
    // April (this month), as of 04-20. E3's 2nd installment was due 04-05 (its cheque
    // bounced): 15 days; E5's 1st due 04-02 (cheque not cleared): 18; E7's 1st due 04-03
    // (refunded): 17. E6's is still in grace; E2 and E8 are closed.
    assert_eq!(column(&t, 0, "enrollment_no"), nos(&s, &[2, 4, 6]));
    assert_eq!(column(&t, 0, "days_late"), ["15", "18", "17"]);
    assert_eq!(
        column(&t, 0, "due_date"),
        ["2026-04-05", "2026-04-02", "2026-04-03"]
    );
    assert_eq!(
        column(&t, 0, "phone"),
        ["9876500003", "9876500005", "9876500007"]
    );
    assert_eq!(column(&t, 0, "status"), ["late", "late", "late"]);
    assert_eq!(total(&t, 0, "Unpaid"), "6000.00");
    assert_eq!(
        t.sections[0].rows[0].enrollment_no.as_deref(),
        Some(s.e[2].as_str())
    );
    // March: E1's 3rd installment was due 03-10 and paid 03-25: late by 15 days, nothing unpaid.
    let march = s
        .report(
            ReportName::Missed,
            filter(|f| f.month = Some("2026-03".into())),
        )
        .await;
    assert_eq!(column(&march, 0, "enrollment_no"), nos(&s, &[0]));
    assert_eq!(column(&march, 0, "status"), ["paid_late"]);
    assert_eq!(column(&march, 0, "days_late"), ["15"]);
    assert_eq!(column(&march, 0, "unpaid"), ["0.00"]);
    assert!(!march.sections[0].rows[0].flagged);
}

#[tokio::test]
async fn outstanding_is_what_each_open_enrollment_owes_as_of_the_day() {
    let s = seed().await;
    let t = s
        .report(ReportName::Outstanding, ReportFilter::default())
        .await;
    // 04-20: E3 2,000 (April unpaid), E5 2,000 (cheque not cleared), E6 2,000 (due 04-18,
    // in grace but due), E7 2,000 (refunded): 8,000. E1 and E4 owe nothing now.
    assert_eq!(column(&t, 0, "enrollment_no"), nos(&s, &[2, 4, 5, 6]));
    assert_eq!(total(&t, 0, "Outstanding"), "8000.00");
    assert_eq!(total(&t, 0, "Enrollments owing"), "4");
    // 03-20: E1's 3rd (due 03-10) and E2's 3rd (due 03-12) were unpaid: 2 × 1,000. E2 was
    // still open then (it closed on 04-15).
    let march = s
        .report(
            ReportName::Outstanding,
            filter(|f| f.as_of = Some("2026-03-20".into())),
        )
        .await;
    assert_eq!(column(&march, 0, "enrollment_no"), nos(&s, &[0, 1]));
    assert_eq!(total(&march, 0, "Outstanding"), "2000.00");
}

#[tokio::test]
async fn maturity_lists_plans_maturing_and_flags_those_past_the_redemption_window() {
    let s = seed().await;
    let t = s
        .report(ReportName::Maturity, ReportFilter::default())
        .await;
    // E1 matured 04-10 (3 months from 01-10), redeem by 04-15 (5 days); on 04-20 it is past.
    // E2 also matured in April but is redeemed.
    assert_eq!(column(&t, 0, "enrollment_no"), nos(&s, &[0]));
    assert_eq!(column(&t, 0, "maturity_date"), ["2026-04-10"]);
    assert_eq!(column(&t, 1, "enrollment_no"), nos(&s, &[0]));
    assert_eq!(column(&t, 1, "redeem_by"), ["2026-04-15"]);
    assert!(t.sections[1].rows[0].flagged);
    assert_eq!(total(&t, 1, "Paid"), "3000.00");
    let may = s
        .report(
            ReportName::Maturity,
            filter(|f| {
                f.from = Some("2026-05-01".into());
                f.to = Some("2026-05-31".into());
            }),
        )
        .await;
    assert!(may.sections[0].rows.is_empty());
}

#[tokio::test]
async fn plan_collection_counts_confirmed_money_and_the_bonus_owed_so_far() {
    let s = seed().await;
    let t = s
        .report(ReportName::PlanCollection, ReportFilter::default())
        .await;
    assert_eq!(column(&t, 0, "plan_code"), ["GOLD3", "GOLD6"]);
    assert_eq!(column(&t, 0, "enrollments"), ["2", "6"]);
    assert_eq!(column(&t, 0, "open"), ["1", "5"]);
    // GOLD3: E1 3,000 + E2 3,000. GOLD6: E3 2,000 + E4 6,000 + E8 6,000 (E7 refunded,
    // E5/E6 processing, E3's cheque failed).
    assert_eq!(column(&t, 0, "collected"), ["6000.00", "14000.00"]);
    // Only E1 has earned its bonus so far (matured, fully paid): 1 installment = 1,000.
    assert_eq!(column(&t, 0, "bonus_liability"), ["1000.00", "0.00"]);
    assert!(t.sections[0].columns[5].label.contains("earned so far"));
    assert_eq!(total(&t, 0, "Collected"), "20000.00");
}

#[tokio::test]
async fn staff_collection_adds_each_days_takings_by_staff_and_mode() {
    let s = seed().await;
    let t = s.report(ReportName::StaffCollection, april()).await;
    // The bounced cheque (04-06) brought no money; the others were handed over.
    assert_eq!(
        column(&t, 0, "date"),
        ["2026-04-01", "2026-04-02", "2026-04-03", "2026-04-18"]
    );
    assert_eq!(column(&t, 0, "staff"), ["ravi", "owner", "owner", "owner"]);
    assert_eq!(column(&t, 0, "bank"), ["2000.00", "0.00", "0.00", "0.00"]);
    assert_eq!(
        column(&t, 0, "cheque"),
        ["0.00", "2000.00", "0.00", "2000.00"]
    );
    assert_eq!(total(&t, 0, "Cash"), "2000.00");
    assert_eq!(total(&t, 0, "Cheque"), "4000.00");
    assert_eq!(total(&t, 0, "Total"), "8000.00");
    // Without dates it is today's drawer: nothing was taken on 04-20.
    let today = s
        .report(ReportName::StaffCollection, ReportFilter::default())
        .await;
    assert!(today.sections[0].rows.is_empty());
    let ravi_feb = s
        .report(
            ReportName::StaffCollection,
            filter(|f| {
                f.from = Some("2026-02-01".into());
                f.to = Some("2026-02-28".into());
                f.staff = Some("ravi".into());
            }),
        )
        .await;
    assert_eq!(column(&ravi_feb, 0, "cash"), ["2000.00"]);
}

#[tokio::test]
async fn closures_report_marks_the_override_and_lists_refunds() {
    let s = seed().await;
    let t = s.report(ReportName::Closures, april()).await;
    assert_eq!(column(&t, 0, "enrollment_no"), nos(&s, &[1, 7]));
    assert_eq!(column(&t, 0, "verified_by"), ["override", "otp"]);
    assert_eq!(
        column(&t, 0, "override_reason"),
        ["customer's phone lost", ""]
    );
    assert_eq!(column(&t, 0, "closed_by"), ["owner", "owner"]);
    let flags: Vec<bool> = t.sections[0].rows.iter().map(|r| r.flagged).collect();
    assert_eq!(flags, [true, false]);
    // E2: 3,000 paid + 1,000 bonus = 4,000 in jewellery; E8: 6,000 back in cash.
    assert_eq!(column(&t, 0, "value"), ["4000.00", "6000.00"]);
    assert_eq!(total(&t, 0, "Overrides"), "1");
    assert_eq!(column(&t, 1, "enrollment_no"), nos(&s, &[6]));
    assert_eq!(column(&t, 1, "refunded_on"), ["2026-04-10"]);
    assert_eq!(total(&t, 1, "Refunded"), "2000.00");
}

fn figures(t: &ReportTable, section: usize, row: usize) -> Vec<i64> {
    t.sections[section].rows[row].cells[1..]
        .iter()
        .map(|c| c.replace('.', "").parse::<i64>().unwrap())
        .collect()
}

#[tokio::test]
async fn year_end_liability_moves_by_its_flows_and_31_march_and_1_april_fall_in_different_years() {
    let s = seed().await;
    let fy = |y: &str| filter(|f| f.financial_year = Some(y.into()));
    let last = s.report(ReportName::YearEnd, fy("2025-26")).await;
    // 2025-26: everything confirmed up to 31 March: E1 3,000 + E2 3,000 (its third on 03-31)
    // + E3 2,000 + E4 4,000 + E8 6,000 = 18,000; nothing went out.
    assert_eq!(
        last.sections[0].rows[0].cells,
        [
            "2025-26", "0.00", "18000.00", "0.00", "0.00", "0.00", "0.00", "18000.00"
        ]
    );
    // March 2026 (the year's last month): E4 2,000 + E3 2,000 + E8 2,000 + E1 1,000 + E2 1,000.
    assert_eq!(last.sections[2].rows[11].cells[0], "2026-03");
    assert_eq!(last.sections[2].rows[11].cells[2], "8000.00");
    let this = s.report(ReportName::YearEnd, ReportFilter::default()).await;
    // 2026-27: opens at 18,000. In: E4's 1 April 2,000 and E7's 2,000 (refunded later) = 4,000.
    // E2's closure gives 1,000 bonus and redeems 4,000 in jewellery; out in cash: E7's
    // refund 2,000 + E8's closure 6,000 = 8,000. 18,000 + 4,000 + 1,000 − 0 − 4,000 − 8,000
    // = 11,000 = what E1 (3,000), E3 (2,000) and E4 (6,000) have paid in and still hold.
    assert_eq!(
        this.sections[0].rows[0].cells,
        [
            "2026-27", "18000.00", "4000.00", "1000.00", "0.00", "4000.00", "8000.00", "11000.00"
        ]
    );
    assert_eq!(this.sections[2].rows[0].cells[0], "2026-04");
    assert_eq!(this.sections[2].rows[0].cells[2], "4000.00");
    assert_eq!(column(&this, 1, "plan_code"), ["GOLD3", "GOLD6"]);
    // opening + collected + bonuses − deductions − redeemed − refunded = closing, in every row,
    // and each month opens where the one before closed.
    for t in [&last, &this] {
        for (si, section) in t.sections.iter().enumerate() {
            for ri in 0..section.rows.len() {
                let f = figures(t, si, ri);
                assert_eq!(
                    f[0] + f[1] + f[2] - f[3] - f[4] - f[5],
                    f[6],
                    "{} row {ri}",
                    section.title
                );
            }
        }
        for ri in 1..12 {
            assert_eq!(figures(t, 2, ri)[0], figures(t, 2, ri - 1)[6]);
        }
    }
    assert!(
        this.subtitle
            .contains("liability = confirmed money received")
    );
}

#[tokio::test]
async fn a_cashier_may_not_see_reports() {
    let s = seed().await;
    let cashier = s.shop.kanak.login("ravi", "2468").await.unwrap();
    let err = s
        .today()
        .report(&cashier, ReportName::Payments, ReportFilter::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.to_string().contains("may not see reports"), "{err}");
    let out = tempfile::tempdir().unwrap();
    let err = s
        .today()
        .export_report(
            &cashier,
            ReportName::Tally,
            april(),
            ReportFormat::Xml,
            &out.path().join("t.xml"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[tokio::test]
async fn a_bad_filter_is_refused_naming_its_field() {
    let s = seed().await;
    let cases = [
        (
            filter(|f| {
                f.from = Some("2026-04-10".into());
                f.to = Some("2026-04-01".into());
            }),
            "from",
        ),
        (filter(|f| f.month = Some("2026-13".into())), "month"),
        (filter(|f| f.as_of = Some("31/04/2026".into())), "as_of"),
        (
            filter(|f| f.financial_year = Some("2026-28".into())),
            "financial_year",
        ),
        (filter(|f| f.mode = Some("gold".into())), "mode"),
        (filter(|f| f.status = Some("lost".into())), "status"),
        (filter(|f| f.branch = Some("EAST".into())), "branch"),
    ];
    for (f, field) in cases {
        let err = s
            .today()
            .report(&s.shop.actor, ReportName::Payments, f)
            .await
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("invalid_input", Some(field)),
            "{err}"
        );
    }
}

#[path = "../../documents/tests/pdf/mod.rs"]
mod pdf;

async fn export(
    s: &Seeded,
    name: ReportName,
    f: ReportFilter,
    format: ReportFormat,
) -> (Vec<u8>, kanak_app::ReportExport) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join(format!("{}.{}", name.as_str(), format.as_str()));
    let done = s
        .today()
        .export_report(&s.shop.actor, name, f, format, &path)
        .await
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(done.bytes as usize, bytes.len());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
    (bytes, done)
}

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

/// (type, number, [(ledger, deemed positive, amount in paise)]) for each voucher.
fn vouchers(xml: &str) -> Vec<(String, String, String, Vec<(String, String, i64)>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "ENVELOPE");
    let text = |n: roxmltree::Node, tag: &str| {
        n.children()
            .find(|c| c.has_tag_name(tag))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let header = root.children().find(|c| c.has_tag_name("HEADER")).unwrap();
    assert_eq!(text(header, "TALLYREQUEST"), "Import Data");
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("REPORTNAME") && n.text() == Some("Vouchers"))
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("VOUCHER"))
        .map(|v| {
            let entries = v
                .children()
                .filter(|c| c.has_tag_name("ALLLEDGERENTRIES.LIST"))
                .map(|e| {
                    let amount = text(e, "AMOUNT").replace('.', "").parse::<i64>().unwrap();
                    (text(e, "LEDGERNAME"), text(e, "ISDEEMEDPOSITIVE"), amount)
                })
                .collect();
            (
                text(v, "DATE"),
                text(v, "VOUCHERTYPENAME"),
                text(v, "VOUCHERNUMBER"),
                entries,
            )
        })
        .collect()
}

#[tokio::test]
async fn the_tally_xml_parses_and_every_voucher_balances_to_zero() {
    let s = seed().await;
    let (bytes, done) = export(&s, ReportName::Tally, april(), ReportFormat::Xml).await;
    let xml = String::from_utf8(bytes).unwrap();
    let v = vouchers(&xml);
    assert_eq!(done.rows, 5);
    let kinds: Vec<(&str, &str)> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    // E4's bank receipt, E7's cash receipt and its refund, E2's redemption, E8's cash payout.
    assert_eq!(
        kinds,
        [
            ("20260401", "Receipt"),
            ("20260403", "Receipt"),
            ("20260410", "Payment"),
            ("20260415", "Journal"),
            ("20260416", "Payment")
        ]
    );
    for (_, _, number, entries) in &v {
        assert_eq!(
            entries.iter().map(|e| e.2).sum::<i64>(),
            0,
            "voucher {number} balances"
        );
        for (ledger, deemed, amount) in entries {
            assert_eq!(
                deemed == "Yes",
                *amount < 0,
                "{number} {ledger}: a debit is deemed positive and negative"
            );
        }
    }
    // Receipt: Dr Bank 2,000, Cr Gold scheme advances 2,000.
    assert_eq!(
        v[0].3,
        [
            ("Bank".to_string(), "Yes".to_string(), -200000),
            ("Gold scheme advances".to_string(), "No".to_string(), 200000)
        ]
    );
    // Redemption: Dr advances 3,000 and bonus 1,000, Cr sales 4,000.
    let journal: Vec<(&str, i64)> = v[3].3.iter().map(|e| (e.0.as_str(), e.2)).collect();
    assert_eq!(
        journal,
        [
            ("Gold scheme advances", -300000),
            ("Scheme bonus", -100000),
            ("Sales", 400000)
        ]
    );
}

#[tokio::test]
async fn tally_ledger_names_are_settings_changed_by_the_owner_audited_and_escaped() {
    let s = seed().await;
    let kanak = s.today();
    let defaults = kanak.tally_ledgers().await.unwrap();
    assert_eq!(
        (
            defaults.advances.as_str(),
            defaults.cash.as_str(),
            defaults.bank.as_str(),
            defaults.bonus.as_str(),
            defaults.sales.as_str()
        ),
        (
            "Gold scheme advances",
            "Cash",
            "Bank",
            "Scheme bonus",
            "Sales"
        )
    );
    let renamed = kanak_app::TallyLedgers {
        advances: "Scheme A/c <Gold & Silver>".into(),
        bank: "HDFC Bank".into(),
        ..defaults.clone()
    };
    let cashier = kanak.login("ravi", "2468").await.unwrap();
    assert_eq!(
        kanak
            .set_tally_ledgers(&cashier, renamed.clone())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let blank = kanak_app::TallyLedgers {
        cash: " ".into(),
        ..defaults.clone()
    };
    assert_eq!(
        kanak
            .set_tally_ledgers(&s.shop.actor, blank)
            .await
            .unwrap_err()
            .field(),
        Some("cash")
    );
    kanak
        .set_tally_ledgers(&s.shop.actor, renamed)
        .await
        .unwrap();
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'settings.tally'")
            .fetch_one(kanak.pool())
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let (bytes, _) = export(&s, ReportName::Tally, april(), ReportFormat::Xml).await;
    let xml = String::from_utf8(bytes).unwrap();
    assert!(xml.contains("<LEDGERNAME>Scheme A/c &lt;Gold &amp; Silver&gt;</LEDGERNAME>"));
    assert_eq!(vouchers(&xml)[0].3[0].0, "HDFC Bank");
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

/// Not a check but a measurement: `cargo test --release --test reports -- --ignored --nocapture`.
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
