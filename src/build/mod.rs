//! The build: check the sources, render every artefact in parallel, publish atomically.
//!
//! `build` is the orchestration. It runs `check` (load + model), makes the edition, and
//! `render_site` puts every artefact into a [`Sink`] with a fingerprint of what it is made
//! from. The disk sink writes a staging folder, links unchanged artefacts from the current
//! output instead of making them again, and swaps the folder in (`write`). Sources with
//! errors build nothing and leave the output folder as it was.

pub mod output;
pub mod sink;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{Checked, check};
use crate::diag::{Diagnostic, Location, SourceFiles};
use crate::model::{AttachmentTarget, Edition, Model};
use crate::render::pages::{self, Ctx, Job, PageOut};
use crate::render::pdf::{self, documents};
use crate::render::{Artefact, search, theme};
use crate::source::Source;
pub use sink::{DiskSink, Fingerprint, Made, Manifest, MemorySink, Placed, Sink};

/// What to build.
#[derive(Clone, Debug)]
pub struct Options {
    pub out: PathBuf,
    pub edition: Edition,
    /// Typeset the PDFs (protocols, board packets, plans, reports, compilations).
    pub pdfs: bool,
    /// The site's cache folder (fingerprints of the last build); `None` builds everything.
    pub cache: Option<PathBuf>,
}

/// Told how long work goes: the CLI draws a progress bar, tests say nothing.
pub trait Progress: Sync {
    fn start(&self, _phase: &str, _total: u64) {}
    fn tick(&self) {}
    fn finish(&self) {}
}

/// Progress that says nothing.
#[derive(Debug)]
pub struct Quiet;

impl Progress for Quiet {}

/// How long each phase of a build took, in order (for `--timings` and the benchmarks).
#[derive(Clone, Debug, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Records the time since `start` as `phase`, and restarts the clock.
    pub fn since(&mut self, phase: &'static str, start: &mut Instant) {
        let now = Instant::now();
        self.0.push((phase, now - *start));
        *start = now;
    }
}

/// What rendering a site made.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub pages: usize,
    /// Pages rendered now (the rest were unchanged).
    pub pages_made: usize,
    pub pdfs: usize,
    /// PDFs typeset now.
    pub pdfs_made: usize,
    /// Every file of the site.
    pub files: usize,
    pub bytes: u64,
    /// Warnings found while rendering (a plan longer than two pages …), located in the
    /// checked sources.
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// Per kind of page, largest first: the time spent on each page (view, fingerprint,
    /// template, writing), summed over all threads.
    pub page_kinds: KindTimes,
    /// Per kind of PDF, in the order typeset: the wall time from its first PDF to its
    /// last (the build typesets one kind after another).
    pub pdf_kinds: KindTimes,
}

/// Per kind of artefact: how many, and how long they took (for `--timings` and the
/// benchmarks).
#[derive(Clone, Debug, Default)]
pub struct KindTimes(pub Vec<(&'static str, usize, Duration)>);

impl KindTimes {
    /// Counts `count` artefacts of `kind` that took `took`.
    pub fn add(&mut self, kind: &'static str, count: usize, took: Duration) {
        match self.0.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, n, time)) => {
                *n += count;
                *time += took;
            }
            None => self.0.push((kind, count, took)),
        }
    }

    fn sort(&mut self) {
        self.0.sort_by_key(|k| std::cmp::Reverse(k.2));
    }
}

/// What a build made.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub stats: Stats,
    pub elapsed: Duration,
}

/// Why a build made nothing.
#[derive(Debug)]
pub enum Failure {
    /// The sources have errors: every diagnostic, for printing.
    Content(Box<Checked>),
    /// The theme or a template is broken: diagnostics, and the template texts they point into.
    Theme(SourceFiles, Vec<Diagnostic>),
    /// Reading or writing failed.
    Io(std::io::Error),
}

impl Failure {
    fn theme(diagnostic: Diagnostic) -> Self {
        Failure::Theme(SourceFiles::new(), vec![diagnostic])
    }
}

/// Typeset PDFs per chunk; typst's memo cache is emptied between chunks. Documents share
/// little of typst's memoised work (fonts are loaded outside it), and what one chunk
/// leaves grows fast: at 1,000 meetings, chunks of 64 kept for two evictions peak at
/// 659 MB, chunks of 16 emptied each time at 184 MB, typesetting about 5 % slower.
const PDF_CHUNK: usize = 16;

/// The pages the search index covers: the records, bodies, groups' years, strategy, areas,
/// municipalities and people. (`data-search-body` in their templates marks the content
/// area within them; a person's or a municipality's lists of other pages are left out.)
pub fn indexed(job: &Job) -> bool {
    matches!(
        job,
        Job::Meeting(_)
            | Job::Body(_)
            | Job::GroupYear(..)
            | Job::Strategy
            | Job::Area(_)
            | Job::Municipality(_)
            | Job::Person(_)
    )
}

/// Renders the whole site for `model` (an edition already made) into `sink`.
pub fn render_site(
    source: &dyn Source,
    model: &Model,
    edition: Edition,
    pdfs: bool,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Stats, Failure> {
    let mut stats = Stats::default();
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let files = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let count = |placed: &Placed| {
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(placed.size, Ordering::Relaxed);
    };

    let theme = theme::load(source, &model.site.theme).map_err(|(files, d)| Failure::Theme(files, d))?;
    let theme_fp = *theme.fingerprint.as_bytes();
    let mut ctx = Ctx::new(model, &theme.strings, edition, pdfs);
    timings.since("tema och index", &mut clock);

    // Attachments first: the check has just read them, so they are still in the page
    // cache (on a large site the output written later pushes them out).
    let placed: Vec<Placed> = attachment_paths(model)
        .par_iter()
        .map(|path| {
            let bytes = source.read(path).map_err(Failure::Io)?;
            sink.put_bytes(&crate::render::urls::attachment(path), bytes)
        })
        .collect::<Result<_, _>>()?;
    placed.iter().for_each(count);
    timings.since("bilagor", &mut clock);

    // PDFs and data files before the pages, which show their sizes.
    let sizes: Mutex<HashMap<String, u64>> = Mutex::new(HashMap::new());
    if pdfs {
        let Typeset { placed, warnings, made, kinds } = typeset_all(source, &theme, &ctx, sink, progress)?;
        stats.pdfs = placed.len();
        stats.pdfs_made = made;
        stats.warnings = warnings;
        stats.pdf_kinds = kinds;
        let mut sizes = sizes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (path, p) in placed {
            count(&p);
            sizes.insert(path, p.size);
        }
    }
    timings.since("PDF", &mut clock);
    crate::render::data::each(model, pdfs, &|artefact| {
        let placed = sink.put_bytes(&artefact.path, artefact.bytes)?;
        count(&placed);
        // Pages show the sizes of the tables, not of the OParl export's many files.
        if !artefact.path.starts_with(crate::render::oparl::ROOT) {
            sizes.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(artefact.path, placed.size);
        }
        Ok(())
    })?;
    ctx.file_sizes = sizes.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let ctx = ctx;
    timings.since("öppna data", &mut clock);

    ctx.decision_rows();
    let site = pages::site_view(&ctx);
    let site_json = serde_json::to_vec(&site).unwrap_or_default();
    let jobs = pages::plan(&ctx);
    progress.start("sidor", jobs.len() as u64);
    let rendered: Vec<Result<RenderedPage, Failure>> = jobs
        .par_iter()
        .map(|job| {
            let began = Instant::now();
            let page = pages::view(&ctx, job);
            let fingerprint = page_fingerprint(&theme_fp, &site_json, &page);
            let path = pages::file_path(&page);
            let is_indexed = indexed(job);
            let mut page = Some(page);
            // A page made now is read for the search index while its text is at hand.
            let mut doc = None;
            let placed = sink.put(&path, fingerprint, &mut || {
                let page = page.take().expect("a page is made once");
                let artefact = pages::render(&theme, &site, &ctx, page).map_err(Failure::theme)?;
                if is_indexed {
                    doc = search_doc(&path, &artefact.bytes);
                }
                Ok(Made { bytes: artefact.bytes, pages: None })
            })?;
            progress.tick();
            Ok(RenderedPage {
                path,
                fingerprint,
                indexed: is_indexed,
                placed,
                doc,
                kind: job.kind(),
                took: began.elapsed(),
            })
        })
        .collect();
    progress.finish();
    let mut page_paths = Vec::with_capacity(rendered.len());
    let mut search_input: Vec<(String, Fingerprint, Option<search::Doc>)> = Vec::new();
    let mut errors = Vec::new();
    for result in rendered {
        match result {
            Ok(RenderedPage { path, fingerprint, indexed, placed, doc, kind, took }) => {
                stats.page_kinds.add(kind, 1, took);
                count(&placed);
                stats.pages += 1;
                stats.pages_made += usize::from(placed.made);
                if indexed {
                    search_input.push((path.clone(), fingerprint, doc));
                }
                page_paths.push(path);
            }
            Err(Failure::Theme(_, diagnostics)) => {
                // A fault in a template fails every page made with it: it is shown once,
                // for the first of them.
                for d in diagnostics {
                    let shown = d.location.is_some() && errors.iter().any(|e: &Diagnostic| e.location == d.location);
                    if errors.len() < 20 && !shown {
                        errors.push(d);
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Theme(theme.templates.clone(), errors));
    }
    stats.page_kinds.sort();
    timings.since("sidor", &mut clock);

    // The search index covers the indexed pages; unchanged pages, unchanged index.
    search_input.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hasher = blake3::Hasher::new();
    hasher.update(&theme_fp);
    for (path, fingerprint, _) in &search_input {
        hasher.update(path.as_bytes());
        hasher.update(fingerprint.0.as_bytes());
    }
    let search_fp = Fingerprint::of(&[hasher.finalize().as_bytes()]);
    let (search_files, _) = sink.put_group(SEARCH_GROUP, search_fp, &mut || {
        // Pages taken over unchanged are read back from the output.
        let docs: Vec<search::Doc> = std::mem::take(&mut search_input)
            .into_par_iter()
            .filter_map(|(path, _, doc)| doc.or_else(|| search_doc(&path, &sink.read(&path)?)))
            .collect();
        Ok(search::index(docs))
    })?;
    files.fetch_add(search_files, Ordering::Relaxed);
    timings.since("sökindex", &mut clock);

    let mut small = supplements(&ctx, &page_paths);
    for (path, bytes) in &theme.statics {
        small.push(Artefact::new(format!("assets/{path}"), bytes.clone()));
    }
    small.into_par_iter().try_for_each(|artefact| {
        count(&sink.put_bytes(&artefact.path, artefact.bytes)?);
        Ok::<_, Failure>(())
    })?;
    timings.since("flöden och sitemap", &mut clock);

    stats.files = files.into_inner();
    stats.bytes = bytes.into_inner();
    stats.timings = timings;
    Ok(stats)
}

/// The files that summarise the pages (`page_paths`, as their files): the decisions
/// filter's data (decisions and facets), the sitemap (the pages and, when the build makes
/// them, the PDFs), and the feeds and calendars.
pub fn supplements(ctx: &Ctx, page_paths: &[String]) -> Vec<Artefact> {
    // One after the other: made side by side they would hold their buffers at once, at
    // the end of the build, when its memory peaks.
    let mut out = vec![
        Artefact::new(
            pages::lists::DECISIONS_FILTER_DATA,
            serde_json::to_vec(pages::lists::decisions_json(ctx)).unwrap_or_default(),
        ),
        Artefact::new(
            pages::lists::DECISIONS_FACETS_DATA,
            serde_json::to_vec(&pages::lists::facets_json(ctx)).unwrap_or_default(),
        ),
    ];
    out.push(Artefact::new(output::MARKER, output::marker(ctx.edition)));
    let mut page_urls: Vec<String> = page_paths.iter().map(|p| p.trim_end_matches("index.html").to_string()).collect();
    // The PDFs are the official documents: crawlers should find them too.
    if ctx.pdfs {
        page_urls.extend(crate::render::pdf::documents::plan(ctx).into_iter().map(|(_, path)| path));
    }
    // The internal edition invites no crawler: no sitemap, and a robots.txt that
    // forbids everything.
    match ctx.edition {
        Edition::Internal => out.push(crate::render::sitemap::robots_internal()),
        _ => out.extend(crate::render::sitemap::sitemap(ctx.model, &page_urls)),
    }
    out.extend(crate::render::feeds::feeds(ctx.model, ctx.pdfs));
    out
}

/// What rendering one page gave.
struct RenderedPage {
    path: String,
    fingerprint: Fingerprint,
    indexed: bool,
    placed: Placed,
    /// The page as the search index reads it, when it was made now.
    doc: Option<search::Doc>,
    kind: &'static str,
    /// From the view to the written file, on one thread.
    took: Duration,
}

/// The artefact group of the search index (`render::search`).
const SEARCH_GROUP: &str = "sok";

/// A rendered page (`file`, as written to the output) as the search index reads it.
pub fn search_doc(file: &str, html: &[u8]) -> Option<search::Doc> {
    let url = file.strip_suffix("index.html").unwrap_or(file);
    search::extract(std::str::from_utf8(html).ok()?, url)
}

/// Renders the site into memory: every artefact, sorted by path (tests, the library API).
pub fn render_to_memory(
    source: &dyn Source,
    model: &Model,
    edition: Edition,
    pdfs: bool,
) -> Result<(Vec<Artefact>, Stats), Failure> {
    let sink = MemorySink::default();
    let stats = render_site(source, model, edition, pdfs, &sink, &Quiet)?;
    Ok((sink.into_artefacts(), stats))
}

/// What a page is made from: its whole view, the site, and the theme (templates,
/// strings, assets). The same fingerprint renders the same bytes.
fn page_fingerprint(theme: &[u8; 32], site: &[u8], page: &PageOut) -> Fingerprint {
    let mut bytes = serde_json::to_vec(page).unwrap_or_default();
    // The view is not part of the serialized PageOut; a view that cannot be written
    // fingerprints as its part so far (and fails at rendering, with a diagnostic).
    let _ = page.data.write_json(&mut bytes);
    Fingerprint::of(&[theme, site, &bytes])
}

/// What a PDF is made from: its template, data, files and standard, and the theme.
pub fn pdf_fingerprint(theme: &[u8; 32], document: &pdf::Document) -> Fingerprint {
    let data = serde_json::to_vec(&document.data).unwrap_or_default();
    let mut files = blake3::Hasher::new();
    for (name, bytes) in &document.files {
        files.update(name.as_bytes());
        files.update(&(bytes.len() as u64).to_le_bytes());
        files.update(bytes);
    }
    let standard = format!("{:?}", document.standard);
    Fingerprint::of(&[
        theme,
        document.template.as_bytes(),
        &data,
        files.finalize().as_bytes(),
        standard.as_bytes(),
        document.ident.as_bytes(),
    ])
}

/// The attachment files the edition keeps, by their path in the source.
pub fn attachment_paths(model: &Model) -> Vec<&str> {
    let mut paths: Vec<&str> = model
        .meetings
        .iter()
        .flat_map(|m| &m.items)
        .flat_map(|i| &i.attachments)
        .filter_map(|a| match &a.target {
            AttachmentTarget::File { path, .. } => Some(path.as_str()),
            _ => None,
        })
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// What typesetting the PDFs made.
struct Typeset {
    placed: Vec<(String, Placed)>,
    warnings: Vec<Diagnostic>,
    /// PDFs typeset now (the rest were unchanged).
    made: usize,
    kinds: KindTimes,
}

/// One PDF put: its path, where it went, and a two-page warning if it has one.
type PdfPut = Result<(String, Placed, Option<Diagnostic>), Failure>;

/// Every PDF of the site, typeset in parallel unless unchanged.
fn typeset_all(
    source: &dyn Source,
    theme: &theme::Theme,
    ctx: &Ctx,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Typeset, Failure> {
    let theme_fp = *theme.fingerprint.as_bytes();
    let engine = pdf::Engine::new(theme, &ctx.model.site.theme);
    let mut plan = documents::plan(ctx);
    // One kind after another (in the plan's order within each), so that each kind's
    // time is its own. A PDF's own time says little: typst hands parts of a document to
    // rayon's threads too, and a thread waiting for them typesets other PDFs meanwhile.
    plan.sort_by_key(|(kind, _)| kind.rank());
    progress.start("PDF", plan.len() as u64);
    let mut typeset =
        Typeset { placed: Vec::with_capacity(plan.len()), warnings: Vec::new(), made: 0, kinds: KindTimes::default() };
    for of_kind in plan.chunk_by(|a, b| a.0.rank() == b.0.rank()) {
        let began = Instant::now();
        for chunk in of_kind.chunks(PDF_CHUNK) {
            let results: Vec<PdfPut> = chunk
                .par_iter()
                .map(|(kind, path)| {
                    let document = documents::document(ctx, *kind, source).map_err(Failure::Io)?;
                    let fingerprint = pdf_fingerprint(&theme_fp, &document);
                    let placed = sink.put(path, fingerprint, &mut || {
                        let what = format!("kunde inte skapa PDF-filen {path}");
                        let pdf =
                            engine.typeset(&document, &what).map_err(|f| Failure::Theme(f.files, f.diagnostics))?;
                        Ok(Made { bytes: pdf.bytes, pages: Some(pdf.pages as u32) })
                    })?;
                    progress.tick();
                    let warning = placed.pages.and_then(|p| page_limit(ctx.model, *kind, p as usize));
                    Ok((path.clone(), placed, warning))
                })
                .collect();
            let mut any_made = false;
            for result in results {
                let (path, placed, warning) = result?;
                any_made |= placed.made;
                typeset.made += usize::from(placed.made);
                typeset.placed.push((path, placed));
                typeset.warnings.extend(warning);
            }
            if any_made {
                pdf::evict(0);
            }
        }
        typeset.kinds.add(of_kind[0].0.name(), of_kind.len(), began.elapsed());
    }
    progress.finish();
    Ok(typeset)
}

/// Mall 1 and Mall 2 allow two pages. Longer is a warning, not an error: the plan is the
/// group's own text, and publishing it as written is better than holding back the site;
/// the warning tells the kanslichef which group to ask to shorten it.
fn page_limit(model: &Model, kind: documents::Kind, pages: usize) -> Option<Diagnostic> {
    use documents::Kind;
    const LIMIT: usize = 2;
    let (file, what, year) = match kind {
        Kind::Plan(id) => (model.plan(id).file, "verksamhetsplanen", model.plan(id).year),
        Kind::Report(id) => (model.reports[id.index()].file, "verksamhetsberättelsen", model.reports[id.index()].year),
        _ => return None,
    };
    (pages > LIMIT).then(|| {
        Diagnostic::warning(format!("{what} {year} blir {pages} sidor i PDF; mallen tillåter högst {LIMIT}"))
            .at(Location::file(file))
            .with_hint("korta texterna eller färre mål och aktiviteter; mer detaljerade planer hålls utanför")
    })
}

/// Checks, renders and publishes the site.
pub fn build(source: &dyn Source, options: &Options, progress: &dyn Progress) -> Result<(Report, Checked), Failure> {
    let started = Instant::now();
    // The command line checks the output folder first, with a hint; this guards every
    // other caller of the library.
    if let Some(root) = source.disk_path("") {
        output::check(&root, &options.out, options.edition, options.cache.as_deref())
            .map_err(|d| Failure::Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, d.message)))?;
    }
    let mut checked = check(source).map_err(Failure::Io)?;
    let check_time = started.elapsed();
    if checked.errors() > 0 {
        return Err(Failure::Content(Box::new(checked)));
    }
    // From here on the sources' texts serve only the warnings' snippets.
    checked.files.keep_texts_for(&checked.diagnostics);
    let model = checked.model.edition(options.edition);
    let manifest_path = options
        .cache
        .as_ref()
        .map(|cache| sink::manifest_path(cache, &options.out, options.edition == Edition::Internal));
    let previous = manifest_path.as_deref().map(Manifest::load).unwrap_or_default();
    let staging = crate::write::Staging::new(&options.out).map_err(Failure::Io)?;
    let sink = DiskSink::new(staging, previous);
    let mut stats = render_site(source, &model, options.edition, options.pdfs, &sink, progress)?;
    let mut clock = Instant::now();
    // Nothing changed: the output and its manifest stay as they are.
    let unchanged = sink.unchanged();
    // The old manifest describes the output about to be replaced. It goes first, so that
    // a manifest that cannot be saved leaves none (the next build makes everything) rather
    // than one that would reuse files of the old site.
    if let Some(path) = manifest_path.as_ref().filter(|_| !unchanged) {
        let _ = std::fs::remove_file(path);
    }
    let manifest = sink.commit()?;
    // Published: from here on, nothing fails the build.
    if let Some(path) = manifest_path.as_ref().filter(|_| !unchanged)
        && let Err(error) = manifest.save(path)
    {
        let _ = std::fs::remove_file(path);
        stats.warnings.push(
            Diagnostic::warning(format!(
                "bygget publicerades, men cachen kunde inte sparas: {}",
                crate::source::with_path(error, path.parent().unwrap_or(path))
            ))
            .with_hint("nästa bygge gör om allt i stället för att återanvända filer"),
        );
    }
    let mut timings = Timings(vec![("läsa och kontrollera", check_time)]);
    timings.0.append(&mut stats.timings.0);
    timings.since("publicera", &mut clock);
    stats.timings = timings;
    Ok((Report { stats, elapsed: started.elapsed() }, checked))
}
