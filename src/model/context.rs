//! The name tables a build resolves references against, and the diagnostics it collects.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use jiff::civil::Date;

use super::types::*;
use crate::diag::{Diagnostic, FileId, Location};
use crate::load::Faulty;
use crate::load::decode::suggest;
use crate::load::spanned::Spanned;

/// What an id in the shared namespace of people, bodies and municipalities names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    Municipality(MunicipalityId),
    Person(PersonId),
    Body(BodyId),
}

/// Where an id was first defined, for "först definierat här" notes.
#[derive(Clone, Debug)]
pub(crate) struct Definition {
    pub(crate) named: Named,
    pub(crate) location: Location,
}

/// The name tables: filled while ids are registered, then only read (and shared by the
/// threads that resolve meetings).
#[derive(Clone, Default)]
pub(crate) struct Tables {
    /// People, bodies and municipalities share one namespace.
    pub(crate) names: FxHashMap<String, Definition>,
    pub(crate) goals: FxHashMap<String, GoalId>,
    pub(crate) subgoals: FxHashMap<String, SubgoalId>,
    pub(crate) areas: FxHashMap<String, AreaId>,
    /// "body/date" → meeting.
    pub(crate) meetings: FxHashMap<String, MeetingId>,
    /// Item numbers of each meeting, in order.
    pub(crate) item_numbers: Vec<Vec<u32>>,
    /// Dates of each body's meetings, sorted, for hints.
    pub(crate) meeting_dates: FxHashMap<BodyId, Vec<Date>>,
    /// Files under content/ that are not sources, by their path relative to content/.
    pub(crate) assets: std::sync::Arc<super::files::Assets>,
    /// Sources with errors: a reference to what they define is not reported (see
    /// [`Faulty`]).
    pub(crate) faulty: Faulty,
}

/// The tables (owned while they are filled, borrowed by worker threads) and the
/// diagnostics found so far.
pub(crate) struct Ctx<'t> {
    pub(crate) t: Cow<'t, Tables>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Default for Ctx<'static> {
    fn default() -> Self {
        Ctx { t: Cow::Owned(Tables::default()), diagnostics: Vec::new() }
    }
}

impl<'t> Ctx<'t> {
    /// A context for one worker: the shared tables and diagnostics of its own.
    pub(crate) fn scoped(tables: &'t Tables) -> Self {
        Ctx { t: Cow::Borrowed(tables), diagnostics: Vec::new() }
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Registers an id in the shared namespace; a second definition is an error.
    pub(crate) fn define(&mut self, id: &str, named: Named, location: Location) -> bool {
        if let Some(first) = self.t.names.get(id) {
            let what = match first.named {
                Named::Municipality(_) => "en kommun",
                Named::Person(_) => "en person",
                Named::Body(_) => "ett organ",
            };
            self.diagnostics.push(
                Diagnostic::error(format!("id:t \"{id}\" används redan"))
                    .at(location)
                    .with_label("dubblett")
                    .with_note(first.location.clone(), format!("först definierat här, för {what}"))
                    .with_hint("personer, organ och kommuner måste ha olika id; byt namn på det ena"),
            );
            return false;
        }
        self.t.to_mut().names.insert(id.to_string(), Definition { named, location });
        true
    }

    fn candidates(&self, want: fn(Named) -> bool) -> Vec<String> {
        let mut list: Vec<String> =
            self.t.names.iter().filter(|(_, d)| want(d.named)).map(|(k, _)| k.clone()).collect();
        list.sort_unstable();
        list
    }

    fn dangling(
        &mut self,
        file: FileId,
        written: &Spanned<String>,
        what: &str,
        label: &str,
        candidates: &[String],
        fallback: &str,
    ) {
        let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let best = suggest(&written.value, &candidates);
        let hint = match best {
            Some(best) => format!("menade du \"{best}\"?"),
            None => fallback.to_string(),
        };
        let mut diagnostic = Diagnostic::error(format!("{what} \"{}\"", written.value))
            .at(Location::new(file, written.span.clone()))
            .with_label(label.to_string());
        // Where the near id is defined: the misspelling may be there, and then every
        // reference written right is told to copy it (the secretary review).
        if let Some(definition) = best.and_then(|b| self.t.names.get(b)) {
            diagnostic = diagnostic.with_note(definition.location.clone(), "ett liknande id definieras här");
        }
        self.diagnostics.push(diagnostic.with_hint(hint));
    }

    pub(crate) fn person(&mut self, file: FileId, written: &Spanned<String>) -> Option<PersonId> {
        if let Some(Definition { named: Named::Person(id), .. }) = self.t.names.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.people {
            return None;
        }
        let candidates = self.candidates(|n| matches!(n, Named::Person(_)));
        self.dangling(
            file,
            written,
            "okänd person",
            "ingen person med detta id",
            &candidates,
            "personer finns i content/organisation/people.toml",
        );
        None
    }

    pub(crate) fn body(&mut self, file: FileId, written: &Spanned<String>) -> Option<BodyId> {
        if let Some(Definition { named: Named::Body(id), .. }) = self.t.names.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.bodies.contains(&written.value) {
            return None;
        }
        let candidates = self.candidates(|n| matches!(n, Named::Body(_)));
        self.dangling(
            file,
            written,
            "okänt organ",
            "inget organ med detta id",
            &candidates,
            "organ finns i content/organisation/bodies/ och content/groups/",
        );
        None
    }

    pub(crate) fn municipality(&mut self, file: FileId, written: &Spanned<String>) -> Option<MunicipalityId> {
        if let Some(Definition { named: Named::Municipality(id), .. }) = self.t.names.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.municipalities {
            return None;
        }
        let candidates = self.candidates(|n| matches!(n, Named::Municipality(_)));
        self.dangling(
            file,
            written,
            "okänd kommun",
            "ingen kommun med detta id",
            &candidates,
            "kommunerna finns i content/organisation/municipalities.toml",
        );
        None
    }

    /// A person, body or municipality.
    pub(crate) fn party(&mut self, file: FileId, written: &Spanned<String>) -> Option<Party> {
        match self.t.names.get(&written.value).map(|d| d.named) {
            Some(Named::Person(id)) => return Some(Party::Person(id)),
            Some(Named::Body(id)) => return Some(Party::Body(id)),
            Some(Named::Municipality(id)) => return Some(Party::Municipality(id)),
            None => {}
        }
        let faulty = &self.t.faulty;
        if faulty.people || faulty.municipalities || faulty.bodies.contains(&written.value) {
            return None;
        }
        let candidates = self.candidates(|_| true);
        self.dangling(
            file,
            written,
            "okänd mottagare",
            "ingen person, inget organ och ingen kommun med detta id",
            &candidates,
            "ange id:t för en person, ett organ eller en kommun",
        );
        None
    }

    pub(crate) fn goal(&mut self, file: FileId, written: &Spanned<String>) -> Option<GoalId> {
        if let Some(id) = self.t.goals.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.strategy {
            return None;
        }
        let mut candidates: Vec<String> = self.t.goals.keys().cloned().collect();
        candidates.sort_unstable();
        let fallback = format!("målen är {}", list_owned(&candidates));
        self.dangling(file, written, "okänt mål", "inget strategiskt mål med detta id", &candidates, &fallback);
        None
    }

    pub(crate) fn subgoal(&mut self, file: FileId, written: &Spanned<String>) -> Option<SubgoalId> {
        if let Some(id) = self.t.subgoals.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.strategy {
            return None;
        }
        let mut candidates: Vec<String> = self.t.subgoals.keys().cloned().collect();
        candidates.sort_unstable();
        self.dangling(
            file,
            written,
            "okänt delmål",
            "inget delmål med detta id",
            &candidates,
            "delmålen finns i content/strategy/plan.toml",
        );
        None
    }

    pub(crate) fn area(&mut self, file: FileId, written: &Spanned<String>) -> Option<AreaId> {
        if let Some(id) = self.t.areas.get(&written.value) {
            return Some(*id);
        }
        if self.t.faulty.areas {
            return None;
        }
        let mut candidates: Vec<String> = self.t.areas.keys().cloned().collect();
        candidates.sort_unstable();
        let fallback = format!("områdena är {}", list_owned(&candidates));
        self.dangling(file, written, "okänt prioriterat område", "inget område med detta id", &candidates, &fallback);
        None
    }

    /// "body/ÅÅÅÅ-MM-DD" or "body/ÅÅÅÅ-MM-DD#n" (or "#n" within `here`).
    pub(crate) fn target(
        &mut self,
        file: FileId,
        written: &Spanned<String>,
        here: Option<MeetingId>,
    ) -> Option<Target> {
        let location = Location::new(file, written.span.clone());
        let (meeting_part, item_part) = match written.value.split_once('#') {
            Some((m, i)) => (m, Some(i)),
            None => (written.value.as_str(), None),
        };
        let meeting = if meeting_part.is_empty() && item_part.is_some() {
            let Some(here) = here else {
                self.push(
                    Diagnostic::error(format!("hänvisningen \"{}\" saknar möte", written.value))
                        .at(location)
                        .with_label("\"#nummer\" gäller bara inom ett möte")
                        .with_hint("skriv hela hänvisningen, t.ex. \"kommunchefsgruppen/2013-01-23#5\""),
                );
                return None;
            };
            here
        } else {
            self.meeting_by_slug(meeting_part, &location)?
        };
        let Some(item) = item_part else { return Some(Target::Meeting(meeting)) };
        let numbers = &self.t.item_numbers[meeting.index()];
        let number = item.parse::<u32>().ok();
        match number.and_then(|n| numbers.iter().position(|&x| x == n)) {
            Some(index) => Some(Target::Item(ItemRef { meeting, index: index as u32 })),
            // The meeting's own file has errors: the item may be the part it lost.
            None if self.meeting_faulty(meeting_part, file) => None,
            None => {
                let hint = agenda_range(numbers);
                self.push(
                    Diagnostic::error(format!("okänt ärende \"{}\"", written.value))
                        .at(location)
                        .with_label(format!("mötet har inget ärende {item}"))
                        .with_hint(hint),
                );
                None
            }
        }
    }

    /// A meeting, not an item.
    pub(crate) fn meeting(&mut self, file: FileId, written: &Spanned<String>) -> Option<MeetingId> {
        let location = Location::new(file, written.span.clone());
        if written.value.contains('#') {
            self.push(
                Diagnostic::error(format!("väntade ett möte, fick ett ärende \"{}\"", written.value))
                    .at(location)
                    .with_label("här hänvisas till ett helt möte")
                    .with_hint("ta bort #nummer"),
            );
            return None;
        }
        self.meeting_by_slug(&written.value, &location)
    }

    /// Whether the file of the meeting `slug` ("" for the meeting of `file` itself) has
    /// errors.
    fn meeting_faulty(&self, slug: &str, file: FileId) -> bool {
        if slug.is_empty() { self.t.faulty.files.contains(&file) } else { self.t.faulty.meetings.contains(slug) }
    }

    fn meeting_by_slug(&mut self, slug: &str, location: &Location) -> Option<MeetingId> {
        if let Some(id) = self.t.meetings.get(slug) {
            return Some(*id);
        }
        // A meeting whose file, or whose body's file, has errors may not be registered.
        let body_faulty = slug.split_once('/').is_some_and(|(body, _)| self.t.faulty.bodies.contains(body));
        if self.t.faulty.meetings.contains(slug) || body_faulty {
            return None;
        }
        let Some((body, date)) = slug.split_once('/') else {
            let candidates = self.candidates(|n| matches!(n, Named::Body(_)));
            let hint = match as_written_by_hand(slug, &candidates) {
                Some(meant) => format!("menade du \"{meant}\"?"),
                None => "skriv t.ex. \"kommunchefsgruppen/2013-04-17\", eller med ärendenummer \"kommunchefsgruppen/2013-04-17#3\"".into(),
            };
            self.push(
                Diagnostic::error(format!("ogiltig hänvisning \"{slug}\""))
                    .at(location.clone())
                    .with_label("väntade \"organ/ÅÅÅÅ-MM-DD\"")
                    .with_hint(hint),
            );
            return None;
        };
        let body_id = match self.t.names.get(body).map(|d| d.named) {
            Some(Named::Body(id)) => id,
            _ => {
                let candidates = self.candidates(|n| matches!(n, Named::Body(_)));
                let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
                let hint = match suggest(body, &candidates) {
                    Some(best) => format!("menade du \"{best}/{date}\"?"),
                    None => "organ finns i content/organisation/bodies/ och content/groups/".into(),
                };
                self.push(
                    Diagnostic::error(format!("okänt möte \"{slug}\""))
                        .at(location.clone())
                        .with_label(format!("inget organ \"{body}\""))
                        .with_hint(hint),
                );
                return None;
            }
        };
        let dates = self.t.meeting_dates.get(&body_id).cloned().unwrap_or_default();
        let hint = match date.parse::<Date>().ok().and_then(|d| nearest(&dates, d)) {
            Some(near) => {
                format!("närmaste mötet för {body} är {near}; varje möte är en fil i content/meetings/{body}/")
            }
            None => format!(
                "lägg till mötet som content/meetings/{body}/{date}.toml (status = \"hänvisning\" om dess handling saknas)"
            ),
        };
        self.push(
            Diagnostic::error(format!("okänt möte \"{slug}\""))
                .at(location.clone())
                .with_label("inget möte den dagen")
                .with_hint(hint),
        );
        None
    }

    /// An attachment file under content/.
    pub(crate) fn asset(&mut self, file: FileId, written: &Spanned<String>) -> Option<(String, u64)> {
        let path = written.value.trim_start_matches("./");
        let located = |message: String, label: &str, hint: &str| {
            Diagnostic::error(message).at(Location::new(file, written.span.clone())).with_label(label).with_hint(hint)
        };
        if let Some((message, label, hint)) = super::files::path_fault(path) {
            self.push(located(format!("{message}: \"{}\"", written.value), label, hint));
            return None;
        }
        if let Some(found) = self.t.assets.get(path) {
            if let Some((message, label, hint)) = super::files::file_fault(path, found) {
                self.push(located(format!("{message}: \"{}\"", written.value), &label, &hint));
                return None;
            }
            return Some((format!("content/{path}"), found.size));
        }
        // A folder on the way that is a link: the listing did not follow it.
        let linked = path.match_indices('/').any(|(at, _)| self.t.assets.get(&path[..at]).is_some_and(|f| f.symlink));
        if linked {
            let (message, label, hint) = super::files::linked_folder();
            self.push(located(format!("{message}: \"{}\"", written.value), label, hint));
            return None;
        }
        let mut candidates: Vec<&str> = self.t.assets.keys().map(String::as_str).collect();
        candidates.sort_unstable();
        let hint = match suggest(path, &candidates) {
            Some(best) => format!("menade du \"{best}\"?"),
            None => "sökvägen räknas från content/, t.ex. \"bilagor/2013/projektdirektiv.pdf\"".into(),
        };
        self.push(
            Diagnostic::error(format!("bilagan finns inte: \"{}\"", written.value))
                .at(Location::new(file, written.span.clone()))
                .with_label("ingen fil med detta namn under content/")
                .with_hint(hint),
        );
        None
    }
}

fn nearest(dates: &[Date], wanted: Date) -> Option<Date> {
    dates.iter().copied().min_by_key(|d| (d.since(wanted).map(|s| s.get_days().abs()).unwrap_or(i32::MAX), *d))
}

pub(crate) fn list_owned(items: &[String]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

pub(crate) fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

/// "mötet har ärendena 1–11", "mötet har ärendena 1–3, 5–9" (a gap shows),
/// "mötet har bara ärende 1" or "mötet har inga ärenden".
pub(crate) fn agenda_range(numbers: &[u32]) -> String {
    let written = super::values::number_ranges(numbers);
    match numbers {
        [] => "mötet har inga ärenden; hänvisa till mötet utan #nummer".to_string(),
        _ if written.bytes().all(|b| b.is_ascii_digit()) => format!("mötet har bara ärende {written}"),
        _ => format!("mötet har ärendena {written}"),
    }
}

/// A reference written as a person would ("Regionrådet 2025-03-06 § 8"), as kansli
/// writes it ("regionradet/2025-03-06#8"): a body among `bodies` by its name's letters,
/// the date, and the item's number after "§", "#" or "punkt".
fn as_written_by_hand(written: &str, bodies: &[String]) -> Option<String> {
    let at = written.char_indices().map(|(i, _)| i).find(|&i| {
        let b = written.as_bytes();
        b.len() >= i + 10
            && b[i..i + 10]
                .iter()
                .enumerate()
                .all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() })
    })?;
    let date = &written[at..at + 10];
    let name = super::values::suggest_id(written[..at].trim());
    let candidates: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let body = candidates.iter().find(|c| **c == name).copied().or_else(|| suggest(&name, &candidates))?;
    let rest = written[at + 10..].trim();
    let number: String = rest
        .trim_start_matches(|c: char| c == '§' || c == '#' || c.is_whitespace())
        .trim_start_matches("punkt")
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some(if number.is_empty() { format!("{body}/{date}") } else { format!("{body}/{date}#{number}") })
}

#[cfg(test)]
mod tests {
    use super::agenda_range;

    #[test]
    fn an_agenda_shows_its_gaps() {
        assert_eq!(agenda_range(&[1, 2, 3, 5, 6, 7, 8, 9]), "mötet har ärendena 1–3, 5–9");
        assert_eq!(agenda_range(&[1, 2, 3]), "mötet har ärendena 1–3");
        assert_eq!(agenda_range(&[4, 1, 7]), "mötet har ärendena 1, 4, 7");
        assert_eq!(agenda_range(&[2]), "mötet har bara ärende 2");
        assert_eq!(agenda_range(&[]), "mötet har inga ärenden; hänvisa till mötet utan #nummer");
    }
}
