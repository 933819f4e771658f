//! The loader and the model on one source file of any kind: arbitrary bytes give
//! diagnostics, never a panic, and every diagnostic points into its file at character
//! boundaries and renders.
//!
//! Input: the first byte chooses the kind of file (`KINDS`), the rest is the file.
#![no_main]

use kansli::diag::{Color, render};
use kansli::source::MemSource;
use libfuzzer_sys::fuzz_target;

/// A path of each kind of source file (the loader tells the kind from the path).
const KINDS: &[&str] = &[
    "content/site.toml",
    "content/organisation/municipalities.toml",
    "content/organisation/people.toml",
    "content/organisation/bodies/kommunchefsgruppen.toml",
    "content/strategy/plan.toml",
    "content/strategy/areas.toml",
    "content/meetings/kommunchefsgruppen/2013-05-15.toml",
    "content/groups/webb/plan-2013.toml",
    "content/groups/webb/report-2013.toml",
    "content/indicators/unga.toml",
    "content/groups/webb/group.toml",
];

fuzz_target!(|data: &[u8]| {
    let Some((kind, file)) = data.split_first() else { return };
    let mut source = MemSource::new("2026-11-22".parse().expect("a date"));
    source.insert(KINDS[*kind as usize % KINDS.len()], file.to_vec());
    let checked = kansli::check::check(&source).expect("a site in memory lists");
    for diagnostic in &checked.diagnostics {
        for location in diagnostic.location.iter().chain(diagnostic.notes.iter().map(|n| &n.location)) {
            if let Some(span) = &location.span {
                let text = checked.files.text(location.file);
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?} in {} bytes", text.len());
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?}");
            }
        }
        let _ = render(diagnostic, &checked.files, Color::Never);
    }
});
