//! The real Umeåregionen content: it checks clean, and the structured facts the issue
//! asks for are lifted out of the 2013-05-15 minutes into the model.

mod common;

use common::{TestSite, repo};
use kansli::model::{AttachmentTarget, Model, MoneyKind, Party, Target};

fn model() -> Model {
    let checked = TestSite::from_dir(&repo()).check();
    assert_eq!(checked.errors() + checked.warnings(), 0, "content/ should check clean");
    checked.model
}

fn meeting<'a>(model: &'a Model, slug: &str) -> &'a kansli::model::Meeting {
    model.meetings.iter().find(|m| m.slug == slug).unwrap_or_else(|| panic!("no meeting {slug}"))
}

fn meeting_id(model: &Model, slug: &str) -> kansli::model::MeetingId {
    let index = model.meetings.iter().position(|m| m.slug == slug).unwrap_or_else(|| panic!("no meeting {slug}"));
    kansli::model::MeetingId(index as u32)
}

#[test]
fn kommunchefsgruppen_2013_05_15_is_complete() {
    let model = model();
    let m = meeting(&model, "kommunchefsgruppen/2013-05-15");
    assert_eq!(m.items.len(), 11);
    assert_eq!(m.items.iter().map(|i| i.number).collect::<Vec<_>>(), (1..=11).collect::<Vec<_>>());
    assert_eq!(m.attendees.len(), 7);
    assert_eq!(m.participants.len(), 1);
    assert_eq!(model.person(m.chair.unwrap()).name, "Johan Gammelgård");
    assert_eq!(m.place.as_deref(), Some("Umeå stadshus, Nobelsalen"));
    assert_eq!(m.items[3].title, "Samverkan inom IT-området");
    assert!(m.items[3].decision.as_deref().unwrap().contains("300 000 kr"));
    let attachments: usize = m.items.iter().map(|i| i.attachments.len()).sum();
    assert_eq!(attachments, 11);
    assert!(m.items[8].attachments.is_empty(), "item 9 has no attachments");
    assert_eq!(model.members_on(m.date).len(), 7);
}

#[test]
fn assignments_money_and_references_are_structured() {
    let model = model();
    let m = meeting(&model, "kommunchefsgruppen/2013-05-15");
    let with_assignments: Vec<u32> = m.items.iter().filter(|i| !i.assignments.is_empty()).map(|i| i.number).collect();
    assert_eq!(with_assignments, [3, 9]);
    let kansli = model.bodies.iter().position(|b| b.slug == "kansli").unwrap();
    assert_eq!(m.items[8].assignments[0].assignee, Party::Body(kansli::model::BodyId(kansli as u32)));
    assert_eq!(m.items[2].assignments[0].deadline.unwrap().to_string(), "2013-06-15");

    let with_money: Vec<u32> = m.items.iter().filter(|i| !i.money.is_empty()).map(|i| i.number).collect();
    assert_eq!(with_money, [3, 4, 6, 8]);
    assert_eq!((m.items[3].money[0].amount, m.items[3].money[0].kind), (300_000, MoneyKind::Beviljat));
    assert_eq!((m.items[5].money[0].amount, m.items[5].money[0].kind), (2_800_000, MoneyKind::Ansokt));
    let nolia = &m.items[7].money[0];
    assert_eq!(nolia.amount, 250_000);
    assert!(matches!(nolia.decided, Some(Target::Meeting(id)) if model.meeting(id).slug == "regionradet/2013-02-22"));

    let referred: Vec<&str> =
        m.items.iter().flat_map(|i| &i.references).map(|r| model.meeting(r.target.meeting()).slug.as_str()).collect();
    for slug in [
        "regionradet/2013-02-22",
        "regionradet/2012-12-19",
        "kommunchefsgruppen/2013-01-23",
        "kommunchefsgruppen/2013-04-17",
    ] {
        assert!(referred.contains(&slug), "no reference to {slug}");
    }
    let rr_id = meeting_id(&model, "regionradet/2013-02-22");
    assert!(model.meeting_referenced_by(rr_id).len() >= 3, "RR 2013-02-22 is referred to by items 2, 6 and 8");
    assert!(matches!(m.items[1].attachments[0].target, AttachmentTarget::Meeting(_)));
}

#[test]
fn item_3_asks_every_municipality_and_item_4_has_a_project_period() {
    let model = model();
    let m = meeting(&model, "kommunchefsgruppen/2013-05-15");
    let follow_up = m.items[2].follow_up.as_ref().unwrap();
    assert_eq!(follow_up.municipalities.len(), 7);
    assert!(follow_up.answers.is_empty());
    let period = &m.items[3].periods[0];
    assert_eq!(
        (period.from.to_string(), period.until.unwrap().to_string()),
        ("2013-05-15".into(), "2014-05-15".into())
    );
}

#[test]
fn strategy_organisation_and_areas_are_there() {
    let model = model();
    assert_eq!(model.municipalities.len(), 7);
    assert_eq!(model.goals.len(), 3);
    assert!(model.subgoals.iter().any(|s| s.text == "Transparens i samverkan och beslut i regionen"));
    assert_eq!(
        model.strategy.as_ref().unwrap().vision.as_ref().unwrap().text,
        "Världens bästa livsmiljö för en kvarts miljon människor 2050"
    );
    assert_eq!(model.areas.len(), 5);
    let commitments: usize = model.areas.iter().map(|a| a.commitments.len()).sum();
    assert_eq!(commitments, 10);
    let groups = model.bodies.iter().filter(|b| b.kind == kansli::model::BodyKind::Arbetsgrupp).count();
    assert_eq!(groups, 17);
    let projects = model.bodies.iter().filter(|b| b.kind == kansli::model::BodyKind::Projekt).count();
    assert_eq!(projects, 5);
}
