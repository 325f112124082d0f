//! The plan-wise ledger: the customer's passbook and the shop's proof in a dispute.
//!
//! Page 1 carries the letterhead, the customer and plan, and a QR code of the enrollment
//! number. Every page repeats a running header and the table's column titles; a row is one
//! line, so none is ever split. After the table come the totals, the bonus with the engine's
//! explanation, the closure (once closed), the plan's rules and its terms.

use kanak_domain::{Money, PaymentStatus, Weight, format_date};

use crate::canvas::{Align, Book, Page, Style, fit};
use crate::flow::{BODY, Flow, Frame, Item, block, paragraph};
use crate::labels::{Labels, labels};
use crate::model::{LedgerDoc, LedgerRow, PaymentRow};
use crate::sections::{amount_item, closure_items, finish, grams, letterhead, line, money, rate};

/// A passbook row is tall enough to read and to initial by hand: 7 mm.
const ROW: f32 = 7.0;
const CELL: Style = Style::regular(8.0);
const HEAD: Style = Style::bold(8.0);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    Receipt,
    Installment,
    Mode,
    Reference,
    Amount,
    Status,
    Rate,
    Grams,
    Total,
    TotalGrams,
}

/// The columns and their widths (mm), which add up to the A4 frame's 186 mm.
fn columns(shows_gold: bool) -> &'static [(Col, f32)] {
    use Col::*;
    if shows_gold {
        &[
            (Date, 17.0),
            (Receipt, 24.0),
            (Installment, 8.0),
            (Mode, 13.0),
            (Reference, 15.0),
            (Amount, 21.0),
            (Status, 19.0),
            (Rate, 18.0),
            (Grams, 13.0),
            (Total, 22.0),
            (TotalGrams, 16.0),
        ]
    } else {
        &[
            (Date, 19.0),
            (Receipt, 24.0),
            (Installment, 9.0),
            (Mode, 18.0),
            (Reference, 30.0),
            (Amount, 25.0),
            (Status, 27.0),
            (Total, 34.0),
        ]
    }
}

fn title(col: Col, l: &Labels) -> &'static str {
    match col {
        Col::Date => l.date,
        Col::Receipt => l.receipt_no,
        Col::Installment => l.installment_column,
        Col::Mode => l.mode,
        Col::Reference => l.reference,
        Col::Amount => l.amount,
        Col::Status => l.status,
        Col::Rate => l.rate,
        Col::Grams => l.grams,
        Col::Total => l.running_total,
        Col::TotalGrams => l.running_grams,
    }
}

fn numeric(col: Col) -> bool {
    matches!(
        col,
        Col::Amount | Col::Rate | Col::Grams | Col::Total | Col::TotalGrams | Col::Installment
    )
}

/// Running totals count confirmed money only, as the engine does: a cheque still processing
/// is listed but not yet added.
#[derive(Default)]
struct Running {
    money: Money,
    grams: Weight,
}

pub fn draw(book: &mut Book, doc: &LedgerDoc) {
    let l = labels(doc.lang);
    let frame = Frame::A4;
    let shows_gold = doc.weight_plan && !doc.hide_gold;
    let cols = columns(shows_gold);
    let mut flow = Flow::new(book, frame);
    let y = first_page(flow.page(), &frame, doc, l);
    flow.y = table_header(flow.page(), &frame, cols, l, y);
    let repeat = |page: &mut Page| {
        let y = running_header(page, &frame, doc, l);
        table_header(page, &frame, cols, l, y)
    };
    let mut running = Running::default();
    for (i, row) in doc.rows.iter().enumerate() {
        if flow.need(ROW) {
            flow.y = repeat(flow.page());
        }
        let texts = cells(row, cols, l, &mut running);
        let y = flow.y;
        draw_row(flow.page(), &frame, cols, &texts, y, shade_of(row, i));
        flow.y += ROW;
    }
    let after = |page: &mut Page| running_header(page, &frame, doc, l);
    flow.y += 3.0;
    for items in closing_blocks(doc, l, &frame) {
        block(&mut flow, &items, (frame.left, frame.right), &after);
        flow.y += 3.0;
    }
    let pages = std::mem::take(&mut flow.pages);
    finish(book, pages, &frame, l, &doc.generated, &doc.enrollment_no);
}

/// Unpaid installments are shaded darker; paid rows alternate lightly to guide the eye.
fn shade_of(row: &LedgerRow, i: usize) -> Option<f32> {
    match row {
        LedgerRow::Unpaid { .. } => Some(0.85),
        LedgerRow::Payment(_) if i % 2 == 1 => Some(0.96),
        LedgerRow::Payment(_) => None,
    }
}

fn first_page(page: &mut Page, frame: &Frame, doc: &LedgerDoc, l: &Labels) -> f32 {
    let top = letterhead(page, frame, &doc.shop, l.passbook, l);
    let qr = 24.0;
    crate::qr::draw(
        page,
        frame.right - qr,
        frame.top + 6.0,
        qr,
        &doc.enrollment_no,
    );
    let mut left_y = top + 2.0;
    let mut right_y = top + 2.0;
    let half = frame.left + frame.inner_width() * 0.42;
    let pair = |page: &mut Page, x: f32, y: f32, label: &str, value: &str| {
        page.text(x, y + 3.2, Style::regular(8.5), Align::Left, label);
        page.text(x + 26.0, y + 3.2, Style::bold(8.5), Align::Left, value);
        y + 4.6
    };
    left_y = pair(page, frame.left, left_y, l.customer, &doc.customer.name);
    left_y = pair(page, frame.left, left_y, l.code, &doc.customer.code);
    left_y = pair(
        page,
        frame.left,
        left_y,
        l.phone,
        &doc.customer.phone_masked,
    );
    let plan = format!("{} ({})", doc.plan_name, doc.plan_code);
    right_y = pair(page, half, right_y, l.plan, &plan);
    right_y = pair(page, half, right_y, l.enrollment, &doc.enrollment_no);
    right_y = pair(
        page,
        half,
        right_y,
        l.enrolled_on,
        &format_date(doc.enrolled_on),
    );
    right_y = pair(page, half, right_y, l.maturity, &format_date(doc.maturity));
    right_y = pair(page, half, right_y, l.state, l.state(&doc.state));
    let mut y = left_y.max(right_y).max(frame.top + 6.0 + qr) + 1.0;
    let width = frame.inner_width();
    for summary in doc.rules.iter().take(2) {
        for text in crate::canvas::wrap(summary, BODY, width) {
            y = line(page, frame.left, y, BODY, Align::Left, &text);
        }
    }
    if doc.weight_plan && doc.hide_gold {
        y = line(page, frame.left, y, BODY, Align::Left, l.gold_hidden);
    }
    y + 2.0
}

/// On pages after the first: one line saying whose passbook this is.
fn running_header(page: &mut Page, frame: &Frame, doc: &LedgerDoc, l: &Labels) -> f32 {
    let text = format!(
        "{} · {} · {} · {} ({}) · {}",
        doc.shop.name,
        l.passbook,
        doc.enrollment_no,
        doc.customer.name,
        doc.customer.code,
        l.continued
    );
    let y = line(
        page,
        frame.left,
        frame.top,
        Style::regular(8.5),
        Align::Left,
        &text,
    );
    page.line((frame.left, y), (frame.right, y), 0.3);
    y + 1.5
}

fn table_header(page: &mut Page, frame: &Frame, cols: &[(Col, f32)], l: &Labels, y: f32) -> f32 {
    page.fill(frame.left, y, frame.inner_width(), ROW + 0.4, 0.82);
    let texts: Vec<String> = cols.iter().map(|(c, _)| title(*c, l).to_string()).collect();
    draw_cells(page, frame, cols, &texts, y, HEAD);
    y + ROW + 0.4
}

fn draw_row(
    page: &mut Page,
    frame: &Frame,
    cols: &[(Col, f32)],
    texts: &[String],
    y: f32,
    shade: Option<f32>,
) {
    if let Some(shade) = shade {
        page.fill(frame.left, y, frame.inner_width(), ROW, shade);
    }
    draw_cells(page, frame, cols, texts, y, CELL);
}

fn draw_cells(
    page: &mut Page,
    frame: &Frame,
    cols: &[(Col, f32)],
    texts: &[String],
    y: f32,
    style: Style,
) {
    let pad = 1.0;
    let baseline = y + ROW * 0.68;
    let mut x = frame.left;
    for ((col, width), text) in cols.iter().zip(texts) {
        let text = fit(text, style, width - 2.0 * pad);
        if numeric(*col) {
            page.text(x + width - pad, baseline, style, Align::Right, &text);
        } else {
            page.text(x + pad, baseline, style, Align::Left, &text);
        }
        x += width;
    }
}

fn cells(row: &LedgerRow, cols: &[(Col, f32)], l: &Labels, running: &mut Running) -> Vec<String> {
    match row {
        LedgerRow::Payment(p) => {
            if p.status == PaymentStatus::Confirmed {
                running.money += p.amount;
                running.grams += p.gold.map(|g| g.grams).unwrap_or_default();
            }
            cols.iter()
                .map(|(c, _)| payment_cell(*c, p, l, running))
                .collect()
        }
        LedgerRow::Unpaid {
            installment_no,
            due,
            missed,
        } => cols
            .iter()
            .map(|(c, _)| match c {
                Col::Date => format_date(*due),
                Col::Receipt => "—".to_string(),
                Col::Installment => installment_no.to_string(),
                Col::Status if *missed => l.missed.to_string(),
                Col::Status => l.unpaid_late.to_string(),
                _ => String::new(),
            })
            .collect(),
    }
}

fn payment_cell(col: Col, p: &PaymentRow, l: &Labels, running: &Running) -> String {
    match col {
        Col::Date => format_date(p.date),
        Col::Receipt => p.receipt_no.clone(),
        Col::Installment => p.installment_no.to_string(),
        Col::Mode => l.mode(p.mode).to_string(),
        Col::Reference => p.reference.clone().unwrap_or_default(),
        Col::Amount => money(p.amount),
        Col::Status if p.late => format!("{}, {}", l.status(p.status), l.late),
        Col::Status => l.status(p.status).to_string(),
        Col::Rate => p.gold.map(|g| rate(g.rate_per_gram)).unwrap_or_default(),
        Col::Grams => p.gold.map(|g| g.grams.to_plain()).unwrap_or_default(),
        Col::Total => money(running.money),
        Col::TotalGrams => running.grams.to_plain(),
    }
}

/// The blocks after the table, each kept on one page where it fits.
fn closing_blocks(doc: &LedgerDoc, l: &Labels, frame: &Frame) -> Vec<Vec<Item>> {
    let width = frame.inner_width();
    let mut totals = vec![Item::Pair(l.total_paid.into(), money(doc.total_paid))];
    if doc.weight_plan && !doc.hide_gold {
        totals.push(Item::Pair(l.grams.into(), grams(doc.total_grams)));
        if let Some(avg) = doc.average_rate {
            totals.push(Item::Pair(l.average_rate.into(), rate(avg)));
        }
    }
    totals.push(Item::Pair(l.outstanding.into(), money(doc.outstanding)));
    if doc.late_fees.is_positive() {
        totals.push(Item::Pair(l.late_fees.into(), money(doc.late_fees)));
    }
    let mut bonus = vec![Item::Heading(l.bonus_so_far.into())];
    for b in &doc.bonus_so_far {
        bonus.push(amount_item(b));
    }
    bonus.push(Item::Pair(
        l.bonus_at_maturity.into(),
        money(doc.bonus_at_maturity),
    ));
    for text in &doc.explanation {
        paragraph(&mut bonus, text, width);
    }
    let mut blocks = vec![totals, bonus];
    if let Some(closure) = &doc.closure {
        blocks.push(closure_items(l, closure));
    }
    let mut rules = vec![Item::Heading(l.rules.into())];
    for text in &doc.rules {
        paragraph(&mut rules, &format!("• {text}"), width);
    }
    if !doc.terms_text.trim().is_empty() {
        rules.push(Item::Gap(2.0));
        rules.push(Item::Heading(l.terms.into()));
        paragraph(&mut rules, &doc.terms_text, width);
    }
    blocks.push(rules);
    blocks
}
