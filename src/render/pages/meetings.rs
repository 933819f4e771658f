//! Meeting pages, body pages, the list of bodies and the calendar.

use std::collections::BTreeMap;

use super::common::body_kind_key;
use super::{Ctx, PageOut};
use crate::model::*;
use crate::render::urls;
use crate::render::view::*;
use crate::render::{format, markdown};

pub(super) fn meeting(ctx: &Ctx, id: MeetingId) -> PageOut {
    let model = ctx.model;
    let meeting = model.meeting(id);
    let body = model.body(meeting.body);
    let summary = ctx.meeting_summary(id);
    let items = meeting
        .items
        .iter()
        .enumerate()
        .map(|(index, _)| item(ctx, ItemRef { meeting: id, index: index as u32 }))
        .collect();
    let siblings = ctx.meetings_of.get(&meeting.body).map(Vec::as_slice).unwrap_or_default();
    let position = siblings.iter().position(|m| *m == id);
    let neighbour = |offset: isize| {
        let i = position? as isize + offset;
        let other = *siblings.get(usize::try_from(i).ok()?)?;
        Some(Link::new(super::common::date_view(model.meeting(other).date).medium, ctx.meeting_href(other)))
    };
    let pdf = (ctx.pdfs && meeting.has_record(model.today))
        .then(|| ctx.pdf_link(format!("{} {}", summary.kind, summary.date.medium), urls::protocol_pdf(model, meeting)));
    // "Kallelse med bilagor" only when the packet holds attachments: the files of the items
    // it shows (as `pdf::documents::packet` takes them).
    let with_files = meeting
        .items
        .iter()
        .filter(|i| !(i.secrecy.is_some() && ctx.edition.redacts()))
        .flat_map(|i| &i.attachments)
        .any(|a| matches!(a.target, AttachmentTarget::File { .. }));
    // After the meeting the packet is the agenda with the attachments (see `packet`).
    let packet = (ctx.pdfs && crate::render::pdf::documents::has_packet(meeting)).then(|| {
        let label = ctx.s(match (meeting.has_record(model.today), with_files) {
            _ if meeting.cancelled.is_some() => "meeting.packet_cancelled",
            (false, true) => "meeting.packet",
            (false, false) => "meeting.packet_alone",
            (true, true) => "meeting.agenda",
            (true, false) => "meeting.agenda_alone",
        });
        ctx.pdf_link(format!("{label} {}", summary.date.medium), urls::packet_pdf(model, meeting))
    });
    let page = MeetingPage {
        letterhead: model.members_on(meeting.date).iter().map(|m| model.municipality(*m).name.clone()).collect(),
        attendees: meeting.attendees.iter().map(|a| ctx.attendance_line(a, meeting.kind)).collect(),
        participants: meeting.participants.iter().map(|a| ctx.attendance_line(a, meeting.kind)).collect(),
        absentees: meeting.absentees.iter().map(|p| ctx.person_line(*p, None)).collect(),
        chair: meeting.chair.map(|p| ctx.person_line(p, Some(Role::Ordforande))),
        secretary: meeting.secretary.map(|p| ctx.person_line(p, Some(Role::Sekreterare))),
        adjusters: meeting.adjusters.iter().map(|p| ctx.person_line(*p, None)).collect(),
        adjusted: meeting.adjusted.map(crate::render::format::date_medium).unwrap_or_default(),
        note_html: meeting.note.as_deref().map(|n| markdown::to_html(n, 3)).unwrap_or_default(),
        cancelled_notice: meeting
            .cancelled
            .as_ref()
            .map(|why| format!("{} {why}", ctx.s("meeting.cancelled_notice")).trim().to_string())
            .unwrap_or_default(),
        pending_notice: if meeting.record_pending(model.today) {
            ctx.pending_label(meeting.kind, "meeting.pending_notice")
        } else {
            String::new()
        },
        items,
        pdf,
        packet,
        previous: neighbour(-1),
        next: neighbour(1),
        referenced_by: model
            .meeting_referenced_by(id)
            .iter()
            .map(|r| ctx.target_ref(Target::Item(*r), None, false))
            .collect(),
        summary,
    };
    let title = format!("{} {}", body.name, page.summary.date.medium);
    let path = urls::meeting(model, meeting);
    PageOut::new(path, "meeting.html", title, "organ", page)
        .crumbs(vec![Link::new(ctx.s("nav.organ"), urls::BODIES), ctx.body_link(meeting.body)])
}

fn item(ctx: &Ctx, r: ItemRef) -> ItemView {
    let model = ctx.model;
    let item = model.item(r);
    let anchor = urls::item_anchor(item.number);
    let number = format::item_heading_number(model.meeting(r.meeting).kind, item.number);
    if item.secrecy.is_some() && ctx.edition.redacts() {
        return ItemView {
            number,
            anchor,
            title: String::new(),
            confidential: Some(model.site.confidential_notice.clone()),
            withdrawn: None,
            decision_html: String::new(),
            proposal_html: String::new(),
            presenter: None,
            description_html: String::new(),
            attachments: Vec::new(),
            assignments: Vec::new(),
            money: Vec::new(),
            references: Vec::new(),
            referenced_by: Vec::new(),
            periods: Vec::new(),
            follow_up: None,
            goals: Vec::new(),
            areas: Vec::new(),
            matters: Vec::new(),
        };
    }
    let presenter = item.presenter.as_ref().map(|p| match p {
        Presenter::Person(id) => ctx.person_line(*id, None),
        Presenter::Guest { name, organisation } => PersonLine {
            name: name.clone(),
            href: String::new(),
            affiliation: organisation.clone().unwrap_or_default(),
            role: String::new(),
            partial: String::new(),
        },
    });
    let attachments = item
        .attachments
        .iter()
        .map(|a| {
            // Only the internal edition still has confidential attachments.
            let confidential = ctx.confidential(a.secrecy.as_deref());
            match &a.target {
                AttachmentTarget::File { path, size } => AttachmentView {
                    title: a.title.clone(),
                    href: urls::attachment_href(path),
                    kind: file_kind(path),
                    size: crate::render::format::file_size(*size),
                    confidential,
                },
                AttachmentTarget::Meeting(m) => AttachmentView {
                    title: a.title.clone(),
                    href: ctx.meeting_href(*m),
                    kind: ctx.kind_label(model.meeting(*m).kind),
                    size: String::new(),
                    confidential,
                },
                AttachmentTarget::None => AttachmentView {
                    title: a.title.clone(),
                    href: String::new(),
                    kind: String::new(),
                    size: String::new(),
                    confidential,
                },
            }
        })
        .chain((item.withheld > 0).then(|| AttachmentView {
            title: ctx.withheld(item.withheld),
            href: String::new(),
            kind: String::new(),
            size: String::new(),
            confidential: String::new(),
        }))
        .collect();
    let follow_up = item.follow_up.as_ref().map(|f| FollowUpView {
        question: f.question.clone(),
        deadline: f.deadline.map(crate::render::format::date_medium).unwrap_or_default(),
        respond_to: f.respond_to.map(|p| Link::new(model.person(p).name.clone(), urls::person(model, p))),
        answers: f
            .answers
            .iter()
            .map(|a| AnswerView {
                municipality: Link::new(
                    model.municipality(a.municipality).name.clone(),
                    urls::municipality(model, a.municipality),
                ),
                answer: a.answer.clone(),
                date: a.date.map(crate::render::format::date_medium).unwrap_or_default(),
            })
            .collect(),
        missing: f
            .municipalities
            .iter()
            .filter(|m| !f.answers.iter().any(|a| a.municipality == **m))
            .map(|m| Link::new(model.municipality(*m).name.clone(), urls::municipality(model, *m)))
            .collect(),
    });
    ItemView {
        number,
        anchor,
        title: item.title.clone(),
        confidential: Some(ctx.confidential(item.secrecy.as_deref())).filter(|c| !c.is_empty()),
        withdrawn: item.withdrawn.clone(),
        decision_html: item.decision.as_deref().map(|d| markdown::to_html(d, 4)).unwrap_or_default(),
        proposal_html: item.proposal.as_deref().map(|p| markdown::to_html(p, 4)).unwrap_or_default(),
        presenter,
        description_html: item.description.as_deref().map(|d| markdown::to_html(d, 4)).unwrap_or_default(),
        attachments,
        assignments: item.assignments.iter().map(|a| ctx.assignment_view(r, a)).collect(),
        money: item.money.iter().map(|m| ctx.money_view(m)).collect(),
        references: item.references.iter().map(|x| ctx.target_ref(x.target, x.note.as_deref(), x.completes)).collect(),
        referenced_by: model
            .item_referenced_by(r)
            .iter()
            .map(|x| ctx.target_ref(Target::Item(*x), None, false))
            .collect(),
        periods: item
            .periods
            .iter()
            .map(|p| PeriodView {
                what: p.what.clone(),
                when: format::period(p.from, p.until),
                from_iso: p.from.to_string(),
            })
            .collect(),
        follow_up,
        goals: item.goals.iter().map(|g| Link::new(model.goal(*g).title.clone(), urls::goal(model, *g))).collect(),
        areas: item.areas.iter().map(|a| Link::new(model.area(*a).title.clone(), urls::area(model, *a))).collect(),
        matters: match ctx.matter_of.get(&r).map(Vec::as_slice).unwrap_or_default() {
            [one] => vec![Link::new(ctx.s("matter.follow"), urls::matter(&ctx.matters[*one].key))],
            // A step of several matters: each by its title.
            several => several
                .iter()
                .map(|i| {
                    let matter = &ctx.matters[*i];
                    Link::new(super::lists::matter_title(ctx, matter), urls::matter(&matter.key))
                })
                .collect(),
        },
    }
}

/// "PDF", "CSV", "DOCX" … from a file name.
pub(super) fn file_kind(path: &str) -> String {
    path.rsplit_once('.').map(|(_, ext)| ext.to_uppercase()).unwrap_or_default()
}

pub(super) fn body(ctx: &Ctx, id: BodyId) -> PageOut {
    let model = ctx.model;
    let body = model.body(id);
    let today = model.today;
    let member_row =
        |m: &Membership| MemberRow { person: ctx.person_line(m.person, Some(m.role)), period: ctx.role_period(m) };
    let members: Vec<MemberRow> =
        body.members.iter().filter(|m| m.until.is_none_or(|u| u.last_day() >= today)).map(member_row).collect();
    let former_members =
        body.members.iter().filter(|m| m.until.is_some_and(|u| u.last_day() < today)).map(member_row).collect();
    let mut by_year: BTreeMap<i32, Vec<MeetingSummary>> = BTreeMap::new();
    for m in ctx.meetings_of.get(&id).into_iter().flatten() {
        by_year.entry(i32::from(model.meeting(*m).date.year())).or_default().push(ctx.meeting_summary(*m));
    }
    let meetings = by_year.into_iter().rev().map(|(year, mut meetings)| {
        meetings.reverse();
        YearMeetings { year, meetings }
    });
    let mut years: BTreeMap<i32, (bool, bool)> = BTreeMap::new();
    for p in model.plans.iter().filter(|p| p.group == id) {
        years.entry(p.year).or_default().0 = true;
    }
    for r in model.reports.iter().filter(|r| r.group == id) {
        years.entry(r.year).or_default().1 = true;
    }
    let has_meetings = crate::render::feeds::body_has_meetings(model, id);
    // "Regionråd" above "Regionrådet" reads as a typo: the kind only when the name does
    // not already say it.
    let kind = ctx.s(body_kind_key(body.kind));
    let kind = if body.name.to_lowercase().starts_with(&kind.to_lowercase()) { String::new() } else { kind };
    let page = BodyPage {
        name: body.name.clone(),
        kind,
        description_html: body.description.as_deref().map(|d| markdown::to_html(d, 3)).unwrap_or_default(),
        area: body.area.clone().unwrap_or_default(),
        purpose: body.purpose.clone().unwrap_or_default(),
        contact: body.contact.map(|p| ctx.person_line(p, None)),
        period: if body.start.is_some() || body.end.is_some() {
            ctx.period_text(body.start, body.end)
        } else {
            String::new()
        },
        financing: body.financing.clone().unwrap_or_default(),
        goals: body.goals.iter().map(|g| Link::new(model.goal(*g).title.clone(), urls::goal(model, *g))).collect(),
        members,
        former_members,
        assignments: ctx.assignment_views(Party::Body(id)),
        meetings: meetings.collect(),
        years: years
            .into_iter()
            .rev()
            .map(|(year, (plan, report))| GroupYearLink { year, href: urls::group_year(body, year), plan, report })
            .collect(),
        feed: if has_meetings { urls::body_feed(body) } else { String::new() },
        calendar: if has_meetings { urls::body_ical(body) } else { String::new() },
    };
    let section = if body.kind.is_group() { "arbetsgrupper" } else { "organ" };
    let parent = if body.kind.is_group() {
        Link::new(ctx.s("nav.arbetsgrupper"), urls::GROUPS)
    } else {
        Link::new(ctx.s("nav.organ"), urls::BODIES)
    };
    let alternates = if has_meetings {
        vec![
            Alternate {
                kind: "application/atom+xml",
                title: format!("{} – {}", body.name, ctx.s("feed.minutes")),
                href: urls::body_feed(body),
            },
            Alternate {
                kind: "text/calendar",
                title: format!("{} – {}", body.name, ctx.s("feed.calendar")),
                href: urls::body_ical(body),
            },
        ]
    } else {
        Vec::new()
    };
    PageOut::new(urls::body(body), "body.html", body.name.clone(), section, page)
        .crumbs(vec![parent])
        .alternates(alternates)
}

pub(super) fn body_line(ctx: &Ctx, id: BodyId) -> BodyLine {
    let body = ctx.model.body(id);
    BodyLine {
        link: ctx.body_link(id),
        kind: ctx.s(body_kind_key(body.kind)),
        area: body.area.clone().unwrap_or_default(),
        goals: body
            .goals
            .iter()
            .map(|g| Link::new(ctx.model.goal(*g).title.clone(), urls::goal(ctx.model, *g)))
            .collect(),
        meetings: ctx.meetings_of.get(&id).map_or(0, Vec::len),
    }
}

pub(super) fn bodies(ctx: &Ctx) -> PageOut {
    let central =
        ctx.model.body_ids().filter(|b| !ctx.model.body(*b).kind.is_group()).map(|b| body_line(ctx, b)).collect();
    PageOut::new(urls::BODIES.into(), "bodies.html", ctx.s("nav.organ"), "organ", BodiesPage { central })
}

pub(super) fn calendar(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let today = model.today;
    let mut upcoming = Vec::new();
    let mut past: BTreeMap<i32, Vec<MeetingSummary>> = BTreeMap::new();
    for id in model.meeting_ids() {
        let meeting = model.meeting(id);
        if !ctx.published(meeting) {
            continue;
        }
        if meeting.date >= today {
            upcoming.push(ctx.meeting_summary(id));
        } else {
            past.entry(i32::from(meeting.date.year())).or_default().push(ctx.meeting_summary(id));
        }
    }
    let past = past
        .into_iter()
        .rev()
        .map(|(year, mut meetings)| {
            meetings.reverse();
            YearMeetings { year, meetings }
        })
        .collect();
    let periods = model.mentioned_periods(|m| ctx.published(m));
    let mut events: Vec<EventView> = periods
        .iter()
        .map(|p| {
            let period = p.period;
            let moved = p.moved_to.map(|to| {
                let to = periods[to].period;
                format!("{} {}", ctx.s("calendar.moved"), format::period(to.from, to.until))
            });
            EventView {
                what: period.what.clone(),
                when: format::period(period.from, period.until),
                from_iso: period.from.to_string(),
                moved,
                items: p.mentions.iter().map(|r| ctx.item_link(*r)).collect(),
            }
        })
        .collect();
    events.sort_by(|a, b| b.from_iso.cmp(&a.from_iso));
    let mut calendars =
        vec![Link::new(ctx.s("feed.all_meetings"), urls::ICAL), Link::new(ctx.s("feed.periods"), urls::ICAL_PERIODS)];
    calendars.extend(
        ctx.meetings_of.keys().map(|b| Link::new(model.body(*b).name.clone(), urls::body_ical(model.body(*b)))),
    );
    let alternates =
        vec![Alternate { kind: "text/calendar", title: ctx.s("feed.all_meetings"), href: urls::ICAL.into() }];
    PageOut::new(
        urls::CALENDAR.into(),
        "calendar.html",
        ctx.s("nav.kalender"),
        "kalender",
        CalendarPage { upcoming, past, events, calendars },
    )
    .alternates(alternates)
}
