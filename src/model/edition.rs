//! Editions: what a build may publish.
//!
//! The public edition is a copy of the model with everything that must not be published
//! taken out *before* any renderer sees it: confidential items keep only their number and
//! OSL ground, confidential attachments are gone, drafts keep only their body and date
//! (and are not rendered), contact details are kept only where the source allows. A
//! renderer therefore cannot leak what it never received. Arena positions (ids) are kept,
//! so every reference in the model stays valid.

use super::Model;
use super::types::*;

/// Which edition a build makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edition {
    /// For the public site: confidential content, drafts and unpublished contact details
    /// removed.
    Public,
    /// For the cooperation's own use: everything, each page marked as internal.
    Internal,
}

impl Model {
    /// The model as the given edition may show it.
    pub fn edition(&self, edition: Edition) -> Model {
        match edition {
            Edition::Internal => self.clone(),
            Edition::Public => self.public(),
        }
    }

    fn public(&self) -> Model {
        let mut model = self.clone();
        for person in &mut model.people {
            if !person.publish_contact {
                person.email = None;
                person.phone = None;
            }
        }
        for meeting in &mut model.meetings {
            if meeting.status == MeetingStatus::Utkast {
                withhold_draft(meeting);
                continue;
            }
            for item in &mut meeting.items {
                if item.secrecy.is_some() {
                    redact_item(item);
                } else {
                    item.attachments.retain(|a| a.secrecy.is_none());
                }
            }
        }
        // Links to withheld content must not survive in what remains.
        let withheld: Vec<bool> = model.meetings.iter().map(|m| m.status == MeetingStatus::Utkast).collect();
        let redacted: Vec<Vec<bool>> =
            model.meetings.iter().map(|m| m.items.iter().map(|i| i.secrecy.is_some()).collect()).collect();
        let hidden = |target: Target| match target {
            Target::Meeting(m) => withheld[m.index()],
            Target::Item(i) => withheld[i.meeting.index()] || redacted[i.meeting.index()][i.index as usize],
        };
        let hidden_item = |r: &ItemRef| withheld[r.meeting.index()] || redacted[r.meeting.index()][r.index as usize];
        for meeting in &mut model.meetings {
            meeting.referenced_by.retain(|r| !hidden_item(r));
            for item in &mut meeting.items {
                item.referenced_by.retain(|r| !hidden_item(r));
                item.references.retain(|r| !hidden(r.target));
                for money in &mut item.money {
                    if money.decided.is_some_and(hidden) {
                        money.decided = None;
                    }
                }
                for attachment in &mut item.attachments {
                    if let AttachmentTarget::Meeting(m) = attachment.target
                        && withheld[m.index()]
                    {
                        attachment.target = AttachmentTarget::None;
                    }
                }
                for assignment in &mut item.assignments {
                    if assignment.completed_by.as_ref().is_some_and(hidden_item) {
                        // Reported done in a confidential item: done, but not where.
                        assignment.completed_by = None;
                    }
                }
            }
        }
        for plan in &mut model.plans {
            if plan.approved.as_ref().is_some_and(hidden_item) {
                plan.approved = None;
            }
        }
        for report in &mut model.reports {
            if report.presented.as_ref().is_some_and(hidden_item) {
                report.presented = None;
            }
        }
        model
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
        referenced_by: Vec::new(),
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
    meeting.attendees.clear();
    meeting.participants.clear();
    meeting.absentees.clear();
    meeting.items.clear();
    meeting.referenced_by.clear();
}
