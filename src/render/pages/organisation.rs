//! Municipalities, people, the strategy and its goals, prioritised areas, and the working
//! groups' plans and reports.

use std::collections::{BTreeMap, BTreeSet};

use super::lists::facet_path;
use super::meetings::body_line;
use super::{Ctx, DECISIONS_SHOWN, Facet, PageOut};
use crate::model::*;
use crate::render::charts;
use crate::render::format;
use crate::render::markdown;
use crate::render::urls;
use crate::render::view::*;

/// (group, year) for every year a group has a plan or a report.
pub(super) fn group_years(model: &Model) -> Vec<(BodyId, i32)> {
    let set: BTreeSet<(BodyId, i32)> =
        model.plans.iter().map(|p| (p.group, p.year)).chain(model.reports.iter().map(|r| (r.group, r.year))).collect();
    set.into_iter().collect()
}

/// Every year some group has a plan.
pub(super) fn plan_years(model: &Model) -> Vec<i32> {
    let set: BTreeSet<i32> = model.plans.iter().map(|p| p.year).collect();
    set.into_iter().collect()
}

fn membership_text(ctx: &Ctx, id: MunicipalityId) -> String {
    match ctx.model.site.members.iter().find(|m| m.municipality == id) {
        Some(SiteMember { from: Some(from), until: None, .. }) => {
            format!("{} {}", ctx.s("municipality.member_since"), format::date_medium(*from))
        }
        Some(SiteMember { from, until: Some(until), .. }) => format!(
            "{} {}{}",
            ctx.s("municipality.member_until"),
            format::date_medium(*until),
            from.map(|f| format!(" ({} {})", ctx.s("period.since"), format::date_medium(f))).unwrap_or_default()
        ),
        Some(_) => ctx.s("municipality.member"),
        None => ctx.s("municipality.not_member"),
    }
}

/// Follow-up questions to a municipality: (owed, answered).
fn follow_ups(ctx: &Ctx, id: MunicipalityId) -> (Vec<OwedView>, Vec<OwedView>) {
    let model = ctx.model;
    let (mut owed, mut answered) = (Vec::new(), Vec::new());
    for (r, item) in model.items() {
        if !ctx.published(model.meeting(r.meeting)) {
            continue;
        }
        let Some(f) = &item.follow_up else { continue };
        if !f.municipalities.contains(&id) {
            continue;
        }
        let answer = f.answers.iter().find(|a| a.municipality == id);
        let view = OwedView {
            question: f.question.clone(),
            item: ctx.item_link(r),
            deadline: f.deadline.map(format::date_medium).unwrap_or_default(),
            late: answer.is_none() && f.deadline.is_some_and(|d| model.overdue(d)),
            answer: answer.map(|a| a.answer.clone()).unwrap_or_default(),
        };
        if answer.is_some() { answered.push(view) } else { owed.push(view) }
    }
    (owed, answered)
}

pub(super) fn municipalities(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let municipalities = (0..model.municipalities.len() as u32)
        .map(MunicipalityId)
        .map(|id| MunicipalityLine {
            link: Link::new(model.municipality(id).name.clone(), urls::municipality(model, id)),
            official_name: model.municipality(id).official_name.clone(),
            membership: membership_text(ctx, id),
            open_follow_ups: follow_ups(ctx, id).0.len(),
        })
        .collect();
    PageOut::new(
        urls::MUNICIPALITIES.into(),
        "municipalities.html",
        ctx.s("nav.kommuner"),
        "kommuner",
        MunicipalitiesPage { municipalities },
    )
}

fn commitments_of(ctx: &Ctx, filter: impl Fn(&Commitment) -> bool) -> Vec<CommitmentView> {
    let model = ctx.model;
    let mut out = Vec::new();
    for (i, area) in model.areas.iter().enumerate() {
        let area_id = AreaId(i as u32);
        for c in area.commitments.iter().filter(|c| filter(c)) {
            out.push(CommitmentView {
                area: Link::new(area.title.clone(), urls::area(model, area_id)),
                aalborg: c.aalborg.clone(),
                text: c.text.clone(),
                municipalities: c
                    .municipalities
                    .iter()
                    .map(|m| Link::new(model.municipality(*m).name.clone(), urls::municipality(model, *m)))
                    .collect(),
            });
        }
    }
    out
}

fn indicator_view(ctx: &Ctx, index: usize, only: Option<MunicipalityId>) -> IndicatorView {
    let model = ctx.model;
    let indicator = &model.indicators[index];
    let mut by_municipality: BTreeMap<MunicipalityId, Vec<(i32, f64)>> = BTreeMap::new();
    for v in &indicator.values {
        if only.is_none_or(|m| m == v.municipality) {
            by_municipality.entry(v.municipality).or_default().push((v.year, v.value));
        }
    }
    let series: Vec<charts::Series> = by_municipality
        .iter()
        .map(|(m, points)| charts::Series { label: model.municipality(*m).name.clone(), points: points.clone() })
        .collect();
    let chart_id = match only {
        Some(m) => format!("indikator-{}-{}", indicator.slug, model.municipality(m).slug),
        None => format!("indikator-{}", indicator.slug),
    };
    let (chart_svg, chart_alt) = charts::line_chart(&chart_id, &indicator.name, &indicator.unit, &series);
    let years: Vec<i32> = {
        let set: BTreeSet<i32> = by_municipality.values().flatten().map(|p| p.0).collect();
        set.into_iter().collect()
    };
    let rows = by_municipality
        .iter()
        .map(|(m, points)| {
            let cells = years
                .iter()
                .map(|y| points.iter().find(|p| p.0 == *y).map(|p| format::number(p.1)).unwrap_or_else(|| "–".into()))
                .collect();
            (model.municipality(*m).name.clone(), cells)
        })
        .collect();
    IndicatorView {
        name: indicator.name.clone(),
        unit: indicator.unit.clone(),
        description_html: indicator.description.as_deref().map(|d| markdown::to_html(d, 4)).unwrap_or_default(),
        source: indicator.source.clone().unwrap_or_default(),
        chart_svg,
        chart_alt,
        years,
        rows,
    }
}

pub(super) fn municipality(ctx: &Ctx, id: MunicipalityId) -> PageOut {
    let model = ctx.model;
    let municipality = model.municipality(id);
    let from_here = |p: PersonId| model.person(p).affiliation == Affiliation::Municipality(id);
    let today = model.today;
    let member = model.site.members.iter().any(|m| m.municipality == id && m.member_on(today));
    let mut representatives = Vec::new();
    let mut groups = Vec::new();
    for b in model.body_ids() {
        let body = model.body(b);
        let people: Vec<PersonLine> = body
            .members
            .iter()
            .filter(|m| from_here(m.person) && m.until.is_none_or(|u| u.last_day() >= today))
            .map(|m| ctx.person_line(m.person, Some(m.role)))
            .collect();
        // A member municipality has people in the deciding bodies: when the sources name
        // none, the page says so rather than leave the body out, which would read as none.
        let deciding = matches!(body.kind, BodyKind::Regionrad | BodyKind::Kommunchefsgrupp);
        if people.is_empty() && !(member && deciding) {
            continue;
        }
        if body.kind.is_group() {
            groups.push(ctx.body_link(b));
        }
        representatives.push((ctx.body_link(b), people));
    }
    let (owed, answered) = follow_ups(ctx, id);
    let assignments = ctx.assignment_views(Party::Municipality(id));
    let indicators = (0..model.indicators.len())
        .filter(|i| model.indicators[*i].values.iter().any(|v| v.municipality == id))
        .map(|i| indicator_view(ctx, i, Some(id)))
        .collect();
    // Its decisions' page, when there is one (the facet lists only values with decisions).
    let decisions = ctx.facets().get(&Some(Facet::Municipality(id))).map(|rows| {
        let label = ctx.s("municipality.decisions").replace("{name}", &municipality.name);
        Link::new(
            format!("{label} ({})", format::grouped(rows.len() as i64)),
            facet_path(ctx, Some(Facet::Municipality(id))),
        )
    });
    let feed_label = ctx.s("municipality.feed").replace("{name}", &municipality.name);
    let alternates = vec![Alternate {
        kind: "application/atom+xml",
        title: ctx.s("municipality.decisions").replace("{name}", &municipality.name),
        href: urls::municipality_feed(model, id),
    }];
    let page = MunicipalityPage {
        name: municipality.name.clone(),
        decisions,
        feed: Link::new(feed_label, urls::municipality_feed(model, id)),
        official_name: municipality.official_name.clone(),
        membership: membership_text(ctx, id),
        representatives,
        areas: commitments_of(ctx, |c| c.municipalities.contains(&id)),
        areas_listed: model.areas.iter().any(|a| a.commitments.iter().any(|c| !c.municipalities.is_empty())),
        groups,
        owed,
        answered,
        assignments,
        indicators,
        as_of: ctx.as_of("municipality.as_of"),
    };
    PageOut::new(
        urls::municipality(model, id),
        "municipality.html",
        municipality.official_name.clone(),
        "kommuner",
        page,
    )
    .crumbs(vec![Link::new(ctx.s("nav.kommuner"), urls::MUNICIPALITIES)])
    .alternates(alternates)
}

fn decided_text(ctx: &Ctx, body: BodyId, date: jiff::civil::Date) -> String {
    format!("{} {}", ctx.model.body(body).name, format::date_medium(date))
}

/// A goal's view; on the strategy overview (`overview`) without decision lists.
fn goal_page(ctx: &Ctx, id: GoalId, overview: bool) -> GoalPage {
    let model = ctx.model;
    let goal = model.goal(id);
    let facet = Some(Facet::Goal(id));
    let list: &[usize] = ctx.facets().get(&facet).map(Vec::as_slice).unwrap_or_default();
    let shown = if overview { 0 } else { DECISIONS_SHOWN };
    GoalPage {
        number: goal.number,
        title: goal.title.clone(),
        heading: goal.heading.clone().unwrap_or_else(|| goal.title.clone()),
        href: urls::goal(model, id),
        subgoals: goal
            .subgoals
            .iter()
            .map(|s| {
                let of_subgoal: Vec<usize> =
                    list.iter().copied().filter(|i| model.item(ctx.decisions[*i]).subgoals.contains(s)).collect();
                SubgoalView {
                    text: model.subgoal(*s).text.clone(),
                    count: of_subgoal.len(),
                    decisions: of_subgoal.iter().take(shown).map(|i| ctx.item_link(ctx.decisions[*i])).collect(),
                }
            })
            .collect(),
        bodies: model.body_ids().filter(|b| model.body(*b).goals.contains(&id)).map(|b| ctx.body_link(b)).collect(),
        decisions: list.iter().take(shown).map(|i| ctx.decision_rows()[*i].clone()).collect(),
        decisions_total: list.len(),
        decisions_href: facet_path(ctx, facet),
    }
}

pub(super) fn strategy(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let goals = (0..model.goals.len() as u32).map(|i| goal_page(ctx, GoalId(i), true)).collect();
    let page = match &model.strategy {
        Some(s) => StrategyPage {
            title: s.title.clone(),
            decided: decided_text(ctx, s.decided_by, s.decided),
            summary_html: s.summary.as_deref().map(|t| markdown::to_html(t, 2)).unwrap_or_default(),
            governance_html: s.governance.as_deref().map(|t| markdown::to_html(t, 3)).unwrap_or_default(),
            vision: ctx.vision(),
            goals,
        },
        None => StrategyPage {
            title: ctx.s("nav.strategi"),
            decided: String::new(),
            summary_html: String::new(),
            governance_html: String::new(),
            vision: None,
            goals,
        },
    };
    PageOut::new(urls::STRATEGY.into(), "strategy.html", ctx.s("nav.strategi"), "strategi", page)
}

pub(super) fn goal(ctx: &Ctx, id: GoalId) -> PageOut {
    let page = goal_page(ctx, id, false);
    let title = format!("{} {}: {}", ctx.s("strategy.goal"), page.number, page.title);
    PageOut::new(urls::goal(ctx.model, id), "goal.html", title, "strategi", page)
        .crumbs(vec![Link::new(ctx.s("nav.strategi"), urls::STRATEGY)])
}

/// An area's view; on the areas overview (`overview`) without indicators and decisions.
fn area_page(ctx: &Ctx, id: AreaId, overview: bool) -> AreaPage {
    let model = ctx.model;
    let mut groups: BTreeMap<BodyId, Vec<i32>> = BTreeMap::new();
    for plan in model.plans.iter().filter(|p| p.areas.contains(&id)) {
        groups.entry(plan.group).or_default().push(plan.year);
    }
    let facet = Some(Facet::Area(id));
    let list: &[usize] = ctx.facets().get(&facet).map(Vec::as_slice).unwrap_or_default();
    let shown = if overview { 0 } else { DECISIONS_SHOWN };
    let indicators = if overview {
        Vec::new()
    } else {
        (0..model.indicators.len())
            .filter(|i| model.indicators[*i].area == id)
            .map(|i| indicator_view(ctx, i, None))
            .collect()
    };
    AreaPage {
        title: model.area(id).title.clone(),
        href: urls::area(model, id),
        commitments: commitments_of(ctx, |c| model.area(id).commitments.iter().any(|x| std::ptr::eq(x, c))),
        indicators,
        groups: groups
            .into_iter()
            .map(|(g, years)| (ctx.body_link(g), years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")))
            .collect(),
        decisions: list.iter().take(shown).map(|i| ctx.decision_rows()[*i].clone()).collect(),
        decisions_total: list.len(),
        decisions_href: facet_path(ctx, facet),
    }
}

pub(super) fn areas(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let areas = (0..model.areas.len() as u32).map(|i| area_page(ctx, AreaId(i), true)).collect();
    let page = match &model.areas_info {
        Some(info) => AreasPage {
            title: info.title.clone(),
            decided: decided_text(ctx, info.decided_by, info.decided),
            background_html: info.background.as_deref().map(|t| markdown::to_html(t, 2)).unwrap_or_default(),
            annual_assignment_html: info
                .annual_assignment
                .as_deref()
                .map(|t| markdown::to_html(t, 3))
                .unwrap_or_default(),
            areas,
        },
        None => AreasPage {
            title: ctx.s("nav.omraden"),
            decided: String::new(),
            background_html: String::new(),
            annual_assignment_html: String::new(),
            areas,
        },
    };
    PageOut::new(urls::AREAS.into(), "areas.html", ctx.s("nav.omraden"), "strategi", page)
}

pub(super) fn area(ctx: &Ctx, id: AreaId) -> PageOut {
    let page = area_page(ctx, id, false);
    PageOut::new(urls::area(ctx.model, id), "area.html", page.title.clone(), "strategi", page)
        .crumbs(vec![Link::new(ctx.s("nav.omraden"), urls::AREAS)])
}

pub(super) fn groups(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let groups: Vec<BodyLine> =
        model.body_ids().filter(|b| model.body(*b).kind.is_group()).map(|b| body_line(ctx, b)).collect();
    let years = plan_years(model).into_iter().rev().map(|y| Link::new(y.to_string(), urls::follow_up(y))).collect();
    let with_meetings = groups.iter().any(|g| g.meetings > 0);
    PageOut::new(
        urls::GROUPS.into(),
        "groups.html",
        ctx.s("nav.arbetsgrupper"),
        "arbetsgrupper",
        GroupsPage { groups, years, with_meetings },
    )
}

fn fulfilment(ctx: &Ctx, f: Fulfilment) -> (&'static str, String) {
    match f {
        Fulfilment::Helt => ("helt", ctx.s("fulfilment.helt")),
        Fulfilment::Delvis => ("delvis", ctx.s("fulfilment.delvis")),
        Fulfilment::Inte => ("inte", ctx.s("fulfilment.inte")),
    }
}

pub(super) fn group_year(ctx: &Ctx, group: BodyId, year: i32) -> PageOut {
    let model = ctx.model;
    let body = model.body(group);
    let plan_id = model.plans.iter().position(|p| p.group == group && p.year == year).map(|i| PlanId(i as u32));
    let plan = plan_id.map(|id| model.plan(id));
    let report = model.reports.iter().find(|r| r.group == group && r.year == year);
    let in_year = |m: &Membership| m.active_in(year);
    let goals = plan
        .map(|p| {
            p.goals
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let outcome = report.and_then(|r| r.goals.iter().find(|o| o.goal == i));
                    let (f, label) = outcome.map(|o| fulfilment(ctx, o.fulfilment)).unwrap_or(("", String::new()));
                    GoalRow {
                        number: i + 1,
                        text: g.text.clone(),
                        measure: g.measure.clone().unwrap_or_default(),
                        baseline: g.baseline.map(|b| format::goal_value(g, b)).unwrap_or_default(),
                        target: format::goal_value(g, g.target),
                        deadline: format::date_medium(g.deadline),
                        outcome: outcome.and_then(|o| o.outcome).map(|v| format::goal_value(g, v)).unwrap_or_default(),
                        fulfilment: f,
                        fulfilment_label: label,
                        why: outcome.and_then(|o| o.why.clone()).unwrap_or_default(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let activities = plan
        .map(|p| {
            p.activities
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let outcome = report.and_then(|r| r.activities.iter().find(|o| o.activity == i));
                    ActivityRow {
                        what: a.what.clone(),
                        how: a.how.clone().unwrap_or_default(),
                        when: format::date_medium(a.when),
                        responsible: Some(ctx.person_line(a.responsible, None)),
                        goal: a.goal.map(|g| (g + 1).to_string()).unwrap_or_default(),
                        done: outcome.map(|o| o.done),
                        comment: outcome.and_then(|o| o.comment.clone()).unwrap_or_default(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let page = GroupYearPage {
        group: ctx.body_link(group),
        year,
        contact: plan.and_then(|p| p.contact).or(body.contact).map(|p| ctx.person_line(p, None)),
        members: body.members.iter().filter(|m| in_year(m)).map(|m| ctx.person_line(m.person, Some(m.role))).collect(),
        area: plan.and_then(|p| p.area.clone()).or(body.area.clone()).unwrap_or_default(),
        purposes: plan
            .map(|p| {
                p.purposes
                    .iter()
                    .map(|pu| {
                        (Link::new(model.goal(pu.goal).title.clone(), urls::goal(model, pu.goal)), pu.text.clone())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        areas: plan
            .map(|p| p.areas.iter().map(|a| Link::new(model.area(*a).title.clone(), urls::area(model, *a))).collect())
            .unwrap_or_default(),
        summary_html: plan.and_then(|p| p.summary.as_deref()).map(|t| markdown::to_html(t, 3)).unwrap_or_default(),
        goals,
        activities,
        has_report: report.is_some(),
        report_summary_html: report
            .and_then(|r| r.summary.as_deref())
            .map(|t| markdown::to_html(t, 3))
            .unwrap_or_default(),
        revisions: report
            .map(|r| r.revisions.iter().map(|x| (format::date_medium(x.date), x.what.clone(), x.why.clone())).collect())
            .unwrap_or_default(),
        areas_work_html: report
            .and_then(|r| r.areas_work.as_deref())
            .map(|t| markdown::to_html(t, 4))
            .unwrap_or_default(),
        meetings_held: report.and_then(|r| r.meetings_held).map(|n| n.to_string()).unwrap_or_default(),
        approved: plan.and_then(|p| p.approved).map(|r| ctx.item_link(r)),
        presented: report.and_then(|r| r.presented).map(|r| ctx.item_link(r)),
        plan_pdf: plan_id
            .filter(|_| ctx.pdfs)
            .map(|id| ctx.pdf_link(format!("{} {year}", ctx.s("group.plan")), urls::plan_pdf(model, id))),
        report_pdf: report
            .filter(|_| ctx.pdfs)
            .map(|_| ctx.pdf_link(format!("{} {year}", ctx.s("group.report")), urls::report_pdf(body, year))),
    };
    let title = format!("{} {year}", body.name);
    PageOut::new(urls::group_year(body, year), "group_year.html", title, "arbetsgrupper", page)
        .crumbs(vec![Link::new(ctx.s("nav.arbetsgrupper"), urls::GROUPS), ctx.body_link(group)])
}

pub(super) fn follow_up(ctx: &Ctx, year: i32) -> PageOut {
    let model = ctx.model;
    let rows = model
        .body_ids()
        .filter(|b| model.body(*b).kind.is_group())
        .filter_map(|b| {
            let plan = model.plans.iter().find(|p| p.group == b && p.year == year);
            let report = model.reports.iter().find(|r| r.group == b && r.year == year);
            if plan.is_none() && report.is_none() {
                return None;
            }
            let count = |f: Fulfilment| report.map_or(0, |r| r.goals.iter().filter(|g| g.fulfilment == f).count());
            Some(FollowUpRow {
                group: ctx.body_link(b),
                year_href: urls::group_year(model.body(b), year),
                plan: plan.is_some(),
                report: report.is_some(),
                goals: plan.map_or(0, |p| p.goals.len()),
                fully: count(Fulfilment::Helt),
                partly: count(Fulfilment::Delvis),
                not: count(Fulfilment::Inte),
                activities: plan.map_or(0, |p| p.activities.len()),
                done: report.map_or(0, |r| r.activities.iter().filter(|a| a.done).count()),
                areas: plan
                    .map(|p| {
                        p.areas.iter().map(|a| Link::new(model.area(*a).title.clone(), urls::area(model, *a))).collect()
                    })
                    .unwrap_or_default(),
                goals_served: plan
                    .map(|p| {
                        p.purposes
                            .iter()
                            .map(|pu| Link::new(model.goal(pu.goal).title.clone(), urls::goal(model, pu.goal)))
                            .collect()
                    })
                    .unwrap_or_default(),
                meetings_held: report.and_then(|r| r.meetings_held).map(|n| n.to_string()).unwrap_or_default(),
            })
        })
        .collect();
    let any_report = model.reports.iter().any(|r| r.year == year);
    let page = FollowUpPage {
        year,
        rows,
        plans_pdf: ctx
            .pdfs
            .then(|| ctx.pdf_link(format!("{} {year}", ctx.s("group.plans")), urls::compilation_pdf(year, false))),
        reports_pdf: (ctx.pdfs && any_report)
            .then(|| ctx.pdf_link(format!("{} {year}", ctx.s("group.reports")), urls::compilation_pdf(year, true))),
        other_years: plan_years(model)
            .into_iter()
            .filter(|y| *y != year)
            .rev()
            .map(|y| Link::new(y.to_string(), urls::follow_up(y)))
            .collect(),
    };
    let title = format!("{} {year}", ctx.s("group.follow_up"));
    PageOut::new(urls::follow_up(year), "follow_up.html", title, "arbetsgrupper", page)
        .crumbs(vec![Link::new(ctx.s("nav.arbetsgrupper"), urls::GROUPS)])
}

fn roles_of(ctx: &Ctx, id: PersonId) -> Vec<RoleRow> {
    let model = ctx.model;
    let mut rows = Vec::new();
    for b in model.body_ids() {
        for m in model.body(b).members.iter().filter(|m| m.person == id) {
            rows.push(RoleRow {
                body: ctx.body_link(b),
                role: m.role.name().to_string(),
                period: ctx.role_period(m),
                current: m.until.is_none_or(|u| u.last_day() >= model.today),
            });
        }
    }
    rows
}

pub(super) fn people(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let mut people: Vec<PersonSummary> = (0..model.people.len() as u32)
        .map(PersonId)
        .map(|id| {
            let person = model.person(id);
            PersonSummary {
                name: person.name.clone(),
                href: urls::person(model, id),
                affiliation: ctx.affiliation(person),
                title: person.title.clone().unwrap_or_default(),
                roles: roles_of(ctx, id)
                    .into_iter()
                    .filter(|r| r.current)
                    .map(|r| format!("{} i {}", r.role, r.body.label))
                    .collect(),
            }
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    PageOut::new(urls::PEOPLE.into(), "people.html", ctx.s("nav.personer"), "organ", PeoplePage { people })
}

pub(super) fn person(ctx: &Ctx, id: PersonId) -> PageOut {
    let model = ctx.model;
    let person = model.person(id);
    let affiliation = match person.affiliation {
        Affiliation::Municipality(m) => {
            Some(Link::new(model.municipality(m).official_name.clone(), urls::municipality(model, m)))
        }
        Affiliation::Body(b) => Some(ctx.body_link(b)),
        Affiliation::Unknown => None,
    };
    let record = ctx.person_record(id);
    let attended = record.attended.iter().rev().map(|m| ctx.meeting_summary(*m)).collect();
    let presented = record.presented.iter().map(|r| ctx.item_link(*r)).collect();
    let assignments = ctx.assignment_views(Party::Person(id));
    // The public edition has already removed contact details the source did not allow.
    let page = PersonPage {
        name: person.name.clone(),
        affiliation,
        title: person.title.clone().unwrap_or_default(),
        email: person.email.clone().unwrap_or_default(),
        phone: person.phone.clone().unwrap_or_default(),
        roles: roles_of(ctx, id),
        attended,
        presented,
        assignments,
    };
    PageOut::new(urls::person(model, id), "person.html", person.name.clone(), "organ", page)
        .crumbs(vec![Link::new(ctx.s("nav.personer"), urls::PEOPLE)])
}
