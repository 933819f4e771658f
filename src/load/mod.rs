//! Stage 1, load: a site's files → raw structs with spans, and the diagnostics found.
//!
//! Finds the source files under `content/`, tells their kind from their path, reads and
//! decodes them in parallel, and keeps the other files (attachments) as a list. It does no
//! cross-file logic: whether a reference resolves is the model's business.
//!
//! Decoded values are shared (`Arc`). A [`Cache`] (kept by `serve`) hands an unchanged
//! file's value back without reading it again, the same `Arc`, so that the model can tell
//! an unchanged file by pointer.

pub mod decode;
pub mod markdown;
pub mod raw;
pub mod scalar;
pub mod schema;
pub mod spanned;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Diagnostics, FileId, Location, SourceFiles};
use crate::source::{Entry, Source};
use raw::*;

/// The folder under the site root that holds the sources.
pub const CONTENT: &str = "content";

/// Larger source files are refused rather than parsed (a pasted 100 MB file is a mistake).
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// More diagnostics than this in one source file are summed up in one: a text pasted from
/// elsewhere can have a fault on every line, and nobody reads past the first ones.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 50;

/// How much of an attachment is read to tell its type.
pub const HEAD_BYTES: usize = 64;

/// A decoded file: its id in [`SourceFiles`] and its value.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    pub file: FileId,
    pub value: Arc<T>,
}

/// Where a body's file lives: central bodies in organisation/bodies/, groups in groups/.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyHome {
    Organisation,
    Groups,
}

#[derive(Clone, Debug)]
pub struct LoadedBody {
    pub id: String,
    pub home: BodyHome,
    pub parsed: Parsed<RawBody>,
}

#[derive(Clone, Debug)]
pub struct LoadedMeeting {
    /// The folder name: the body's id.
    pub body: String,
    /// The file stem: should be the meeting's date.
    pub stem: String,
    pub parsed: Parsed<RawMeeting>,
}

#[derive(Clone, Debug)]
pub struct LoadedYearly<T> {
    pub group: String,
    pub year: i32,
    pub parsed: Parsed<T>,
}

#[derive(Clone, Debug)]
pub struct LoadedIndicator {
    pub id: String,
    pub parsed: Parsed<RawIndicator>,
}

/// Everything the loader found. Files that failed to decode are absent here; their
/// diagnostics explain why.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub files: SourceFiles,
    pub site: Option<Parsed<RawSite>>,
    pub municipalities: Option<Parsed<RawMunicipalities>>,
    pub people: Option<Parsed<RawPeople>>,
    pub bodies: Vec<LoadedBody>,
    pub strategy: Option<Parsed<RawStrategy>>,
    pub areas: Option<Parsed<RawAreas>>,
    pub meetings: Vec<LoadedMeeting>,
    pub plans: Vec<LoadedYearly<RawPlan>>,
    pub reports: Vec<LoadedYearly<RawReport>>,
    pub indicators: Vec<LoadedIndicator>,
    /// Files under content/ that are not sources: attachments and the like.
    pub assets: Vec<Entry>,
    /// The first bytes of each of those files (not of links), which tell its type. Shared:
    /// a cached load hands out the same table while no attachment changed.
    pub heads: Arc<BTreeMap<String, Vec<u8>>>,
    /// The number of source (TOML) files read.
    pub source_count: usize,
    /// Places in each file the loader has already reported (and repaired). Later stages
    /// drop their own diagnostics there: they would repeat the same fault.
    pub reported: Vec<(FileId, Range<usize>)>,
    /// The files with errors, and what they define.
    pub faulty: Faulty,
    pub diagnostics: Diagnostics,
}

/// Source files with errors (or missing), and what they define. What such a file defines
/// may be missing or incomplete, so later stages do not report references to it, nor
/// what the file itself seems to lack: that would only repeat the file's own errors
/// (one typo in people.toml would make every reference to a person an error).
#[derive(Clone, Debug, Default)]
pub struct Faulty {
    pub files: FxHashSet<FileId>,
    /// Files with values lost in a syntax error, or removed because they could not be
    /// decoded: the model does not report within such a file what the loss may explain
    /// (an item number in `items` that is not on the agenda).
    pub incomplete: FxHashSet<FileId>,
    /// content/organisation/people.toml.
    pub people: bool,
    /// content/organisation/municipalities.toml.
    pub municipalities: bool,
    /// content/strategy/plan.toml: the goals and subgoals.
    pub strategy: bool,
    /// content/strategy/areas.toml.
    pub areas: bool,
    /// Ids of bodies and groups.
    pub bodies: FxHashSet<String>,
    /// Meetings, as "body/date" (the file's folder and name).
    pub meetings: FxHashSet<String>,
    /// Plans, by group and year.
    pub plans: FxHashSet<(String, i32)>,
}

impl Faulty {
    fn add(&mut self, file: FileId, kind: &Kind) {
        self.files.insert(file);
        self.lacks(kind);
    }

    /// What a file of `kind` defines may be missing.
    fn lacks(&mut self, kind: &Kind) {
        match kind {
            Kind::People => self.people = true,
            Kind::Municipalities => self.municipalities = true,
            Kind::Strategy => self.strategy = true,
            Kind::Areas => self.areas = true,
            Kind::Body { id, .. } => _ = self.bodies.insert(id.clone()),
            Kind::Meeting { body, stem } => _ = self.meetings.insert(format!("{body}/{stem}")),
            Kind::Plan { group, year } => _ = self.plans.insert((group.clone(), *year)),
            Kind::Site | Kind::Report { .. } | Kind::Indicator { .. } | Kind::Unknown => {}
        }
    }
}

/// The kind of a source file, told from its path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Site,
    Municipalities,
    People,
    Body { id: String, home: BodyHome },
    Strategy,
    Areas,
    Meeting { body: String, stem: String },
    Plan { group: String, year: i32 },
    Report { group: String, year: i32 },
    Indicator { id: String },
    Unknown,
}

fn classify(path: &str) -> Kind {
    let Some(rel) = path.strip_prefix("content/") else { return Kind::Unknown };
    let parts: Vec<&str> = rel.split('/').collect();
    let stem = |name: &str| name.strip_suffix(".toml").map(str::to_string);
    match parts.as_slice() {
        ["site.toml"] => Kind::Site,
        ["organisation", "municipalities.toml"] => Kind::Municipalities,
        ["organisation", "people.toml"] => Kind::People,
        ["organisation", "bodies", name] => match stem(name) {
            Some(id) => Kind::Body { id, home: BodyHome::Organisation },
            None => Kind::Unknown,
        },
        ["strategy", "plan.toml"] => Kind::Strategy,
        ["strategy", "areas.toml"] => Kind::Areas,
        ["meetings", body, name] => match stem(name) {
            Some(stem) => Kind::Meeting { body: body.to_string(), stem },
            None => Kind::Unknown,
        },
        ["groups", group, "group.toml"] => Kind::Body { id: group.to_string(), home: BodyHome::Groups },
        ["groups", group, name] => {
            let year = |prefix: &str| {
                stem(name)?.strip_prefix(prefix)?.parse::<i32>().ok().filter(|y| (1900..=2999).contains(y))
            };
            if let Some(year) = year("plan-") {
                Kind::Plan { group: group.to_string(), year }
            } else if let Some(year) = year("report-") {
                Kind::Report { group: group.to_string(), year }
            } else {
                Kind::Unknown
            }
        }
        ["indicators", name] => match stem(name) {
            Some(id) => Kind::Indicator { id },
            None => Kind::Unknown,
        },
        _ => Kind::Unknown,
    }
}

/// A size as a person reads it: "9,5 MB" (1 MB = 1 048 576 byte, one decimal, Swedish
/// comma), "8 MB".
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() as u64;
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        d => format!("{},{d} MB", tenths / 10),
    }
}

/// A misnamed source in the folders of meetings and groups, where every file is meant to
/// be published, is an error (it would silently not be); elsewhere a warning.
fn severity(path: &str) -> fn(String) -> Diagnostic {
    if path.starts_with("content/meetings/") || path.starts_with("content/groups/") {
        Diagnostic::error
    } else {
        Diagnostic::warning
    }
}

/// A file in a group's folder named like a plan or a report but not `plan-ÅÅÅÅ.toml` or
/// `report-ÅÅÅÅ.toml` ("plan2027.toml", "verksamhetsberattelse-26.toml"): what it looks
/// like, and the name to give it.
fn misnamed_yearly(path: &str) -> Option<(&'static str, String)> {
    let rel = path.strip_prefix("content/groups/")?;
    let (_, name) = rel.split_once('/').filter(|(_, name)| !name.contains('/'))?;
    let stem = name.strip_suffix(".toml")?.to_lowercase();
    let (what, prefix) = if stem.contains("plan") {
        ("verksamhetsplan", "plan")
    } else if ["report", "rapport", "berättelse", "berattelse"].iter().any(|w| stem.contains(w)) {
        ("verksamhetsberättelse", "report")
    } else {
        return None;
    };
    let digits: String = stem.chars().filter(char::is_ascii_digit).collect();
    let year = match digits.len() {
        4 => Some(digits),
        2 => Some(format!("20{digits}")),
        _ => None,
    };
    let hint = match year {
        Some(year) => format!("döp om filen till {prefix}-{year}.toml"),
        None => format!("döp om filen till {prefix}-ÅÅÅÅ.toml, med året den gäller"),
    };
    Some((what, hint))
}

/// One decoded file, before it is sorted into [`Loaded`].
#[derive(Clone)]
enum Value {
    Site(Arc<RawSite>),
    Municipalities(Arc<RawMunicipalities>),
    People(Arc<RawPeople>),
    Body(Arc<RawBody>),
    Strategy(Arc<RawStrategy>),
    Areas(Arc<RawAreas>),
    Meeting(Arc<RawMeeting>),
    Plan(Arc<RawPlan>),
    Report(Arc<RawReport>),
    Indicator(Arc<RawIndicator>),
}

/// What reading and decoding one file gave, as decoded with `file` as its id.
#[derive(Clone)]
struct FileResult {
    file: FileId,
    text: Arc<str>,
    value: Option<Value>,
    diagnostics: Vec<Diagnostic>,
    reported: Vec<Range<usize>>,
    /// Some of the file's values are missing (`Faulty::incomplete`).
    incomplete: bool,
}

impl FileResult {
    /// A file that could not be read or decoded at all.
    fn unread(file: FileId, text: String, diagnostics: Vec<Diagnostic>) -> FileResult {
        FileResult { file, text: Arc::from(text), value: None, diagnostics, reported: Vec::new(), incomplete: false }
    }

    /// The same result for the file under another id (files before it came or went).
    fn renumbered(&self, file: FileId) -> FileResult {
        let mut result = self.clone();
        if file != self.file {
            let renumber = |location: &mut Location| {
                if location.file == self.file {
                    location.file = file;
                }
            };
            for diagnostic in &mut result.diagnostics {
                diagnostic.location.as_mut().map(renumber);
                diagnostic.notes.iter_mut().for_each(|n| renumber(&mut n.location));
            }
            result.file = file;
        }
        result
    }
}

/// Decoded files kept from one load to the next (`serve`).
///
/// A file is decoded again when its size or modification time changed, when
/// [`Cache::forget`] named it (a watcher saw it change), or, for sources that know no
/// modification times, when its bytes differ.
#[derive(Default)]
pub struct Cache {
    files: FxHashMap<String, Cached>,
    /// The first bytes of each attachment (its type is checked from them), by path, and
    /// the size and modification time each was read at.
    heads: Arc<BTreeMap<String, Vec<u8>>>,
    stamps: FxHashMap<String, (u64, std::time::SystemTime)>,
}

struct Cached {
    size: u64,
    modified: Option<std::time::SystemTime>,
    result: FileResult,
}

impl Cache {
    /// Decode `path` again on the next load.
    pub fn forget(&mut self, path: &str) {
        self.files.remove(path);
        self.stamps.remove(path);
    }

    /// Whether the source file `entry` holds exactly the text this cache decoded from it
    /// (its stamp may be new: the file was written again as it was, or an editor's save
    /// was reported once more). If so, the new stamp is kept, and nothing need be decoded.
    pub fn holds(&mut self, source: &dyn Source, entry: &Entry) -> bool {
        let Some(cached) = self.files.get_mut(&entry.path) else { return false };
        if cached.size != entry.size || entry.size != cached.result.text.len() as u64 {
            return false;
        }
        if cached.modified.is_some() && cached.modified == entry.modified {
            return true;
        }
        let same = source.read(&entry.path).is_ok_and(|bytes| bytes == cached.result.text.as_bytes());
        if same {
            cached.modified = entry.modified;
        }
        same
    }

    /// The cached first bytes of the attachment `entry`, if it did not change. A source
    /// that knows no modification times is read every time.
    fn head(&self, entry: &Entry) -> Option<&Vec<u8>> {
        self.unchanged(entry).then(|| self.heads.get(&entry.path)).flatten()
    }

    /// Whether the attachment `entry` is as it was when its head was read.
    fn unchanged(&self, entry: &Entry) -> bool {
        self.stamps
            .get(&entry.path)
            .is_some_and(|&(size, modified)| size == entry.size && entry.modified == Some(modified))
    }

    /// The heads of `assets` (all but links): the cached table as it is when none of them
    /// changed, came or went; otherwise a new one, read where the cache cannot answer.
    fn heads(&mut self, source: &dyn Source, assets: &[Entry]) -> Arc<BTreeMap<String, Vec<u8>>> {
        let files: Vec<&Entry> = assets.iter().filter(|entry| !entry.symlink).collect();
        // `stamps` holds exactly the paths `heads` was read for, less those forgotten.
        if files.len() == self.stamps.len()
            && files.len() == self.heads.len()
            && files.iter().all(|e| self.unchanged(e))
        {
            return self.heads.clone();
        }
        let heads: BTreeMap<String, Vec<u8>> = files
            .par_iter()
            .filter_map(|entry| {
                let head = match self.head(entry) {
                    Some(head) => head.clone(),
                    None => source.read_head(&entry.path, HEAD_BYTES, entry.size).ok()?,
                };
                Some((entry.path.clone(), head))
            })
            .collect();
        self.stamps = files
            .iter()
            .filter(|entry| heads.contains_key(&entry.path))
            .filter_map(|entry| Some((entry.path.clone(), (entry.size, entry.modified?))))
            .collect();
        self.heads = Arc::new(heads);
        self.heads.clone()
    }

    /// The cached result for `entry`, if still valid, renumbered as `file`.
    fn get(&self, source: &dyn Source, entry: &Entry, file: FileId) -> Option<FileResult> {
        let cached = self.files.get(&entry.path)?;
        if cached.size != entry.size {
            return None;
        }
        let unchanged = match (entry.modified, cached.modified) {
            (Some(now), Some(then)) => now == then,
            _ => source.read(&entry.path).is_ok_and(|bytes| bytes == cached.result.text.as_bytes()),
        };
        unchanged.then(|| cached.result.renumbered(file))
    }
}

/// Reads and decodes every source file of the site.
pub fn load(source: &dyn Source) -> Result<Loaded, std::io::Error> {
    load_with(source, None)
}

/// Reads and decodes every source file of the site, reusing what `cache` holds of files
/// that did not change, and keeping what this load decoded in it.
pub fn load_cached(source: &dyn Source, cache: &mut Cache) -> Result<Loaded, std::io::Error> {
    load_with(source, Some(cache))
}

fn load_with(source: &dyn Source, cache: Option<&mut Cache>) -> Result<Loaded, std::io::Error> {
    let entries = source.list(CONTENT)?;
    let mut loaded = Loaded::default();
    let collisions = case_collisions(&entries);
    let mut toml_entries = Vec::new();
    for entry in entries {
        if entry.path.ends_with(".toml") && !entry.symlink {
            toml_entries.push(entry);
        } else {
            let original = entry.path.rsplit('/').next().unwrap_or_default();
            let name = original.to_ascii_lowercase();
            let toml_like = name.ends_with(".toml");
            // Saved by an editor that added its own extension (Notepad's `.txt`) or a space.
            let misnamed = name.trim_end().ends_with(".toml") || name.contains(".toml.");
            if entry.symlink && toml_like {
                loaded.diagnostics.push(
                    Diagnostic::warning(format!("{} är en symbolisk länk och läses inte", entry.path))
                        .with_hint("kansli följer inga länkar; lägg själva filen i content/"),
                );
            } else if toml_like {
                let stem = original[..original.len() - ".toml".len()].to_lowercase();
                loaded.diagnostics.push(
                    severity(&entry.path)(format!("{} är ingen källfil: ändelsen ska vara .toml", entry.path))
                        .with_hint(format!("byt namn på filen till {stem}.toml, med ändelsen i små bokstäver")),
                );
            } else if misnamed {
                let stem = &original[..name.find(".toml").unwrap_or(name.len())];
                loaded.diagnostics.push(
                    severity(&entry.path)(format!(
                        "{} är ingen källfil: namnet \"{original}\" slutar inte på .toml",
                        entry.path
                    ))
                    .with_hint(format!(
                        "byt namn på filen till {stem}.toml (visa filändelser i Utforskaren: \
                             Anteckningar lägger ibland till .txt)"
                    )),
                );
            }
            loaded.assets.push(entry);
        }
    }
    loaded.source_count = toml_entries.len();
    let mut cache = cache;
    loaded.heads = match cache.as_deref_mut() {
        Some(cache) => cache.heads(source, &loaded.assets),
        None => Arc::new(
            loaded
                .assets
                .par_iter()
                .filter(|entry| !entry.symlink)
                .filter_map(|entry| {
                    Some((entry.path.clone(), source.read_head(&entry.path, HEAD_BYTES, entry.size).ok()?))
                })
                .collect(),
        ),
    };
    let shared = cache.as_deref();

    // Each file's kind, its result, and whether the cache gave it.
    let results: Vec<(Kind, FileResult, bool)> = toml_entries
        .par_iter()
        .enumerate()
        .map(|(index, entry)| {
            let file = FileId(index as u32);
            let kind = classify(&entry.path);
            match shared.and_then(|cache| cache.get(source, entry, file)) {
                Some(result) => (kind, result, true),
                None => {
                    let result = read_and_decode(source, entry, file, &kind);
                    (kind, result, false)
                }
            }
        })
        .collect();
    if let Some(cache) = cache {
        // Only what was decoded now goes in; what the cache gave back is there already.
        for ((_, result, _), entry) in results.iter().zip(&toml_entries).filter(|((_, _, cached), _)| !cached) {
            let cached = Cached { size: entry.size, modified: entry.modified, result: result.clone() };
            cache.files.insert(entry.path.clone(), cached);
        }
        if cache.files.len() != toml_entries.len() {
            let listed: std::collections::HashSet<&str> = toml_entries.iter().map(|e| e.path.as_str()).collect();
            cache.files.retain(|path, _| listed.contains(path.as_str()));
        }
    }
    for ((kind, result, _), entry) in results.into_iter().zip(&toml_entries) {
        let file = loaded.files.add(entry.path.clone(), result.text);
        if result.diagnostics.iter().any(Diagnostic::is_error) {
            loaded.faulty.add(file, &kind);
        }
        if result.incomplete {
            loaded.faulty.incomplete.insert(file);
        }
        loaded.diagnostics.extend(result.diagnostics);
        loaded.reported.extend(result.reported.into_iter().map(|span| (file, span)));
        let Some(value) = result.value else { continue };
        match (kind, value) {
            (Kind::Site, Value::Site(v)) => loaded.site = Some(Parsed { file, value: v }),
            (Kind::Municipalities, Value::Municipalities(v)) => loaded.municipalities = Some(Parsed { file, value: v }),
            (Kind::People, Value::People(v)) => loaded.people = Some(Parsed { file, value: v }),
            (Kind::Body { id, home }, Value::Body(v)) => {
                loaded.bodies.push(LoadedBody { id, home, parsed: Parsed { file, value: v } })
            }
            (Kind::Strategy, Value::Strategy(v)) => loaded.strategy = Some(Parsed { file, value: v }),
            (Kind::Areas, Value::Areas(v)) => loaded.areas = Some(Parsed { file, value: v }),
            (Kind::Meeting { body, stem }, Value::Meeting(v)) => {
                loaded.meetings.push(LoadedMeeting { body, stem, parsed: Parsed { file, value: v } })
            }
            (Kind::Plan { group, year }, Value::Plan(v)) => {
                loaded.plans.push(LoadedYearly { group, year, parsed: Parsed { file, value: v } })
            }
            (Kind::Report { group, year }, Value::Report(v)) => {
                loaded.reports.push(LoadedYearly { group, year, parsed: Parsed { file, value: v } })
            }
            (Kind::Indicator { id }, Value::Indicator(v)) => {
                loaded.indicators.push(LoadedIndicator { id, parsed: Parsed { file, value: v } })
            }
            _ => {}
        }
    }

    for group in collisions {
        let located = group.iter().find_map(|path| loaded.files.find(path));
        let mut diagnostic = Diagnostic::error(format!(
            "filerna {} skiljer sig bara i stora och små bokstäver",
            group.iter().map(String::as_str).collect::<Vec<_>>().join(" och ")
        ))
        .with_hint("på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena");
        if let Some(file) = located {
            diagnostic = diagnostic.at(Location::file(file));
        }
        loaded.diagnostics.push(diagnostic);
    }

    for (path, what) in [
        ("content/site.toml", "webbplatsens inställningar"),
        ("content/organisation/municipalities.toml", "kommunerna"),
        ("content/organisation/people.toml", "personerna"),
    ] {
        if loaded.files.find(path).is_none() {
            loaded.faulty.lacks(&classify(path));
            loaded.diagnostics.push(
                Diagnostic::error(format!("filen {path} saknas"))
                    .with_hint(format!("den innehåller {what}; se innehållsguiden (docs/content-guide.md)")),
            );
        }
    }
    Ok(loaded)
}

/// Paths that are one path where case does not count (web servers, Windows, macOS): each
/// group sorted, the groups in path order.
fn case_collisions(entries: &[Entry]) -> Vec<Vec<String>> {
    // Two paths that are both lower case already fold to themselves, so they collide only
    // if they are the same path: every collision has a path with a capital in it. Most
    // sites have few such paths or none, and tens of thousands of attachments are listed
    // on every rebuild in serve: only the paths with capitals are folded and kept.
    let has_capital = |path: &str| {
        if path.is_ascii() {
            path.bytes().any(|b| b.is_ascii_uppercase())
        } else {
            path.chars().any(char::is_uppercase)
        }
    };
    let mut folded: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for entry in entries.iter().filter(|e| has_capital(&e.path)) {
        folded.entry(entry.path.to_lowercase()).or_default().push(&entry.path);
    }
    if folded.is_empty() {
        return Vec::new();
    }
    for entry in entries.iter().filter(|e| !has_capital(&e.path)) {
        if let Some(group) = folded.get_mut(entry.path.as_str()) {
            group.push(&entry.path);
        }
    }
    let mut groups: Vec<(String, Vec<String>)> = folded
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(key, paths)| {
            let mut group: Vec<String> = paths.into_iter().map(str::to_string).collect();
            group.sort();
            (key, group)
        })
        .collect();
    groups.sort();
    groups.into_iter().map(|(_, group)| group).collect()
}

fn read_and_decode(source: &dyn Source, entry: &Entry, file: FileId, kind: &Kind) -> FileResult {
    let mut diagnostics = Vec::new();
    let location = Location::file(file);
    if entry.size > MAX_SOURCE_BYTES {
        diagnostics.push(
            Diagnostic::error(format!("filen är för stor ({})", megabytes(entry.size))).at(location).with_hint(
                format!("en källfil får vara högst {}; bilagor läggs som egna filer", megabytes(MAX_SOURCE_BYTES)),
            ),
        );
        return FileResult::unread(file, String::new(), diagnostics);
    }
    // Never more than the limit (and one byte) in memory, whatever the file has grown to
    // since it was listed.
    let bytes = match source.read_head(&entry.path, MAX_SOURCE_BYTES as usize + 1, entry.size) {
        Ok(bytes) if bytes.len() as u64 > MAX_SOURCE_BYTES => {
            diagnostics.push(
                Diagnostic::error(format!("filen är för stor (över {})", megabytes(MAX_SOURCE_BYTES)))
                    .at(location)
                    .with_hint(format!(
                        "en källfil får vara högst {}; bilagor läggs som egna filer",
                        megabytes(MAX_SOURCE_BYTES)
                    )),
            );
            return FileResult::unread(file, String::new(), diagnostics);
        }
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.push(Diagnostic::error(format!("kunde inte läsa filen: {error}")).at(location));
            return FileResult::unread(file, String::new(), diagnostics);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            diagnostics.push(
                Diagnostic::error("filen är inte giltig UTF-8")
                    .at(Location::new(file, valid..valid + char::REPLACEMENT_CHARACTER.len_utf8()))
                    .with_label("ogiltig byte")
                    .with_hint("spara filen som UTF-8 i redigeraren"),
            );
            return FileResult::unread(file, text, diagnostics);
        }
    };
    // A byte order mark is harmless but not TOML: the parser reads three spaces for it, so
    // no span moves. The file keeps it, and diagnostics give it no width (`diag::line_col`).
    let (text, with_bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            diagnostics.push(
                Diagnostic::warning("filen börjar med en BOM (byte order mark)")
                    .at(Location::new(file, 0..3))
                    .with_hint("spara filen som UTF-8 utan BOM; tecknet ignoreras"),
            );
            (format!("   {rest}"), Some(text))
        }
        None => (text, None),
    };

    // A file with nothing but comments would be reported key by key, one at a time.
    let empty = text.lines().map(str::trim).all(|line| line.is_empty() || line.starts_with('#'));
    if empty && *kind != Kind::Unknown {
        let hint = match kind {
            Kind::Meeting { body, stem } => {
                format!("skriv mötet i filen, eller skapa det med kansli new meeting --body {body} --date {stem}")
            }
            Kind::Plan { group, year } => format!("skapa planen med kansli new plan --group {group} --year {year}"),
            Kind::Report { group, year } => {
                format!("skapa berättelsen med kansli new report --group {group} --year {year}")
            }
            _ => "skriv filens innehåll; se innehållsguiden (docs/content-guide.md)".into(),
        };
        diagnostics.push(Diagnostic::error("filen är tom").at(location).with_hint(hint));
        return FileResult::unread(file, with_bom.unwrap_or(text), diagnostics);
    }
    let mut reported = Vec::new();
    let mut incomplete = false;
    let value = match kind {
        Kind::Site => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Site),
        Kind::Municipalities => {
            decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Municipalities)
        }
        Kind::People => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::People),
        Kind::Body { .. } => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Body),
        Kind::Strategy => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Strategy),
        Kind::Areas => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Areas),
        Kind::Meeting { .. } => {
            decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Meeting)
        }
        Kind::Plan { .. } => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Plan),
        Kind::Report { .. } => decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Report),
        Kind::Indicator { .. } => {
            decode_as(file, &text, &mut diagnostics, &mut reported, &mut incomplete, Value::Indicator)
        }
        Kind::Unknown => {
            match misnamed_yearly(&entry.path) {
                // A plan or report under the wrong name would silently not be published.
                Some((what, hint)) => diagnostics.push(
                    Diagnostic::error(format!("filen ser ut som en {what}, men namnet följer inte mönstret"))
                        .at(location)
                        .with_hint(hint),
                ),
                None => {
                    diagnostics.push(Diagnostic::warning("okänd källfil; den används inte").at(location).with_hint(
                        "källfiler ligger i content/site.toml, organisation/, strategy/, \
                         meetings/<organ>/<ÅÅÅÅ-MM-DD>.toml, groups/<id>/ och indicators/",
                    ))
                }
            }
            None
        }
    };
    at_most(MAX_DIAGNOSTICS_PER_FILE, file, &text, &mut diagnostics, &mut reported);
    let text = Arc::from(with_bom.unwrap_or(text));
    FileResult { file, text, value, diagnostics, reported, incomplete }
}

/// Keeps the first `max` of a file's `diagnostics` (by place) and sums up the rest in one,
/// at the first place left out; from there on the file is `reported`, so later stages
/// keep quiet about it too.
fn at_most(max: usize, file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>, reported: &mut Vec<Range<usize>>) {
    if diagnostics.len() <= max {
        return;
    }
    let start = |d: &Diagnostic| d.location.as_ref().and_then(|l| l.span.as_ref()).map_or(0, |s| s.start);
    diagnostics.sort_by_key(start);
    let left_out = diagnostics.split_off(max);
    let from = start(&left_out[0]);
    reported.push(from..text.len().max(from + 1));
    let message = format!("ytterligare {} fel och varningar i filen visas inte", left_out.len());
    // Warnings alone never fail a build, summed up or not.
    let summary = if left_out.iter().any(Diagnostic::is_error) {
        Diagnostic::error(message)
    } else {
        Diagnostic::warning(message)
    };
    diagnostics.push(
        summary.at(Location::new(file, from..from)).with_label("de börjar här").with_hint(
            "rätta felen ovan och kontrollera igen; en text som inte är TOML ger ett fel på nästan varje rad",
        ),
    );
}

fn decode_as<T: DeserializeOwned + schema::Described + markdown::MarkdownFields>(
    file: FileId,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    reported: &mut Vec<Range<usize>>,
    incomplete: &mut bool,
    wrap: fn(Arc<T>) -> Value,
) -> Option<Value> {
    let decoded = decode::decode::<T>(file, text, T::schema_json());
    *incomplete = decoded.incomplete;
    diagnostics.extend(decoded.diagnostics);
    for field in decoded.value.iter().flat_map(|value| value.markdown_fields()) {
        diagnostics.extend(markdown::lint(file, text, field));
    }
    reported.extend(decoded.reported);
    decoded.value.map(|value| wrap(Arc::new(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_the_most_warnings_are_summed_up_as_a_warning() {
        let text = "x\n".repeat(60);
        let mut files = SourceFiles::new();
        let file = files.add("content/site.toml", text.as_str());
        let mut diagnostics: Vec<Diagnostic> = (0..60)
            .map(|line| Diagnostic::warning("varning").at(Location::new(file, line * 2..line * 2 + 1)))
            .collect();
        let mut reported = Vec::new();
        at_most(50, file, &text, &mut diagnostics, &mut reported);
        assert_eq!(diagnostics.len(), 51);
        assert_eq!(reported, vec![100..120]);
        assert_eq!(
            crate::diag::render(&diagnostics[50], &files, crate::diag::Color::Never),
            "varning: ytterligare 10 fel och varningar i filen visas inte
  --> content/site.toml:51:1
   |
51 | x
   | ^ de börjar här
   |
   = hjälp: rätta felen ovan och kontrollera igen; en text som inte är TOML ger ett fel på nästan varje rad
"
        );
    }

    #[test]
    fn classifies_paths_by_layout() {
        assert_eq!(classify("content/site.toml"), Kind::Site);
        assert_eq!(
            classify("content/meetings/kommunchefsgruppen/2013-05-15.toml"),
            Kind::Meeting { body: "kommunchefsgruppen".into(), stem: "2013-05-15".into() }
        );
        assert_eq!(classify("content/groups/webb/plan-2013.toml"), Kind::Plan { group: "webb".into(), year: 2013 });
        assert_eq!(classify("content/groups/webb/plan-13.toml"), Kind::Unknown);
        assert_eq!(classify("content/groups/webb/notes.toml"), Kind::Unknown);
        assert_eq!(
            classify("content/groups/webb/group.toml"),
            Kind::Body { id: "webb".into(), home: BodyHome::Groups }
        );
    }
}
