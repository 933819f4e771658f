//! A fault in a theme's template is a diagnostic at its place in the template: once, not
//! once per page, and a theme written for Tera 1 is told what changed.

mod common;

use common::{TestSite, repo};
use kansli::build::{Failure, render_to_memory};
use kansli::diag::{Color, render};
use kansli::model::Edition;

/// The diagnostics of an HTML build of `site`, rendered.
fn failure(site: &TestSite) -> String {
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(Edition::Public);
    match render_to_memory(&site.source, &model, Edition::Public, false) {
        Err(Failure::Theme(files, diagnostics)) => {
            diagnostics.iter().map(|d| render(d, &files, Color::Never)).collect::<Vec<_>>().join("\n")
        }
        Ok(_) => panic!("the broken template built"),
        Err(other) => panic!("{other:?}"),
    }
}

fn default_template(name: &str) -> String {
    std::fs::read_to_string(repo().join("themes/default/templates").join(name)).unwrap()
}

#[test]
fn an_unknown_field_is_shown_once_at_its_place() {
    let mut site = TestSite::minimal();
    let meeting = default_template("meeting.html").replace("<dd>{{ s.place }}</dd>", "<dd>{{ s.plats }}</dd>");
    site.write("themes/default/templates/meeting.html", &meeting);
    // The minimal site has two meetings; the fault is shown for the first.
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte skapa sidan moten/kommunchefsgruppen/2013-04-17/: Field `plats` is not defined. Available fields: body, by_reference, date, href, items, kind, place, time, upcoming
  --> themes/default/templates/meeting.html:35:14
   |
35 |     <dd>{{ s.plats }}</dd>
   |              ^^^^^
   |
   = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}

#[test]
fn a_tera_1_macro_names_what_changed() {
    let mut site = TestSite::minimal();
    let macros = default_template("macros.html").replacen("{% component link(", "{% macro link(", 1);
    site.write("themes/default/templates/macros.html", &macros);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: Unknown tag
 --> themes/default/templates/macros.html:4:4
  |
4 | {% macro link(l, root) -%}
  |    ^^^^^
  |
  = hjälp: rätta mallen i temat (themes/…/templates/)
  = hjälp: mallarna skrivs nu för Tera 2: {% macro namn(…) %} heter {% component namn(…) %}, anropet m::namn(a=x) skrivs <namn a={x}/> och {% import %} behövs inte (se 8.1 i docs/content-guide.md)
"
    );
}

#[test]
fn a_fault_without_a_place_names_the_templates() {
    let mut site = TestSite::minimal();
    let meeting =
        default_template("meeting.html").replace(r#"{% extends "base.html" %}"#, r#"{% extends "bas.html" %}"#);
    site.write("themes/default/templates/meeting.html", &meeting);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: Template 'meeting.html' is inheriting from 'bas.html', which doesn't exist or isn't loaded.
  = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}
