//! The strategic plan (goals, sub-goals, vision) and the prioritised areas.

use std::collections::HashSet;

use super::context::Ctx;
use super::err;
use super::types::*;
use super::values::{check_id, date, opt_text, text};
use crate::diag::Location;
use crate::load::Parsed;
use crate::load::raw::*;

pub(super) fn strategy(
    ctx: &mut Ctx<'_>,
    parsed: Option<&Parsed<RawStrategy>>,
) -> (Option<Strategy>, Vec<Goal>, Vec<Subgoal>) {
    let Some(Parsed { file, value: raw }) = parsed else { return (None, Vec::new(), Vec::new()) };
    let file = *file;
    let mut goals = Vec::new();
    let mut subgoals = Vec::new();
    let mut numbers = HashSet::new();
    for g in &raw.goal {
        if !check_id(file, &g.id, &mut ctx.diagnostics) {
            continue;
        }
        if ctx.t.goals.contains_key(&g.id.value) || ctx.t.subgoals.contains_key(&g.id.value) {
            ctx.push(duplicate(&g.id.value, Location::new(file, g.id.span.clone()), "mål"));
            continue;
        }
        if g.number.value < 1 {
            ctx.push(
                err(format!("ogiltigt målnummer {}", g.number.value))
                    .at(Location::new(file, g.number.span.clone()))
                    .with_label("inte ett positivt heltal")
                    .with_hint("numrera målen 1, 2, 3 …"),
            );
        } else if !numbers.insert(g.number.value) {
            ctx.push(
                err(format!("målnummer {} används redan", g.number.value))
                    .at(Location::new(file, g.number.span.clone()))
                    .with_label("dubblett")
                    .with_hint("numrera målen 1, 2, 3 …"),
            );
        }
        let goal_id = GoalId(goals.len() as u32);
        ctx.t.to_mut().goals.insert(g.id.value.clone(), goal_id);
        let mut ids = Vec::new();
        for s in &g.subgoal {
            if !check_id(file, &s.id, &mut ctx.diagnostics) {
                continue;
            }
            if ctx.t.subgoals.contains_key(&s.id.value) || ctx.t.goals.contains_key(&s.id.value) {
                ctx.push(duplicate(&s.id.value, Location::new(file, s.id.span.clone()), "delmål"));
                continue;
            }
            let id = SubgoalId(subgoals.len() as u32);
            ctx.t.to_mut().subgoals.insert(s.id.value.clone(), id);
            subgoals.push(Subgoal { slug: s.id.value.clone(), goal: goal_id, text: text(&s.text) });
            ids.push(id);
        }
        goals.push(Goal {
            slug: g.id.value.clone(),
            number: g.number.value.clamp(0, u32::MAX as i64) as u32,
            title: text(&g.title),
            heading: opt_text(&g.heading),
            subgoals: ids,
        });
    }
    let decided_by = ctx.body(file, &raw.decided_by);
    let decided = date(file, &raw.decided, &mut ctx.diagnostics);
    let vision = raw.vision.as_ref().map(|v| Vision {
        text: text(&v.text),
        decided_by: v.decided_by.as_ref().and_then(|b| ctx.body(file, b)),
        decided: v.decided.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics)),
    });
    let strategy = match (decided_by, decided) {
        (Some(decided_by), Some(decided)) => Some(Strategy {
            title: text(&raw.title),
            decided_by,
            decided,
            summary: opt_text(&raw.summary),
            governance: opt_text(&raw.governance),
            vision,
            file,
        }),
        _ => None,
    };
    (strategy, goals, subgoals)
}

pub(super) fn areas(ctx: &mut Ctx<'_>, parsed: Option<&Parsed<RawAreas>>) -> (Option<AreasInfo>, Vec<Area>) {
    let Some(Parsed { file, value: raw }) = parsed else { return (None, Vec::new()) };
    let file = *file;
    let mut areas = Vec::new();
    for a in &raw.area {
        if !check_id(file, &a.id, &mut ctx.diagnostics) {
            continue;
        }
        if ctx.t.areas.contains_key(&a.id.value) {
            ctx.push(duplicate(&a.id.value, Location::new(file, a.id.span.clone()), "område"));
            continue;
        }
        ctx.t.to_mut().areas.insert(a.id.value.clone(), AreaId(areas.len() as u32));
        let commitments = a
            .commitment
            .iter()
            .map(|c| Commitment {
                aalborg: text(&c.aalborg),
                text: text(&c.text),
                municipalities: c.municipalities.iter().filter_map(|m| ctx.municipality(file, m)).collect(),
            })
            .collect();
        areas.push(Area { slug: a.id.value.clone(), title: text(&a.title), commitments });
    }
    let decided_by = ctx.body(file, &raw.decided_by);
    let decided = date(file, &raw.decided, &mut ctx.diagnostics);
    let info = match (decided_by, decided) {
        (Some(decided_by), Some(decided)) => Some(AreasInfo {
            title: text(&raw.title),
            decided_by,
            decided,
            background: opt_text(&raw.background),
            annual_assignment: opt_text(&raw.annual_assignment),
            file,
        }),
        _ => None,
    };
    (info, areas)
}

fn duplicate(id: &str, location: Location, what: &str) -> crate::diag::Diagnostic {
    err(format!("id:t \"{id}\" används redan"))
        .at(location)
        .with_label("dubblett")
        .with_hint(format!("varje {what} behöver ett eget id"))
}
