//! Building a report's sections: columns, rows of plain-string cells, totals.

use kanak_domain::{Money, Weight};

use super::{
    CellKind, ReportColumn, ReportName, ReportRow, ReportSection, ReportTable, ReportTotal,
};

pub(crate) fn column(key: &str, label: &str, kind: CellKind) -> ReportColumn {
    ReportColumn {
        key: key.into(),
        label: label.into(),
        kind,
    }
}

pub(crate) fn total(label: &str, value: String, kind: CellKind) -> ReportTotal {
    ReportTotal {
        label: label.into(),
        value,
        kind,
    }
}

pub(crate) fn money_total(label: &str, value: Money) -> ReportTotal {
    total(label, value.to_plain(), CellKind::Money)
}

pub(crate) fn count_total(label: &str, n: usize) -> ReportTotal {
    total(label, n.to_string(), CellKind::Count)
}

pub(crate) fn grams(w: Option<Weight>) -> String {
    w.map(Weight::to_plain).unwrap_or_default()
}

pub(crate) fn money(m: Option<Money>) -> String {
    m.map(Money::to_plain).unwrap_or_default()
}

/// A row with no links yet; set them with the builder methods.
pub(crate) fn row(cells: Vec<String>) -> ReportRow {
    ReportRow {
        cells,
        enrollment_no: None,
        customer_code: None,
        payment_id: None,
        flagged: false,
    }
}

impl ReportRow {
    pub(crate) fn enrollment(mut self, no: &str, customer: &str) -> ReportRow {
        self.enrollment_no = Some(no.to_string());
        self.customer_code = Some(customer.to_string());
        self
    }

    pub(crate) fn payment(mut self, id: &str) -> ReportRow {
        self.payment_id = Some(id.to_string());
        self
    }

    pub(crate) fn flag(mut self, flagged: bool) -> ReportRow {
        self.flagged = flagged;
        self
    }
}

pub(crate) fn section(
    title: &str,
    columns: Vec<ReportColumn>,
    rows: Vec<ReportRow>,
    totals: Vec<ReportTotal>,
) -> ReportSection {
    debug_assert!(rows.iter().all(|r| r.cells.len() == columns.len()));
    ReportSection {
        title: title.into(),
        columns,
        rows,
        totals,
    }
}

/// The table; `generated_at` is stamped by the caller from the app's clock.
pub(crate) fn table(
    name: ReportName,
    title: &str,
    subtitle: String,
    sections: Vec<ReportSection>,
) -> ReportTable {
    ReportTable {
        name,
        title: title.into(),
        subtitle,
        sections,
        generated_at: String::new(),
    }
}

/// Joins subtitle parts with ", ".
pub(crate) fn words(parts: Vec<String>) -> String {
    parts.join(", ")
}
