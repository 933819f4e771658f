//! The benchmark generator makes valid sites: a benchmark of a site with errors would
//! measure the wrong thing.

use kansli::check::check;
use kansli::generate::{Spec, generate};
use kansli::model::AssignmentStatus;
use kansli::source::MemSource;

#[test]
fn generated_site_checks_clean() {
    let mut source = MemSource::new(jiff::civil::Date::constant(2026, 11, 22));
    for (path, bytes) in generate(&Spec::new(300)) {
        source.insert(path, bytes);
    }
    let checked = check(&source).unwrap();
    let rendered: Vec<String> = checked
        .diagnostics
        .iter()
        .take(5)
        .map(|d| kansli::diag::render(d, &checked.files, kansli::diag::Color::Never))
        .collect();
    assert_eq!(checked.diagnostics.len(), 0, "{}", rendered.join("\n"));
    assert_eq!(checked.model.meetings.len(), 300);
    let items: usize = checked.model.meetings.iter().map(|m| m.items.len()).sum();
    assert!((2_400..=3_900).contains(&items), "about ten items a meeting, got {items}");
    let model = &checked.model;
    let done = model
        .items()
        .flat_map(|(r, item)| item.assignments.iter().map(move |a| (r, a)))
        .filter(|(r, a)| model.assignment_status(*r, a) == AssignmentStatus::Done)
        .count();
    assert!(done > 0, "some assignments are reported done");
}
