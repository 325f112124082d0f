//! A report as a PDF, through the documents crate's table renderer.

use chrono::Local;
use kanak_documents::{
    Generated, ReportDoc, ReportDocColumn, ReportDocRow, ReportDocSection, ShopHeader,
};

use super::{CellKind, ReportTable};
use crate::{Actor, AppError, Kanak};

/// The documents crate's model of a report: labels, alignment, flags, totals.
pub(crate) fn doc(table: &ReportTable, shop: ShopHeader, generated: Generated) -> ReportDoc {
    let sections = table
        .sections
        .iter()
        .map(|s| ReportDocSection {
            title: s.title.clone(),
            columns: s
                .columns
                .iter()
                .map(|c| ReportDocColumn {
                    label: c.label.clone(),
                    numeric: matches!(
                        c.kind,
                        CellKind::Money | CellKind::Grams | CellKind::Count | CellKind::Days
                    ),
                })
                .collect(),
            rows: s
                .rows
                .iter()
                .map(|r| ReportDocRow {
                    cells: r.cells.clone(),
                    flagged: r.flagged,
                })
                .collect(),
            totals: s
                .totals
                .iter()
                .map(|t| (t.label.clone(), t.value.clone()))
                .collect(),
        })
        .collect();
    ReportDoc {
        shop,
        title: table.title.clone(),
        subtitle: table.subtitle.clone(),
        sections,
        generated,
    }
}

impl Kanak {
    /// The report drawn as a PDF on a blocking thread, with the shop's letterhead and logo,
    /// stamped with the counter's local time and who asked for it.
    pub(crate) async fn report_pdf(
        &self,
        actor: &Actor,
        table: &ReportTable,
    ) -> Result<Vec<u8>, AppError> {
        let view = self.shop_view().await?.ok_or(AppError::NotSetUp)?;
        let shop = ShopHeader {
            name: view.shop_name,
            address: view.address,
            gstin: view.gstin,
            logo: self.shop_logo().await?,
        };
        let login = actor.label();
        let name = sqlx::query_scalar!("SELECT name FROM staff WHERE login = ?1", login)
            .fetch_optional(&self.pool)
            .await?;
        let generated = Generated {
            at: self.clock.now().with_timezone(&Local).naive_local(),
            by: name.map_or_else(|| login.to_string(), |n| format!("{n} ({login})")),
        };
        let doc = doc(table, shop, generated);
        tokio::task::spawn_blocking(move || kanak_documents::report_pdf(&doc))
            .await
            .map_err(|error| {
                tracing::error!(%error, "the report renderer failed");
                AppError::Render { document: "report" }
            })
    }
}
