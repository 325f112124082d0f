//! The receipt a customer takes home for every installment: on half an A4 sheet (A5), or on
//! an 80 mm thermal roll whose printable width is about 72 mm and whose length is whatever
//! the receipt needs.

use kanak_domain::amount_in_words;

use crate::canvas::{Align, Book, Page, Style, wrap};
use crate::flow::Frame;
use crate::labels::{Labels, labels};
use crate::model::{ReceiptDoc, ReceiptFormat};
use crate::sections::{date_time, grams, line, money, rate};
use kanak_domain::format_date;

/// Sizes for one paper: the thermal roll needs smaller type to fit 72 mm.
struct Paper {
    frame: Frame,
    body: Style,
    strong: Style,
    title: Style,
    amount: Style,
    shop: Style,
}

fn paper(format: ReceiptFormat) -> Paper {
    match format {
        ReceiptFormat::A5 => Paper {
            frame: Frame {
                width: 148.0,
                height: 210.0,
                left: 12.0,
                right: 136.0,
                top: 12.0,
                bottom: 198.0,
            },
            body: Style::regular(9.5),
            strong: Style::bold(9.5),
            title: Style::bold(12.0),
            amount: Style::bold(16.0),
            shop: Style::bold(14.0),
        },
        // Height is a placeholder: the roll is cut after the last line (see `draw`).
        ReceiptFormat::Thermal80 => Paper {
            frame: Frame {
                width: 80.0,
                height: 1000.0,
                left: 4.0,
                right: 76.0,
                top: 4.0,
                bottom: 996.0,
            },
            body: Style::regular(8.0),
            strong: Style::bold(8.0),
            title: Style::bold(9.5),
            amount: Style::bold(13.0),
            shop: Style::bold(11.0),
        },
    }
}

pub fn draw(book: &mut Book, doc: &ReceiptDoc, format: ReceiptFormat) {
    let paper = paper(format);
    let l = labels(doc.lang);
    // Drawn once to measure, then again on a page exactly as long as the receipt, so a
    // thermal printer feeds no blank paper.
    let mut probe = book.page(paper.frame.width, paper.frame.height);
    let used = content(&mut probe, &paper, doc, l);
    let height = match format {
        ReceiptFormat::A5 => paper.frame.height,
        ReceiptFormat::Thermal80 => used + paper.frame.top,
    };
    let mut page = book.page(paper.frame.width, height);
    content(&mut page, &paper, doc, l);
    book.add(page);
}

/// Draws the receipt from the top and returns where it ends (mm).
fn content(page: &mut Page, p: &Paper, doc: &ReceiptDoc, l: &Labels) -> f32 {
    let f = &p.frame;
    let centre = f.width / 2.0;
    let width = f.inner_width();
    // The logo, if any, sits centred above the shop's name.
    let logo_height = p.shop.size * 0.9;
    let logo_width = page.logo_width(logo_height);
    let mut y = f.top;
    if logo_width > 0.0 {
        page.logo(centre - logo_width / 2.0, y, logo_height);
        y += logo_height + 1.5;
    }
    y = line(page, centre, y, p.shop, Align::Center, &doc.shop.name);
    for text in doc
        .shop
        .address
        .lines()
        .flat_map(|a| wrap(a.trim(), p.body, width))
    {
        y = line(page, centre, y, p.body, Align::Center, &text);
    }
    if let Some(gstin) = &doc.shop.gstin {
        y = line(
            page,
            centre,
            y,
            p.body,
            Align::Center,
            &format!("{}: {gstin}", l.gstin),
        );
    }
    y += 1.0;
    page.line((f.left, y), (f.right, y), 0.5);
    y = line(page, centre, y + 1.5, p.title, Align::Center, l.receipt);
    y += 1.0;
    let installment = format!("{} / {}", doc.installment_no, doc.installments);
    let mut pairs: Vec<(&str, String)> = vec![
        (l.receipt_no, doc.receipt_no.clone()),
        (l.date, received(doc)),
        (l.customer, doc.customer.name.clone()),
        (l.code, doc.customer.code.clone()),
        (l.phone, doc.customer.phone_masked.clone()),
        (l.plan, doc.plan_name.clone()),
        (l.enrollment, doc.enrollment_no.clone()),
        (l.installment, installment),
        (l.mode, l.mode(doc.mode).to_string()),
    ];
    if let Some(reference) = &doc.reference {
        pairs.push((l.reference, reference.clone()));
    }
    pairs.push((l.status, l.status(doc.status).to_string()));
    if let Some(gold) = doc.gold {
        pairs.push((l.rate, rate(gold.rate_per_gram)));
        pairs.push((l.grams, grams(gold.grams)));
    }
    for (label, value) in &pairs {
        page.text(f.left, y + p.body.size * 0.3528, p.body, Align::Left, label);
        y = line(page, f.right, y, p.strong, Align::Right, value);
    }
    y += 1.0;
    page.line((f.left, y), (f.right, y), 0.5);
    page.text(
        f.left,
        y + 1.5 + p.amount.size * 0.3528,
        p.strong,
        Align::Left,
        l.amount,
    );
    y = line(
        page,
        f.right,
        y + 1.5,
        p.amount,
        Align::Right,
        &money(doc.amount),
    );
    let words = amount_in_words(doc.amount, l.words);
    for text in wrap(&format!("{}: {words}", l.in_words), p.body, width) {
        y = line(page, f.left, y, p.body, Align::Left, &text);
    }
    page.text(
        f.left,
        y + p.body.size * 0.3528,
        p.body,
        Align::Left,
        l.total_paid,
    );
    y = line(
        page,
        f.right,
        y,
        p.strong,
        Align::Right,
        &money(doc.total_paid),
    );
    page.line((f.left, y + 1.0), (f.right, y + 1.0), 0.5);
    y += 2.5;
    y = line(
        page,
        f.left,
        y,
        p.body,
        Align::Left,
        &format!("{}: {}", l.received_by, doc.received_by),
    );
    if let Some(hash) = &doc.entry_hash {
        // The hash is long; the thermal roll gets it on two lines.
        let small = Style::regular(6.5);
        for text in hash_lines(&format!("{}: {hash}", l.entry_hash), small, width) {
            y = line(page, f.left, y, small, Align::Left, &text);
        }
    }
    y = line(
        page,
        f.left,
        y,
        Style::regular(6.5),
        Align::Left,
        &format!("ID {}", doc.payment_id),
    );
    y = line(page, centre, y + 1.5, p.body, Align::Center, l.thank_you);
    y
}

fn received(doc: &ReceiptDoc) -> String {
    match doc.received_time {
        Some(time) => date_time(doc.received_on.and_time(time)),
        None => format_date(doc.received_on),
    }
}

/// A hash has no spaces to wrap at, so it is cut by width.
fn hash_lines(text: &str, style: Style, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        if crate::canvas::width_mm(&current, style) > width {
            current.pop();
            lines.push(std::mem::replace(&mut current, c.to_string()));
        }
    }
    lines.push(current);
    lines
}
