//! The closure statement: what the customer paid, the bonus, each deduction, what they get
//! and against which invoice, whether their one-time code verified it or the owner overrode
//! it, and lines for both signatures.

use kanak_domain::format_date;

use crate::canvas::{Align, Book, Page, Style};
use crate::flow::{Flow, Frame, Item, block, paragraph};
use crate::labels::labels;
use crate::model::ClosureDoc;
use crate::sections::{amount_item, closure_items, finish, letterhead, line};

pub fn draw(book: &mut Book, doc: &ClosureDoc) {
    let l = labels(doc.lang);
    let frame = Frame::A4;
    let mut flow = Flow::new(book, frame);
    let mut y = letterhead(flow.page(), &frame, &doc.shop, l.closure_statement, l);
    let pairs = [
        (l.customer, doc.customer.name.clone()),
        (l.code, doc.customer.code.clone()),
        (l.phone, doc.customer.phone_masked.clone()),
        (l.plan, doc.plan_name.clone()),
        (l.enrollment, doc.enrollment_no.clone()),
        (l.enrolled_on, format_date(doc.enrolled_on)),
    ];
    for (label, value) in &pairs {
        flow.page()
            .text(frame.left, y + 3.2, Style::regular(9.0), Align::Left, label);
        y = line(
            flow.page(),
            frame.left + 32.0,
            y,
            Style::bold(9.0),
            Align::Left,
            value,
        );
    }
    flow.y = y + 3.0;
    let half = (frame.left, frame.left + frame.inner_width() * 0.62);
    let none = |_: &mut Page| frame.top;
    block(&mut flow, &closure_items(l, &doc.closure), half, &none);
    flow.y += 3.0;
    let mut bonus = Vec::new();
    if !doc.bonus_lines.is_empty() {
        bonus.push(Item::Heading(l.bonus.into()));
    }
    for b in &doc.bonus_lines {
        bonus.push(amount_item(b));
    }
    bonus.push(Item::Heading(l.how_computed.into()));
    for text in &doc.explanation {
        paragraph(&mut bonus, text, frame.inner_width());
    }
    block(&mut flow, &bonus, (frame.left, frame.right), &none);
    signatures(&mut flow, l.customer_signature, l.staff_signature);
    let pages = std::mem::take(&mut flow.pages);
    finish(book, pages, &frame, l, &doc.generated, &doc.enrollment_no);
}

/// Two signature lines at the foot of the statement, kept together.
fn signatures(flow: &mut Flow<'_>, customer: &str, shop: &str) {
    let height = 24.0;
    flow.need(height);
    let frame = flow.frame;
    let y = flow.y + 16.0;
    let third = frame.inner_width() / 3.0;
    let page = flow.page();
    page.line((frame.left, y), (frame.left + third, y), 0.5);
    page.line((frame.right - third, y), (frame.right, y), 0.5);
    line(
        page,
        frame.left,
        y + 1.0,
        Style::regular(8.5),
        Align::Left,
        customer,
    );
    line(
        page,
        frame.right,
        y + 1.0,
        Style::regular(8.5),
        Align::Right,
        shop,
    );
    flow.y = y + 8.0;
}
