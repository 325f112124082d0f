//! What the import screen shows before anything is checked: each sheet's header and first
//! rows, the kind of rows it most likely holds with the columns pre-mapped, the fields each
//! kind takes, and the date format the sample dates seem to use.

use std::collections::BTreeMap;
use std::path::Path;

use kanak_domain::FieldError;
use serde::Serialize;

use super::mapping::{ImportKind, same_header, suggest};
use super::sheet;
use crate::AppError;

/// How many data rows of each sheet the mapping step shows.
pub const SAMPLE_ROWS: usize = 5;

/// The largest file the import reads (a shop's book of 100,000 rows fits in a few MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

const KINDS: [ImportKind; 4] = [
    ImportKind::Plans,
    ImportKind::Customers,
    ImportKind::Enrollments,
    ImportKind::Payments,
];

/// A sheet of an uploaded file as the mapping screen shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SheetPreview {
    pub name: String,
    pub header: Vec<String>,
    /// Data rows below the header.
    pub rows: u32,
    /// The first data rows, as text cells.
    pub sample: Vec<Vec<String>>,
    /// The kind whose required fields all match a column (the best match), if any.
    pub kind: Option<ImportKind>,
    /// For each kind, the columns the header pre-fills (field → column).
    pub suggestions: Vec<KindSuggestion>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct KindSuggestion {
    pub kind: ImportKind,
    pub columns: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportField {
    pub name: String,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct KindFields {
    pub kind: ImportKind,
    pub fields: Vec<ImportField>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportPreview {
    pub file_name: String,
    pub sheets: Vec<SheetPreview>,
    /// The fields of each kind, the required ones first.
    pub kinds: Vec<KindFields>,
    /// A guess from the sample dates (`%d/%m/%Y`, …); None when dates look ISO or dd-mm-yyyy.
    pub date_format: Option<String>,
}

/// Reads a spreadsheet the staff picked: its file name and bytes, refusing a missing or huge file.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), AppError> {
    let cannot =
        |why: String| FieldError::new("path", format!("cannot read {}: {why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| cannot(e.to_string()))?;
    if !meta.is_file() {
        return Err(cannot("not a file".into()).into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(cannot(format!("larger than {} MB", MAX_FILE_BYTES >> 20)).into());
    }
    let bytes = std::fs::read(path).map_err(|e| cannot(e.to_string()))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file")
        .to_string();
    Ok((name, bytes))
}

/// The sheets of a file with their headers and pre-filled mappings.
pub fn preview(file_name: &str, bytes: &[u8]) -> Result<ImportPreview, AppError> {
    let sheets =
        sheet::read_workbook(file_name, bytes).map_err(|e| FieldError::new("file", e.0))?;
    let sheets: Vec<SheetPreview> = sheets.iter().map(sheet_preview).collect();
    let date_format = guess_date_format(&sheets);
    Ok(ImportPreview {
        file_name: file_name.to_string(),
        sheets,
        kinds: KINDS.iter().map(|&kind| kind_fields(kind)).collect(),
        date_format,
    })
}

fn kind_fields(kind: ImportKind) -> KindFields {
    let (required, optional) = kind.fields();
    let field = |required: bool| {
        move |name: &&str| ImportField {
            name: name.to_string(),
            required,
        }
    };
    KindFields {
        kind,
        fields: required
            .iter()
            .map(field(true))
            .chain(optional.iter().map(field(false)))
            .collect(),
    }
}

fn sheet_preview(s: &sheet::Sheet) -> SheetPreview {
    let header = s.rows.first().cloned().unwrap_or_default();
    let suggestions: Vec<KindSuggestion> = KINDS
        .iter()
        .map(|&kind| KindSuggestion {
            kind,
            columns: suggest(kind, &header),
        })
        .collect();
    let sample = s
        .rows
        .iter()
        .skip(1)
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .take(SAMPLE_ROWS)
        .cloned()
        .collect();
    SheetPreview {
        kind: guess_kind(&s.name, &suggestions),
        rows: u32::try_from(s.rows.len().saturating_sub(1)).unwrap_or(u32::MAX),
        name: s.name.clone(),
        header,
        sample,
        suggestions,
    }
}

/// A sheet named for a kind ("Customers") is that kind; otherwise the kind whose required
/// fields all found a column, the one with most columns matched.
fn guess_kind(sheet_name: &str, suggestions: &[KindSuggestion]) -> Option<ImportKind> {
    if let Some(named) = KINDS.iter().find(|k| same_header(sheet_name, k.as_str())) {
        return Some(*named);
    }
    suggestions
        .iter()
        .filter(|s| s.kind.fields().0.iter().all(|f| s.columns.contains_key(*f)))
        .max_by_key(|s| s.columns.len())
        .map(|s| s.kind)
}

/// Looks at the sample's date cells (of the guessed kind's date columns): dd/mm/yyyy, as
/// Indian shops write them, unless a second number over 12 shows the month comes first.
fn guess_date_format(sheets: &[SheetPreview]) -> Option<String> {
    let mut separator = None;
    let mut month_first = false;
    for s in sheets {
        let Some(kind) = s.kind else { continue };
        let Some(suggested) = s.suggestions.iter().find(|x| x.kind == kind) else {
            continue;
        };
        let columns: Vec<usize> = ["date", "dob"]
            .iter()
            .filter_map(|f| suggested.columns.get(*f))
            .filter_map(|c| s.header.iter().position(|h| h == c))
            .collect();
        for cell in s
            .sample
            .iter()
            .flat_map(|r| columns.iter().filter_map(|&i| r.get(i)))
        {
            let Some((sep, first, second)) = day_parts(cell.trim()) else {
                continue;
            };
            if sep == '-' {
                continue; // 31-03-2026 is read without a format
            }
            separator = Some(sep);
            month_first |= first <= 12 && second > 12;
        }
    }
    separator.map(|sep| {
        if month_first {
            format!("%m{sep}%d{sep}%Y")
        } else {
            format!("%d{sep}%m{sep}%Y")
        }
    })
}

/// "10/02/2026" → ('/', 10, 2).
fn day_parts(text: &str) -> Option<(char, u32, u32)> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 {
        return None;
    }
    Some((sep, parts[0].parse().ok()?, parts[1].parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_customer_sheet_is_guessed_as_customers_with_its_columns_mapped() {
        let csv = std::fs::read("../../docs/import/customers.csv").unwrap();
        let p = preview("customers.csv", &csv).unwrap();
        let sheet = &p.sheets[0];
        assert_eq!(sheet.kind, Some(ImportKind::Customers));
        assert_eq!((sheet.rows, sheet.sample.len()), (3, 3));
        let customers = sheet
            .suggestions
            .iter()
            .find(|s| s.kind == ImportKind::Customers)
            .unwrap();
        assert_eq!(
            customers.columns.get("name").map(String::as_str),
            Some("Customer Name")
        );
        assert_eq!(
            customers.columns.get("phone").map(String::as_str),
            Some("Mobile")
        );
        assert_eq!(
            customers.columns.get("pin_code").map(String::as_str),
            Some("Pin code")
        );
    }

    #[test]
    fn payment_rows_with_slashed_days_are_guessed_as_payments_in_day_month_order() {
        let csv = std::fs::read("../../docs/import/payments.csv").unwrap();
        let p = preview("payments.csv", &csv).unwrap();
        assert_eq!(p.sheets[0].kind, Some(ImportKind::Payments));
        assert_eq!(p.date_format.as_deref(), Some("%d/%m/%Y"));
        let csv = "Mobile,Scheme,Paid on,Amount\n9876543210,S1,03/25/2026,5000\n";
        let p = preview("p.csv", csv.as_bytes()).unwrap();
        assert_eq!(p.date_format.as_deref(), Some("%m/%d/%Y"));
    }

    #[test]
    fn a_sheet_matching_no_kind_is_left_for_the_staff_to_choose() {
        let p = preview("x.csv", b"Item,Weight\nRing,4.2\n").unwrap();
        assert_eq!(p.sheets[0].kind, None);
    }
}
