//! Views of the model that several renderers share: matters, the money ledger and the
//! periods the items mention.
//!
//! Computed on demand from whatever edition of the model is at hand, so the public
//! edition's matters never include a redacted item.

use aho_corasick::{AhoCorasick, MatchKind};
use jiff::civil::Date;

use super::Model;
use super::types::*;

/// A matter: items linked by references to each other, followed across meetings and bodies.
/// Formalities (`Item::formal`) are no part of one, and a reference marked as citing
/// another matter (`Reference::same_matter`) joins none. An item that refers to items of
/// several matters, and that no item refers to (an "Övriga frågor" that reports on two),
/// is a step of each without making them one.
#[derive(Clone, Debug)]
pub struct Matter {
    /// "kommunchefsgruppen-2013-05-15-4": the meeting and number of `lead`.
    pub key: String,
    /// The matter's first item of its own (not one it shares with another matter): its
    /// key and its title.
    pub lead: ItemRef,
    /// In meeting order (date, then body).
    pub items: Vec<ItemRef>,
    /// Meetings referred to as a whole by the matter's items (earlier history without a
    /// record of its own), with the note that describes what happened there.
    pub mentions: Vec<(MeetingId, ItemRef, Option<String>)>,
}

/// Who decided an amount: a body of the cooperation, or someone outside it
/// (`Money::granted_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decider<'a> {
    Body(BodyId),
    External(&'a str),
}

/// One amount, with who decided it and whether it counts in the totals.
#[derive(Clone, Debug)]
pub struct LedgerEntry<'a> {
    pub item: ItemRef,
    pub money: &'a Money,
    pub decided_by: Decider<'a>,
    /// The day it was decided (for an amount granted outside the cooperation, the day
    /// the item recorded it).
    pub date: Date,
    /// False when the amount repeats one recorded in the item it points to with `decided`,
    /// or when it is not granted (applied for, or a cost): totals count it once.
    pub counted: bool,
}

/// A period or event the items mention ("Studieresa till Tammerfors 19–21 maj 2026"),
/// once however many items mention it with the same name and days.
#[derive(Clone, Debug)]
pub struct MentionedPeriod<'a> {
    /// As the first item that mentions it writes it.
    pub period: &'a Period,
    /// Every item that mentions it, in meeting order; the first names the period's
    /// calendar event.
    pub mentions: Vec<ItemRef>,
    /// The period with the same name and other days that a later record gives, when that
    /// record came before this period was over and after every mention of it: the
    /// activity was moved ("skjuts upp till 20–22 oktober"). An index into the same list,
    /// followed to the last move.
    pub moved_to: Option<usize>,
}

impl Model {
    /// Every item, as a reference, in meeting order.
    pub fn items(&self) -> impl Iterator<Item = (ItemRef, &Item)> + '_ {
        self.meetings.iter().enumerate().flat_map(|(m, meeting)| {
            meeting
                .items
                .iter()
                .enumerate()
                .map(move |(i, item)| (ItemRef { meeting: MeetingId(m as u32), index: i as u32 }, item))
        })
    }

    /// The items of meetings with a record (`Meeting::has_record`): what was decided and
    /// given. A notice's proposals, before the meeting or until its record is written,
    /// are not (no money granted, no assignment given).
    pub fn recorded_items(&self) -> impl Iterator<Item = (ItemRef, &Item)> + '_ {
        self.meetings.iter().enumerate().filter(|(_, meeting)| meeting.has_record(self.today)).flat_map(
            |(m, meeting)| {
                meeting
                    .items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (ItemRef { meeting: MeetingId(m as u32), index: i as u32 }, item))
            },
        )
    }

    /// Chains of items that refer to one another. An item alone (no reference to or from
    /// another item) is a matter only if it refers to an earlier meeting.
    pub fn matters(&self) -> Vec<Matter> {
        let all: Vec<ItemRef> = self.items().map(|(r, _)| r).collect();
        // An item's place in `all`: its meeting's first place, plus its own index.
        let mut first = Vec::with_capacity(self.meetings.len());
        let mut count = 0;
        for meeting in &self.meetings {
            first.push(count);
            count += meeting.items.len();
        }
        let place = |r: &ItemRef| -> Option<usize> {
            let meeting = self.meetings.get(r.meeting.index())?;
            ((r.index as usize) < meeting.items.len()).then(|| first[r.meeting.index()] + r.index as usize)
        };
        let mut parent: Vec<usize> = (0..all.len()).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        // Each item's references to items of the same matter, as places in `all`.
        let mut targets: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
        let mut referenced = vec![false; all.len()];
        // A formality ("Föregående minnesanteckningar") refers to earlier meetings, but is
        // no matter's step: it neither joins matters nor starts one.
        for (from, item) in self.items().filter(|(_, item)| !item.formal) {
            for reference in item.references.iter().filter(|r| r.same_matter) {
                if let Target::Item(to) = reference.target
                    && let (Some(a), Some(b)) = (place(&from), place(&to))
                    && !self.item(to).formal
                {
                    targets[a].push(b);
                    referenced[b] = true;
                }
            }
        }
        let union = |parent: &mut [usize], a: usize, b: usize| {
            let (ra, rb) = (find(parent, a), find(parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        };
        // An item joins the items it refers to, unless it refers to several and no item
        // refers to it: that one waits until the others have joined.
        let shared = |a: usize| targets[a].len() > 1 && !referenced[a];
        for (a, to) in targets.iter().enumerate() {
            if !shared(a) {
                for &b in to {
                    union(&mut parent, a, b);
                }
            }
        }
        // Then it is a step of each matter it refers to; it joins one, or several that are one.
        let mut steps_of: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
        for a in (0..all.len()).filter(|&a| shared(a)) {
            let mut roots: Vec<usize> = targets[a].iter().map(|&b| find(&mut parent, b)).collect();
            roots.sort_unstable();
            roots.dedup();
            match roots.as_slice() {
                [one] => union(&mut parent, a, *one),
                _ => steps_of[a] = targets[a].clone(),
            }
        }
        let linked = |i: usize| !targets[i].is_empty() || referenced[i];
        // A group's root is its first item (a union keeps the smaller root), so groups
        // numbered as their roots come are in the order of their first items.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of = vec![u32::MAX; all.len()];
        let mut group = |parent: &mut [usize], i: usize| {
            let root = find(parent, i);
            if group_of[root] == u32::MAX {
                group_of[root] = groups.len() as u32;
                groups.push(Vec::new());
            }
            group_of[root] as usize
        };
        let mut member_of: Vec<(usize, usize)> = Vec::new();
        for (i, (_, item)) in self.items().enumerate() {
            if !steps_of[i].is_empty() {
                // A step of several matters: of each, once.
                let mut of: Vec<usize> = steps_of[i].iter().map(|&b| group(&mut parent, b)).collect();
                of.sort_unstable();
                of.dedup();
                member_of.extend(of.into_iter().map(|g| (g, i)));
                continue;
            }
            let mentions_meeting =
                item.references.iter().any(|r| r.same_matter && matches!(r.target, Target::Meeting(_)));
            if linked(i) || mentions_meeting && !item.formal {
                let g = group(&mut parent, i);
                member_of.push((g, i));
            }
        }
        for (g, i) in member_of {
            groups[g].push(i);
        }
        groups
            .into_iter()
            .map(|mut members| {
                members.sort_unstable();
                let items: Vec<ItemRef> = members.iter().map(|&i| all[i]).collect();
                let lead = members.iter().position(|&i| steps_of[i].is_empty()).map_or(items[0], |p| items[p]);
                let meeting = self.meeting(lead.meeting);
                let key = format!("{}-{}-{}", self.body(meeting.body).slug, meeting.date, self.item(lead).number);
                let mentions = items
                    .iter()
                    .flat_map(|r| {
                        self.item(*r).references.iter().filter(|x| x.same_matter).filter_map(move |reference| {
                            match reference.target {
                                Target::Meeting(m) => Some((m, *r, reference.note.clone())),
                                Target::Item(_) => None,
                            }
                        })
                    })
                    .collect();
                Matter { key, lead, items, mentions }
            })
            .collect()
    }

    /// Every amount, in meeting order, with its deciding body and day.
    pub fn ledger(&self) -> Vec<LedgerEntry<'_>> {
        let mut out = Vec::new();
        for (r, item) in self.recorded_items() {
            let meeting = self.meeting(r.meeting);
            for money in &item.money {
                let (decided_by, date) = match (money.decided, &money.granted_by) {
                    (Some(target), _) => {
                        let decided = self.meeting(target.meeting());
                        (Decider::Body(decided.body), decided.date)
                    }
                    (None, Some(outside)) => (Decider::External(outside), meeting.date),
                    (None, None) => (Decider::Body(meeting.body), meeting.date),
                };
                let repeats = match money.decided {
                    Some(Target::Item(source)) => {
                        self.item(source).money.iter().any(|m| m.amount == money.amount && m.kind == money.kind)
                    }
                    _ => false,
                };
                out.push(LedgerEntry {
                    item: r,
                    money,
                    decided_by,
                    date,
                    counted: money.kind == MoneyKind::Beviljat && !repeats,
                });
            }
        }
        out
    }

    /// The periods that the items of the meetings `shown` mention, each once (see
    /// [`MentionedPeriod`]), in the order of their first mention. Confidential items
    /// mention nothing. Only a held meeting's record moves a period: a proposal in a
    /// notice may still be turned down.
    pub fn mentioned_periods(&self, shown: impl Fn(&Meeting) -> bool) -> Vec<MentionedPeriod<'_>> {
        let mut out: Vec<MentionedPeriod<'_>> = Vec::new();
        let mut index: std::collections::HashMap<(&str, Date, Option<Date>), usize> = Default::default();
        for (r, item) in self.items() {
            if !shown(self.meeting(r.meeting)) || item.secrecy.is_some() {
                continue;
            }
            for period in &item.periods {
                let key = (period.what.as_str(), period.from, period.until);
                match index.get(&key) {
                    Some(&i) if out[i].mentions.last() != Some(&r) => out[i].mentions.push(r),
                    Some(_) => {}
                    None => {
                        index.insert(key, out.len());
                        out.push(MentionedPeriod { period, mentions: vec![r], moved_to: None });
                    }
                }
            }
        }
        let said = |r: ItemRef| self.meeting(r.meeting).date;
        let recorded = |r: ItemRef| self.meeting(r.meeting).has_record(self.today);
        let mut named: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, m) in out.iter().enumerate() {
            named.entry(m.period.what.as_str()).or_default().push(i);
        }
        let moves: Vec<Option<usize>> = out
            .iter()
            .map(|old| {
                let last_said = said(*old.mentions.last().expect("a period has a mention"));
                let over = old.period.until.filter(|u| *u >= old.period.from).unwrap_or(old.period.from);
                named[old.period.what.as_str()].iter().copied().find(|&n| {
                    let first = out[n].mentions[0];
                    (out[n].period.from, out[n].period.until) != (old.period.from, old.period.until)
                        && recorded(first)
                        && said(first) > last_said
                        && said(first) <= over
                })
            })
            .collect();
        for i in 0..out.len() {
            let mut to = moves[i];
            // Follow the moves to the last; each step is said later, so there is no cycle,
            // but stop after as many steps as there are periods all the same.
            for _ in 0..out.len() {
                match to.and_then(|t| moves[t]) {
                    Some(next) => to = Some(next),
                    None => break,
                }
            }
            out[i].moved_to = to;
        }
        out
    }
}

impl Model {
    /// The strategic goals an item works for: those it names, and those of the subgoals
    /// it names, each once, in the strategy's order. The decisions' "Mål" facet, in the
    /// pages and in the filter's data alike.
    pub fn goals_of(&self, item: &Item) -> Vec<GoalId> {
        let mut goals: Vec<GoalId> = item.goals.clone();
        goals.extend(item.subgoals.iter().map(|s| self.subgoal(*s).goal));
        goals.sort_unstable();
        goals.dedup();
        goals
    }

    /// The municipalities a decision of a meeting on `date` concerns: asked in a
    /// follow-up, given an assignment, named in its title or decision ("Kommuncheferna i
    /// Tallvik och Sjöby …"), or, while a member, having chosen commitments in one of its
    /// prioritised areas. The decisions' "Kommun" facet and each municipality's feed.
    pub fn municipalities_concerned(&self, date: Date, item: &Item) -> Vec<MunicipalityId> {
        let mut out: Vec<MunicipalityId> = Vec::new();
        if let Some(f) = &item.follow_up {
            out.extend(&f.municipalities);
        }
        for a in &item.assignments {
            if let Party::Municipality(m) = a.assignee {
                out.push(m);
            }
        }
        // As names are written: capitalised ("Tallvik").
        let decision = item.decision.as_deref().or(item.proposal.as_deref()).unwrap_or_default();
        self.municipality_names.find(&item.title, &mut out);
        self.municipality_names.find(decision, &mut out);
        let member = |m: MunicipalityId| self.site.members.iter().any(|s| s.municipality == m && s.member_on(date));
        for area in &item.areas {
            for c in &self.area(*area).commitments {
                out.extend(c.municipalities.iter().filter(|m| member(**m)));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Finds the municipalities' names in a text, each as a word of its own or in the
/// genitive: "Sjöby" in "i Tallvik och Sjöby" and "Sjöbys", not "Umeå" in
/// "Umeåregionen". One automaton for all the names reads a text once: every decision is
/// searched on every build and after every save in `serve`, where a search per name was a
/// fifth of the CPU time (BENCHMARKS.md).
#[derive(Clone, Debug)]
pub struct NameFinder {
    automaton: AhoCorasick,
    /// The municipality of each of the automaton's names.
    ids: Vec<MunicipalityId>,
}

impl NameFinder {
    /// A finder of `names`; a name's place in them is the id it reports. An empty name
    /// (a source with an error) names nothing.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameFinder {
        let (ids, names): (Vec<MunicipalityId>, Vec<&str>) = (names.into_iter().enumerate())
            .filter(|(_, name)| !name.is_empty())
            .map(|(i, name)| (MunicipalityId(i as u32), name))
            .unzip();
        // Leftmost-longest: where one name starts another ("Nord", "Nordmaling"), the
        // longer is the word; and it lets the search skip ahead to a name's first bytes
        // (a prefilter), where the overlapping search reads every byte.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)
            .expect("a site's municipality names fit one automaton");
        NameFinder { automaton, ids }
    }

    /// Adds to `out` the municipality of every name `text` holds (a name named twice is
    /// added twice).
    pub fn find(&self, text: &str, out: &mut Vec<MunicipalityId>) {
        for found in self.automaton.find_iter(text) {
            let before = text[..found.start()].chars().next_back();
            let mut after = text[found.end()..].chars();
            let next = after.next();
            let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if edge(before) && (edge(next) || next == Some('s') && edge(after.next())) {
                out.push(self.ids[found.pattern().as_usize()]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameFinder;
    use crate::model::types::MunicipalityId;

    fn found(text: &str) -> Vec<u32> {
        let finder = NameFinder::new(["Umeå", "", "Sjöby", "Tallvik", "Tall"]);
        let mut out = Vec::new();
        finder.find(text, &mut out);
        out.into_iter().map(|m: MunicipalityId| m.0).collect()
    }

    #[test]
    fn a_name_is_a_word_of_its_own_or_a_genitive() {
        assert_eq!(found("Kommuncheferna i Tallvik och Sjöby säkerställer"), [3, 2]);
        assert_eq!(found("Sjöbys representanter"), [2]);
        assert_eq!(found("Umeå"), [0]);
        assert_eq!(found("samverkan i Umeåregionen"), [] as [u32; 0]);
        assert_eq!(found("Sjöbyskolan, umeå och Tallviks"), [3]);
        assert_eq!(found("Umeå, Umeå"), [0, 0]);
        // Where one name starts another, the longer is the word.
        assert_eq!(found("Tall och Tallvik"), [4, 3]);
    }
}
