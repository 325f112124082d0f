//! Reading a report table in tests: a column, a total, the figures of a row; the filters the
//! report tests share.

use kanak_app::{ReportExport, ReportFilter, ReportFormat, ReportName, ReportTable};

use super::report_seed::Seeded;

/// Enrollment numbers by their place in the seed (0 = E1).
pub fn nos(s: &Seeded, which: &[usize]) -> Vec<String> {
    which.iter().map(|&i| s.e[i].clone()).collect()
}

pub fn filter(f: impl FnOnce(&mut ReportFilter)) -> ReportFilter {
    let mut filter = ReportFilter::default();
    f(&mut filter);
    filter
}

pub fn april() -> ReportFilter {
    filter(|f| {
        f.from = Some("2026-04-01".into());
        f.to = Some("2026-04-20".into());
    })
}

/// A section's column by key, for every row.
pub fn column(t: &ReportTable, section: usize, key: &str) -> Vec<String> {
    let s = &t.sections[section];
    let i = s
        .columns
        .iter()
        .position(|c| c.key == key)
        .unwrap_or_else(|| panic!("no column {key} in {:?}", s.columns));
    s.rows.iter().map(|r| r.cells[i].clone()).collect()
}

pub fn totals(t: &ReportTable, section: usize) -> Vec<(String, String)> {
    t.sections[section]
        .totals
        .iter()
        .map(|x| (x.label.clone(), x.value.clone()))
        .collect()
}

pub fn total(t: &ReportTable, section: usize, label: &str) -> String {
    totals(t, section)
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no total {label}: {:?}", totals(t, section)))
        .1
}

pub fn figures(t: &ReportTable, section: usize, row: usize) -> Vec<i64> {
    t.sections[section].rows[row].cells[1..]
        .iter()
        .map(|c| c.replace('.', "").parse::<i64>().unwrap())
        .collect()
}

/// Exports a report into a fresh folder and reads it back; checks no temp file is left.
pub async fn export(
    s: &Seeded,
    name: ReportName,
    f: ReportFilter,
    format: ReportFormat,
) -> (Vec<u8>, ReportExport) {
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
