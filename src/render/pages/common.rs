//! View pieces that many pages share: people, meetings, decisions, assignments, money.

use jiff::civil::Date;

use super::Ctx;
use crate::model::*;
use crate::render::format;
use crate::render::markdown;
use crate::render::urls;
use crate::render::view::*;

pub(crate) fn date_view(date: Date) -> DateView {
    DateView { long: format::date_long(date), medium: format::date_medium(date), iso: date.to_string() }
}

impl Ctx<'_> {
    pub(crate) fn s(&self, key: &str) -> String {
        crate::render::theme::string(self.strings, key)
    }

    pub(crate) fn affiliation(&self, person: &Person) -> String {
        match person.affiliation {
            Affiliation::Municipality(m) => self.model.municipality(m).official_name.clone(),
            Affiliation::Body(b) => self.model.body(b).name.clone(),
            Affiliation::Unknown => String::new(),
        }
    }

    pub(crate) fn person_line(&self, id: PersonId, role: Option<Role>) -> PersonLine {
        let person = self.model.person(id);
        PersonLine {
            name: person.name.clone(),
            href: urls::person(self.model, id),
            affiliation: self.affiliation(person),
            role: role.map(Role::name).unwrap_or_default().to_string(),
            partial: String::new(),
        }
    }

    /// A person at a meeting whose record is of `kind`, with the items they took part in
    /// when not all.
    pub(crate) fn attendance_line(&self, attendance: &Attendance, kind: Option<RecordKind>) -> PersonLine {
        let mut line = self.person_line(attendance.person, attendance.role);
        if let Some(items) = &attendance.items {
            line.partial = format!("{} {}", self.s("meeting.only"), format::item_list(kind, items));
        }
        line
    }

    pub(crate) fn body_link(&self, id: BodyId) -> Link {
        let body = self.model.body(id);
        Link::new(body.name.clone(), urls::body(body))
    }

    pub(crate) fn kind_label(&self, kind: Option<RecordKind>) -> String {
        match kind {
            Some(RecordKind::Minnesanteckningar) => self.s("record.minnesanteckningar"),
            Some(RecordKind::Protokoll) => self.s("record.protokoll"),
            None => String::new(),
        }
    }

    /// The string `PREFIX_minnesanteckningar` or `PREFIX_protokoll`, for the kind of record
    /// a held meeting is waiting for.
    pub(crate) fn pending_label(&self, kind: Option<RecordKind>, prefix: &str) -> String {
        match kind {
            Some(RecordKind::Protokoll) => self.s(&format!("{prefix}_protokoll")),
            _ => self.s(&format!("{prefix}_minnesanteckningar")),
        }
    }

    /// "Sekretess enligt … (21 kap. 1 § OSL)" for something confidential with this ground,
    /// "" for something public. Only the internal edition has confidential content to mark.
    /// The string `key` with `{date}` the last meeting with a published record: what a
    /// page's statuses are as of. "" before any record.
    pub(crate) fn as_of(&self, key: &str) -> String {
        let day = self.model.records_until;
        day.map(|day| self.s(key).replace("{date}", &format::date_medium(day))).unwrap_or_default()
    }

    /// "1 bilaga omfattas av sekretess och publiceras inte." for an item's attachments
    /// the edition took out (`Item::withheld`), or "" when none was.
    pub(crate) fn withheld(&self, count: u32) -> String {
        match count {
            0 => String::new(),
            1 => self.s("item.withheld_one"),
            n => self.s("item.withheld_many").replace("{n}", &n.to_string()),
        }
    }

    pub(crate) fn confidential(&self, secrecy: Option<&str>) -> String {
        match secrecy {
            Some("") => self.model.site.confidential_notice.clone(),
            Some(ground) => format!("{} ({ground})", self.model.site.confidential_notice),
            None => String::new(),
        }
    }

    /// Whether a meeting has a page of its own (drafts have none in the public edition).
    pub(crate) fn published(&self, meeting: &Meeting) -> bool {
        published(self.edition, meeting)
    }

    pub(crate) fn meeting_href(&self, id: MeetingId) -> String {
        let meeting = self.model.meeting(id);
        if self.published(meeting) { urls::meeting(self.model, meeting) } else { String::new() }
    }

    pub(crate) fn meeting_summary(&self, id: MeetingId) -> MeetingSummary {
        let meeting = self.model.meeting(id);
        let today = self.model.today;
        let record = meeting.has_record(today);
        MeetingSummary {
            href: self.meeting_href(id),
            body: self.body_link(meeting.body),
            date: date_view(meeting.date),
            time: format::time_span(meeting.start, meeting.end),
            place: meeting.place.clone().unwrap_or_default(),
            kind: if meeting.cancelled.is_some() {
                self.s("record.cancelled")
            } else if meeting.is_notice(today) {
                self.s("record.kallelse")
            } else {
                self.kind_label(meeting.kind)
            },
            items: meeting.items.len(),
            record,
            points: meeting.kind == Some(RecordKind::Minnesanteckningar),
            cancelled: meeting.cancelled.is_some(),
            upcoming: meeting.date > today,
            pending: if meeting.record_pending(today) {
                self.pending_label(meeting.kind, "record.pending")
            } else {
                String::new()
            },
            by_reference: meeting.status == MeetingStatus::Hanvisning,
        }
    }

    /// "Kommunchefsgruppen 15 maj 2013"
    pub(crate) fn meeting_label(&self, id: MeetingId) -> String {
        let meeting = self.model.meeting(id);
        format!("{} {}", self.model.body(meeting.body).name, format::date_medium(meeting.date))
    }

    pub(crate) fn item_href(&self, item: ItemRef) -> String {
        let meeting = self.model.meeting(item.meeting);
        if self.published(meeting) {
            urls::item(self.model, meeting, self.model.item(item).number)
        } else {
            String::new()
        }
    }

    /// "Regionrådet 5 mars 2026, § 6 Disposition av 2025 års överskott", or
    /// "Kommunchefsgruppen 15 maj 2013, punkt 4 Samverkan inom IT-området" (`format::item_number`).
    pub(crate) fn item_label(&self, item: ItemRef) -> String {
        let it = self.model.item(item);
        let title = if it.secrecy.is_some() { self.model.site.confidential_notice.clone() } else { it.title.clone() };
        let number = format::item_number(self.model.meeting(item.meeting).kind, it.number);
        format!("{}, {number} {title}", self.meeting_label(item.meeting))
    }

    pub(crate) fn item_link(&self, item: ItemRef) -> Link {
        Link::new(self.item_label(item), self.item_href(item))
    }

    pub(crate) fn target_ref(&self, target: Target, note: Option<&str>, completes: bool) -> RefView {
        let (label, href, date) = match target {
            Target::Meeting(m) => (self.meeting_label(m), self.meeting_href(m), self.model.meeting(m).date),
            Target::Item(i) => (self.item_label(i), self.item_href(i), self.model.meeting(i.meeting).date),
        };
        RefView { label, href, date_iso: date.to_string(), note: note.unwrap_or_default().to_string(), completes }
    }

    pub(crate) fn party_link(&self, party: Party) -> Link {
        match party {
            Party::Person(p) => Link::new(self.model.person(p).name.clone(), urls::person(self.model, p)),
            Party::Body(b) => self.body_link(b),
            Party::Municipality(m) => {
                Link::new(self.model.municipality(m).official_name.clone(), urls::municipality(self.model, m))
            }
        }
    }

    pub(crate) fn assignment_view(&self, given_in: ItemRef, assignment: &Assignment) -> AssignmentView {
        let (status, key) = match self.model.assignment_status(given_in, assignment) {
            AssignmentStatus::Open => ("open", "status.open"),
            AssignmentStatus::Late => ("late", "status.late"),
            AssignmentStatus::Done => ("done", "status.done"),
        };
        AssignmentView {
            assignee: self.party_link(assignment.assignee),
            task: assignment.task.clone(),
            deadline: assignment.deadline.map(format::date_medium).unwrap_or_default(),
            deadline_iso: assignment.deadline.map(|d| d.to_string()).unwrap_or_default(),
            status,
            status_label: self.s(key),
            report_to: assignment.report_to.map(|p| self.party_link(p)),
            given_in: self.item_link(given_in),
            done_in: self.model.completed_by(given_in).map(|i| self.item_link(i)),
        }
    }

    pub(crate) fn money_view(&self, money: &Money) -> MoneyView {
        let (kind, key) = match money.kind {
            MoneyKind::Beviljat => ("beviljat", "money.beviljat"),
            MoneyKind::Ansokt => ("ansökt", "money.ansokt"),
            MoneyKind::Kostnad => ("kostnad", "money.kostnad"),
        };
        let amount = match &money.per {
            Some(per) => format!("{} {} {per}", format::amount(money.amount), self.s("money.per")),
            None => format::amount(money.amount),
        };
        MoneyView {
            amount,
            amount_value: money.amount,
            kind,
            kind_label: self.s(key),
            purpose: money.purpose.clone(),
            source: money.source.clone().unwrap_or_default(),
            decided: money.decided.map(|t| {
                let r = self.target_ref(t, None, false);
                Link::new(r.label, r.href)
            }),
            granted_by: money.granted_by.clone().unwrap_or_default(),
        }
    }

    pub(crate) fn decision_row(&self, r: ItemRef) -> DecisionRow {
        let meeting = self.model.meeting(r.meeting);
        let item = self.model.item(r);
        let text = item.decision.as_deref().or(item.proposal.as_deref()).unwrap_or_default();
        DecisionRow {
            href: self.item_href(r),
            date: date_view(meeting.date),
            body: self.body_link(meeting.body),
            number: format::item_number(meeting.kind, item.number),
            title: item.title.clone(),
            decision_html: markdown::to_html(text, 4),
            body_key: self.model.body(meeting.body).slug.clone(),
            year: i32::from(meeting.date.year()),
            goals: self.model.goals_of(item).iter().map(|g| self.model.goal(*g).slug.clone()).collect(),
            areas: item.areas.iter().map(|a| self.model.area(*a).slug.clone()).collect(),
            municipalities: self
                .model
                .municipalities_concerned(meeting.date, item)
                .iter()
                .map(|m| self.model.municipality(*m).slug.clone())
                .collect(),
        }
    }

    pub(crate) fn file_link(&self, label: String, href: String, kind: &str, size: Option<u64>) -> FileLink {
        FileLink { label, href, kind: kind.to_string(), size: size.map(format::file_size).unwrap_or_default() }
    }

    /// A link to one of the build's own PDFs, with its size.
    pub(crate) fn pdf_link(&self, label: String, href: String) -> FileLink {
        self.own_file_link(label, href, "PDF")
    }

    /// A link to one of the build's own files (a PDF or a data file), with its size.
    pub(crate) fn own_file_link(&self, label: String, href: String, kind: &str) -> FileLink {
        let size = self.file_sizes.get(&href).copied();
        self.file_link(label, href, kind, size)
    }

    pub(crate) fn vision(&self) -> Option<VisionView> {
        let vision = self.model.strategy.as_ref()?.vision.as_ref()?;
        let decided = match (vision.decided_by, vision.decided) {
            (Some(b), Some(d)) => format!("{} {}", self.model.body(b).name, format::date_medium(d)),
            (None, Some(d)) => format::date_medium(d),
            _ => String::new(),
        };
        Some(VisionView { text: vision.text.clone(), decided })
    }

    /// "sedan 15 maj 2013", "2011-05 – 2013-04", "" for unknown.
    /// "sedan augusti 2019", "2019 – 2021", "till 2021".
    pub(crate) fn period_text(&self, from: Option<PartialDate>, until: Option<PartialDate>) -> String {
        match (from, until) {
            (Some(f), Some(u)) => format!("{} – {}", partial(f), partial(u)),
            (Some(f), None) => format!("{} {}", self.s("period.since"), partial(f)),
            (None, Some(u)) => format!("{} {}", self.s("period.until"), partial(u)),
            (None, None) => String::new(),
        }
    }

    /// A role's period ([`Ctx::period_text`]), or, when only the first day the sources
    /// show it is known, "känd sedan 15 maj 2013".
    pub(crate) fn role_period(&self, m: &Membership) -> String {
        match (m.from, m.documented) {
            (None, Some(d)) => {
                let known = format!("{} {}", self.s("period.documented"), partial(d));
                match m.until {
                    Some(u) => format!("{known}, {} {}", self.s("period.until"), partial(u)),
                    None => known,
                }
            }
            _ => self.period_text(m.from, m.until),
        }
    }
}

/// The label used for a body kind.
pub(crate) fn body_kind_key(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::Regionrad => "body_kind.regionrad",
        BodyKind::Kommunchefsgrupp => "body_kind.kommunchefsgrupp",
        BodyKind::Kansli => "body_kind.kansli",
        BodyKind::Arbetsgrupp => "body_kind.arbetsgrupp",
        BodyKind::Natverk => "body_kind.natverk",
        BodyKind::Projekt => "body_kind.projekt",
    }
}

/// Whether a meeting has a page of its own in an edition (drafts have none in the public
/// edition).
pub(crate) fn published(edition: Edition, meeting: &Meeting) -> bool {
    meeting.status != MeetingStatus::Utkast || edition.shows_drafts()
}

/// "15 maj 2013", "augusti 2019" or "2019", as precise as the source.
fn partial(d: PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", format::month_name(m), d.year),
        (Some(m), None) => format!("{} {}", format::month_name(m), d.year),
        _ => d.year.to_string(),
    }
}
