//! Typesets the demo site's attachment files from their typst sources
//! (examples/demo/bilagor-kallor/*.typ) into PDF/A-2b files with embedded fonts, in the
//! place the demo's meetings refer to them (examples/demo/content/bilagor/<år>/).
//!
//!     cargo run --example demo_attachments
//!
//! Attachments are ordinary files a secretary adds; the demo's are made this way so that
//! every PDF of the built demo site is archival and checkable.

use std::path::Path;

use typst::foundations::Smart;
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = root.join("examples/demo/bilagor-kallor");
    let content = root.join("examples/demo/content/bilagor");
    let mut fonts: Vec<Vec<u8>> = std::fs::read_dir(root.join("themes/default/fonts"))
        .expect("themes/default/fonts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "otf"))
        .map(|p| std::fs::read(p).expect("font"))
        .collect();
    fonts.extend(typst_assets::fonts().map(<[u8]>::to_vec));
    let mut files: Vec<(String, String)> = std::fs::read_dir(&sources)
        .expect("examples/demo/bilagor-kallor")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "typ"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    let engine = TypstEngine::builder()
        .fonts(fonts)
        .with_static_source_file_resolver(files.iter().map(|(n, t)| (n.as_str(), t.clone())))
        .build();
    for (name, _) in files.iter().filter(|(n, _)| !n.starts_with('_')) {
        let stem = name.trim_end_matches(".typ");
        let target = ["2025", "2026"]
            .iter()
            .map(|year| content.join(year).join(format!("{stem}.pdf")))
            .find(|p| p.exists())
            .unwrap_or_else(|| content.join(format!("{stem}.pdf")));
        let document: PagedDocument = engine.compile(name.as_str()).output.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let options = PdfOptions {
            ident: Smart::Custom(format!("demo/{stem}")),
            standards: PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b"),
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        std::fs::write(&target, pdf).expect("write");
        println!("{}", target.strip_prefix(root).unwrap().display());
    }
}
