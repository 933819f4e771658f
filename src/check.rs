//! Load and validate a whole site: the part `check`, `build` and `serve` share.

use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, SourceFiles};
use crate::load::Cache;
use crate::model::{self, Memo, Model};
use crate::source::Source;

/// The outcome of checking a site.
#[derive(Debug)]
pub struct Checked {
    /// The model; valid for rendering only when `errors() == 0`.
    pub model: Model,
    pub files: SourceFiles,
    /// Every diagnostic, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The number of source files read.
    pub source_count: usize,
    pub elapsed: Duration,
    /// Of `elapsed`, the time spent reading and decoding the files (the rest is the model).
    pub loading: Duration,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Loads and validates every source of the site. Errors of the site's content are
/// diagnostics; only failing to list the content folder is an I/O error.
pub fn check(source: &dyn Source) -> std::io::Result<Checked> {
    let started = Instant::now();
    let loaded = crate::load::load(source)?;
    let loading = started.elapsed();
    let source_count = loaded.source_count;
    let built = model::build(loaded, source.today());
    Ok(checked(built, source_count, started, loading))
}

/// Like [`check`], but reads and decodes only files that changed since the last check
/// with the same `cache`, and resolves only meetings that `memo` cannot give back
/// (`serve`). The outcome is the same as [`check`]'s.
pub fn check_cached(source: &dyn Source, cache: &mut Cache, memo: &mut Memo) -> std::io::Result<Checked> {
    let started = Instant::now();
    let loaded = crate::load::load_cached(source, cache)?;
    let loading = started.elapsed();
    let source_count = loaded.source_count;
    let built = model::build_memo(loaded, source.today(), memo);
    Ok(checked(built, source_count, started, loading))
}

fn checked(built: model::Built, source_count: usize, started: Instant, loading: Duration) -> Checked {
    let diagnostics = built.diagnostics.sorted(&built.files);
    let (model, files, elapsed) = (built.model, built.files, started.elapsed());
    Checked { model, files, diagnostics, source_count, elapsed, loading }
}
