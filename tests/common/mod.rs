//! A small builder for fixture sites: start from a folder, change files, check, and read
//! the rendered diagnostics. Edits panic when their anchor text is missing, so a test
//! cannot silently check an unchanged site.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use kansli::check::{Checked, check};
use kansli::diag::{Color, render};
use kansli::source::MemSource;

/// The day every test site treats as today.
pub const TODAY: Date = Date::constant(2026, 11, 22);

/// How many random cases a slow property test runs: `default`, or `PROPTEST_CASES` when
/// set, for a longer run by hand (`PROPTEST_CASES=200 cargo test --release --test incremental`).
pub fn cases(default: u32) -> u32 {
    match std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()) {
        Some(n) => n,
        None => default,
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct TestSite {
    pub source: MemSource,
}

impl TestSite {
    /// The small valid site in tests/fixtures/minimal.
    pub fn minimal() -> Self {
        Self::from_dir(&repo().join("tests/fixtures/minimal"))
    }

    /// Every file under `root` (which holds content/), read into memory.
    pub fn from_dir(root: &Path) -> Self {
        let mut source = MemSource::new(TODAY);
        for path in files_under(root) {
            let rel = path.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
            source.insert(rel, std::fs::read(&path).unwrap());
        }
        TestSite { source }
    }

    pub fn write(&mut self, path: &str, text: &str) -> &mut Self {
        self.source.insert(path, text.as_bytes().to_vec());
        self
    }

    pub fn write_bytes(&mut self, path: &str, bytes: &[u8]) -> &mut Self {
        self.source.insert(path, bytes.to_vec());
        self
    }

    pub fn read(&self, path: &str) -> String {
        use kansli::source::Source;
        String::from_utf8(self.source.read(path).unwrap()).unwrap()
    }

    /// Replaces the one occurrence of `from` in the file with `to`.
    pub fn edit(&mut self, path: &str, from: &str, to: &str) -> &mut Self {
        let text = self.read(path);
        assert_eq!(text.matches(from).count(), 1, "{path} should contain {from:?} exactly once");
        self.write(path, &text.replacen(from, to, 1))
    }

    /// Appends text to a file.
    pub fn append(&mut self, path: &str, extra: &str) -> &mut Self {
        let text = self.read(path);
        self.write(path, &format!("{text}{extra}"))
    }

    pub fn remove(&mut self, path: &str) -> &mut Self {
        assert!(self.source.remove(path).is_some(), "{path} is not in the site");
        self
    }

    pub fn check(&self) -> Checked {
        check(&self.source).expect("an in-memory site can always be listed")
    }

    /// Every diagnostic, rendered without colour, separated by blank lines.
    pub fn diagnostics(&self) -> String {
        let checked = self.check();
        checked.diagnostics.iter().map(|d| render(d, &checked.files, Color::Never)).collect::<Vec<_>>().join("\n")
    }

    /// Writes the site to a fresh temporary folder (for tests that run the binary).
    pub fn to_temp_dir(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in self.source.files() {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, bytes).unwrap();
        }
        dir
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out.sort();
    out
}
