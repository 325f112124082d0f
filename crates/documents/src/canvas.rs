//! Pages and drawing, in millimetres measured from the top-left corner, the way a paper
//! form is designed. printpdf measures from the bottom-left in points; the conversion lives
//! only here.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use crate::fonts::{Face, Weight};
use crate::logo::Logo;
use crate::text::{Shaped, shape};

const PT_PER_MM: f32 = 72.0 / 25.4;

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// Text style: size in points and weight.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style {
            size,
            weight: Weight::Regular,
        }
    }

    pub const fn bold(size: f32) -> Style {
        Style {
            size,
            weight: Weight::Bold,
        }
    }

    /// A comfortable line height for this size, in mm.
    pub fn line_mm(self) -> f32 {
        self.size * 1.45 / PT_PER_MM
    }
}

/// Width of a text in mm.
pub fn width_mm(text: &str, style: Style) -> f32 {
    shape(text, style.weight).width_pt(style.size) / PT_PER_MM
}

/// Breaks text into lines no wider than `max_mm`, at spaces; a single word wider than the
/// line is left whole rather than cut mid-syllable.
pub fn wrap(text: &str, style: Style, max_mm: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && width_mm(&candidate, style) > max_mm {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

/// The shop's logo as embedded once in a document, for every page to place.
#[derive(Clone)]
struct PlacedLogo {
    id: XObjectId,
    aspect: f32,
    height_px: usize,
}

/// The document being built: its embedded faces and logo, and its finished pages.
pub struct Book {
    doc: PdfDocument,
    fonts: Vec<FontId>,
    logo: Option<PlacedLogo>,
    pages: Vec<PdfPage>,
}

impl Book {
    pub fn new(title: &str, logo: Option<&Logo>) -> Book {
        let mut doc = PdfDocument::new(title);
        let fonts = Face::ALL.iter().map(|f| doc.add_font(f.parsed())).collect();
        let logo = logo.map(|logo| PlacedLogo {
            id: doc.add_image(&logo.image),
            aspect: logo.aspect(),
            height_px: logo.image.height,
        });
        Book {
            doc,
            fonts,
            logo,
            pages: Vec::new(),
        }
    }

    pub fn page(&self, width_mm: f32, height_mm: f32) -> Page {
        Page {
            width: width_mm,
            height: height_mm,
            fonts: self.fonts.clone(),
            logo: self.logo.clone(),
            ops: Vec::new(),
        }
    }

    pub fn add(&mut self, page: Page) {
        let Page {
            width, height, ops, ..
        } = page;
        self.pages.push(PdfPage::new(Mm(width), Mm(height), ops));
    }

    pub fn save(mut self) -> Vec<u8> {
        let pages = std::mem::take(&mut self.pages);
        self.doc
            .with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut Vec::new())
    }
}

/// One page being drawn.
pub struct Page {
    pub width: f32,
    pub height: f32,
    fonts: Vec<FontId>,
    logo: Option<PlacedLogo>,
    ops: Vec<Op>,
}

impl Page {
    /// The logo's width at this height, 0 when the shop has none.
    pub fn logo_width(&self, height: f32) -> f32 {
        self.logo.as_ref().map_or(0.0, |logo| height * logo.aspect)
    }

    /// Places the shop's logo `height` mm tall with its top-left corner at (x, y); returns its
    /// width, or 0 when the shop has no logo.
    pub fn logo(&mut self, x: f32, y: f32, height: f32) -> f32 {
        let Some(logo) = self.logo.clone() else {
            return 0.0;
        };
        // An image is drawn at its pixel size for a dpi; choose the dpi that makes it `height` mm.
        let dpi = logo.height_px as f32 * 25.4 / height;
        self.ops.push(Op::UseXobject {
            id: logo.id,
            transform: XObjectTransform {
                translate_x: Some(pt(x)),
                translate_y: Some(pt(self.height - y - height)),
                dpi: Some(dpi),
                ..XObjectTransform::default()
            },
        });
        height * logo.aspect
    }

    /// Draws text with its baseline at `y` mm from the top; `x` is the left edge, the right
    /// edge or the centre depending on `align`. Returns the width drawn, in mm.
    pub fn text(&mut self, x: f32, y: f32, style: Style, align: Align, text: &str) -> f32 {
        let shaped = shape(text, style.weight);
        let width = shaped.width_pt(style.size) / PT_PER_MM;
        let left = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        self.glyphs(pt(left).0, pt(self.height - y).0, style.size, &shaped);
        width
    }

    /// Places shaped runs from (x, y) in points from the bottom-left. Glyphs carrying a
    /// positioning offset (Devanagari marks) get a text matrix of their own; the rest go out
    /// as one TJ array with kerning adjustments.
    fn glyphs(&mut self, mut x: f32, y: f32, size: f32, shaped: &Shaped) {
        self.ops.push(Op::StartTextSection);
        for run in &shaped.runs {
            let font = PdfFontHandle::External(self.fonts[run.face.index()].clone());
            self.ops.push(Op::SetFont {
                font,
                size: Pt(size),
            });
            let mut batch: Vec<printpdf::Codepoint> = Vec::new();
            let mut batch_x = x;
            for glyph in &run.glyphs {
                let offset = glyph.x_offset != 0.0 || glyph.y_offset != 0.0;
                if offset {
                    self.show(batch_x, y, std::mem::take(&mut batch));
                    let one = vec![codepoint(glyph, 0.0)];
                    self.show(x + glyph.x_offset * size, y + glyph.y_offset * size, one);
                    batch_x = x + glyph.advance * size;
                } else {
                    let adjust = (glyph.natural_advance - glyph.advance) * 1000.0;
                    batch.push(codepoint(glyph, adjust));
                }
                x += glyph.advance * size;
            }
            self.show(batch_x, y, batch);
        }
        self.ops.push(Op::EndTextSection);
    }

    fn show(&mut self, x: f32, y: f32, glyphs: Vec<printpdf::Codepoint>) {
        if glyphs.is_empty() {
            return;
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(y)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }

    /// A straight line between two points, `thickness` in points.
    pub fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::SetOutlineColor { col: grey(0.0) });
        let point = |x: f32, y: f32| LinePoint {
            p: Point::new(Mm(x), Mm(self.height - y)),
            bezier: false,
        };
        let line = Line {
            points: vec![point(x1, y1), point(x2, y2)],
            is_closed: false,
        };
        self.ops.push(Op::DrawLine { line });
    }

    /// A filled rectangle, `shade` 0 (black) to 1 (white): table headers, QR modules.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, shade: f32) {
        self.ops.push(Op::SetFillColor { col: grey(shade) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(self.height - y - h),
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
        // Text after a shaded box is black again.
        self.ops.push(Op::SetFillColor { col: grey(0.0) });
    }
}

fn grey(shade: f32) -> Color {
    Color::Greyscale(Greyscale::new(shade, None))
}

fn codepoint(glyph: &crate::text::Glyph, adjust: f32) -> printpdf::Codepoint {
    printpdf::Codepoint {
        gid: glyph.id,
        offset: adjust,
        cid: Some(glyph.text.clone()),
    }
}

/// The text cut to fit `max_mm`, ending in "…" when it had to be cut: a long cheque
/// reference must not run into the next column.
pub fn fit(text: &str, style: Style, max_mm: f32) -> String {
    if width_mm(text, style) <= max_mm {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>() + "…";
        if width_mm(&candidate, style) <= max_mm {
            return candidate;
        }
    }
    String::new()
}
