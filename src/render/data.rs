//! Open data: the CSV tables under `data/` (and `beslut.json`, the decisions table as
//! JSON) and, through [`oparl`](super::oparl), the OParl 1.1 export under `data/oparl/`.
//! [`data`] is the one entry point the build calls.
//!
//! The tables are RFC 4180: comma-separated, CRLF between records, a field quoted when it
//! holds a comma, a quote or a line break (quotes doubled), UTF-8 without a byte order
//! mark, one header row. Each is also under `data/excel/` with the same name, for Excel
//! with Swedish settings, which splits a row at semicolons (the comma is the decimal
//! sign) and reads a file as UTF-8 only after a byte order mark: the same rows,
//! semicolon-separated, with a BOM; there a text that begins with `=`, `+`, `-`, `@` or
//! a tab (a decision that starts with a list, or pasted text) gets a `'` in front, or
//! Excel would read it as a formula (OWASP's advice against CSV injection). Text is given as written in the sources, with the
//! line breaks inside a paragraph made spaces (`format::unwrap_lines`). Dates are
//! ISO 8601, amounts whole kronor without grouping, other numbers with a decimal point
//! (a decimal comma for Excel), yes/no as "ja"/"nej", and the headers and the statuses
//! ("öppet", "försenat", "klart"; "helt", "delvis", "inte") in Swedish like the site.
//!
//! The tables: decisions (`beslut.csv`, and `beslut.json`), assignments (`uppdrag.csv`),
//! money (`ekonomi.csv`), the goals of the working groups' plans with their reports'
//! outcomes (`mal.csv`), the plans' activities (`aktiviteter.csv`), the follow-up
//! questions to the municipalities with their answers (`fragor.csv`), and who took part
//! in each meeting and who was absent (`narvaro.csv`).
//!
//! What is left out: drafts entirely (the public edition has already emptied them). A
//! confidential item appears in `beslut.csv` as its number and the site's notice, with no
//! title and no decision, and `sekretess` "ja", so that a reader can see that a decision
//! was taken behind closed doors and where; it has no assignments or amounts in the
//! edition, so it is absent from the other tables. `beslut.csv` lists the items with
//! a decision from meetings whose record is published (the same meetings as the Atom
//! feed), so a coming meeting's proposals are not listed as decisions.

use super::format::unwrap_lines;
use super::sitemap::absolute;
use super::{Artefact, Emit, oparl, urls};
use crate::model::{
    Affiliation, AssignmentStatus, Attendance, Decider, Fulfilment, ItemRef, Model, MoneyKind, Party, PersonId, Plan,
    Report,
};

pub const DECISIONS_CSV: &str = "data/beslut.csv";
pub const DECISIONS_JSON: &str = "data/beslut.json";
pub const ASSIGNMENTS_CSV: &str = "data/uppdrag.csv";
pub const ECONOMY_CSV: &str = "data/ekonomi.csv";
pub const GOALS_CSV: &str = "data/mal.csv";
pub const ACTIVITIES_CSV: &str = "data/aktiviteter.csv";
pub const QUESTIONS_CSV: &str = "data/fragor.csv";
pub const ATTENDANCE_CSV: &str = "data/narvaro.csv";
/// The tables for Excel: `data/excel/<name>.csv` for each `data/<name>.csv`.
pub const EXCEL_DIR: &str = "data/excel/";
/// Where OParl clients start.
pub const OPARL_SYSTEM: &str = oparl::SYSTEM;

/// Every open-data file: the tables and the OParl export, each handed to `emit` as it is
/// made (in parallel, in no particular order). `pdfs` says whether the build makes the
/// meetings' PDFs (OParl links each record's PDF only then).
pub fn each<E: Send>(model: &Model, pdfs: bool, emit: Emit<'_, E>) -> Result<(), E> {
    use rayon::prelude::*;
    // Each table is made on one thread; they are made beside the OParl export.
    let tables: [fn(&Model) -> Vec<Artefact>; 7] =
        [decision_tables, assignments_csv, economy_csv, goals_csv, activities_csv, questions_csv, attendance_csv];
    let (tables, oparl) = rayon::join(
        || tables.par_iter().try_for_each(|make| make(model).into_iter().try_for_each(emit)),
        || oparl::oparl(model, pdfs, emit),
    );
    tables.and(oparl)
}

/// Every open-data file, sorted by path.
pub fn data(model: &Model, pdfs: bool) -> Vec<Artefact> {
    let out = std::sync::Mutex::new(Vec::new());
    let _ = each::<std::convert::Infallible>(model, pdfs, &|artefact| {
        out.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(artefact);
        Ok(())
    });
    let mut out = out.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// One decision, as both decision tables give it.
#[derive(serde::Serialize)]
struct Decision {
    datum: String,
    organ: String,
    #[serde(rename = "möte")]
    mote: String,
    punkt: u32,
    rubrik: String,
    beslut: String,
    url: String,
    /// True for a confidential item (rubrik is then the notice); "ja"/"nej" in the CSV.
    sekretess: bool,
    /// A formality ("Val av justerare"): a decision, but not news (`Item::formal`).
    formell: bool,
    /// What the decisions' lists file the decision under, by name (joined by "; " in the
    /// CSV), so that their counts can be made again from the table: the strategic goals
    /// (`Model::goals_of`), the prioritised areas and the municipalities it concerns
    /// (`Model::municipalities_concerned`). Empty for a confidential item.
    #[serde(rename = "mål")]
    mal: Vec<String>,
    #[serde(rename = "områden")]
    omraden: Vec<String>,
    kommuner: Vec<String>,
}

fn decisions(model: &Model) -> Vec<Decision> {
    let mut rows = Vec::new();
    for meeting in model.meetings.iter().filter(|m| m.has_record(model.today)) {
        let body = model.body(meeting.body);
        for item in &meeting.items {
            let (title, decision) = match (&item.secrecy, &item.decision) {
                (Some(_), _) => (model.site.confidential_notice.as_str(), ""),
                (None, Some(decision)) => (item.title.as_str(), decision.as_str()),
                (None, None) => continue,
            };
            let public = item.secrecy.is_none();
            let names = |names: Vec<String>| if public { names } else { Vec::new() };
            rows.push(Decision {
                datum: meeting.date.to_string(),
                organ: body.name.clone(),
                mote: meeting.slug.clone(),
                punkt: item.number,
                rubrik: title.to_string(),
                beslut: unwrap_lines(decision),
                url: absolute(model, &urls::item(model, meeting, item.number)),
                sekretess: !public,
                formell: item.formal && public,
                mal: names(model.goals_of(item).into_iter().map(|g| model.goal(g).title.clone()).collect()),
                omraden: names(item.areas.iter().map(|a| model.area(*a).title.clone()).collect()),
                kommuner: names(
                    (model.municipalities_concerned(meeting.date, item).into_iter())
                        .map(|m| model.municipality(m).name.clone())
                        .collect(),
                ),
            });
        }
    }
    rows
}

/// `data/beslut.csv`, one row per decision in meeting order, and `data/beslut.json`, the
/// same rows as an array of objects with the same names (`sekretess` and `formell` as
/// true or false, the lists as arrays). The rows are made once for both.
fn decision_tables(model: &Model) -> Vec<Artefact> {
    let rows = decisions(model);
    let mut csv = Csv::new(&[
        "datum",
        "organ",
        "möte",
        "punkt",
        "rubrik",
        "beslut",
        "url",
        "sekretess",
        "formell",
        "mål",
        "områden",
        "kommuner",
    ]);
    let yes = |b: bool| if b { "ja" } else { "nej" };
    for d in &rows {
        csv.row(&[
            &d.datum,
            &d.organ,
            &d.mote,
            &d.punkt.to_string(),
            &d.rubrik,
            &d.beslut,
            &d.url,
            yes(d.sekretess),
            yes(d.formell),
            &d.mal.join("; "),
            &d.omraden.join("; "),
            &d.kommuner.join("; "),
        ]);
    }
    let mut json = serde_json::to_vec_pretty(&rows).expect("decisions serialise");
    json.push(b'\n');
    let mut out = csv.artefacts(DECISIONS_CSV);
    out.push(Artefact::new(DECISIONS_JSON, json));
    out
}

/// `data/uppdrag.csv`: every assignment, where it was given and, when done, where it was
/// reported done; the status is as of the latest published record, which `status_per`
/// names (`Model::records_until`).
fn assignments_csv(model: &Model) -> Vec<Artefact> {
    let mut csv = Csv::new(&[
        "mottagare",
        "uppdrag",
        "senast",
        "status",
        "återrapporteras_till",
        "givet_datum",
        "givet_organ",
        "givet_punkt",
        "givet_url",
        "redovisat_datum",
        "redovisat_organ",
        "redovisat_punkt",
        "redovisat_url",
        "status_per",
    ]);
    let as_of = model.records_until.map(|d| d.to_string()).unwrap_or_default();
    for (r, item) in model.recorded_items() {
        for assignment in &item.assignments {
            let status = match model.assignment_status(r, assignment) {
                AssignmentStatus::Open => "öppet",
                AssignmentStatus::Late => "försenat",
                AssignmentStatus::Done => "klart",
            };
            let given = item_columns(model, r);
            let done = model.completed_by(r).map(|c| item_columns(model, c)).unwrap_or_default();
            csv.row(&[
                &party(model, assignment.assignee),
                &unwrap_lines(&assignment.task),
                &assignment.deadline.map(|d| d.to_string()).unwrap_or_default(),
                status,
                &assignment.report_to.map(|p| party(model, p)).unwrap_or_default(),
                &given[0],
                &given[1],
                &given[2],
                &given[3],
                &done[0],
                &done[1],
                &done[2],
                &done[3],
                &as_of,
            ]);
        }
    }
    csv.artefacts(ASSIGNMENTS_CSV)
}

/// `data/ekonomi.csv`: the ledger (`Model::ledger`): who decided each amount and when,
/// whether it counts in the totals, and the item that records it.
fn economy_csv(model: &Model) -> Vec<Artefact> {
    let mut csv = Csv::new(&[
        "datum",
        "beslutande_organ",
        "belopp_kr",
        "typ",
        "syfte",
        "källa",
        "per",
        "räknas_i_summa",
        "antecknat_möte",
        "antecknat_punkt",
        "url",
    ]);
    for entry in model.ledger() {
        let kind = match entry.money.kind {
            MoneyKind::Beviljat => "beviljat",
            MoneyKind::Ansokt => "ansökt",
            MoneyKind::Kostnad => "kostnad",
        };
        let recorded = model.meeting(entry.item.meeting);
        let number = model.item(entry.item).number;
        csv.row(&[
            &entry.date.to_string(),
            match entry.decided_by {
                Decider::Body(body) => &model.body(body).name,
                Decider::External(name) => name,
            },
            &entry.money.amount.to_string(),
            kind,
            entry.money.purpose.trim(),
            entry.money.source.as_deref().unwrap_or(""),
            entry.money.per.as_deref().unwrap_or(""),
            if entry.counted { "ja" } else { "nej" },
            &recorded.slug,
            &number.to_string(),
            &absolute(model, &urls::item(model, recorded, number)),
        ]);
    }
    csv.artefacts(ECONOMY_CSV)
}

/// The plans in order of year and group, each with its report, if any.
fn plans_in_order(model: &Model) -> Vec<(&Plan, Option<&Report>)> {
    let mut plans: Vec<&Plan> = model.plans.iter().collect();
    plans.sort_by(|a, b| (a.year, &model.body(a.group).name).cmp(&(b.year, &model.body(b.group).name)));
    plans
        .into_iter()
        .map(|plan| (plan, model.reports.iter().find(|r| r.group == plan.group && r.year == plan.year)))
        .collect()
}

/// `data/mal.csv`: every goal of every working group's plan, with what its report (if
/// written) says of it: plan against outcome, for a spreadsheet.
fn goals_csv(model: &Model) -> Vec<Artefact> {
    let mut csv = Csv::new(&[
        "år",
        "grupp",
        "mål_nr",
        "mål",
        "mått",
        "utgångsläge",
        "målvärde",
        "enhet",
        "senast",
        "utfall",
        "uppfyllelse",
        "kommentar",
        "plan_godkänd_datum",
        "plan_godkänd_organ",
        "plan_godkänd_punkt",
        "url",
    ])
    .with_decimals(&[5, 6, 9]);
    for (plan, report) in plans_in_order(model) {
        let group = model.body(plan.group);
        let approved = plan.approved.map(|r| item_columns(model, r)).unwrap_or_default();
        let url = absolute(model, &urls::group_year(group, plan.year));
        for (i, goal) in plan.goals.iter().enumerate() {
            let outcome = report.and_then(|r| r.goals.iter().find(|o| o.goal == i));
            csv.row(&[
                &plan.year.to_string(),
                &group.name,
                &(i + 1).to_string(),
                &unwrap_lines(&goal.text),
                goal.measure.as_deref().unwrap_or(""),
                &goal.baseline.map(number).unwrap_or_default(),
                &number(goal.target),
                goal.unit.as_deref().unwrap_or(""),
                &goal.deadline.to_string(),
                &outcome.and_then(|o| o.outcome).map(number).unwrap_or_default(),
                match outcome.map(|o| o.fulfilment) {
                    Some(Fulfilment::Helt) => "helt",
                    Some(Fulfilment::Delvis) => "delvis",
                    Some(Fulfilment::Inte) => "inte",
                    None => "",
                },
                &outcome.and_then(|o| o.why.as_deref()).map(unwrap_lines).unwrap_or_default(),
                &approved[0],
                &approved[1],
                &approved[2],
                &url,
            ]);
        }
    }
    csv.artefacts(GOALS_CSV)
}

/// `data/aktiviteter.csv`: every activity of every plan, and whether its report (if
/// written) says it was done.
fn activities_csv(model: &Model) -> Vec<Artefact> {
    let mut csv = Csv::new(&[
        "år",
        "grupp",
        "aktivitet_nr",
        "aktivitet",
        "hur",
        "när",
        "ansvarig",
        "mål_nr",
        "genomförd",
        "kommentar",
        "url",
    ]);
    for (plan, report) in plans_in_order(model) {
        let group = model.body(plan.group);
        let url = absolute(model, &urls::group_year(group, plan.year));
        for (i, activity) in plan.activities.iter().enumerate() {
            let outcome = report.and_then(|r| r.activities.iter().find(|o| o.activity == i));
            csv.row(&[
                &plan.year.to_string(),
                &group.name,
                &(i + 1).to_string(),
                &unwrap_lines(&activity.what),
                &activity.how.as_deref().map(unwrap_lines).unwrap_or_default(),
                &activity.when.to_string(),
                &model.person(activity.responsible).name,
                &activity.goal.map(|g| (g + 1).to_string()).unwrap_or_default(),
                match (report, outcome) {
                    (_, Some(o)) if o.done => "ja",
                    (Some(_), _) => "nej",
                    (None, _) => "",
                },
                &outcome.and_then(|o| o.comment.as_deref()).map(unwrap_lines).unwrap_or_default(),
                &url,
            ]);
        }
    }
    csv.artefacts(ACTIVITIES_CSV)
}

/// `data/fragor.csv`: every follow-up question a published record asks the
/// municipalities, one row per municipality asked, with its answer if it has given one.
fn questions_csv(model: &Model) -> Vec<Artefact> {
    let mut csv = Csv::new(&["datum", "organ", "punkt", "fråga", "svar_senast", "kommun", "svar", "svarsdatum", "url"]);
    for (r, item) in model.recorded_items() {
        let Some(follow_up) = &item.follow_up else { continue };
        let asked = item_columns(model, r);
        for &municipality in &follow_up.municipalities {
            let answer = follow_up.answers.iter().find(|a| a.municipality == municipality);
            csv.row(&[
                &asked[0],
                &asked[1],
                &asked[2],
                &unwrap_lines(&follow_up.question),
                &follow_up.deadline.map(|d| d.to_string()).unwrap_or_default(),
                &model.municipality(municipality).name,
                &answer.map(|a| unwrap_lines(&a.answer)).unwrap_or_default(),
                &answer.and_then(|a| a.date).map(|d| d.to_string()).unwrap_or_default(),
                &asked[3],
            ]);
        }
    }
    csv.artefacts(QUESTIONS_CSV)
}

/// `data/narvaro.csv`: one row per person named in a published record's attendance: those
/// deciding, the other participants and the absent, in the record's order, with the items
/// they took part in when not all. The public edition has already left out a participant
/// who was there for confidential items alone (`model::edition`).
fn attendance_csv(model: &Model) -> Vec<Artefact> {
    let mut csv =
        Csv::new(&["datum", "organ", "möte", "person", "person_id", "tillhör", "närvaro", "roll", "punkter", "url"]);
    for meeting in model.meetings.iter().filter(|m| m.has_record(model.today)) {
        let body = model.body(meeting.body).name.as_str();
        let url = absolute(model, &urls::meeting(model, meeting));
        let date = meeting.date.to_string();
        let mut row = |person: PersonId, presence: &str, attendance: Option<&Attendance>| {
            let person = model.person(person);
            let belongs = match person.affiliation {
                Affiliation::Municipality(m) => model.municipality(m).official_name.as_str(),
                Affiliation::Body(b) => model.body(b).name.as_str(),
                Affiliation::Unknown => "",
            };
            let role = attendance.and_then(|a| a.role).map(|r| r.name()).unwrap_or_default();
            let items = attendance
                .and_then(|a| a.items.as_ref())
                .map(|items| items.iter().map(u32::to_string).collect::<Vec<_>>().join("; "))
                .unwrap_or_default();
            csv.row(&[&date, body, &meeting.slug, &person.name, &person.slug, belongs, presence, role, &items, &url]);
        };
        for a in &meeting.attendees {
            row(a.person, "beslutande", Some(a));
        }
        for a in &meeting.participants {
            row(a.person, "övrig deltagare", Some(a));
        }
        for p in &meeting.absentees {
            row(*p, "frånvarande", None);
        }
    }
    csv.artefacts(ATTENDANCE_CSV)
}

/// A number as the tables write it: a decimal point, no grouping, at most two decimals
/// ("150", "12.5"); the Excel twin writes a decimal comma.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Date, body, item number and URL of an item.
fn item_columns(model: &Model, r: ItemRef) -> [String; 4] {
    let meeting = model.meeting(r.meeting);
    let number = model.item(r).number;
    [
        meeting.date.to_string(),
        model.body(meeting.body).name.clone(),
        number.to_string(),
        absolute(model, &urls::item(model, meeting, number)),
    ]
}

fn party(model: &Model, party: Party) -> String {
    match party {
        Party::Person(p) => model.person(p).name.clone(),
        Party::Body(b) => model.body(b).name.clone(),
        Party::Municipality(m) => model.municipality(m).name.clone(),
    }
}

/// A table being written twice: RFC 4180, and for Excel (see the module's comment).
struct Csv {
    out: String,
    excel: String,
    /// The columns of decimal numbers, which the Excel twin writes with a decimal comma.
    decimals: &'static [usize],
}

impl Csv {
    fn new(header: &[&str]) -> Self {
        let mut csv = Csv { out: String::new(), excel: String::from('\u{feff}'), decimals: &[] };
        csv.row(header);
        csv
    }

    /// The same table, with decimal numbers (as [`number`] writes them) in `columns`.
    fn with_decimals(mut self, columns: &'static [usize]) -> Self {
        self.decimals = columns;
        self
    }

    fn row(&mut self, fields: &[&str]) {
        let header = self.out.is_empty();
        for (out, separator) in [(&mut self.out, ','), (&mut self.excel, ';')] {
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(separator);
                }
                let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err();
                let changed;
                let field = match separator {
                    ';' if formula => {
                        changed = format!("'{field}");
                        changed.as_str()
                    }
                    ';' if !header && self.decimals.contains(&i) => {
                        changed = field.replace('.', ",");
                        changed.as_str()
                    }
                    _ => field,
                };
                if field.contains([separator, '"', '\n', '\r']) {
                    out.push('"');
                    out.push_str(&field.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(field);
                }
            }
            out.push_str("\r\n");
        }
    }

    /// The table at `path` (`data/<name>.csv`) and its Excel twin.
    fn artefacts(self, path: &str) -> Vec<Artefact> {
        let name = path.rsplit('/').next().unwrap_or(path);
        vec![Artefact::new(path, self.out), Artefact::new(format!("{EXCEL_DIR}{name}"), self.excel)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_have_a_point_and_a_comma_for_excel() {
        let mut csv = Csv::new(&["mål", "värde"]).with_decimals(&[1]);
        csv.row(&["Andel", &number(12.5)]);
        csv.row(&["Antal", &number(150.0)]);
        csv.row(&["Kvot", &number(2.0 / 3.0)]);
        assert_eq!(csv.out, "mål,värde\r\nAndel,12.5\r\nAntal,150\r\nKvot,0.67\r\n");
        assert_eq!(csv.excel, "\u{feff}mål;värde\r\nAndel;12,5\r\nAntal;150\r\nKvot;0,67\r\n");
    }

    #[test]
    fn quotes_only_fields_that_need_it() {
        let mut csv = Csv::new(&["a", "b"]);
        csv.row(&["1, 2", "säger \"ja\"\nsen"]);
        csv.row(&["plain", ""]);
        assert_eq!(csv.out, "a,b\r\n\"1, 2\",\"säger \"\"ja\"\"\nsen\"\r\nplain,\r\n");
        // For Excel: a BOM, semicolons, and a field quoted when it holds one.
        csv.row(&["1; 2", "3,5"]);
        assert_eq!(csv.excel, "\u{feff}a;b\r\n1, 2;\"säger \"\"ja\"\"\nsen\"\r\nplain;\r\n\"1; 2\";3,5\r\n");
    }

    /// Excel reads a field that begins with = + - @ as a formula: the Excel table puts a
    /// ' in front of such a text, and the RFC 4180 table keeps it as written.
    #[test]
    fn a_text_excel_would_read_as_a_formula_is_made_text_for_excel_only() {
        let mut csv = Csv::new(&["a", "b"]);
        csv.row(&["=HYPERLINK(\"https://x.example\")", "- Inga övriga frågor."]);
        csv.row(&["-5", "@x"]);
        assert_eq!(csv.out, "a,b\r\n\"=HYPERLINK(\"\"https://x.example\"\")\",- Inga övriga frågor.\r\n-5,@x\r\n");
        assert_eq!(
            csv.excel,
            "\u{feff}a;b\r\n\"'=HYPERLINK(\"\"https://x.example\"\")\";'- Inga övriga frågor.\r\n-5;'@x\r\n"
        );
    }
}
