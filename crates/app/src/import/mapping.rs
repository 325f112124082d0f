//! The column-mapping file: which sheet holds which records, which column is which field,
//! and how dates are written. JSON, for example:
//!
//! ```json
//! { "date_format": "%d/%m/%Y",
//!   "sheets": [ { "sheet": "Customers", "kind": "customers",
//!                 "columns": { "name": "Customer name", "phone": "Mobile" } } ] }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the rows of one sheet are; they are applied in this order, so a payment's
/// enrollment, an enrollment's customer and plan already exist.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Plans,
    Customers,
    Enrollments,
    Payments,
}

impl ImportKind {
    /// The fields a sheet of this kind may map, the required ones first.
    pub fn fields(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ImportKind::Plans => (
                &["code", "name", "kind", "installments"],
                &[
                    "installment",
                    "min_amount",
                    "max_amount",
                    "due_day",
                    "grace_days",
                    "purity",
                    "bonus",
                    "terms",
                ],
            ),
            ImportKind::Customers => (
                &["name", "phone"],
                &["pan", "aadhaar", "dob", "address", "pin_code", "email"],
            ),
            ImportKind::Enrollments => (&["phone", "plan_code"], &["name", "date", "installments"]),
            ImportKind::Payments => (
                &["phone", "plan_code", "date", "amount"],
                &["name", "mode", "reference"],
            ),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Plans => "plans",
            ImportKind::Customers => "customers",
            ImportKind::Enrollments => "enrollments",
            ImportKind::Payments => "payments",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ImportMapping {
    /// How the file writes dates (chrono's `%d/%m/%Y` style). Without it, dates are read as
    /// 31-03-2026 or 2026-03-31; a date cell of a workbook is always understood.
    #[serde(default)]
    pub date_format: Option<String>,
    pub sheets: Vec<SheetMapping>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SheetMapping {
    /// The workbook's sheet name; a CSV file (one sheet) needs none.
    #[serde(default)]
    pub sheet: Option<String>,
    pub kind: ImportKind,
    /// The spreadsheet row that holds the column names (1 unless told).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Field → the column's header text, as written in the sheet (case and spaces ignored).
    pub columns: BTreeMap<String, String>,
}

impl ImportMapping {
    pub fn parse(text: &str) -> Result<ImportMapping, String> {
        let mapping: ImportMapping = serde_json::from_str(text)
            .map_err(|e| format!("the mapping file is not valid: {e}"))?;
        if mapping.sheets.is_empty() {
            return Err("the mapping file lists no sheets".into());
        }
        Ok(mapping)
    }
}

/// Header text compared as staff see it: case, spacing and a trailing colon do not matter.
pub fn same_header(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_end_matches(':')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// A date as the file writes it, turned into the ISO day the use cases read; text that is not
/// in the mapping's format is passed on as written, for the domain's own date rule to judge.
pub fn normalise_date(text: &str, format: Option<&str>) -> String {
    let text = text.trim();
    if let Some(format) = format
        && let Ok(day) = chrono::NaiveDate::parse_from_str(text, format)
    {
        return day.to_string();
    }
    // A workbook's date cell arrives as ISO already (see sheet::cell_text).
    text.to_string()
}

/// Other ways shops head a field's column, per kind (besides the field's own name): "Mobile"
/// for a phone, "Scheme code" for a plan's code. Compared as `same_header` does.
fn synonyms(kind: ImportKind, field: &str) -> &'static [&'static str] {
    use ImportKind::*;
    match (kind, field) {
        (Plans, "code") => &["scheme code", "plan code", "code"],
        (Plans, "name") => &["scheme", "scheme name", "plan", "plan name"],
        (Plans, "kind") => &["type", "scheme type", "plan type"],
        (Plans, "installment") => &["monthly", "installment amount", "monthly amount", "emi"],
        (Plans, "installments") => &["months", "duration", "tenure", "no of installments"],
        (_, "name") => &["customer name", "customer", "full name"],
        (_, "phone") => &[
            "mobile",
            "mobile no",
            "mobile number",
            "phone no",
            "phone number",
            "contact",
        ],
        (_, "plan_code") => &["scheme code", "plan code", "scheme", "plan"],
        (_, "pin_code") => &["pincode", "pin", "postal code"],
        (_, "dob") => &["date of birth", "birth date", "birthday"],
        (_, "email") => &["e-mail", "email id", "mail"],
        (Enrollments, "date") => &["joined", "joined on", "start date", "start", "enrolled on"],
        (Payments, "date") => &["paid on", "payment date", "date paid"],
        (Payments, "amount") => &["amount paid", "paid", "rs", "amount (rs)"],
        (Payments, "mode") => &["payment mode", "paid by", "via"],
        (Payments, "reference") => &["ref", "ref no", "utr", "reference no", "txn id"],
        (_, "installments") => &["months", "tier"],
        _ => &[],
    }
}

/// The mapping pre-filled from a header row: each field whose name (or a usual heading for it,
/// like "Mobile" for the phone) matches a column. A column is suggested for one field at most,
/// and a field's own name wins over another field's synonym.
pub fn suggest(kind: ImportKind, header: &[String]) -> BTreeMap<String, String> {
    let (required, optional) = kind.fields();
    let fields: Vec<&str> = required.iter().chain(optional).copied().collect();
    let mut taken = vec![false; header.len()];
    let mut chosen = BTreeMap::new();
    let own = |field: &str| vec![field.to_string(), field.replace('_', " ")];
    let pass = |names: &dyn Fn(&str) -> Vec<String>,
                chosen: &mut BTreeMap<String, String>,
                taken: &mut Vec<bool>| {
        for field in &fields {
            if chosen.contains_key(*field) {
                continue;
            }
            let found = names(field).iter().find_map(|name| {
                (0..header.len()).find(|&i| !taken[i] && same_header(&header[i], name))
            });
            if let Some(i) = found {
                taken[i] = true;
                chosen.insert(field.to_string(), header[i].clone());
            }
        }
    };
    pass(&own, &mut chosen, &mut taken);
    let usual = |field: &str| {
        synonyms(kind, field)
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    pass(&usual, &mut chosen, &mut taken);
    chosen
}
