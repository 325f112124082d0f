//! Printed documents from the command line: a passbook (`ledger`), every running
//! enrollment's passbook (`ledger --all`), a receipt (`receipt`) and a closure statement
//! (`close statement`). Files are written whole through a temp file and a rename.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, ValueEnum};
use kanak_app::{
    Actor, AppError, ExportProgress, ExportSummary, ExportTarget, Kanak, Language, LedgerFilter,
    ReceiptFormat, save_document,
};
use kanak_domain::FieldError;
use serde::Serialize;

use crate::args::Cli;
use crate::emit;

/// Set by Ctrl-C during a bulk export: the export stops after the ledger it is on.
static CANCEL: AtomicBool = AtomicBool::new(false);

#[derive(Args, Debug)]
pub struct LedgerArgs {
    /// The enrollment number, e.g. MAIN-E00001 (or --all).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub no: Option<String>,
    /// Every active enrollment's ledger: --out-dir DIR (one file each) or --out FILE.pdf (combined).
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    #[arg(long, value_name = "DIR", requires = "all", conflicts_with = "out")]
    pub out_dir: Option<PathBuf>,
    /// Language of the labels (default: the shop's setting).
    #[arg(long, value_enum, conflicts_with = "all")]
    pub lang: Option<LangArg>,
}

#[derive(Args, Debug)]
pub struct ReceiptArgs {
    /// The payment's id (`payment show`, or the `pay` command's output).
    pub payment_id: String,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "a5")]
    pub format: FormatArg,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum LangArg {
    En,
    Hi,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    A5,
    #[value(name = "80mm")]
    Thermal80,
}

impl LangArg {
    pub fn language(self) -> Language {
        match self {
            LangArg::En => Language::En,
            LangArg::Hi => Language::Hi,
        }
    }
}

/// What a written document reports with --json.
#[derive(Serialize)]
struct Written<'a> {
    document: &'static str,
    out: &'a Path,
    bytes: usize,
}

pub async fn ledger(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &LedgerArgs,
) -> Result<(), AppError> {
    if a.all {
        return export_all(cli, kanak, actor, a).await;
    }
    let out = required_out(&a.out)?;
    let no = a.no.as_deref().unwrap_or_default();
    let pdf = kanak
        .ledger_pdf(actor, no, a.lang.map(LangArg::language))
        .await?;
    write(cli, "ledger", out, &pdf)
}

pub async fn receipt(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &ReceiptArgs,
) -> Result<(), AppError> {
    let out = required_out(&a.out)?;
    let format = match a.format {
        FormatArg::A5 => ReceiptFormat::A5,
        FormatArg::Thermal80 => ReceiptFormat::Thermal80,
    };
    let pdf = kanak.receipt_pdf(actor, &a.payment_id, format).await?;
    write(cli, "receipt", out, &pdf)
}

pub async fn closure_statement(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    no: &str,
    out: &Option<PathBuf>,
    lang: Option<LangArg>,
) -> Result<(), AppError> {
    let out = required_out(out)?;
    let pdf = kanak
        .closure_statement_pdf(actor, no, lang.map(LangArg::language))
        .await?;
    write(cli, "closure statement", out, &pdf)
}

async fn export_all(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &LedgerArgs,
) -> Result<(), AppError> {
    let (target, place) = match (&a.out_dir, &a.out) {
        (Some(dir), _) => (ExportTarget::Folder { dir: dir.clone() }, dir),
        (None, Some(file)) => (ExportTarget::Combined { file: file.clone() }, file),
        (None, None) => {
            return Err(FieldError::new(
                "--out-dir",
                "is required with --all (or --out FILE.pdf for one combined PDF)",
            )
            .into());
        }
    };
    // The handler lives only as long as this command; Ctrl-C then means "stop after this ledger".
    tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            CANCEL.store(true, Ordering::Relaxed);
        }
    });
    let progress = |p: ExportProgress| eprintln!("[{}/{}] {}", p.done, p.total, p.enrollment_no);
    let summary = kanak
        .export_ledgers(actor, LedgerFilter::default(), target, &progress, &CANCEL)
        .await?;
    emit(cli, &summary, |s| summary_text(s, place));
    if summary.cancelled {
        // As a shell reports a command stopped by Ctrl-C, so scripts see it did not finish.
        std::process::exit(130);
    }
    Ok(())
}

fn summary_text(s: &ExportSummary, place: &Path) -> String {
    if s.cancelled {
        format!(
            "Cancelled: {} of {} ledgers written to {}",
            s.written,
            s.total,
            place.display()
        )
    } else {
        format!(
            "Exported {} of {} ledgers to {}",
            s.written,
            s.total,
            place.display()
        )
    }
}

fn required_out(out: &Option<PathBuf>) -> Result<&Path, AppError> {
    out.as_deref()
        .ok_or_else(|| FieldError::new("--out", "is required").into())
}

fn write(cli: &Cli, document: &'static str, out: &Path, pdf: &[u8]) -> Result<(), AppError> {
    save_document(out, pdf, "--out")?;
    let written = Written {
        document,
        out,
        bytes: pdf.len(),
    };
    emit(cli, &written, |w| {
        format!(
            "{} written to {} ({} bytes)",
            w.document,
            w.out.display(),
            w.bytes
        )
    });
    Ok(())
}
