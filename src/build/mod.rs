//! The build: check the sources, render every artefact in parallel, publish atomically.
//!
//! `build` is the orchestration only: the stages it calls are `check` (load + model),
//! `render` (pages, assets, feeds, data) and `write` (atomic publish). Sources with errors
//! build nothing and leave the output folder as it was.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{Checked, check};
use crate::diag::Diagnostic;
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

/// What a build made.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub pdfs: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Why a build made nothing.
#[derive(Debug)]
pub enum Failure {
    /// The sources have errors: every diagnostic, for printing.
    Content(Box<Checked>),
    /// The theme or a template is broken.
    Theme(Vec<Diagnostic>),
    /// Reading or writing failed.
    Io(std::io::Error),
}

/// Renders the whole site for `model` (an edition already made) into artefacts.
pub fn render_site(
    source: &dyn Source,
    model: &Model,
    edition: Edition,
    pdfs: bool,
) -> Result<(Vec<Artefact>, usize), Failure> {
    let theme = theme::load(source, &model.site.theme).map_err(Failure::Theme)?;
    let ctx = Ctx::new(model, &theme.strings, edition, pdfs);
    let site = pages::site_view(&ctx);
    let jobs = pages::plan(&ctx);
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
        return Err(Failure::Theme(errors));
    }
    let page_count = artefacts.len();
    let search = crate::render::search::index(&artefacts)
        .map_err(|e| Failure::Theme(vec![Diagnostic::error(format!("sökindexet kunde inte byggas: {e}"))]))?;
    artefacts.extend(search);
    for (path, bytes) in &theme.statics {
        artefacts.push(Artefact::new(format!("assets/{path}"), bytes.clone()));
    }
    artefacts.extend(attachments(source, model).map_err(Failure::Io)?);
    let decisions = pages::lists::decisions_json(&ctx);
    artefacts
        .push(Artefact::new(pages::lists::DECISIONS_FILTER_DATA, serde_json::to_vec(&decisions).unwrap_or_default()));
    let page_paths: Vec<String> = artefacts[..page_count].iter().map(|a| a.path.clone()).collect();
    artefacts.extend(crate::render::sitemap::sitemap(model, &page_paths));
    artefacts.extend(crate::render::feeds::feeds(model, pdfs));
    artefacts.extend(crate::render::data::data(model, pdfs));
    Ok((artefacts, page_count))
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
    if checked.errors() > 0 {
        return Err(Failure::Content(Box::new(checked)));
    }
    let model = checked.model.edition(options.edition);
    let (artefacts, pages) = render_site(source, &model, options.edition, options.pdfs)?;
    crate::write::publish(&options.out, &artefacts).map_err(Failure::Io)?;
    let report = Report {
        pages,
        pdfs: artefacts.iter().filter(|a| a.path.ends_with(".pdf")).count(),
        files: artefacts.len(),
        bytes: artefacts.iter().map(|a| a.bytes.len() as u64).sum(),
        elapsed: started.elapsed(),
    };
    Ok((report, checked))
}
