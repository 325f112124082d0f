//! `kanak import FILE --mapping MAP [--dry-run]`: a shop's old books from a CSV or XLSX file.
//! Prints each row's problems (sheet, row, column, why); with problems nothing is stored and
//! the exit code is 2.

use std::path::PathBuf;

use clap::Args;
use kanak_app::{Actor, AppError, ImportMapping, ImportReport, Kanak};
use kanak_domain::FieldError;

use crate::args::Cli;
use crate::emit;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The spreadsheet: .csv or .xlsx.
    pub file: PathBuf,
    /// The column-mapping file (JSON; see the README's "Importing from spreadsheets").
    #[arg(long)]
    pub mapping: PathBuf,
    /// Check every row and list the problems; store nothing.
    #[arg(long)]
    pub dry_run: bool,
}

fn read(path: &PathBuf) -> Result<Vec<u8>, AppError> {
    std::fs::read(path).map_err(|source| AppError::Io {
        context: format!("reading {}", path.display()),
        source,
    })
}

pub async fn import(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &ImportArgs,
) -> Result<(), AppError> {
    let mapping_text = String::from_utf8(read(&a.mapping)?)
        .map_err(|_| FieldError::new("mapping", "is not UTF-8 text"))?;
    let mapping = ImportMapping::parse(&mapping_text).map_err(|e| FieldError::new("mapping", e))?;
    let bytes = read(&a.file)?;
    let name = a
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    let report = kanak
        .import_spreadsheet(actor, name, &bytes, &mapping, a.dry_run)
        .await?;
    emit(cli, &report, human);
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(FieldError::new(
            "file",
            format!(
                "{} problem(s) found; nothing was imported",
                report.problems.len()
            ),
        )
        .into())
    }
}

fn human(r: &ImportReport) -> String {
    let mut lines = vec![format!(
        "{} rows read; {}",
        r.rows,
        match (r.dry_run, r.committed) {
            (_, true) => "imported",
            (true, false) => "dry run, nothing stored",
            (false, false) => "nothing stored",
        }
    )];
    for c in &r.counts {
        lines.push(format!(
            "  {:<12} {:>6} new {:>6} already stored",
            c.kind.as_str(),
            c.created,
            c.unchanged
        ));
    }
    if !r.problems.is_empty() {
        lines.push(format!(
            "{:<14} {:>5}  {:<18} problem",
            "sheet", "row", "column"
        ));
        for p in &r.problems {
            lines.push(format!(
                "{:<14} {:>5}  {:<18} {}",
                p.sheet,
                p.row,
                p.column.as_deref().unwrap_or("-"),
                p.message
            ));
        }
    }
    lines.join("\n")
}
