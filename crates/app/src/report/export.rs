//! A report as a file: CSV, XLSX, PDF or JSON (Tally's XML is in `tally`).
//!
//! CSV (RFC 4180, UTF-8, no BOM, "\n" line ends): the first section is its header line and
//! its rows; each further section follows after one blank line, as its title line, header
//! and rows. Totals are not written (a spreadsheet adds them; they would break an import).
//! Cells are as in the table: money "5000.00", grams "1.234", dates YYYY-MM-DD.
//!
//! XLSX: one worksheet per section (named by its title, cut to Excel's 31 characters), a bold
//! header, money and grams as numbers with 2 and 3 decimals, counts and days as whole
//! numbers, then a bold totals block under the rows.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{CellKind, ReportFormat, ReportSection, ReportTable};
use crate::AppError;

/// CSV, XLSX or JSON bytes (the PDF is drawn by `Kanak::report_pdf`, which needs the shop).
pub(crate) fn render(table: &ReportTable, format: ReportFormat) -> Result<Vec<u8>, AppError> {
    match format {
        ReportFormat::Csv => Ok(csv(table).into_bytes()),
        ReportFormat::Json => serde_json::to_vec_pretty(table).map_err(AppError::corrupt),
        ReportFormat::Xlsx => xlsx(table).map_err(|e| {
            tracing::error!(error = %e, "xlsx writer failed");
            AppError::Render {
                document: "spreadsheet",
            }
        }),
        ReportFormat::Pdf | ReportFormat::Xml => {
            Err(kanak_domain::FieldError::new("format", "pdf and xml are not written here").into())
        }
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(cells: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut line = cells
        .into_iter()
        .map(|c| csv_field(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

pub(crate) fn csv(table: &ReportTable) -> String {
    let mut out = String::new();
    for (i, s) in table.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&csv_line([&s.title]));
        }
        out.push_str(&csv_line(s.columns.iter().map(|c| &c.key)));
        for r in &s.rows {
            out.push_str(&csv_line(&r.cells));
        }
    }
    out
}

/// Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique in the book.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let mut name: String = clean.trim().chars().take(31).collect();
    if name.is_empty() {
        name = "Sheet".into();
    }
    let base = name.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" {n}");
        name = base.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn number_format(kind: CellKind) -> Option<&'static str> {
    match kind {
        CellKind::Money => Some("#,##0.00"),
        CellKind::Grams => Some("0.000"),
        CellKind::Count | CellKind::Days => Some("0"),
        _ => None,
    }
}

/// Writes one cell: a number where the column is numeric and the text parses, else text.
///
/// Spreadsheet numbers are IEEE doubles by the file format itself, so the exact decimal text
/// ("1234.56", made from integer paise) becomes the nearest double only here, at the very edge;
/// Kanak never computes with it, and every amount under ₹90 lakh crore round-trips to its paise.
fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    (r, c): (u32, u16),
    kind: CellKind,
    text: &str,
    bold: bool,
) -> Result<(), XlsxError> {
    let mut format = Format::new();
    if bold {
        format = format.set_bold();
    }
    match (number_format(kind), text.parse::<f64>()) {
        (Some(num), Ok(value)) if !text.is_empty() => {
            ws.write_number_with_format(r, c, value, &format.set_num_format(num))?;
        }
        _ => {
            ws.write_string_with_format(r, c, text, &format)?;
        }
    }
    Ok(())
}

fn sheet(ws: &mut rust_xlsxwriter::Worksheet, s: &ReportSection) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, col) in s.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, c, &col.label, &bold)?;
        let width = (col.label.chars().count().max(10) + 2).min(40);
        ws.set_column_width(c, width as f64)?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, (cell, col)) in row.cells.iter().zip(&s.columns).enumerate() {
            write_cell(
                ws,
                (r, u16::try_from(c).unwrap_or(u16::MAX)),
                col.kind,
                cell,
                false,
            )?;
        }
    }
    // Totals: a label and its value per line, two rows under the data.
    let first = u32::try_from(s.rows.len() + 2).unwrap_or(u32::MAX);
    for (i, t) in s.totals.iter().enumerate() {
        let r = first + u32::try_from(i).unwrap_or(0);
        ws.write_string_with_format(r, 0, &t.label, &bold)?;
        write_cell(ws, (r, 1), t.kind, &t.value, true)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

pub(crate) fn xlsx(table: &ReportTable) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut taken = Vec::new();
    for s in &table.sections {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&s.title, &mut taken))?;
        sheet(ws, s)?;
    }
    if table.sections.is_empty() {
        book.add_worksheet()
            .set_name(sheet_name(&table.title, &mut taken))?;
    }
    book.save_to_buffer()
}
