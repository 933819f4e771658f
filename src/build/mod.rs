//! The build: check the sources, render every artefact in parallel, publish atomically.
//!
//! `build` is the orchestration only: the stages it calls are `check` (load + model),
//! `render` (pages, assets, feeds, data) and `write` (atomic publish). Sources with errors
//! build nothing and leave the output folder as it was.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{Checked, check};
use crate::diag::{Diagnostic, Location, SourceFiles};
use crate::model::{AttachmentTarget, Edition, Model};
use crate::render::pages::{self, Ctx};
use crate::render::{Artefact, theme};
use crate::source::Source;

/// What to build.
#[derive(Clone, Debug)]
pub struct Options {
    pub out: PathBuf,
    pub edition: Edition,
    /// Typeset the PDFs (protocols, board packets, plans, reports, compilations).
    pub pdfs: bool,
}

/// How long each phase of a build took, in order (for `--timings` and the benchmarks).
#[derive(Clone, Debug, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    fn since(&mut self, phase: &'static str, start: &mut Instant) {
        let now = Instant::now();
        self.0.push((phase, now - *start));
        *start = now;
    }
}

/// What a build made.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub timings: Timings,
    pub pages: usize,
    /// Typeset PDFs (attachment files are not counted).
    pub pdfs: usize,
    /// Warnings found while rendering (a plan longer than two pages …), located in the
    /// checked sources.
    pub warnings: Vec<Diagnostic>,
    pub files: usize,
    pub bytes: u64,
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

/// The artefacts of a site.
pub struct Rendered {
    pub timings: Timings,
    pub artefacts: Vec<Artefact>,
    pub pages: usize,
    pub pdfs: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Typeset PDFs per chunk; typst's memo cache is evicted between chunks.
const PDF_CHUNK: usize = 64;

/// Renders the whole site for `model` (an edition already made) into artefacts.
pub fn render_site(source: &dyn Source, model: &Model, edition: Edition, pdfs: bool) -> Result<Rendered, Failure> {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let theme = theme::load(source, &model.site.theme).map_err(|d| Failure::Theme(SourceFiles::new(), d))?;
    let mut ctx = Ctx::new(model, &theme.strings, edition, pdfs);
    timings.since("tema och index", &mut clock);
    // PDFs and data files first: the pages show their sizes.
    let (typeset, warnings) = if pdfs { typeset_all(source, &theme, &ctx)? } else { (Vec::new(), Vec::new()) };
    timings.since("PDF", &mut clock);
    let data = crate::render::data::data(model, pdfs);
    timings.since("öppna data", &mut clock);
    ctx.file_sizes = typeset.iter().chain(&data).map(|a| (a.path.clone(), a.bytes.len() as u64)).collect();
    let ctx = ctx;
    let site = pages::site_view(&ctx);
    let jobs = pages::plan(&ctx);
    timings.since("sidplan", &mut clock);
    let rendered: Vec<Result<Artefact, Diagnostic>> =
        jobs.par_iter().map(|job| pages::render(&theme, &site, &ctx, pages::view(&ctx, job))).collect();
    let mut artefacts = Vec::with_capacity(rendered.len() + 64);
    let mut errors = Vec::new();
    for result in rendered {
        match result {
            Ok(a) => artefacts.push(a),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        errors.truncate(20);
        return Err(Failure::Theme(SourceFiles::new(), errors));
    }
    let page_count = artefacts.len();
    timings.since("sidor", &mut clock);
    let search = crate::render::search::index(&artefacts).map_err(|e| {
        Failure::Theme(SourceFiles::new(), vec![Diagnostic::error(format!("sökindexet kunde inte byggas: {e}"))])
    })?;
    artefacts.extend(search);
    timings.since("sökindex", &mut clock);
    for (path, bytes) in &theme.statics {
        artefacts.push(Artefact::new(format!("assets/{path}"), bytes.clone()));
    }
    artefacts.extend(attachments(source, model).map_err(Failure::Io)?);
    timings.since("bilagor och tillgångar", &mut clock);
    let decisions = pages::lists::decisions_json(&ctx);
    artefacts
        .push(Artefact::new(pages::lists::DECISIONS_FILTER_DATA, serde_json::to_vec(&decisions).unwrap_or_default()));
    let page_paths: Vec<String> = artefacts[..page_count].iter().map(|a| a.path.clone()).collect();
    artefacts.extend(crate::render::sitemap::sitemap(model, &page_paths));
    artefacts.extend(crate::render::feeds::feeds(model, pdfs));
    timings.since("flöden och sitemap", &mut clock);
    artefacts.extend(data);
    let pdf_count = typeset.len();
    artefacts.extend(typeset);
    Ok(Rendered { timings, artefacts, pages: page_count, pdfs: pdf_count, warnings })
}

/// Every PDF of the site, typeset in parallel.
fn typeset_all(
    source: &dyn Source,
    theme: &theme::Theme,
    ctx: &Ctx,
) -> Result<(Vec<Artefact>, Vec<Diagnostic>), Failure> {
    use crate::render::pdf::{self, documents};
    let engine = pdf::Engine::new(theme, &ctx.model.site.theme);
    let kinds = documents::plan(ctx);
    let mut artefacts = Vec::with_capacity(kinds.len());
    let mut warnings = Vec::new();
    for chunk in kinds.chunks(PDF_CHUNK) {
        let results: Vec<Result<(Artefact, Option<Diagnostic>), Failure>> = chunk
            .par_iter()
            .map(|(kind, path)| {
                let document = documents::document(ctx, *kind, source).map_err(Failure::Io)?;
                let typeset = engine.typeset(&document).map_err(|f| Failure::Theme(f.files, f.diagnostics))?;
                Ok((Artefact::new(path.clone(), typeset.bytes), page_limit(ctx.model, *kind, typeset.pages)))
            })
            .collect();
        for result in results {
            let (artefact, warning) = result?;
            artefacts.push(artefact);
            warnings.extend(warning);
        }
        pdf::evict(2);
    }
    Ok((artefacts, warnings))
}

/// Mall 1 and Mall 2 allow two pages. Longer is a warning, not an error: the plan is the
/// group's own text, and publishing it as written is better than holding back the site;
/// the warning tells the kanslichef which group to ask to shorten it.
fn page_limit(model: &Model, kind: crate::render::pdf::documents::Kind, pages: usize) -> Option<Diagnostic> {
    use crate::render::pdf::documents::Kind;
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

/// The attachment files the edition keeps, copied under filer/.
fn attachments(source: &dyn Source, model: &Model) -> std::io::Result<Vec<Artefact>> {
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
    paths.par_iter().map(|path| Ok(Artefact::new(crate::render::urls::attachment(path), source.read(path)?))).collect()
}

/// Checks, renders and publishes the site.
pub fn build(source: &dyn Source, options: &Options) -> Result<(Report, Checked), Failure> {
    let started = Instant::now();
    let checked = check(source).map_err(Failure::Io)?;
    let check_time = started.elapsed();
    if checked.errors() > 0 {
        return Err(Failure::Content(Box::new(checked)));
    }
    let model = checked.model.edition(options.edition);
    let rendered = render_site(source, &model, options.edition, options.pdfs)?;
    let mut timings = Timings(vec![("läsa och kontrollera", check_time)]);
    timings.0.extend(rendered.timings.0);
    let mut clock = Instant::now();
    crate::write::publish(&options.out, &rendered.artefacts).map_err(Failure::Io)?;
    timings.since("skriva", &mut clock);
    let report = Report {
        timings,
        pages: rendered.pages,
        pdfs: rendered.pdfs,
        warnings: rendered.warnings,
        files: rendered.artefacts.len(),
        bytes: rendered.artefacts.iter().map(|a| a.bytes.len() as u64).sum(),
        elapsed: started.elapsed(),
    };
    Ok((report, checked))
}
