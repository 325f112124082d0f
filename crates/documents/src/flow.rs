//! Flowing content down pages: a cursor that starts a new page when the next piece does not
//! fit, so no table row or block is ever cut across a page break.

use crate::canvas::{Align, Book, Page, Style, wrap};

/// Margins of a page, in mm.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    /// Where content must end; the footer lives below it.
    pub bottom: f32,
}

impl Frame {
    pub const A4: Frame = Frame {
        width: 210.0,
        height: 297.0,
        left: 12.0,
        right: 198.0,
        top: 14.0,
        bottom: 280.0,
    };

    pub fn inner_width(&self) -> f32 {
        self.right - self.left
    }
}

/// The pages of one document and the cursor's height on the last of them.
pub struct Flow<'b> {
    book: &'b Book,
    pub frame: Frame,
    pub pages: Vec<Page>,
    pub y: f32,
}

impl<'b> Flow<'b> {
    pub fn new(book: &'b Book, frame: Frame) -> Flow<'b> {
        Flow {
            book,
            frame,
            pages: vec![book.page(frame.width, frame.height)],
            y: frame.top,
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow always has a page")
    }

    /// Makes room for `height` mm; returns true when that took a new page, so the caller
    /// can repeat its running header there.
    pub fn need(&mut self, height: f32) -> bool {
        if self.y + height <= self.frame.bottom || self.y <= self.frame.top {
            return false;
        }
        self.pages
            .push(self.book.page(self.frame.width, self.frame.height));
        self.y = self.frame.top;
        true
    }
}

/// A piece of a block: every kind has a known height, so a block can be measured before
/// it is drawn and kept on one page.
pub enum Item {
    Heading(String),
    /// A label on the left and its value on the right.
    Pair(String, String),
    /// A line of text, wrapped beforehand.
    Line(String),
    Gap(f32),
}

const HEADING: Style = Style::bold(10.0);
pub const BODY: Style = Style::regular(8.5);
const PAIR_LABEL: Style = Style::regular(9.0);
const PAIR_VALUE: Style = Style::bold(9.0);

impl Item {
    fn height(&self) -> f32 {
        match self {
            Item::Heading(_) => HEADING.line_mm() + 1.0,
            Item::Pair(..) => PAIR_LABEL.line_mm(),
            Item::Line(_) => BODY.line_mm(),
            Item::Gap(mm) => *mm,
        }
    }

    fn draw(&self, page: &mut Page, left: f32, right: f32, y: f32) {
        match self {
            Item::Heading(text) => {
                page.text(left, y + HEADING.size * 0.3528, HEADING, Align::Left, text);
                let rule = y + HEADING.line_mm();
                page.line((left, rule), (right, rule), 0.4);
            }
            Item::Pair(label, value) => {
                let base = y + PAIR_LABEL.size * 0.3528;
                page.text(left, base, PAIR_LABEL, Align::Left, label);
                page.text(right, base, PAIR_VALUE, Align::Right, value);
            }
            Item::Line(text) => {
                page.text(left, y + BODY.size * 0.3528, BODY, Align::Left, text);
            }
            Item::Gap(_) => {}
        }
    }
}

/// Paragraphs wrapped to the block's width, as lines.
pub fn paragraph(items: &mut Vec<Item>, text: &str, width: f32) {
    items.extend(wrap(text, BODY, width).into_iter().map(Item::Line));
}

/// Draws a block between `left` and `right`. It goes on a fresh page when it does not fit
/// the rest of this one; a block taller than a page breaks between its items. `on_break`
/// draws the running header of each new page and returns where content starts.
pub fn block(
    flow: &mut Flow<'_>,
    items: &[Item],
    (left, right): (f32, f32),
    on_break: &dyn Fn(&mut Page) -> f32,
) {
    let total: f32 = items.iter().map(Item::height).sum();
    let page_room = flow.frame.bottom - flow.frame.top;
    if total < page_room && flow.need(total) {
        flow.y = on_break(flow.page());
    }
    for item in items {
        if flow.need(item.height()) {
            flow.y = on_break(flow.page());
        }
        let y = flow.y;
        item.draw(flow.page(), left, right, y);
        flow.y += item.height();
    }
}
