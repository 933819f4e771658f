//! Working groups' yearly plans (Mall 1) and reports (Mall 2), and indicators.

use std::collections::{HashMap, HashSet};

use super::context::{Ctx, Named};
use super::err;
use super::types::*;
use super::values::{check_id, date, opt_text, text};
use crate::diag::{Diagnostic, FileId, Location};
use crate::load::raw::*;
use crate::load::{LoadedIndicator, LoadedYearly};

/// The group a plan or report belongs to: its folder must be a working group's.
fn group(ctx: &mut Ctx<'_>, folder: &str, file: FileId, bodies: &[Body]) -> Option<BodyId> {
    match ctx.t.names.get(folder).map(|d| d.named) {
        Some(Named::Body(id)) if bodies.get(id.index()).is_some_and(|b| b.kind.is_group()) => Some(id),
        // The group's file has errors (its kind may be what they lost); they are reported
        // there.
        _ if ctx.t.faulty.bodies.contains(folder) => None,
        Some(Named::Body(_)) => {
            ctx.push(
                err(format!("\"{folder}\" är inte en arbetsgrupp, ett nätverk eller ett projekt"))
                    .at(Location::file(file))
                    .with_hint("verksamhetsplaner och -berättelser hör till grupper i content/groups/"),
            );
            None
        }
        _ => {
            ctx.push(
                err(format!("okänd grupp \"{folder}\" (mappens namn)"))
                    .at(Location::file(file))
                    .with_hint(format!("lägg till content/groups/{folder}/group.toml som beskriver gruppen")),
            );
            None
        }
    }
}

pub(super) fn plans(ctx: &mut Ctx<'_>, loaded: &[LoadedYearly<RawPlan>], bodies: &[Body]) -> Vec<Plan> {
    let mut plans = Vec::new();
    for l in loaded {
        let file = l.parsed.file;
        let raw = &l.parsed.value;
        let Some(group_id) = group(ctx, &l.group, file, bodies) else { continue };
        let purposes: Vec<Purpose> = raw
            .purpose
            .iter()
            .filter_map(|p| Some(Purpose { goal: ctx.goal(file, &p.goal)?, text: text(&p.text) }))
            .collect();
        if raw.purpose.is_empty() {
            ctx.push(
                err(format!("verksamhetsplanen {} tjänar inget övergripande mål", l.year))
                    .at(Location::file(file))
                    .with_hint(
                        "lägg till minst ett [[purpose]] med goal = \"…\" och text = \"Genom … bidrar vi till …\"",
                    ),
            );
        }
        let areas: Vec<AreaId> = raw.areas.iter().filter_map(|a| ctx.area(file, a)).collect();
        if raw.areas.is_empty() {
            ctx.push(
                err(format!("verksamhetsplanen {} väljer inget prioriterat område", l.year))
                    .at(Location::file(file))
                    .with_hint(
                        "lägg till areas = [\"…\"] med minst ett område från Bilaga 1 (content/strategy/areas.toml)",
                    ),
            );
        }

        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut goals = Vec::new();
        for g in &raw.goal {
            if !check_id(file, &g.id, &mut ctx.diagnostics)
                || !unique_key(ctx, file, &mut keys, &g.id.value, &g.id.span, goals.len(), "målet")
            {
                continue;
            }
            let at = Location::new(file, g.id.span.clone());
            let target = match &g.target {
                Some(t) => t.value.0,
                None => {
                    ctx.push(
                        err(format!("målet \"{}\" är inte mätbart: `target` saknas", g.id.value))
                            .at(at.clone())
                            .with_label("mål utan målvärde")
                            .with_hint("ange target (målvärdet), gärna med baseline (utgångsläget) och unit"),
                    );
                    0.0
                }
            };
            let deadline = match &g.deadline {
                Some(d) => date(file, d, &mut ctx.diagnostics),
                None => {
                    ctx.push(
                        err(format!("målet \"{}\" är inte tidsatt: `deadline` saknas", g.id.value))
                            .at(at)
                            .with_label("mål utan datum")
                            .with_hint(format!("ange deadline = {}-10-31 (dagen då målet ska vara nått)", l.year)),
                    );
                    None
                }
            };
            if g.unit_one.is_none()
                && let Some(unit) = &g.unit
                && let Some(one) = [&g.baseline, &g.target].into_iter().flatten().find(|v| v.value.0 == 1.0)
            {
                one_in_plural(ctx, file, one.span.clone(), &unit.value, "unit_one");
            }
            goals.push(PlanGoal {
                key: g.id.value.clone(),
                text: text(&g.text),
                measure: opt_text(&g.measure),
                baseline: g.baseline.as_ref().map(|b| b.value.0),
                target,
                unit: opt_text(&g.unit),
                unit_one: opt_text(&g.unit_one),
                deadline: deadline.unwrap_or_else(|| jiff::civil::Date::constant(2000, 1, 1)),
            });
        }

        let mut activity_keys: HashMap<String, usize> = HashMap::new();
        let mut activities = Vec::new();
        for a in &raw.activity {
            if !check_id(file, &a.id, &mut ctx.diagnostics)
                || !unique_key(ctx, file, &mut activity_keys, &a.id.value, &a.id.span, activities.len(), "aktiviteten")
            {
                continue;
            }
            let at = Location::new(file, a.id.span.clone());
            let responsible = match &a.responsible {
                Some(p) => ctx.person(file, p),
                None => {
                    ctx.push(
                        err(format!("aktiviteten \"{}\" har ingen ansvarig", a.id.value))
                            .at(at.clone())
                            .with_label("vem ser till att det blir gjort?")
                            .with_hint("ange responsible = \"person-id\""),
                    );
                    None
                }
            };
            let when = match &a.when {
                Some(d) => date(file, d, &mut ctx.diagnostics),
                None => {
                    ctx.push(
                        err(format!("aktiviteten \"{}\" har inget datum", a.id.value))
                            .at(at)
                            .with_label("när ska den vara genomförd?")
                            .with_hint(format!(
                                "ange when = {}-06-30 (dagen då aktiviteten ska vara genomförd)",
                                l.year
                            )),
                    );
                    None
                }
            };
            let goal = a.goal.as_ref().and_then(|g| match keys.get(&g.value) {
                Some(&index) => Some(index),
                // The goal may be what the plan's errors lost.
                None if ctx.t.faulty.files.contains(&file) => None,
                None => {
                    let known: Vec<&str> = goals.iter().map(|g: &PlanGoal| g.key.as_str()).collect();
                    ctx.push(
                        err(format!("målet \"{}\" finns inte i planen", g.value))
                            .at(Location::new(file, g.span.clone()))
                            .with_label("inget [[goal]] med detta id")
                            .with_hint(format!("planens mål är {}", super::context::list(&known))),
                    );
                    None
                }
            });
            activities.push(Activity {
                key: a.id.value.clone(),
                what: text(&a.what),
                how: opt_text(&a.how),
                when: when.unwrap_or_else(|| jiff::civil::Date::constant(2000, 1, 1)),
                responsible: responsible.unwrap_or(PersonId(0)),
                goal,
            });
        }
        let approved = raw.approved.as_ref().and_then(|r| item_target(ctx, file, r));
        plans.push(Plan {
            group: group_id,
            year: l.year,
            contact: raw.contact.as_ref().and_then(|c| ctx.person(file, c)),
            area: opt_text(&raw.area),
            purposes,
            areas,
            summary: opt_text(&raw.summary),
            goals,
            activities,
            approved,
            file,
        });
    }
    plans.sort_by_key(|a| (a.group, a.year));
    plans
}

/// Registers a key local to a plan; a second use is an error.
fn unique_key(
    ctx: &mut Ctx<'_>,
    file: FileId,
    keys: &mut HashMap<String, usize>,
    key: &str,
    span: &std::ops::Range<usize>,
    index: usize,
    what: &str,
) -> bool {
    if keys.contains_key(key) {
        ctx.push(
            err(format!("{what} \"{key}\" finns redan i planen"))
                .at(Location::new(file, span.clone()))
                .with_label("dubblett")
                .with_hint("varje mål och varje aktivitet har ett eget id"),
        );
        return false;
    }
    keys.insert(key.to_string(), index);
    true
}

fn item_target(ctx: &mut Ctx<'_>, file: FileId, written: &crate::load::spanned::Spanned<String>) -> Option<ItemRef> {
    match ctx.target(file, written, None)? {
        Target::Item(item) => Some(item),
        Target::Meeting(_) => {
            ctx.push(
                err(format!("väntade ett ärende, fick ett möte \"{}\"", written.value))
                    .at(Location::new(file, written.span.clone()))
                    .with_label("#nummer saknas")
                    .with_hint("hänvisa till ärendet, t.ex. \"kommunchefsgruppen/2013-01-23#5\""),
            );
            None
        }
    }
}

pub(super) fn reports(
    ctx: &mut Ctx<'_>,
    loaded: &[LoadedYearly<RawReport>],
    plans: &[Plan],
    bodies: &[Body],
) -> Vec<Report> {
    let mut reports = Vec::new();
    for l in loaded {
        let file = l.parsed.file;
        let raw = &l.parsed.value;
        let Some(group_id) = group(ctx, &l.group, file, bodies) else { continue };
        // A plan whose file has errors may be missing or lack goals and activities; the
        // report is checked against it once it reads whole.
        if ctx.t.faulty.plans.contains(&(l.group.clone(), l.year)) {
            continue;
        }
        let Some(plan_index) = plans.iter().position(|p| p.group == group_id && p.year == l.year) else {
            ctx.push(
                err(format!("verksamhetsberättelse {} utan verksamhetsplan", l.year))
                    .at(Location::file(file))
                    .with_hint(format!(
                        "berättelsen redovisar planens mål och aktiviteter; lägg till content/groups/{}/plan-{}.toml",
                        l.group, l.year
                    )),
            );
            continue;
        };
        let plan = &plans[plan_index];

        let mut goals = Vec::new();
        let mut seen_goals = HashSet::new();
        for g in &raw.goal {
            let Some(index) = plan.goals.iter().position(|pg| pg.key == g.goal.value) else {
                let known: Vec<&str> = plan.goals.iter().map(|g| g.key.as_str()).collect();
                ctx.push(
                    err(format!("målet \"{}\" finns inte i verksamhetsplanen {}", g.goal.value, l.year))
                        .at(Location::new(file, g.goal.span.clone()))
                        .with_label("okänt mål")
                        .with_hint(format!("planens mål är {}", super::context::list(&known))),
                );
                continue;
            };
            if !seen_goals.insert(index) {
                ctx.push(
                    err(format!("målet \"{}\" redovisas redan", g.goal.value))
                        .at(Location::new(file, g.goal.span.clone()))
                        .with_label("dubblett")
                        .with_hint("redovisa varje mål en gång"),
                );
                continue;
            }
            let planned = &plan.goals[index];
            if planned.unit_one.is_none()
                && let (Some(unit), Some(one)) = (&planned.unit, g.outcome.as_ref().filter(|o| o.value.0 == 1.0))
            {
                one_in_plural(ctx, file, one.span.clone(), unit, "unit_one i planens mål");
            }
            goals.push(GoalOutcome {
                goal: index,
                fulfilment: g.fulfilment.value,
                outcome: g.outcome.as_ref().map(|o| o.value.0),
                why: opt_text(&g.why),
            });
        }
        for (index, goal) in plan.goals.iter().enumerate() {
            if !seen_goals.contains(&index) {
                ctx.push(
                    err(format!("verksamhetsberättelsen redovisar inte målet \"{}\" i planen", goal.key))
                        .at(Location::file(file))
                        .with_hint(format!(
                            "lägg till [[goal]] med goal = \"{}\", fulfilment = \"helt\", \"delvis\" eller \"inte\" och why",
                            goal.key
                        )),
                );
            }
        }

        let mut activities = Vec::new();
        let mut seen_activities = HashSet::new();
        for a in &raw.activity {
            let Some(index) = plan.activities.iter().position(|pa| pa.key == a.activity.value) else {
                let known: Vec<&str> = plan.activities.iter().map(|a| a.key.as_str()).collect();
                ctx.push(
                    err(format!("aktiviteten \"{}\" finns inte i verksamhetsplanen {}", a.activity.value, l.year))
                        .at(Location::new(file, a.activity.span.clone()))
                        .with_label("okänd aktivitet")
                        .with_hint(format!("planens aktiviteter är {}", super::context::list(&known))),
                );
                continue;
            };
            if !seen_activities.insert(index) {
                ctx.push(
                    err(format!("aktiviteten \"{}\" redovisas redan", a.activity.value))
                        .at(Location::new(file, a.activity.span.clone()))
                        .with_label("dubblett")
                        .with_hint("redovisa varje aktivitet en gång"),
                );
                continue;
            }
            activities.push(ActivityOutcome { activity: index, done: a.done.value, comment: opt_text(&a.comment) });
        }
        for (index, activity) in plan.activities.iter().enumerate() {
            if !seen_activities.contains(&index) {
                ctx.push(
                    err(format!("verksamhetsberättelsen redovisar inte aktiviteten \"{}\" i planen", activity.key))
                        .at(Location::file(file))
                        .with_hint(format!(
                            "lägg till [[activity]] med activity = \"{}\" och done = true eller false",
                            activity.key
                        )),
                );
            }
        }

        let revisions = raw
            .revision
            .iter()
            .filter_map(|r| {
                Some(Revision {
                    date: date(file, &r.date, &mut ctx.diagnostics)?,
                    what: text(&r.what),
                    why: text(&r.why),
                })
            })
            .collect();
        let meetings_held = raw.meetings_held.as_ref().and_then(|m| match u32::try_from(m.value) {
            Ok(n) => Some(n),
            Err(_) => {
                ctx.push(
                    err(format!("ogiltigt antal träffar {}", m.value))
                        .at(Location::new(file, m.span.clone()))
                        .with_label("väntade ett heltal, noll eller mer")
                        .with_hint("ange antalet träffar under året"),
                );
                None
            }
        });
        let presented = raw.presented.as_ref().and_then(|r| item_target(ctx, file, r));
        reports.push(Report {
            group: group_id,
            year: l.year,
            plan: PlanId(plan_index as u32),
            summary: opt_text(&raw.summary),
            goals,
            activities,
            revisions,
            areas_work: opt_text(&raw.areas_work),
            meetings_held,
            presented,
            file,
        });
    }
    reports.sort_by_key(|a| (a.group, a.year));
    reports
}

pub(super) fn indicators(ctx: &mut Ctx<'_>, loaded: &[LoadedIndicator]) -> Vec<Indicator> {
    let mut out = Vec::new();
    for l in loaded {
        let file = l.parsed.file;
        let raw = &l.parsed.value;
        if !super::values::is_valid_id(&l.id) {
            ctx.push(
                err(format!("ogiltigt id \"{}\" (filens namn)", l.id))
                    .at(Location::file(file))
                    .with_hint(format!("döp om filen till \"{}.toml\"", super::values::suggest_id(&l.id))),
            );
            continue;
        }
        let Some(area) = ctx.area(file, &raw.area) else { continue };
        let mut seen = HashSet::new();
        let mut values = Vec::new();
        for v in &raw.value {
            let Some(municipality) = ctx.municipality(file, &v.municipality) else { continue };
            let year = match i32::try_from(v.year.value).ok().filter(|y| (1900..=2999).contains(y)) {
                Some(y) => y,
                None => {
                    ctx.push(
                        err(format!("ogiltigt år {}", v.year.value))
                            .at(Location::new(file, v.year.span.clone()))
                            .with_label("väntade ett årtal")
                            .with_hint("skriv året med fyra siffror, t.ex. 2012"),
                    );
                    continue;
                }
            };
            if !seen.insert((municipality, year)) {
                ctx.push(
                    Diagnostic::error(format!("värdet för \"{}\" {year} finns redan", v.municipality.value))
                        .at(Location::new(file, v.year.span.clone()))
                        .with_label("dubblett")
                        .with_hint("en kommun har ett värde per år"),
                );
                continue;
            }
            if !v.value.value.0.is_finite() {
                ctx.push(
                    err("värdet är inte ett ändligt tal")
                        .at(Location::new(file, v.value.span.clone()))
                        .with_label("inf eller nan")
                        .with_hint("skriv ett vanligt tal, t.ex. 12.5"),
                );
                continue;
            }
            values.push(IndicatorValue { municipality, year, value: v.value.value.0 });
        }
        values.sort_by_key(|a| (a.municipality, a.year));
        out.push(Indicator {
            slug: l.id.clone(),
            name: text(&raw.name),
            area,
            unit: text(&raw.unit),
            description: opt_text(&raw.description),
            source: opt_text(&raw.source),
            values,
        });
    }
    out
}

/// A warning for the value 1 of a goal whose unit is a plural with no singular given
/// ("1 dagar"): `unit_one` ("dag") is what the site writes after 1. A unit whose first
/// word does not end as a Swedish plural does ("st", "procent", "barn", "besök"), and
/// neither do the units of measure in -meter and -liter.
fn one_in_plural(ctx: &mut Ctx<'_>, file: FileId, span: std::ops::Range<usize>, unit: &str, key: &str) {
    let word = unit.split_whitespace().next().unwrap_or_default();
    let plural = word.chars().count() >= 5
        && ["ar", "er", "or"].iter().any(|end| word.ends_with(end))
        && !word.ends_with("meter")
        && !word.ends_with("liter");
    if plural {
        ctx.push(
            Diagnostic::warning(format!("värdet 1 skrivs \"1 {unit}\""))
                .at(Location::new(file, span))
                .with_label("enheten står i plural")
                .with_hint(format!(
                    "ange enheten i singular med {key}, t.ex. unit_one = \"kommun\" till unit = \"kommuner\""
                )),
        );
    }
}
