//! The site in memory: sources listed once and then kept up to date from the watcher's
//! events, checked again from what changed, and every artefact made on request from the
//! newest generation that checked clean.
//!
//! A rebuild reads and decodes only the files that changed ([`load::Cache`]), resolves
//! only the meetings whose file or environment changed ([`Memo`]), and renders nothing:
//! pages, PDFs, data and the search index are made when the browser asks for them, from
//! the generation's model. Deleting a file therefore removes its pages at once.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::build::{Fingerprint, Timings};
use crate::check::{Checked, check_cached};
use crate::diag::{Diagnostic, SourceFiles};
use crate::load::{CONTENT, Cache};
use crate::model::{Edition, Memo, Model};
use crate::render::pages::{self, Ctx, Indexes, Job};
use crate::render::pdf::{self, documents};
use crate::render::theme::{self, Theme};
use crate::render::urls;
use crate::render::view::SiteView;
use crate::source::{Entry, FsSource, Source, ignored};

/// The site's folders that serve watches and lists.
pub const WATCHED: [&str; 2] = [CONTENT, "themes"];

/// The files of the watched folders, kept up to date from the watcher's events instead
/// of listing the folders again (40 000 files take 0.1 s to list).
#[derive(Debug)]
pub struct Listing {
    root: PathBuf,
    entries: BTreeMap<String, Entry>,
    today: Date,
}

impl Listing {
    /// Lists the watched folders of the site at `root`.
    pub fn scan(root: &Path) -> io::Result<Listing> {
        let mut listing = Listing { root: root.to_path_buf(), entries: BTreeMap::new(), today: today() };
        listing.rescan()?;
        Ok(listing)
    }

    /// Lists every watched folder again (when the watcher lost events).
    pub fn rescan(&mut self) -> io::Result<()> {
        let disk = FsSource::new(&self.root);
        self.entries.clear();
        for folder in WATCHED {
            for entry in disk.list(folder)? {
                self.entries.insert(entry.path.clone(), entry);
            }
        }
        Ok(())
    }

    /// Brings the listing up to date for paths an event named, and returns the relative
    /// paths of the files that changed, came or went. A path is looked at as it is now,
    /// whatever the event said: a folder is listed again, a missing path is removed
    /// with everything below it. The folder of each path is compared with the listing
    /// too: the debouncer drops the old name of a file renamed onto a name that another
    /// rename then replaces (`mv a b` and `sed -i … b` in one go).
    pub fn apply(&mut self, paths: &[PathBuf]) -> io::Result<Vec<String>> {
        let mut changed = Vec::new();
        let mut folders = std::collections::BTreeSet::new();
        for path in paths {
            let Some(rel) = self.relative(path) else { continue };
            if let Some(parent) = path.parent() {
                folders.insert(parent.to_path_buf());
            }
            match std::fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    changed.extend(self.remove_below(&rel));
                    let mut found = Vec::new();
                    crate::source::walk(path, &rel, &mut found)?;
                    for entry in found {
                        changed.push(entry.path.clone());
                        self.entries.insert(entry.path.clone(), entry);
                    }
                }
                Ok(meta) => {
                    let entry = Entry {
                        path: rel.clone(),
                        size: if meta.is_file() { meta.len() } else { 0 },
                        symlink: meta.file_type().is_symlink(),
                        modified: meta.modified().ok(),
                    };
                    if meta.is_file() || entry.symlink {
                        self.entries.insert(rel.clone(), entry);
                        changed.push(rel);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if self.entries.remove(&rel).is_some() {
                        changed.push(rel.clone());
                    }
                    changed.extend(self.remove_below(&rel));
                }
                Err(e) => return Err(crate::source::with_path(e, path)),
            }
        }
        for folder in folders {
            changed.extend(self.reconcile(&folder)?);
        }
        changed.sort();
        changed.dedup();
        Ok(changed)
    }

    /// Compares a folder's names with the listing: what is gone is removed, what is new
    /// is added (a new folder with all it holds).
    fn reconcile(&mut self, folder: &Path) -> io::Result<Vec<String>> {
        let Some(rel) = self.relative(folder) else { return Ok(Vec::new()) };
        let mut names = std::collections::HashSet::new();
        match std::fs::read_dir(folder) {
            Ok(entries) => {
                for entry in entries {
                    let entry = entry.map_err(|e| crate::source::with_path(e, folder))?;
                    if let Some(name) = entry.file_name().to_str().filter(|n| !ignored(n)) {
                        names.insert(name.to_string());
                    }
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(crate::source::with_path(e, folder)),
        }
        let prefix = format!("{rel}/");
        let mut listed = std::collections::HashSet::new();
        let mut gone = Vec::new();
        for path in self.entries.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, _)| k) {
            let child = path[prefix.len()..].split('/').next().unwrap_or_default();
            if !names.contains(child) {
                gone.push(path.clone());
            }
            listed.insert(child.to_string());
        }
        for path in &gone {
            self.entries.remove(path);
        }
        let new: Vec<PathBuf> = names.iter().filter(|n| !listed.contains(*n)).map(|n| folder.join(n)).collect();
        let mut changed = gone;
        for path in new {
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(crate::source::with_path(e, &path)),
            };
            let Some(child) = self.relative(&path) else { continue };
            if meta.is_dir() {
                let mut found = Vec::new();
                crate::source::walk(&path, &child, &mut found)?;
                for entry in found {
                    changed.push(entry.path.clone());
                    self.entries.insert(entry.path.clone(), entry);
                }
            } else if meta.is_file() || meta.file_type().is_symlink() {
                let entry = Entry {
                    path: child.clone(),
                    size: if meta.is_file() { meta.len() } else { 0 },
                    symlink: meta.file_type().is_symlink(),
                    modified: meta.modified().ok(),
                };
                self.entries.insert(child.clone(), entry);
                changed.push(child);
            }
        }
        Ok(changed)
    }

    /// `path` relative to the site root with `/`, if it is in a watched folder and no
    /// part of it is an ignored name.
    fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = rel.components().map(|c| c.as_os_str().to_str()).collect::<Option<_>>()?;
        let first = *parts.first()?;
        if !WATCHED.contains(&first) || parts.iter().any(|p| ignored(p)) {
            return None;
        }
        Some(parts.join("/"))
    }

    fn remove_below(&mut self, rel: &str) -> Vec<String> {
        let prefix = format!("{rel}/");
        let below: Vec<String> = self
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        for path in &below {
            self.entries.remove(path);
        }
        below
    }
}

impl Source for Listing {
    fn list(&self, dir: &str) -> io::Result<Vec<Entry>> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        Ok(self
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(_, e)| e.clone())
            .collect())
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let full = self.root.join(path);
        std::fs::read(&full).map_err(|e| crate::source::with_path(e, &full))
    }

    fn today(&self) -> Date {
        self.today
    }

    fn disk_path(&self, path: &str) -> Option<PathBuf> {
        Some(self.root.join(path))
    }
}

fn today() -> Date {
    jiff::Zoned::now().with_time_zone(crate::model::time_zone()).date()
}

/// What a rebuild found.
pub enum Outcome {
    /// The sources check clean: a new generation serves them.
    Built { generation: Arc<Generation>, took: Duration, stats: UpdateStats },
    /// The sources have errors (or could not be read): the last good generation goes on
    /// being served.
    Failed { failure: Arc<Failure>, took: Duration },
}

/// How much of the site a rebuild had to do again, and where its time went.
#[derive(Clone, Debug, Default)]
pub struct UpdateStats {
    pub source_files: usize,
    pub meetings: usize,
    /// Meetings taken unchanged from the previous generation.
    pub meetings_reused: usize,
    pub timings: Timings,
}

/// Why a rebuild made no generation: diagnostics, with the files they point into.
#[derive(Debug)]
pub struct Failure {
    pub files: SourceFiles,
    pub diagnostics: Vec<Diagnostic>,
}

/// The watched site and what the last rebuilds kept.
pub struct Session {
    source: Listing,
    edition: Edition,
    cache: Cache,
    memo: Memo,
    /// The theme by name, with the PDF engine made from it when first needed.
    theme: Option<(String, Arc<Theme>, Arc<OnceLock<pdf::Engine>>)>,
    pdfs: Arc<PdfCache>,
    generation: u64,
    timings: Timings,
    clock: Instant,
    /// The date the site is built for: the system's, unless fixed (by tests).
    fixed_today: Option<Date>,
}

/// Typeset PDFs by path, with the fingerprint of what each was made from, kept across
/// generations: an unchanged protocol is not typeset again.
type PdfCache = Mutex<HashMap<String, (Fingerprint, Arc<Vec<u8>>)>>;

impl Session {
    pub fn new(root: &Path, edition: Edition) -> io::Result<Session> {
        Ok(Session {
            source: Listing::scan(root)?,
            edition,
            cache: Cache::default(),
            memo: Memo::default(),
            theme: None,
            pdfs: Arc::default(),
            generation: 0,
            timings: Timings::default(),
            clock: Instant::now(),
            fixed_today: None,
        })
    }

    /// Builds for `date` instead of the system's date (so tests can fix the clock).
    pub fn with_today(mut self, date: Option<Date>) -> Session {
        self.fixed_today = date;
        self
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.source.root
    }

    /// Checks the site as it is now, after `paths` changed (or, with `rescan`, after
    /// anything may have), and makes a new generation if it checks clean. `None` when
    /// none of the paths is a file of the site (an editor's swap file, the output).
    pub fn update(&mut self, paths: &[PathBuf], rescan: bool) -> Option<Outcome> {
        let started = Instant::now();
        self.clock = started;
        self.timings = Timings::default();
        let listed = if rescan { self.source.rescan().map(|()| Vec::new()) } else { self.source.apply(paths) };
        let mut changed = match listed {
            Ok(changed) => changed,
            Err(error) => return Some(io_failure(&error, started)),
        };
        // A source file written again as it was is no change (nor is the late second half
        // of a save already built): no rebuild, and open pages do not reload.
        changed.retain(|path| !self.source.entries.get(path).is_some_and(|e| self.cache.holds(&self.source, e)));
        if changed.is_empty() && !rescan {
            return None;
        }
        for path in &changed {
            self.cache.forget(path);
        }
        if rescan || changed.iter().any(|p| p.starts_with("themes/")) {
            self.theme = None;
        }
        self.timings.since("lista ändringar", &mut self.clock);
        Some(self.rebuild(started))
    }

    /// Checks the whole site (the first build).
    pub fn build(&mut self) -> Outcome {
        self.clock = Instant::now();
        self.timings = Timings::default();
        self.rebuild(self.clock)
    }

    fn rebuild(&mut self, started: Instant) -> Outcome {
        self.source.today = self.fixed_today.unwrap_or_else(today);
        let checked = match check_cached(&self.source, &mut self.cache, &mut self.memo) {
            Ok(checked) => checked,
            Err(error) => return io_failure(&error, started),
        };
        let now = Instant::now();
        self.timings.0.push(("läsa", checked.loading));
        self.timings.0.push(("kontrollera", (now - self.clock).saturating_sub(checked.loading)));
        self.clock = now;
        if checked.errors() > 0 {
            let Checked { files, diagnostics, .. } = checked;
            return Outcome::Failed { failure: Arc::new(Failure { files, diagnostics }), took: started.elapsed() };
        }
        let (source_files, meetings, meetings_reused) =
            (checked.source_count, checked.model.meetings.len(), self.memo.reused());
        let warnings = checked.diagnostics;
        let files = checked.files;
        let model = checked.model.into_edition(self.edition);
        self.timings.since("utgåva", &mut self.clock);
        let (theme, engine) = match &self.theme {
            Some((name, theme, engine)) if *name == model.site.theme => (theme.clone(), engine.clone()),
            _ => match theme::load(&self.source, &model.site.theme) {
                Ok(theme) => {
                    let loaded = (Arc::new(theme), Arc::new(OnceLock::new()));
                    self.theme = Some((model.site.theme.clone(), loaded.0.clone(), loaded.1.clone()));
                    loaded
                }
                Err((files, diagnostics)) => {
                    let failure = Failure { files, diagnostics };
                    return Outcome::Failed { failure: Arc::new(failure), took: started.elapsed() };
                }
            },
        };
        self.timings.since("tema", &mut self.clock);
        self.generation += 1;
        let parts = Parts {
            number: self.generation,
            model,
            theme,
            engine,
            edition: self.edition,
            reader: FsSource::with_today(&self.source.root, self.source.today),
            pdfs: self.pdfs.clone(),
            warnings,
            files,
        };
        let generation = Arc::new(Generation::new(parts, &mut self.timings, &mut self.clock));
        // The table of paths and the decision facets, for the pages after the first.
        let background = generation.clone();
        std::thread::spawn(move || {
            background.routes();
        });
        let timings = std::mem::take(&mut self.timings);
        let stats = UpdateStats { source_files, meetings, meetings_reused, timings };
        Outcome::Built { generation, took: started.elapsed(), stats }
    }
}

fn io_failure(error: &io::Error, started: Instant) -> Outcome {
    let diagnostic = Diagnostic::error(format!("kunde inte läsa webbplatsens filer: {error}"));
    let failure = Failure { files: SourceFiles::new(), diagnostics: vec![diagnostic] };
    Outcome::Failed { failure: Arc::new(failure), took: started.elapsed() }
}

/// Where a path of the site comes from.
#[derive(Clone, Debug)]
enum Route {
    Page(Job),
    Pdf(documents::Kind),
    /// An attachment file, by its path in the source.
    Attachment(String),
    /// A file of the theme's static/ folder.
    Asset(String),
}

/// An answer to a request for a path of the site.
#[derive(Debug)]
pub enum Answer {
    Found {
        bytes: Arc<Vec<u8>>,
        content_type: &'static str,
    },
    /// The path names a page without its closing `/`: go there.
    Redirect(String),
    /// No such path: the site's 404 page.
    NotFound(Arc<Vec<u8>>),
    /// The path exists but making it failed (a broken template, a PDF that does not
    /// typeset): what went wrong, as text.
    Failed(String),
}

/// Files made in memory, by site path.
type Files = HashMap<String, Arc<Vec<u8>>>;
/// Files made on request, kept for the generation's life.
type Made = Mutex<Files>;

/// What a generation is made of.
struct Parts {
    number: u64,
    model: Model,
    theme: Arc<Theme>,
    engine: Arc<OnceLock<pdf::Engine>>,
    edition: Edition,
    reader: FsSource,
    pdfs: Arc<PdfCache>,
    warnings: Vec<Diagnostic>,
    files: SourceFiles,
}

/// One checked state of the site: its model edition, theme and indexes, and the files
/// made from them so far.
pub struct Generation {
    number: u64,
    model: Model,
    theme: Arc<Theme>,
    engine: Arc<OnceLock<pdf::Engine>>,
    edition: Edition,
    indexes: Arc<Indexes>,
    site: SiteView,
    /// Every path of the site and where it comes from: made when first needed (in the
    /// background, right after the rebuild), since the pages a reload asks for first do
    /// not wait for it (`direct_route`).
    routes: OnceLock<FxHashMap<String, Route>>,
    /// The pages found without the table (`light_pages`).
    light: OnceLock<FxHashMap<String, Job>>,
    /// Reads attachments, for board packets and for serving them.
    reader: FsSource,
    pdfs: Arc<PdfCache>,
    pages: Made,
    /// Open data, feeds, calendars, the sitemap: made together on first request.
    extras: OnceLock<Files>,
    /// The search index, made on first request.
    search: OnceLock<Result<Files, String>>,
    /// Warnings of the sources, for the terminal.
    pub warnings: Vec<Diagnostic>,
    pub files: SourceFiles,
}

impl std::fmt::Debug for Generation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generation").field("number", &self.number).finish_non_exhaustive()
    }
}

impl Generation {
    fn new(parts: Parts, timings: &mut Timings, clock: &mut Instant) -> Generation {
        let Parts { number, model, theme, engine, edition, reader, pdfs, warnings, files } = parts;
        let indexes = Arc::new(Indexes::new(&model, edition));
        timings.since("index", clock);
        let site = pages::site_view(&Ctx::with_indexes(&model, &theme.strings, edition, true, indexes.clone()));
        timings.since("webbplatsvy", clock);
        Generation {
            number,
            model,
            theme,
            engine,
            edition,
            indexes,
            site,
            routes: OnceLock::new(),
            light: OnceLock::new(),
            reader,
            pdfs,
            pages: Mutex::default(),
            extras: OnceLock::new(),
            search: OnceLock::new(),
            warnings,
            files,
        }
    }

    /// The generation's number: 1 for the first build, one more for each rebuild.
    pub fn number(&self) -> u64 {
        self.number
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Every file the generation serves, as a build would write them (a page as
    /// `…/index.html`), sorted. Makes the open data and the search index.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> =
            self.routes().keys().map(|path| file_of(path)).chain(self.extras().keys().cloned()).collect();
        if let Ok(search) = self.search_index() {
            paths.extend(search.keys().cloned());
        }
        paths.sort();
        paths
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx::with_indexes(&self.model, &self.theme.strings, self.edition, true, self.indexes.clone())
    }

    /// The table of every path of the site.
    fn routes(&self) -> &FxHashMap<String, Route> {
        self.routes.get_or_init(|| {
            let ctx = self.ctx();
            let jobs = pages::plan(&ctx);
            let documents = documents::plan(&ctx);
            let attachments = crate::build::attachment_paths(&self.model);
            let count = jobs.len() + documents.len() + attachments.len() + self.theme.statics.len();
            let mut routes = FxHashMap::with_capacity_and_hasher(count, Default::default());
            for job in jobs {
                routes.insert(pages::path(&ctx, &job), Route::Page(job));
            }
            for (kind, path) in documents {
                routes.insert(path, Route::Pdf(kind));
            }
            for path in attachments {
                routes.insert(urls::attachment(path), Route::Attachment(path.to_string()));
            }
            for path in self.theme.statics.keys() {
                routes.insert(format!("{}{path}", urls::ASSETS), Route::Asset(path.clone()));
            }
            routes
        })
    }

    /// The pages of [`pages::plan_light`] by path: a few hundred, listed in a moment.
    fn light_pages(&self) -> &FxHashMap<String, Job> {
        self.light.get_or_init(|| {
            let ctx = self.ctx();
            pages::plan_light(&ctx).into_iter().map(|job| (pages::path(&ctx, &job), job)).collect()
        })
    }

    /// The route of a path found without the table, which is made on a thread of its own
    /// after each save: a meeting's page (the page a secretary reloads after saving a
    /// meeting), the pages that do not grow with the meetings (a group's year, after
    /// saving its plan) and the theme's files that every page loads with it. Agrees with
    /// [`Generation::routes`] (tested).
    fn direct_route(&self, key: &str) -> Option<Route> {
        if let Some(path) = key.strip_prefix(urls::ASSETS) {
            return self.theme.statics.contains_key(path).then(|| Route::Asset(path.to_string()));
        }
        if let Some(job) = self.light_pages().get(key) {
            return Some(Route::Page(job.clone()));
        }
        let rest = key.strip_prefix("moten/")?.strip_suffix('/')?;
        let (slug, date) = rest.split_once('/')?;
        let body = self.model.body_ids().find(|id| self.model.body(*id).slug == slug)?;
        let meetings = self.indexes.meetings_of.get(&body)?;
        let id = meetings.iter().find(|id| self.model.meeting(**id).date.to_string() == date)?;
        Some(Route::Page(Job::Meeting(*id)))
    }

    /// The file at `path` (relative to the site root, without a leading `/`, decoded).
    /// Only paths the model or the theme names exist: nothing else is read from disk.
    pub fn get(&self, path: &str) -> Answer {
        let key = match path.strip_suffix("index.html") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
            _ => path,
        };
        if !self.routes.get().is_some_and(|routes| routes.contains_key(key))
            && let Some(route) = self.direct_route(key)
        {
            return self.make(key, &route);
        }
        let routes = self.routes();
        match routes.get(key) {
            Some(route) => self.make(key, route),
            None if routes.contains_key(&format!("{key}/")) => Answer::Redirect(format!("{key}/")),
            None if key.starts_with(crate::render::search::DIR) => self.search_file(key),
            None => match self.extras().get(key) {
                Some(bytes) => Answer::Found { bytes: bytes.clone(), content_type: content_type(key) },
                None => self.not_found(),
            },
        }
    }

    fn make(&self, key: &str, route: &Route) -> Answer {
        let found = |bytes: Arc<Vec<u8>>, path: &str| Answer::Found { bytes, content_type: content_type(path) };
        match route {
            Route::Page(job) => match self.page(key, job) {
                Ok(bytes) => found(bytes, "index.html"),
                Err(message) => Answer::Failed(message),
            },
            Route::Pdf(kind) => match self.pdf(key, *kind) {
                Ok(bytes) => found(bytes, key),
                Err(message) => Answer::Failed(message),
            },
            Route::Attachment(path) => match self.reader.read(path) {
                Ok(bytes) => found(Arc::new(bytes), key),
                Err(error) => Answer::Failed(error.to_string()),
            },
            Route::Asset(path) => match self.theme.statics.get(path) {
                Some(bytes) => found(Arc::new(bytes.clone()), key),
                None => self.not_found(),
            },
        }
    }

    /// A page, rendered on first request.
    fn page(&self, key: &str, job: &Job) -> Result<Arc<Vec<u8>>, String> {
        if let Some(bytes) = self.pages.lock().ok().and_then(|pages| pages.get(key).cloned()) {
            return Ok(bytes);
        }
        let mut ctx = self.ctx();
        if matches!(job, Job::OpenData) {
            // The open-data page lists the files with their sizes. Other pages link PDFs
            // without a size: they are typeset only when asked for.
            ctx.file_sizes = self.extras().iter().map(|(path, bytes)| (path.clone(), bytes.len() as u64)).collect();
        }
        let view = pages::view(&ctx, job);
        let artefact = pages::render(&self.theme, &self.site, &ctx, view)
            .map_err(|d| crate::diag::render(&d, &self.theme.templates, crate::diag::Color::Never))?;
        let bytes = Arc::new(artefact.bytes);
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key.to_string(), bytes.clone());
        }
        Ok(bytes)
    }

    fn not_found(&self) -> Answer {
        match self.page(urls::NOT_FOUND, &Job::NotFound) {
            Ok(bytes) => Answer::NotFound(bytes),
            Err(message) => Answer::Failed(message),
        }
    }

    /// A PDF, typeset on request unless the same document was typeset before.
    fn pdf(&self, path: &str, kind: documents::Kind) -> Result<Arc<Vec<u8>>, String> {
        let ctx = self.ctx();
        let document = documents::document(&ctx, kind, &self.reader).map_err(|e| e.to_string())?;
        let fingerprint = crate::build::pdf_fingerprint(self.theme.fingerprint.as_bytes(), &document);
        let cached = self.pdfs.lock().ok().and_then(|pdfs| pdfs.get(path).cloned());
        if let Some((made_from, bytes)) = cached
            && made_from == fingerprint
        {
            return Ok(bytes);
        }
        let engine = self.engine.get_or_init(|| pdf::Engine::new(&self.theme, &self.model.site.theme));
        let typeset = engine.typeset(&document, &format!("kunde inte skapa PDF-filen {path}")).map_err(|failure| {
            let rendered: Vec<String> = failure
                .diagnostics
                .iter()
                .map(|d| crate::diag::render(d, &failure.files, crate::diag::Color::Never))
                .collect();
            rendered.join("\n")
        })?;
        pdf::evict(4);
        let bytes = Arc::new(typeset.bytes);
        if let Ok(mut pdfs) = self.pdfs.lock() {
            pdfs.insert(path.to_string(), (fingerprint, bytes.clone()));
        }
        Ok(bytes)
    }

    /// Open data, feeds, calendars and the sitemap, made together on first request.
    fn extras(&self) -> &Files {
        self.extras.get_or_init(|| {
            let ctx = self.ctx();
            let mut page_paths: Vec<String> = self
                .routes()
                .iter()
                .filter(|(_, route)| matches!(route, Route::Page(_)))
                .map(|(path, _)| file_of(path))
                .collect();
            page_paths.sort();
            let mut all = crate::render::data::data(&self.model, true);
            all.extend(crate::build::supplements(&ctx, &page_paths));
            all.into_iter().map(|a| (a.path, Arc::new(a.bytes))).collect()
        })
    }

    /// The search index, made from every indexed page on first request.
    fn search_index(&self) -> Result<&Files, &String> {
        self.search
            .get_or_init(|| {
                let jobs: Vec<(&String, &Job)> = self
                    .routes()
                    .iter()
                    .filter_map(|(path, route)| match route {
                        Route::Page(job) if crate::build::indexed(job) => Some((path, job)),
                        _ => None,
                    })
                    .collect();
                let docs: Vec<crate::render::search::Doc> = jobs
                    .par_iter()
                    .filter_map(|(path, job)| {
                        let bytes = self.page(path, job).ok()?;
                        crate::build::search_doc(&format!("{path}index.html"), &bytes)
                    })
                    .collect();
                let files = crate::render::search::index(docs);
                Ok(files.into_iter().map(|a| (a.path, Arc::new(a.bytes))).collect())
            })
            .as_ref()
    }

    /// A file of the search index.
    fn search_file(&self, key: &str) -> Answer {
        match self.search_index() {
            Ok(files) => match files.get(key) {
                Some(bytes) => Answer::Found { bytes: bytes.clone(), content_type: content_type(key) },
                None => self.not_found(),
            },
            Err(message) => Answer::Failed(format!("sökindexet kunde inte byggas: {message}")),
        }
    }
}

/// The file a route's key is written to: a page's folder key `x/` is `x/index.html`.
fn file_of(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') { format!("{key}index.html") } else { key.to_string() }
}

/// The media type of a file of the site, by its name.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts find exactly what the table has for a meeting's page, a page that does
    /// not grow with the meetings and a theme's file, and nothing for any other path.
    #[test]
    fn direct_routes_agree_with_the_table() {
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
        let mut session = Session::new(&demo, Edition::Public).unwrap();
        let Outcome::Built { generation, .. } = session.build() else { panic!("the demo builds") };
        let (mut meetings, mut light, mut assets) = (0, 0, 0);
        for (key, route) in generation.routes() {
            let heavy = |job: &Job| matches!(job, Job::Decisions(..) | Job::FacetKind(_) | Job::Matter(_));
            match (route, generation.direct_route(key)) {
                (Route::Page(Job::Meeting(a)), Some(Route::Page(Job::Meeting(b)))) if *a == b => meetings += 1,
                (Route::Page(a), Some(Route::Page(b))) if *a == b && !heavy(a) => light += 1,
                (Route::Asset(a), Some(Route::Asset(b))) if *a == b => assets += 1,
                (Route::Page(job), None) if heavy(job) => {}
                (Route::Pdf(_) | Route::Attachment(_), None) => {}
                (route, shortcut) => panic!("{key}: {route:?} / {shortcut:?}"),
            }
        }
        assert!(assets >= 2, "{assets}");
        assert!(light > 50, "{light}");
        assert!(meetings > 20, "{meetings}");
        for key in [
            "moten/regionradet/1999-01-01/",
            "moten/okand/2025-01-22/",
            "moten/",
            "moten/regionradet/",
            "assets/",
            "assets/finns-inte.css",
        ] {
            assert!(generation.direct_route(key).is_none(), "{key}");
        }
    }
}
