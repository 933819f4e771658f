//! The built site answers the public's questions from real content: decisions, money,
//! assignments, feeds and calendars; it works under any sub-path; it says it is Swedish.

mod common;

use common::{TestSite, repo};
use kansli::build::render_to_memory;
use kansli::model::Edition;
use kansli::render::Artefact;

const NBSP: char = '\u{a0}';

fn site(root: &std::path::Path, edition: Edition) -> Vec<Artefact> {
    rendered(&TestSite::from_dir(root), edition)
}

fn rendered(site: &TestSite, edition: Edition) -> Vec<Artefact> {
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(edition);
    render_to_memory(&site.source, &model, edition, false).expect("the site renders").0
}

fn page(artefacts: &[Artefact], path: &str) -> String {
    let a = artefacts.iter().find(|a| a.path == path).unwrap_or_else(|| panic!("no page {path}"));
    String::from_utf8(a.bytes.clone()).unwrap()
}

/// The text of an HTML page without tags, whitespace squashed: what a reader sees.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&amp;", "&").split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn meeting_page_shows_item_4_decision_and_its_amount() {
    let all = site(&repo(), Edition::Public);
    let html = page(&all, "moten/kommunchefsgruppen/2013-05-15/index.html");
    let text = visible(&html);
    // As written, with the figure kept on one line (no-break spaces, as the PDF has them).
    assert!(text.contains(&format!(
        "Projektet antas enligt förslag och finansieras med 300{NBSP}000{NBSP}kr av Umeåregionens utvecklingsmedel."
    )));
    assert!(text.contains(&format!("300{NBSP}000{NBSP}kr")), "the amount as structured money");
    assert!(html.contains(r#"id="p4""#), "each item has a stable anchor");
    assert!(text.contains("onsdag 15 maj 2013"));
    // The decision comes before the description within the item.
    let item4 = &html[html.find(r#"id="p4""#).unwrap()..html.find(r#"id="p5""#).unwrap()];
    assert!(item4.find("Projektet antas").unwrap() < item4.find("Jan Långström och Jan Olofsson").unwrap());
}

#[test]
fn start_page_counts_name_each_number_in_its_form() {
    let text = visible(&page(&site(&repo(), Edition::Public), "index.html"));
    assert!(text.contains("1 möte 9 beslut 2 uppdrag som inte är klara"), "{text}");
    // As of the last published record: the real site's is from 2013 (the journalist review
    // read "2 uppdrag som inte är klara" as the state of today).
    assert!(
        text.contains(
            "klara Till och med mötet 15 maj 2013, det senaste med publicerade protokoll eller minnesanteckningar."
        ),
        "{text}"
    );
    let vannas = visible(&page(&site(&repo(), Edition::Public), "kommuner/vannas/index.html"));
    assert!(
        vannas.contains(
            "Frågor som kommunen ska besvara eller besluta om Läget till och med mötet 15 maj 2013, det senaste med"
        ),
        "{vannas}"
    );
    let text = visible(&page(&rendered(&TestSite::minimal(), Edition::Public), "index.html"));
    assert!(text.contains("2 möten"), "{text}");
}

/// A goal may name its unit after the value 1: "1 kommun", "4 kommuner".
#[test]
fn a_goals_unit_after_one_is_singular_when_the_plan_says_so() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let text = visible(&page(&all, "organ/digitalisering/2025/index.html"));
    assert!(text.contains(&format!("Utgångsläge 1{NBSP}kommun Målvärde 4{NBSP}kommuner")), "{text}");
    assert!(text.contains(&format!("Utgångsläge 0{NBSP}kommuner Målvärde 5{NBSP}kommuner")), "{text}");
}

#[test]
fn a_groups_goals_give_each_figure_its_unit_once() {
    let text = visible(&page(&rendered(&TestSite::minimal(), Edition::Public), "organ/webb/2013/index.html"));
    assert!(text.contains(&format!("Utgångsläge 100{NBSP}besök per dag Målvärde 150{NBSP}besök per dag")), "{text}");
    assert!(text.contains(&format!("Utfall 130{NBSP}besök per dag")), "{text}");
    assert!(!text.contains("per dag besök"), "{text}");
    // Goals are numbered by their place in the plan; the source's ids ("m1") stay there.
    assert!(text.contains("Mål 1 Delvis uppfyllt"), "{text}");
    assert!(!text.contains("m1"), "{text}");
}

#[test]
fn a_reports_work_with_the_areas_is_markdown() {
    let mut site = TestSite::minimal();
    let report = "content/groups/webb/report-2013.toml";
    let text = format!("areas_work = \"Arbetet gällde *Hälsa*.\"\n{}", site.read(report));
    site.write(report, &text);
    let html = page(&rendered(&site, Edition::Public), "organ/webb/2013/index.html");
    assert!(html.contains("<p>Arbetet gällde <em>Hälsa</em>.</p>"), "{html}");
}

#[test]
fn a_meeting_names_the_day_its_minutes_were_adjusted_once() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let text = visible(&page(&all, "moten/regionradet/2025-03-06/index.html"));
    assert!(text.contains("Justerat 13 mars 2025"), "{text}");
    assert!(!text.contains("Justering Justering"), "{text}");
}

#[test]
fn the_follow_up_counts_goals_met_in_the_numbers_form() {
    let mut site = TestSite::minimal();
    let text = visible(&page(&rendered(&site, Edition::Public), "arbetsgrupper/2013/index.html"));
    assert!(text.contains("1: 0 helt uppfyllda, 1 delvis, 0 inte"), "{text}");
    site.edit("content/groups/webb/report-2013.toml", r#"fulfilment = "delvis""#, r#"fulfilment = "helt""#);
    let text = visible(&page(&rendered(&site, Edition::Public), "arbetsgrupper/2013/index.html"));
    assert!(text.contains("1: 1 helt uppfyllt, 0 delvis, 0 inte"), "{text}");
}

#[test]
fn a_download_link_names_its_format_once() {
    let all = site(&repo(), Edition::Public);
    let html = page(&all, "beslut/index.html");
    assert!(html.contains(r#"data/beslut.csv">Alla beslut <span class="file-meta">(CSV, "#), "{html}");
    // The open data page lists both files of all decisions, each link with its format.
    let html = page(&all, "oppna-data/index.html");
    assert!(html.contains(r#"data/beslut.csv">Alla beslut (CSV)</a>"#), "{html}");
    assert!(html.contains(r#"data/beslut.json">Alla beslut (JSON)</a>"#), "{html}");
}

#[test]
fn economy_2013_totals_include_items_4_and_8() {
    let all = site(&repo(), Edition::Public);
    let text = visible(&page(&all, "ekonomi/index.html"));
    // 300 000 (item 4, KC 2013-05-15) + 250 000 (item 8, decided by RR 2013-02-22).
    assert!(text.contains(&format!("2013 550{NBSP}000{NBSP}kr")), "{text}");
    assert!(text.contains("Projekt samverkan inom IT-området"));
    assert!(text.contains("Värdskap för en dag vid Stora Nolia"));
    // Applied for (2,8 mkr) is listed, not counted.
    assert!(text.contains(&format!("2{NBSP}800{NBSP}000{NBSP}kr")));
}

#[test]
fn assignments_list_item_9() {
    let all = site(&repo(), Edition::Public);
    let text = visible(&page(&all, "uppdrag/index.html"));
    assert!(text.contains("Kansliet får i uppdrag att utreda framtida behov av och möjligheter till att samlokalisera personal som är anställda för Umeåregionen."));
    // Item 3's answers were due 15 June 2013, after the latest record the site has (15 May
    // 2013): the records cannot show it late, whatever the build's today.
    assert!(
        text.contains(
            "Läget bygger på de publicerade protokollen och minnesanteckningarna, till och med mötet 15 maj 2013."
        ),
        "{text}"
    );
    assert!(text.contains("Försenade uppdrag (0)"), "{text}");
    assert!(text.contains("Pågående uppdrag (2)"), "{text}");
}

#[test]
fn municipalities_owe_their_answer_to_item_3() {
    let all = site(&repo(), Edition::Public);
    let text = visible(&page(&all, "kommuner/vindeln/index.html"));
    assert!(text.contains("Respektive kommuns deltagande i undersökningen UNGA13"), "{text}");
    assert!(text.contains("Vi ska öka andelen resor som sker med kollektivtrafik, till fots eller med cykel"));
    // The membership continues the lead's sentence, in lower case.
    assert!(text.contains("Vindelns kommun, medlem."), "{text}");
    // The answers were due 15 June 2013, after the latest record (15 May 2013): waiting,
    // as far as the records show, not late.
    assert!(text.contains("Väntar på svar") && !text.contains("Försenad"), "{text}");
}

/// "Vad gör min kommun?": the municipality's page leads to the decisions that concern it.
#[test]
fn a_municipality_page_links_the_decisions_that_concern_it() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let html = page(&all, "kommuner/granberga/index.html");
    // The count its page of decisions gives ("40 beslut").
    let list = page(&all, "beslut/kommuner/granberga/index.html");
    let count: String =
        list.split_once(r#"role="status">"#).unwrap().1.chars().take_while(char::is_ascii_digit).collect();
    assert!(!count.is_empty());
    assert!(
        html.contains(&format!(r#"<a href="../../beslut/kommuner/granberga/">Beslut som rör Granberga ({count})</a>"#)),
        "{html}"
    );
}

/// A meeting's page lists its items first, each a link to its decision; a confidential
/// item by its number only.
#[test]
fn a_meeting_page_lists_its_items_before_the_attendance() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let html = page(&all, "moten/kommunchefsgruppen/2025-10-15/index.html");
    let index = html.split_once(r#"<nav class="item-index""#).map(|(_, rest)| rest).unwrap();
    assert!(index.contains("<a href=\"#p3\">3. Jobba i Exempelregionen – beredning</a>"), "{index}");
    assert!(index.contains("<a href=\"#p4\">4. (sekretess)</a>"), "{index}");
    assert!(index.find("</nav>") < index.find(r#"class="attendance""#));
}

#[test]
fn decisions_have_facet_pages_that_work_without_javascript() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    for path in ["beslut/index.html", "beslut/organ/regionradet/index.html", "beslut/ar/2025/index.html"] {
        page(&all, path);
    }
    let all_decisions = visible(&page(&all, "beslut/index.html"));
    assert!(all_decisions.contains("Regionrådet"));
    let rr = page(&all, "beslut/organ/regionradet/index.html");
    assert!(!visible(&rr).contains("Mötets öppnande"), "procedural items without a decision are not decisions");

    // The facet menu is shared by the pages of one list: each list marks its own value,
    // and each page links from its own depth.
    let option = |path: &str| {
        let html = page(&all, path);
        let start = html.find("data-value=\"regionradet\"").expect("Regionrådet in the facet menu");
        let tag_start = html[..start].rfind("<a ").unwrap();
        html[tag_start..start + html[start..].find('>').unwrap() + 1].to_string()
    };
    let link = r#"<a href="../../../beslut/organ/regionradet/" data-value="regionradet" data-label="Regionrådet" data-count="53""#;
    assert_eq!(option("beslut/organ/regionradet/index.html"), format!(r#"{link} aria-current="page">"#));
    assert_eq!(option("beslut/ar/2025/index.html"), format!("{link}>"));
    assert_eq!(
        option("beslut/organ/regionradet/sida/2/index.html"),
        format!(r#"{} aria-current="page">"#, link.replace("../../../", "../../../../../"))
    );
    assert_eq!(option("beslut/index.html"), format!("{}>", link.replace("../../../", "../")));
}

#[test]
fn a_facet_menu_shows_some_values_and_links_to_the_page_with_all() {
    // 30 working groups and the two central bodies: more bodies than a menu shows.
    let mut source = kansli::source::MemSource::new(jiff::civil::Date::constant(2026, 11, 22));
    for (path, bytes) in
        kansli::generate::generate(&kansli::generate::Spec { meetings: 320, groups: Some(30), seed: 7 })
    {
        source.insert(path, bytes);
    }
    let checked = kansli::check::check(&source).unwrap();
    assert_eq!(checked.diagnostics.len(), 0);
    let model = checked.model.edition(Edition::Public);
    let all = render_to_memory(&source, &model, Edition::Public, false).unwrap().0;

    let facets: serde_json::Value = serde_json::from_str(&page(&all, "beslut/facets.json")).unwrap();
    let bodies: Vec<&str> =
        facets[0]["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
    assert_eq!(facets[0]["key"], "organ");
    assert!(bodies.len() > 20, "{} bodies have decisions", bodies.len());
    // The organ menu's values (data-value) and whether each is marked current.
    let menu = |path: &str| -> Vec<(String, bool)> {
        let html = page(&all, path);
        let start = html.find(r#"data-facet="organ""#).unwrap();
        let part = &html[start..start + html[start..].find("</div>").unwrap()];
        part.split("data-value=\"")
            .skip(1)
            .map(|s| (s[..s.find('"').unwrap()].to_string(), s[..s.find('>').unwrap()].contains("aria-current")))
            .collect()
    };
    let shown = menu("beslut/index.html");
    assert_eq!(shown.len(), 20);
    assert!(page(&all, "beslut/index.html").contains(&format!(
        r#"<li class="facet-more"><a href="../beslut/organ/">Visa alla<span class="visually-hidden">: Organ</span> <span class="count">({})</span></a></li>"#,
        bodies.len()
    )));
    // A body the menu leaves out is still in its own list's menu, marked, in its place.
    let hidden = bodies.iter().find(|b| !shown.iter().any(|(s, _)| s == *b)).unwrap();
    let own = menu(&format!("beslut/organ/{hidden}/index.html"));
    assert_eq!(own.len(), 21);
    assert_eq!(own.iter().filter(|(_, current)| *current).map(|(v, _)| v.as_str()).collect::<Vec<_>>(), [*hidden]);
    let in_order: Vec<&str> = bodies.iter().copied().filter(|b| own.iter().any(|(v, _)| v == b)).collect();
    assert_eq!(own.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>(), in_order);
    // The kind's page links every body's list, with its number of decisions.
    let kind = page(&all, "beslut/organ/index.html");
    for option in facets[0]["options"].as_array().unwrap() {
        let (value, count) = (option["value"].as_str().unwrap(), option["count"].as_u64().unwrap());
        let link = format!(r#"<a href="../../beslut/organ/{value}/">"#);
        assert!(kind.contains(&link), "{value} on the organ page");
        assert!(kind.contains(&format!("({count} beslut)")));
    }
    // Years, goals, areas and municipalities have fewer values: all shown, no link.
    assert_eq!(page(&all, "beslut/index.html").matches("facet-more").count(), 1);
}

#[test]
fn links_are_relative_so_the_site_works_under_any_sub_path() {
    for root in [repo(), repo().join("examples/demo")] {
        for a in site(&root, Edition::Public).iter().filter(|a| a.path.ends_with(".html") && a.path != "404.html") {
            let html = String::from_utf8_lossy(&a.bytes);
            assert!(!html.contains("href=\"/") && !html.contains("src=\"/"), "{} has a root-absolute link", a.path);
            assert!(html.contains("<html lang=\"sv\">"), "{} is Swedish", a.path);
            for external in ["http://", "https://"] {
                if let Some(i) = html.find(&format!("src=\"{external}")) {
                    panic!("{} loads {}", a.path, &html[i..(i + 60).min(html.len())]);
                }
            }
        }
    }
}

#[test]
fn feeds_and_calendars_parse() {
    let all = site(&repo(), Edition::Public);
    let atom = page(&all, "flode/beslut.atom");
    let doc = roxmltree::Document::parse(&atom).expect("Atom is XML");
    let entries = doc.descendants().filter(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "entry"))).count();
    assert_eq!(entries, 1, "one published record: Kommunchefsgruppen 2013-05-15");
    let ics = page(&all, "kalender/moten.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
    assert!(ics.contains("DTSTART;TZID=Europe/Stockholm:20130515T083000\r\n"));
}

/// The demo's study trip to Tammerfors is named by two items for 19–21 May 2026, and
/// moved to 20–22 October by the meeting of 20 May; Näringslivsdagen 2025 is named by
/// three items with the same day. Each is one row, with every item that names it.
#[test]
fn calendar_lists_each_period_once_and_says_when_it_moved() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let text = visible(&page(&all, "kalender/index.html")).replace(NBSP, " ");
    assert!(
        text.contains(
            "18 september 2025 Näringslivsdagen 2025 Kommunchefsgruppen 22 januari 2025, punkt 7 Övriga frågor \
             Regionrådet 6 mars 2025, § 8 Disposition av 2024 års överskott \
             Kommunchefsgruppen 23 april 2025, punkt 4 Näringslivsdagen 2025 16–22 september 2025"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "19–21 maj 2026 Studieresa till Tammerfors Nytt datum: 20–22 oktober 2026 \
             Regionrådet 5 mars 2026, § 6 Disposition av 2025 års överskott \
             Kommunchefsgruppen 18 mars 2026, punkt 5 Studieresa till Tammerfors"
        ),
        "{text}"
    );
    assert!(
        text.contains("20–22 oktober 2026 Studieresa till Tammerfors Kommunchefsgruppen 20 maj 2026, punkt 5"),
        "{text}"
    );
    assert!(text.contains("När Vad Nämns i"), "{text}");
}

/// Without JavaScript the search form could not search: it is hidden, and the notice
/// with the lists is shown (`kansli.js` swaps them).
#[test]
fn the_search_form_shows_only_with_javascript() {
    let html = page(&site(&repo(), Edition::Public), "sok/index.html");
    assert!(html.contains(r#"<form class="search-form" action="./" method="get" role="search" hidden>"#), "{html}");
    assert!(html.contains(r#"<div class="notice search-fallback" id="sok-utan-js">"#), "{html}");
}

/// The economy's table of amounts names the money's source, who decided it and the item
/// that records it, each under a heading of its own.
#[test]
fn the_economy_table_names_each_column_once() {
    let text = visible(&page(&site(&repo().join("examples/demo"), Edition::Public), "ekonomi/index.html"));
    assert!(text.contains("Beviljade belopp Datum Ändamål Källa Beslutat av Antecknat i"), "{text}");
    // A cost or an amount applied for was decided by no one: the body it was recorded by.
    assert!(text.contains("Datum Typ Ändamål Källa Organ Antecknat i"), "{text}");
}

/// The demo's total mixes its bodies' grants with 600 000 kr that Region Exempellänet
/// granted: the headline says how much is which.
#[test]
fn the_economy_total_says_how_much_others_granted() {
    let html = page(&site(&repo().join("examples/demo"), Edition::Public), "ekonomi/index.html");
    assert!(
        html.contains(&format!(
            "Beviljat totalt: <strong>2{NBSP}125{NBSP}000{NBSP}kr</strong>, varav 1{NBSP}525{NBSP}000{NBSP}kr av organen i samverkan \
             och 600{NBSP}000{NBSP}kr utanför samverkan</p>"
        )),
        "{html}"
    );
    let real = visible(&page(&site(&repo(), Edition::Public), "ekonomi/index.html"));
    assert!(!real.contains("varav"), "{real}");
}

/// The demo's Kommunchefsgruppen records, on 9 September 2026, 600 000 kr that Region
/// Exempellänet granted: the economy does not count it as granted by the group.
#[test]
fn an_amount_granted_outside_the_cooperation_is_not_the_meetings_body() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let text = visible(&page(&all, "ekonomi/index.html")).replace(NBSP, " ");
    assert!(
        text.contains(
            "Kommunchefsgruppen 60 000 kr 1 Regionrådet 1 465 000 kr 7 \
             Region Exempellänet (utanför samverkan) 600 000 kr 1 Summa 2 125 000 kr"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Region Exempellänet, regionala projektmedel Region Exempellänet Kommunchefsgruppen 9 september 2026"
        ),
        "{text}"
    );
    let meeting = visible(&page(&all, "moten/kommunchefsgruppen/2026-09-09/index.html")).replace(NBSP, " ");
    assert!(
        meeting.contains("Källa: Region Exempellänet, regionala projektmedel · Beviljat av Region Exempellänet"),
        "{meeting}"
    );
    let csv = page(&all, "data/ekonomi.csv");
    assert!(csv.contains("2026-09-09,Region Exempellänet,600000,beviljat,"), "{csv}");
}

/// Links that would read the same out of context say what they lead to: a feed or a
/// calendar names its format, and each item's link to its matter names the item (for
/// screen readers).
#[test]
fn links_say_what_they_lead_to() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let open_data = page(&all, "oppna-data/index.html");
    assert!(open_data.contains(r#"<a href="../flode/regionradet.atom">Regionrådet (Atom-flöde)</a>"#), "{open_data}");
    assert!(open_data.contains(r#"<a href="../kalender/regionradet.ics">Regionrådet (iCal)</a>"#), "{open_data}");
    let calendar = page(&all, "kalender/index.html");
    assert!(
        calendar.contains(r#"<a href="../kalender/moten.ics">Alla möten och korta händelser (iCal)</a>"#),
        "{calendar}"
    );
    let meeting = page(&all, "moten/regionradet/2025-06-05/index.html");
    assert!(
        meeting.contains(
            "Följ ärendet över tid<span class=\"visually-hidden\">: Budget 2026 och medlemsavgift</span></a>"
        ),
        "{meeting}"
    );
}

/// No working group publishes minutes in the demo: the groups' table has no column of
/// zeros that would read as if no group had met.
#[test]
fn the_groups_table_counts_meetings_only_when_some_are_published() {
    let text = visible(&page(&site(&repo().join("examples/demo"), Edition::Public), "arbetsgrupper/index.html"));
    assert!(text.contains("Grupp Typ Område Strategiska mål Biblioteksnätverket"), "{text}");
    assert!(!text.contains("Publicerade möten"), "{text}");
}

/// A role without an end says "sedan augusti 2019", and nothing more: no "nuvarande"
/// beside it, which the sources cannot always show (the real site's roles are "first
/// documented" on a day).
#[test]
fn a_person_s_open_role_reads_as_its_period() {
    let text =
        visible(&page(&site(&repo().join("examples/demo"), Edition::Public), "personer/lars-wennberg/index.html"));
    assert!(text.contains("Kommunchefsgruppen sekreterare sedan augusti 2019 Regionrådet"), "{text}");
}

/// A procedural item is only its sentence, as the minutes write it; an item with a
/// decision sets its description apart with a heading.
#[test]
fn a_procedural_item_has_no_description_heading() {
    let html = page(&site(&repo(), Edition::Public), "moten/kommunchefsgruppen/2013-05-15/index.html");
    let item = |n: u32| {
        let start = html.find(&format!("<section id=\"p{n}\"")).unwrap();
        visible(&html[start..start + html[start..].find("</section>").unwrap()])
    };
    assert!(item(1).starts_with("1. Mötets öppnande Johan Gammelgård öppnar sammanträdet"), "{}", item(1));
    assert!(item(4).contains("Ärendebeskrivning"), "{}", item(4));
}

/// On a phone the assignments' table scrolls: the status and the deadline come right
/// after the task, before who has it and where it was given.
#[test]
fn the_assignments_table_puts_status_and_deadline_after_the_task() {
    let text = visible(&page(&site(&repo().join("examples/demo"), Edition::Public), "uppdrag/index.html"));
    assert!(text.contains("Försenade uppdrag Uppdrag Status Senast Ansvarig Givet i"), "{text}");
}

/// The open data page names the terms of use when the site sets them (the demo: CC0),
/// and invents none when it does not (the real site): it says they are not set yet
/// (before, "fritt att använda" promised terms no one had decided).
#[test]
fn the_open_data_page_names_the_license_the_site_sets() {
    let demo = page(&site(&repo().join("examples/demo"), Edition::Public), "oppna-data/index.html");
    assert!(
        demo.contains(
            r#"<p>Uppgifterna får användas enligt <a href="https://creativecommons.org/publicdomain/zero/1.0/deed.sv" rel="license">CC0 1.0 Universell</a>.</p>"#
        ),
        "{demo}"
    );
    let real = page(&site(&repo(), Edition::Public), "oppna-data/index.html");
    assert!(!real.contains("rel=\"license\""), "{real}");
    assert!(!real.contains("fritt att använda") && !demo.contains("fritt att använda"));
    assert!(
        real.contains(
            "<p>Villkoren för att använda uppgifterna är inte fastställda ännu. Fråga kansliet om du vill återanvända dem.</p>"
        ),
        "{real}"
    );
}

/// Örnsköldsvik is not among the municipalities of the prioritised areas (Bilaga 1): its
/// page says so, where the others list their commitments.
#[test]
fn a_municipality_without_commitments_says_so() {
    let all = site(&repo(), Edition::Public);
    let text = visible(&page(&all, "kommuner/ornskoldsvik/index.html"));
    assert!(
        text.contains(
            "Valda åtaganden inom prioriterade områden Kommunen står inte bland dem som har valt åtaganden \
             i förteckningen över de prioriterade områdena. Prioriterade områden"
        ),
        "{text}"
    );
    assert!(!visible(&page(&all, "kommuner/umea/index.html")).contains("står inte bland"));
}

/// The start page's latest decisions leave out formalities (`formal = true`): on the
/// demo, five of its eight were "Övriga frågor", "Val av justerare" and the like.
#[test]
fn the_start_page_leaves_formalities_out_of_the_latest_decisions() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let html = page(&all, "index.html");
    let latest = &html[html.find("Senaste besluten").unwrap()..];
    let titles: Vec<&str> = latest
        .split("<h3 class=\"row-title\">")
        .skip(1)
        .take(8)
        .map(|row| row.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert_eq!(titles.len(), 8, "{latest}");
    // "Övriga frågor" stays when something was decided under it.
    for formal in ["Val av justerare", "Godkännande av dagordning", "Föregående protokoll"] {
        assert!(!titles.contains(&formal), "{titles:?}");
    }
    assert!(!titles.iter().any(|t| t.starts_with("Föregående")), "{titles:?}");
    // They are still decisions in the lists.
    assert!(visible(&page(&all, "beslut/index.html")).contains("Val av justerare"));
}

/// "Föregående minnesanteckningar" refers to the earlier meetings it approves, but is no
/// matter: the real site had a "matter" of that title (the domain review).
#[test]
fn a_formality_is_no_matter() {
    let all = site(&repo(), Edition::Public);
    assert!(!all.iter().any(|a| a.path.starts_with("arenden/kommunchefsgruppen-2013-05-15-2/")));
    assert!(all.iter().any(|a| a.path == "arenden/kommunchefsgruppen-2013-05-15-4/index.html"));
}

/// The headings of a matter's steps ("Kommunchefsgruppen 15 oktober 2025, punkt 5 …").
fn matter_steps(all: &[Artefact], key: &str) -> Vec<String> {
    let html = page(all, &format!("arenden/{key}/index.html"));
    html.split("<h3")
        .skip(1)
        .map(|h| visible(&format!("<h3{}", h.split("</h3>").next().unwrap())).replace(NBSP, " "))
        .collect()
}

/// Regionrådet's disposal of the 2024 surplus funds Näringslivsdagen and a study among
/// other things: the items that cite it for their money (`matter = false`) are not steps
/// of one matter with "Bokslut 2024" and with each other.
#[test]
fn a_reference_that_only_cites_a_funding_decision_joins_no_matter() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let steps = |key: &str| matter_steps(&all, key);
    assert_eq!(
        steps("kommunchefsgruppen-2025-02-19-3"),
        [
            "Kommunchefsgruppen 19 februari 2025, punkt 3 Bokslut 2024 för kansliet",
            "Regionrådet 6 mars 2025, § 8 Disposition av 2024 års överskott"
        ],
    );
    assert_eq!(
        steps("kommunchefsgruppen-2025-04-23-4"),
        [
            "Kommunchefsgruppen 23 april 2025, punkt 4 Näringslivsdagen 2025",
            "Kommunchefsgruppen 15 oktober 2025, punkt 6 Näringslivsdagen 2025 – återrapport"
        ],
    );
}

/// The real Kommunchefsgruppen's members are first documented in the minutes of 15 May
/// 2013; when they began is unknown, and the pages say so.
#[test]
fn a_role_known_only_from_a_day_says_known_since() {
    let all = site(&repo(), Edition::Public);
    let person = visible(&page(&all, "personer/johan-gammelgard/index.html"));
    assert!(person.contains("Kommunchefsgruppen ordförande känd sedan 15 maj 2013"), "{person}");
    let body = visible(&page(&all, "organ/kommunchefsgruppen/index.html"));
    assert!(body.contains("känd sedan 15 maj 2013"), "{body}");
    assert!(!body.replace("känd sedan 15 maj 2013", "").contains("sedan 15 maj 2013"), "{body}");
}

/// A cancelled meeting says so first on its page, in the lists and calendars
/// (STATUS:CANCELLED) and in OParl; it has no record, and no packet that would read as
/// an invitation.
#[test]
fn a_cancelled_meeting_says_so_everywhere() {
    let mut site = TestSite::minimal();
    site.write(
        "content/meetings/kommunchefsgruppen/2013-06-12.toml",
        "kind = \"minnesanteckningar\"\ndate = 2013-06-12\nstart = 08:30:00\nchair = \"anna-ek\"\n\
         cancelled = \"Ärendena tas upp 2013-08-21.\"\n\n\
         [[item]]\nnumber = 1\ntitle = \"Budget\"\nproposal = \"Budgeten fastställs.\"\n",
    );
    let all = rendered(&site, Edition::Public);
    let text = visible(&page(&all, "moten/kommunchefsgruppen/2013-06-12/index.html"));
    assert!(text.contains("Mötet är inställt. Ärendena tas upp 2013-08-21."), "{text}");
    assert!(!text.contains("Mötet har inte hållits ännu"), "{text}");
    assert!(!text.contains("Ordförande och sekreterare"), "no one signs a meeting not held: {text}");
    let body = visible(&page(&all, "organ/kommunchefsgruppen/index.html"));
    assert!(body.contains("12 juni 2013 Inställt"), "{body}");
    let ics = page(&all, "kalender/moten.ics");
    let event = &ics[ics.find("UID:kommunchefsgruppen-2013-06-12@").unwrap()..];
    let event = &event[..event.find("END:VEVENT").unwrap()];
    assert!(event.contains("STATUS:CANCELLED\r\n") && event.contains("SUMMARY:Inställt: Möte i"), "{event}");
    // The revision of an event already announced: a higher sequence (RFC 5546).
    assert!(event.contains("SEQUENCE:1\r\n"), "{event}");
    assert!(!ics.replace(event, "").contains("SEQUENCE:"), "only the cancelled one");
    let oparl = page(&all, "data/oparl/meeting/kommunchefsgruppen/2013-06-12.json");
    assert!(oparl.contains(r#""meetingState":"inställt","cancelled":true"#), "{oparl}");
}

/// The open data page describes every column of every table it offers.
#[test]
fn the_open_data_page_describes_every_column() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let html = page(&all, "oppna-data/index.html");
    for table in [
        "data/beslut.csv",
        "data/uppdrag.csv",
        "data/ekonomi.csv",
        "data/mal.csv",
        "data/aktiviteter.csv",
        "data/fragor.csv",
        "data/narvaro.csv",
    ] {
        let csv = page(&all, table);
        for column in csv.lines().next().unwrap().split(',') {
            assert!(html.contains(&format!("<code>{column}</code>")), "{table}: {column} is not described");
        }
    }
}

/// The header's link names the site once: "Umeåregionen – beslut och protokoll", not that
/// and "Umeåregionen" again after it (the reader review heard both read out).
#[test]
fn the_header_names_the_site_once() {
    let html = page(&site(&repo(), Edition::Public), "index.html");
    let title = &html[html.find("<p class=\"site-title\">").unwrap()..];
    let title = &title[..title.find("</p>").unwrap()];
    assert_eq!(visible(title), "Umeåregionen – beslut och protokoll", "{title}");
}

/// A body's page names its kind above its name only when the name does not say it:
/// "Regionråd" above "Regionrådet" read as a typo; "Arbetsgrupp" above
/// "Digitaliseringsgruppen" tells something.
#[test]
fn a_body_page_names_its_kind_only_when_the_name_does_not() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    assert!(!page(&all, "organ/regionradet/index.html").contains("<p class=\"kicker\">"));
    let group = page(&all, "organ/digitalisering/index.html");
    assert!(group.contains("<p class=\"kicker\">Arbetsgrupp</p>"), "{group}");
}

#[test]
fn accessibility_statement_links_digg_from_every_page() {
    let all = site(&repo(), Edition::Public);
    let statement = page(&all, "tillganglighet/index.html");
    assert!(statement.contains("https://www.digg.se/tdosanmalan"));
    assert!(visible(&statement).contains("delvis förenlig"));
    assert!(page(&all, "index.html").contains("tillganglighet/"));
    assert!(page(&all, "404.html").contains("href=\"/beslut/"), "the 404 page links from the site's base path");
}

#[test]
fn internal_edition_marks_every_page() {
    let public = site(&repo().join("examples/demo"), Edition::Public);
    let internal = site(&repo().join("examples/demo"), Edition::Internal);
    let marking = "Intern version";
    assert!(!page(&public, "index.html").contains(marking));
    for a in internal.iter().filter(|a| a.path.ends_with(".html")) {
        assert!(String::from_utf8_lossy(&a.bytes).contains(marking), "{} is marked internal", a.path);
    }
}

/// `serve` finds a page by the path `pages::path` gives its job, without building views.
#[test]
fn every_job_lives_where_its_view_says() {
    use kansli::render::pages::{Ctx, path, plan, view};
    let site = TestSite::from_dir(&repo().join("examples/demo"));
    let checked = site.check();
    let strings = kansli::render::theme::load(&site.source, "default").unwrap().strings;
    for edition in [Edition::Public, Edition::Preview, Edition::Internal] {
        let model = checked.model.edition(edition);
        let ctx = Ctx::new(&model, &strings, edition, true);
        let jobs = plan(&ctx);
        assert!(jobs.len() > 100);
        for job in &jobs {
            assert_eq!(path(&ctx, job), view(&ctx, job).path, "{job:?}");
        }
    }
}

/// A held meeting whose file is still the notice: proposals, no decisions, no attendance.
const HELD_NOTICE: &str = r#"kind = "minnesanteckningar"
date = 2026-11-18
chair = "anna-ek"

[[item]]
number = 1
title = "Cykelpooler"
proposal = "Cykelpoolerna förvaltas av kommunerna."

[[item.reference]]
to = "kommunchefsgruppen/2013-05-15#2"

[[item.money]]
amount = 14000
kind = "kostnad"
purpose = "Drift av cykelpool"
"#;

#[test]
fn a_held_meeting_without_its_record_is_shown_as_the_notice_it_still_is() {
    let mut site = TestSite::minimal();
    let path = "content/meetings/kommunchefsgruppen/2026-11-18.toml";
    site.write(path, HELD_NOTICE);
    let all = rendered(&site, Edition::Public);
    let text = visible(&page(&all, "moten/kommunchefsgruppen/2026-11-18/index.html"));
    assert!(text.contains("Kallelse Kommunchefsgruppen 18 november 2026"), "{text}");
    assert!(
        text.contains(
            "Mötet har hållits, men minnesanteckningarna är inte publicerade ännu. \
             Nedan visas föredragningslistan med förslag till beslut."
        ),
        "{text}"
    );
    let listed = visible(&page(&all, "organ/kommunchefsgruppen/index.html"));
    assert!(listed.contains("18 november 2026 Kallelse · 1 ärende Minnesanteckningar kommer"), "{listed}");
    // Nothing was decided: no feed entry, no money, and the matter shows a proposal.
    assert!(!page(&all, "flode/beslut.atom").contains("18 november 2026"));
    assert!(!page(&all, "data/ekonomi.csv").contains("Drift av cykelpool"));
    assert!(!page(&all, "data/oparl/meeting/kommunchefsgruppen/2026-11-18.json").contains("minnesanteckningar"));
    let matter = all
        .iter()
        .filter(|a| a.path.starts_with("arenden/") && a.path.ends_with("/index.html") && a.path != "arenden/index.html")
        .map(|a| visible(&String::from_utf8_lossy(&a.bytes)))
        .find(|t| t.contains("Cykelpoolerna förvaltas"))
        .expect("the matter of the notice's item");
    assert!(matter.contains("Förslag till beslut Cykelpoolerna förvaltas av kommunerna."), "{matter}");

    // Attendance written after the meeting makes the file the record.
    let text =
        site.read(path).replace("chair = \"anna-ek\"\n", "chair = \"anna-ek\"\n\n[[attendee]]\nperson = \"anna-ek\"\n");
    site.write(path, &text);
    let all = rendered(&site, Edition::Public);
    let text = visible(&page(&all, "moten/kommunchefsgruppen/2026-11-18/index.html"));
    assert!(text.contains("Minnesanteckningar Kommunchefsgruppen 18 november 2026"), "{text}");
    assert!(!text.contains("inte publicerade ännu"), "{text}");
    assert!(page(&all, "flode/beslut.atom").contains("Kommunchefsgruppen 18 november 2026 – minnesanteckningar"));
    assert!(page(&all, "data/ekonomi.csv").contains("Drift av cykelpool"));
}

#[test]
fn a_table_in_a_description_scrolls_in_its_own_box() {
    let mut site = TestSite::minimal();
    site.edit(
        "content/meetings/kommunchefsgruppen/2013-05-15.toml",
        "description = \"Anna Ek öppnar mötet.\"",
        "description = \"\"\"\n| År | Kronor |\n|---|---|\n| 2013 | 300 000 |\n\"\"\"",
    );
    let html = page(&rendered(&site, Edition::Public), "moten/kommunchefsgruppen/2013-05-15/index.html");
    assert!(html.contains("<div class=\"table-wrap\"><table>"), "{html}");
    assert!(html.contains("</table></div>"), "{html}");
}

/// On a matter's page, what a later item tells of an earlier meeting names that item.
#[test]
fn a_matter_says_which_item_tells_of_an_earlier_meeting() {
    let all = site(&repo(), Edition::Public);
    let html = page(&all, "arenden/kommunchefsgruppen-2013-05-15-4/index.html");
    assert!(
        html.contains(&format!(
            r#"<span class="label">Enligt <a href="../../moten/kommunchefsgruppen/2013-05-15/#p4">Kommunchefsgruppen 15 maj 2013, punkt{NBSP}4 Samverkan inom IT-området</a>:</span> Vid kommunchefsmötet 2013-01-23"#
        )),
        "{html}"
    );
}

/// The decisions that concern a municipality include those that name it, and the areas
/// it chose count only while it is a member (the journalist review: Tallvik, named in
/// Kommunchefsgruppen 14 October 2026 item 3, was missing; Sjöby, a member from
/// 1 July 2025, had decisions of January 2025 through its areas).
#[test]
fn a_decision_concerns_the_municipalities_it_names_and_members_areas() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let data: serde_json::Value = serde_json::from_slice(page(&all, "beslut/data.json").as_bytes()).unwrap();
    let of = |href: &str| -> Vec<String> {
        let row = data.as_array().unwrap().iter().find(|r| r["href"] == href).unwrap_or_else(|| panic!("{href}"));
        row["municipalities"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect()
    };
    let named = of("moten/kommunchefsgruppen/2026-10-14/#p3");
    assert!(named.contains(&"tallvik".to_string()) && named.contains(&"sjoby".to_string()), "{named:?}");
    assert!(!of("moten/kommunchefsgruppen/2025-01-22/#p6").contains(&"sjoby".to_string()));
}

/// The decisions filter (kansli.js, on `beslut/data.json`) counts what the static lists
/// count (`beslut/facets.json`, the pages without JavaScript), for every value of every
/// facet. The data review found "Effektivisera" 36 without JavaScript and 35 with it: an
/// item whose subgoal belongs to the goal counted only in the pages.
#[test]
fn the_filter_data_counts_what_the_decision_lists_count() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let data: serde_json::Value = serde_json::from_slice(page(&all, "beslut/data.json").as_bytes()).unwrap();
    let facets: serde_json::Value = serde_json::from_slice(page(&all, "beslut/facets.json").as_bytes()).unwrap();
    let rows = data.as_array().unwrap();
    let mut checked = 0;
    for facet in facets.as_array().unwrap() {
        let field = match facet["key"].as_str().unwrap() {
            "organ" => "body_key",
            "ar" => "year",
            "mal" => "goals",
            "omrade" => "areas",
            "kommun" => "municipalities",
            other => panic!("a facet the test does not know: {other}"),
        };
        for option in facet["options"].as_array().unwrap() {
            let value = option["value"].as_str().unwrap();
            let has = |v: &serde_json::Value| match v {
                serde_json::Value::Array(values) => values.iter().any(|v| v.as_str() == Some(value)),
                serde_json::Value::Number(n) => n.to_string() == value,
                v => v.as_str() == Some(value),
            };
            let counted = rows.iter().filter(|r| has(&r[field])).count();
            assert_eq!(counted as u64, option["count"].as_u64().unwrap(), "{field} = {value}");
            checked += 1;
        }
    }
    assert!(checked > 15, "{checked} values");

    // And the tables for download (beslut.json, and beslut.csv with the same rows, as
    // tests/feeds_data.rs checks) file each public decision by name as the lists do: a
    // journalist can make the counts again.
    let table: serde_json::Value = serde_json::from_slice(page(&all, "data/beslut.json").as_bytes()).unwrap();
    let public: Vec<&serde_json::Value> =
        table.as_array().unwrap().iter().filter(|r| r["sekretess"] == false).collect();
    assert_eq!(public.len(), rows.len(), "the lists' decisions");
    for (key, name) in [("mal", "mål"), ("omrade", "områden"), ("kommun", "kommuner")] {
        let facet = facets.as_array().unwrap().iter().find(|f| f["key"] == key).unwrap();
        for option in facet["options"].as_array().unwrap() {
            let label = &option["label"];
            let counted = public.iter().filter(|r| r[name].as_array().unwrap().contains(label)).count();
            assert_eq!(counted as u64, option["count"].as_u64().unwrap(), "{name}: {label}");
        }
    }
}

/// The start page's number of meetings is of those its caption names: held, with
/// published records ("Till och med mötet …"). Not the notices of coming meetings, nor a
/// cancelled one (the data review: 26 where the records were 23).
#[test]
fn the_start_page_counts_the_meetings_with_records() {
    let demo = TestSite::from_dir(&repo().join("examples/demo"));
    let model = demo.check().model.edition(Edition::Public);
    let records = model.meetings.iter().filter(|m| m.has_record(model.today)).count();
    let listed =
        model.meetings.iter().filter(|m| m.is_listed() && m.status != kansli::model::MeetingStatus::Hanvisning).count();
    assert!(
        records + 3 <= listed,
        "{records} records of {listed} meetings: the test needs notices and a cancelled one"
    );
    let start = page(&rendered(&demo, Edition::Public), "index.html");
    assert!(
        start.contains(&format!(r#"<span class="number">{records}</span> <span class="number-label">möten</span>"#)),
        "{start}"
    );
}

/// An "Övriga frågor" that reports on two matters is a step of each, and does not make
/// them one (the demo's Kommunchefsgruppen 22 April 2026, item 6, on the co-location
/// study and on Jobba i Exempelregionen: before, the co-location study was a step of the
/// skills study's matter, and had none of its own).
#[test]
fn an_item_on_two_matters_is_a_step_of_each() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let steps = |key: &str| matter_steps(&all, key);
    let other = "Kommunchefsgruppen 22 april 2026, punkt 6 Övriga frågor";
    let colocation = steps("kommunchefsgruppen-2025-10-15-5");
    assert_eq!(
        colocation,
        ["Kommunchefsgruppen 15 oktober 2025, punkt 5 Samlokalisering av kansliet och projektanställda", other]
    );
    let skills = steps("regionradet-2025-10-02-6");
    assert!(!skills.iter().any(|s| s.contains("Samlokalisering")), "{skills:?}");
    // The item's page links both, each by its matter's title; the other is Jobba i
    // Exempelregionen's, with the item as a step.
    let html = page(&all, "moten/kommunchefsgruppen/2026-04-22/index.html");
    let item = &html[html.find("id=\"p6\"").unwrap()..];
    let item = &item[..item.find("</section>").unwrap()];
    let linked: Vec<&str> =
        item.split("href=\"../../../arenden/").skip(1).map(|h| h.split('/').next().unwrap()).collect();
    assert_eq!(linked.len(), 2, "{item}");
    assert!(item.contains("href=\"../../../arenden/kommunchefsgruppen-2025-10-15-5/\">Samlokalisering av kansliet och projektanställda<"), "{item}");
    let jobs = steps(linked.iter().find(|k| **k != "kommunchefsgruppen-2025-10-15-5").unwrap());
    assert!(
        jobs.iter().any(|s| s.contains("Jobba i Exempelregionen")) && jobs.contains(&other.to_string()),
        "{jobs:?}"
    );
}

/// The stylesheet and the script are linked with the theme's version, so a cache that
/// keeps them long fetches them again when the theme changes; the site has an icon (a
/// browser asks for one on every visit).
#[test]
fn assets_are_linked_with_the_themes_version_and_the_site_has_an_icon() {
    let all = site(&repo(), Edition::Public);
    let html = page(&all, "index.html");
    let version = html.split("assets/kansli.css?v=").nth(1).expect("a versioned stylesheet").split('"').next().unwrap();
    assert_eq!(version.len(), 10, "{version}");
    assert!(html.contains(&format!("<script src=\"assets/kansli.js?v={version}\" defer></script>")), "{html}");
    assert!(
        html.contains(&format!("<link rel=\"icon\" href=\"assets/favicon.svg?v={version}\" type=\"image/svg+xml\">"))
    );
    assert!(all.iter().any(|a| a.path == "assets/favicon.svg"));
}

/// A body's page lists the assignments it has been given, with their status: the review
/// found the digitalisation group's late assignment only on the assignments page.
#[test]
fn a_body_page_lists_the_assignments_given_to_it() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    let text = visible(&page(&all, "organ/digitalisering/index.html"));
    let start = text.find("Uppdrag till Digitaliseringsgruppen").expect("the assignments");
    assert!(
        text[start..]
            .contains("Kartlägga kommunernas arkivbestånd och e-arkivbehov inom förstudien om gemensam e-arkivtjänst."),
        "{text}"
    );
    // A body given none has no such heading.
    let text = visible(&page(&all, "organ/regionradet/index.html"));
    assert!(!text.contains("Uppdrag till"), "{text}");
}

/// Each municipality has a feed of the decisions that concern it, the same decisions as
/// its decisions list ("Beslut som rör Sjöby (34)"), linked from its page.
#[test]
fn each_municipality_has_a_feed_of_the_decisions_that_concern_it() {
    let all = site(&repo().join("examples/demo"), Edition::Public);
    for slug in ["granberga", "tallvik", "bjorkfors", "alvnas", "sjoby"] {
        let html = page(&all, &format!("kommuner/{slug}/index.html"));
        assert!(
            html.contains(&format!("href=\"../../kommuner/{slug}/beslut.atom\">Prenumerera på nya beslut som rör")),
            "{slug}"
        );
        let text = visible(&html);
        let count: usize = text
            .split("Beslut som rör ")
            .nth(1)
            .and_then(|rest| rest.split(['(', ')']).nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{slug}: {text}"));
        let feed = page(&all, &format!("kommuner/{slug}/beslut.atom"));
        assert_eq!(feed.matches("<entry>").count(), count.min(50), "{slug}");
        assert!(feed.contains("<title>Kommunchefsgruppen ") || feed.contains("<title>Regionrådet "), "{feed}");
    }
}

/// The owner's page on personal data is linked in every footer when site.toml names it
/// (the site publishes names, roles and attendance), and not otherwise.
#[test]
fn the_footer_links_the_page_on_personal_data_when_there_is_one() {
    let demo = site(&repo().join("examples/demo"), Edition::Public);
    let link = "<a href=\"https://www.exempelregionen.example/personuppgifter/\">Personuppgifter</a>";
    for path in ["index.html", "personer/index.html", "moten/kommunchefsgruppen/2026-04-22/index.html"] {
        assert!(page(&demo, path).contains(link), "{path}");
    }
    assert!(!page(&site(&repo(), Edition::Public), "index.html").contains(">Personuppgifter</a>"));
}

/// A member municipality's page names each deciding body; where the sources name no one
/// from it, the page says so. The review read Vännäs's page, which listed only
/// Kommunchefsgruppen, as saying Vännäs has no politician in Regionrådet.
#[test]
fn a_municipality_page_says_when_the_sources_name_no_representative() {
    let text = visible(&page(&site(&repo(), Edition::Public), "kommuner/vannas/index.html"));
    assert!(text.contains("Regionrådet Källorna på webbplatsen anger ingen ledamot från kommunen."), "{text}");
    assert!(text.contains("Kommunchefsgruppen Åsa Ågren Wikström"), "{text}");
}
