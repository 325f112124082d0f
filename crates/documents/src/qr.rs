//! A QR code of the enrollment number, drawn as vector squares so it scans at any print
//! resolution: the counter's scanner reads it to bring the enrollment up.

use qrcode::{Color, EcLevel, QrCode};

use crate::canvas::Page;

/// Draws `data` as a QR code with its top-left corner at (x, y), `size` mm square
/// (the four-module quiet zone a scanner needs is inside that square).
pub fn draw(page: &mut Page, x: f32, y: f32, size: f32, data: &str) {
    // Enrollment numbers are short ASCII, far below QR's capacity; should one ever not fit,
    // the passbook is still valid without its code.
    let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else {
        return;
    };
    let modules = code.width();
    let quiet = 4;
    let cell = size / (modules + 2 * quiet) as f32;
    let colors = code.to_colors();
    for row in 0..modules {
        let mut col = 0;
        while col < modules {
            if colors[row * modules + col] != Color::Dark {
                col += 1;
                continue;
            }
            // One rectangle per horizontal run of dark modules keeps the page small.
            let start = col;
            while col < modules && colors[row * modules + col] == Color::Dark {
                col += 1;
            }
            let left = x + (start + quiet) as f32 * cell;
            let top = y + (row + quiet) as f32 * cell;
            page.fill(left, top, (col - start) as f32 * cell, cell, 0.0);
        }
    }
}
