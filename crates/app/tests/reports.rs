//! The payment and collection reports, closures, and who may see reports, on one seeded shop
//! (tests/common/report_seed.rs), each figure compared with arithmetic done by hand.

mod common;

use common::report_seed::seed;
use common::report_table::*;
use kanak_app::{ReportFilter, ReportFormat, ReportName, ReportTable};

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

#[tokio::test]
async fn a_cashier_may_not_see_reports() {
    let s = seed().await;
    let cashier = s.shop.kanak.login("ravi", &"2468".into()).await.unwrap();
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
