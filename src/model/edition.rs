//! Editions: what a build may publish.
//!
//! The public edition is a copy of the model with everything that must not be published
//! taken out *before* any renderer sees it: confidential items keep only their number and
//! OSL ground (and who else took part in some items is told only of the public ones),
//! confidential attachments are gone, drafts keep only their body and date
//! (and are not rendered), contact details are kept only where the source allows. A
//! renderer therefore cannot leak what it never received. Arena positions (ids) are kept,
//! so every reference in the model stays valid.
//!
//! Meetings are shared (`Arc`): an edition copies only the meetings it changes.

use std::sync::Arc;

use super::Model;
use super::types::*;

/// Which edition a build makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edition {
    /// For the public site: confidential content, drafts and unpublished contact details
    /// removed.
    Public,
    /// The public edition with drafts kept, for `kansli serve --drafts`: the secretary
    /// sees a draft as it will be published. `build` never writes it.
    Preview,
    /// For the cooperation's own use: everything, each page marked as internal.
    Internal,
}

impl Edition {
    /// Whether confidential content and unpublished contact details are taken out.
    pub fn redacts(self) -> bool {
        self != Edition::Internal
    }

    /// Whether draft meetings have pages.
    pub fn shows_drafts(self) -> bool {
        self != Edition::Public
    }
}

impl Model {
    /// The model as the given edition may show it.
    pub fn edition(&self, edition: Edition) -> Model {
        self.clone().into_edition(edition)
    }

    /// The model as the given edition may show it, made from this one.
    pub fn into_edition(self, edition: Edition) -> Model {
        if edition.redacts() { self.redacted(!edition.shows_drafts()) } else { self }
    }

    fn redacted(mut self, withhold_drafts: bool) -> Model {
        for person in &mut self.people {
            if !person.publish_contact {
                person.email = None;
                person.phone = None;
            }
        }
        let withheld: Vec<bool> =
            self.meetings.iter().map(|m| withhold_drafts && m.status == MeetingStatus::Utkast).collect();
        let redacted: Vec<Vec<bool>> =
            self.meetings.iter().map(|m| m.items.iter().map(|i| i.secrecy.is_some()).collect()).collect();
        let hidden_item = |r: &ItemRef| withheld[r.meeting.index()] || redacted[r.meeting.index()][r.index as usize];
        let hidden = |target: Target| match target {
            Target::Meeting(m) => withheld[m.index()],
            Target::Item(i) => hidden_item(&i),
        };

        for (m, meeting) in self.meetings.iter_mut().enumerate() {
            if withheld[m] {
                withhold_draft(Arc::make_mut(meeting));
            } else if needs_redaction(meeting, &hidden) {
                redact_meeting(Arc::make_mut(meeting), &hidden);
            }
        }

        // Links to withheld content must not survive in what remains.
        let links = &mut self.links;
        for (m, refs) in links.meeting.iter_mut().enumerate() {
            if withheld[m] {
                refs.clear();
            } else {
                refs.retain(|r| !hidden_item(r));
            }
        }
        links.item.retain(|to, from| {
            from.retain(|r| !hidden_item(r));
            !hidden_item(to) && !from.is_empty()
        });
        // Reported done in a confidential item: done, but not where.
        links.completed.retain(|to, from| !hidden_item(to) && !hidden_item(from));

        for plan in &mut self.plans {
            if plan.approved.as_ref().is_some_and(hidden_item) {
                plan.approved = None;
            }
        }
        for report in &mut self.reports {
            if report.presented.as_ref().is_some_and(hidden_item) {
                report.presented = None;
            }
        }
        self
    }
}

/// Whether a published meeting holds anything the public edition takes out: a
/// confidential item or attachment, or a link to withheld content.
fn needs_redaction(meeting: &Meeting, hidden: &impl Fn(Target) -> bool) -> bool {
    meeting.items.iter().any(|item| {
        item.secrecy.is_some()
            || item.attachments.iter().any(|a| {
                a.secrecy.is_some() || matches!(a.target, AttachmentTarget::Meeting(m) if hidden(Target::Meeting(m)))
            })
            || item.references.iter().any(|r| hidden(r.target))
            || item.money.iter().any(|m| m.decided.is_some_and(hidden))
    })
}

fn redact_meeting(meeting: &mut Meeting, hidden: &impl Fn(Target) -> bool) {
    let secret: Vec<u32> = meeting.items.iter().filter(|i| i.secrecy.is_some()).map(|i| i.number).collect();
    if !secret.is_empty() {
        // Who else took part in a confidential item can name its subject (a personnel
        // matter's presenter): the public edition tells of their public items only, and
        // leaves out one who was there for confidential items alone. Those deciding are
        // the record of who took each decision, and an item's number is public: their
        // presence stays as written (the secretary review found "endast punkt 1–3" for
        // a member present for 1–4, and a member of item 4 alone neither present nor
        // absent).
        meeting.participants.retain_mut(|attendance| match &mut attendance.items {
            Some(items) => {
                items.retain(|n| !secret.contains(n));
                !items.is_empty()
            }
            None => true,
        });
    }
    for item in &mut meeting.items {
        if item.secrecy.is_some() {
            redact_item(item);
            continue;
        }
        let before = item.attachments.len();
        item.attachments.retain(|a| a.secrecy.is_none());
        item.withheld += (before - item.attachments.len()) as u32;
        item.references.retain(|r| !hidden(r.target));
        for money in &mut item.money {
            if money.decided.is_some_and(hidden) {
                money.decided = None;
            }
        }
        for attachment in &mut item.attachments {
            if let AttachmentTarget::Meeting(m) = attachment.target
                && hidden(Target::Meeting(m))
            {
                attachment.target = AttachmentTarget::None;
            }
        }
    }
}

/// A confidential item keeps its number and its OSL ground, nothing else.
fn redact_item(item: &mut Item) {
    let number = item.number;
    let secrecy = item.secrecy.take();
    *item = Item {
        number,
        title: String::new(),
        presenter: None,
        proposal: None,
        decision: None,
        description: None,
        withdrawn: None,
        formal: false,
        secrecy,
        goals: Vec::new(),
        subgoals: Vec::new(),
        areas: Vec::new(),
        attachments: Vec::new(),
        assignments: Vec::new(),
        money: Vec::new(),
        references: Vec::new(),
        periods: Vec::new(),
        follow_up: None,
        withheld: 0,
    };
}

/// A draft keeps its place (so ids stay valid) and nothing that could be published.
fn withhold_draft(meeting: &mut Meeting) {
    meeting.kind = None;
    meeting.start = None;
    meeting.end = None;
    meeting.place = None;
    meeting.chair = None;
    meeting.secretary = None;
    meeting.adjusters.clear();
    meeting.adjusted = None;
    meeting.note = None;
    meeting.cancelled = None;
    meeting.attendees.clear();
    meeting.participants.clear();
    meeting.absentees.clear();
    meeting.items.clear();
}
