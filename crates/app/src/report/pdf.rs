//! A report as a PDF, through the documents crate's table renderer.

use super::ReportTable;
use crate::AppError;

pub(crate) fn render(table: &ReportTable, staff: &str) -> Result<Vec<u8>, AppError> {
    let _ = (table, staff);
    Err(AppError::Conflict {
        message: "PDF export of reports is not built yet".into(),
        field: Some("format"),
    })
}
