//! Looking at a PDF the way a person or a printer would: poppler's `pdftotext`, `pdfinfo`
//! and `pdftoppm`, and `qpdf --check` (Debian's poppler-utils and qpdf).
#![allow(dead_code, clippy::float_arithmetic)]

use std::io::Write;
use std::process::{Command, Stdio};

fn run(program: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} must be installed (scripts/deps.sh): {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The text layer, page by page in reading order.
pub fn text(pdf: &[u8]) -> String {
    String::from_utf8(run("pdftotext", &["-layout", "-", "-"], pdf)).unwrap()
}

pub fn page_text(pdf: &[u8], page: u32) -> String {
    let p = page.to_string();
    String::from_utf8(run(
        "pdftotext",
        &["-layout", "-f", &p, "-l", &p, "-", "-"],
        pdf,
    ))
    .unwrap()
}

/// `pdfinfo` field, e.g. "Pages" or "Page size".
pub fn info(pdf: &[u8], field: &str) -> String {
    let out = String::from_utf8(run("pdfinfo", &["-"], pdf)).unwrap();
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("pdfinfo has no {field}: {out}"))
        .trim()
        .to_string()
}

pub fn pages(pdf: &[u8]) -> u32 {
    info(pdf, "Pages").parse().unwrap()
}

/// qpdf's structural check of the whole file (xref, streams, fonts).
pub fn qpdf_check(pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is installed");
    assert!(
        out.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A greyscale raster of page 1 at `dpi`: (width, height, pixels).
pub fn render(pdf: &[u8], dpi: u32) -> (u32, u32, Vec<u8>) {
    let r = dpi.to_string();
    let png = run(
        "pdftoppm",
        &["-r", &r, "-gray", "-png", "-singlefile", "-"],
        pdf,
    );
    decode_gray(&png)
}

pub fn decode_gray(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let channels = frame.color_type.samples();
    let grey = buf[..frame.buffer_size()]
        .chunks(channels)
        .map(|px| px[0])
        .collect();
    (frame.width, frame.height, grey)
}

pub fn encode_gray(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(pixels)
        .unwrap();
    out
}

/// How many images `pdfimages -list` finds placed on the pages.
pub fn images(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("images.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages");
    String::from_utf8_lossy(&out.stdout).lines().skip(2).count()
}
