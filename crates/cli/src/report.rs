//! Reports from the command line: `kanak report NAME [filters] --format F --out FILE`, or
//! the table on the terminal without --out; and `kanak settings tally` for the Tally ledgers.

use std::path::PathBuf;

use clap::Args;
use kanak_app::{
    Actor, AppError, Kanak, ReportFilter, ReportFormat, ReportName, ReportTable, TallyLedgers,
};

use crate::args::Cli;
use crate::emit;

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// payments, missed, outstanding, maturity, plan-collection, staff-collection, closures,
    /// year-end or tally.
    pub name: String,
    /// From this day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// The month of the missed report (YYYY-MM; default this month).
    #[arg(long)]
    pub month: Option<String>,
    /// The day the outstanding report is as of (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// The Indian financial year of the year-end summary, e.g. 2026-27 (default the current one).
    #[arg(long)]
    pub fy: Option<String>,
    /// cash, upi, card, bank or cheque.
    #[arg(long)]
    pub mode: Option<String>,
    /// processing, confirmed, failed or refunded.
    #[arg(long)]
    pub status: Option<String>,
    /// A staff login.
    #[arg(long)]
    pub staff: Option<String>,
    /// A plan code.
    #[arg(long)]
    pub plan: Option<String>,
    /// A branch code (this counter holds only its own).
    #[arg(long)]
    pub branch: Option<String>,
    /// csv, xlsx, pdf or json; xml for tally (the default there). Needs --out.
    #[arg(long)]
    pub format: Option<String>,
    /// The file to write; without it the report is printed.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TallyArgs {
    /// The ledger holding customers' scheme money (default "Gold scheme advances").
    #[arg(long)]
    pub advances: Option<String>,
    #[arg(long)]
    pub cash: Option<String>,
    /// Where UPI, card, bank and cheque money lands.
    #[arg(long)]
    pub bank: Option<String>,
    #[arg(long)]
    pub bonus: Option<String>,
    #[arg(long)]
    pub sales: Option<String>,
    /// What a premature closure keeps back.
    #[arg(long)]
    pub charges: Option<String>,
}

impl ReportArgs {
    fn filter(&self) -> ReportFilter {
        ReportFilter {
            from: self.from.clone(),
            to: self.to.clone(),
            month: self.month.clone(),
            as_of: self.as_of.clone(),
            financial_year: self.fy.clone(),
            mode: self.mode.clone(),
            status: self.status.clone(),
            staff: self.staff.clone(),
            plan_code: self.plan.clone(),
            branch: self.branch.clone(),
        }
    }
}

pub async fn report(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &ReportArgs,
) -> Result<(), AppError> {
    let name = ReportName::parse("name", &a.name)?;
    let Some(out) = &a.out else {
        if a.format.is_some() {
            return Err(kanak_domain::FieldError::new("--out", "is required with --format").into());
        }
        let table = kanak.report(actor, name, a.filter()).await?;
        emit(cli, &table, text);
        return Ok(());
    };
    let format = match &a.format {
        Some(f) => ReportFormat::parse("format", f)?,
        None if name == ReportName::Tally => ReportFormat::Xml,
        None => ReportFormat::Csv,
    };
    let done = kanak
        .export_report(actor, name, a.filter(), format, out)
        .await?;
    emit(cli, &done, |d| {
        format!("wrote {} ({} rows, {} bytes)", d.path, d.rows, d.bytes)
    });
    Ok(())
}

/// The table for a terminal: each section's title, aligned columns, then its totals.
fn text(t: &ReportTable) -> String {
    let mut out = format!("{}\n{}\n", t.title, t.subtitle);
    for s in &t.sections {
        out.push_str(&format!("\n{}\n", s.title));
        let mut widths: Vec<usize> = s.columns.iter().map(|c| c.label.chars().count()).collect();
        for r in &s.rows {
            for (w, c) in widths.iter_mut().zip(&r.cells) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: Vec<&str>, flag: bool| {
            let mut l: String = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ");
            if flag {
                l.push_str("  !");
            }
            l.trim_end().to_string() + "\n"
        };
        out.push_str(&line(
            s.columns.iter().map(|c| c.label.as_str()).collect(),
            false,
        ));
        for r in &s.rows {
            out.push_str(&line(
                r.cells.iter().map(String::as_str).collect(),
                r.flagged,
            ));
        }
        if s.rows.is_empty() {
            out.push_str("(no rows)\n");
        }
        for total in &s.totals {
            out.push_str(&format!("{}: {}\n", total.label, total.value));
        }
    }
    out
}

/// Shows the Tally ledger names, or changes those given (settings permission).
pub async fn tally_settings(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &TallyArgs,
) -> Result<(), AppError> {
    let current = kanak.tally_ledgers().await?;
    let changed = [
        &a.advances,
        &a.cash,
        &a.bank,
        &a.bonus,
        &a.sales,
        &a.charges,
    ]
    .iter()
    .any(|v| v.is_some());
    let ledgers = if changed {
        let pick = |new: &Option<String>, old: &String| new.clone().unwrap_or_else(|| old.clone());
        let input = TallyLedgers {
            advances: pick(&a.advances, &current.advances),
            cash: pick(&a.cash, &current.cash),
            bank: pick(&a.bank, &current.bank),
            bonus: pick(&a.bonus, &current.bonus),
            sales: pick(&a.sales, &current.sales),
            charges: pick(&a.charges, &current.charges),
        };
        kanak.set_tally_ledgers(actor, input).await?
    } else {
        current
    };
    emit(cli, &ledgers, |l| {
        format!(
            "Tally ledgers\n  advances: {}\n  cash:     {}\n  bank:     {}\n  bonus:    {}\n  sales:    {}\n  charges:  {}",
            l.advances, l.cash, l.bank, l.bonus, l.sales, l.charges
        )
    });
    Ok(())
}
