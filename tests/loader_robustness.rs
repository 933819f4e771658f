//! No input panics: arbitrary bytes and mutated real sources, in every kind of source
//! file, give diagnostics and never a crash.

mod common;

use common::{TestSite, repo};
use proptest::prelude::*;

/// Every source file of the minimal site and the real Umeåregionen content.
fn seeds() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for site in [TestSite::minimal(), TestSite::from_dir(&repo())] {
        for (path, bytes) in site.source.files() {
            if path.ends_with(".toml") {
                out.push((path.to_string(), String::from_utf8(bytes.to_vec()).unwrap()));
            }
        }
    }
    out
}

/// Applies one edit a secretary might make by mistake.
fn mutate(text: &str, kind: u8, at: usize, fill: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = if chars.is_empty() { 0 } else { at % chars.len() };
    match kind % 6 {
        0 => {
            chars.insert(at, fill.chars().next().unwrap_or('"'));
        }
        1 => {
            if !chars.is_empty() {
                chars.remove(at);
            }
        }
        2 => {
            let end = (at + fill.len()).min(chars.len());
            chars.splice(at..end, fill.chars());
        }
        3 => {
            // Duplicate a line.
            let lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let i = at % lines.len();
                let mut out = lines.clone();
                out.insert(i, lines[i]);
                return out.join("\n");
            }
        }
        4 => {
            // Drop a line.
            let lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let mut out = lines.clone();
                out.remove(at % lines.len());
                return out.join("\n");
            }
        }
        _ => {
            chars.truncate(at);
        }
    }
    chars.into_iter().collect()
}

/// Every span lies in its file and starts and ends between characters. (The fuzz target
/// `load` found the invalid-UTF-8 error ending inside the U+FFFD that replaces the byte.)
fn assert_spans_on_characters(checked: &kansli::check::Checked) {
    for d in &checked.diagnostics {
        for loc in d.location.iter().chain(d.notes.iter().map(|n| &n.location)) {
            if let Some(span) = &loc.span {
                let text = checked.files.text(loc.file);
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?}: {}", d.message);
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{span:?}: {}",
                    d.message
                );
            }
        }
    }
}

#[test]
fn invalid_utf8_is_located_on_the_replacement_character() {
    let mut site = TestSite::minimal();
    let path = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
    let mut bytes = site.read(path).into_bytes();
    bytes.insert(40, 0xff);
    site.write_bytes(path, &bytes);
    assert_spans_on_characters(&site.check());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_in_any_source_file_never_panic(
        which in 0usize..64,
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let seeds = seeds();
        let (path, _) = &seeds[which % seeds.len()];
        let mut site = TestSite::minimal();
        site.write_bytes(path, &bytes);
        let checked = site.check();
        assert_spans_on_characters(&checked);
    }

    #[test]
    fn mutated_sources_never_panic(
        which in 0usize..64,
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), "[\\[\\]{}=\"#\\n a-z0-9.:-]{0,12}"), 1..6),
    ) {
        let seeds = seeds();
        let (path, text) = &seeds[which % seeds.len()];
        let mut text = text.clone();
        for (kind, at, fill) in &edits {
            text = mutate(&text, *kind, *at, fill);
        }
        let mut site = TestSite::minimal();
        site.write(path, &text);
        let checked = site.check();
        // Whatever was found is located in a file that exists.
        for d in &checked.diagnostics {
            if let Some(loc) = &d.location {
                let _ = checked.files.path(loc.file);
            }
        }
        assert_spans_on_characters(&checked);
    }
}
