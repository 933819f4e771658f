//! Stage 2, model: raw structs → one validated model with every reference resolved.
//!
//! `build` turns [`Loaded`](crate::load::Loaded) into a [`Model`] and the diagnostics of
//! every rule (dangling references, duplicates, dates, plans and reports …). It does no
//! I/O: the list of attachment files and today's date come in as data. Later stages read
//! the model only when it has no errors.

mod context;
pub mod derived;
pub mod edition;
mod files;
mod groups;
mod meetings;
mod organisation;
mod strategy;
pub mod types;
pub(crate) mod values;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::diag::{Diagnostic, Diagnostics, FileId, SourceFiles};
use crate::load::Loaded;
use context::Ctx;
pub use derived::{Decider, LedgerEntry, Matter, MentionedPeriod};
pub use edition::Edition;
pub use meetings::Memo;
pub use types::*;

/// The time zone of every date and time in the sources.
pub fn time_zone() -> TimeZone {
    TimeZone::get("Europe/Stockholm").expect("the bundled tz database has Europe/Stockholm")
}

#[derive(Clone, Debug)]
pub struct Model {
    pub site: Site,
    pub municipalities: Vec<Municipality>,
    pub people: Vec<Person>,
    pub bodies: Vec<Body>,
    pub strategy: Option<Strategy>,
    pub goals: Vec<Goal>,
    pub subgoals: Vec<Subgoal>,
    pub areas_info: Option<AreasInfo>,
    pub areas: Vec<Area>,
    /// Sorted by date, then body id. Shared: a rebuild reuses the meetings whose file
    /// did not change, and an edition copies only the meetings it changes.
    pub meetings: Vec<Arc<Meeting>>,
    /// Who refers to each meeting and item, and which items reported assignments done.
    pub links: Links,
    /// Sorted by group id, then year.
    pub plans: Vec<Plan>,
    /// Sorted by group id, then year.
    pub reports: Vec<Report>,
    pub indicators: Vec<Indicator>,
    /// The day "open" and "late" are measured against.
    pub today: Date,
    /// The day of the latest meeting whose record is published (not a draft), no later
    /// than `today`. An assignment is late when its deadline passed before this day
    /// without a report: what a reader of the records can see. The site knows nothing
    /// of what happened after its latest record (an archive may end years before today).
    pub records_until: Option<Date>,
    /// The municipalities' names, found in a text in one pass
    /// (`Model::municipalities_concerned`).
    pub municipality_names: derived::NameFinder,
}

/// The model (possibly incomplete when there are errors) and every diagnostic.
pub struct Built {
    pub model: Model,
    pub files: SourceFiles,
    pub diagnostics: Diagnostics,
}

/// Validates and resolves everything the loader found.
pub fn build(loaded: Loaded, today: Date) -> Built {
    build_with(loaded, today, None)
}

/// Like [`build`], but reuses the meetings `memo` holds from an earlier build wherever
/// nothing they depend on changed, and keeps this build's meetings in it (`serve`).
pub fn build_memo(loaded: Loaded, today: Date, memo: &mut Memo) -> Built {
    build_with(loaded, today, Some(memo))
}

fn build_with(loaded: Loaded, today: Date, memo: Option<&mut Memo>) -> Built {
    let Loaded {
        files,
        site,
        municipalities,
        people,
        bodies,
        strategy,
        areas,
        meetings,
        plans,
        reports,
        indicators,
        assets,
        heads,
        diagnostics: load_diagnostics,
        reported,
        faulty,
        ..
    } = loaded;

    let (asset_table, memo) = match memo {
        Some(memo) => {
            let (table, digest) = memo.assets(&assets, &heads);
            // Plans, reports and indicators are resolved after the meetings, into tables
            // no meeting sees (below): only their places count, not their texts.
            let later: std::collections::HashSet<FileId> = (plans.iter().map(|l| l.parsed.file))
                .chain(reports.iter().map(|l| l.parsed.file))
                .chain(indicators.iter().map(|l| l.parsed.file))
                .collect();
            (table, Some((memo, environment(&files, &meetings, &later, digest, today))))
        }
        None => (Arc::new(asset_table(&assets, &heads)), None),
    };
    let mut ctx = Ctx::default();
    let tables = ctx.t.to_mut();
    tables.faulty = faulty;
    tables.assets = asset_table;

    let municipalities = organisation::municipalities(&mut ctx, municipalities.as_ref());
    let person_ids = organisation::register_people(&mut ctx, people.as_ref());
    let body_ids = organisation::register_bodies(&mut ctx, &bodies);
    let site = organisation::site(&mut ctx, site.as_ref(), &files);
    let (strategy, goals, subgoals) = strategy::strategy(&mut ctx, strategy.as_ref());
    let (areas_info, areas) = strategy::areas(&mut ctx, areas.as_ref());
    let people = organisation::people(&mut ctx, people.as_ref(), &person_ids);
    let bodies = organisation::bodies(&mut ctx, &bodies, &body_ids);
    // Before plans, reports and indicators: a meeting cannot depend on them (`environment`).
    let (meetings, links) = meetings::meetings(&mut ctx, &meetings, &bodies, &people, &site, today, memo);
    let plans = groups::plans(&mut ctx, &plans, &bodies);
    let reports = groups::reports(&mut ctx, &reports, &plans, &bodies);
    let indicators = groups::indicators(&mut ctx, &indicators);
    let records_until = meetings
        .iter()
        .filter(|m| m.status != types::MeetingStatus::Utkast && m.has_record(today))
        .map(|m| m.date)
        .max();

    let model = Model {
        site,
        municipality_names: derived::NameFinder::new(municipalities.iter().map(|m| m.name.as_str())),
        municipalities,
        people,
        bodies,
        strategy,
        goals,
        subgoals,
        areas_info,
        areas,
        meetings,
        links,
        plans,
        reports,
        indicators,
        today,
        records_until,
    };
    let mut diagnostics = load_diagnostics;
    // A place the loader reported (and repaired with a placeholder) is not reported again,
    // nor what a file with errors seems to lack as a whole: the errors may have lost it.
    let faulty = &ctx.t.faulty.files;
    diagnostics.extend(ctx.diagnostics.into_iter().filter(|d| match &d.location {
        Some(crate::diag::Location { file, span: Some(span) }) => {
            !reported.iter().any(|(f, r)| f == file && crate::load::decode::overlaps(r, span))
        }
        Some(crate::diag::Location { file, span: None }) => !faulty.contains(file),
        None => true,
    }));
    Built { model, files, diagnostics }
}

/// A hash of everything but the meeting files that a meeting may depend on: every other
/// source file (path, id, and text unless it is one of `later`, the files resolved after
/// the meetings), the attachment files (`assets`, from [`assets_digest`]) and today's date.
fn environment(
    files: &SourceFiles,
    meetings: &[crate::load::LoadedMeeting],
    later: &std::collections::HashSet<FileId>,
    assets: blake3::Hash,
    today: Date,
) -> blake3::Hasher {
    let mut hasher = blake3::Hasher::new();
    meetings::hash_str(&mut hasher, &today.to_string());
    let meeting_files: std::collections::HashSet<FileId> = meetings.iter().map(|m| m.parsed.file).collect();
    for index in 0..files.len() as u32 {
        let file = FileId(index);
        if !meeting_files.contains(&file) {
            hasher.update(&index.to_le_bytes());
            meetings::hash_str(&mut hasher, files.path(file));
            if !later.contains(&file) {
                meetings::hash_str(&mut hasher, files.text(file));
            }
        }
    }
    hasher.update(assets.as_bytes());
    hasher
}

/// The attachment files as the model checks references against them.
fn asset_table(assets: &[crate::source::Entry], heads: &BTreeMap<String, Vec<u8>>) -> files::Assets {
    let mut table = files::Assets::default();
    table.reserve(assets.len());
    for (asset, head) in with_heads(assets, heads) {
        if let Some(rel) = asset.path.strip_prefix("content/") {
            let file = files::AssetFile { size: asset.size, symlink: asset.symlink, head: head.to_vec() };
            table.insert(rel.to_string(), file);
        }
    }
    table
}

/// A hash of the attachment files: path, size, link and first bytes (their type is checked).
fn assets_digest(assets: &[crate::source::Entry], heads: &BTreeMap<String, Vec<u8>>) -> blake3::Hash {
    // One buffer, hashed at once: a call per field of tens of thousands of attachments
    // costs more than the hashing.
    let mut buffer = Vec::with_capacity(assets.len() * 128);
    for (asset, head) in with_heads(assets, heads) {
        buffer.extend_from_slice(&(asset.path.len() as u64).to_le_bytes());
        buffer.extend_from_slice(asset.path.as_bytes());
        buffer.extend_from_slice(&asset.size.to_le_bytes());
        buffer.push(u8::from(asset.symlink));
        buffer.extend_from_slice(&(head.len() as u64).to_le_bytes());
        buffer.extend_from_slice(head);
    }
    blake3::hash(&buffer)
}

/// Each asset with its head (empty for a link or an unreadable file). Both lists are in
/// path order, so they are walked together; an asset out of order is looked up.
fn with_heads<'a>(
    assets: &'a [crate::source::Entry],
    heads: &'a BTreeMap<String, Vec<u8>>,
) -> impl Iterator<Item = (&'a crate::source::Entry, &'a [u8])> {
    let mut walk = heads.iter().peekable();
    assets.iter().map(move |asset| {
        while walk.next_if(|(path, _)| path.as_str() < asset.path.as_str()).is_some() {}
        let head = match walk.peek() {
            Some((path, head)) if **path == asset.path => head.as_slice(),
            _ => heads.get(&asset.path).map_or(&[][..], Vec::as_slice),
        };
        (asset, head)
    })
}

impl Model {
    pub fn municipality(&self, id: MunicipalityId) -> &Municipality {
        &self.municipalities[id.index()]
    }
    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.index()]
    }
    pub fn body(&self, id: BodyId) -> &Body {
        &self.bodies[id.index()]
    }
    pub fn goal(&self, id: GoalId) -> &Goal {
        &self.goals[id.index()]
    }
    pub fn subgoal(&self, id: SubgoalId) -> &Subgoal {
        &self.subgoals[id.index()]
    }
    pub fn area(&self, id: AreaId) -> &Area {
        &self.areas[id.index()]
    }
    pub fn meeting(&self, id: MeetingId) -> &Meeting {
        &self.meetings[id.index()]
    }
    pub fn item(&self, item: ItemRef) -> &Item {
        &self.meetings[item.meeting.index()].items[item.index as usize]
    }
    /// Items elsewhere that refer to a meeting as a whole, in meeting order.
    pub fn meeting_referenced_by(&self, id: MeetingId) -> &[ItemRef] {
        self.links.meeting.get(id.index()).map(Vec::as_slice).unwrap_or_default()
    }

    /// Items that refer to an item, in meeting order.
    pub fn item_referenced_by(&self, item: ItemRef) -> &[ItemRef] {
        self.links.item.get(&item).map(Vec::as_slice).unwrap_or_default()
    }

    /// The item that reported the assignments of `item` done, if any.
    pub fn completed_by(&self, item: ItemRef) -> Option<ItemRef> {
        self.links.completed.get(&item).copied()
    }

    /// Where an assignment given in `item` stands in the published records.
    pub fn assignment_status(&self, item: ItemRef, assignment: &Assignment) -> AssignmentStatus {
        assignment.status(self.completed_by(item), self.records_until)
    }

    /// Whether `deadline` passed before the latest published record: what the records
    /// can show to be late (`records_until`).
    pub fn overdue(&self, deadline: Date) -> bool {
        types::overdue(deadline, self.records_until)
    }

    pub fn plan(&self, id: PlanId) -> &Plan {
        &self.plans[id.index()]
    }

    /// The member municipalities on a date, in the order site.toml lists them.
    pub fn members_on(&self, date: Date) -> Vec<MunicipalityId> {
        self.site.members.iter().filter(|m| m.member_on(date)).map(|m| m.municipality).collect()
    }

    pub fn meeting_ids(&self) -> impl DoubleEndedIterator<Item = MeetingId> + '_ {
        (0..self.meetings.len() as u32).map(MeetingId)
    }

    pub fn body_ids(&self) -> impl DoubleEndedIterator<Item = BodyId> + '_ {
        (0..self.bodies.len() as u32).map(BodyId)
    }
}

/// A model with no content at all: what the builders return around a missing file.
pub(crate) fn placeholder_site(file: crate::diag::FileId) -> Site {
    Site {
        title: String::new(),
        cooperation: String::new(),
        description: None,
        base_url: "/".into(),
        language: "sv".into(),
        theme: "default".into(),
        example: false,
        confidential_notice: DEFAULT_CONFIDENTIAL_NOTICE.into(),
        members: Vec::new(),
        accessibility: Accessibility {
            compliance: String::new(),
            known_problems: Vec::new(),
            method: String::new(),
            assessed: Date::constant(2000, 1, 1),
            published: Date::constant(2000, 1, 1),
            contact_email: String::new(),
            contact_phone: None,
            response_time: None,
        },
        license: None,
        privacy_url: None,
        file,
    }
}

pub const DEFAULT_CONFIDENTIAL_NOTICE: &str = "Sekretess enligt offentlighets- och sekretesslagen (OSL)";

/// Shorthand used by the builders.
pub(crate) fn err(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message)
}
