//! The report table PDF: headers repeat on every page, numbers keep their text, wide tables
//! turn the page to landscape, Hindi names are shaped.

mod pdf;
mod samples;

use kanak_documents::*;
use samples::{day, shop};

fn doc(rows: usize, columns: usize) -> ReportDoc {
    let mut cols = vec![
        ReportDocColumn {
            label: "Enrollment".into(),
            numeric: false,
        },
        ReportDocColumn {
            label: "Name".into(),
            numeric: false,
        },
        ReportDocColumn {
            label: "Amount".into(),
            numeric: true,
        },
    ];
    for i in cols.len()..columns {
        cols.push(ReportDocColumn {
            label: format!("Extra column {i}"),
            numeric: true,
        });
    }
    let rows = (1..=rows)
        .map(|i| ReportDocRow {
            cells: (0..columns)
                .map(|c| match c {
                    0 => format!("MAIN-E{i:05}"),
                    1 if i == 2 => "श्रीमती लक्ष्मी".into(),
                    1 => format!("Customer {i}"),
                    _ => format!("{}.00", 1000 * i),
                })
                .collect(),
            flagged: i % 10 == 0,
        })
        .collect();
    ReportDoc {
        shop: shop(),
        title: "Outstanding dues".into(),
        subtitle: "as of 2026-04-20, plan GOLD6".into(),
        sections: vec![ReportDocSection {
            title: "Outstanding".into(),
            columns: cols,
            rows,
            totals: vec![("Outstanding".into(), "8000.00".into())],
        }],
        generated: Generated {
            at: day(2026, 4, 20).and_hms_opt(9, 15, 0).unwrap(),
            by: "Ravi Soni (owner)".into(),
        },
    }
}

#[test]
fn a_long_report_repeats_its_column_headers_and_numbers_its_pages() {
    let bytes = report_pdf(&doc(90, 3));
    pdf::qpdf_check(&bytes);
    let pages = pdf::pages(&bytes);
    assert!(pages >= 2, "90 rows take more than a page");
    let first = pdf::page_text(&bytes, 1);
    for expected in [
        "Lakshmi Jewellers",
        "Outstanding dues",
        "as of 2026-04-20, plan GOLD6",
        "MAIN-E00001",
        "1000.00",
        "श्रीमती लक्ष्मी",
    ] {
        assert!(
            first.contains(expected),
            "{expected:?} missing from page 1:\n{first}"
        );
    }
    let last = pdf::page_text(&bytes, pages);
    for expected in [
        "Lakshmi Jewellers · Outstanding dues · continued",
        "Enrollment",
        "Amount",
        "MAIN-E00090",
        "90000.00",
        "8000.00",
        &format!("Page {pages} of {pages}"),
        "Generated 20-04-2026 09:15 by Ravi Soni (owner)",
    ] {
        assert!(
            last.contains(expected),
            "{expected:?} missing from the last page:\n{last}"
        );
    }
    assert_eq!(
        pdf::info(&bytes, "Page size").split_whitespace().next(),
        Some("595.276")
    );
}

#[test]
fn a_wide_report_is_printed_landscape() {
    let bytes = report_pdf(&doc(5, 16));
    let size = pdf::info(&bytes, "Page size");
    assert!(size.starts_with("841.89"), "A4 landscape: {size}");
    let text = pdf::text(&bytes);
    assert!(text.contains("Extra") && text.contains("5000.00"), "{text}");
    if let Some(dir) = std::env::var_os("KANAK_REPORT_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("wide.pdf"), &bytes).unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join("long.pdf"),
            report_pdf(&doc(90, 3)),
        )
        .unwrap();
    }
}

#[test]
fn an_empty_section_says_so() {
    let bytes = report_pdf(&doc(0, 3));
    assert!(pdf::text(&bytes).contains("No rows."));
    assert_eq!(pdf::pages(&bytes), 1);
}
