//! Importing a shop's old books from spreadsheets (CSV or XLSX): plans, customers,
//! enrollments and payments. `sheet` reads cells, `mapping` says which column is which field,
//! `rows` reads records through the mapping, `apply` runs them through the use cases.
//!
//! All or nothing: every row runs inside one `BEGIN IMMEDIATE` transaction, which commits only
//! when no row had a problem and this is not a dry run. A dry run is the same work rolled
//! back, so it finds exactly the problems a real import would (the engine, compliance, the
//! domain's validation). Re-importing a file stores nothing new: plans match on their code,
//! customers on mobile and name, enrollments on customer, plan and start day, and a payment's
//! id is derived from its row's content.

mod apply;
mod mapping;
mod preview;
mod rows;
pub mod sheet;

use std::collections::HashMap;

use kanak_domain::{FieldError, Permission};
use serde::Serialize;

pub use mapping::{ImportKind, ImportMapping, SheetMapping, suggest};
pub use preview::{
    ImportField, ImportPreview, KindFields, KindSuggestion, MAX_FILE_BYTES, SheetPreview, preview,
    read_file,
};
pub use rows::{ImportProblem, Record, records};

use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};
use apply::Applied;

/// How many rows of one kind were created, and how many were already stored.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ImportCount {
    pub kind: ImportKind,
    pub created: u32,
    pub unchanged: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ImportReport {
    pub dry_run: bool,
    /// True when the rows are now stored; false after a dry run or when any row had a problem.
    pub committed: bool,
    pub rows: u32,
    pub counts: Vec<ImportCount>,
    pub problems: Vec<ImportProblem>,
}

/// The sheets of a file and their headers (first row), for pre-filling a mapping.
pub fn preview_sheets(file_name: &str, bytes: &[u8]) -> Result<Vec<SheetPreview>, AppError> {
    Ok(preview(file_name, bytes)?.sheets)
}

impl Kanak {
    /// Imports a file's rows, or with `dry_run` only lists every row's problems.
    pub async fn import_spreadsheet(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: &[u8],
        mapping: &ImportMapping,
        dry_run: bool,
    ) -> Result<ImportReport, AppError> {
        for permission in [
            Permission::Plans,
            Permission::Customers,
            Permission::Enroll,
            Permission::TakePayment,
        ] {
            actor.require(permission)?;
        }
        let sheets =
            sheet::read_workbook(file_name, bytes).map_err(|e| FieldError::new("file", e.0))?;
        let (mut records, mut problems) = rows::records(&sheets, mapping);
        // Plans first, then customers, enrollments, payments; within a kind, the file's order.
        records.sort_by_key(|r| r.kind);
        let mut counts: Vec<ImportCount> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut tx = store::begin_write(&self.pool).await?;
        for record in &records {
            let occurrence = seen.entry(record.canonical()).or_default();
            *occurrence += 1;
            let outcome = self.apply_record(&mut tx, actor, record, *occurrence).await;
            let count = count_of(&mut counts, record.kind);
            match outcome {
                Ok(Applied::Created) => count.created += 1,
                Ok(Applied::AlreadyThere) => count.unchanged += 1,
                Err(problem) => problems.push(problem),
            }
        }
        let committed = problems.is_empty() && !dry_run;
        if committed {
            let detail = format!("import of {file_name}: {}", summary(&counts));
            self.audit(&mut tx, actor, Change::new("import", detail))
                .await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        problems.sort_by(|a, b| (&a.sheet, a.row).cmp(&(&b.sheet, b.row)));
        tracing::info!(
            file_name,
            dry_run,
            committed,
            problems = problems.len(),
            "spreadsheet import"
        );
        Ok(ImportReport {
            dry_run,
            committed,
            rows: u32::try_from(records.len()).unwrap_or(u32::MAX),
            counts,
            problems,
        })
    }
}

fn count_of(counts: &mut Vec<ImportCount>, kind: ImportKind) -> &mut ImportCount {
    let index = match counts.iter().position(|c| c.kind == kind) {
        Some(i) => i,
        None => {
            counts.push(ImportCount {
                kind,
                created: 0,
                unchanged: 0,
            });
            counts.len() - 1
        }
    };
    &mut counts[index]
}

fn summary(counts: &[ImportCount]) -> String {
    counts
        .iter()
        .map(|c| {
            format!(
                "{} {} new, {} already stored",
                c.kind.as_str(),
                c.created,
                c.unchanged
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
