//! The Tally export: receipts, refunds and closures as vouchers that Tally imports
//! (Gateway of Tally → Import → Vouchers), posted to ledgers the shop names in settings.
//!
//! Tally's XML sign convention: a debit is ISDEEMEDPOSITIVE Yes with a negative AMOUNT, a
//! credit ISDEEMEDPOSITIVE No with a positive AMOUNT; each voucher's amounts add to zero.
//! - a confirmed payment: Receipt, Dr Cash (cash) or Bank (any other mode), Cr advances;
//! - a refunded payment: Payment, Dr advances, Cr Cash/Bank (dated the day of the refund);
//! - a jewellery closure: Journal, Dr advances (paid in), Dr bonus, Cr sales (value),
//!   Cr charges (deductions kept);
//! - a cash closure: Payment, Dr advances, Dr bonus, Cr Cash (refund), Cr charges.

use chrono::NaiveDate;
use kanak_domain::{FieldError, Money, PaymentMode, PaymentStatus};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::book::{ClosureLine, PaymentLine, closure_lines, payment_lines};
use super::table::{column, count_total, row, section, table, words};
use super::{CellKind, Criteria, ReportName, ReportTable};
use crate::audit::Change;
use crate::{Actor, AppError, Kanak, store};
use kanak_domain::Permission;

/// The ledger names the Tally export posts to; each must exist in the shop's Tally company.
#[derive(Serialize, Deserialize, specta::Type, Clone, Debug, PartialEq, Eq)]
pub struct TallyLedgers {
    /// The customers' scheme money held (a liability): default "Gold scheme advances".
    pub advances: String,
    pub cash: String,
    /// Where UPI, card, bank transfer and cheque money lands.
    pub bank: String,
    /// The bonus the shop gives at closure (an expense): default "Scheme bonus".
    pub bonus: String,
    /// The jewellery sold against a redemption: default "Sales".
    pub sales: String,
    /// What a premature closure keeps back (income): default "Scheme closure charges".
    pub charges: String,
}

/// One ledger line: a debit is negative (Tally's sign), a credit positive.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub ledger: String,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Voucher {
    pub date: NaiveDate,
    /// Receipt, Payment or Journal.
    pub kind: &'static str,
    pub number: String,
    pub narration: String,
    pub entries: Vec<Entry>,
}

pub(crate) struct Built {
    pub table: ReportTable,
    pub vouchers: Vec<Voucher>,
}

fn debit(ledger: &str, amount: Money) -> Entry {
    Entry {
        ledger: ledger.into(),
        amount: Money::ZERO - amount,
    }
}

fn credit(ledger: &str, amount: Money) -> Entry {
    Entry {
        ledger: ledger.into(),
        amount,
    }
}

pub(crate) async fn build(
    conn: &mut SqliteConnection,
    c: &Criteria,
    _today: NaiveDate,
) -> Result<Built, AppError> {
    let l = ledgers(conn).await?;
    let mut vouchers = Vec::new();
    for p in payment_lines(conn).await? {
        if c.plan_matches(&p.plan_code) && c.mode.is_none_or(|m| m == p.mode) {
            vouchers.extend(payment_vouchers(&p, &l, c));
        }
    }
    for k in closure_lines(conn).await? {
        if c.in_range(k.closed_on) && c.plan_matches(&k.plan_code) {
            vouchers.push(closure_voucher(&k, &l));
        }
    }
    vouchers.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.number.cmp(&b.number)));
    Ok(Built {
        table: voucher_table(c, &vouchers),
        vouchers,
    })
}

/// A payment's receipt (money that came in: confirmed, or refunded since) and its refund.
fn payment_vouchers(p: &PaymentLine, l: &TallyLedgers, c: &Criteria) -> Vec<Voucher> {
    let till = if p.mode == PaymentMode::Cash {
        &l.cash
    } else {
        &l.bank
    };
    let mut out = Vec::new();
    let received = matches!(p.status, PaymentStatus::Confirmed | PaymentStatus::Refunded);
    if received && c.in_range(p.received_on) {
        let reference = p
            .reference
            .as_ref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default();
        out.push(Voucher {
            date: p.received_on,
            kind: "Receipt",
            number: p.receipt_no.clone(),
            narration: format!(
                "Scheme installment {} {} ({}) {}{reference}",
                p.enrollment_no,
                p.customer_name,
                p.customer_code,
                p.mode.as_str(),
            ),
            entries: vec![debit(till, p.amount), credit(&l.advances, p.amount)],
        });
    }
    if p.status == PaymentStatus::Refunded && c.in_range(p.status_on) {
        out.push(Voucher {
            date: p.status_on,
            kind: "Payment",
            number: format!("{}-R", p.receipt_no),
            narration: format!(
                "Refund of receipt {} {} {} ({})",
                p.receipt_no, p.enrollment_no, p.customer_name, p.customer_code
            ),
            entries: vec![debit(&l.advances, p.amount), credit(till, p.amount)],
        });
    }
    out
}

/// A closure: the paid-in money and the bonus leave the books as jewellery sold (Journal)
/// or cash paid back (Payment); what a premature closure keeps back is the shop's income.
fn closure_voucher(k: &ClosureLine, l: &TallyLedgers) -> Voucher {
    let bonus = k.value + k.deductions - k.paid;
    let (kind, out_ledger) = if k.settlement == "jewellery" {
        ("Journal", &l.sales)
    } else {
        ("Payment", &l.cash)
    };
    let entries = vec![
        debit(&l.advances, k.paid),
        debit(&l.bonus, bonus),
        credit(out_ledger, k.value),
        credit(&l.charges, k.deductions),
    ]
    .into_iter()
    .filter(|e| e.amount != Money::ZERO)
    .collect();
    let invoice = k
        .invoice_no
        .as_ref()
        .map(|i| format!(", invoice {i}"))
        .unwrap_or_default();
    Voucher {
        date: k.closed_on,
        kind,
        number: k.enrollment_no.clone(),
        narration: format!(
            "{} closure of {} {} ({}), {}{invoice}",
            k.kind, k.enrollment_no, k.customer_name, k.customer_code, k.settlement
        ),
        entries,
    }
}

fn voucher_table(c: &Criteria, vouchers: &[Voucher]) -> ReportTable {
    let mut rows = Vec::new();
    for v in vouchers {
        for e in &v.entries {
            let (dr, cr) = if e.amount < Money::ZERO {
                ((Money::ZERO - e.amount).to_plain(), String::new())
            } else {
                (String::new(), e.amount.to_plain())
            };
            rows.push(row(vec![
                v.date.to_string(),
                v.kind.into(),
                v.number.clone(),
                e.ledger.clone(),
                dr,
                cr,
                v.narration.clone(),
            ]));
        }
    }
    let columns = vec![
        column("date", "Date", CellKind::Date),
        column("voucher_type", "Voucher type", CellKind::Text),
        column("voucher_no", "Voucher no.", CellKind::Text),
        column("ledger", "Ledger", CellKind::Text),
        column("debit", "Debit", CellKind::Money),
        column("credit", "Credit", CellKind::Money),
        column("narration", "Narration", CellKind::Text),
    ];
    table(
        ReportName::Tally,
        "Tally vouchers",
        words(c.words(true)),
        vec![section(
            "Vouchers",
            columns,
            rows,
            vec![count_total("Vouchers", vouchers.len())],
        )],
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The Tally import envelope ("Import Data", report "Vouchers").
pub(crate) fn xml(vouchers: &[Voucher]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ENVELOPE>\n <HEADER>\n  <TALLYREQUEST>Import Data</TALLYREQUEST>\n </HEADER>\n <BODY>\n  <IMPORTDATA>\n   <REQUESTDESC>\n    <REPORTNAME>Vouchers</REPORTNAME>\n   </REQUESTDESC>\n   <REQUESTDATA>\n",
    );
    for v in vouchers {
        x.push_str(&format!(
            "    <TALLYMESSAGE xmlns:UDF=\"TallyUDF\">\n     <VOUCHER VCHTYPE=\"{t}\" ACTION=\"Create\">\n      <DATE>{d}</DATE>\n      <VOUCHERTYPENAME>{t}</VOUCHERTYPENAME>\n      <VOUCHERNUMBER>{n}</VOUCHERNUMBER>\n      <NARRATION>{r}</NARRATION>\n",
            t = v.kind,
            d = v.date.format("%Y%m%d"),
            n = escape(&v.number),
            r = escape(&v.narration)
        ));
        for e in &v.entries {
            let deemed = if e.amount < Money::ZERO { "Yes" } else { "No" };
            x.push_str(&format!(
                "      <ALLLEDGERENTRIES.LIST>\n       <LEDGERNAME>{}</LEDGERNAME>\n       <ISDEEMEDPOSITIVE>{deemed}</ISDEEMEDPOSITIVE>\n       <AMOUNT>{}</AMOUNT>\n      </ALLLEDGERENTRIES.LIST>\n",
                escape(&e.ledger),
                e.amount.to_plain()
            ));
        }
        x.push_str("     </VOUCHER>\n    </TALLYMESSAGE>\n");
    }
    x.push_str("   </REQUESTDATA>\n  </IMPORTDATA>\n </BODY>\n</ENVELOPE>\n");
    x
}

async fn ledgers(conn: &mut SqliteConnection) -> Result<TallyLedgers, AppError> {
    let r = sqlx::query!(
        "SELECT tally_advances_ledger, tally_cash_ledger, tally_bank_ledger, tally_bonus_ledger, tally_sales_ledger, tally_charges_ledger FROM shop WHERE id = 1"
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotSetUp)?;
    Ok(TallyLedgers {
        advances: r.tally_advances_ledger,
        cash: r.tally_cash_ledger,
        bank: r.tally_bank_ledger,
        bonus: r.tally_bonus_ledger,
        sales: r.tally_sales_ledger,
        charges: r.tally_charges_ledger,
    })
}

impl TallyLedgers {
    /// Trimmed; each name 1–100 characters (Tally's ledger-name limit is higher, but a
    /// name longer than that is a typing accident).
    fn checked(&self) -> Result<TallyLedgers, FieldError> {
        let name = |field: &'static str, s: &str| {
            let s = s.trim();
            if s.is_empty() || s.chars().count() > 100 {
                return Err(FieldError::new(
                    field,
                    "must be a Tally ledger name of 1 to 100 characters",
                ));
            }
            Ok(s.to_string())
        };
        Ok(TallyLedgers {
            advances: name("advances", &self.advances)?,
            cash: name("cash", &self.cash)?,
            bank: name("bank", &self.bank)?,
            bonus: name("bonus", &self.bonus)?,
            sales: name("sales", &self.sales)?,
            charges: name("charges", &self.charges)?,
        })
    }
}

impl Kanak {
    /// The ledger names the Tally export uses.
    pub async fn tally_ledgers(&self) -> Result<TallyLedgers, AppError> {
        let mut conn = self.pool.acquire().await?;
        ledgers(&mut conn).await
    }

    /// Renames the ledgers the Tally export posts to (settings permission; audited).
    pub async fn set_tally_ledgers(
        &self,
        actor: &Actor,
        input: TallyLedgers,
    ) -> Result<TallyLedgers, AppError> {
        actor.require(Permission::Settings)?;
        let new = input.checked()?;
        let mut tx = store::begin_write(&self.pool).await?;
        let old = ledgers(&mut tx).await?;
        sqlx::query!(
            "UPDATE shop SET tally_advances_ledger = ?1, tally_cash_ledger = ?2, tally_bank_ledger = ?3, tally_bonus_ledger = ?4, tally_sales_ledger = ?5, tally_charges_ledger = ?6 WHERE id = 1",
            new.advances, new.cash, new.bank, new.bonus, new.sales, new.charges
        )
        .execute(&mut *tx)
        .await?;
        self.audit(
            &mut tx,
            actor,
            Change::new("settings.tally", "Tally ledger names changed").edit(&old, &new),
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }
}
