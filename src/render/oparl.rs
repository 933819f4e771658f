//! Open data in OParl 1.1, the open standard for council information systems, as static
//! JSON under `data/oparl/`.
//!
//! The mapping: one System → one Body (the cooperation itself) → an Organization per
//! body (Regionrådet, Kommunchefsgruppen, each group), Person and Membership from the
//! people register, a Meeting per meeting with its AgendaItems embedded, a File per
//! attachment, per notice (the meeting's `invitation`: the kallelse PDF with its
//! documents) and per published record (the meeting's `resultsProtocol`: minutes are a
//! record of results, not a verbatim one), a Paper per matter (`Model::matters`) with a
//! Consultation per item that treated it, and a Location per place.
//!
//! Every object lives at its own URL (`data/oparl/<type>/<key>.json`, the key made of
//! source slugs and dates, so it survives rebuilds and new content), and also appears in
//! a paginated list (`data/oparl/<types>/page-<n>.json`) that the Body links to. Objects
//! embedded in others (agenda items, files, consultations, locations) are written at
//! their own URL too, so every `id` resolves.
//!
//! This module must not publish more than the edition it is given, and must not invent
//! facts OParl would like to have: no `created`/`modified` stamps (the sources have no
//! change dates), a licence only when `site.toml` names one, no meeting start or end when
//! the time of day is unknown. Partial membership dates ("2011") are written as the first or
//! last day they can mean, as the model's own `active_on` reads them. Free-text fields
//! (classification, role, meetingState) are in Swedish, as on the site; `organizationType`
//! uses OParl's own vocabulary ("Gremium", "Verwaltungsbereich") so clients can sort
//! bodies the standard way.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::feeds::{meeting_title, record_date, record_kind, rfc3339};
use super::pdf::documents::has_packet;
use super::sitemap::absolute;
use super::{Artefact, Emit, urls};
use crate::model::{AttachmentTarget, BodyKind, ItemRef, Meeting, MeetingId, MeetingStatus, Model, PersonId};

/// Where the open data starts: the System object.
pub const SYSTEM: &str = "data/oparl/system.json";
/// The folder of the export.
pub const ROOT: &str = "data/oparl/";
const SCHEMA: &str = "https://schema.oparl.org/1.1/";
/// Objects per list page.
pub const PAGE_SIZE: usize = 100;

/// Every OParl file: the System, the Body, each object at its own URL, and the lists.
/// Meetings have their record as a File only when `pdfs` (the build makes the PDFs).
/// The files are made in parallel and handed to `emit` as they are made, in no
/// particular order; the first error `emit` returns stops the export and is returned.
pub fn oparl<E: Send>(model: &Model, pdfs: bool, emit: Emit<'_, E>) -> Result<(), E> {
    Oparl { model, pdfs, emit }.render()
}

// ---------------------------------------------------------------------------------------
// The objects, with OParl's field names and only the fields we can fill truthfully.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct System {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    oparl_version: &'static str,
    body: String,
    name: String,
    website: String,
    web: String,
    /// The terms of the data, when the site sets them (OParl 1.1: a URL).
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    system: String,
    name: String,
    website: String,
    organization: String,
    person: String,
    meeting: String,
    paper: String,
    agenda_item: String,
    consultation: String,
    file: String,
    location_list: String,
    membership: String,
    /// The cooperation has no terms of office in the sources; OParl requires the field.
    legislative_term: Vec<()>,
    classification: &'static str,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Organization {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<String>,
    membership: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting: Option<String>,
    organization_type: &'static str,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    website: String,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Person {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    status: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    email: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phone: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<Membership>,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Membership {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    person: String,
    organization: String,
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MeetingObject {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    meeting_state: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cancelled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    organization: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    participant: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invitation: Option<File>,
    #[serde(skip_serializing_if = "Option::is_none")]
    results_protocol: Option<File>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<AgendaItem>,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct AgendaItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    meeting: String,
    number: String,
    order: u32,
    name: String,
    public: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    consultation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File>,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct File {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    file_name: String,
    mime_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<u64>,
    access_url: String,
    download_url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meeting: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    paper: Vec<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    body: String,
    name: String,
    reference: String,
    date: String,
    paper_type: &'static str,
    under_direction_of: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File>,
    consultation: Vec<Consultation>,
    web: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Consultation {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    paper: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    agenda_item: Option<String>,
    meeting: String,
    organization: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authoritative: Option<bool>,
    role: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    description: String,
    /// The meetings held here: only on the Location's own object; an embedded copy leaves
    /// the list out (each meeting would otherwise carry every other meeting's URL).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meetings: Vec<String>,
}

/// An OParl object that has a URL of its own.
trait Object: Serialize {
    fn id(&self) -> &str;
}

macro_rules! objects {
    ($($t:ty),*) => {$(
        impl Object for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    )*};
}

objects!(Body, Organization, Person, Membership, MeetingObject, AgendaItem, File, Paper, Consultation, Location);

impl Location {
    /// The copy a meeting embeds: without the list of meetings, which is never copied
    /// (it grows with the site, and every meeting held at the place embeds the place).
    fn embedded(&self) -> Location {
        Location {
            id: self.id.clone(),
            kind: self.kind.clone(),
            description: self.description.clone(),
            meetings: Vec::new(),
        }
    }
}

/// A meeting's JSON, kept for the lists, and where each of its agenda items is in it.
struct MeetingJson {
    body: crate::model::BodyId,
    meeting: Vec<u8>,
    items: Vec<std::ops::Range<usize>>,
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len().max(1)).position(|window| window == needle)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    total_elements: usize,
    elements_per_page: usize,
    current_page: usize,
    total_pages: usize,
}

#[derive(Serialize)]
struct Links {
    first: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    last: String,
}

// ---------------------------------------------------------------------------------------
// Building

struct Oparl<'m, E> {
    model: &'m Model,
    pdfs: bool,
    emit: Emit<'m, E>,
}

impl<E: Send> Oparl<'_, E> {
    /// The absolute URL of a path under data/oparl/.
    fn url(&self, rel: &str) -> String {
        absolute(self.model, &format!("{ROOT}{rel}"))
    }

    fn kind(name: &str) -> String {
        format!("{SCHEMA}{name}")
    }

    fn body_url(&self) -> String {
        self.url(&format!("body/{}.json", cooperation_key(&self.model.site.cooperation)))
    }

    fn org_url(&self, body: crate::model::BodyId) -> String {
        self.url(&format!("organization/{}.json", self.model.body(body).slug))
    }

    fn person_url(&self, person: PersonId) -> String {
        self.url(&format!("person/{}.json", self.model.person(person).slug))
    }

    /// "kommunchefsgruppen/2013-05-15": meetings, their agenda items and consultations
    /// sit in a folder per body, so no folder grows with the whole site's history.
    fn meeting_key(&self, meeting: &Meeting) -> String {
        format!("{}/{}", self.model.body(meeting.body).slug, meeting.date)
    }

    fn meeting_url(&self, meeting: &Meeting) -> String {
        self.url(&format!("meeting/{}.json", self.meeting_key(meeting)))
    }

    fn item_key(&self, item: ItemRef) -> String {
        format!("{}-{}", self.meeting_key(self.model.meeting(item.meeting)), self.model.item(item).number)
    }

    fn item_url(&self, item: ItemRef) -> String {
        self.url(&format!("agendaitem/{}.json", self.item_key(item)))
    }

    fn protocol_url(&self, meeting: &Meeting) -> String {
        self.url(&format!("file/protokoll/{}.json", self.meeting_key(meeting)))
    }

    /// A PDF the build makes for a meeting (its record or its notice), as a File.
    fn meeting_pdf(&self, meeting: &Meeting, id: String, name: String, pdf: String, date: Option<String>) -> File {
        let model = self.model;
        File {
            id,
            kind: Self::kind("File"),
            name,
            file_name: pdf.rsplit('/').next().unwrap_or(&pdf).to_string(),
            mime_type: "application/pdf",
            date,
            size: None,
            access_url: absolute(model, &pdf),
            download_url: absolute(model, &pdf),
            meeting: vec![self.meeting_url(meeting)],
            agenda_item: Vec::new(),
            paper: Vec::new(),
        }
    }

    fn invitation_url(&self, meeting: &Meeting) -> String {
        self.url(&format!("file/kallelse/{}.json", self.meeting_key(meeting)))
    }

    fn list_url(&self, list: &str) -> String {
        self.url(&format!("{list}/page-1.json"))
    }

    fn render(self) -> Result<(), E> {
        let model = self.model;
        let public_meetings: Vec<MeetingId> =
            model.meeting_ids().filter(|&m| model.meeting(m).status != MeetingStatus::Utkast).collect();

        let mut files = self.files(&public_meetings);
        let (papers, consultation_of) = self.papers(&mut files);
        let locations = self.locations(&public_meetings);
        // Each meeting and agenda item is written at its URL here, and kept only as its
        // JSON for the lists: at 10,000 meetings the objects themselves are hundreds of MB.
        let meetings = self.meetings(&public_meetings, &files, &consultation_of, &locations)?;
        let (organizations, people, memberships) = self.organisation(&public_meetings);

        let body = self.body_object();
        let system = System {
            id: absolute(model, SYSTEM),
            kind: Self::kind("System"),
            oparl_version: SCHEMA,
            body: self.list_url("bodies"),
            name: model.site.title.clone(),
            website: absolute(model, urls::START),
            web: absolute(model, urls::START),
            license: model.site.license.as_ref().map(|l| l.url.clone()),
        };
        (self.emit)(Artefact::new(SYSTEM, json(&system)))?;
        self.publish("bodies", vec![body])?;
        self.publish("organizations", organizations)?;
        self.publish("people", people)?;
        self.publish("memberships", memberships)?;
        self.list("meetings", &meetings.iter().map(|m| m.meeting.as_slice()).collect::<Vec<_>>())?;
        for body in model.body_ids() {
            let own: Vec<&[u8]> = meetings.iter().filter(|m| m.body == body).map(|m| m.meeting.as_slice()).collect();
            if !own.is_empty() {
                self.list(&format!("organization/{}/meetings", model.body(body).slug), &own)?;
            }
        }
        let items: Vec<&[u8]> = meetings.iter().flat_map(|m| m.items.iter().map(|r| &m.meeting[r.clone()])).collect();
        self.list("agendaitems", &items)?;
        drop(items);
        drop(meetings);
        let consultations: Vec<Consultation> = papers.iter().flat_map(|p| p.consultation.iter().cloned()).collect();
        self.publish("files", files.into_values().collect())?;
        self.publish("papers", papers)?;
        self.publish("consultations", consultations)?;
        self.publish("locations", locations.into_values().collect())
    }

    /// Each object at its own URL, and all of them as the list `name`.
    fn publish<T: Object + Sync>(&self, name: &str, items: Vec<T>) -> Result<(), E> {
        let objects: Vec<Vec<u8>> = items.par_iter().map(compact).collect();
        items
            .par_iter()
            .zip(&objects)
            .try_for_each(|(item, bytes)| (self.emit)(Artefact::new(path_of(item.id(), self.model), file(bytes))))?;
        drop(items);
        self.list(name, &objects.iter().map(Vec::as_slice).collect::<Vec<_>>())
    }

    /// A list as pages of [`PAGE_SIZE`] objects (each given as its compact JSON); an empty
    /// list is one empty page, so the URL the Body links to always exists. A page is the
    /// JSON `{"data":[…],"pagination":{…},"links":{…}}`.
    fn list(&self, name: &str, objects: &[&[u8]]) -> Result<(), E> {
        let pages = objects.len().div_ceil(PAGE_SIZE).max(1);
        let model = self.model;
        let page_url = |n: usize| absolute(model, &format!("{ROOT}{name}/page-{n}.json"));
        (1..=pages).into_par_iter().try_for_each(|n| {
            let start = (n - 1) * PAGE_SIZE;
            let data = &objects[start.min(objects.len())..(start + PAGE_SIZE).min(objects.len())];
            let pagination = Pagination {
                total_elements: objects.len(),
                elements_per_page: PAGE_SIZE,
                current_page: n,
                total_pages: pages,
            };
            let links = Links {
                first: page_url(1),
                prev: (n > 1).then(|| page_url(n - 1)),
                next: (n < pages).then(|| page_url(n + 1)),
                last: page_url(pages),
            };
            let mut page = Vec::with_capacity(data.iter().map(|o| o.len() + 1).sum::<usize>() + 512);
            page.extend_from_slice(b"{\"data\":[");
            for (i, object) in data.iter().enumerate() {
                if i > 0 {
                    page.push(b',');
                }
                page.extend_from_slice(object);
            }
            page.extend_from_slice(b"],\"pagination\":");
            page.extend(compact(&pagination));
            page.extend_from_slice(b",\"links\":");
            page.extend(compact(&links));
            page.push(b'}');
            (self.emit)(Artefact::new(format!("{ROOT}{name}/page-{n}.json"), file(&page)))
        })
    }

    fn body_object(&self) -> Body {
        let model = self.model;
        Body {
            id: self.body_url(),
            kind: Self::kind("Body"),
            system: absolute(model, SYSTEM),
            name: model.site.cooperation.clone(),
            website: absolute(model, urls::START),
            organization: self.list_url("organizations"),
            person: self.list_url("people"),
            meeting: self.list_url("meetings"),
            paper: self.list_url("papers"),
            agenda_item: self.list_url("agendaitems"),
            consultation: self.list_url("consultations"),
            file: self.list_url("files"),
            location_list: self.list_url("locations"),
            membership: self.list_url("memberships"),
            legislative_term: Vec::new(),
            classification: "kommunal samverkan",
            web: absolute(model, urls::START),
        }
    }

    /// Every file: the record of each meeting that has one, its notice, and each
    /// attachment file (once, however many items attach it), with the meetings and items
    /// that use it.
    fn files(&self, meetings: &[MeetingId]) -> BTreeMap<String, File> {
        let model = self.model;
        let mut files = BTreeMap::new();
        // The meetings' own PDFs, when the build makes them.
        for &id in meetings.iter().filter(|_| self.pdfs) {
            let meeting = model.meeting(id);
            if meeting.has_record(model.today) {
                let kind = meeting.kind.map_or("protokoll", record_kind);
                let name = format!("{} {}", capitalised(kind), meeting_title_short(model, meeting));
                let date = Some(record_date(meeting).to_string());
                let file = self.meeting_pdf(
                    meeting,
                    self.protocol_url(meeting),
                    name,
                    urls::protocol_pdf(model, meeting),
                    date,
                );
                files.insert(file.id.clone(), file);
            }
            // The notice with its documents: a coming meeting's only document. The sources
            // do not say when it was sent: no date.
            if has_packet(meeting) {
                let name = format!("Kallelse {}", meeting_title_short(model, meeting));
                let pdf = urls::packet_pdf(model, meeting);
                let file = self.meeting_pdf(meeting, self.invitation_url(meeting), name, pdf, None);
                files.insert(file.id.clone(), file);
            }
        }
        for &id in meetings {
            let meeting = model.meeting(id);
            for (index, item) in meeting.items.iter().enumerate() {
                let r = ItemRef { meeting: id, index: index as u32 };
                for attachment in &item.attachments {
                    let file_id = match &attachment.target {
                        AttachmentTarget::File { path, size } => {
                            let rel = path.strip_prefix("content/").unwrap_or(path);
                            let file_id = self.url(&format!("file/bilaga/{rel}.json"));
                            let url = urls::absolute(model, &urls::attachment_href(path));
                            files.entry(file_id.clone()).or_insert_with(|| File {
                                id: file_id.clone(),
                                kind: Self::kind("File"),
                                name: attachment.title.clone(),
                                file_name: rel.rsplit('/').next().unwrap_or(rel).to_string(),
                                mime_type: mime_type(rel),
                                date: None,
                                size: Some(*size),
                                access_url: url.clone(),
                                download_url: url,
                                meeting: Vec::new(),
                                agenda_item: Vec::new(),
                                paper: Vec::new(),
                            });
                            file_id
                        }
                        AttachmentTarget::Meeting(other)
                            if self.pdfs && model.meeting(*other).has_record(model.today) =>
                        {
                            self.protocol_url(model.meeting(*other))
                        }
                        _ => continue,
                    };
                    // A record this export leaves out (a draft's, in the internal edition)
                    // has no File to point at.
                    let Some(file) = files.get_mut(&file_id) else { continue };
                    push_unique(&mut file.meeting, self.meeting_url(meeting));
                    push_unique(&mut file.agenda_item, self.item_url(r));
                }
            }
        }
        files
    }

    /// A Paper per matter, and the consultation each of its items is part of. The files
    /// of a matter's items learn the paper first, so every copy of a File is the same.
    fn papers(&self, files: &mut BTreeMap<String, File>) -> (Vec<Paper>, BTreeMap<ItemRef, String>) {
        let model = self.model;
        // The export has no drafts (an edition that shows them still leaves them out here).
        let matters: Vec<_> = model
            .matters()
            .into_iter()
            .filter_map(|mut matter| {
                matter.items.retain(|r| model.meeting(r.meeting).status != MeetingStatus::Utkast);
                (!matter.items.is_empty()).then_some(matter)
            })
            .collect();
        let paper_url = |key: &str| self.url(&format!("paper/{key}.json"));
        for matter in &matters {
            for &r in &matter.items {
                for file_id in item_file_ids(self, r) {
                    if let Some(file) = files.get_mut(&file_id) {
                        push_unique(&mut file.paper, paper_url(&matter.key));
                    }
                }
            }
        }
        let mut consultation_of = BTreeMap::new();
        let mut papers = Vec::new();
        for matter in &matters {
            let id = paper_url(&matter.key);
            let lead = if matter.items.contains(&matter.lead) { matter.lead } else { matter.items[0] };
            let first = model.item(lead);
            let first_meeting = model.meeting(lead.meeting);
            let mut consultations = Vec::new();
            let mut directors = Vec::new();
            let mut aux: Vec<File> = Vec::new();
            for &r in &matter.items {
                let meeting = model.meeting(r.meeting);
                let item = model.item(r);
                // An item that is a step of several matters has a consultation in each
                // paper; its agenda item names the first.
                let c_id = match consultation_of.entry(r) {
                    std::collections::btree_map::Entry::Vacant(first) => {
                        first.insert(self.url(&format!("consultation/{}.json", self.item_key(r)))).clone()
                    }
                    std::collections::btree_map::Entry::Occupied(_) => {
                        self.url(&format!("consultation/{}-{}.json", self.item_key(r), matter.key))
                    }
                };
                push_unique(&mut directors, self.org_url(meeting.body));
                consultations.push(Consultation {
                    id: c_id,
                    kind: Self::kind("Consultation"),
                    paper: id.clone(),
                    agenda_item: Some(self.item_url(r)),
                    meeting: self.meeting_url(meeting),
                    organization: vec![self.org_url(meeting.body)],
                    authoritative: Some(item.decision.is_some()),
                    role: if item.decision.is_some() { "beslut" } else { "behandling" },
                });
                for file in item_files(self, r, files) {
                    if !aux.iter().any(|f| f.id == file.id) {
                        aux.push(file);
                    }
                }
            }
            // Earlier meetings the matter mentions without a record of their own.
            let mut mentioned = BTreeSet::new();
            for (m, _, _) in &matter.mentions {
                let meeting = model.meeting(*m);
                if meeting.status == MeetingStatus::Utkast || !mentioned.insert(*m) {
                    continue;
                }
                consultations.push(Consultation {
                    id: self.url(&format!("consultation/{}--{}.json", self.meeting_key(meeting), matter.key)),
                    kind: Self::kind("Consultation"),
                    paper: id.clone(),
                    agenda_item: None,
                    meeting: self.meeting_url(meeting),
                    organization: vec![self.org_url(meeting.body)],
                    authoritative: None,
                    role: "tidigare behandling",
                });
            }
            papers.push(Paper {
                id: id.clone(),
                kind: Self::kind("Paper"),
                body: self.body_url(),
                name: if first.secrecy.is_some() {
                    model.site.confidential_notice.clone()
                } else {
                    first.title.clone()
                },
                reference: matter.key.clone(),
                date: first_meeting.date.to_string(),
                paper_type: "ärende",
                under_direction_of: directors,
                auxiliary_file: aux,
                consultation: consultations,
                web: absolute(model, &urls::matter(&matter.key)),
            });
        }
        (papers, consultation_of)
    }

    /// A Location per distinct place, keyed by the place as written.
    fn locations(&self, meetings: &[MeetingId]) -> BTreeMap<String, Location> {
        let model = self.model;
        let mut by_place: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for &id in meetings {
            let meeting = model.meeting(id);
            if let Some(place) = &meeting.place {
                by_place.entry(place.clone()).or_default().push(self.meeting_url(meeting));
            }
        }
        let mut used = BTreeSet::new();
        by_place
            .into_iter()
            .map(|(place, meetings)| {
                // Two places that slug alike get -2, -3 …, in the order of their text.
                let base = Some(slug(&place)).filter(|s| !s.is_empty()).unwrap_or_else(|| "plats".into());
                let mut key = base.clone();
                let mut n = 1;
                while !used.insert(key.clone()) {
                    n += 1;
                    key = format!("{base}-{n}");
                }
                let location = Location {
                    id: self.url(&format!("location/{key}.json")),
                    kind: Self::kind("Location"),
                    description: place.clone(),
                    meetings,
                };
                (place, location)
            })
            .collect()
    }

    /// Every meeting with its agenda items embedded: each object is written at its URL
    /// (in parallel) and returned as its JSON, for the lists.
    fn meetings(
        &self,
        meetings: &[MeetingId],
        files: &BTreeMap<String, File>,
        consultation_of: &BTreeMap<ItemRef, String>,
        locations: &BTreeMap<String, Location>,
    ) -> Result<Vec<MeetingJson>, E> {
        let model = self.model;
        meetings
            .par_iter()
            .map(|&id| {
                let meeting = model.meeting(id);
                let url = self.meeting_url(meeting);
                let mut participant = Vec::new();
                for a in meeting.attendees.iter().chain(&meeting.participants) {
                    push_unique(&mut participant, self.person_url(a.person));
                }
                let agenda_item = meeting
                    .items
                    .iter()
                    .enumerate()
                    .map(|(index, item)| {
                        let r = ItemRef { meeting: id, index: index as u32 };
                        let web = absolute(model, &urls::item(model, meeting, item.number));
                        let base = AgendaItem {
                            id: self.item_url(r),
                            kind: Self::kind("AgendaItem"),
                            meeting: url.clone(),
                            number: item.number.to_string(),
                            order: index as u32 + 1,
                            name: model.site.confidential_notice.clone(),
                            public: false,
                            consultation: None,
                            result: None,
                            resolution_text: None,
                            auxiliary_file: Vec::new(),
                            web,
                        };
                        if item.secrecy.is_some() {
                            return base;
                        }
                        AgendaItem {
                            name: item.title.clone(),
                            public: true,
                            consultation: consultation_of.get(&r).cloned(),
                            result: item.withdrawn.as_ref().map(|why| format!("utgår: {why}")),
                            resolution_text: item.decision.as_deref().map(super::format::unwrap_lines),
                            auxiliary_file: item_files(self, r, files),
                            ..base
                        }
                    })
                    .collect();
                let object = MeetingObject {
                    id: url.clone(),
                    kind: Self::kind("Meeting"),
                    name: meeting_title(model, meeting),
                    meeting_state: match (&meeting.cancelled, meeting.date > model.today) {
                        (Some(_), _) => "inställt",
                        (None, true) => "planerat",
                        (None, false) => "genomfört",
                    },
                    cancelled: meeting.cancelled.is_some(),
                    start: meeting.start.map(|t| rfc3339(meeting.date, t)),
                    end: meeting.start.and(meeting.end).map(|t| rfc3339(meeting.date, t)),
                    location: meeting.place.as_ref().and_then(|p| locations.get(p)).map(Location::embedded),
                    organization: vec![self.org_url(meeting.body)],
                    participant,
                    invitation: files.get(&self.invitation_url(meeting)).cloned(),
                    results_protocol: files.get(&self.protocol_url(meeting)).cloned(),
                    agenda_item,
                    web: absolute(model, &urls::meeting(model, meeting)),
                };
                let json = compact(&object);
                // Each agenda item is embedded in the meeting exactly as it is on its own
                // (the same struct, compact JSON): the meeting's bytes serve for both.
                let mut items = Vec::with_capacity(object.agenda_item.len());
                let mut from = 0;
                for item in &object.agenda_item {
                    let bytes = compact(item);
                    let at = find(&json[from..], &bytes).map(|i| from + i).expect("an agenda item is in its meeting");
                    items.push(at..at + bytes.len());
                    from = at + bytes.len();
                    (self.emit)(Artefact::new(path_of(&item.id, model), file(&bytes)))?;
                }
                (self.emit)(Artefact::new(path_of(&object.id, model), file(&json)))?;
                Ok(MeetingJson { body: meeting.body, meeting: json, items })
            })
            .collect()
    }

    /// Organizations, people with their memberships, and all memberships.
    fn organisation(&self, meetings: &[MeetingId]) -> (Vec<Organization>, Vec<Person>, Vec<Membership>) {
        let model = self.model;
        let mut memberships = Vec::new();
        let mut organizations = Vec::new();
        for body_id in model.body_ids() {
            let body = model.body(body_id);
            let mut own = Vec::new();
            let mut seen: BTreeMap<PersonId, usize> = BTreeMap::new();
            for m in &body.members {
                // A person with several terms in one body gets -2, -3 … in source order.
                let n = seen.entry(m.person).and_modify(|n| *n += 1).or_insert(1);
                let person_slug = &model.person(m.person).slug;
                let key = if *n == 1 {
                    format!("{}-{person_slug}", body.slug)
                } else {
                    format!("{}-{person_slug}-{n}", body.slug)
                };
                let membership = Membership {
                    id: self.url(&format!("membership/{key}.json")),
                    kind: Self::kind("Membership"),
                    person: self.person_url(m.person),
                    organization: self.org_url(body_id),
                    role: m.role.name(),
                    start_date: m.from.map(|d| d.first_day().to_string()),
                    end_date: m.until.map(|d| d.last_day().to_string()),
                };
                own.push(membership.id.clone());
                memberships.push((m.person, membership));
            }
            let has_meetings = meetings.iter().any(|&m| model.meeting(m).body == body_id);
            organizations.push(Organization {
                id: self.org_url(body_id),
                kind: Self::kind("Organization"),
                body: self.body_url(),
                name: body.name.clone(),
                short_name: body.short_name.clone(),
                membership: own,
                meeting: has_meetings.then(|| self.url(&format!("organization/{}/meetings/page-1.json", body.slug))),
                organization_type: if body.kind == BodyKind::Kansli { "Verwaltungsbereich" } else { "Gremium" },
                classification: body.kind.name(),
                start_date: body.start.map(|d| d.first_day().to_string()),
                end_date: body.end.map(|d| d.last_day().to_string()),
                website: absolute(model, &urls::body(body)),
                web: absolute(model, &urls::body(body)),
            });
        }
        let people = model
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let id = PersonId(i as u32);
                let mut status = Vec::new();
                if let Some(title) = &p.title {
                    status.push(title.clone());
                }
                match p.affiliation {
                    crate::model::Affiliation::Municipality(m) => {
                        status.push(model.municipality(m).official_name.clone())
                    }
                    crate::model::Affiliation::Body(b) => status.push(model.body(b).name.clone()),
                    crate::model::Affiliation::Unknown => {}
                }
                Person {
                    id: self.person_url(id),
                    kind: Self::kind("Person"),
                    body: self.body_url(),
                    name: p.name.clone(),
                    status,
                    // The public edition has already removed what may not be published.
                    email: p.email.iter().cloned().collect(),
                    phone: p.phone.iter().cloned().collect(),
                    membership: memberships.iter().filter(|(who, _)| *who == id).map(|(_, m)| m.clone()).collect(),
                    web: absolute(model, &urls::person(model, id)),
                }
            })
            .collect();
        (organizations, people, memberships.into_iter().map(|(_, m)| m).collect())
    }
}

/// The ids of the files attached to one item that exist as File objects' keys.
fn item_file_ids<E: Send>(o: &Oparl<'_, E>, r: ItemRef) -> Vec<String> {
    let model = o.model;
    let mut out = Vec::new();
    for attachment in &model.item(r).attachments {
        let id = match &attachment.target {
            AttachmentTarget::File { path, .. } => {
                o.url(&format!("file/bilaga/{}.json", path.strip_prefix("content/").unwrap_or(path)))
            }
            AttachmentTarget::Meeting(m) => o.protocol_url(model.meeting(*m)),
            AttachmentTarget::None => continue,
        };
        push_unique(&mut out, id);
    }
    out
}

/// The files attached to one item, as embedded objects.
fn item_files<E: Send>(o: &Oparl<'_, E>, r: ItemRef, files: &BTreeMap<String, File>) -> Vec<File> {
    item_file_ids(o, r).iter().filter_map(|id| files.get(id).cloned()).collect()
}

/// The site path of an object from its absolute id.
fn path_of(id: &str, model: &Model) -> String {
    let path = id.strip_prefix(&model.site.base_url).unwrap_or(id);
    percent_decode(path)
}

/// Undoes `sitemap::absolute`'s encoding, for the artefact's file path.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(&String::from_utf8_lossy(hex), 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Compact JSON: the export is for programs (a browser shows it indented), and at
/// hundreds of thousands of objects the indentation alone is a third of the bytes.
fn compact<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("OParl objects serialise")
}

/// A file's bytes: the JSON and a line break.
fn file(json: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(json.len() + 1);
    bytes.extend_from_slice(json);
    bytes.push(b'\n');
    bytes
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    file(&compact(value))
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// "Kommunchefsgruppen 2013-05-15", for a file's name.
fn meeting_title_short(model: &Model, meeting: &Meeting) -> String {
    format!("{} {}", model.body(meeting.body).name, meeting.date)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The Body's key: the cooperation's name as a slug ("Umeåregionen" → "umearegionen").
fn cooperation_key(name: &str) -> String {
    let key = slug(name);
    if key.is_empty() { "samverkan".into() } else { key }
}

/// Lower-case ASCII letters and digits joined by single hyphens; å, ä, ö and other
/// accented letters lose their marks.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.to_lowercase().chars() {
        let ch = match ch {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        };
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn mime_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "xml" => "application/xml",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_places_and_names() {
        assert_eq!(slug("Umeå stadshus, Nobelsalen"), "umea-stadshus-nobelsalen");
        assert_eq!(cooperation_key("Umeåregionen"), "umearegionen");
        assert_eq!(cooperation_key("—"), "samverkan");
        assert_eq!(percent_decode("a%C3%A5b%2"), "aåb%2");
    }
}
