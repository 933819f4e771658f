//! The site's HTML pages: which pages exist (`plan`), what each shows (`view`), and
//! rendering a page through its Tera template (`render`).
//!
//! A page is a [`Job`]: a small value naming the page. `plan` lists every job of a model;
//! `view` builds a job's view as JSON (the same view, the same page); `render` turns a view
//! into HTML. Keeping the three apart lets the build render in parallel and skip pages
//! whose view did not change.

mod common;
pub(crate) mod lists;
mod meetings;
mod organisation;
mod other;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::Artefact;
use super::template_error::template_error;
use super::theme::Theme;
use super::urls;
use super::view::*;
use crate::diag::Diagnostic;
use crate::model::*;

/// Decisions per page on the lists of decisions.
pub const DECISIONS_PER_PAGE: usize = 50;

/// Decisions shown on a goal's or an area's page; the facet page lists them all.
pub const DECISIONS_SHOWN: usize = 20;

/// What the page renderers share: the model edition, strings, and [`Indexes`] built once
/// (a `Ctx` reads them as its own fields).
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub strings: &'a serde_json::Value,
    pub edition: Edition,
    /// Whether meeting PDFs (protocol, board packet) are part of this build.
    pub pdfs: bool,
    indexes: Arc<Indexes>,
    /// The size of the build's own files (PDFs, data) by path, once made: pages show it.
    pub file_sizes: HashMap<String, u64>,
}

/// What is worked out once per model edition and theme: matters, decisions and their
/// facets, meetings per body. `serve` keeps them with the model between requests.
#[derive(Default)]
pub struct Indexes {
    pub matters: Vec<Matter>,
    /// The matters each item is a step of (most one; an item that reports on several,
    /// each of them).
    pub matter_of: rustc_hash::FxHashMap<ItemRef, Vec<usize>>,
    /// Items with a decision, on published pages, newest first.
    pub decisions: Vec<ItemRef>,
    /// The row of each decision in `decisions`, made once when first asked for (they
    /// appear on many pages): see [`Ctx::decision_rows`].
    decision_rows: std::sync::OnceLock<Vec<DecisionRow>>,
    /// For the unfiltered list and every facet value: indices into `decisions`, in order;
    /// made when first asked for: see [`Ctx::facets`].
    facets: std::sync::OnceLock<BTreeMap<Option<Facet>, Vec<usize>>>,
    /// The facet menu of each list of decisions: see [`Ctx::facet_menu`].
    facet_menus: std::sync::OnceLock<HashMap<Option<Facet>, Shared>>,
    /// Shared parts of pages, rendered: by a hash of the theme, the site, the part and
    /// the page's depth. See [`Shared`].
    shared_html: std::sync::Mutex<HashMap<blake3::Hash, Arc<str>>>,
    /// The meetings with a page, per body, in date order.
    pub meetings_of: BTreeMap<BodyId, Vec<MeetingId>>,
    /// What each person did at published meetings, made when first asked for: see
    /// [`Ctx::person_record`].
    people: std::sync::OnceLock<Vec<PersonRecord>>,
    /// The assignments given to each person, body and municipality, made when first
    /// asked for: see [`Ctx::assignment_views`].
    assigned: std::sync::OnceLock<rustc_hash::FxHashMap<Party, Vec<(ItemRef, usize)>>>,
}

/// A person's part in the published meetings, in meeting order.
#[derive(Default)]
pub struct PersonRecord {
    /// Meetings attended or taken part in.
    pub attended: Vec<MeetingId>,
    /// Items presented (not confidential ones).
    pub presented: Vec<ItemRef>,
}

impl std::ops::Deref for Ctx<'_> {
    type Target = Indexes;

    fn deref(&self) -> &Indexes {
        &self.indexes
    }
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, strings: &'a serde_json::Value, edition: Edition, pdfs: bool) -> Self {
        let indexes = Arc::new(Indexes::new(model, edition));
        Ctx::with_indexes(model, strings, edition, pdfs, indexes)
    }

    /// A context over indexes made earlier for the same model, edition and strings.
    pub fn with_indexes(
        model: &'a Model,
        strings: &'a serde_json::Value,
        edition: Edition,
        pdfs: bool,
        indexes: Arc<Indexes>,
    ) -> Self {
        Ctx { model, strings, edition, pdfs, indexes, file_sizes: HashMap::new() }
    }

    /// The indexes, to keep for [`Ctx::with_indexes`].
    pub fn indexes(&self) -> &Arc<Indexes> {
        &self.indexes
    }

    /// The row of each decision in `decisions`, made in parallel on first use. A build
    /// asks before it renders pages; `serve` only when a page lists decisions.
    /// For the unfiltered list of decisions and every facet value: indices into
    /// `decisions`, in order.
    pub fn facets(&self) -> &BTreeMap<Option<Facet>, Vec<usize>> {
        self.indexes.facets.get_or_init(|| lists::facets(self.model, &self.indexes.decisions))
    }

    /// The facet menu of the list of decisions `facet` (all decisions: `None`), with that
    /// value marked. The menus of all lists are made together on first use.
    pub fn facet_menu(&self, facet: Option<Facet>) -> Shared {
        let menus = self.indexes.facet_menus.get_or_init(|| lists::facet_menus(self));
        menus.get(&facet).cloned().unwrap_or_else(|| Shared::new(lists::FACET_MENU, Vec::<()>::new()))
    }

    /// What the person `id` did at published meetings. All people's records are made in
    /// one pass on first use (a person's page would otherwise read every meeting).
    pub fn person_record(&self, id: PersonId) -> &PersonRecord {
        let all = self.indexes.people.get_or_init(|| {
            let model = self.model;
            let mut out: Vec<PersonRecord> = model.people.iter().map(|_| PersonRecord::default()).collect();
            for m in model.meeting_ids() {
                let meeting = model.meeting(m);
                if !self.published(meeting) {
                    continue;
                }
                for a in meeting.attendees.iter().chain(&meeting.participants) {
                    let record = &mut out[a.person.index()];
                    if record.attended.last() != Some(&m) {
                        record.attended.push(m);
                    }
                }
                for (index, item) in meeting.items.iter().enumerate().filter(|(_, i)| i.secrecy.is_none()) {
                    if let Some(Presenter::Person(p)) = item.presenter {
                        out[p.index()].presented.push(ItemRef { meeting: m, index: index as u32 });
                    }
                }
            }
            out
        });
        &all[id.index()]
    }

    /// The assignments given to `party` (a person, a body or a municipality) at
    /// published meetings with a record (a notice's are proposed, not given), outside
    /// confidential items, in meeting order. Every party's are found in one pass on first
    /// use.
    pub fn assignment_views(&self, party: Party) -> Vec<AssignmentView> {
        let all = self.indexes.assigned.get_or_init(|| {
            let model = self.model;
            let mut out: rustc_hash::FxHashMap<Party, Vec<(ItemRef, usize)>> = Default::default();
            for (r, item) in model.recorded_items() {
                if item.secrecy.is_some() || !self.published(model.meeting(r.meeting)) {
                    continue;
                }
                for (k, assignment) in item.assignments.iter().enumerate() {
                    out.entry(assignment.assignee).or_default().push((r, k));
                }
            }
            out
        });
        let given = all.get(&party).map_or(&[][..], Vec::as_slice);
        given.iter().map(|(r, k)| self.assignment_view(*r, &self.model.item(*r).assignments[*k])).collect()
    }

    pub fn decision_rows(&self) -> &[DecisionRow] {
        self.indexes.decision_rows.get_or_init(|| {
            use rayon::prelude::*;
            self.decisions.par_iter().map(|r| self.decision_row(*r)).collect()
        })
    }
}

impl Indexes {
    pub fn new(model: &Model, edition: Edition) -> Self {
        // Matters and the decisions list are independent: made side by side (serve makes
        // them again after every save).
        let ((matters, matter_of), (meetings_of, decisions)) = rayon::join(
            || {
                let matters = model.matters();
                let mut matter_of: rustc_hash::FxHashMap<ItemRef, Vec<usize>> = rustc_hash::FxHashMap::default();
                for (i, m) in matters.iter().enumerate() {
                    for r in &m.items {
                        matter_of.entry(*r).or_default().push(i);
                    }
                }
                (matters, matter_of)
            },
            || Self::decisions(model, edition),
        );
        Indexes {
            matters,
            matter_of,
            decisions,
            decision_rows: std::sync::OnceLock::new(),
            facets: std::sync::OnceLock::new(),
            facet_menus: std::sync::OnceLock::new(),
            shared_html: std::sync::Mutex::default(),
            meetings_of,
            people: std::sync::OnceLock::new(),
            assigned: std::sync::OnceLock::new(),
        }
    }

    /// The published meetings of each body, and the published decisions, newest first.
    fn decisions(model: &Model, edition: Edition) -> (BTreeMap<BodyId, Vec<MeetingId>>, Vec<ItemRef>) {
        let mut meetings_of: BTreeMap<BodyId, Vec<MeetingId>> = BTreeMap::new();
        let mut published: Vec<MeetingId> = Vec::new();
        for id in model.meeting_ids() {
            if common::published(edition, model.meeting(id)) {
                meetings_of.entry(model.meeting(id).body).or_default().push(id);
                published.push(id);
            }
        }
        // Newest first, then by body and meeting; within a meeting, in item order. The
        // meetings are sorted, not the decisions: ten times fewer, and each item's place
        // follows from its meeting's.
        published.sort_unstable_by_key(|id| {
            let meeting = model.meeting(*id);
            (std::cmp::Reverse(meeting.date), meeting.body, *id)
        });
        let decisions = published
            .iter()
            .flat_map(|id| {
                model.meeting(*id).items.iter().enumerate().filter_map(move |(index, item)| {
                    let decided = item.secrecy.is_none() && item.withdrawn.is_none() && item.decision.is_some();
                    decided.then_some(ItemRef { meeting: *id, index: index as u32 })
                })
            })
            .collect();
        (meetings_of, decisions)
    }
}

/// A dimension of the lists of decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Body(BodyId),
    Year(i32),
    Goal(GoalId),
    Area(AreaId),
    Municipality(MunicipalityId),
}

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Start,
    Meeting(MeetingId),
    Body(BodyId),
    Bodies,
    /// Page `page` (from 1) of the decisions, all or filtered by one facet.
    Decisions(Option<Facet>, usize),
    /// All values of one kind of facet (an index into `lists::FACET_KINDS`).
    FacetKind(usize),
    Assignments,
    Economy,
    Matters,
    Matter(usize),
    Municipalities,
    Municipality(MunicipalityId),
    Strategy,
    Goal(GoalId),
    Areas,
    Area(AreaId),
    Groups,
    GroupYear(BodyId, i32),
    FollowUp(i32),
    People,
    Person(PersonId),
    Calendar,
    Search,
    Accessibility,
    OpenData,
    NotFound,
}

/// A page's view, whatever its type: written as JSON (for the page's fingerprint, in the
/// order of its fields) and made into Tera's values (to render it).
pub trait PageData: Send + Sync {
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()>;
    fn to_tera(&self) -> tera::TeraResult<tera::Value>;
}

impl<T: Serialize + Send + Sync> PageData for T {
    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    fn to_tera(&self) -> tera::TeraResult<tera::Value> {
        tera::Value::try_from_serializable(self)
    }
}

impl std::fmt::Debug for dyn PageData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut json = Vec::new();
        let _ = self.write_json(&mut json);
        f.write_str(&String::from_utf8_lossy(&json))
    }
}

/// A page, ready for its template.
#[derive(Clone, Debug, Serialize)]
pub struct PageOut {
    pub path: String,
    pub template: &'static str,
    pub title: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<Link>,
    pub alternates: Vec<Alternate>,
    /// The page's own view, `page` in its template. It is kept as the view itself and
    /// serialized once for the fingerprint and once into the template's values, with no
    /// JSON tree between them (see [`PageData`]).
    #[serde(skip)]
    pub data: Arc<dyn PageData>,
    /// Parts shared with other pages, by the name the template prints them by.
    pub shared: Vec<(&'static str, Shared)>,
}

impl PageOut {
    fn new(
        path: String,
        template: &'static str,
        title: String,
        section: &'static str,
        data: impl Serialize + Send + Sync + 'static,
    ) -> Self {
        PageOut {
            path,
            template,
            title,
            section,
            breadcrumbs: Vec::new(),
            alternates: Vec::new(),
            data: Arc::new(data),
            shared: Vec::new(),
        }
    }

    fn shared(mut self, name: &'static str, part: Shared) -> Self {
        self.shared.push((name, part));
        self
    }

    fn crumbs(mut self, crumbs: Vec<Link>) -> Self {
        self.breadcrumbs = crumbs;
        self
    }

    fn alternates(mut self, alternates: Vec<Alternate>) -> Self {
        self.alternates = alternates;
        self
    }
}

impl Job {
    /// What kind of page this is, in a word (for `--timings`).
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Start => "start",
            Job::Meeting(_) => "möte",
            Job::Body(_) | Job::Bodies => "organ",
            Job::Decisions(..) | Job::FacetKind(_) => "beslutslistor",
            Job::Assignments => "uppdrag",
            Job::Economy => "ekonomi",
            Job::Matters | Job::Matter(_) => "ärenden",
            Job::Municipalities | Job::Municipality(_) => "kommuner",
            Job::Strategy | Job::Goal(_) | Job::Areas | Job::Area(_) => "strategi",
            Job::Groups | Job::GroupYear(..) | Job::FollowUp(_) => "arbetsgrupper",
            Job::People | Job::Person(_) => "personer",
            Job::Calendar => "kalender",
            Job::Search | Job::Accessibility | Job::OpenData | Job::NotFound => "övriga",
        }
    }
}

/// Every page of the site, in a stable order.
pub fn plan(ctx: &Ctx) -> Vec<Job> {
    plan_with(ctx, true)
}

/// The pages whose number does not grow with the meetings: all but the meetings', the
/// decision lists' and the matters'. Listed at once, without the decisions' facets
/// (`serve` finds these pages before its table of all paths is made).
pub fn plan_light(ctx: &Ctx) -> Vec<Job> {
    plan_with(ctx, false)
}

/// Every page (`heavy`) or only those of [`plan_light`], in the same order.
fn plan_with(ctx: &Ctx, heavy: bool) -> Vec<Job> {
    let model = ctx.model;
    let mut jobs = vec![
        Job::Start,
        Job::Bodies,
        Job::Assignments,
        Job::Economy,
        Job::Matters,
        Job::Municipalities,
        Job::Strategy,
        Job::Areas,
        Job::Groups,
        Job::People,
        Job::Calendar,
        Job::Search,
        Job::Accessibility,
        Job::OpenData,
        Job::NotFound,
    ];
    if heavy {
        jobs.extend(ctx.meetings_of.values().flatten().map(|m| Job::Meeting(*m)));
    }
    jobs.extend(model.body_ids().map(Job::Body));
    if heavy {
        for (facet, rows) in ctx.facets() {
            let (facet, count) = (*facet, rows.len());
            let pages = count.div_ceil(DECISIONS_PER_PAGE).max(1);
            jobs.extend((1..=pages).map(|p| Job::Decisions(facet, p)));
        }
        let kinds: std::collections::BTreeSet<usize> = ctx.facets().keys().flatten().map(|f| lists::kind(*f)).collect();
        jobs.extend(kinds.into_iter().map(Job::FacetKind));
        jobs.extend((0..ctx.matters.len()).map(Job::Matter));
    }
    jobs.extend((0..model.municipalities.len() as u32).map(|i| Job::Municipality(MunicipalityId(i))));
    jobs.extend((0..model.goals.len() as u32).map(|i| Job::Goal(GoalId(i))));
    jobs.extend((0..model.areas.len() as u32).map(|i| Job::Area(AreaId(i))));
    for (group, year) in organisation::group_years(model) {
        jobs.push(Job::GroupYear(group, year));
    }
    for year in organisation::plan_years(model) {
        jobs.push(Job::FollowUp(year));
    }
    jobs.extend((0..model.people.len() as u32).map(|i| Job::Person(PersonId(i))));
    jobs
}

/// Where a job's page lives (the `path` of its view), without building the view.
pub fn path(ctx: &Ctx, job: &Job) -> String {
    let model = ctx.model;
    match job {
        Job::Start => urls::START.into(),
        Job::Meeting(id) => urls::meeting(model, model.meeting(*id)),
        Job::Body(id) => urls::body(model.body(*id)),
        Job::Bodies => urls::BODIES.into(),
        Job::Decisions(facet, page) => lists::page_path(ctx, *facet, *page),
        Job::FacetKind(kind) => lists::kind_path(*kind),
        Job::Assignments => urls::ASSIGNMENTS.into(),
        Job::Economy => urls::ECONOMY.into(),
        Job::Matters => urls::MATTERS.into(),
        Job::Matter(i) => urls::matter(&ctx.matters[*i].key),
        Job::Municipalities => urls::MUNICIPALITIES.into(),
        Job::Municipality(id) => urls::municipality(model, *id),
        Job::Strategy => urls::STRATEGY.into(),
        Job::Goal(id) => urls::goal(model, *id),
        Job::Areas => urls::AREAS.into(),
        Job::Area(id) => urls::area(model, *id),
        Job::Groups => urls::GROUPS.into(),
        Job::GroupYear(group, year) => urls::group_year(model.body(*group), *year),
        Job::FollowUp(year) => urls::follow_up(*year),
        Job::People => urls::PEOPLE.into(),
        Job::Person(id) => urls::person(model, *id),
        Job::Calendar => urls::CALENDAR.into(),
        Job::Search => urls::SEARCH.into(),
        Job::Accessibility => urls::ACCESSIBILITY.into(),
        Job::OpenData => urls::OPEN_DATA.into(),
        Job::NotFound => urls::NOT_FOUND.into(),
    }
}

/// Builds a job's page view.
pub fn view(ctx: &Ctx, job: &Job) -> PageOut {
    match job {
        Job::Start => other::start(ctx),
        Job::Meeting(id) => meetings::meeting(ctx, *id),
        Job::Body(id) => meetings::body(ctx, *id),
        Job::Bodies => meetings::bodies(ctx),
        Job::Decisions(facet, page) => lists::decisions(ctx, *facet, *page),
        Job::FacetKind(kind) => lists::facet_kind(ctx, *kind),
        Job::Assignments => lists::assignments(ctx),
        Job::Economy => lists::economy(ctx),
        Job::Matters => lists::matters(ctx),
        Job::Matter(i) => lists::matter(ctx, *i),
        Job::Municipalities => organisation::municipalities(ctx),
        Job::Municipality(id) => organisation::municipality(ctx, *id),
        Job::Strategy => organisation::strategy(ctx),
        Job::Goal(id) => organisation::goal(ctx, *id),
        Job::Areas => organisation::areas(ctx),
        Job::Area(id) => organisation::area(ctx, *id),
        Job::Groups => organisation::groups(ctx),
        Job::GroupYear(group, year) => organisation::group_year(ctx, *group, *year),
        Job::FollowUp(year) => organisation::follow_up(ctx, *year),
        Job::People => organisation::people(ctx),
        Job::Person(id) => organisation::person(ctx, *id),
        Job::Calendar => meetings::calendar(ctx),
        Job::Search => other::search(ctx),
        Job::Accessibility => other::accessibility(ctx),
        Job::OpenData => other::open_data(ctx),
        Job::NotFound => other::not_found(ctx),
    }
}

/// The site-wide part of every page's context.
pub fn site_view(ctx: &Ctx) -> SiteView {
    let site = &ctx.model.site;
    SiteView {
        title: site.title.clone(),
        cooperation: site.cooperation.clone(),
        description: site.description.clone(),
        example: site.example,
        internal: ctx.edition == Edition::Internal,
        base_url: site.base_url.clone(),
        today: super::format::date_medium(ctx.model.today),
        today_iso: ctx.model.today.to_string(),
        privacy_url: site.privacy_url.clone().unwrap_or_default(),
    }
}

/// Renders a page through its template.
///
/// Every template gets `site` ([`SiteView`]), `root` (the way back to the site root from
/// this page: "" or "../../"), `path` (this page's own: "moten/kc/2013-05-15/"), `title`
/// (without the site's name), `assets` (the theme's version, for the assets' URLs),
/// `section` (the main navigation entry: "beslut" …),
/// `breadcrumbs`, `alternates` (feeds and calendars for the page head), `t` (the theme's
/// strings), `page` (the page's own view) and `shared` (the HTML of the parts it shares
/// with other pages, by name: see [`Shared`]).
///
/// Every page's context has the site and the theme's strings, which are the same for all
/// pages of a build: each thread keeps a context holding them and only puts in each
/// page's own values, so neither is converted for Tera per page. The context is remade
/// when the theme or the site changes (in `serve`).
pub fn render(theme: &Theme, site: &SiteView, ctx: &Ctx, page: PageOut) -> Result<Artefact, Diagnostic> {
    thread_local! {
        /// The theme's fingerprint and the site, and a context holding `site` and `t`.
        static BASE: RefCell<Option<(Vec<u8>, tera::Context)>> = const { RefCell::new(None) };
        /// The size of the last page of each template, to make the next one's buffer
        /// large enough at once.
        static SIZES: RefCell<rustc_hash::FxHashMap<&'static str, usize>> = RefCell::default();
    }
    let file = file_path(&page);
    // The 404 page is served at any depth, so its links start from the site's base path.
    let root =
        if page.template == "404.html" { base_path(&ctx.model.site.base_url) } else { urls::root_from(&page.path) };
    let failed = |e: tera::Error| Diagnostic::error(format!("sidan {}: {e}", page.path));
    let mut key = theme.fingerprint.as_bytes().to_vec();
    key.extend(serde_json::to_vec(site).map_err(|e| Diagnostic::error(format!("sidan {}: {e}", page.path)))?);
    BASE.with(|base| {
        let mut base = base.borrow_mut();
        if base.as_ref().is_none_or(|(k, _)| *k != key) {
            let mut context = tera::Context::new();
            context.insert("site", site);
            context.insert("t", &theme.strings);
            // The stylesheet's and script's version: a cache (a browser's, a CDN's) that
            // keeps them for long fetches them again when the theme changes.
            context.insert("assets", &theme.fingerprint.to_hex()[..10]);
            *base = Some((key, context));
        }
        let Some((base_key, context)) = base.as_mut() else { unreachable!("set above") };
        context.insert("root", &root);
        context.insert("path", &page.path);
        context.insert("title", &page.title);
        context.insert("section", page.section);
        context.insert("breadcrumbs", &page.breadcrumbs);
        context.insert("alternates", &page.alternates);
        context.insert_value("page", page.data.to_tera().map_err(failed)?);
        let mut shared = std::collections::BTreeMap::new();
        for (name, part) in &page.shared {
            let html = shared_html(theme, site, base_key, ctx, part, &root)
                .map_err(|e| template_error(&theme.templates, &format!("kunde inte skapa sidan {}", page.path), &e))?;
            shared.insert(*name, tera::Value::from(&*html));
        }
        context.insert_value("shared", tera::Value::from(shared));
        let size = SIZES.with(|sizes| sizes.borrow().get(page.template).copied()).unwrap_or(16 * 1024);
        let mut html = Vec::with_capacity(size + size / 8);
        theme
            .tera
            .render_to(page.template, context, &mut html)
            .map_err(|e| template_error(&theme.templates, &format!("kunde inte skapa sidan {}", page.path), &e))?;
        SIZES.with(|sizes| sizes.borrow_mut().insert(page.template, html.len()));
        if html.capacity() > 2 * html.len() + 4096 {
            // After a large page of the same template (pages kept in memory by serve).
            html.shrink_to_fit();
        }
        Ok(Artefact::new(file, html))
    })
}

/// A shared part's HTML for pages at the depth of `root`: rendered by the first page
/// that needs it, then reused. `base` identifies the theme and the site (the key of
/// `render`'s per-thread context).
fn shared_html(
    theme: &Theme,
    site: &SiteView,
    base: &[u8],
    ctx: &Ctx,
    part: &Shared,
    root: &str,
) -> Result<Arc<str>, tera::Error> {
    let mut key = blake3::Hasher::new();
    key.update(base);
    key.update(part.template.as_bytes());
    key.update(&[0]);
    key.update(part.fingerprint.as_bytes());
    key.update(root.as_bytes());
    let key = key.finalize();
    let cache = &ctx.indexes.shared_html;
    if let Some(html) = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key) {
        return Ok(html.clone());
    }
    let mut context = tera::Context::new();
    context.insert("site", site);
    context.insert("t", &theme.strings);
    context.insert("root", root);
    context.insert("part", &*part.view);
    let html: Arc<str> = theme.tera.render(part.template, &context)?.into();
    cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, html.clone());
    Ok(html)
}

/// The file a page is written to: "moten/kc/2013-05-15/index.html".
pub fn file_path(page: &PageOut) -> String {
    if page.path.is_empty() || page.path.ends_with('/') {
        format!("{}index.html", page.path)
    } else {
        page.path.clone()
    }
}

/// "/beslut/" from "https://umearegionen.se/beslut/".
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://umearegionen.se/beslut/"), "/beslut/");
        assert_eq!(base_path("https://example.se"), "/");
    }
}
