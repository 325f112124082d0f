//! The recovery key's printed sheet: the shop, the date, the key in its groups (large, in a
//! grid, easy to type back), what the key is for, and how to use it on a new machine. Its
//! words are here rather than in `labels` because no other document shares them.

use kanak_domain::format_date;

use crate::canvas::{Align, Book, Style};
use crate::flow::{Flow, Frame};
use crate::labels::labels;
use crate::model::{Lang, RecoverySheetDoc};
use crate::sections::{finish, letterhead, line};

struct SheetWords {
    title: &'static str,
    created: &'static str,
    key: &'static str,
    what_for: &'static str,
    what_for_text: &'static str,
    how_to: &'static str,
    steps: [&'static str; 4],
    keep_safe: &'static str,
}

const EN: SheetWords = SheetWords {
    title: "Database recovery key",
    created: "Made on",
    key: "Recovery key",
    what_for: "What it is for",
    what_for_text: "Kanak keeps the shop's book encrypted on this computer. This key opens it, and its backups, \
        when the computer's keyring is lost (a reinstalled system, a new user account) or on a new machine. \
        Without it an encrypted backup cannot be restored anywhere else.",
    how_to: "How to use it on a new machine",
    steps: [
        "1. Install Kanak on the new machine and copy the backup file (.kanakbackup and its .json) there.",
        "2. Start Kanak. If it says \"Database locked\", type this key exactly as printed (the dashes are optional).",
        "3. Or from the command line: kanak --recovery-key KEY backup restore FILE --yes",
        "4. Kanak keeps the key in the new machine's keyring; it will not ask again there.",
    ],
    keep_safe: "Keep this sheet away from the computer, like the shop's locker key. Anyone with this key and a \
        backup file can read the shop's book. Kanak shows the key only once.",
};

const HI: SheetWords = SheetWords {
    title: "डेटाबेस रिकवरी कुंजी",
    created: "बनाई गई",
    key: "रिकवरी कुंजी",
    what_for: "यह किसलिए है",
    what_for_text: "कनक दुकान की बही इस कंप्यूटर पर एन्क्रिप्ट करके रखता है। जब कंप्यूटर का कीरिंग खो जाए (सिस्टम दोबारा \
        इंस्टॉल हो, नया यूज़र खाता) या नई मशीन पर, यह कुंजी बही और उसके बैकअप खोलती है। इसके बिना एन्क्रिप्टेड बैकअप कहीं और \
        रीस्टोर नहीं हो सकता।",
    how_to: "नई मशीन पर कैसे इस्तेमाल करें",
    steps: [
        "1. नई मशीन पर कनक इंस्टॉल करें और बैकअप फ़ाइल (.kanakbackup और उसकी .json) वहाँ कॉपी करें।",
        "2. कनक शुरू करें। \"डेटाबेस लॉक है\" दिखे तो यह कुंजी ठीक वैसे ही लिखें जैसी छपी है (डैश ज़रूरी नहीं)।",
        "3. या कमांड लाइन से: kanak --recovery-key KEY backup restore FILE --yes",
        "4. कनक कुंजी नई मशीन के कीरिंग में रख लेता है; वहाँ दोबारा नहीं पूछेगा।",
    ],
    keep_safe: "यह पन्ना कंप्यूटर से दूर रखें, दुकान की तिजोरी की चाबी की तरह। यह कुंजी और बैकअप फ़ाइल जिसके पास हो वह \
        दुकान की बही पढ़ सकता है। कनक यह कुंजी केवल एक बार दिखाता है।",
};

fn words(lang: Lang) -> &'static SheetWords {
    match lang {
        Lang::En => &EN,
        Lang::Hi => &HI,
    }
}

pub fn draw(book: &mut Book, doc: &RecoverySheetDoc) {
    let l = labels(doc.lang);
    let w = words(doc.lang);
    let frame = Frame::A4;
    let mut flow = Flow::new(book, frame);
    let mut y = letterhead(flow.page(), &frame, &doc.shop, w.title, l);
    let made = format!("{}: {}", w.created, format_date(doc.generated.at.date()));
    y = line(flow.page(), frame.left, y + 2.0, Style::regular(9.5), Align::Left, &made);
    y = line(flow.page(), frame.left, y + 6.0, Style::bold(11.0), Align::Left, w.key);
    y = key_grid(&mut flow, &frame, y + 2.0, &doc.groups);
    flow.y = y + 8.0;
    paragraph(&mut flow, &frame, w.what_for, &[w.what_for_text]);
    paragraph(&mut flow, &frame, w.how_to, &w.steps);
    paragraph(&mut flow, &frame, "", &[w.keep_safe]);
    let pages = std::mem::take(&mut flow.pages);
    finish(book, pages, &frame, l, &doc.generated, w.title);
}

/// The groups in boxes, four to a row; returns the bottom of the grid.
fn key_grid(flow: &mut Flow<'_>, frame: &Frame, top: f32, groups: &[String]) -> f32 {
    let per_row = 4usize;
    let cell_w = frame.inner_width() / per_row as f32;
    let cell_h = 14.0;
    let style = Style::bold(20.0);
    let page = flow.page();
    let mut bottom = top;
    for (i, group) in groups.iter().enumerate() {
        let (row, col) = (i / per_row, i % per_row);
        let x = frame.left + col as f32 * cell_w;
        let y = top + row as f32 * cell_h;
        page.fill(x + 1.0, y, cell_w - 2.0, cell_h - 2.0, 0.93);
        let number = format!("{}", i + 1);
        line(page, x + 2.5, y + 1.0, Style::regular(6.5), Align::Left, &number);
        line(page, x + cell_w / 2.0, y + 2.6, style, Align::Center, group);
        bottom = y + cell_h;
    }
    bottom
}

/// A heading and its wrapped lines, kept on one page.
fn paragraph(flow: &mut Flow<'_>, frame: &Frame, heading: &str, texts: &[&str]) {
    let style = Style::regular(10.0);
    let mut lines = Vec::new();
    for text in texts {
        lines.extend(crate::canvas::wrap(text, style, frame.inner_width()));
    }
    let height = (lines.len() as f32 + 2.0) * style.line_mm();
    flow.need(height);
    let mut y = flow.y;
    if !heading.is_empty() {
        y = line(flow.page(), frame.left, y, Style::bold(11.0), Align::Left, heading);
    }
    for text in &lines {
        y = line(flow.page(), frame.left, y, style, Align::Left, text);
    }
    flow.y = y + 5.0;
}
