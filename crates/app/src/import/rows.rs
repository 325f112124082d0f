//! From sheets and a mapping to records: each data row's mapped cells by field, with the
//! row number and column names kept so that every problem can point at its cell.

use std::collections::BTreeMap;

use serde::Serialize;

use super::mapping::{ImportKind, ImportMapping, SheetMapping, normalise_date, same_header};
use super::sheet::Sheet;

/// One problem with one row: the spreadsheet row, the column (as headed in the file) and why.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ImportProblem {
    pub sheet: String,
    pub row: u32,
    pub column: Option<String>,
    pub message: String,
}

/// A data row, read through the mapping.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: ImportKind,
    pub sheet: String,
    pub row: u32,
    values: BTreeMap<&'static str, String>,
    columns: BTreeMap<&'static str, String>,
}

impl Record {
    /// The cell's text, trimmed; None when blank or not mapped.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values
            .get(field)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn text(&self, field: &str) -> String {
        self.get(field).unwrap_or("").to_string()
    }

    pub fn optional(&self, field: &str) -> Option<String> {
        self.get(field).map(str::to_string)
    }

    /// A problem at this row, in the column that holds `field` (if it is mapped).
    pub fn problem(&self, field: &str, message: impl Into<String>) -> ImportProblem {
        let message = message.into();
        let column = self.columns.get(field).cloned();
        ImportProblem {
            sheet: self.sheet.clone(),
            row: self.row,
            message: if column.is_some() || field == "row" {
                message
            } else {
                format!("{field} {message}")
            },
            column,
        }
    }

    /// A canonical text of the row's mapped cells, the base of its idempotency key.
    pub fn canonical(&self) -> String {
        let cells: Vec<String> = self
            .values
            .iter()
            .map(|(field, value)| format!("{field}={}", value.trim().to_lowercase()))
            .collect();
        format!("{}|{}", self.kind.as_str(), cells.join("|"))
    }
}

/// Reads every mapped sheet. Problems with the mapping itself (a missing sheet or column,
/// an unknown field) are reported on the header row.
pub fn records(sheets: &[Sheet], mapping: &ImportMapping) -> (Vec<Record>, Vec<ImportProblem>) {
    let (mut records, mut problems) = (Vec::new(), Vec::new());
    for m in &mapping.sheets {
        let Some(sheet) = find_sheet(sheets, mapping, m) else {
            problems.push(ImportProblem {
                sheet: m.sheet.clone().unwrap_or_default(),
                row: 0,
                column: None,
                message: format!(
                    "no sheet named {:?} in the file",
                    m.sheet.as_deref().unwrap_or("")
                ),
            });
            continue;
        };
        read_sheet(
            sheet,
            m,
            mapping.date_format.as_deref(),
            &mut records,
            &mut problems,
        );
    }
    (records, problems)
}

fn find_sheet<'a>(
    sheets: &'a [Sheet],
    mapping: &ImportMapping,
    m: &SheetMapping,
) -> Option<&'a Sheet> {
    match &m.sheet {
        Some(name) => sheets
            .iter()
            .find(|s| same_header(&s.name, name))
            .or_else(|| (sheets.len() == 1 && mapping.sheets.len() == 1).then(|| &sheets[0])),
        None if sheets.len() == 1 => sheets.first(),
        None => None,
    }
}

fn read_sheet(
    sheet: &Sheet,
    m: &SheetMapping,
    date_format: Option<&str>,
    records: &mut Vec<Record>,
    problems: &mut Vec<ImportProblem>,
) {
    let header_row = m.header_row.unwrap_or(1).max(1);
    let at_header = |column: Option<String>, message: String| ImportProblem {
        sheet: sheet.name.clone(),
        row: header_row,
        column,
        message,
    };
    let empty = Vec::new();
    let header = sheet.rows.get(header_row as usize - 1).unwrap_or(&empty);
    let (required, optional) = m.kind.fields();
    let mut indices: Vec<(&'static str, usize, String)> = Vec::new();
    for (field, column) in &m.columns {
        let Some(known) = required
            .iter()
            .chain(optional)
            .find(|f| **f == field.as_str())
        else {
            problems.push(at_header(
                None,
                format!("{field} is not a field of {}", m.kind.as_str()),
            ));
            continue;
        };
        match header.iter().position(|h| same_header(h, column)) {
            Some(i) => indices.push((known, i, column.clone())),
            None => problems.push(at_header(
                Some(column.clone()),
                "no such column in the header".into(),
            )),
        }
    }
    for field in required {
        if !m.columns.contains_key(*field) {
            problems.push(at_header(
                None,
                format!("{field} is required for {} but not mapped", m.kind.as_str()),
            ));
        }
    }
    for (i, cells) in sheet.rows.iter().enumerate().skip(header_row as usize) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut record = Record {
            kind: m.kind,
            sheet: sheet.name.clone(),
            row: u32::try_from(i + 1).unwrap_or(u32::MAX),
            values: BTreeMap::new(),
            columns: BTreeMap::new(),
        };
        for (field, index, column) in &indices {
            let cell = cells.get(*index).cloned().unwrap_or_default();
            let value = if matches!(*field, "date" | "dob") {
                normalise_date(&cell, date_format)
            } else {
                cell
            };
            record.values.insert(field, value);
            record.columns.insert(field, column.clone());
        }
        records.push(record);
    }
}
