//! The shop's logo: a PNG the owner chose in settings, decoded once into plain RGB pixels
//! (transparency flattened onto white paper) so every document can place it.

use printpdf::{RawImage, RawImageData, RawImageFormat};

/// The largest logo accepted, in pixels on its longer side: enough for 600 dpi print at
/// 8 cm, small enough that a bulk export of thousands of ledgers stays light.
pub const MAX_SIDE: u32 = 2000;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LogoError {
    #[error("is not a PNG image the printer can use ({0})")]
    NotPng(String),
    #[error("is {0}×{1} pixels; at most {MAX_SIDE} on each side")]
    TooLarge(u32, u32),
}

/// A decoded logo. Constructed only from a PNG that decodes, so a document never meets a
/// broken image.
#[derive(Clone, PartialEq)]
pub struct Logo {
    pub(crate) image: RawImage,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({}×{})", self.image.width, self.image.height)
    }
}

impl Logo {
    pub fn from_png(bytes: &[u8]) -> Result<Logo, LogoError> {
        let not_png = |e: &dyn std::fmt::Display| LogoError::NotPng(e.to_string());
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(|e| not_png(&e))?;
        let (width, height) = (reader.info().width, reader.info().height);
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(LogoError::TooLarge(width, height));
        }
        let mut buf = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut buf).map_err(|e| not_png(&e))?;
        let pixels = on_white(&buf[..frame.buffer_size()], frame.color_type.samples());
        Ok(Logo {
            image: RawImage {
                pixels: RawImageData::U8(pixels),
                width: width as usize,
                height: height as usize,
                data_format: RawImageFormat::RGB8,
                tag: Vec::new(),
            },
        })
    }

    /// Width over height.
    pub(crate) fn aspect(&self) -> f32 {
        self.image.width as f32 / self.image.height.max(1) as f32
    }
}

/// RGB pixels from grey, grey+alpha, RGB or RGBA samples, blended onto white.
fn on_white(samples: &[u8], channels: usize) -> Vec<u8> {
    let blend =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    let mut rgb = Vec::with_capacity(samples.len() / channels.max(1) * 3);
    for px in samples.chunks(channels) {
        let (r, g, b, a) = match *px {
            [v] => (v, v, v, 255),
            [v, a] => (v, v, v, a),
            [r, g, b] => (r, g, b, 255),
            [r, g, b, a, ..] => (r, g, b, a),
            [] => continue,
        };
        rgb.extend([blend(r, a), blend(g, a), blend(b, a)]);
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        encoder
            .write_header()
            .unwrap()
            .write_image_data(data)
            .unwrap();
        out
    }

    #[test]
    fn a_transparent_logo_is_printed_on_white_paper() {
        let logo = Logo::from_png(&png(
            2,
            1,
            png::ColorType::Rgba,
            &[200, 0, 0, 255, 0, 0, 0, 0],
        ))
        .unwrap();
        assert_eq!(
            logo.image.pixels,
            RawImageData::U8(vec![200, 0, 0, 255, 255, 255])
        );
        assert_eq!(logo.aspect(), 2.0);
    }

    #[test]
    fn a_file_that_is_not_a_png_or_is_huge_is_refused_with_the_reason() {
        assert!(matches!(
            Logo::from_png(b"GIF89a"),
            Err(LogoError::NotPng(_))
        ));
        let huge = png(2001, 1, png::ColorType::Grayscale, &[0; 2001]);
        assert_eq!(Logo::from_png(&huge), Err(LogoError::TooLarge(2001, 1)));
    }
}
