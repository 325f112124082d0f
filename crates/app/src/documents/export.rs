//! Bulk export of passbooks: the ledgers of a set of enrollments (the running ones unless
//! asked otherwise) into a folder, one file each, or into one combined PDF. Reports progress
//! after each ledger and stops between ledgers when asked to.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use kanak_domain::{EnrollmentStatus, Permission};
use serde::{Deserialize, Serialize};

use super::{file::save_document, render};
use crate::{Actor, AppError, Kanak};

/// Which enrollments to export. The default, `{}`, is every enrollment still running
/// (active or matured: not closed or cancelled).
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct LedgerFilter {
    /// Every enrollment, closed and cancelled ones included.
    pub all: bool,
    /// Only enrollments with this status (matured as the engine reckons it); wins over `all`.
    pub status: Option<EnrollmentStatus>,
    /// Only enrollments in this plan.
    pub plan_code: Option<String>,
}

/// Where the export goes.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportTarget {
    /// One `LEDGER-<enrollment no>.pdf` per enrollment in this folder (created if missing).
    Folder { dir: PathBuf },
    /// All the ledgers in one PDF, each starting on a new page.
    Combined { file: PathBuf },
}

/// Reported after each ledger.
#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    /// The ledger just finished.
    pub enrollment_no: String,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq, Eq)]
pub struct ExportSummary {
    /// Enrollments the filter selected.
    pub total: u32,
    /// Ledgers written: files in the folder, or pages' worth of ledgers in the combined PDF.
    pub written: u32,
    /// Stopped on request before the end. A cancelled combined export writes no file.
    pub cancelled: bool,
    /// The files written.
    pub files: Vec<PathBuf>,
}

impl Kanak {
    /// Exports the ledgers `filter` selects. The whole book of customers' passbooks is a
    /// report, so it needs the reports permission (owner or manager), unlike printing one.
    pub async fn export_ledgers(
        &self,
        actor: &Actor,
        filter: LedgerFilter,
        target: ExportTarget,
        progress: &(dyn Fn(ExportProgress) + Sync),
        cancel: &AtomicBool,
    ) -> Result<ExportSummary, AppError> {
        actor.require(Permission::Reports)?;
        let numbers = self.ledger_selection(&filter).await?;
        let run = Run {
            numbers: &numbers,
            total: u32::try_from(numbers.len()).map_err(AppError::corrupt)?,
            progress,
            cancel,
        };
        match target {
            ExportTarget::Folder { dir } => self.export_to_folder(actor, &run, &dir).await,
            ExportTarget::Combined { file } => self.export_combined(actor, &run, &file).await,
        }
    }

    async fn export_to_folder(
        &self,
        actor: &Actor,
        run: &Run<'_>,
        dir: &Path,
    ) -> Result<ExportSummary, AppError> {
        std::fs::create_dir_all(dir).map_err(|source| AppError::Output {
            field: "out_dir",
            path: dir.display().to_string(),
            source,
        })?;
        let shop = self.printing_shop().await?;
        let generated = self.generated(actor).await?;
        let mut files = Vec::new();
        for no in run.numbers {
            if run.cancelled() {
                return Ok(run.summary(files, true));
            }
            let doc = self.ledger_doc(no, None, &shop, generated.clone()).await?;
            let pdf = render("ledger", move || kanak_documents::ledger_pdf(&doc)).await?;
            let path = dir.join(ledger_file_name(no));
            save_document(&path, &pdf, "out_dir")?;
            files.push(path);
            run.report(files.len(), no);
        }
        Ok(run.summary(files, false))
    }

    async fn export_combined(
        &self,
        actor: &Actor,
        run: &Run<'_>,
        file: &Path,
    ) -> Result<ExportSummary, AppError> {
        let shop = self.printing_shop().await?;
        let generated = self.generated(actor).await?;
        let mut docs = Vec::with_capacity(run.numbers.len());
        for no in run.numbers {
            if run.cancelled() {
                return Ok(run.summary(Vec::new(), true));
            }
            docs.push(self.ledger_doc(no, None, &shop, generated.clone()).await?);
            run.report(docs.len(), no);
        }
        if docs.is_empty() {
            return Ok(run.summary(Vec::new(), false));
        }
        let pdf = render("ledgers", move || kanak_documents::ledgers_pdf(&docs)).await?;
        save_document(file, &pdf, "out")?;
        let mut summary = run.summary(vec![file.to_path_buf()], false);
        summary.written = run.total;
        Ok(summary)
    }

    /// The enrollment numbers `filter` selects, oldest first.
    async fn ledger_selection(&self, filter: &LedgerFilter) -> Result<Vec<String>, AppError> {
        let plan = filter
            .plan_code
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty());
        if let Some(code) = &plan {
            let known = sqlx::query_scalar!("SELECT COUNT(*) FROM plans WHERE code = ?1", code)
                .fetch_one(&self.pool)
                .await?;
            if known == 0 {
                return Err(AppError::not_found("plan", code.clone(), "plan_code"));
            }
        }
        let rows = sqlx::query!(
            "SELECT enrollment_no, status FROM enrollments WHERE (?1 IS NULL OR plan_code = ?1) ORDER BY id",
            plan
        )
        .fetch_all(&self.pool)
        .await?;
        let mut numbers = Vec::with_capacity(rows.len());
        for row in rows {
            let stored =
                EnrollmentStatus::parse("status", &row.status).map_err(AppError::corrupt)?;
            let selected = match filter.status {
                // Active and matured are the engine's reckoning; only closing is stored.
                Some(wanted @ (EnrollmentStatus::Active | EnrollmentStatus::Matured)) => {
                    stored.accepts_payments()
                        && self.enrollment(&row.enrollment_no).await?.status == wanted
                }
                Some(wanted) => stored == wanted,
                None => filter.all || stored.accepts_payments(),
            };
            if selected {
                numbers.push(row.enrollment_no);
            }
        }
        Ok(numbers)
    }
}

/// One export in progress: what it covers and whom to tell.
struct Run<'a> {
    numbers: &'a [String],
    total: u32,
    progress: &'a (dyn Fn(ExportProgress) + Sync),
    cancel: &'a AtomicBool,
}

impl Run<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn report(&self, done: usize, no: &str) {
        (self.progress)(ExportProgress {
            done: u32::try_from(done).unwrap_or(self.total),
            total: self.total,
            enrollment_no: no.to_string(),
        });
    }

    fn summary(&self, files: Vec<PathBuf>, cancelled: bool) -> ExportSummary {
        ExportSummary {
            total: self.total,
            written: u32::try_from(files.len()).unwrap_or(self.total),
            cancelled,
            files,
        }
    }
}

/// `LEDGER-MAIN-E00042.pdf`. Enrollment numbers are branch code, letters and digits; anything
/// else is replaced so a number can never climb out of the export folder.
fn ledger_file_name(enrollment_no: &str) -> String {
    let safe: String = enrollment_no
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("LEDGER-{safe}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_file_is_named_for_its_enrollment_and_stays_in_its_folder() {
        assert_eq!(ledger_file_name("MAIN-E00042"), "LEDGER-MAIN-E00042.pdf");
        assert_eq!(ledger_file_name("../x/y"), "LEDGER-___x_y.pdf");
    }

    #[test]
    fn the_default_filter_reads_from_an_empty_object() {
        let filter: LedgerFilter = serde_json::from_str("{}").unwrap();
        assert!(!filter.all && filter.status.is_none() && filter.plan_code.is_none());
        let target: ExportTarget =
            serde_json::from_str(r#"{"kind":"folder","dir":"/tmp/ledgers"}"#).unwrap();
        assert!(matches!(target, ExportTarget::Folder { dir } if dir == Path::new("/tmp/ledgers")));
    }
}
