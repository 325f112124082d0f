//! The dues reports — missed, outstanding, maturity — and the year-end summary, on one seeded
//! shop (tests/common/report_seed.rs), each figure compared with arithmetic done by hand.

mod common;

use common::report_seed::seed;
use common::report_table::*;
use kanak_app::{ReportFilter, ReportName};

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
