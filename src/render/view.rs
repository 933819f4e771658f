//! What templates see: serializable views shaped for each page, never the model itself.
//!
//! Every text is final (Swedish dates and amounts already formatted; Markdown already
//! rendered to safe HTML in fields ending in `_html`). Every link is a path relative to
//! the site root ("moten/kc/2013-05-15/#p4"); templates write `{{ root }}{{ link.href }}`,
//! which makes the site work under any sub-path. Views are plain data: the same view gives
//! the same page, which is what the build's fingerprints rely on.

use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub cooperation: String,
    pub description: Option<String>,
    /// Example data: every page says so.
    pub example: bool,
    /// The internal edition: every page says so.
    pub internal: bool,
    /// The public address, ending in "/": printed pages show full URLs from it.
    pub base_url: String,
    /// "22 november 2026": when the build's "today" is.
    pub today: String,
    pub today_iso: String,
    /// The owner's page on personal data (absolute), or "".
    pub privacy_url: String,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    /// Relative to the site root; empty for "no page" (render the label as text).
    pub href: String,
}

impl Link {
    pub fn new(label: impl Into<String>, href: impl Into<String>) -> Self {
        Link { label: label.into(), href: href.into() }
    }
    pub fn text(label: impl Into<String>) -> Self {
        Link { label: label.into(), href: String::new() }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Alternate {
    /// "application/atom+xml" or "text/calendar".
    pub kind: &'static str,
    pub title: String,
    pub href: String,
}

/// A downloadable file.
#[derive(Clone, Debug, Serialize)]
pub struct FileLink {
    pub label: String,
    pub href: String,
    /// "PDF", "CSV" …
    pub kind: String,
    /// "120 kB"; empty when unknown.
    pub size: String,
}

/// A person as shown in lists: name, link, where they work and their role.
#[derive(Clone, Debug, Serialize)]
pub struct PersonLine {
    pub name: String,
    pub href: String,
    /// "Umeå kommun", "Umeåregionens kansli" or "".
    pub affiliation: String,
    /// "ordförande", "sekreterare" or "".
    pub role: String,
    /// "endast § 3–4" for partial attendance, else "".
    pub partial: String,
}

/// A date as both text and machine value (for <time datetime>).
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    /// "onsdag 15 maj 2013"
    pub long: String,
    /// "15 maj 2013"
    pub medium: String,
    /// "2013-05-15"
    pub iso: String,
}

// ---------------------------------------------------------------------------------------
// Meetings

#[derive(Clone, Debug, Serialize)]
pub struct MeetingSummary {
    pub href: String,
    pub body: Link,
    pub date: DateView,
    /// "08.30–11.00" or "".
    pub time: String,
    pub place: String,
    /// "Minnesanteckningar", "Protokoll", "Kallelse" (no record yet) or "".
    pub kind: String,
    pub items: usize,
    /// The items are a record's paragraphs (not a notice's agenda).
    pub record: bool,
    /// The record is minnesanteckningar, whose items are points, not paragraphs.
    pub points: bool,
    /// The meeting was cancelled (`kind` then says so).
    pub cancelled: bool,
    /// Not yet held (after the build's today).
    pub upcoming: bool,
    /// Held, record not written yet: "Protokoll kommer"; else "".
    pub pending: String,
    /// Known only through references from other meetings.
    pub by_reference: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeetingPage {
    pub summary: MeetingSummary,
    /// The member municipalities on the day, for the letterhead.
    pub letterhead: Vec<String>,
    /// Beslutande.
    pub attendees: Vec<PersonLine>,
    /// Övriga deltagande.
    pub participants: Vec<PersonLine>,
    pub absentees: Vec<PersonLine>,
    pub chair: Option<PersonLine>,
    pub secretary: Option<PersonLine>,
    pub adjusters: Vec<PersonLine>,
    /// The day the minutes were adjusted ("20 maj 2013"), or "".
    pub adjusted: String,
    pub note_html: String,
    /// Held, record not written yet: says so above the notice's items; else "".
    pub pending_notice: String,
    /// "Mötet är inställt. …" with the reason, or "".
    pub cancelled_notice: String,
    pub items: Vec<ItemView>,
    /// The official record (protokoll / minnesanteckningar) as PDF.
    pub pdf: Option<FileLink>,
    /// The board packet (kallelse with attachments) as PDF.
    pub packet: Option<FileLink>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// Items of other meetings that refer to this meeting as a whole.
    pub referenced_by: Vec<RefView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ItemView {
    /// As its heading numbers it: "§ 4", or "4." in minnesanteckningar.
    pub number: String,
    /// The element id on the meeting page: "p4".
    pub anchor: String,
    pub title: String,
    /// For a confidential item: the notice, and nothing else is filled in.
    pub confidential: Option<String>,
    /// The reason, when the item was withdrawn (utgick).
    pub withdrawn: Option<String>,
    pub decision_html: String,
    /// Förslag till beslut (before the meeting).
    pub proposal_html: String,
    pub presenter: Option<PersonLine>,
    pub description_html: String,
    pub attachments: Vec<AttachmentView>,
    pub assignments: Vec<AssignmentView>,
    pub money: Vec<MoneyView>,
    /// Earlier meetings and items this one refers to.
    pub references: Vec<RefView>,
    /// Later items that refer back to this one.
    pub referenced_by: Vec<RefView>,
    pub periods: Vec<PeriodView>,
    pub follow_up: Option<FollowUpView>,
    pub goals: Vec<Link>,
    pub areas: Vec<Link>,
    /// The matters (timelines) this item is a step of: one "Följ ärendet över tid", or
    /// each by its title.
    pub matters: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AttachmentView {
    pub title: String,
    /// Empty when only the title is known.
    pub href: String,
    /// "PDF", "CSV", "Minnesanteckningar" (another meeting's record) or "".
    pub kind: String,
    pub size: String,
    /// The notice and OSL ground of a confidential attachment (internal edition only), or "".
    pub confidential: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssignmentView {
    pub assignee: Link,
    pub task: String,
    /// "15 juni 2013" or "".
    pub deadline: String,
    pub deadline_iso: String,
    /// "open", "late" or "done" (CSS classes and data attributes).
    pub status: &'static str,
    /// "Pågår", "Försenat", "Klart".
    pub status_label: String,
    pub report_to: Option<Link>,
    /// The item that gave the assignment.
    pub given_in: Link,
    /// The item that reported it done.
    pub done_in: Option<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MoneyView {
    /// "300 000 kr" (or "30 kr per respondent").
    pub amount: String,
    pub amount_value: i64,
    /// "beviljat", "ansökt", "kostnad".
    pub kind: &'static str,
    pub kind_label: String,
    pub purpose: String,
    pub source: String,
    /// Where it was decided, when not in this item.
    pub decided: Option<Link>,
    /// Who granted it outside the cooperation, or "".
    pub granted_by: String,
}

/// A reference between meetings or items.
#[derive(Clone, Debug, Serialize)]
pub struct RefView {
    /// "Regionrådet 22 februari 2013" or "Kommunchefsgruppen 15 maj 2013, § 4 Samverkan inom IT-området".
    pub label: String,
    pub href: String,
    pub date_iso: String,
    pub note: String,
    /// This item reports the referenced item's assignments done.
    pub completes: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodView {
    pub what: String,
    /// "3–11 augusti 2013"
    pub when: String,
    pub from_iso: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FollowUpView {
    pub question: String,
    pub deadline: String,
    pub respond_to: Option<Link>,
    pub answers: Vec<AnswerView>,
    /// Municipalities that have not answered.
    pub missing: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnswerView {
    pub municipality: Link,
    pub answer: String,
    pub date: String,
}

// ---------------------------------------------------------------------------------------
// Lists across meetings

/// One decision in the lists of decisions.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionRow {
    pub href: String,
    pub date: DateView,
    pub body: Link,
    /// "§ 4", or "punkt 4" in minnesanteckningar.
    pub number: String,
    pub title: String,
    pub decision_html: String,
    /// Filter values (slugs), for the JavaScript filter: "body", "year", goals, areas, municipalities.
    pub body_key: String,
    pub year: i32,
    pub goals: Vec<String>,
    pub areas: Vec<String>,
    pub municipalities: Vec<String>,
}

/// A part that many pages show alike, such as the facet menu of the decision lists: its
/// view is made once, and its HTML once per depth of page (links are relative), not once
/// per page. A page's template prints it from `shared.<name>`; the part's own template
/// sees `site`, `t`, `root` and `part` (this view).
#[derive(Clone, Debug, Serialize)]
pub struct Shared {
    pub template: &'static str,
    /// A hash of `view`: a page's fingerprint holds it instead of the view.
    pub fingerprint: String,
    #[serde(skip)]
    pub view: std::sync::Arc<serde_json::Value>,
}

impl Shared {
    pub fn new(template: &'static str, view: impl Serialize) -> Self {
        let view = serde_json::to_value(view).unwrap_or_default();
        let bytes = serde_json::to_vec(&view).unwrap_or_default();
        Shared { template, fingerprint: blake3::hash(&bytes).to_hex().to_string(), view: std::sync::Arc::new(view) }
    }
}

/// A filter dimension on the decisions page, pre-rendered as links (works without JavaScript).
#[derive(Clone, Debug, Serialize)]
pub struct Facet {
    /// "organ", "ar", "mal", "omrade", "kommun"
    pub key: &'static str,
    pub label: String,
    pub options: Vec<FacetOption>,
    /// How many values the kind has; `options` may show fewer (see `more`).
    pub total: usize,
    /// The page with all values, when `options` shows only some of them.
    pub more: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub href: String,
    pub count: usize,
    pub current: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// A window of pages: the first, the last and those around the current one, with gaps.
    pub pages: Vec<PageLink>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageLink {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// Stands for pages left out of the window ("…").
    pub gap: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionsPage {
    /// "Alla beslut" or "Beslut – Kommunchefsgruppen".
    pub heading: String,
    /// The filter this page shows, if any: (facet label, value label).
    pub filter: Option<(String, String)>,
    pub rows: Vec<DecisionRow>,
    pub total: usize,
    pub pagination: Pagination,
    /// All decisions as JSON, for filtering in the browser, and all values of every facet.
    pub data_href: String,
    pub facets_href: String,
    pub csv: FileLink,
}

/// The page of one kind of facet ("beslut/organ/"): all its values.
#[derive(Clone, Debug, Serialize)]
pub struct FacetKindPage {
    /// "Beslut – Organ".
    pub heading: String,
    /// None when no decision has a value of this kind.
    pub facet: Option<Facet>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AssignmentsPage {
    pub open: Vec<AssignmentView>,
    pub late: Vec<AssignmentView>,
    pub done: Vec<AssignmentView>,
    /// What the statuses are measured against: the latest published record ("" without one).
    pub as_of: String,
    pub csv: FileLink,
}

#[derive(Clone, Debug, Serialize)]
pub struct EconomyPage {
    /// Granted amounts, counted in the totals.
    pub granted: Vec<LedgerRow>,
    /// Applied for, costs, and repeats of amounts recorded elsewhere.
    pub other: Vec<LedgerRow>,
    pub by_year: Vec<Total>,
    pub by_source: Vec<Total>,
    pub by_body: Vec<Total>,
    pub total: String,
    /// "varav 1 525 000 kr av organen i samverkan och 600 000 kr utanför samverkan", when
    /// some of the total was granted by others (`Money::granted_by`); else empty.
    pub total_split: String,
    pub csv: FileLink,
}

#[derive(Clone, Debug, Serialize)]
pub struct LedgerRow {
    pub date: DateView,
    pub body: Link,
    pub amount: String,
    pub amount_value: i64,
    pub kind_label: String,
    pub purpose: String,
    pub source: String,
    pub item: Link,
    /// Why a granted amount is not counted ("upprepar ett belopp …"), or "".
    pub note: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Total {
    pub label: String,
    pub href: String,
    pub amount: String,
    pub amount_value: i64,
    pub count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MattersPage {
    pub matters: Vec<MatterSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatterSummary {
    pub href: String,
    pub title: String,
    /// "15 maj 2013 – 12 juni 2013"
    pub span: String,
    pub bodies: Vec<String>,
    pub steps: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatterPage {
    pub title: String,
    /// In time order.
    pub steps: Vec<MatterStep>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MatterStep {
    pub date: DateView,
    pub body: Link,
    /// Link to the item (or the meeting, for an earlier meeting known by reference).
    pub link: Link,
    pub decision_html: String,
    /// `decision_html` is a notice's proposal, not a decision.
    pub proposal: bool,
    /// The item was withdrawn: the reason; else "".
    pub withdrawn: String,
    /// What a later item says happened here (for mentions of earlier meetings).
    pub note: String,
    /// The item that says so (with `note`; None without one).
    pub note_by: Option<Link>,
    pub assignments: Vec<AssignmentView>,
    pub money: Vec<MoneyView>,
}

// ---------------------------------------------------------------------------------------
// Organisation

#[derive(Clone, Debug, Serialize)]
pub struct StartPage {
    pub upcoming: Vec<MeetingSummary>,
    pub latest: Vec<DecisionRow>,
    pub goals: Vec<GoalSummary>,
    pub vision: Option<VisionView>,
    pub bodies: Vec<Link>,
    /// Counts for the "in numbers" line: meetings, decisions, open assignments.
    pub counts: Vec<(String, String)>,
    /// What the counts are as of (the last published record), or "".
    pub as_of: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct VisionView {
    pub text: String,
    /// "Regionrådet 16 december 2009"
    pub decided: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalSummary {
    pub number: u32,
    pub title: String,
    pub href: String,
    pub subgoals: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyPage {
    pub name: String,
    /// "Arbetsgrupp", "Regionråd" …
    pub kind: String,
    pub description_html: String,
    pub area: String,
    pub purpose: String,
    pub contact: Option<PersonLine>,
    /// "maj 2011 – april 2013" for projects, else "".
    pub period: String,
    pub financing: String,
    pub goals: Vec<Link>,
    pub members: Vec<MemberRow>,
    pub former_members: Vec<MemberRow>,
    /// Assignments given to the body, in meeting order (as a person's page has them).
    pub assignments: Vec<AssignmentView>,
    pub meetings: Vec<YearMeetings>,
    /// Years with a plan or a report (groups).
    pub years: Vec<GroupYearLink>,
    pub feed: String,
    pub calendar: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MemberRow {
    pub person: PersonLine,
    /// "sedan 15 maj 2013", "2011 – 2013".
    pub period: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct YearMeetings {
    pub year: i32,
    pub meetings: Vec<MeetingSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupYearLink {
    pub year: i32,
    pub href: String,
    pub plan: bool,
    pub report: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodiesPage {
    /// Regionråd, kommunchefsgrupp, kansli.
    pub central: Vec<BodyLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BodyLine {
    pub link: Link,
    pub kind: String,
    pub area: String,
    pub goals: Vec<Link>,
    pub meetings: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeoplePage {
    pub people: Vec<PersonSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PersonSummary {
    pub name: String,
    pub href: String,
    pub affiliation: String,
    pub title: String,
    /// "Ordförande i Kommunchefsgruppen" …
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PersonPage {
    pub name: String,
    pub affiliation: Option<Link>,
    pub title: String,
    /// Only where the source allows publishing them.
    pub email: String,
    pub phone: String,
    pub roles: Vec<RoleRow>,
    pub attended: Vec<MeetingSummary>,
    pub presented: Vec<Link>,
    pub assignments: Vec<AssignmentView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RoleRow {
    pub body: Link,
    pub role: String,
    pub period: String,
    pub current: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct MunicipalitiesPage {
    pub municipalities: Vec<MunicipalityLine>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityLine {
    pub link: Link,
    pub official_name: String,
    /// "medlem sedan 1 juli 2025" or "medlem".
    pub membership: String,
    pub open_follow_ups: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityPage {
    pub name: String,
    /// "Beslut som rör Granberga (40)", to the decisions that concern it.
    pub decisions: Option<Link>,
    /// Its feed of the decisions that concern it.
    pub feed: Link,
    pub official_name: String,
    pub membership: String,
    /// Its people in each body: (body, people).
    pub representatives: Vec<(Link, Vec<PersonLine>)>,
    /// Commitments it chose: (area, commitment text).
    pub areas: Vec<CommitmentView>,
    /// Some municipality chose commitments: then a municipality without any says so.
    pub areas_listed: bool,
    /// Groups where its people are members.
    pub groups: Vec<Link>,
    /// Questions it still has to answer or decide on its own.
    pub owed: Vec<OwedView>,
    /// Questions it has answered.
    pub answered: Vec<OwedView>,
    pub assignments: Vec<AssignmentView>,
    pub indicators: Vec<IndicatorView>,
    /// "Läget till och med mötet 15 maj 2013 …": what the questions' and assignments'
    /// statuses are as of (the last published record), or "".
    pub as_of: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OwedView {
    pub question: String,
    pub item: Link,
    pub deadline: String,
    /// Past its deadline without an answer.
    pub late: bool,
    pub answer: String,
}

// ---------------------------------------------------------------------------------------
// Strategy, areas, groups

#[derive(Clone, Debug, Serialize)]
pub struct StrategyPage {
    pub title: String,
    /// "Regionrådet 23 november 2006"
    pub decided: String,
    pub summary_html: String,
    pub governance_html: String,
    pub vision: Option<VisionView>,
    pub goals: Vec<GoalPage>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalPage {
    pub number: u32,
    pub title: String,
    /// The heading the goal has in the plan and organisation chart (its title when it has
    /// none of its own).
    pub heading: String,
    pub href: String,
    pub subgoals: Vec<SubgoalView>,
    /// Groups and bodies placed under the goal in the organisation chart.
    pub bodies: Vec<Link>,
    /// The newest decisions that serve the goal (empty on the strategy overview).
    pub decisions: Vec<DecisionRow>,
    /// How many decisions serve the goal in all, and where they are listed.
    pub decisions_total: usize,
    pub decisions_href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SubgoalView {
    pub text: String,
    /// How many decisions serve the sub-goal.
    pub count: usize,
    /// The newest of them (empty on the strategy overview).
    pub decisions: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AreasPage {
    pub title: String,
    pub decided: String,
    pub background_html: String,
    pub annual_assignment_html: String,
    pub areas: Vec<AreaPage>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AreaPage {
    pub title: String,
    pub href: String,
    pub commitments: Vec<CommitmentView>,
    pub indicators: Vec<IndicatorView>,
    /// Groups whose plans chose the area: (group, years).
    pub groups: Vec<(Link, String)>,
    /// The newest decisions about the area (empty on the areas overview).
    pub decisions: Vec<DecisionRow>,
    pub decisions_total: usize,
    pub decisions_href: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommitmentView {
    pub area: Link,
    pub aalborg: String,
    pub text: String,
    pub municipalities: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    pub name: String,
    pub unit: String,
    pub description_html: String,
    pub source: String,
    /// An inline SVG chart, rendered at build time (safe, no scripts).
    pub chart_svg: String,
    /// The chart's text alternative.
    pub chart_alt: String,
    /// The data as a table: header years, rows per municipality.
    pub years: Vec<i32>,
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupsPage {
    pub groups: Vec<BodyLine>,
    pub years: Vec<Link>,
    /// Some group has minutes published here: only then the column of meetings, which
    /// would otherwise read as if no group had met.
    pub with_meetings: bool,
}

/// A group's plan beside its report for one year.
#[derive(Clone, Debug, Serialize)]
pub struct GroupYearPage {
    pub group: Link,
    pub year: i32,
    pub contact: Option<PersonLine>,
    pub members: Vec<PersonLine>,
    pub area: String,
    pub purposes: Vec<(Link, String)>,
    pub areas: Vec<Link>,
    pub summary_html: String,
    pub goals: Vec<GoalRow>,
    pub activities: Vec<ActivityRow>,
    pub has_report: bool,
    pub report_summary_html: String,
    pub revisions: Vec<(String, String, String)>,
    pub areas_work_html: String,
    pub meetings_held: String,
    pub approved: Option<Link>,
    pub presented: Option<Link>,
    pub plan_pdf: Option<FileLink>,
    pub report_pdf: Option<FileLink>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalRow {
    /// The goal's place in the plan, from 1 ("Mål 1"); the source's own id stays in the source.
    pub number: usize,
    pub text: String,
    pub measure: String,
    /// Baseline, target and outcome are written with their unit ("100 besök per dag").
    pub baseline: String,
    pub target: String,
    pub deadline: String,
    pub outcome: String,
    /// "helt", "delvis", "inte" or "" (no report yet).
    pub fulfilment: &'static str,
    pub fulfilment_label: String,
    pub why: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActivityRow {
    pub what: String,
    pub how: String,
    pub when: String,
    pub responsible: Option<PersonLine>,
    /// The number of the goal it serves ("1"), or "".
    pub goal: String,
    /// None: no report yet.
    pub done: Option<bool>,
    pub comment: String,
}

/// The kanslichef's compilation: every group's plan and report for a year.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUpPage {
    pub year: i32,
    pub rows: Vec<FollowUpRow>,
    pub plans_pdf: Option<FileLink>,
    pub reports_pdf: Option<FileLink>,
    pub other_years: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FollowUpRow {
    pub group: Link,
    pub year_href: String,
    pub plan: bool,
    pub report: bool,
    pub goals: usize,
    pub fully: usize,
    pub partly: usize,
    pub not: usize,
    pub activities: usize,
    pub done: usize,
    pub areas: Vec<Link>,
    pub goals_served: Vec<Link>,
    pub meetings_held: String,
}

// ---------------------------------------------------------------------------------------
// The rest

#[derive(Clone, Debug, Serialize)]
pub struct CalendarPage {
    pub upcoming: Vec<MeetingSummary>,
    pub past: Vec<YearMeetings>,
    pub events: Vec<EventView>,
    pub calendars: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventView {
    pub what: String,
    pub when: String,
    pub from_iso: String,
    /// "Nytt datum: 20–22 oktober 2026" when a later record moved it.
    pub moved: Option<String>,
    /// The items that mention it, in meeting order.
    pub items: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AccessibilityPage {
    pub cooperation: String,
    pub compliance: String,
    pub known_problems: Vec<String>,
    pub method: String,
    pub assessed: String,
    pub published: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub response_time: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OpenDataPage {
    /// The terms of use, when the site sets them.
    pub license: Option<Link>,
    pub files: Vec<FileLink>,
    pub oparl_entry: String,
    pub feeds: Vec<Link>,
    pub calendars: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EmptyPage {}
