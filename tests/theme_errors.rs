//! A fault in a theme's template is a diagnostic at its place in the template: once, not
//! once per page, in Swedish for the commonest faults, and a theme written for Tera 1 is
//! told what changed.

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
fel: kunde inte skapa sidan moten/kommunchefsgruppen/2013-04-17/: fältet `plats` finns inte
  --> themes/default/templates/meeting.html:35:14
   |
35 |     <dd>{{ s.plats }}</dd>
   |              ^^^^^
   |
   = hjälp: menade du `place`?
"
    );
}

#[test]
fn a_tag_closed_with_the_wrong_brackets_is_shown_in_swedish() {
    let mut site = TestSite::minimal();
    let page = default_template("municipality.html").replace("{% if page.membership %}", "{% if page.membership }}");
    site.write("themes/default/templates/municipality.html", &page);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: här står `}`, men här behövs `%}`
 --> themes/default/templates/municipality.html:7:63
  |
7 | <p class=\"lead\">{{ page.official_name }}{% if page.membership }}, {{ page.membership | lower }}{% endif %}.</p>
  |                                                               ^
  |
  = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}

#[test]
fn a_tag_left_open_at_the_end_says_what_closes_it() {
    let mut site = TestSite::minimal();
    let page = format!("{}{{% if page.membership %}}\n", default_template("municipality.html"));
    site.write("themes/default/templates/municipality.html", &page);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: mallen tar slut mitt i ett uttryck eller en tagg
   --> themes/default/templates/municipality.html:122:25
    |
122 | {% if page.membership %}
    |                         ^
    |
    = hjälp: stäng det som står öppet, med `}}`, `%}` eller en sluttagg som {% endif %}
"
    );
}

#[test]
fn text_added_to_a_number_says_how_to_join_text() {
    let mut site = TestSite::minimal();
    let page =
        default_template("municipality.html").replace("{{ page.official_name }}", "{{ page.official_name + 1 }}");
    site.write("themes/default/templates/municipality.html", &page);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte skapa sidan kommuner/alfa/: `+` räknar bara med tal, här med `string` och `i64`
 --> themes/default/templates/municipality.html:7:20
  |
7 | <p class=\"lead\">{{ page.official_name + 1 }}{% if page.membership %}, {{ page.membership | lower }}{% endif %}.</p>
  |                    ^^^^^^^^^^^^^^^^^^^^^^
  |
  = hjälp: sätt ihop text med `~`, t.ex. {{ a ~ \" \" ~ b }}
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
fel: kunde inte läsa temats mallar: okänd tagg
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
fn a_missing_parent_template_is_shown_where_it_is_named() {
    let mut site = TestSite::minimal();
    let meeting =
        default_template("meeting.html").replace(r#"{% extends "base.html" %}"#, r#"{% extends "bas.html" %}"#);
    site.write("themes/default/templates/meeting.html", &meeting);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: mallen `meeting.html` ärver från `bas.html`, som inte finns
 --> themes/default/templates/meeting.html:1:13
  |
1 | {% extends \"bas.html\" %}
  |             ^^^^^^^^
  |
  = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}

#[test]
fn every_unknown_filter_is_shown_at_its_place() {
    let mut site = TestSite::minimal();
    let meeting = default_template("meeting.html").replace("<dd>{{ s.place }}</dd>", "<dd>{{ s.place | upcase }}</dd>");
    site.write("themes/default/templates/meeting.html", &meeting);
    let base = default_template("base.html").replacen("{{ title }}", "{{ title | titel }}", 1);
    site.write("themes/default/templates/base.html", &base);
    // Both are reported at once, in the order of the templates' names.
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: filtret `titel` finns inte
  --> themes/default/templates/base.html:10:57
   |
10 | <title>{% if title and title != site.title %}{{ title | titel }} – {% endif %}{{ site.title }}</title>
   |                                                         ^^^^^
   |
   = hjälp: rätta mallen i temat (themes/…/templates/)

fel: kunde inte läsa temats mallar: filtret `upcase` finns inte
  --> themes/default/templates/meeting.html:35:22
   |
35 |     <dd>{{ s.place | upcase }}</dd>
   |                      ^^^^^^
   |
   = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}

#[test]
fn an_unknown_variable_lists_the_variables() {
    let mut site = TestSite::minimal();
    let meeting = default_template("meeting.html").replace("<dd>{{ s.place }}</dd>", "<dd>{{ sida }}</dd>");
    site.write("themes/default/templates/meeting.html", &meeting);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte skapa sidan moten/kommunchefsgruppen/2013-04-17/: variabeln `sida` finns inte
  --> themes/default/templates/meeting.html:35:12
   |
35 |     <dd>{{ sida }}</dd>
   |            ^^^^
   |
   = hjälp: variablerna som finns är alternates, assets, base, breadcrumbs, home, nav, page, path, root, s, section, shared, site, t, title
"
    );
}

#[test]
fn a_fault_in_the_strings_is_shown_at_its_place() {
    let mut site = TestSite::minimal();
    site.write("themes/default/strings.toml", "[status]\nopen = \"Öppen\n");
    assert_eq!(
        failure(&site),
        "\
fel: TOML-syntaxfel: texten inom citattecken är inte avslutad
 --> themes/default/strings.toml:2:14
  |
2 | open = \"Öppen
  |              ^ här slutar texten
  |
  = hjälp: avsluta texten med samma citattecken på samma rad; text på flera rader skrivs mellan \"\"\" och \"\"\"
"
    );
}

#[test]
fn a_fault_without_a_place_names_the_templates() {
    let mut site = TestSite::minimal();
    let meeting =
        default_template("meeting.html").replace(r#"{% extends "base.html" %}"#, r#"{% extends "meeting.html" %}"#);
    site.write("themes/default/templates/meeting.html", &meeting);
    assert_eq!(
        failure(&site),
        "\
fel: kunde inte läsa temats mallar: Circular extend detected for template 'meeting.html'. Inheritance chain: `[\"meeting.html\"]`
  = hjälp: rätta mallen i temat (themes/…/templates/)
"
    );
}
