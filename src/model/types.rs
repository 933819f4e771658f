//! The validated, resolved model: what every later stage reads.
//!
//! Entities live in arenas on [`Model`](super::Model) and refer to each other by typed
//! index ids, never by string. Each entity keeps its `slug` (the id written in the
//! sources) because URLs and open data use it. Optional fields here are optional in the
//! domain (a meeting known only by reference has no place); nothing is filled in later.

use jiff::civil::{Date, Time};

use crate::diag::FileId;
pub use crate::load::raw::{BodyKind, Fulfilment, MeetingStatus, MoneyKind, RecordKind, Role};

macro_rules! ids {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

ids!(MunicipalityId, PersonId, BodyId, GoalId, SubgoalId, AreaId, MeetingId, PlanId, ReportId, IndicatorId);

/// An item: the meeting and the item's position in `Meeting::items`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    pub meeting: MeetingId,
    pub index: u32,
}

/// A date that may be known only to the month or the year ("maj 2011").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    pub fn full(date: Date) -> Self {
        PartialDate { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// The first day the partial date can mean.
    pub fn first_day(self) -> Date {
        let month = self.month.unwrap_or(1);
        Date::new(self.year, month, self.day.unwrap_or(1)).unwrap_or(Date::constant(2000, 1, 1))
    }

    /// The last day the partial date can mean.
    pub fn last_day(self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::constant(2000, 1, 1)),
            (Some(m), None) => {
                Date::new(self.year, m, 1).map(|d| d.last_of_month()).unwrap_or(Date::constant(2000, 1, 1))
            }
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::constant(2000, 1, 1)),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Site {
    pub title: String,
    pub cooperation: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub example: bool,
    pub confidential_notice: String,
    pub members: Vec<SiteMember>,
    pub accessibility: Accessibility,
    /// The terms of the open data, when the site's owner has set them.
    pub license: Option<License>,
    /// The owner's page on the processing of personal data, linked in every footer.
    pub privacy_url: Option<String>,
    pub file: FileId,
}

#[derive(Clone, Debug)]
pub struct License {
    pub name: String,
    /// Starts with https:// or http://.
    pub url: String,
}

#[derive(Clone, Debug)]
pub struct SiteMember {
    pub municipality: MunicipalityId,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl SiteMember {
    pub fn member_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

#[derive(Clone, Debug)]
pub struct Accessibility {
    pub compliance: String,
    pub known_problems: Vec<String>,
    pub method: String,
    pub assessed: Date,
    pub published: Date,
    pub contact_email: String,
    pub contact_phone: Option<String>,
    pub response_time: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Municipality {
    pub slug: String,
    pub name: String,
    pub official_name: String,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub slug: String,
    pub name: String,
    pub affiliation: Affiliation,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Contact details may be published only when the source says so.
    pub publish_contact: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Affiliation {
    Municipality(MunicipalityId),
    Body(BodyId),
    Unknown,
}

#[derive(Clone, Debug)]
pub struct Body {
    pub slug: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: BodyKind,
    pub goals: Vec<GoalId>,
    pub description: Option<String>,
    pub area: Option<String>,
    pub purpose: Option<String>,
    pub contact: Option<PersonId>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub financing: Option<String>,
    pub members: Vec<Membership>,
    pub file: FileId,
}

impl Body {
    /// The source file that defines it, from the site root: a working group's in its
    /// folder under `content/groups/`, another body's under `content/organisation/bodies/`.
    pub fn source_file(&self) -> String {
        if self.kind.is_group() {
            format!("content/groups/{}/group.toml", self.slug)
        } else {
            format!("content/organisation/bodies/{}.toml", self.slug)
        }
    }

    /// Its members on `date`, each person once, with the role they have that day (the
    /// first the body's file lists), in the file's order.
    pub fn members_on(&self, date: Date) -> Vec<(PersonId, Role)> {
        let mut members: Vec<(PersonId, Role)> = Vec::new();
        for m in self.members.iter().filter(|m| m.active_on(date)) {
            if !members.iter().any(|(p, _)| *p == m.person) {
                members.push((m.person, m.role));
            }
        }
        members
    }
}

impl BodyKind {
    /// Working groups, networks and projects: the bodies with yearly plans.
    pub fn is_group(self) -> bool {
        matches!(self, BodyKind::Arbetsgrupp | BodyKind::Natverk | BodyKind::Projekt)
    }
}

#[derive(Clone, Debug)]
pub struct Membership {
    pub person: PersonId,
    pub role: Role,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// When `from` is unknown: the first day the sources show the role. It may have
    /// begun any time before, so it is not a start (`active_on` ignores it).
    pub documented: Option<PartialDate>,
}

impl Membership {
    pub fn active_on(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f.first_day() <= date) && self.until.is_none_or(|u| date <= u.last_day())
    }

    /// Active on some day of `year`.
    pub fn active_in(&self, year: i32) -> bool {
        let (first, last) = (Date::constant(year as i16, 1, 1), Date::constant(year as i16, 12, 31));
        self.from.is_none_or(|f| f.first_day() <= last) && self.until.is_none_or(|u| u.last_day() >= first)
    }
}

#[derive(Clone, Debug)]
pub struct Strategy {
    pub title: String,
    pub decided_by: BodyId,
    pub decided: Date,
    pub summary: Option<String>,
    pub governance: Option<String>,
    pub vision: Option<Vision>,
    pub file: FileId,
}

#[derive(Clone, Debug)]
pub struct Vision {
    pub text: String,
    pub decided_by: Option<BodyId>,
    pub decided: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub slug: String,
    pub number: u32,
    pub title: String,
    pub heading: Option<String>,
    pub subgoals: Vec<SubgoalId>,
}

#[derive(Clone, Debug)]
pub struct Subgoal {
    pub slug: String,
    pub goal: GoalId,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct AreasInfo {
    pub title: String,
    pub decided_by: BodyId,
    pub decided: Date,
    pub background: Option<String>,
    pub annual_assignment: Option<String>,
    pub file: FileId,
}

#[derive(Clone, Debug)]
pub struct Area {
    pub slug: String,
    pub title: String,
    pub commitments: Vec<Commitment>,
}

#[derive(Clone, Debug)]
pub struct Commitment {
    pub aalborg: String,
    pub text: String,
    pub municipalities: Vec<MunicipalityId>,
}

#[derive(Clone, Debug)]
pub struct Meeting {
    /// "kommunchefsgruppen/2013-05-15"
    pub slug: String,
    pub body: BodyId,
    pub date: Date,
    pub kind: Option<RecordKind>,
    pub status: MeetingStatus,
    pub start: Option<Time>,
    pub end: Option<Time>,
    pub place: Option<String>,
    pub chair: Option<PersonId>,
    pub secretary: Option<PersonId>,
    pub adjusters: Vec<PersonId>,
    pub adjusted: Option<Date>,
    pub note: Option<String>,
    /// Cancelled, with the reason: it has no record, its notice's items stay.
    pub cancelled: Option<String>,
    /// Beslutande.
    pub attendees: Vec<Attendance>,
    /// Övriga deltagande.
    pub participants: Vec<Attendance>,
    pub absentees: Vec<PersonId>,
    pub items: Vec<Item>,
    pub file: FileId,
}

impl Meeting {
    /// Whether the meeting has a record (minutes) to publish and typeset: it was held (not
    /// after `today`; a later meeting with items is a notice), its record is written (see
    /// `record_written`), it has a kind of record and items, and it is not known only by
    /// reference. Drafts qualify only in the internal edition: the public edition has
    /// emptied them.
    pub fn has_record(&self, today: jiff::civil::Date) -> bool {
        self.has_agenda() && self.date <= today && self.record_written() && self.cancelled.is_none()
    }

    /// Items of its own and no record (yet): before the meeting, or held and not written.
    pub fn is_notice(&self, today: jiff::civil::Date) -> bool {
        self.has_agenda() && !self.has_record(today)
    }

    /// Held, but its file is still the notice: the record is not written yet.
    pub fn record_pending(&self, today: jiff::civil::Date) -> bool {
        self.has_agenda() && self.date <= today && !self.record_written() && self.cancelled.is_none()
    }

    /// Items of its own, not only known by reference.
    fn has_agenda(&self) -> bool {
        self.status != MeetingStatus::Hanvisning && self.kind.is_some() && !self.items.is_empty()
    }

    /// The secretary writes attendance and decisions into the notice's file after the
    /// meeting (content guide 4.10): either one makes the file a record. Proposals alone
    /// are the notice, whatever the date.
    pub fn record_written(&self) -> bool {
        !self.attendees.is_empty() || self.items.iter().any(|i| i.decision.is_some() || i.withdrawn.is_some())
    }

    /// Whether the meeting has pages, feeds and calendar entries at all.
    pub fn is_listed(&self) -> bool {
        self.status != MeetingStatus::Utkast
    }
}

#[derive(Clone, Debug)]
pub struct Attendance {
    pub person: PersonId,
    /// Deciding members default to ledamot; other participants may have no role.
    pub role: Option<Role>,
    /// Present only for these item numbers; `None` for the whole meeting.
    pub items: Option<Vec<u32>>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub number: u32,
    pub title: String,
    pub presenter: Option<Presenter>,
    pub proposal: Option<String>,
    pub decision: Option<String>,
    pub description: Option<String>,
    pub withdrawn: Option<String>,
    /// A formality ("Val av justerare"): not among the start page's latest decisions.
    pub formal: bool,
    /// The OSL ground when the item is confidential.
    pub secrecy: Option<String>,
    pub goals: Vec<GoalId>,
    pub subgoals: Vec<SubgoalId>,
    pub areas: Vec<AreaId>,
    pub attachments: Vec<Attachment>,
    pub assignments: Vec<Assignment>,
    pub money: Vec<Money>,
    pub references: Vec<Reference>,
    pub periods: Vec<Period>,
    pub follow_up: Option<FollowUp>,
    /// Confidential attachments an edition took out (the public one): only how many, so
    /// that a reader knows a document exists and can ask for it.
    pub withheld: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Presenter {
    Person(PersonId),
    Guest { name: String, organisation: Option<String> },
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub title: String,
    pub target: AttachmentTarget,
    pub secrecy: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachmentTarget {
    /// A file under content/: the path relative to the site root, and its size.
    File { path: String, size: u64 },
    /// Another meeting's record.
    Meeting(MeetingId),
    /// Only the title is known.
    None,
}

/// Someone who can be given an assignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Person(PersonId),
    Body(BodyId),
    Municipality(MunicipalityId),
}

#[derive(Clone, Debug)]
pub struct Assignment {
    pub assignee: Party,
    pub task: String,
    pub deadline: Option<Date>,
    pub report_to: Option<Party>,
}

/// Where an assignment stands in the published records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssignmentStatus {
    Open,
    /// Its deadline passed before the latest record, and no record reports it done.
    Late,
    Done,
}

impl Assignment {
    /// Where the assignment stands, given the item that reported it done and the day of
    /// the latest published record (`Model::records_until`).
    pub fn status(&self, completed_by: Option<ItemRef>, records_until: Option<Date>) -> AssignmentStatus {
        match (completed_by, self.deadline) {
            (Some(_), _) => AssignmentStatus::Done,
            (None, Some(deadline)) if overdue(deadline, records_until) => AssignmentStatus::Late,
            _ => AssignmentStatus::Open,
        }
    }
}

/// Whether `deadline` passed before the latest published record (`Model::records_until`):
/// what the records can show to be late.
pub fn overdue(deadline: Date, records_until: Option<Date>) -> bool {
    records_until.is_some_and(|until| deadline < until)
}

/// The links between meetings, kept apart from the meetings themselves: who refers to a
/// meeting or an item, and which item reported an item's assignments done. A meeting is
/// then a function of its own file, and a rebuild can reuse every meeting that did not
/// change and relink them all.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// Per meeting: items elsewhere that refer to it as a whole (references, attachments,
    /// money decided there), in meeting order.
    pub meeting: Vec<Vec<ItemRef>>,
    /// Items that refer to an item, in meeting order.
    pub item: rustc_hash::FxHashMap<ItemRef, Vec<ItemRef>>,
    /// The earliest item that reported an item's assignments done.
    pub completed: rustc_hash::FxHashMap<ItemRef, ItemRef>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Meeting(MeetingId),
    Item(ItemRef),
}

impl Target {
    pub fn meeting(self) -> MeetingId {
        match self {
            Target::Meeting(m) => m,
            Target::Item(i) => i.meeting,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Money {
    /// Whole kronor.
    pub amount: i64,
    pub kind: MoneyKind,
    pub purpose: String,
    pub source: Option<String>,
    pub per: Option<String>,
    /// Where it was decided, when not in the item that records it.
    pub decided: Option<Target>,
    /// Who granted it, when not the cooperation ("Region Exempellänet").
    pub granted_by: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Reference {
    pub target: Target,
    pub note: Option<String>,
    pub completes: bool,
    /// The same matter goes on there (the default); false for a reference that only
    /// cites another matter, such as the decision that funds this one.
    pub same_matter: bool,
}

#[derive(Clone, Debug)]
pub struct Period {
    pub what: String,
    pub from: Date,
    pub until: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct FollowUp {
    pub question: String,
    pub deadline: Option<Date>,
    pub respond_to: Option<PersonId>,
    pub municipalities: Vec<MunicipalityId>,
    pub answers: Vec<Answer>,
}

#[derive(Clone, Debug)]
pub struct Answer {
    pub municipality: MunicipalityId,
    pub answer: String,
    pub date: Option<Date>,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub group: BodyId,
    pub year: i32,
    pub contact: Option<PersonId>,
    pub area: Option<String>,
    pub purposes: Vec<Purpose>,
    pub areas: Vec<AreaId>,
    pub summary: Option<String>,
    pub goals: Vec<PlanGoal>,
    pub activities: Vec<Activity>,
    pub approved: Option<ItemRef>,
    pub file: FileId,
}

#[derive(Clone, Debug)]
pub struct Purpose {
    pub goal: GoalId,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct PlanGoal {
    /// The id within the plan ("m1").
    pub key: String,
    pub text: String,
    pub measure: Option<String>,
    pub baseline: Option<f64>,
    pub target: f64,
    pub unit: Option<String>,
    /// The unit after the value 1, when it differs ("1 kommun", "2 kommuner").
    pub unit_one: Option<String>,
    pub deadline: Date,
}

#[derive(Clone, Debug)]
pub struct Activity {
    /// The id within the plan ("a1").
    pub key: String,
    pub what: String,
    pub how: Option<String>,
    pub when: Date,
    pub responsible: PersonId,
    /// Index into the plan's goals.
    pub goal: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub group: BodyId,
    pub year: i32,
    pub plan: PlanId,
    pub summary: Option<String>,
    pub goals: Vec<GoalOutcome>,
    pub activities: Vec<ActivityOutcome>,
    pub revisions: Vec<Revision>,
    pub areas_work: Option<String>,
    pub meetings_held: Option<u32>,
    pub presented: Option<ItemRef>,
    pub file: FileId,
}

#[derive(Clone, Debug)]
pub struct GoalOutcome {
    /// Index into the plan's goals.
    pub goal: usize,
    pub fulfilment: Fulfilment,
    pub outcome: Option<f64>,
    pub why: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ActivityOutcome {
    /// Index into the plan's activities.
    pub activity: usize,
    pub done: bool,
    pub comment: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Revision {
    pub date: Date,
    pub what: String,
    pub why: String,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub slug: String,
    pub name: String,
    pub area: AreaId,
    pub unit: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub values: Vec<IndicatorValue>,
}

#[derive(Clone, Debug)]
pub struct IndicatorValue {
    pub municipality: MunicipalityId,
    pub year: i32,
    pub value: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assignment_is_late_only_against_a_later_record() {
        let day = |s: &str| s.parse::<Date>().unwrap();
        let assignment = Assignment {
            assignee: Party::Person(PersonId(0)),
            task: "x".into(),
            deadline: Some(day("2013-06-15")),
            report_to: None,
        };
        let report = Some(ItemRef { meeting: MeetingId(1), index: 0 });
        assert_eq!(assignment.status(None, Some(day("2013-05-15"))), AssignmentStatus::Open);
        assert_eq!(assignment.status(None, Some(day("2013-06-15"))), AssignmentStatus::Open);
        assert_eq!(assignment.status(None, Some(day("2013-06-16"))), AssignmentStatus::Late);
        assert_eq!(assignment.status(None, None), AssignmentStatus::Open);
        assert_eq!(assignment.status(report, Some(day("2014-01-01"))), AssignmentStatus::Done);
        let no_deadline = Assignment { deadline: None, ..assignment };
        assert_eq!(no_deadline.status(None, Some(day("2030-01-01"))), AssignmentStatus::Open);
    }
}
