//! Reports: the jeweller's morning questions (who owes, who missed, what came in) and the
//! year's accounts, as one table shape that the screens, the CLI and every export share.
//!
//! Each report reads the store in one read transaction (a consistent snapshot under WAL) and
//! asks the scheme engine (through `crate::evaluation`) for dues, lateness and bonus; nothing
//! here re-derives a scheme rule. Cells are plain strings: money "5000.00", grams "1.234",
//! dates YYYY-MM-DD, so the same table crosses IPC, CSV and JSON unchanged.

mod book;
mod closures;
mod collection;
mod export;
mod filter;
mod maturity;
mod missed;
mod outstanding;
mod payments;
mod pdf;
mod table;
mod tally;
mod year_end;

use std::path::Path;

use kanak_domain::Permission;
use serde::{Deserialize, Serialize};

use crate::{Actor, AppError, Kanak};
pub(crate) use filter::Criteria;
pub use tally::TallyLedgers;

/// Which report. The kebab-case names are the CLI's `kanak report NAME` and the IPC value.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ReportName {
    Payments,
    Missed,
    Outstanding,
    Maturity,
    PlanCollection,
    StaffCollection,
    Closures,
    YearEnd,
    Tally,
}

impl ReportName {
    pub const ALL: [ReportName; 9] = [
        ReportName::Payments,
        ReportName::Missed,
        ReportName::Outstanding,
        ReportName::Maturity,
        ReportName::PlanCollection,
        ReportName::StaffCollection,
        ReportName::Closures,
        ReportName::YearEnd,
        ReportName::Tally,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Payments => "payments",
            ReportName::Missed => "missed",
            ReportName::Outstanding => "outstanding",
            ReportName::Maturity => "maturity",
            ReportName::PlanCollection => "plan-collection",
            ReportName::StaffCollection => "staff-collection",
            ReportName::Closures => "closures",
            ReportName::YearEnd => "year-end",
            ReportName::Tally => "tally",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<ReportName, kanak_domain::FieldError> {
        let wanted = s.trim().to_ascii_lowercase();
        ReportName::ALL
            .into_iter()
            .find(|n| n.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<_> = ReportName::ALL.iter().map(|n| n.as_str()).collect();
                kanak_domain::FieldError::new(field, format!("must be one of {}", names.join(", ")))
            })
    }
}

/// What the user chose on the report's screen or the command line. Every field is an
/// optional string so it crosses IPC and the CLI alike; [`Criteria`] validates it and a bad
/// value is refused naming its field.
#[derive(Serialize, Deserialize, specta::Type, Clone, Debug, Default, PartialEq)]
pub struct ReportFilter {
    /// YYYY-MM-DD, inclusive.
    pub from: Option<String>,
    /// YYYY-MM-DD, inclusive.
    pub to: Option<String>,
    /// YYYY-MM (the missed report; default this month).
    pub month: Option<String>,
    /// YYYY-MM-DD (the outstanding report; default today).
    pub as_of: Option<String>,
    /// "2026-27" (the year-end summary; default the current Indian financial year).
    pub financial_year: Option<String>,
    /// cash, upi, card, bank or cheque.
    pub mode: Option<String>,
    /// processing, confirmed, failed or refunded.
    pub status: Option<String>,
    /// A staff login (who received the payment or closed the plan).
    pub staff: Option<String>,
    pub plan_code: Option<String>,
    /// A branch code; this counter holds only its own branch's data.
    pub branch: Option<String>,
}

/// A report: one or more titled sections of rows, with totals.
#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportTable {
    pub name: ReportName,
    pub title: String,
    /// The filters in words ("1 Apr 2026 to 30 Apr 2026, mode cash").
    pub subtitle: String,
    pub sections: Vec<ReportSection>,
    /// RFC 3339, UTC.
    pub generated_at: String,
}

#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportSection {
    pub title: String,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<ReportRow>,
    pub totals: Vec<ReportTotal>,
}

#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportColumn {
    /// Stable machine name; the CSV header.
    pub key: String,
    /// What people read (the screen, the PDF, the XLSX header).
    pub label: String,
    pub kind: CellKind,
}

/// How a column's cells are written and aligned: money and grams right-aligned, numbers in XLSX.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    Text,
    Date,
    Money,
    Grams,
    Count,
    Days,
    Phone,
}

#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportRow {
    /// One per column, in column order.
    pub cells: Vec<String>,
    /// Links the row to its enrollment, customer or payment (the UI opens or acts on it).
    pub enrollment_no: Option<String>,
    pub customer_code: Option<String>,
    pub payment_id: Option<String>,
    /// Needs attention: an override closure, a late row, a cheque processing for too long.
    pub flagged: bool,
}

#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportTotal {
    pub label: String,
    pub value: String,
    pub kind: CellKind,
}

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Csv,
    Xlsx,
    Pdf,
    Json,
    /// Tally's import XML; only for the tally report, which has no other format.
    Xml,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Csv,
        ReportFormat::Xlsx,
        ReportFormat::Pdf,
        ReportFormat::Json,
        ReportFormat::Xml,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Json => "json",
            ReportFormat::Xml => "xml",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<ReportFormat, kanak_domain::FieldError> {
        let wanted = s.trim().to_ascii_lowercase();
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| {
                kanak_domain::FieldError::new(field, "must be one of csv, xlsx, pdf, json, xml")
            })
    }
}

/// A written export: where, how many data rows (all sections; vouchers for Tally), how big.
#[derive(Serialize, specta::Type, Clone, Debug, PartialEq)]
pub struct ReportExport {
    pub path: String,
    pub rows: u32,
    pub bytes: u32,
}

impl Kanak {
    /// Builds a report. Needs [`Permission::Reports`] (owners and managers).
    pub async fn report(
        &self,
        actor: &Actor,
        name: ReportName,
        filter: ReportFilter,
    ) -> Result<ReportTable, AppError> {
        actor.require(Permission::Reports)?;
        let today = self.clock.today();
        let mut conn = self.pool.begin().await?;
        let branch = book::branch_code(&mut conn).await?;
        let criteria = Criteria::parse(&filter, today, &branch)?;
        let started = std::time::Instant::now();
        let mut table = match name {
            ReportName::Payments => payments::build(&mut conn, &criteria, today).await?,
            ReportName::Missed => missed::build(&mut conn, &criteria, today).await?,
            ReportName::Outstanding => outstanding::build(&mut conn, &criteria, today).await?,
            ReportName::Maturity => maturity::build(&mut conn, &criteria, today).await?,
            ReportName::PlanCollection => collection::by_plan(&mut conn, &criteria, today).await?,
            ReportName::StaffCollection => {
                collection::by_staff(&mut conn, &criteria, today).await?
            }
            ReportName::Closures => closures::build(&mut conn, &criteria, today).await?,
            ReportName::YearEnd => year_end::build(&mut conn, &criteria, today).await?,
            ReportName::Tally => tally::build(&mut conn, &criteria, today).await?.table,
        };
        conn.commit().await?;
        table.generated_at = self.clock.timestamp();
        tracing::info!(
            report = name.as_str(),
            rows = table.sections.iter().map(|s| s.rows.len()).sum::<usize>(),
            ms = started.elapsed().as_millis() as u64,
            "report built"
        );
        Ok(table)
    }

    /// Builds a report and writes it to `out` (whole, through a temp file and a rename).
    /// XML is Tally's import format: only the tally report has it, and only as XML.
    pub async fn export_report(
        &self,
        actor: &Actor,
        name: ReportName,
        filter: ReportFilter,
        format: ReportFormat,
        out: &Path,
    ) -> Result<ReportExport, AppError> {
        let is_tally = name == ReportName::Tally;
        if is_tally != (format == ReportFormat::Xml) {
            let why = if is_tally {
                "the tally report is exported only as xml"
            } else {
                "xml is only for the tally report; use csv, xlsx, pdf or json"
            };
            return Err(kanak_domain::FieldError::new("format", why).into());
        }
        let (bytes, rows) = if is_tally {
            actor.require(Permission::Reports)?;
            let today = self.clock.today();
            let mut conn = self.pool.begin().await?;
            let branch = book::branch_code(&mut conn).await?;
            let criteria = Criteria::parse(&filter, today, &branch)?;
            let built = tally::build(&mut conn, &criteria, today).await?;
            conn.commit().await?;
            let count = built.vouchers.len();
            (tally::xml(&built.vouchers).into_bytes(), count)
        } else {
            let table = self.report(actor, name, filter).await?;
            let rows = table.sections.iter().map(|s| s.rows.len()).sum();
            let bytes = match format {
                ReportFormat::Pdf => self.report_pdf(actor, &table).await?,
                _ => export::render(&table, format)?,
            };
            (bytes, rows)
        };
        crate::documents::save_document(out, &bytes, "out")?;
        Ok(ReportExport {
            path: out.display().to_string(),
            rows: u32::try_from(rows).unwrap_or(u32::MAX),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }
}
