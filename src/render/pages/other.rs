//! The start page, search, the accessibility statement, open data and the 404 page.

use super::{Ctx, PageOut};
use crate::model::*;
use crate::render::data;
use crate::render::format;
use crate::render::urls;
use crate::render::view::*;

pub(super) fn start(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let upcoming: Vec<MeetingSummary> = model
        .meeting_ids()
        .filter(|m| ctx.published(model.meeting(*m)) && model.meeting(*m).date >= model.today)
        .take(5)
        .map(|m| ctx.meeting_summary(m))
        .collect();
    // Formalities ("Val av justerare") are decisions too, but not news.
    let latest =
        ctx.decisions.iter().filter(|r| !ctx.model.item(**r).formal).take(8).map(|r| ctx.decision_row(*r)).collect();
    let goals = model
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| GoalSummary {
            number: g.number,
            title: g.title.clone(),
            href: urls::goal(model, GoalId(i as u32)),
            subgoals: g.subgoals.iter().map(|s| model.subgoal(*s).text.clone()).collect(),
        })
        .collect();
    // The meetings the counts are "as of" (`start.as_of`): held, with a published record;
    // not the notices of coming meetings, nor cancelled ones (the data review found 26
    // where the records were 23).
    let meetings = ctx
        .meetings_of
        .values()
        .flatten()
        .map(|m| model.meeting(*m))
        .filter(|m| m.status == MeetingStatus::Publicerad && m.has_record(model.today))
        .count();
    let open = model
        .recorded_items()
        .filter(|(r, item)| ctx.published(model.meeting(r.meeting)) && item.secrecy.is_none())
        .flat_map(|(r, item)| item.assignments.iter().map(move |a| (r, a)))
        .filter(|(r, a)| model.assignment_status(*r, a) != AssignmentStatus::Done)
        .count();
    // "1 möte", "2 möten": each label in the number's form (`KEY_one`, `KEY_many`).
    let count = |key: &str, n: usize| {
        let form = if n == 1 { "one" } else { "many" };
        (ctx.s(&format!("start.{key}_{form}")), format::grouped(n as i64))
    };
    let counts = vec![
        count("count_meetings", meetings),
        count("count_decisions", ctx.decisions.len()),
        count("count_open", open),
    ];
    let page = StartPage {
        upcoming,
        latest,
        goals,
        vision: ctx.vision(),
        bodies: model.body_ids().filter(|b| !model.body(*b).kind.is_group()).map(|b| ctx.body_link(b)).collect(),
        counts,
        as_of: ctx.as_of("start.as_of"),
    };
    let alternates = vec![
        Alternate { kind: "application/atom+xml", title: ctx.s("feed.minutes"), href: urls::FEED.into() },
        Alternate { kind: "text/calendar", title: ctx.s("feed.all_meetings"), href: urls::ICAL.into() },
    ];
    PageOut::new(urls::START.into(), "start.html", model.site.title.clone(), "start", page).alternates(alternates)
}

pub(super) fn search(ctx: &Ctx) -> PageOut {
    PageOut::new(urls::SEARCH.into(), "search.html", ctx.s("nav.sok"), "sok", EmptyPage {})
}

pub(super) fn accessibility(ctx: &Ctx) -> PageOut {
    let a = &ctx.model.site.accessibility;
    let page = AccessibilityPage {
        cooperation: ctx.model.site.cooperation.clone(),
        compliance: a.compliance.clone(),
        known_problems: a.known_problems.clone(),
        method: a.method.clone(),
        assessed: format::date_medium(a.assessed),
        published: format::date_medium(a.published),
        contact_email: a.contact_email.clone(),
        contact_phone: a.contact_phone.clone().unwrap_or_default(),
        response_time: a.response_time.clone().unwrap_or_default(),
    };
    PageOut::new(urls::ACCESSIBILITY.into(), "accessibility.html", ctx.s("accessibility.title"), "", page)
}

pub(super) fn open_data(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    // Several files hold all decisions, so here each link names its format too ("Alla
    // beslut (CSV)"); elsewhere the format follows the link with the file's size.
    let file = |key: &str, href: &str, format: &str| {
        ctx.own_file_link(format!("{} ({format})", ctx.s(key)), href.into(), format)
    };
    let excel = ctx.s("data.excel");
    // Each table as CSV and for Excel, in this order; the decisions also as JSON.
    let tables = [
        ("data.decisions_csv", data::DECISIONS_CSV),
        ("data.assignments_csv", data::ASSIGNMENTS_CSV),
        ("data.economy_csv", data::ECONOMY_CSV),
        ("data.goals_csv", data::GOALS_CSV),
        ("data.activities_csv", data::ACTIVITIES_CSV),
        ("data.questions_csv", data::QUESTIONS_CSV),
        ("data.attendance_csv", data::ATTENDANCE_CSV),
    ];
    let mut files = Vec::new();
    for (key, path) in tables {
        let name = path.rsplit('/').next().unwrap_or(path);
        files.push(file(key, path, "CSV"));
        files.push(file(key, &format!("{}{name}", data::EXCEL_DIR), &excel));
        if path == data::DECISIONS_CSV {
            files.push(file("data.decisions_json", data::DECISIONS_JSON, "JSON"));
        }
    }
    let mut feeds = vec![Link::new(ctx.s("feed.minutes"), urls::FEED)];
    let mut calendars =
        vec![Link::new(ctx.s("feed.all_meetings"), urls::ICAL), Link::new(ctx.s("feed.periods"), urls::ICAL_PERIODS)];
    for b in ctx.meetings_of.keys() {
        let body = model.body(*b);
        feeds.push(Link::new(body.name.clone(), urls::body_feed(body)));
        calendars.push(Link::new(body.name.clone(), urls::body_ical(body)));
    }
    for i in 0..model.municipalities.len() {
        let id = MunicipalityId(i as u32);
        let label = ctx.s("municipality.decisions").replace("{name}", &model.municipality(id).name);
        feeds.push(Link::new(label, urls::municipality_feed(model, id)));
    }
    // The licence is elsewhere: its address is absolute, and `link` puts the root before it.
    let license = model.site.license.as_ref().map(|l| Link::new(l.name.clone(), l.url.clone()));
    let page = OpenDataPage { license, files, oparl_entry: "data/oparl/system.json".into(), feeds, calendars };
    PageOut::new(urls::OPEN_DATA.into(), "open_data.html", ctx.s("data.title"), "", page)
}

pub(super) fn not_found(ctx: &Ctx) -> PageOut {
    PageOut::new(urls::NOT_FOUND.into(), "404.html", ctx.s("not_found.title"), "", EmptyPage {})
}
