//! Importing old books from spreadsheets: all or nothing, every problem named by row and
//! column, the same file twice stores nothing new, CSV and XLSX alike.

mod common;

use common::*;
use kanak_app::{ImportKind, ImportMapping, ImportReport};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn docs(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/import")
        .join(file)
}

fn mapping(file: &str) -> ImportMapping {
    ImportMapping::parse(&std::fs::read_to_string(docs(file)).unwrap()).unwrap()
}

/// A workbook shaped as `docs/import/workbook.mapping.json` expects. Mobile numbers are
/// number cells and one join date a date cell, as Excel stores them.
fn workbook(payments: &[[&str; 6]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let plans = book.add_worksheet().set_name("Plans").unwrap();
    let header = [
        "Scheme code",
        "Scheme",
        "Type",
        "Monthly",
        "Months",
        "Grace days",
        "Bonus",
    ];
    let row = [
        "SWARNA11",
        "Swarna 11",
        "amount",
        "5000",
        "11",
        "7",
        "1 installment",
    ];
    for (c, (h, v)) in header.iter().zip(row).enumerate() {
        plans.write_string(0, c as u16, *h).unwrap();
        plans.write_string(1, c as u16, v).unwrap();
    }
    let customers = book.add_worksheet().set_name("Customers").unwrap();
    for (c, h) in ["Customer Name", "Mobile", "PAN"].iter().enumerate() {
        customers.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, phone)) in [("Asha Verma", 9876543210.0), ("Meena Joshi", 9123456780.0)]
        .iter()
        .enumerate()
    {
        customers.write_string(r as u32 + 1, 0, *name).unwrap();
        customers.write_number(r as u32 + 1, 1, *phone).unwrap();
    }
    let enrollments = book.add_worksheet().set_name("Enrollments").unwrap();
    for (c, h) in ["Mobile", "Scheme code", "Joined"].iter().enumerate() {
        enrollments.write_string(0, c as u16, *h).unwrap();
    }
    enrollments.write_number(1, 0, 9876543210.0).unwrap();
    enrollments.write_string(1, 1, "SWARNA11").unwrap();
    let joined = ExcelDateTime::from_ymd(2026, 1, 5).unwrap();
    enrollments
        .write_datetime_with_format(1, 2, &joined, &day)
        .unwrap();
    enrollments.write_string(2, 0, "9123456780").unwrap();
    enrollments.write_string(2, 1, "swarna11").unwrap();
    enrollments.write_string(2, 2, "01/02/2026").unwrap();
    let sheet = book.add_worksheet().set_name("Payments").unwrap();
    for (c, h) in ["Mobile", "Scheme code", "Paid on", "Amount", "Mode", "Ref"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in payments.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

const GOOD_PAYMENTS: [[&str; 6]; 4] = [
    ["9876543210", "SWARNA11", "10/01/2026", "5000", "cash", ""],
    [
        "9876543210",
        "SWARNA11",
        "10/02/2026",
        "5000",
        "upi",
        "UPI-302117",
    ],
    // The same money on the same day twice is two payments, not one typed twice.
    ["9123456780", "SWARNA11", "15/02/2026", "5000", "cash", ""],
    ["9123456780", "SWARNA11", "15/02/2026", "5000", "cash", ""],
];

fn count(report: &ImportReport, kind: ImportKind) -> (u32, u32) {
    report
        .counts
        .iter()
        .find(|c| c.kind == kind)
        .map_or((0, 0), |c| (c.created, c.unchanged))
}

async fn import(
    shop: &TestShop,
    name: &str,
    bytes: &[u8],
    map: &ImportMapping,
    dry_run: bool,
) -> ImportReport {
    shop.kanak
        .import_spreadsheet(&shop.actor, name, bytes, map, dry_run)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_workbook_of_plans_customers_enrollments_and_payments_imports_through_the_engine() {
    let shop = TestShop::on("2026-04-10").await;
    let report = import(
        &shop,
        "book.xlsx",
        &workbook(&GOOD_PAYMENTS),
        &mapping("workbook.mapping.json"),
        false,
    )
    .await;
    assert_eq!(report.problems, vec![], "{report:?}");
    assert!(report.committed);
    assert_eq!(count(&report, ImportKind::Plans), (1, 0));
    assert_eq!(count(&report, ImportKind::Customers), (2, 0));
    assert_eq!(count(&report, ImportKind::Enrollments), (2, 0));
    assert_eq!(count(&report, ImportKind::Payments), (4, 0));
    let asha = shop.kanak.search_customers("Asha", 10).await.unwrap();
    let profile = shop.kanak.customer_profile(&asha[0].code).await.unwrap();
    let no = &profile.enrollments[0].enrollment_no;
    let detail = shop.kanak.enrollment(no).await.unwrap();
    assert_eq!(detail.total_paid, "10000.00");
    assert_eq!(
        detail.start_date, "2026-01-05",
        "the date cell is read as a day"
    );
    // Each payment went through record_payment's path: audited, and the chain is whole.
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'payment.add'")
            .fetch_one(shop.kanak.pool())
            .await
            .unwrap();
    assert_eq!(audited, 4);
    assert!(shop.kanak.verify_audit(&shop.actor).await.unwrap().intact);
}

#[tokio::test]
async fn importing_the_same_workbook_again_stores_nothing_new() {
    let shop = TestShop::on("2026-04-10").await;
    let (bytes, map) = (workbook(&GOOD_PAYMENTS), mapping("workbook.mapping.json"));
    import(&shop, "book.xlsx", &bytes, &map, false).await;
    let before = shop.row_counts().await;
    let again = import(&shop, "book.xlsx", &bytes, &map, false).await;
    assert_eq!(again.problems, vec![]);
    assert_eq!(count(&again, ImportKind::Payments), (0, 4));
    assert_eq!(count(&again, ImportKind::Customers), (0, 2));
    assert_eq!(count(&again, ImportKind::Enrollments), (0, 2));
    assert_eq!(count(&again, ImportKind::Plans), (0, 1));
    assert_eq!(shop.row_counts().await, before);
}

#[tokio::test]
async fn a_bad_row_is_reported_by_row_column_and_why_and_nothing_is_stored() {
    let shop = TestShop::on("2026-04-10").await;
    let before = shop.row_counts().await;
    let mut payments = GOOD_PAYMENTS.to_vec();
    // Row 6: more than the plan still holds; row 7: a cheque with no cheque number.
    payments.push(["9876543210", "SWARNA11", "11/02/2026", "60000", "cash", ""]);
    payments.push(["9876543210", "SWARNA11", "12/02/2026", "5000", "cheque", ""]);
    let report = import(
        &shop,
        "book.xlsx",
        &workbook(&payments),
        &mapping("workbook.mapping.json"),
        false,
    )
    .await;
    assert!(!report.committed);
    let at: Vec<(u32, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref()))
        .collect();
    assert_eq!(
        at,
        vec![(6, Some("Amount")), (7, Some("Ref"))],
        "{:#?}",
        report.problems
    );
    assert!(
        report.problems[0].message.contains("still payable"),
        "{}",
        report.problems[0].message
    );
    assert_eq!(
        shop.row_counts().await,
        before,
        "one bad row stores nothing at all"
    );
}

#[tokio::test]
async fn the_sample_csv_dry_run_stores_nothing_and_its_import_stores_every_customer() {
    let shop = TestShop::on("2026-04-10").await;
    let (bytes, map) = (
        std::fs::read(docs("customers.csv")).unwrap(),
        mapping("customers.mapping.json"),
    );
    let before = shop.row_counts().await;
    let dry = import(&shop, "customers.csv", &bytes, &map, true).await;
    assert_eq!((dry.problems.len(), dry.committed), (0, false));
    assert_eq!(count(&dry, ImportKind::Customers), (3, 0));
    assert_eq!(shop.row_counts().await, before);
    let real = import(&shop, "customers.csv", &bytes, &map, false).await;
    assert!(real.committed);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM customers")
        .fetch_one(shop.kanak.pool())
        .await
        .unwrap();
    assert_eq!(stored, 3);
    let again = import(&shop, "customers.csv", &bytes, &map, false).await;
    assert_eq!(count(&again, ImportKind::Customers), (0, 3));
}

#[tokio::test]
async fn a_csv_lists_every_bad_cell_with_the_domains_own_reasons() {
    let shop = TestShop::on("2026-04-10").await;
    let csv = "Customer Name,Mobile,PAN,Pin code,Address\n\
               Asha Verma,12345,,302001,\n\
               Meena Joshi,9123456780,NOTAPAN,302002,\n\
               ,9988776655,,,\n";
    let report = import(
        &shop,
        "customers.csv",
        csv.as_bytes(),
        &mapping("customers.mapping.json"),
        true,
    )
    .await;
    let at: Vec<(u32, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref()))
        .collect();
    assert_eq!(
        at,
        vec![
            (2, Some("Mobile")),
            (3, Some("PAN")),
            (4, Some("Customer Name"))
        ],
        "{:#?}",
        report.problems
    );
    assert!(
        report.problems[0].message.contains("10-digit"),
        "{}",
        report.problems[0].message
    );
}

#[tokio::test]
async fn a_mapping_naming_a_missing_column_is_reported_on_the_header_row() {
    let shop = TestShop::on("2026-04-10").await;
    let csv = "Name,Phone\nAsha Verma,9876543210\n";
    let report = import(
        &shop,
        "c.csv",
        csv.as_bytes(),
        &mapping("customers.mapping.json"),
        true,
    )
    .await;
    let missing: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.row == 1)
        .filter_map(|p| p.column.clone())
        .collect();
    assert!(
        missing.contains(&"Mobile".to_string()) && missing.contains(&"Customer Name".to_string()),
        "{missing:?}"
    );
    assert!(!report.committed);
}

#[tokio::test]
async fn a_header_pre_fills_the_mapping_of_the_fields_it_names() {
    let csv = "Name,Phone,PAN,Pin Code,Notes\nAsha Verma,9876543210,,,\n";
    let sheets = kanak_app::import::preview_sheets("c.csv", csv.as_bytes()).unwrap();
    assert_eq!((sheets[0].name.as_str(), sheets[0].rows), ("c", 1));
    let suggested = kanak_app::import::suggest(ImportKind::Customers, &sheets[0].header);
    let pairs: Vec<(&str, &str)> = suggested.iter().map(|(f, c)| (f.as_str(), c.as_str())).collect();
    assert_eq!(pairs, vec![("name", "Name"), ("pan", "PAN"), ("phone", "Phone"), ("pin_code", "Pin Code")]);
}
