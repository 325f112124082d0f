//! Shaping: a string becomes runs of positioned glyphs, each run in one face.
//!
//! A line such as "श्रीमती लक्ष्मी — ₹5,000.00" mixes scripts, so it is split into runs:
//! Devanagari letters go to Noto Sans Devanagari, everything else to Noto Sans, and spaces
//! and punctuation stay with the run they sit in. rustybuzz then applies each face's
//! OpenType rules: conjuncts (क्ष, श्र), the i-matra placed before its consonant, reph,
//! kerning for Latin.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::ttf_parser::GlyphId;
use rustybuzz::{Direction, Script, ShapePlan};

use crate::fonts::{Face, Weight, is_devanagari};

/// One glyph, with its advance and offsets in em (multiply by the font size in pt).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    /// The face's own advance for this glyph: PDF viewers advance by it, so the difference
    /// to `advance` (kerning, mark positioning) is written as an adjustment.
    pub natural_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The text this glyph stands for when the PDF is searched or copied.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub glyphs: Vec<Glyph>,
}

impl Run {
    /// Width in em.
    pub fn advance(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A shaped line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub runs: Vec<Run>,
}

impl Shaped {
    /// Width in points at this font size.
    pub fn width_pt(&self, size_pt: f32) -> f32 {
        self.runs.iter().map(Run::advance).sum::<f32>() * size_pt
    }
}

pub fn shape(text: &str, weight: Weight) -> Shaped {
    let runs = split_by_script(text)
        .into_iter()
        .map(|(devanagari, piece)| shape_run(piece, Face::for_script(devanagari, weight)))
        .collect();
    Shaped { runs }
}

/// Spaces and punctuation between words of one script belong to that script's run, so a
/// Hindi phrase is shaped as one piece.
fn is_neutral(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '.' | '-' | ':' | ';' | '(' | ')' | '/' | '\'' | '"'
        )
}

/// Consecutive pieces of one script: (is Devanagari, text).
fn split_by_script(text: &str) -> Vec<(bool, &str)> {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        if is_neutral(c) {
            continue;
        }
        let devanagari = is_devanagari(c);
        match current {
            Some(script) if script != devanagari => {
                pieces.push((script, &text[start..i]));
                start = i;
                current = Some(devanagari);
            }
            None => current = Some(devanagari),
            _ => {}
        }
    }
    if start < text.len() {
        pieces.push((current.unwrap_or(false), &text[start..]));
    }
    pieces
}

fn shape_run(text: &str, face: Face) -> Run {
    let shaper = face.shaper();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let plan = plan_for(face, buffer.direction(), buffer.script());
    let shaped = rustybuzz::shape_with_plan(shaper, &plan, buffer);
    let em = shaper.units_per_em() as f32;
    let infos = shaped.glyph_infos();
    let texts = glyph_texts(text, infos, shaper);
    let glyphs = infos
        .iter()
        .zip(shaped.glyph_positions())
        .zip(texts)
        .map(|((info, pos), text)| {
            let id = info.glyph_id as u16;
            Glyph {
                id,
                advance: pos.x_advance as f32 / em,
                natural_advance: shaper.glyph_hor_advance(GlyphId(id)).unwrap_or(0) as f32 / em,
                x_offset: pos.x_offset as f32 / em,
                y_offset: pos.y_offset as f32 / em,
                text,
            }
        })
        .collect();
    Run { face, glyphs }
}

thread_local! {
    /// Building a shaping plan reads the face's GSUB/GPOS feature lists, which costs more
    /// than shaping a short label; a ledger shapes a few hundred labels with three plans.
    static PLANS: RefCell<HashMap<(Face, Direction, Script), Rc<ShapePlan>>> =
        RefCell::new(HashMap::new());
}

fn plan_for(face: Face, direction: Direction, script: Script) -> Rc<ShapePlan> {
    PLANS.with(|plans| {
        plans
            .borrow_mut()
            .entry((face, direction, script))
            .or_insert_with(|| {
                Rc::new(ShapePlan::new(
                    face.shaper(),
                    direction,
                    Some(script),
                    None,
                    &[],
                ))
            })
            .clone()
    })
}

/// The source text of each glyph. A glyph that is a character's own form gets that
/// character; a conjunct or other substituted form gets what is left of its cluster. A PDF
/// maps one text to each glyph id, so mapping plain glyphs to their own character keeps
/// "म" reading as "म" wherever it appears.
fn glyph_texts(
    text: &str,
    infos: &[rustybuzz::GlyphInfo],
    shaper: &rustybuzz::Face<'_>,
) -> Vec<String> {
    let mut texts = vec![String::new(); infos.len()];
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster;
        let end_glyph = (i..infos.len())
            .find(|&j| infos[j].cluster != cluster)
            .unwrap_or(infos.len());
        let end_byte = infos[end_glyph..]
            .iter()
            .map(|g| g.cluster as usize)
            .filter(|&c| c > cluster as usize)
            .min()
            .unwrap_or(text.len());
        let mut left: Vec<char> = text[cluster as usize..end_byte].chars().collect();
        let mut substituted = Vec::new();
        for (j, slot) in texts.iter_mut().enumerate().take(end_glyph).skip(i) {
            let own = left.iter().position(|&c| {
                shaper.glyph_index(c).map(|g| g.0) == Some(infos[j].glyph_id as u16)
            });
            match own {
                Some(k) => *slot = left.remove(k).to_string(),
                None => substituted.push(j),
            }
        }
        if let Some(&first) = substituted.first() {
            texts[first] = left.into_iter().collect();
        }
        i = end_glyph;
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scripts(text: &str) -> Vec<(bool, &str)> {
        split_by_script(text)
    }

    #[test]
    fn hindi_words_and_their_spaces_are_one_run() {
        assert_eq!(
            scripts("श्रीमती लक्ष्मी ₹5,000.00"),
            vec![(true, "श्रीमती लक्ष्मी "), (false, "₹5,000.00")]
        );
        assert_eq!(scripts("Code KNK-00001"), vec![(false, "Code KNK-00001")]);
        assert_eq!(scripts(""), vec![]);
    }

    #[test]
    fn conjuncts_are_shaped_into_fewer_glyphs_than_letters() {
        // क्ष is three code points (क ् ष) drawn as one conjunct glyph.
        let shaped = shape("क्ष", Weight::Regular);
        assert_eq!(shaped.runs.len(), 1);
        assert_eq!(shaped.runs[0].face, Face::DevanagariRegular);
        assert_eq!(shaped.runs[0].glyphs.len(), 1);
        assert_eq!(shaped.runs[0].glyphs[0].text, "क्ष");
    }

    #[test]
    fn the_i_matra_is_drawn_before_its_consonant_but_every_letter_is_kept() {
        // "कि": ि is typed after क but drawn first.
        let shaped = shape("कि", Weight::Regular);
        let glyphs = &shaped.runs[0].glyphs;
        assert_eq!(glyphs.len(), 2);
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text.chars().count(), 2);
        assert!(text.contains('क') && text.contains('ि'));
        assert_eq!(glyphs[1].text, "क", "the consonant comes second");
    }

    #[test]
    fn every_character_of_a_latin_line_is_in_the_text_layer() {
        let shaped = shape("KNK-00042 ₹1,23,456.00 05-03-2026", Weight::Bold);
        let text: String = shaped.runs[0]
            .glyphs
            .iter()
            .map(|g| g.text.as_str())
            .collect();
        assert_eq!(text, "KNK-00042 ₹1,23,456.00 05-03-2026");
        assert!(
            shaped.runs[0].glyphs.iter().all(|g| g.id != 0),
            "no missing glyphs"
        );
        assert!(shaped.width_pt(10.0) > 100.0);
    }
}
