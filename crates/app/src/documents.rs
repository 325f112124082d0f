//! Printed documents: the passbook (plan-wise ledger), payment receipts and the closure
//! statement, as PDF bytes; and the bulk export of ledgers (`export`).
//!
//! The use cases gather the same views the screens show ([`Kanak::enrollment_detail`], the
//! customer, the shop), `content` turns them into the renderer's model, and
//! `kanak_documents` draws it. Printing changes nothing, so a logged-in actor is enough for
//! one document; the actor is printed as who generated it.

mod content;
mod export;
mod file;

use chrono::{Local, NaiveDate, NaiveTime};
use kanak_documents::Generated;
use serde::{Deserialize, Serialize};

pub use export::{ExportProgress, ExportSummary, ExportTarget, LedgerFilter};
pub use file::save_document;

use crate::clock::parse_at;
use crate::{Actor, AppError, EnrollmentDetail, Kanak, Language};
use content::{Letterhead, PrintingShop};

/// Paper for a receipt.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiptFormat {
    /// Half an A4 sheet.
    #[serde(rename = "a5")]
    A5,
    /// An 80 mm thermal roll.
    #[serde(rename = "80mm")]
    Thermal80,
}

impl ReceiptFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptFormat::A5 => "a5",
            ReceiptFormat::Thermal80 => "80mm",
        }
    }

    fn paper(self) -> kanak_documents::ReceiptFormat {
        match self {
            ReceiptFormat::A5 => kanak_documents::ReceiptFormat::A5,
            ReceiptFormat::Thermal80 => kanak_documents::ReceiptFormat::Thermal80,
        }
    }
}

impl Kanak {
    /// The passbook of one enrollment, in `lang` (None: the shop's language).
    pub async fn ledger_pdf(
        &self,
        actor: &Actor,
        enrollment_no: &str,
        lang: Option<Language>,
    ) -> Result<Vec<u8>, AppError> {
        let shop = self.printing_shop().await?;
        let generated = self.generated(actor).await?;
        let doc = self
            .ledger_doc(enrollment_no, lang, &shop, generated)
            .await?;
        render("ledger", move || kanak_documents::ledger_pdf(&doc)).await
    }

    /// The receipt of one payment, on A5 or an 80 mm roll, in the shop's language. It names
    /// who received the money, not who reprinted it, so the actor only has to be logged in.
    pub async fn receipt_pdf(
        &self,
        _actor: &Actor,
        payment_id: &str,
        format: ReceiptFormat,
    ) -> Result<Vec<u8>, AppError> {
        let shop = self.printing_shop().await?;
        let payment = self.payment(payment_id).await?;
        let detail = self.enrollment_detail(&payment.enrollment_no).await?;
        let head = self.letterhead(&shop, &detail, None).await?;
        let mut conn = self.pool.acquire().await?;
        let hash = crate::audit::payment_entry_hash(&mut conn, &payment.enrollment_no, &payment.id)
            .await?;
        let received = received(&payment.received_at, &payment.received_on)?;
        let doc = content::receipt(&detail, &payment, head, received, hash)?;
        let paper = format.paper();
        render("receipt", move || kanak_documents::receipt_pdf(&doc, paper)).await
    }

    /// The closure statement of a closed (or prematurely cancelled) enrollment.
    pub async fn closure_statement_pdf(
        &self,
        actor: &Actor,
        enrollment_no: &str,
        lang: Option<Language>,
    ) -> Result<Vec<u8>, AppError> {
        let shop = self.printing_shop().await?;
        let detail = self.enrollment_detail(enrollment_no).await?;
        let no = &detail.enrollment.enrollment_no;
        let closure = detail.closure.clone().ok_or_else(|| {
            AppError::not_found("closure of enrollment", no.clone(), "enrollment_no")
        })?;
        let head = self.letterhead(&shop, &detail, lang).await?;
        let doc =
            content::closure_statement(&detail, &closure, head, self.generated(actor).await?)?;
        render("closure statement", move || {
            kanak_documents::closure_pdf(&doc)
        })
        .await
    }

    /// One enrollment's passbook model; the export builds many with one shop and one stamp.
    async fn ledger_doc(
        &self,
        enrollment_no: &str,
        lang: Option<Language>,
        shop: &PrintingShop,
        generated: Generated,
    ) -> Result<kanak_documents::LedgerDoc, AppError> {
        let detail = self.enrollment_detail(enrollment_no).await?;
        let head = self.letterhead(shop, &detail, lang).await?;
        content::ledger(&detail, head, generated)
    }

    async fn letterhead(
        &self,
        shop: &PrintingShop,
        detail: &EnrollmentDetail,
        lang: Option<Language>,
    ) -> Result<Letterhead, AppError> {
        let customer = self.customer(&detail.enrollment.customer_code).await?;
        Letterhead::new(shop, &customer, lang)
    }

    /// The recovery key's printed sheet, for the owner who was just shown the key: `typed`
    /// is that key as shown (the window still holds it), and must be this database's. The
    /// key is never read back from the store here, so the sheet cannot be printed later by
    /// someone who was not shown it.
    pub async fn recovery_sheet_pdf(
        &self,
        actor: &Actor,
        typed: &crate::Sensitive,
        lang: Option<Language>,
    ) -> Result<Vec<u8>, AppError> {
        if actor.role() != kanak_domain::Role::Owner {
            return Err(AppError::Forbidden {
                message: "only the owner may print the database recovery key".into(),
            });
        }
        let key = crate::vault::DatabaseKey::from_recovery_key(typed.expose())?;
        if key != *self.vault_key {
            return Err(kanak_domain::FieldError::new(
                "recovery_key",
                "is not this database's recovery key",
            )
            .into());
        }
        let shop = self.printing_shop().await?;
        let view = crate::RecoveryKeyView::of_key(&key);
        let doc = kanak_documents::RecoverySheetDoc {
            lang: match lang.unwrap_or(shop.view.language) {
                Language::En => kanak_documents::Lang::En,
                Language::Hi => kanak_documents::Lang::Hi,
            },
            shop: content::shop_header(&shop),
            groups: view.groups,
            generated: self.generated(actor).await?,
        };
        render("recovery key sheet", move || {
            kanak_documents::recovery_sheet_pdf(&doc)
        })
        .await
    }

    async fn printing_shop(&self) -> Result<PrintingShop, AppError> {
        Ok(PrintingShop {
            view: self.shop_view().await?.ok_or(AppError::NotSetUp)?,
            logo: self.shop_logo().await?,
        })
    }

    /// "Printed at … by Ravi Soni (owner)": the staff member's name with their login, or the
    /// command line's `cli:<os user>`; the time is the counter's local time.
    async fn generated(&self, actor: &Actor) -> Result<Generated, AppError> {
        let login = actor.label();
        let name = sqlx::query_scalar!("SELECT name FROM staff WHERE login = ?1", login)
            .fetch_optional(&self.pool)
            .await?;
        Ok(Generated {
            at: self.clock.now().with_timezone(&Local).naive_local(),
            by: name.map_or_else(|| login.to_string(), |n| format!("{n} ({login})")),
        })
    }
}

/// When the receipt says the money came in: the moment it was recorded, in local time.
/// A payment entered later for an earlier day (a scheme begun on paper) keeps its business
/// day, so the receipt and the passbook never disagree on the date.
fn received(recorded: &str, received_on: &str) -> Result<(NaiveDate, Option<NaiveTime>), AppError> {
    let at = parse_at(recorded)
        .ok_or_else(|| AppError::corrupt(format!("payment time {recorded}")))?
        .with_timezone(&Local)
        .naive_local();
    let on = kanak_domain::parse_date("received_on", received_on).map_err(AppError::corrupt)?;
    Ok((on, (at.date() == on).then(|| at.time())))
}

/// Draws a document off the async threads: a long ledger takes a while, and the desktop
/// app's other commands should not wait behind it.
async fn render(
    document: &'static str,
    draw: impl FnOnce() -> Vec<u8> + Send + 'static,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(draw).await.map_err(|error| {
        tracing::error!(document, %error, "the renderer failed");
        AppError::Render { document }
    })
}
