//! Pieces every document shares: the shop's letterhead, the page footer, the closure
//! computation, and how money, grams and dates are written.

use chrono::NaiveDateTime;
use kanak_domain::{Money, Weight, format_date};

use crate::canvas::{Align, Book, Page, Style};
use crate::flow::{Frame, Item};
use crate::labels::Labels;
use crate::model::{AmountLine, ClosureKind, ClosureSummary, Generated, ShopHeader, Verification};

pub const PT_MM: f32 = 0.3528;

/// "₹1,23,456.00"
pub fn money(m: Money) -> String {
    m.format_inr()
}

/// "0.909 g"
pub fn grams(w: Weight) -> String {
    format!("{} g", w.to_plain())
}

/// "₹7,250.00/g"
pub fn rate(m: Money) -> String {
    format!("{}/g", m.format_inr())
}

/// "05-03-2026 14:30"
pub fn date_time(at: NaiveDateTime) -> String {
    format!("{} {}", format_date(at.date()), at.format("%H:%M"))
}

/// Draws text whose top is at `y` (baselines are handled here) and returns the next line's top.
pub fn line(page: &mut Page, x: f32, y: f32, style: Style, align: Align, text: &str) -> f32 {
    page.text(x, y + style.size * PT_MM, style, align, text);
    y + style.line_mm()
}

/// Shop name, address and GSTIN on the left, the document's title on the right. Returns
/// where the content below starts.
pub fn letterhead(
    page: &mut Page,
    frame: &Frame,
    shop: &ShopHeader,
    title: &str,
    l: &Labels,
) -> f32 {
    let logo_height = 16.0;
    let logo_width = page.logo(frame.left, frame.top, logo_height);
    let left = if logo_width > 0.0 {
        frame.left + logo_width + 4.0
    } else {
        frame.left
    };
    let small = Style::regular(8.5);
    let mut y = line(
        page,
        left,
        frame.top,
        Style::bold(15.0),
        Align::Left,
        &shop.name,
    );
    for address_line in shop.address.lines().filter(|s| !s.trim().is_empty()) {
        y = line(page, left, y, small, Align::Left, address_line.trim());
    }
    if let Some(gstin) = &shop.gstin {
        let text = format!("{}: {gstin}", l.gstin);
        y = line(page, left, y, small, Align::Left, &text);
    }
    line(
        page,
        frame.right,
        frame.top,
        Style::bold(12.0),
        Align::Right,
        title,
    );
    let below_logo = if logo_width > 0.0 {
        frame.top + logo_height
    } else {
        0.0
    };
    y.max(below_logo) + 2.0
}

/// "Generated 05-03-2026 14:30 by Asha" and "Page 2 of 3" under a thin rule.
pub fn footer(
    page: &mut Page,
    frame: &Frame,
    l: &Labels,
    generated: &Generated,
    page_no: usize,
    pages: usize,
    middle: &str,
) {
    let y = frame.bottom + 3.0;
    page.line((frame.left, y), (frame.right, y), 0.3);
    let style = Style::regular(7.5);
    let made = format!(
        "{} {} {} {}",
        l.generated,
        date_time(generated.at),
        l.by,
        generated.by
    );
    line(page, frame.left, y + 1.0, style, Align::Left, &made);
    line(
        page,
        frame.width / 2.0,
        y + 1.0,
        style,
        Align::Center,
        middle,
    );
    let numbered = format!("{} {page_no} {} {pages}", l.page, l.of);
    line(page, frame.right, y + 1.0, style, Align::Right, &numbered);
}

/// The closure's computation, line by line: what was paid, the bonus, each deduction,
/// what the customer gets, the invoice it is set against, and how it was verified.
pub fn closure_items(l: &Labels, c: &ClosureSummary) -> Vec<Item> {
    let kind = match c.kind {
        ClosureKind::Maturity => l.redemption,
        ClosureKind::Premature => l.premature,
    };
    let mut items = vec![
        Item::Heading(kind.to_string()),
        Item::Pair(l.closed_on.into(), format_date(c.closed_on)),
        Item::Pair(l.closed_by.into(), c.closed_by.clone()),
        Item::Pair(l.paid.into(), money(c.paid)),
        Item::Pair(l.bonus.into(), money(c.bonus)),
    ];
    // The engine's deductions (GST, gateway charges, gifts) come off a cash refund; a
    // jewellery settlement keeps the full amount paid plus any benefit, less late fees.
    let applied: &[AmountLine] = if c.settled_as_cash {
        &c.deductions
    } else {
        &[]
    };
    for d in applied {
        items.push(Item::Pair(
            format!("{}: {}", l.deductions, d.label),
            format!("- {}", money(d.money)),
        ));
    }
    let value_label = if c.settled_as_cash {
        l.cash_refund
    } else {
        l.jewellery_value
    };
    items.push(Item::Pair(value_label.into(), money(c.value)));
    if c.grams.is_positive() {
        items.push(Item::Pair(l.grams.into(), grams(c.grams)));
    }
    if let Some(invoice) = &c.invoice {
        items.push(Item::Pair(
            format!("{} {}", l.invoice, invoice.number),
            money(invoice.value),
        ));
        let balance = invoice.value - c.value;
        let label = if balance.is_positive() {
            l.balance_due
        } else {
            l.balance_owed
        };
        items.push(Item::Pair(
            label.into(),
            money(Money::from_paise(balance.paise().abs())),
        ));
    }
    items.push(match &c.verified {
        Verification::Otp => Item::Line(l.verified_otp.into()),
        Verification::Override { reason } => {
            Item::Line(format!("{}: {reason}", l.verified_override))
        }
    });
    items
}

/// A bonus line as a label and its value: grams for a weight bonus, else money.
pub fn amount_item(b: &AmountLine) -> Item {
    let value = if b.grams.is_positive() {
        grams(b.grams)
    } else {
        money(b.money)
    };
    Item::Pair(b.label.clone(), value)
}

/// Numbers the finished pages ("Page k of n") under their footer and adds them to the book.
pub fn finish(
    book: &mut Book,
    pages: Vec<Page>,
    frame: &Frame,
    l: &Labels,
    generated: &Generated,
    middle: &str,
) {
    let count = pages.len();
    for (i, mut page) in pages.into_iter().enumerate() {
        footer(&mut page, frame, l, generated, i + 1, count, middle);
        book.add(page);
    }
}
