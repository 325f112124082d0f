//! A report as a printed table: the shop's letterhead and the report's title, the filters in
//! words, then each section's title, column headers (repeated on every page the section
//! runs onto), rows (flagged rows shaded) and totals; "Page k of n" with the time and staff
//! who generated it. A4 portrait, or landscape when the columns would not fit upright.

use crate::canvas::{Align, Book, Page, Style, fit, width_mm, wrap};
use crate::flow::{Flow, Frame, Item, block};
use crate::labels::labels;
use crate::model::{Generated, Lang, ShopHeader};
use crate::sections::{finish, letterhead, line};

/// What the report shows; cells are already text ("5000.00", "2026-04-01").
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDoc {
    pub shop: ShopHeader,
    pub title: String,
    /// The filters in words.
    pub subtitle: String,
    pub sections: Vec<ReportDocSection>,
    pub generated: Generated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocSection {
    pub title: String,
    pub columns: Vec<ReportDocColumn>,
    pub rows: Vec<ReportDocRow>,
    /// Label and value, printed under the table.
    pub totals: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocColumn {
    pub label: String,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocRow {
    pub cells: Vec<String>,
    /// Needs attention (an override, a late installment): shaded.
    pub flagged: bool,
}

const CELL: Style = Style::regular(7.5);
const HEAD: Style = Style::bold(7.5);
const ROW: f32 = 5.4;
const HEAD_LINE: f32 = 3.3;
const PAD: f32 = 1.0;
/// At most about this many rows are measured to size the columns.
const MEASURED_ROWS: usize = 150;

const PORTRAIT: Frame = Frame::A4;
const LANDSCAPE: Frame = Frame {
    width: 297.0,
    height: 210.0,
    left: 12.0,
    right: 285.0,
    top: 12.0,
    bottom: 194.0,
};

/// The width each column wants: its widest cell (or header word), within sensible bounds.
fn natural_widths(s: &ReportDocSection) -> Vec<f32> {
    s.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest_word = c
                .label
                .split_whitespace()
                .map(|w| width_mm(w, HEAD))
                .fold(0.0, f32::max);
            // Shaping every cell of a long report is the slow part; an even sample of rows
            // finds the widest closely enough (a longer cell is cut with "…", never overlaps).
            let step = (s.rows.len() / MEASURED_ROWS).max(1);
            let widest_cell = s
                .rows
                .iter()
                .step_by(step)
                .filter_map(|r| r.cells.get(i))
                .map(|t| width_mm(t, CELL))
                .fold(0.0, f32::max);
            (widest_word.max(widest_cell) + 2.0 * PAD).clamp(9.0, 60.0)
        })
        .collect()
}

/// Portrait when every section's columns fit 186 mm, else landscape.
fn frame_for(doc: &ReportDoc) -> Frame {
    let widest: f32 = doc
        .sections
        .iter()
        .map(|s| natural_widths(s).iter().sum::<f32>())
        .fold(0.0, f32::max);
    if widest <= PORTRAIT.inner_width() {
        PORTRAIT
    } else {
        LANDSCAPE
    }
}

/// Column widths scaled to fill the frame exactly.
fn widths(s: &ReportDocSection, frame: &Frame) -> Vec<f32> {
    let natural = natural_widths(s);
    let sum: f32 = natural.iter().sum();
    if sum <= 0.0 {
        return natural;
    }
    let scale = frame.inner_width() / sum;
    natural.iter().map(|w| w * scale).collect()
}

struct Table<'a> {
    section: &'a ReportDocSection,
    widths: Vec<f32>,
    /// Each header wrapped to its column.
    heads: Vec<Vec<String>>,
}

impl Table<'_> {
    fn header_height(&self) -> f32 {
        let lines = self.heads.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * HEAD_LINE + 2.0
    }

    fn draw_header(&self, page: &mut Page, frame: &Frame, y: f32) -> f32 {
        let h = self.header_height();
        page.fill(frame.left, y, frame.inner_width(), h, 0.82);
        let mut x = frame.left;
        for ((lines, w), col) in self
            .heads
            .iter()
            .zip(&self.widths)
            .zip(&self.section.columns)
        {
            for (k, text) in lines.iter().enumerate() {
                let base = y + 1.0 + HEAD_LINE * (k as f32 + 0.8);
                let text = fit(text, HEAD, w - 2.0 * PAD);
                if col.numeric {
                    page.text(x + w - PAD, base, HEAD, Align::Right, &text);
                } else {
                    page.text(x + PAD, base, HEAD, Align::Left, &text);
                }
            }
            x += w;
        }
        y + h
    }

    fn draw_row(&self, page: &mut Page, frame: &Frame, row: &ReportDocRow, y: f32, i: usize) {
        if row.flagged {
            page.fill(frame.left, y, frame.inner_width(), ROW, 0.86);
        } else if i % 2 == 1 {
            page.fill(frame.left, y, frame.inner_width(), ROW, 0.96);
        }
        let base = y + ROW * 0.68;
        let mut x = frame.left;
        for ((text, w), col) in row
            .cells
            .iter()
            .zip(&self.widths)
            .zip(&self.section.columns)
        {
            let text = fit(text, CELL, w - 2.0 * PAD);
            if col.numeric {
                page.text(x + w - PAD, base, CELL, Align::Right, &text);
            } else {
                page.text(x + PAD, base, CELL, Align::Left, &text);
            }
            x += w;
        }
    }
}

/// On pages after the first: whose report this is.
fn running_header(page: &mut Page, frame: &Frame, doc: &ReportDoc) -> f32 {
    let text = format!(
        "{} · {} · {}",
        doc.shop.name,
        doc.title,
        labels(Lang::En).continued
    );
    let y = line(
        page,
        frame.left,
        frame.top,
        Style::regular(8.0),
        Align::Left,
        &text,
    );
    page.line((frame.left, y), (frame.right, y), 0.3);
    y + 1.5
}

fn draw_section(flow: &mut Flow<'_>, doc: &ReportDoc, s: &ReportDocSection) {
    let frame = flow.frame;
    let widths = widths(s, &frame);
    let table = Table {
        section: s,
        heads: s
            .columns
            .iter()
            .zip(widths.iter().copied())
            .map(|(c, w)| {
                wrap(&c.label, HEAD, w - 2.0 * PAD)
                    .into_iter()
                    .take(3)
                    .collect()
            })
            .collect(),
        widths,
    };
    let title = Style::bold(10.0);
    // The title, the header and the first row stay together.
    if flow.need(title.line_mm() + table.header_height() + ROW + 1.0) {
        flow.y = running_header(flow.page(), &frame, doc);
    }
    let y = flow.y;
    flow.y = line(flow.page(), frame.left, y, title, Align::Left, &s.title) + 0.5;
    let y = flow.y;
    flow.y = table.draw_header(flow.page(), &frame, y);
    if s.rows.is_empty() {
        let y = flow.y;
        flow.y = line(
            flow.page(),
            frame.left + PAD,
            y + 0.5,
            CELL,
            Align::Left,
            "No rows.",
        );
    }
    for (i, row) in s.rows.iter().enumerate() {
        if flow.need(ROW) {
            let y = running_header(flow.page(), &frame, doc);
            flow.y = table.draw_header(flow.page(), &frame, y);
        }
        let y = flow.y;
        table.draw_row(flow.page(), &frame, row, y, i);
        flow.y += ROW;
    }
    let y = flow.y;
    flow.page().line((frame.left, y), (frame.right, y), 0.3);
    flow.y += 2.0;
    if !s.totals.is_empty() {
        // Totals in a block a third of the page wide, at the right, kept together.
        let items: Vec<Item> = s
            .totals
            .iter()
            .map(|(l, v)| Item::Pair(l.clone(), v.clone()))
            .collect();
        let left = frame.right - (frame.inner_width() / 3.0).max(70.0);
        let after = |page: &mut Page| running_header(page, &frame, doc);
        block(flow, &items, (left, frame.right), &after);
    }
    flow.y += 4.0;
}

pub fn draw(book: &mut Book, doc: &ReportDoc) {
    let frame = frame_for(doc);
    let mut flow = Flow::new(book, frame);
    let mut y = letterhead(flow.page(), &frame, &doc.shop, &doc.title, labels(Lang::En));
    for text in wrap(&doc.subtitle, Style::regular(8.5), frame.inner_width()) {
        y = line(
            flow.page(),
            frame.left,
            y,
            Style::regular(8.5),
            Align::Left,
            &text,
        );
    }
    flow.y = y + 3.0;
    for s in &doc.sections {
        draw_section(&mut flow, doc, s);
    }
    let pages = std::mem::take(&mut flow.pages);
    finish(
        book,
        pages,
        &frame,
        labels(Lang::En),
        &doc.generated,
        &doc.title,
    );
}
