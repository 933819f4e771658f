//! Meetings and their items: the records the public site exists for.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use jiff::civil::Date;

use super::context::{Ctx, Named, Tables, agenda_range};
use super::err;
use super::files::Assets;
use super::types::*;
use super::values::{date, opt_text, text, time};
use crate::diag::{Diagnostic, FileId, Location};
use crate::load::LoadedMeeting;
use crate::load::raw::*;
use crate::load::spanned::Spanned;
use crate::source::Entry;

/// A meeting file that named a known body and a valid date: ready to be given an id.
struct Registered<'a> {
    body: BodyId,
    date: Date,
    slug: String,
    loaded: &'a LoadedMeeting,
}

/// Meetings resolved by an earlier build, for `serve`: a meeting is resolved again only
/// when its file changed, or when anything it may refer to did.
///
/// A meeting is a function of its own file and of its environment: every other source
/// file, the attachments, today's date, and which meetings exist with which item numbers.
/// The environment is compared by a hash; the file by the pointer of its decoded value,
/// which the loader's cache shares while the file is unchanged.
#[derive(Default)]
pub struct Memo {
    env: Option<blake3::Hash>,
    meetings: FxHashMap<String, Memoized>,
    assets: Option<MemoAssets>,
}

/// The attachment files' table and hash, made again only when the loader hands back other
/// heads (one of the files changed, came or went) or the listing changed (a link did).
struct MemoAssets {
    heads: Arc<BTreeMap<String, Vec<u8>>>,
    listing: Vec<Entry>,
    table: Arc<Assets>,
    digest: blake3::Hash,
}

struct Memoized {
    raw: Arc<RawMeeting>,
    file: FileId,
    id: MeetingId,
    meeting: Arc<Meeting>,
    diagnostics: Vec<Diagnostic>,
    /// Taken from the memo by the build that stored it (for `serve`'s report).
    reused: bool,
}

impl Memo {
    /// The table and hash of the attachment files `listing` with their `heads`.
    pub(super) fn assets(
        &mut self,
        listing: &[Entry],
        heads: &Arc<BTreeMap<String, Vec<u8>>>,
    ) -> (Arc<Assets>, blake3::Hash) {
        if let Some(kept) = &self.assets
            && Arc::ptr_eq(&kept.heads, heads)
            && kept.listing == listing
        {
            return (kept.table.clone(), kept.digest);
        }
        let table = Arc::new(super::asset_table(listing, heads));
        let digest = super::assets_digest(listing, heads);
        let listing = listing.to_vec();
        self.assets = Some(MemoAssets { heads: heads.clone(), listing, table: table.clone(), digest });
        (table, digest)
    }

    /// How many meetings the last build took from the memo.
    pub fn reused(&self) -> usize {
        self.meetings.values().filter(|m| m.reused).count()
    }
}

pub(super) fn meetings(
    ctx: &mut Ctx<'_>,
    loaded: &[LoadedMeeting],
    bodies: &[Body],
    people: &[Person],
    site: &Site,
    today: Date,
    memo: Option<(&mut Memo, blake3::Hasher)>,
) -> (Vec<Arc<Meeting>>, Links) {
    let mut registered = register(ctx, loaded);
    registered.sort_by(|a, b| (a.date, &bodies[a.body.index()].slug).cmp(&(b.date, &bodies[b.body.index()].slug)));

    for (index, r) in registered.iter().enumerate() {
        let id = MeetingId(index as u32);
        ctx.t.to_mut().meetings.insert(r.slug.clone(), id);
        ctx.t.to_mut().meeting_dates.entry(r.body).or_default().push(r.date);
        // Only well-formed numbers can be referred to; faults are reported in `meeting`.
        let numbers = r
            .loaded
            .parsed
            .value
            .item
            .iter()
            .filter_map(|i| u32::try_from(i.number.value).ok().filter(|n| *n >= 1))
            .collect();
        ctx.t.to_mut().item_numbers.push(numbers);
    }

    // The environment every meeting is resolved in: the rest of the site (hashed by the
    // caller) and the registered meetings with their item numbers and whether their files
    // have errors.
    let (memo, env) = match memo {
        Some((memo, mut env)) => {
            // One buffer, hashed at once: a call per field of ten thousand meetings costs
            // more than the hashing.
            let mut buffer = Vec::with_capacity(registered.len() * 64);
            for (index, r) in registered.iter().enumerate() {
                buffer.extend_from_slice(&(r.slug.len() as u64).to_le_bytes());
                buffer.extend_from_slice(r.slug.as_bytes());
                buffer.extend_from_slice(&r.loaded.parsed.file.0.to_le_bytes());
                // References into a meeting whose file has errors are not checked.
                buffer.push(u8::from(ctx.t.faulty.files.contains(&r.loaded.parsed.file)));
                let numbers = &ctx.t.item_numbers[index];
                buffer.extend_from_slice(&(numbers.len() as u64).to_le_bytes());
                numbers.iter().for_each(|n| buffer.extend_from_slice(&n.to_le_bytes()));
            }
            env.update(&buffer);
            (Some(memo), Some(env.finalize()))
        }
        None => (None, None),
    };
    let previous = memo.as_deref().filter(|m| m.env.is_some() && m.env == env);
    let reuse = |r: &Registered<'_>, id: MeetingId| {
        let m = previous?.meetings.get(&r.slug)?;
        (Arc::ptr_eq(&m.raw, &r.loaded.parsed.value) && m.file == r.loaded.parsed.file && m.id == id)
            .then(|| (m.meeting.clone(), m.diagnostics.clone(), true))
    };

    // Meetings resolve independently once every id is registered: in parallel, each with
    // diagnostics of its own, gathered in meeting order so the output stays the same.
    let resolved: Vec<(Arc<Meeting>, Vec<Diagnostic>, bool)> = {
        use rayon::prelude::*;
        let tables: &Tables = &ctx.t;
        registered
            .par_iter()
            .enumerate()
            .map(|(index, r)| {
                let id = MeetingId(index as u32);
                reuse(r, id).unwrap_or_else(|| {
                    let mut local = Ctx::scoped(tables);
                    let m = meeting(&mut local, r, id, bodies, people, site, today);
                    (Arc::new(m), local.diagnostics, false)
                })
            })
            .collect()
    };
    if let Some(memo) = memo {
        // Updated in place: after a save, all but a few meetings are kept as they were.
        memo.env = env;
        for (index, (r, (meeting, diagnostics, reused))) in registered.iter().zip(&resolved).enumerate() {
            let memoized = || Memoized {
                raw: r.loaded.parsed.value.clone(),
                file: r.loaded.parsed.file,
                id: MeetingId(index as u32),
                meeting: meeting.clone(),
                diagnostics: diagnostics.clone(),
                reused: *reused,
            };
            match memo.meetings.get_mut(r.slug.as_str()) {
                // Taken from this very entry.
                Some(kept) if *reused => kept.reused = true,
                Some(kept) => *kept = memoized(),
                None => {
                    memo.meetings.insert(r.slug.clone(), memoized());
                }
            }
        }
        if memo.meetings.len() != registered.len() {
            let slugs: HashSet<&str> = registered.iter().map(|r| r.slug.as_str()).collect();
            memo.meetings.retain(|slug, _| slugs.contains(slug.as_str()));
        }
    }
    let mut meetings = Vec::with_capacity(resolved.len());
    for (m, diagnostics, _) in resolved {
        ctx.diagnostics.extend(diagnostics);
        meetings.push(m);
    }
    let links = link(ctx, &meetings, &registered);
    secret_files(ctx, &meetings, &registered);
    (meetings, links)
}

/// A file is copied to the site once, for every attachment that names it: one kept secret
/// (`public = false`), or attached to a confidential item, is not published by another
/// attachment that names it without.
/// Each such attachment is an error at its `file`, with the secret one as a note.
fn secret_files(ctx: &mut Ctx<'_>, meetings: &[Arc<Meeting>], registered: &[Registered<'_>]) {
    // Where an attachment names a file: its meeting's index, its item's number, and the
    // attachment's index in the item.
    type Place = (usize, u32, usize);
    let files = || {
        meetings.iter().enumerate().flat_map(|(m, meeting)| {
            meeting.items.iter().flat_map(move |item| {
                item.attachments.iter().enumerate().filter_map(move |(k, a)| match &a.target {
                    AttachmentTarget::File { path, .. } => Some((path.as_str(), (m, item.number, k), item, a)),
                    _ => None,
                })
            })
        })
    };
    // Each secret file's first place, and whether the whole item is confidential (then
    // so is every file attached to it) rather than the attachment alone.
    let mut secret: HashMap<&str, (Place, bool)> = HashMap::new();
    for (path, place, item, attachment) in files() {
        if attachment.secrecy.is_some() || item.secrecy.is_some() {
            secret.entry(path).or_insert((place, attachment.secrecy.is_none()));
        }
    }
    if secret.is_empty() {
        return;
    }
    let span = |(m, number, k): Place| {
        let loaded = registered[m].loaded;
        let item = loaded.parsed.value.item.iter().find(|i| i.number.value == i64::from(number))?;
        let file = item.attachment.get(k)?.file.as_ref()?;
        Some(Location::new(loaded.parsed.file, file.span.clone()))
    };
    let mut found = Vec::new();
    for (path, place, item, attachment) in files() {
        let Some(&(hidden, whole_item)) = secret.get(path) else { continue };
        if attachment.secrecy.is_some() || item.secrecy.is_some() {
            continue;
        }
        let (Some(here), Some(there)) = (span(place), span(hidden)) else { continue };
        let (m, number, _) = hidden;
        // As the sources write it, under content/.
        let path = path.strip_prefix("content/").unwrap_or(path);
        let (note, undo) = if whole_item {
            ("här, i ett ärende med public = false", "ta bort public = false från ärendet där")
        } else {
            ("här med public = false", "ta bort public = false där")
        };
        found.push(
            err(format!("filen {path} är sekretessbelagd i {}#{number} men publiceras här", meetings[m].slug))
                .at(here)
                .with_label("bilagan saknar public = false")
                .with_note(there, note)
                .with_hint(format!("skriv public = false och osl också här; har sekretessen upphört, {undo}")),
        );
    }
    for diagnostic in found {
        ctx.push(diagnostic);
    }
}

/// Hashes a string so that no two sequences of strings hash alike.
pub(super) fn hash_str(hasher: &mut blake3::Hasher, s: &str) {
    hasher.update(&(s.len() as u64).to_le_bytes());
    hasher.update(s.as_bytes());
}

fn register<'a>(ctx: &mut Ctx<'_>, loaded: &'a [LoadedMeeting]) -> Vec<Registered<'a>> {
    let mut out = Vec::with_capacity(loaded.len());
    for m in loaded {
        let file = m.parsed.file;
        let raw = &m.parsed.value;
        let body = match ctx.t.names.get(&m.body).map(|d| d.named) {
            Some(Named::Body(id)) => id,
            // The body's file has errors; they are reported there.
            _ if ctx.t.faulty.bodies.contains(&m.body) => continue,
            _ => {
                let bodies: Vec<&str> = (ctx.t.names.iter())
                    .filter(|(_, d)| matches!(d.named, Named::Body(_)))
                    .map(|(id, _)| id.as_str())
                    .collect();
                let hint = match crate::load::decode::suggest(&m.body, &bodies) {
                    Some(id) => format!("menade du {id}? döp om mappen till content/meetings/{id}/"),
                    None => {
                        "mötesfiler ligger i content/meetings/<organ-id>/; mappen ska heta som ett organs id".into()
                    }
                };
                ctx.push(
                    err(format!("okänt organ \"{}\" (mappens namn)", m.body)).at(Location::file(file)).with_hint(hint),
                );
                continue;
            }
        };
        let file_date = file_date(&m.stem);
        let Some(file_date) = file_date else {
            // The day the file itself gives, if any, is the name it should have.
            let hint = match date(file, &raw.date, &mut Vec::new()) {
                Some(day) => format!("döp om filen till {day}.toml, efter mötesdagen i filen"),
                None => format!("ett möte heter content/meetings/{}/ÅÅÅÅ-MM-DD.toml efter mötesdagen", m.body),
            };
            ctx.push(
                err(format!("filnamnet \"{}.toml\" är inget datum", m.stem)).at(Location::file(file)).with_hint(hint),
            );
            continue;
        };
        let mut diags = Vec::new();
        if let Some(written) = date(file, &raw.date, &mut diags)
            && written != file_date
        {
            diags.push(
                err(format!("mötesdagen {written} stämmer inte med filnamnet {}.toml", m.stem))
                    .at(Location::new(file, raw.date.span.clone()))
                    .with_label("annan dag än i filnamnet")
                    .with_hint(format!("ändra date eller döp om filen till {written}.toml")),
            );
        }
        ctx.diagnostics.extend(diags);
        let mut slug = String::with_capacity(m.body.len() + 1 + m.stem.len());
        slug.push_str(&m.body);
        slug.push('/');
        slug.push_str(&m.stem);
        out.push(Registered { body, date: file_date, slug, loaded: m });
    }
    out
}

/// The date a meeting file's name is, written as ÅÅÅÅ-MM-DD and nothing else.
fn file_date(stem: &str) -> Option<Date> {
    let b = stem.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    shaped.then(|| stem.parse::<Date>().ok()).flatten()
}

fn meeting(
    ctx: &mut Ctx<'_>,
    r: &Registered<'_>,
    id: MeetingId,
    bodies: &[Body],
    people: &[Person],
    site: &Site,
    today: Date,
) -> Meeting {
    let file = r.loaded.parsed.file;
    let raw = &r.loaded.parsed.value;
    let status = raw.status.as_ref().map_or(MeetingStatus::Publicerad, |s| s.value);
    if raw.kind.is_none() && status != MeetingStatus::Hanvisning {
        ctx.push(
            err("nyckeln `kind` saknas")
                .at(Location::file(file))
                .with_hint("lägg till kind = \"minnesanteckningar\" eller kind = \"protokoll\""),
        );
    }
    if status == MeetingStatus::Hanvisning && !raw.item.is_empty() {
        ctx.push(
            Diagnostic::warning("ett möte med status \"hänvisning\" har inga egna ärenden")
                .at(Location::new(file, raw.item[0].number.span.clone()))
                .with_label("ärendena visas inte")
                .with_hint("ta bort status = \"hänvisning\" om mötets handling finns, annars ärendena"),
        );
    }

    if let Some(place) = raw.place.as_ref().filter(|p| p.value.trim().is_empty()) {
        ctx.push(
            Diagnostic::warning("platsen är tom")
                .at(Location::new(file, place.span.clone()))
                .with_label("ingen plats publiceras")
                .with_hint("skriv var mötet hålls, t.ex. place = \"Stadshuset, Umeå\", eller ta bort raden"),
        );
    }
    let start = raw.start.as_ref().and_then(|t| time(file, t, &mut ctx.diagnostics));
    let end = raw.end.as_ref().and_then(|t| time(file, t, &mut ctx.diagnostics));
    if let (Some(s), Some(e), Some(raw_end)) = (start, end, &raw.end)
        && e <= s
    {
        ctx.push(
            err(format!("sluttiden {} är inte efter starttiden {}", hhmm(e), hhmm(s)))
                .at(Location::new(file, raw_end.span.clone()))
                .with_label("före eller lika med start")
                .with_hint("kontrollera start och end; tider skrivs TT:MM:SS"),
        );
    }
    let adjusted = raw.adjusted.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
    if let (Some(a), Some(raw_adjusted)) = (adjusted, &raw.adjusted)
        && a < r.date
    {
        ctx.push(
            err(format!("protokollet justerades {a}, före mötet"))
                .at(Location::new(file, raw_adjusted.span.clone()))
                .with_label("före mötesdagen")
                .with_hint("justeringsdatumet är mötesdagen eller senare"),
        );
    }

    let numbers = ctx.t.item_numbers[id.index()].clone();
    // With a faulty item number, or items lost in a syntax error, the agenda is not known,
    // so attendance is not checked against it (the fault is reported on its own).
    let agenda_known = numbers.len() == raw.item.len() && !ctx.t.faulty.incomplete.contains(&file);
    let chair = raw.chair.as_ref().and_then(|p| ctx.person(file, p));
    let secretary = raw.secretary.as_ref().and_then(|p| ctx.person(file, p));
    let adjusters: Vec<PersonId> = raw.adjusters.iter().filter_map(|p| ctx.person(file, p)).collect();
    let mut seen = HashMap::new();
    let agenda = agenda_known.then_some(numbers.as_slice());
    let attendees = attendance(ctx, file, &raw.attendee, Some(Role::Ledamot), agenda, &mut seen);
    let participants = attendance(ctx, file, &raw.participant, None, agenda, &mut seen);
    let absentees: Vec<PersonId> = raw
        .absentee
        .iter()
        .filter_map(|a| {
            let person = ctx.person(file, &a.person)?;
            note_once(ctx, file, &mut seen, person, &a.person).then_some(person)
        })
        .collect();

    // The chair and the adjusters sign the record: they were there.
    if let (Some(chair), Some(raw_chair)) = (chair, &raw.chair)
        && absentees.contains(&chair)
        && let Some(absent) = raw.absentee.iter().find(|a| a.person.value == people[chair.index()].slug)
    {
        ctx.push(
            Diagnostic::warning(format!("ordföranden {} står som frånvarande", people[chair.index()].name))
                .at(Location::new(file, raw_chair.span.clone()))
                .with_label("ordförande")
                .with_note(Location::new(file, absent.person.span.clone()), "frånvarande här")
                .with_hint("ledde någon annan mötet, skriv den personen som chair; annars flytta ordföranden till [[attendee]]"),
        );
    }
    if !attendees.is_empty() {
        let present = |p: PersonId| attendees.iter().chain(&participants).any(|a| a.person == p);
        for adjuster in adjusters.iter().copied().filter(|a| !present(*a)) {
            let Some(raw_adjuster) = raw.adjusters.iter().find(|r| r.value == people[adjuster.index()].slug) else {
                continue;
            };
            ctx.push(
                Diagnostic::warning(format!("justeraren {} var inte med på mötet", people[adjuster.index()].name))
                    .at(Location::new(file, raw_adjuster.span.clone()))
                    .with_label("inte bland beslutande eller övriga deltagande")
                    .with_hint(
                        "en justerare är en av dem som var med; rätta adjusters, eller skriv personen i närvaron",
                    ),
            );
        }
    }

    let body = &bodies[r.body.index()];
    let member_of = |b: &Body, person: PersonId| b.members.iter().any(|m| m.person == person && m.active_on(r.date));
    // Most of those deciding sit in another body, and none of them here: the file is most
    // likely in the wrong body's folder. One error says so, not a warning per person.
    // A body whose members the sources do not list cannot tell; then it is a warning.
    let outsiders: Vec<PersonId> = attendees.iter().map(|a| a.person).filter(|p| !member_of(body, *p)).collect();
    let home = (outsiders.len() >= 2 && outsiders.len() == attendees.len())
        .then(|| {
            bodies
                .iter()
                .find(|b| b.slug != body.slug && !b.members.is_empty() && outsiders.iter().all(|p| member_of(b, *p)))
        })
        .flatten();
    if let Some(home) = home.filter(|_| body.members.is_empty()) {
        ctx.push(
            Diagnostic::warning(format!(
                "alla beslutande är ledamöter i {}, och {} har inga ledamöter i källorna",
                home.name, body.name
            ))
            .at(Location::new(file, raw.attendee[0].person.span.clone()))
            .with_label(format!("ledamot i {}", home.name))
            .with_hint(format!(
                "ligger filen i fel mapp? flytta den till content/meetings/{}/, om mötet var {}s; \
                 annars skriv {}s ledamöter som [[member]] i {}",
                home.slug,
                home.name.to_lowercase(),
                body.name,
                body.source_file()
            )),
        );
    } else if let Some(home) = home {
        ctx.push(
            err(format!("de beslutande är ledamöter i {}, inte i {}", home.name, body.name))
                .at(Location::new(file, raw.attendee[0].person.span.clone()))
                .with_label(format!("ledamot i {}", home.name))
                .with_hint(format!(
                    "ligger filen i fel mapp? flytta den till content/meetings/{}/, om mötet var {}s",
                    home.slug,
                    home.name.to_lowercase()
                )),
        );
    } else if !body.members.is_empty() {
        for (raw_attendee, attendee) in raw.attendee.iter().zip(&attendees) {
            if raw_attendee.person.value != people[attendee.person.index()].slug {
                continue;
            }
            if !member_of(body, attendee.person) {
                let body_file = body.source_file();
                ctx.push(
                    Diagnostic::warning(format!(
                        "{} är inte medlem i {} på mötesdagen {}",
                        people[attendee.person.index()].name,
                        body.name,
                        r.date
                    ))
                    .at(Location::new(file, raw_attendee.person.span.clone()))
                    .with_label("beslutande utan medlemskap")
                    .with_hint(format!("lägg till personen som [[member]] i {body_file}, eller rätta from/until där")),
                );
            }
        }
    }

    let mut items = Vec::new();
    let mut previous: Option<&Spanned<i64>> = None;
    let mut used = HashMap::new();
    for raw_item in &raw.item {
        let number = &raw_item.number;
        if number.value < 1 || number.value > i64::from(u32::MAX) {
            ctx.push(
                err(format!("ogiltigt ärendenummer {}", number.value))
                    .at(Location::new(file, number.span.clone()))
                    .with_label("inte ett positivt heltal")
                    .with_hint("ärenden numreras 1, 2, 3 …"),
            );
            continue;
        }
        if let Some(first) = used.get(&number.value) {
            ctx.push(
                err(format!("ärendenummer {} finns redan", number.value))
                    .at(Location::new(file, number.span.clone()))
                    .with_label("dubblett")
                    .with_note(Location::new(file, std::ops::Range::clone(first)), "först använt här")
                    .with_hint("varje ärende har ett eget nummer"),
            );
            continue;
        }
        if let Some(prev) = previous
            && number.value < prev.value
        {
            ctx.push(
                err(format!("ärendenummer {} kommer efter {}", number.value, prev.value))
                    .at(Location::new(file, number.span.clone()))
                    .with_label("lägre än föregående ärende")
                    .with_hint("ordna [[item]] i stigande nummerordning"),
            );
        }
        used.insert(number.value, number.span.clone());
        previous = Some(number);
        items.push(item(ctx, file, raw_item, id, r.date, site));
    }

    let cancelled = raw.cancelled.as_ref().map(|c| c.value.trim().to_string());
    if let Some(reason) = &raw.cancelled {
        // An attendance list or a decision would be a record of a meeting that was not held.
        let held = raw.attendee.first().map(|a| (a.person.span.clone(), "närvaro"));
        let decided = raw.item.iter().find_map(|i| i.decision.as_ref().map(|d| (d.span.clone(), "ett beslut")));
        if let Some((span, what)) = held.or(decided) {
            ctx.push(
                err(format!("ett inställt möte har {what}"))
                    .at(Location::new(file, span))
                    .with_label("som om mötet hölls")
                    .with_note(Location::new(file, reason.span.clone()), "mötet är inställt här")
                    .with_hint("ta bort cancelled om mötet hölls, annars närvaron och besluten"),
            );
        }
    }

    // A decision is written into the file after the meeting (content guide 4.10): one in a
    // meeting after today is most likely a mistyped year, and would be published as taken.
    if r.date > today
        && cancelled.is_none()
        && let Some(decision) = raw.item.iter().find_map(|i| i.decision.as_ref())
    {
        ctx.push(
            err(format!("mötet {} har inte hållits ännu, men har beslut", r.date))
                .at(Location::new(file, decision.span.clone()))
                .with_label(format!("ett beslut före mötet; i dag är det {today}"))
                .with_note(Location::new(file, raw.date.span.clone()), "mötesdagen")
                .with_hint("stämmer året? före mötet skrivs förslaget som proposal; decision skrivs in efter mötet"),
        );
    }

    Meeting {
        slug: r.slug.clone(),
        body: r.body,
        date: r.date,
        kind: raw.kind.as_ref().map(|k| k.value),
        status,
        start,
        end,
        place: opt_text(&raw.place),
        chair,
        secretary,
        adjusters,
        adjusted,
        note: opt_text(&raw.note),
        cancelled,
        attendees,
        participants,
        absentees,
        items,
        file,
    }
}

fn hhmm(t: jiff::civil::Time) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// Reports a person listed twice among attendees, participants and absentees.
fn note_once(
    ctx: &mut Ctx<'_>,
    file: FileId,
    seen: &mut HashMap<PersonId, std::ops::Range<usize>>,
    person: PersonId,
    written: &Spanned<String>,
) -> bool {
    if let Some(first) = seen.get(&person) {
        ctx.push(
            err(format!("\"{}\" står redan i närvarolistan", written.value))
                .at(Location::new(file, written.span.clone()))
                .with_label("dubblett")
                .with_note(Location::new(file, first.clone()), "först här")
                .with_hint("en person står en gång: som beslutande, övrig deltagare eller frånvarande"),
        );
        return false;
    }
    seen.insert(person, written.span.clone());
    true
}

fn attendance(
    ctx: &mut Ctx<'_>,
    file: FileId,
    raw: &[RawAttendance],
    default_role: Option<Role>,
    agenda: Option<&[u32]>,
    seen: &mut HashMap<PersonId, std::ops::Range<usize>>,
) -> Vec<Attendance> {
    let mut out = Vec::new();
    for a in raw {
        let Some(person) = ctx.person(file, &a.person) else { continue };
        if !note_once(ctx, file, seen, person, &a.person) {
            continue;
        }
        let items = a.items.as_ref().map(|list| {
            list.iter()
                .filter_map(|n| {
                    let number = u32::try_from(n.value).ok();
                    let Some(numbers) = agenda else { return number };
                    let known = number.filter(|v| numbers.contains(v));
                    if known.is_none() {
                        let hint = agenda_range(numbers);
                        ctx.push(
                            err(format!("ärende {} finns inte i mötet", n.value))
                                .at(Location::new(file, n.span.clone()))
                                .with_label("inte på dagordningen")
                                .with_hint(hint),
                        );
                    }
                    known
                })
                .collect()
        });
        out.push(Attendance { person, role: a.role.as_ref().map(|r| r.value).or(default_role), items });
    }
    out
}

/// What may be confidential, for the wording of its diagnostics.
#[derive(Clone, Copy)]
enum Subject {
    Item,
    Attachment,
}

fn secrecy(
    ctx: &mut Ctx<'_>,
    file: FileId,
    public: &Option<Spanned<bool>>,
    osl: &Option<Spanned<String>>,
    subject: Subject,
) -> Option<String> {
    let (confidential_one, marked) = match subject {
        Subject::Item => ("sekretessbelagt ärende", "ärendet är inte markerat"),
        Subject::Attachment => ("sekretessbelagd bilaga", "bilagan är inte markerad"),
    };
    let confidential = public.as_ref().is_some_and(|p| !p.value);
    match (confidential, opt_text(osl)) {
        (true, Some(ground)) => Some(ground),
        (true, None) => {
            let span = public.as_ref().map(|p| p.span.clone()).unwrap_or(0..0);
            ctx.push(
                err(format!("{confidential_one} saknar sekretessgrund"))
                    .at(Location::new(file, span))
                    .with_label("public = false kräver osl")
                    .with_hint("ange grunden, t.ex. osl = \"21 kap. 1 § OSL\""),
            );
            // Still confidential: a missing ground must never make an item public.
            Some(String::new())
        }
        // A syntax error may have lost `public` ("public = False"): that is the error to
        // fix first.
        (false, Some(ground)) if ctx.t.faulty.incomplete.contains(&file) => Some(ground),
        (false, Some(ground)) => {
            let span = osl.as_ref().map(|o| o.span.clone()).unwrap_or(0..0);
            ctx.push(
                err(format!("sekretessgrund anges men {marked} public = false"))
                    .at(Location::new(file, span))
                    .with_label("osl utan public = false")
                    .with_hint("skriv public = false om innehållet omfattas av sekretess, annars ta bort osl"),
            );
            // A ground names a secret: kept confidential until the file says otherwise.
            Some(ground)
        }
        (false, None) => None,
    }
}

/// A deadline is set at the meeting, for a day after it: one before it is most likely a
/// mistyped year, and the site would call the task late from the day it was given.
fn deadline_after_meeting<T>(
    ctx: &mut Ctx<'_>,
    file: FileId,
    raw: &Spanned<T>,
    deadline: Date,
    meeting: Date,
    what: &str,
) {
    if deadline < meeting {
        ctx.push(
            err(format!("{what} {deadline}, före mötet {meeting}"))
                .at(Location::new(file, raw.span.clone()))
                .with_label("före mötesdagen")
                .with_hint("stämmer året? en tidsgräns är mötesdagen eller senare"),
        );
    }
}

fn item(ctx: &mut Ctx<'_>, file: FileId, raw: &RawItem, here: MeetingId, meeting_date: Date, site: &Site) -> Item {
    let presenter = raw.presenter.as_ref().and_then(|p| match &p.value {
        RawPresenter::Person(id) => ctx.person(file, &Spanned::new(id.clone(), p.span.clone())).map(Presenter::Person),
        RawPresenter::Guest(g) => {
            Some(Presenter::Guest { name: g.name.trim().to_string(), organisation: g.organisation.clone() })
        }
    });
    let withdrawn = opt_text(&raw.withdrawn);
    if let (Some(_), Some(decision)) = (&withdrawn, &raw.decision) {
        ctx.push(
            Diagnostic::warning("ärendet har utgått men har ett beslut")
                .at(Location::new(file, decision.span.clone()))
                .with_label("beslut i ett ärende som utgått")
                .with_hint("ta bort decision, eller withdrawn om ärendet behandlades"),
        );
    }
    let item_secrecy = secrecy(ctx, file, &raw.public, &raw.osl, Subject::Item);

    let attachments = raw
        .attachment
        .iter()
        .map(|a| {
            let target = match (&a.file, &a.meeting) {
                (Some(_), Some(m)) => {
                    ctx.push(
                        err("en bilaga är antingen en fil eller ett annat mötes handling")
                            .at(Location::new(file, m.span.clone()))
                            .with_label("både file och meeting")
                            .with_hint("ta bort file eller meeting"),
                    );
                    AttachmentTarget::None
                }
                (Some(f), None) => ctx
                    .asset(file, f)
                    .map_or(AttachmentTarget::None, |(path, size)| AttachmentTarget::File { path, size }),
                (None, Some(m)) => ctx.meeting(file, m).map_or(AttachmentTarget::None, AttachmentTarget::Meeting),
                (None, None) => AttachmentTarget::None,
            };
            Attachment {
                title: text(&a.title),
                target,
                secrecy: secrecy(ctx, file, &a.public, &a.osl, Subject::Attachment),
            }
        })
        .collect();

    let assignments = raw
        .assignment
        .iter()
        .filter_map(|a| {
            let assignee = ctx.party(file, &a.assignee);
            let deadline = a.deadline.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
            if let (Some(d), Some(raw_deadline)) = (deadline, &a.deadline) {
                deadline_after_meeting(ctx, file, raw_deadline, d, meeting_date, "uppdraget ska vara klart");
            }
            let report_to = a.report_to.as_ref().and_then(|p| ctx.party(file, p));
            Some(Assignment { assignee: assignee?, task: text(&a.task), deadline, report_to })
        })
        .collect();

    let money = raw
        .money
        .iter()
        .filter_map(|m| {
            if m.amount.value <= 0 {
                ctx.push(
                    err(format!("beloppet {} är inte positivt", m.amount.value))
                        .at(Location::new(file, m.amount.span.clone()))
                        .with_label("väntade kronor, större än noll")
                        .with_hint("skriv beloppet i hela kronor utan mellanslag, t.ex. 300000"),
                );
                return None;
            }
            let decided = m.decided.as_ref().and_then(|d| ctx.target(file, d, Some(here)));
            if let (Some(d), Some(g)) = (&m.decided, &m.granted_by) {
                ctx.push(
                    err("beloppet har både decided och granted_by")
                        .at(Location::new(file, g.span.clone()))
                        .with_label("beviljat utanför samverkan")
                        .with_note(Location::new(file, d.span.clone()), "och beslutat vid ett möte i samverkan")
                        .with_hint(
                            "decided pekar på mötet i samverkan som beslutade; granted_by namnger den utanför samverkan som beviljade: ange det ena",
                        ),
                );
            }
            Some(Money {
                amount: m.amount.value,
                kind: m.kind.as_ref().map_or(MoneyKind::Beviljat, |k| k.value),
                purpose: text(&m.purpose),
                source: opt_text(&m.source),
                per: opt_text(&m.per),
                decided,
                granted_by: opt_text(&m.granted_by),
            })
        })
        .collect();

    let references = raw
        .reference
        .iter()
        .filter_map(|r| {
            let target = ctx.target(file, &r.to, Some(here))?;
            let completes = r.completes.as_ref().is_some_and(|c| c.value);
            if completes && matches!(target, Target::Meeting(_)) {
                ctx.push(
                    err("completes gäller uppdragen i ett ärende, inte ett helt möte")
                        .at(Location::new(file, r.to.span.clone()))
                        .with_label("hänvisning utan #nummer")
                        .with_hint("hänvisa till ärendet som gav uppdraget, t.ex. \"kommunchefsgruppen/2013-05-15#9\""),
                );
            }
            let same_matter = r.matter.as_ref().is_none_or(|m| m.value);
            Some(Reference { target, note: opt_text(&r.note), completes, same_matter })
        })
        .collect();

    let periods = raw
        .period
        .iter()
        .filter_map(|p| {
            let from = date(file, &p.from, &mut ctx.diagnostics)?;
            let until = p.until.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
            if let (Some(u), Some(raw_until)) = (until, &p.until)
                && u < from
            {
                ctx.push(
                    err(format!("perioden slutar {u}, före den börjar {from}"))
                        .at(Location::new(file, raw_until.span.clone()))
                        .with_label("före from")
                        .with_hint("until ska vara samma dag som from eller senare"),
                );
            }
            Some(Period { what: text(&p.what), from, until })
        })
        .collect();

    let follow_up = raw.follow_up.as_ref().map(|f| {
        let municipalities: Vec<MunicipalityId> = match &f.municipalities {
            Some(list) => list.iter().filter_map(|m| ctx.municipality(file, m)).collect(),
            None => site.members.iter().filter(|m| m.member_on(meeting_date)).map(|m| m.municipality).collect(),
        };
        let mut answered = HashSet::new();
        let answers = f
            .answer
            .iter()
            .filter_map(|a| {
                let municipality = ctx.municipality(file, &a.municipality)?;
                if !municipalities.contains(&municipality) {
                    ctx.push(
                        err(format!("kommunen \"{}\" är inte tillfrågad", a.municipality.value))
                            .at(Location::new(file, a.municipality.span.clone()))
                            .with_label("inte bland frågans kommuner")
                            .with_hint("lägg till kommunen i follow_up.municipalities, eller rätta id:t"),
                    );
                    return None;
                }
                if !answered.insert(municipality) {
                    ctx.push(
                        err(format!("kommunen \"{}\" har redan svarat", a.municipality.value))
                            .at(Location::new(file, a.municipality.span.clone()))
                            .with_label("dubblett")
                            .with_hint("en kommun har ett svar; skriv ihop dem"),
                    );
                    return None;
                }
                let date = a.date.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
                Some(Answer { municipality, answer: text(&a.answer), date })
            })
            .collect();
        let deadline = f.deadline.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
        if let (Some(d), Some(raw_deadline)) = (deadline, &f.deadline) {
            deadline_after_meeting(ctx, file, raw_deadline, d, meeting_date, "svaren ska komma in");
        }
        FollowUp {
            question: text(&f.question),
            deadline,
            respond_to: f.respond_to.as_ref().and_then(|p| ctx.person(file, p)),
            municipalities,
            answers,
        }
    });

    if raw.title.value.trim().is_empty() {
        ctx.push(
            err("ärendet har ingen rubrik")
                .at(Location::new(file, raw.title.span.clone()))
                .with_label("tom rubrik")
                .with_hint("skriv ärendets rubrik, t.ex. title = \"Mötets öppnande\""),
        );
    }
    if let Some(decision) = raw.decision.as_ref().filter(|d| d.value.trim().is_empty()) {
        ctx.push(
            Diagnostic::warning("beslutet är tomt")
                .at(Location::new(file, decision.span.clone()))
                .with_label("inget beslut publiceras")
                .with_hint("skriv beslutet, eller ta bort raden om ärendet inte har något"),
        );
    }
    if let Some(withdrawn) = raw.withdrawn.as_ref().filter(|w| w.value.trim().is_empty()) {
        ctx.push(
            Diagnostic::warning("skälet till att ärendet utgår är tomt")
                .at(Location::new(file, withdrawn.span.clone()))
                .with_label("ärendet visas inte som utgånget")
                .with_hint(
                    "skriv varför ärendet utgår, t.ex. withdrawn = \"Ärendet utgår eftersom …\", eller ta bort raden",
                ),
        );
    }
    Item {
        number: raw.number.value as u32,
        title: text(&raw.title),
        presenter,
        proposal: opt_text(&raw.proposal),
        decision: opt_text(&raw.decision),
        description: opt_text(&raw.description),
        withdrawn,
        formal: raw.formal.as_ref().is_some_and(|f| f.value),
        secrecy: item_secrecy,
        goals: raw.goals.iter().filter_map(|g| ctx.goal(file, g)).collect(),
        subgoals: raw.subgoals.iter().filter_map(|g| ctx.subgoal(file, g)).collect(),
        areas: raw.areas.iter().filter_map(|a| ctx.area(file, a)).collect(),
        attachments,
        assignments,
        money,
        references,
        periods,
        follow_up,
        withheld: 0,
    }
}

/// Back-references (who refers to this meeting or item) and completed assignments.
fn link(ctx: &mut Ctx<'_>, meetings: &[Arc<Meeting>], registered: &[Registered<'_>]) -> Links {
    // Each meeting's references, gathered in parallel and then in meeting order.
    type Found = (Vec<(MeetingId, ItemRef)>, Vec<(ItemRef, ItemRef)>, Vec<(ItemRef, ItemRef, usize)>);
    let found: Vec<Found> = {
        use rayon::prelude::*;
        meetings
            .par_iter()
            .enumerate()
            .map(|(m, meeting)| {
                let (mut meeting_refs, mut item_refs, mut completions): Found = Default::default();
                for (i, item) in meeting.items.iter().enumerate() {
                    let from = ItemRef { meeting: MeetingId(m as u32), index: i as u32 };
                    let mut targets: Vec<Target> = item.references.iter().map(|r| r.target).collect();
                    targets.extend(item.attachments.iter().filter_map(|a| match a.target {
                        AttachmentTarget::Meeting(id) => Some(Target::Meeting(id)),
                        _ => None,
                    }));
                    targets.extend(item.money.iter().filter_map(|m| m.decided));
                    // An item names a handful of targets: a list is the cheapest set.
                    let mut seen: Vec<Target> = Vec::with_capacity(targets.len());
                    for target in targets {
                        if seen.contains(&target) {
                            continue;
                        }
                        seen.push(target);
                        match target {
                            Target::Meeting(id) if id != from.meeting => meeting_refs.push((id, from)),
                            Target::Item(to) if to != from => item_refs.push((to, from)),
                            _ => {}
                        }
                    }
                    for (r, reference) in item.references.iter().enumerate() {
                        if let (true, Target::Item(to)) = (reference.completes, reference.target) {
                            completions.push((to, from, r));
                        }
                    }
                }
                (meeting_refs, item_refs, completions)
            })
            .collect()
    };
    let meeting_refs = found.iter().flat_map(|f| f.0.iter().copied());
    let item_refs = found.iter().flat_map(|f| f.1.iter().copied());
    let completions = found.iter().flat_map(|f| f.2.iter().copied());
    let mut links = Links { meeting: vec![Vec::new(); meetings.len()], ..Links::default() };
    for (to, from) in meeting_refs {
        links.meeting[to.index()].push(from);
    }
    for (to, from) in item_refs {
        links.item.entry(to).or_default().push(from);
    }
    for (to, from, r) in completions {
        let target = &meetings[to.meeting.index()].items[to.index as usize];
        if target.assignments.is_empty() {
            // The target's file has errors: its assignments may be among what they lost.
            if ctx.t.faulty.files.contains(&registered[to.meeting.index()].loaded.parsed.file) {
                continue;
            }
            let raw = &registered[from.meeting.index()].loaded.parsed;
            let raw_item =
                raw.value.item.iter().find(|i| {
                    i.number.value as u32 == meetings[from.meeting.index()].items[from.index as usize].number
                });
            if let Some(reference) = raw_item.and_then(|i| i.reference.get(r)) {
                let span = reference.completes.as_ref().map_or(reference.to.span.clone(), |c| c.span.clone());
                ctx.push(
                    Diagnostic::warning("det hänvisade ärendet har inga uppdrag att avsluta")
                        .at(Location::new(raw.file, span))
                        .with_label("completes = true utan uppdrag")
                        .with_hint("lägg till [[item.assignment]] i det hänvisade ärendet, eller ta bort completes"),
                );
            }
            continue;
        }
        // The earliest report counts.
        let completed = links.completed.entry(to).or_insert(from);
        *completed = (*completed).min(from);
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_a_date_only_as_yyyy_mm_dd() {
        assert_eq!(file_date("2013-04-17"), Some(jiff::civil::date(2013, 4, 17)));
        for stem in ["2013-4-17", "2013-02-30", "+02013-04-17", "2013-04-17x", "20130417", "maj", "2013-04-1٧"] {
            assert_eq!(file_date(stem), None, "{stem}");
        }
    }
}
