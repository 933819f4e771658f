//! The pages of a PDF attachment as PNG images, for the board packet.
//!
//! typst cannot place PDF pages in a PDF/A document, so the packet shows each page of a
//! PDF attachment as an image (with a text alternative) and embeds the original file
//! beside it. Rendering is hayro's, in pure Rust. A file that is not a PDF, or that hayro
//! cannot read, gives no images; the original is still embedded.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings, render};

/// Pages shown per attachment; the rest is in the embedded original.
pub(super) const MAX_PAGES: usize = 40;

/// Rendering resolution: 150 dpi is readable on screen and in print.
const SCALE: f32 = 150.0 / 72.0;

/// The pages of a PDF attachment that the packet shows.
#[derive(Default)]
pub(super) struct Pages {
    /// Each shown page's number (from 1) and image, in order; a page hayro cannot render
    /// is left out, and the numbers still say which page each image is.
    pub images: Vec<(usize, Vec<u8>)>,
    /// How many pages the file has (0 if it is not a PDF hayro can read).
    pub total: usize,
}

/// The first [`MAX_PAGES`] pages of `bytes` (if it is a PDF) as PNGs.
pub(super) fn pages(bytes: &[u8]) -> Pages {
    if !bytes.starts_with(b"%PDF") {
        return Pages::default();
    }
    let Ok(pdf) = Pdf::new(bytes.to_vec()) else { return Pages::default() };
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let render_settings = RenderSettings { x_scale: SCALE, y_scale: SCALE, bg_color: WHITE, ..Default::default() };
    let images = pdf
        .pages()
        .iter()
        .take(MAX_PAGES)
        .enumerate()
        .filter_map(|(i, page)| Some((i + 1, render(page, &cache, &settings, &render_settings).into_png().ok()?)))
        .collect();
    Pages { images, total: pdf.pages().len() }
}
