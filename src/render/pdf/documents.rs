//! The documents a build typesets, and the data each template gets.
//!
//! Built from the same model edition as the pages (so a public PDF never holds what the
//! public site may not show), through the page context's helpers for names and labels.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Document, Standard};
use crate::model::*;
use crate::render::format;
use crate::render::markdown::to_blocks;
use crate::render::pages::Ctx;
use crate::render::urls;
use crate::source::Source;

/// What a PDF of the build is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Protocol(MeetingId),
    Packet(MeetingId),
    Plan(PlanId),
    Report(ReportId),
    /// All plans (false) or all reports (true) of a year.
    Compilation(i32, bool),
}

impl Kind {
    /// The kind's place among the kinds: the build typesets one kind after another.
    pub fn rank(self) -> u8 {
        match self {
            Kind::Protocol(_) => 0,
            Kind::Packet(_) => 1,
            Kind::Plan(_) => 2,
            Kind::Report(_) => 3,
            Kind::Compilation(..) => 4,
        }
    }

    /// The kind's name in `--timings`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Protocol(_) => "protokoll",
            Kind::Packet(_) => "handlingar",
            Kind::Plan(_) => "planer",
            Kind::Report(_) => "berättelser",
            Kind::Compilation(..) => "sammanställningar",
        }
    }
}

/// Every PDF the model calls for, with its path in the output.
pub fn plan(ctx: &Ctx) -> Vec<(Kind, String)> {
    let model = ctx.model;
    let mut out = Vec::new();
    for id in model.meeting_ids() {
        let meeting = model.meeting(id);
        if !ctx.published(meeting) {
            continue;
        }
        if meeting.has_record(model.today) {
            out.push((Kind::Protocol(id), urls::protocol_pdf(model, meeting)));
        }
        if has_packet(meeting) {
            out.push((Kind::Packet(id), urls::packet_pdf(model, meeting)));
        }
    }
    for i in 0..model.plans.len() {
        out.push((Kind::Plan(PlanId(i as u32)), urls::plan_pdf(model, PlanId(i as u32))));
    }
    for (i, report) in model.reports.iter().enumerate() {
        out.push((Kind::Report(ReportId(i as u32)), urls::report_pdf(model.body(report.group), report.year)));
    }
    let mut years: Vec<i32> = model.plans.iter().map(|p| p.year).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        out.push((Kind::Compilation(year, false), urls::compilation_pdf(year, false)));
        if model.reports.iter().any(|r| r.year == year) {
            out.push((Kind::Compilation(year, true), urls::compilation_pdf(year, true)));
        }
    }
    out
}

/// The document for one PDF. `source` reads the attachment files of board packets.
pub fn document(ctx: &Ctx, kind: Kind, source: &dyn Source) -> std::io::Result<Document> {
    Ok(match kind {
        Kind::Protocol(id) => protocol(ctx, id),
        Kind::Packet(id) => packet(ctx, id, source)?,
        Kind::Plan(id) => plan_document(ctx, id),
        Kind::Report(id) => report_document(ctx, id),
        Kind::Compilation(year, reports) => compilation(ctx, year, reports),
    })
}

/// The PDF labels from the theme's strings.
fn labels(ctx: &Ctx) -> Value {
    ctx.strings.get("pdf").cloned().unwrap_or(Value::Null)
}

/// The line printed on every page of a document that is not the public record.
fn marking(ctx: &Ctx) -> Value {
    if ctx.edition == Edition::Internal {
        Value::String(ctx.s("pdf.internal"))
    } else if ctx.model.site.example {
        Value::String(ctx.s("pdf.example"))
    } else {
        Value::Null
    }
}

fn meta(ctx: &Ctx, title: &str, date: jiff::civil::Date, keywords: Vec<String>) -> Value {
    json!({
        "title": title,
        "author": ctx.model.site.cooperation,
        "year": date.year(), "month": date.month(), "day": date.day(),
        "keywords": keywords,
    })
}

fn person(ctx: &Ctx, id: PersonId, role: Option<Role>) -> Value {
    let line = ctx.person_line(id, role);
    // The original lists a role only when it is not plain membership.
    let role = if role == Some(Role::Ledamot) { String::new() } else { line.role };
    json!({ "name": line.name, "affiliation": line.affiliation, "role": role })
}

fn attendance(ctx: &Ctx, list: &[Attendance], kind: Option<RecordKind>) -> Vec<Value> {
    list.iter()
        .map(|a| {
            let mut p = person(ctx, a.person, a.role);
            if let Some(items) = &a.items {
                p["partial"] = Value::String(format!("{} {}", ctx.s("meeting.only"), format::item_list(kind, items)));
            }
            p
        })
        .collect()
}

fn presenter(ctx: &Ctx, item: &Item) -> Value {
    match &item.presenter {
        Some(Presenter::Person(p)) => Value::String(ctx.model.person(*p).name.clone()),
        Some(Presenter::Guest { name, organisation }) => Value::String(match organisation {
            Some(o) => format!("{name}, {o}"),
            None => name.clone(),
        }),
        None => Value::Null,
    }
}

/// Whether a meeting has a board packet: items of its own. A cancelled meeting's notice
/// was sent and is a public document; it is published marked as cancelled.
pub(crate) fn has_packet(meeting: &Meeting) -> bool {
    !meeting.items.is_empty() && meeting.status != MeetingStatus::Hanvisning
}

/// An attachment's title, with the notice and ground when it is confidential (which only
/// the internal edition still has).
fn attachment_title(ctx: &Ctx, attachment: &Attachment) -> String {
    match ctx.confidential(attachment.secrecy.as_deref()) {
        notice if notice.is_empty() => attachment.title.clone(),
        notice => format!("{} – {notice}", attachment.title),
    }
}

/// An item as a PDF shows it, numbered `number`: "§ 3" or "3." in a record (see
/// `format::item_heading_number`), "3" in a notice's agenda.
fn item_data(ctx: &Ctx, item: &Item, number: String) -> Value {
    if item.secrecy.is_some() && ctx.edition.redacts() {
        return json!({ "number": number, "confidential": ctx.model.site.confidential_notice });
    }
    let confidential = item.secrecy.as_ref().map(|g| format!("{} ({g})", ctx.model.site.confidential_notice));
    json!({
        "number": number,
        "title": item.title,
        "confidential": confidential,
        "withdrawn": item.withdrawn,
        "presenter": presenter(ctx, item),
        "attachments": item
            .attachments
            .iter()
            .map(|a| attachment_title(ctx, a))
            .chain((item.withheld > 0).then(|| ctx.withheld(item.withheld)))
            .collect::<Vec<_>>(),
        "proposal": item.proposal.as_deref().map(to_blocks).unwrap_or(Value::Array(vec![])),
        "decision": item.decision.as_deref().map(to_blocks).unwrap_or(Value::Array(vec![])),
        "description": item.description.as_deref().map(to_blocks).unwrap_or(Value::Array(vec![])),
    })
}

fn meeting_head(ctx: &Ctx, meeting: &Meeting, kind_label: &str) -> Value {
    let model = ctx.model;
    let body = model.body(meeting.body);
    json!({
        "cooperation": model.site.cooperation,
        "letterhead": model.members_on(meeting.date).iter().map(|m| model.municipality(*m).name.clone()).collect::<Vec<_>>(),
        "body": body.name,
        "kind": kind_label,
        "date": meeting.date.to_string(),
        "date_long": format::date_long(meeting.date),
        "time": format::time_span(meeting.start, meeting.end).replace('–', "-"),
        "place": meeting.place,
        "url": urls::absolute(model, &urls::meeting(model, meeting)),
        "marking": marking(ctx),
        "t": labels(ctx),
    })
}

fn protocol(ctx: &Ctx, id: MeetingId) -> Document {
    let model = ctx.model;
    let meeting = model.meeting(id);
    let body = model.body(meeting.body);
    let kind_label = ctx.kind_label(meeting.kind);
    let title = format!("{} – {} {}", body.name, kind_label.to_lowercase(), meeting.date);
    let mut data = meeting_head(ctx, meeting, &kind_label);
    // Dated as the record is: the day it was checked and signed (justerat), when known.
    let dated = crate::render::feeds::record_date(meeting);
    data["meta"] =
        meta(ctx, &title, dated, vec![body.name.clone(), kind_label.clone(), model.site.cooperation.clone()]);
    data["attendees"] = Value::Array(attendance(ctx, &meeting.attendees, meeting.kind));
    data["participants"] = Value::Array(attendance(ctx, &meeting.participants, meeting.kind));
    data["absentees"] = Value::Array(meeting.absentees.iter().map(|p| person(ctx, *p, None)).collect());
    data["items"] = Value::Array(
        meeting.items.iter().map(|i| item_data(ctx, i, format::item_heading_number(meeting.kind, i.number))).collect(),
    );
    data["is_protocol"] = Value::Bool(meeting.kind == Some(RecordKind::Protokoll));
    data["chair"] = json!(meeting.chair.map(|p| model.person(p).name.clone()));
    data["secretary"] = json!(meeting.secretary.map(|p| model.person(p).name.clone()));
    data["adjusters"] = json!(meeting.adjusters.iter().map(|p| model.person(*p).name.clone()).collect::<Vec<_>>());
    data["adjusted"] = json!(meeting.adjusted.map(|d| d.to_string()));
    let numbers: Vec<u32> = meeting.items.iter().map(|i| i.number).collect();
    data["paragraphs"] = json!(format::item_list(meeting.kind, &numbers));
    Document {
        template: "typst/protocol.typ",
        data,
        files: BTreeMap::new(),
        ident: format!("{}/protokoll", meeting.slug),
        standard: Standard::Archive,
    }
}

/// Who a notice calls: the people its source lists as present (`kansli new meeting` fills
/// in the body's members on the day), or else the body's members on the day.
fn invited(ctx: &Ctx, meeting: &Meeting) -> Vec<Value> {
    let listed: Vec<&Attendance> = meeting.attendees.iter().chain(&meeting.participants).collect();
    if !listed.is_empty() {
        return listed.iter().map(|a| person(ctx, a.person, a.role)).collect();
    }
    let members = ctx.model.body(meeting.body).members_on(meeting.date);
    members.into_iter().map(|(p, role)| person(ctx, p, Some(role))).collect()
}

fn packet(ctx: &Ctx, id: MeetingId, source: &dyn Source) -> std::io::Result<Document> {
    let model = ctx.model;
    let meeting = model.meeting(id);
    let body = model.body(meeting.body);
    // After the meeting the sources hold the record, not the notice: the packet is then
    // the agenda and the attachments, and says where the decisions are.
    let after = meeting.has_record(model.today);
    let kind = ctx.s(if after { "pdf.agenda" } else { "pdf.packet" });
    let title = match meeting.cancelled {
        Some(_) => format!("{} – {} {} ({})", body.name, kind.to_lowercase(), meeting.date, ctx.s("pdf.cancelled")),
        None => format!("{} – {} {}", body.name, kind.to_lowercase(), meeting.date),
    };
    let mut data = meeting_head(ctx, meeting, &kind);
    // A cancelled meeting's notice says so first, and on every page.
    data["cancelled"] = json!(
        meeting.cancelled.as_ref().map(|why| { format!("{} {why}", ctx.s("pdf.cancelled_notice")).trim().to_string() })
    );
    data["meta"] =
        meta(ctx, &title, meeting.date, vec![body.name.clone(), kind.clone(), model.site.cooperation.clone()]);
    data["after"] = match after {
        true => json!(format!("{} {}.", ctx.s("pdf.agenda_after"), ctx.kind_label(meeting.kind).to_lowercase())),
        false => Value::Null,
    };
    if !after {
        // A notice has the day in words; one still to be held says who is called and to
        // whom to send regrets.
        data["day"] = json!(format::date_long(meeting.date));
    }
    if !after && meeting.cancelled.is_none() {
        data["invited"] = Value::Array(invited(ctx, meeting));
        data["regrets"] = json!(meeting.secretary.map(|p| {
            let person = model.person(p);
            match &person.email {
                Some(email) => format!("{}, {email}", person.name),
                None => person.name.clone(),
            }
        }));
    }
    data["items"] = Value::Array(
        meeting
            .items
            .iter()
            .map(|i| {
                let mut item = item_data(ctx, i, i.number.to_string());
                if after && let Some(fields) = item.as_object_mut() {
                    // The record's words: none of them is the notice's.
                    for key in ["decision", "description"] {
                        fields.insert(key.into(), Value::Array(Vec::new()));
                    }
                    fields.insert("withdrawn".into(), Value::Null);
                }
                item
            })
            .collect(),
    );
    let mut files = BTreeMap::new();
    let mut attachments = Vec::new();
    for (i, item) in meeting.items.iter().enumerate() {
        if item.secrecy.is_some() && ctx.edition.redacts() {
            continue;
        }
        for (n, attachment) in item.attachments.iter().enumerate() {
            if let AttachmentTarget::File { path, .. } = &attachment.target {
                // The item's list says which of its attachments follow, and as which number
                // ("Budget 2027 (bilaga 2)"); the others are titles only.
                let number = attachments.len() + 1;
                if let Some(Value::String(title)) = data["items"][i]["attachments"].get_mut(n) {
                    title.push_str(&format!(" ({} {number})", ctx.s("pdf.attachment").to_lowercase()));
                }
                let bytes = source.read(path)?;
                let name = path.rsplit('/').next().unwrap_or(path).to_string();
                let key = format!("{}-{}-{name}", item.number, n + 1);
                let pages = super::raster::pages(&bytes);
                let mut images = Vec::new();
                for (page, png) in pages.images {
                    let image_key = format!("{key}-sida-{page}.png");
                    files.insert(image_key.clone(), png);
                    images.push(json!({ "file": image_key, "page": page }));
                }
                // A long file is shown in part: say which pages are only in the original.
                let not_shown = pages.total > super::raster::MAX_PAGES;
                let more = not_shown.then(|| {
                    format!(
                        "{} {}–{} {}",
                        ctx.s("pdf.pages_not_shown_from"),
                        super::raster::MAX_PAGES + 1,
                        pages.total,
                        ctx.s("pdf.pages_not_shown")
                    )
                });
                // A table (a CSV budget) is shown as a table.
                let table = (mime(path) == "text/csv").then(|| csv_table(ctx, &bytes)).flatten();
                files.insert(key.clone(), bytes);
                attachments.push(json!({
                    "table": table,
                    "item": item.number,
                    "title": attachment_title(ctx, attachment),
                    "name": name,
                    "file": key,
                    "mime": mime(path),
                    "pages": images,
                    "total": pages.total,
                    "more": more,
                }));
            }
        }
    }
    data["attachments"] = Value::Array(attachments);
    Ok(Document {
        template: "typst/packet.typ",
        data,
        files,
        ident: format!("{}/kallelse", meeting.slug),
        standard: Standard::ArchiveWithAttachments,
    })
}

/// Rows of a CSV attachment shown in the packet; the rest are in the embedded original.
const CSV_ROWS: usize = 300;
/// Wider tables do not fit a page's width; they are only embedded.
const CSV_COLUMNS: usize = 10;

/// A CSV attachment as a table for the packet (the Markdown converter's table, which the
/// template typesets as it does a table in a text): the first row as the header, columns
/// of numbers aligned right, and a note when rows are left out. `None` for a file that
/// is not UTF-8 text or has too many columns.
fn csv_table(ctx: &Ctx, bytes: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next()?;
    // Excel with Swedish settings writes semicolons; others commas.
    let separator = if first.matches(';').count() > first.matches(',').count() { ';' } else { ',' };
    let mut rows = csv_rows(text, separator);
    rows.retain(|row| row.iter().any(|cell| !cell.trim().is_empty()));
    let columns = rows.iter().map(Vec::len).max()?;
    if rows.len() < 2 || columns > CSV_COLUMNS {
        return None;
    }
    let header = rows.remove(0);
    let total = rows.len();
    rows.truncate(CSV_ROWS);
    let number = |cell: &str| {
        let cell: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        !cell.is_empty() && cell.replace(',', ".").replace('−', "-").parse::<f64>().is_ok()
    };
    let align: Vec<&str> = (0..columns)
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i)).filter(|c| !c.trim().is_empty());
            if cells.clone().count() > 0 && cells.clone().all(|c| number(c)) { "right" } else { "left" }
        })
        .collect();
    // Names in such tables are often identifiers ("budget_2025_kr"): a line may break
    // after "_" in any cell.
    let cell = |text: &str| json!([text.trim().replace('_', "_\u{200b}")]);
    let more = (total > CSV_ROWS).then(|| {
        format!("{} {}–{} {}", ctx.s("pdf.rows_not_shown_from"), CSV_ROWS + 1, total, ctx.s("pdf.pages_not_shown"))
    });
    Some(json!({
        "t": "table",
        "header": (0..columns).map(|i| cell(header.get(i).map_or("", String::as_str))).collect::<Vec<_>>(),
        "rows": rows.iter().map(|r| r.iter().map(|c| cell(c)).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "align": align,
        "more": more,
    }))
}

/// The records of a CSV text (RFC 4180: quoted fields may hold the separator, quotes
/// doubled and line breaks).
fn csv_rows(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == separator && !quoted => row.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn mime(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref() {
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv",
        Some("txt") => "text/plain",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Contact person and members of a group, as Mall 1 and Mall 2 list them: those who were
/// members `when` a plan was approved (the plan is the document approved that day, not a
/// list of who joined later), else in the year.
fn group_people(ctx: &Ctx, group: &Body, contact: Option<PersonId>, when: Members) -> (Value, Vec<Value>) {
    let model = ctx.model;
    let line = |p: PersonId| {
        let person = model.person(p);
        json!({
            "name": person.name,
            "affiliation": ctx.affiliation(person),
            "title": person.title,
            "phone": person.phone,
            "email": person.email,
        })
    };
    let members = group
        .members
        .iter()
        .filter(|m| match when {
            Members::On(date) => m.active_on(date),
            Members::In(year) => m.active_in(year),
        })
        .map(|m| line(m.person))
        .collect();
    (contact.or(group.contact).map(line).unwrap_or(Value::Null), members)
}

/// Whose membership [`group_people`] lists.
#[derive(Clone, Copy)]
enum Members {
    On(jiff::civil::Date),
    In(i32),
}

fn plan_data(ctx: &Ctx, id: PlanId) -> Value {
    let model = ctx.model;
    let plan = model.plan(id);
    let group = model.body(plan.group);
    let when = plan.approved.map_or(Members::In(plan.year), |r| Members::On(model.meeting(r.meeting).date));
    let (contact, members) = group_people(ctx, group, plan.contact, when);
    json!({
        "group": group.name,
        "year": plan.year,
        "contact": contact,
        "members": members,
        "area": plan.area.clone().or(group.area.clone()),
        "purposes": plan.purposes.iter().map(|p| json!({ "goal": model.goal(p.goal).title, "text": p.text })).collect::<Vec<_>>(),
        "areas": plan.areas.iter().map(|a| model.area(*a).title.clone()).collect::<Vec<_>>(),
        "summary": plan.summary.as_deref().map(to_blocks).unwrap_or(Value::Array(vec![])),
        "goals": plan.goals.iter().enumerate().map(|(i, g)| json!({
            "key": (i + 1).to_string(),
            "text": g.text,
            "measure": g.measure,
            "baseline": g.baseline.map(|b| format::goal_value(g, b)),
            "target": format::goal_value(g, g.target),
            "deadline": g.deadline.to_string(),
        })).collect::<Vec<_>>(),
        "activities": plan.activities.iter().enumerate().map(|(i, a)| json!({
            "key": (i + 1).to_string(),
            "what": a.what,
            "how": a.how,
            "when": a.when.to_string(),
            "responsible": model.person(a.responsible).name,
            "goal": a.goal.map(|g| (g + 1).to_string()),
        })).collect::<Vec<_>>(),
        "approved": plan.approved.map(|r| ctx.item_label(r)),
    })
}

fn report_data(ctx: &Ctx, id: ReportId) -> Value {
    let model = ctx.model;
    let report = &model.reports[id.index()];
    let plan = model.plan(report.plan);
    let group = model.body(report.group);
    let (contact, members) = group_people(ctx, group, plan.contact, Members::In(report.year));
    let fulfilment = |f: Fulfilment| match f {
        Fulfilment::Helt => ctx.s("fulfilment.helt"),
        Fulfilment::Delvis => ctx.s("fulfilment.delvis"),
        Fulfilment::Inte => ctx.s("fulfilment.inte"),
    };
    json!({
        "group": group.name,
        "year": report.year,
        "contact": contact,
        "members": members,
        "summary": report.summary.as_deref().map(to_blocks).unwrap_or(Value::Array(vec![])),
        "goals": report.goals.iter().map(|o| {
            let g = &plan.goals[o.goal];
            json!({
                "key": (o.goal + 1).to_string(),
                "text": g.text,
                "target": format::goal_value(g, g.target),
                "outcome": o.outcome.map(|v| format::goal_value(g, v)),
                "fulfilment": fulfilment(o.fulfilment),
                "level": match o.fulfilment { Fulfilment::Helt => "helt", Fulfilment::Delvis => "delvis", Fulfilment::Inte => "inte" },
                "why": o.why,
            })
        }).collect::<Vec<_>>(),
        "activities": report.activities.iter().map(|o| {
            let a = &plan.activities[o.activity];
            json!({ "key": (o.activity + 1).to_string(), "what": a.what, "done": o.done, "comment": o.comment })
        }).collect::<Vec<_>>(),
        "revisions": report.revisions.iter().map(|r| json!({ "date": r.date.to_string(), "what": r.what, "why": r.why })).collect::<Vec<_>>(),
        "areas": plan.areas.iter().map(|a| model.area(*a).title.clone()).collect::<Vec<_>>(),
        "areas_work": report.areas_work.as_deref().map(to_blocks),
        "meetings_held": report.meetings_held,
        "presented": report.presented.map(|r| ctx.item_label(r)),
    })
}

fn plan_document(ctx: &Ctx, id: PlanId) -> Document {
    let model = ctx.model;
    let plan = model.plan(id);
    let group = model.body(plan.group);
    let title = format!("{} {} – {}", ctx.s("group.plan"), plan.year, group.name);
    Document {
        template: "typst/plan.typ",
        data: json!({
            "meta": meta(ctx, &title, jiff::civil::Date::constant(plan.year as i16, 1, 1), vec![group.name.clone(), ctx.s("group.plan")]),
            "cooperation": model.site.cooperation,
            "marking": marking(ctx),
            "t": labels(ctx),
            "plan": plan_data(ctx, id),
        }),
        files: BTreeMap::new(),
        ident: format!("{}/plan-{}", group.slug, plan.year),
        standard: Standard::Archive,
    }
}

fn report_document(ctx: &Ctx, id: ReportId) -> Document {
    let model = ctx.model;
    let report = &model.reports[id.index()];
    let group = model.body(report.group);
    let title = format!("{} {} – {}", ctx.s("group.report"), report.year, group.name);
    Document {
        template: "typst/report.typ",
        data: json!({
            "meta": meta(ctx, &title, jiff::civil::Date::constant(report.year as i16, 12, 31), vec![group.name.clone(), ctx.s("group.report")]),
            "cooperation": model.site.cooperation,
            "marking": marking(ctx),
            "t": labels(ctx),
            "report": report_data(ctx, id),
        }),
        files: BTreeMap::new(),
        ident: format!("{}/report-{}", group.slug, report.year),
        standard: Standard::Archive,
    }
}

fn compilation(ctx: &Ctx, year: i32, reports: bool) -> Document {
    let model = ctx.model;
    let what = if reports { ctx.s("group.reports") } else { ctx.s("group.plans") };
    let title = format!("{what} {year} – {}", model.site.cooperation);
    let documents: Vec<Value> = if reports {
        (0..model.reports.len())
            .filter(|i| model.reports[*i].year == year)
            .map(|i| report_data(ctx, ReportId(i as u32)))
            .collect()
    } else {
        (0..model.plans.len())
            .filter(|i| model.plans[*i].year == year)
            .map(|i| plan_data(ctx, PlanId(i as u32)))
            .collect()
    };
    // The summary table: goal fulfilment per group (reports), or goals and areas (plans).
    let summary: Vec<Value> = if reports {
        model
            .reports
            .iter()
            .filter(|r| r.year == year)
            .map(|r| {
                let count = |f: Fulfilment| r.goals.iter().filter(|g| g.fulfilment == f).count();
                json!({
                    "group": model.body(r.group).name,
                    "goals": r.goals.len(),
                    "helt": count(Fulfilment::Helt),
                    "delvis": count(Fulfilment::Delvis),
                    "inte": count(Fulfilment::Inte),
                    "activities": r.activities.len(),
                    "done": r.activities.iter().filter(|a| a.done).count(),
                })
            })
            .collect()
    } else {
        model
            .plans
            .iter()
            .filter(|p| p.year == year)
            .map(|p| {
                json!({
                    "group": model.body(p.group).name,
                    "goals": p.goals.len(),
                    "activities": p.activities.len(),
                    "areas": p.areas.iter().map(|a| model.area(*a).title.clone()).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    // How the groups together serve the strategic plan's goals: for each plan of the year
    // (a report's own plan), whether its purposes name each goal.
    let plans: Vec<&Plan> = if reports {
        model.reports.iter().filter(|r| r.year == year).map(|r| model.plan(r.plan)).collect()
    } else {
        model.plans.iter().filter(|p| p.year == year).collect()
    };
    let goal_ids: Vec<GoalId> = (0..model.goals.len() as u32).map(GoalId).collect();
    let goal_matrix: Vec<Value> = plans
        .iter()
        .map(|plan| {
            json!({
                "group": model.body(plan.group).name,
                "serves": goal_ids.iter().map(|g| plan.purposes.iter().any(|p| p.goal == *g)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let goal_titles: Vec<String> = goal_ids
        .iter()
        .map(|g| {
            let goal = model.goal(*g);
            format!("{} {}: {}", ctx.s("pdf.goal"), goal.number, goal.title)
        })
        .collect();
    let date = if reports {
        jiff::civil::Date::constant(year as i16, 12, 31)
    } else {
        jiff::civil::Date::constant(year as i16, 1, 1)
    };
    Document {
        template: "typst/compilation.typ",
        data: json!({
            "meta": meta(ctx, &title, date, vec![what.clone(), model.site.cooperation.clone()]),
            "cooperation": model.site.cooperation,
            "marking": marking(ctx),
            "t": labels(ctx),
            "year": year,
            "reports": reports,
            "title": what,
            "summary": summary,
            "goal_titles": goal_titles,
            "goal_matrix": goal_matrix,
            "documents": documents,
        }),
        files: BTreeMap::new(),
        ident: format!("sammanstallning-{year}-{}", if reports { "berattelser" } else { "planer" }),
        standard: Standard::Archive,
    }
}

#[cfg(test)]
mod tests {
    use super::csv_rows;

    #[test]
    fn csv_fields_may_be_quoted_with_separators_quotes_and_line_breaks() {
        let text = "post;\"belopp; kr\"\r\n\"Sagt \"\"så\"\"\";\"1\n2\"\r\nsist;3";
        assert_eq!(csv_rows(text, ';'), [vec!["post", "belopp; kr"], vec!["Sagt \"så\"", "1\n2"], vec!["sist", "3"]]);
    }
}
