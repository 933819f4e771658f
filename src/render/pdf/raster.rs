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

/// Each page of `bytes` (if it is a PDF) as a PNG.
pub(super) fn pages(bytes: &[u8]) -> Vec<Vec<u8>> {
    if !bytes.starts_with(b"%PDF") {
        return Vec::new();
    }
    let Ok(pdf) = Pdf::new(bytes.to_vec()) else { return Vec::new() };
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let render_settings = RenderSettings { x_scale: SCALE, y_scale: SCALE, bg_color: WHITE, ..Default::default() };
    pdf.pages()
        .iter()
        .take(MAX_PAGES)
        .filter_map(|page| render(page, &cache, &settings, &render_settings).into_png().ok())
        .collect()
}
