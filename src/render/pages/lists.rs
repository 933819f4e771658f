//! Lists across meetings: decisions (with pre-rendered facet pages), assignments, the
//! economy ledger and matters.

use std::collections::{BTreeMap, HashMap};

use super::common::date_view;
use super::{Ctx, DECISIONS_PER_PAGE, Facet, PageOut};
use crate::model::*;
use crate::render::format;
use crate::render::markdown;
use crate::render::urls;
use crate::render::view::{self, *};

/// The kinds of facet, in the menu's order: the key the templates and the script use, and
/// the URL folder of the kind's values under "beslut/".
pub(crate) const FACET_KINDS: [(&str, &str); 5] =
    [("organ", "organ"), ("ar", "ar"), ("mal", "mal"), ("omrade", "omraden"), ("kommun", "kommuner")];

/// A facet menu lists at most this many values of one kind (the list's own value is always
/// among them); all values are on the kind's own page, linked from the menu. So a menu
/// stays readable, and the thousands of pages that repeat it stay small, however many
/// bodies and years a site comes to have.
pub(crate) const FACET_MENU_LIMIT: usize = 20;

/// The position of `facet`'s kind in [`FACET_KINDS`].
pub(super) fn kind(facet: Facet) -> usize {
    match facet {
        Facet::Body(_) => 0,
        Facet::Year(_) => 1,
        Facet::Goal(_) => 2,
        Facet::Area(_) => 3,
        Facet::Municipality(_) => 4,
    }
}

/// The page of one kind of facet, listing all its values: "beslut/organ/".
pub(crate) fn kind_path(kind: usize) -> String {
    format!("{}{}/", urls::DECISIONS, FACET_KINDS[kind].1)
}

/// The URL folder of a facet value: "beslut/organ/kommunchefsgruppen/".
pub(crate) fn facet_path(ctx: &Ctx, facet: Option<Facet>) -> String {
    let model = ctx.model;
    let Some(facet) = facet else { return urls::DECISIONS.to_string() };
    let value = match facet {
        Facet::Body(b) => model.body(b).slug.clone(),
        Facet::Year(y) => y.to_string(),
        Facet::Goal(g) => model.goal(g).slug.clone(),
        Facet::Area(a) => model.area(a).slug.clone(),
        Facet::Municipality(m) => model.municipality(m).slug.clone(),
    };
    format!("{}{value}/", kind_path(kind(facet)))
}

pub(super) fn page_path(ctx: &Ctx, facet: Option<Facet>, page: usize) -> String {
    let base = facet_path(ctx, facet);
    if page <= 1 { base } else { format!("{base}sida/{page}/") }
}

/// Every facet value's decisions (indices into `ctx.decisions`, newest first), and the
/// unfiltered list under `None`: computed once, in one pass.
pub(super) fn facets(model: &Model, decisions: &[ItemRef]) -> BTreeMap<Option<Facet>, Vec<usize>> {
    // Gathered in a hash map (tens of thousands of decisions, a few hundred facets), then
    // ordered once.
    let mut by_facet: rustc_hash::FxHashMap<Facet, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, r) in decisions.iter().enumerate() {
        let meeting = model.meeting(r.meeting);
        let item = model.item(*r);
        let keys = [Facet::Body(meeting.body), Facet::Year(i32::from(meeting.date.year()))]
            .into_iter()
            .chain(model.goals_of(item).into_iter().map(Facet::Goal))
            .chain(item.areas.iter().map(|a| Facet::Area(*a)))
            .chain(model.municipalities_concerned(meeting.date, item).into_iter().map(Facet::Municipality));
        for key in keys {
            by_facet.entry(key).or_default().push(i);
        }
    }
    let mut out: BTreeMap<Option<Facet>, Vec<usize>> = by_facet.into_iter().map(|(k, v)| (Some(k), v)).collect();
    out.insert(None, (0..decisions.len()).collect());
    out
}

fn facet_label(ctx: &Ctx, facet: Facet) -> (String, String) {
    let model = ctx.model;
    match facet {
        Facet::Body(b) => (ctx.s("facet.organ"), model.body(b).name.clone()),
        Facet::Year(y) => (ctx.s("facet.ar"), y.to_string()),
        Facet::Goal(g) => (ctx.s("facet.mal"), model.goal(g).title.clone()),
        Facet::Area(a) => (ctx.s("facet.omrade"), model.area(a).title.clone()),
        Facet::Municipality(m) => (ctx.s("facet.kommun"), model.municipality(m).name.clone()),
    }
}

pub(super) fn decisions(ctx: &Ctx, facet: Option<Facet>, page: usize) -> PageOut {
    let rows: &[usize] = ctx.facets().get(&facet).map(Vec::as_slice).unwrap_or_default();
    let total = rows.len();
    let pages = total.div_ceil(DECISIONS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let shown = rows
        .iter()
        .skip((page - 1) * DECISIONS_PER_PAGE)
        .take(DECISIONS_PER_PAGE)
        .map(|i| ctx.decision_rows()[*i].clone())
        .collect();

    let filter = facet.map(|f| facet_label(ctx, f));
    let heading = match &filter {
        Some((_, value)) => format!("{} – {value}", ctx.s("nav.beslut")),
        None => ctx.s("decisions.all"),
    };
    let pagination = Pagination {
        current: page,
        total: pages,
        previous: (page > 1).then(|| page_path(ctx, facet, page - 1)),
        next: (page < pages).then(|| page_path(ctx, facet, page + 1)),
        pages: page_window(page, pages)
            .into_iter()
            .map(|p| match p {
                Some(p) => {
                    PageLink { label: p.to_string(), href: page_path(ctx, facet, p), current: p == page, gap: false }
                }
                None => PageLink { label: "…".into(), href: String::new(), current: false, gap: true },
            })
            .collect(),
    };
    let data = DecisionsPage {
        heading: heading.clone(),
        filter,
        rows: shown,
        total,
        pagination,
        data_href: DECISIONS_FILTER_DATA.into(),
        facets_href: DECISIONS_FACETS_DATA.into(),
        csv: ctx.own_file_link(ctx.s("data.decisions_csv"), "data/beslut.csv".into(), "CSV"),
    };
    let title =
        if page > 1 { format!("{heading} ({} {page})", ctx.s("pagination.page").to_lowercase()) } else { heading };
    let mut crumbs = Vec::new();
    if facet.is_some() || page > 1 {
        crumbs.push(Link::new(ctx.s("nav.beslut"), urls::DECISIONS));
    }
    let alternates =
        vec![Alternate { kind: "application/atom+xml", title: ctx.s("feed.minutes"), href: urls::FEED.into() }];
    PageOut::new(page_path(ctx, facet, page), "decisions.html", title, "beslut", data)
        .shared("facets", ctx.facet_menu(facet))
        .crumbs(crumbs)
        .alternates(alternates)
}

/// The template of the decision lists' facet menu, a [`Shared`] part.
pub(super) const FACET_MENU: &str = "decision_facets.html";

/// Every kind of facet that has values, with all its values in order (years newest first),
/// none marked current; beside each, the facet value of every option.
fn all_facets(ctx: &Ctx) -> Vec<(view::Facet, Vec<Facet>)> {
    let mut kinds: Vec<Vec<(Facet, FacetOption)>> = FACET_KINDS.iter().map(|_| Vec::new()).collect();
    for (f, list) in ctx.facets() {
        let (Some(f), count) = (*f, list.len()) else { continue };
        let (_, label) = facet_label(ctx, f);
        let path = facet_path(ctx, Some(f));
        let value = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string();
        kinds[kind(f)].push((f, FacetOption { value, label, href: path, count, current: false }));
    }
    kinds
        .into_iter()
        .enumerate()
        .filter(|(_, options)| !options.is_empty())
        .map(|(k, mut options)| {
            let key = FACET_KINDS[k].0;
            if key == "ar" {
                options.reverse();
            }
            let total = options.len();
            let (values, options) = options.into_iter().unzip();
            let more = (total > FACET_MENU_LIMIT).then(|| kind_path(k));
            (view::Facet { key, label: ctx.s(&format!("facet.{key}")), options, total, more }, values)
        })
        .collect()
}

/// Every kind of facet with all its values: the data the script of the decision lists
/// filters with (the menus on the pages may show only some values).
pub(crate) fn facets_json(ctx: &Ctx) -> Vec<view::Facet> {
    all_facets(ctx).into_iter().map(|(facet, _)| facet).collect()
}

/// The facet menu of every list of decisions, each with its own value marked as current:
/// all pages of one list share it, so it is made once per list, not once per page.
pub(super) fn facet_menus(ctx: &Ctx) -> HashMap<Option<Facet>, Shared> {
    let menu = all_facets(ctx);
    // The values a menu shows of a kind with too many: the newest years, or the values
    // with the most decisions; in the kind's own order.
    let shown: Vec<Vec<usize>> = menu
        .iter()
        .map(|(facet, _)| {
            let mut order: Vec<usize> = (0..facet.options.len()).collect();
            if facet.key != "ar" {
                order.sort_by_key(|i| std::cmp::Reverse(facet.options[*i].count));
            }
            order.truncate(FACET_MENU_LIMIT);
            order.sort_unstable();
            order
        })
        .collect();
    ctx.facets()
        .keys()
        .map(|current| {
            let marked: Vec<view::Facet> = menu
                .iter()
                .zip(&shown)
                .map(|((facet, values), shown)| {
                    let own = values.iter().position(|v| *current == Some(*v));
                    let mut picked = shown.clone();
                    if let Some(own) = own.filter(|i| !shown.contains(i)) {
                        picked.push(own);
                        picked.sort_unstable();
                    }
                    let options = picked
                        .into_iter()
                        .map(|i| FacetOption { current: Some(i) == own, ..facet.options[i].clone() })
                        .collect();
                    view::Facet { options, ..facet.clone() }
                })
                .collect();
            (*current, Shared::new(FACET_MENU, marked))
        })
        .collect()
}

/// The page of one kind of facet: all its values, each with its number of decisions.
pub(super) fn facet_kind(ctx: &Ctx, kind: usize) -> PageOut {
    let key = FACET_KINDS[kind].0;
    let facet = all_facets(ctx).into_iter().map(|(facet, _)| facet).find(|f| f.key == key);
    let label = ctx.s(&format!("facet.{key}"));
    let heading = format!("{} – {label}", ctx.s("nav.beslut"));
    let data = FacetKindPage { heading: heading.clone(), facet };
    PageOut::new(kind_path(kind), "decision_facet.html", heading, "beslut", data)
        .crumbs(vec![Link::new(ctx.s("nav.beslut"), urls::DECISIONS)])
}

/// The page numbers to offer: the first, the last and two on each side of the current one;
/// `None` marks a gap. A list of 2 000 pages links 7 of them, not all.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for p in 1..=total {
        if p == 1 || p == total || p.abs_diff(current) <= 2 {
            if p > last + 1 {
                out.push(None);
            }
            out.push(Some(p));
            last = p;
        }
    }
    out
}

/// Where the JavaScript filter of the decisions pages finds its data: the decisions, and
/// every kind of facet with all its values.
pub(crate) const DECISIONS_FILTER_DATA: &str = "beslut/data.json";
pub(crate) const DECISIONS_FACETS_DATA: &str = "beslut/facets.json";

/// Every decision row, newest first: the data behind the JavaScript filter.
pub(crate) fn decisions_json<'a>(ctx: &'a Ctx<'_>) -> &'a [DecisionRow] {
    ctx.decision_rows()
}

pub(super) fn assignments(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let (mut open, mut late, mut done) = (Vec::new(), Vec::new(), Vec::new());
    for (r, item) in model.recorded_items() {
        if !ctx.published(model.meeting(r.meeting)) || item.secrecy.is_some() {
            continue;
        }
        for a in &item.assignments {
            let view = ctx.assignment_view(r, a);
            match model.assignment_status(r, a) {
                AssignmentStatus::Open => open.push(view),
                AssignmentStatus::Late => late.push(view),
                AssignmentStatus::Done => done.push(view),
            }
        }
    }
    // Late: the longest overdue first. Open: the nearest deadline first. Done: newest first.
    late.sort_by(|a: &AssignmentView, b| a.deadline_iso.cmp(&b.deadline_iso));
    open.sort_by(|a: &AssignmentView, b| {
        (a.deadline_iso.is_empty(), &a.deadline_iso).cmp(&(b.deadline_iso.is_empty(), &b.deadline_iso))
    });
    done.reverse();
    let data = AssignmentsPage {
        open,
        late,
        done,
        as_of: ctx.as_of("assignments.as_of"),
        csv: ctx.own_file_link(ctx.s("data.assignments_csv"), "data/uppdrag.csv".into(), "CSV"),
    };
    PageOut::new(urls::ASSIGNMENTS.into(), "assignments.html", ctx.s("nav.uppdrag"), "uppdrag", data)
}

pub(super) fn economy(ctx: &Ctx) -> PageOut {
    let model = ctx.model;
    let mut granted = Vec::new();
    let mut other = Vec::new();
    let mut by_year: BTreeMap<i32, (i64, usize)> = BTreeMap::new();
    let mut by_source: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    let mut by_body: BTreeMap<Decider, (i64, usize)> = BTreeMap::new();
    let decider = |d: Decider, external: bool| match d {
        Decider::Body(b) => ctx.body_link(b),
        Decider::External(name) if external => {
            Link::new(format!("{name} ({})", ctx.s("economy.external")), String::new())
        }
        Decider::External(name) => Link::new(name.to_string(), String::new()),
    };
    let (mut total, mut external) = (0, 0);
    for entry in model.ledger() {
        if !ctx.published(model.meeting(entry.item.meeting)) || model.item(entry.item).secrecy.is_some() {
            continue;
        }
        let money = ctx.money_view(entry.money);
        // Applied for and costs say so in their own column; a repeat says which.
        let note = if entry.counted || entry.money.kind != MoneyKind::Beviljat {
            String::new()
        } else {
            ctx.s("economy.repeat")
        };
        let row = LedgerRow {
            date: date_view(entry.date),
            body: decider(entry.decided_by, false),
            amount: money.amount,
            amount_value: entry.money.amount,
            kind_label: money.kind_label,
            purpose: money.purpose,
            source: money.source.clone(),
            item: ctx.item_link(entry.item),
            note,
        };
        if entry.counted {
            let add = |slot: &mut (i64, usize)| {
                slot.0 += entry.money.amount;
                slot.1 += 1;
            };
            add(by_year.entry(i32::from(entry.date.year())).or_default());
            add(by_source
                .entry(if money.source.is_empty() { ctx.s("economy.no_source") } else { money.source })
                .or_default());
            add(by_body.entry(entry.decided_by).or_default());
            total += entry.money.amount;
            if matches!(entry.decided_by, Decider::External(_)) {
                external += entry.money.amount;
            }
            granted.push(row);
        } else {
            other.push(row);
        }
    }
    granted.reverse();
    other.reverse();
    let totals = |label: String, href: String, (sum, count): (i64, usize)| Total {
        label,
        href,
        amount: format::amount(sum),
        amount_value: sum,
        count,
    };
    let data = EconomyPage {
        granted,
        other,
        by_year: by_year.into_iter().rev().map(|(y, t)| totals(y.to_string(), String::new(), t)).collect(),
        by_source: by_source.into_iter().map(|(s, t)| totals(s, String::new(), t)).collect(),
        by_body: by_body
            .into_iter()
            .map(|(d, t)| {
                let link = decider(d, true);
                totals(link.label, link.href, t)
            })
            .collect(),
        total: format::amount(total),
        // A total that mixes the cooperation's own grants with others' says how much is which.
        total_split: match external {
            0 => String::new(),
            _ => ctx
                .s("economy.split")
                .replace("{own}", &format::amount(total - external))
                .replace("{external}", &format::amount(external)),
        },
        csv: ctx.own_file_link(ctx.s("data.economy_csv"), "data/ekonomi.csv".into(), "CSV"),
    };
    PageOut::new(urls::ECONOMY.into(), "economy.html", ctx.s("nav.ekonomi"), "ekonomi", data)
}

pub(super) fn matter_title(ctx: &Ctx, matter: &Matter) -> String {
    let first = ctx.model.item(matter.lead);
    if first.secrecy.is_some() { ctx.model.site.confidential_notice.clone() } else { first.title.clone() }
}

fn matter_dates(ctx: &Ctx, matter: &Matter) -> Vec<jiff::civil::Date> {
    let mut dates: Vec<_> = matter.items.iter().map(|r| ctx.model.meeting(r.meeting).date).collect();
    dates.extend(matter.mentions.iter().map(|(m, _, _)| ctx.model.meeting(*m).date));
    dates.sort();
    dates
}

pub(super) fn matters(ctx: &Ctx) -> PageOut {
    let mut matters: Vec<(jiff::civil::Date, MatterSummary)> = ctx
        .matters
        .iter()
        .map(|m| {
            let dates = matter_dates(ctx, m);
            let (first, last) = (dates[0], dates[dates.len() - 1]);
            let mut bodies: Vec<String> =
                m.items.iter().map(|r| ctx.model.body(ctx.model.meeting(r.meeting).body).name.clone()).collect();
            bodies
                .extend(m.mentions.iter().map(|(mid, _, _)| ctx.model.body(ctx.model.meeting(*mid).body).name.clone()));
            bodies.sort();
            bodies.dedup();
            let summary = MatterSummary {
                href: urls::matter(&m.key),
                title: matter_title(ctx, m),
                span: format::period(first, Some(last)),
                bodies,
                steps: m.items.len() + m.mentions.len(),
            };
            (last, summary)
        })
        .collect();
    matters.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.href.cmp(&b.1.href)));
    let data = MattersPage { matters: matters.into_iter().map(|(_, m)| m).collect() };
    PageOut::new(urls::MATTERS.into(), "matters.html", ctx.s("nav.arenden"), "arenden", data)
}

pub(super) fn matter(ctx: &Ctx, index: usize) -> PageOut {
    let model = ctx.model;
    let matter = &ctx.matters[index];
    let mut steps: Vec<(jiff::civil::Date, u8, MatterStep)> = Vec::new();
    for (meeting, by, note) in &matter.mentions {
        let m = model.meeting(*meeting);
        steps.push((
            m.date,
            0,
            MatterStep {
                date: date_view(m.date),
                body: ctx.body_link(m.body),
                link: Link::new(ctx.meeting_label(*meeting), ctx.meeting_href(*meeting)),
                decision_html: String::new(),
                proposal: false,
                withdrawn: String::new(),
                note: note.clone().unwrap_or_default(),
                note_by: note.is_some().then(|| ctx.item_link(*by)),
                assignments: Vec::new(),
                money: Vec::new(),
            },
        ));
    }
    for r in &matter.items {
        let m = model.meeting(r.meeting);
        let item = model.item(*r);
        // A notice's item shows its proposal, labelled as one, as the meeting page does.
        let (proposal, text) = match (&item.decision, &item.proposal) {
            (Some(decision), _) => (false, decision.as_str()),
            (None, Some(proposal)) => (true, proposal.as_str()),
            (None, None) => (false, ""),
        };
        steps.push((
            m.date,
            1,
            MatterStep {
                date: date_view(m.date),
                body: ctx.body_link(m.body),
                link: ctx.item_link(*r),
                decision_html: markdown::to_html(text, 3),
                proposal,
                withdrawn: item.withdrawn.clone().unwrap_or_default(),
                note: String::new(),
                note_by: None,
                assignments: item.assignments.iter().map(|a| ctx.assignment_view(*r, a)).collect(),
                money: item.money.iter().map(|m| ctx.money_view(m)).collect(),
            },
        ));
    }
    steps.sort_by_key(|s| (s.0, s.1));
    // A meeting mentioned by several items of the matter is one step.
    steps.dedup_by(|a, b| a.1 == 0 && b.1 == 0 && a.2.link == b.2.link);
    let title = matter_title(ctx, matter);
    let data = MatterPage { title: title.clone(), steps: steps.into_iter().map(|(_, _, s)| s).collect() };
    PageOut::new(urls::matter(&matter.key), "matter.html", title, "arenden", data)
        .crumbs(vec![Link::new(ctx.s("nav.arenden"), urls::MATTERS)])
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn pagination_shows_a_window() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(50, 2000),
            vec![Some(1), None, Some(48), Some(49), Some(50), Some(51), Some(52), None, Some(2000)]
        );
        assert_eq!(page_window(2, 9), vec![Some(1), Some(2), Some(3), Some(4), None, Some(9)]);
    }
}
