//! The four embedded faces: Noto Sans for Latin, digits and ₹; Noto Sans Devanagari for
//! Hindi; each in regular and bold. Parsed once per process, because a bulk export prints
//! thousands of ledgers and parsing a face costs more than laying out a page.

use std::sync::LazyLock;

use printpdf::ParsedFont;

static LATIN_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static LATIN_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
static DEVANAGARI_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf");
static DEVANAGARI_BOLD: &[u8] = include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    LatinRegular,
    LatinBold,
    DevanagariRegular,
    DevanagariBold,
}

impl Face {
    pub const ALL: [Face; 4] = [
        Face::LatinRegular,
        Face::LatinBold,
        Face::DevanagariRegular,
        Face::DevanagariBold,
    ];

    pub fn for_script(devanagari: bool, weight: Weight) -> Face {
        match (devanagari, weight) {
            (false, Weight::Regular) => Face::LatinRegular,
            (false, Weight::Bold) => Face::LatinBold,
            (true, Weight::Regular) => Face::DevanagariRegular,
            (true, Weight::Bold) => Face::DevanagariBold,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::LatinRegular => LATIN_REGULAR,
            Face::LatinBold => LATIN_BOLD,
            Face::DevanagariRegular => DEVANAGARI_REGULAR,
            Face::DevanagariBold => DEVANAGARI_BOLD,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The face for shaping (rustybuzz).
    pub fn shaper(self) -> &'static rustybuzz::Face<'static> {
        &LOADED[self.index()].shaper
    }

    /// The face for embedding (printpdf).
    pub fn parsed(self) -> &'static ParsedFont {
        &LOADED[self.index()].parsed
    }
}

struct Loaded {
    shaper: rustybuzz::Face<'static>,
    parsed: ParsedFont,
}

static LOADED: LazyLock<Vec<Loaded>> = LazyLock::new(|| {
    Face::ALL
        .iter()
        .map(|face| Loaded {
            // The fonts are compiled in and checked by the tests, so failing to parse one is
            // a broken build, not a runtime condition.
            shaper: rustybuzz::Face::from_slice(face.bytes(), 0).expect("embedded font parses"),
            parsed: ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
                .expect("embedded font parses"),
        })
        .collect()
});

/// Devanagari letters, signs and digits, the Vedic extensions, and the dandas (। ॥).
pub fn is_devanagari(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{097F}' | '\u{A8E0}'..='\u{A8FF}' | '\u{1CD0}'..='\u{1CFF}')
}
