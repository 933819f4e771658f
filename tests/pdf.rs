//! Typeset PDFs: the 2013-05-15 protocol holds the whole record and is archival and
//! tagged; text from the sources never runs as typst code; the two-page limit of plans is
//! reported; rebuilds are byte-identical; a broken template is a located diagnostic.

mod common;

use common::{TestSite, repo};
use kansli::build::{Failure, render_to_memory};
use kansli::diag::{Color, SourceFiles, render};
use kansli::model::Edition;
use kansli::render::Artefact;

const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
const PROTOCOL: &str = "moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf";

fn artefacts(site: &TestSite) -> Vec<Artefact> {
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(Edition::Public);
    match render_to_memory(&site.source, &model, Edition::Public, true) {
        Ok((artefacts, _)) => artefacts,
        Err(Failure::Theme(files, diagnostics)) => panic!("{}", rendered(&files, &diagnostics)),
        Err(other) => panic!("{other:?}"),
    }
}

fn rendered(files: &SourceFiles, diagnostics: &[kansli::diag::Diagnostic]) -> String {
    diagnostics.iter().map(|d| render(d, files, Color::Never)).collect::<Vec<_>>().join("\n")
}

fn file<'a>(artefacts: &'a [Artefact], path: &str) -> &'a [u8] {
    &artefacts.iter().find(|a| a.path == path).unwrap_or_else(|| panic!("no {path}")).bytes
}

/// The PDF's text with runs of whitespace made single spaces (lines wrap anywhere).
fn text(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).expect("PDF text");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn protocol_2013_05_15_holds_every_title_decision_and_attendee() {
    let site = TestSite::from_dir(&repo());
    let all = artefacts(&site);
    let text = text(file(&all, PROTOCOL));
    let checked = site.check();
    let meeting = checked.model.meetings.iter().find(|m| m.slug == "kommunchefsgruppen/2013-05-15").unwrap();
    for item in &meeting.items {
        assert!(text.contains(&squash(&format!("{}. {}", item.number, item.title))), "title of § {}", item.number);
        if let Some(decision) = &item.decision {
            assert!(text.contains(&squash(decision)), "decision of § {}", item.number);
        }
    }
    for attendance in meeting.attendees.iter().chain(&meeting.participants) {
        let name = &checked.model.person(attendance.person).name;
        assert!(text.contains(name.as_str()), "attendee {name}");
    }
    for label in ["Dag 2013-05-15", "Tid 08.30-11.00", "Plats Umeå stadshus, Nobelsalen", "Föredragande Erik Sedig"] {
        assert!(text.contains(label), "{label}");
    }
}

/// Item 9's list of four benefits stays on one page, and an item's facts ("Föredragande",
/// "Bilagor") are not parted by a page break (the review found both split before).
#[test]
fn short_lists_and_an_items_facts_are_not_split_across_pages() {
    let all = artefacts(&TestSite::from_dir(&repo()));
    {
        let path = PROTOCOL;
        let pages = pdf_extract::extract_text_from_mem_by_pages(file(&all, path)).unwrap();
        let page_of = |needle: &str| pages.iter().position(|p| squash(p).contains(needle));
        let first = page_of("Ekonomiska vinster genom samordning av tjänster");
        assert!(first.is_some() && first == page_of("Umeåregionen som organisation tydliggörs"), "{path}");
        for item in ["7. Studieresa till Island", "8. Aktiviteter på Stora Nolia"] {
            let at = page_of(item).unwrap_or_else(|| panic!("{path}: {item}"));
            let rest = squash(&pages[at]);
            let after = &rest[rest.find(item).unwrap()..];
            assert!(after.contains("Föredragande") && after.contains("Bilagor"), "{path}: {item}: {after}");
        }
    }
}

/// After the meeting the page calls the packet "Föredragningslista", "med bilagor" only
/// when it holds attachments (the real minutes' attachments are titles without files);
/// before it, "Kallelse".
#[test]
fn the_packet_link_names_the_agenda_after_the_meeting_and_the_files_only_when_there_are_some() {
    let page = |all: &[Artefact], date: &str| {
        String::from_utf8(file(all, &format!("moten/kommunchefsgruppen/{date}/index.html")).to_vec()).unwrap()
    };
    let real = page(&artefacts(&TestSite::from_dir(&repo())), "2013-05-15");
    assert!(real.contains(">Föredragningslista 15 maj 2013 <span class=\"file-meta\">(PDF"), "{real}");
    let mut site = TestSite::minimal();
    site.write(
        "content/meetings/kommunchefsgruppen/2099-01-14.toml",
        "kind = \"minnesanteckningar\"\ndate = 2099-01-14\n\n\
         [[item]]\nnumber = 1\ntitle = \"Budget\"\nproposal = \"Budgeten fastställs.\"\n",
    );
    let all = artefacts(&site);
    let minimal = page(&all, "2013-05-15");
    assert!(
        minimal.contains(">Föredragningslista med bilagor 15 maj 2013 <span class=\"file-meta\">(PDF"),
        "{minimal}"
    );
    let notice = page(&all, "2099-01-14");
    assert!(notice.contains(">Kallelse 14 januari 2099 <span class=\"file-meta\">(PDF"), "{notice}");
}

/// A cancelled meeting has no record, but its notice was sent and is a public document:
/// it is published, and says first (and in every page's header) that the meeting is
/// cancelled, and calls no one.
#[test]
fn a_cancelled_meetings_notice_is_published_marked_as_cancelled() {
    let mut site = TestSite::minimal();
    site.write(
        "content/meetings/kommunchefsgruppen/2013-06-12.toml",
        "kind = \"minnesanteckningar\"\ndate = 2013-06-12\nsecretary = \"erik-sedig\"\n\
         cancelled = \"Ärendena tas upp 2013-08-21.\"\n\n\
         [[item]]\nnumber = 1\ntitle = \"Budget\"\nproposal = \"Budgeten fastställs.\"\n",
    );
    let all = artefacts(&site);
    let pdfs: Vec<&str> = all
        .iter()
        .filter(|a| a.path.starts_with("moten/kommunchefsgruppen/2013-06-12/") && a.path.ends_with(".pdf"))
        .map(|a| a.path.as_str())
        .collect();
    assert_eq!(pdfs, ["moten/kommunchefsgruppen/2013-06-12/kallelse-kommunchefsgruppen-2013-06-12.pdf"]);
    let notice = text(file(&all, pdfs[0]));
    assert!(
        notice.contains(
            "KALLELSEKommunchefsgruppen Mötet är inställt. Ärendena tas upp 2013-08-21. Dag onsdag 12 juni 2013"
        ),
        "{notice}"
    );
    assert!(notice.contains("Budgeten fastställs.") && !notice.contains("Kallade") && !notice.contains("Förhinder"));
    let page = String::from_utf8(file(&all, "moten/kommunchefsgruppen/2013-06-12/index.html").to_vec()).unwrap();
    assert!(page.contains(">Kallelse till det inställda mötet 12 juni 2013 <span class=\"file-meta\">(PDF"), "{page}");
}

/// A procedural item is only its sentence, as the minutes write it: no heading
/// "Ärendebeskrivning" above it, in the protocol or in the packet.
#[test]
fn a_procedural_item_has_no_description_heading() {
    let all = artefacts(&TestSite::from_dir(&repo()));
    {
        let path = PROTOCOL;
        let text = text(file(&all, path));
        assert!(text.contains("1. Mötets öppnande Johan Gammelgård öppnar sammanträdet"), "{path}: {text}");
    }
}

/// Once the record is written, the sources no longer hold the notice: the packet is the
/// agenda and its attachments, with no decision, no description and nothing said at the
/// meeting (the review found "Beslut:" under "Förslag till beslut" in every such packet).
#[test]
fn a_packet_made_after_the_meeting_is_the_agenda_without_the_record() {
    let all = artefacts(&TestSite::from_dir(&repo()));
    let packet = text(file(&all, "moten/kommunchefsgruppen/2013-05-15/kallelse-kommunchefsgruppen-2013-05-15.pdf"));
    for expected in [
        "FÖREDRAGNINGSLISTA",
        "Föredragningslistan och bilagorna, sammanställda efter mötet. Besluten står i mötets minnesanteckningar.",
        "Nr Ärende Föredragande Bilagor",
    ] {
        assert!(packet.contains(expected), "{expected}: {packet}");
    }
    for record in [
        "Beslut:",
        "BESLUT",
        "Förslag till beslut",
        "Ärendebeskrivning",
        "Johan Gammelgård öppnar sammanträdet",
        "KALLELSE",
    ] {
        assert!(!packet.contains(record), "{record}: {packet}");
    }
}

#[test]
fn protocol_is_pdf_a2b_and_ua1_tagged_with_title_language_and_embedded_fonts() {
    let all = artefacts(&TestSite::from_dir(&repo()));
    let pdf = file(&all, PROTOCOL);
    let raw = String::from_utf8_lossy(pdf);
    for marker in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "Kommunchefsgruppen – minnesanteckningar 2013-05-15</rdf:li>",
        "/Lang(sv-SE)",
        "/Marked true",
    ] {
        assert!(raw.contains(marker), "{marker}");
    }
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "tagged: a structure tree");
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        fonts += 1;
        assert!(dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3"), "every font is embedded");
    }
    assert!(fonts >= 2);
}

#[test]
fn typst_syntax_in_sources_prints_literally() {
    let mut site = TestSite::minimal();
    let hostile = r#"#import "@preview/x:1.0.0": * och #read("/etc/passwd") och $ x^2 $ och 5 * 3 och snake_case och @etikett och a < b och C:\temp\ny"#;
    site.edit(KC, "title = \"Lokalförsörjning\"", "title = \"Lokalförsörjning #set page(fill: red)\"");
    site.edit(KC, "decision = \"Utredningen läggs till handlingarna.\"", &format!("decision = '''{hostile}'''"));
    let all = artefacts(&site);
    let text = text(file(&all, "moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf"));
    assert!(text.contains("Lokalförsörjning #set page(fill: red)"), "{text}");
    for part in [
        r#"#import "@preview/x:1.0.0": *"#,
        r#"#read("/etc/passwd")"#,
        "$ x^2 $",
        "5 * 3",
        "snake_case",
        "@etikett",
        "a < b",
        r"C:\temp\ny",
    ] {
        assert!(text.contains(part), "{part:?} is printed as written: {text}");
    }
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn plan_longer_than_two_pages_gets_a_warning() {
    let mut site = TestSite::minimal();
    let mut long = String::new();
    for n in 2..=14 {
        long.push_str(&format!(
            "\n[[goal]]\nid = \"m{n}\"\ntext = \"Öka andelen invånare som använder de gemensamma e-tjänsterna inom området, mätt med den årliga enkäten och besöksstatistiken, med hänsyn till skillnader mellan kommunerna.\"\nbaseline = 40\ntarget = 60\nunit = \"procent\"\ndeadline = 2013-10-31\n"
        ));
    }
    let plan = site.read("content/groups/webb/plan-2013.toml");
    let at = plan.find("[[activity]]").unwrap();
    site.write("content/groups/webb/plan-2013.toml", &format!("{}{long}\n{}", &plan[..at], &plan[at..]));
    // The report accounts for every goal, so that the site has no errors.
    let mut report = site.read("content/groups/webb/report-2013.toml");
    for n in 2..=14 {
        report.push_str(&format!("\n[[goal]]\ngoal = \"m{n}\"\nfulfilment = \"helt\"\n"));
    }
    site.write("content/groups/webb/report-2013.toml", &report);
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(Edition::Public);
    let (_, stats) = render_to_memory(&site.source, &model, Edition::Public, true).expect("renders");
    let warnings: Vec<String> = stats.warnings.iter().map(|d| render(d, &checked.files, Color::Never)).collect();
    // The report accounts for the same fourteen goals, so it is too long as well.
    let expected = "\
varning: verksamhetsplanen 2013 blir 3 sidor i PDF; mallen tillåter högst 2
 --> content/groups/webb/plan-2013.toml
  |
  = hjälp: korta texterna eller färre mål och aktiviteter; mer detaljerade planer hålls utanför

varning: verksamhetsberättelsen 2013 blir 3 sidor i PDF; mallen tillåter högst 2
 --> content/groups/webb/report-2013.toml
  |
  = hjälp: korta texterna eller färre mål och aktiviteter; mer detaljerade planer hålls utanför
";
    assert_eq!(warnings.join("\n"), expected);
}

#[test]
fn rebuilds_are_byte_identical() {
    let site = TestSite::from_dir(&repo().join("examples/demo"));
    let first = artefacts(&site);
    let second = artefacts(&site);
    assert_eq!(first.len(), second.len());
    let pdfs = first.iter().filter(|a| a.path.ends_with(".pdf")).count();
    assert!(pdfs > 50, "the demo has many PDFs: {pdfs}");
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.path, b.path);
        assert!(a.bytes == b.bytes, "{} differs between two builds", a.path);
    }
}

/// The diagnostics of typesetting the minimal site with `protocol` as its protocol template.
fn protocol_errors(protocol: &str) -> String {
    let mut site = TestSite::minimal();
    site.write("themes/default/typst/protocol.typ", protocol);
    let checked = site.check();
    let model = checked.model.edition(Edition::Public);
    match render_to_memory(&site.source, &model, Edition::Public, true) {
        Err(Failure::Theme(files, diagnostics)) => rendered(&files, &diagnostics),
        _ => panic!("a broken template fails the build"),
    }
}

#[test]
fn template_error_is_a_diagnostic_in_the_template() {
    assert_eq!(
        protocol_errors("#import \"common.typ\": *\n#let data = sys.inputs.data\n#data.nonexistent\n"),
        "\
fel: kunde inte skapa PDF-filen moten/kommunchefsgruppen/2013-04-17/kommunchefsgruppen-2013-04-17.pdf: nyckeln `nonexistent` finns inte
 --> themes/default/typst/protocol.typ:3:7
  |
3 | #data.nonexistent
  |       ^^^^^^^^^^^
  |
  = hjälp: finns nyckeln bara ibland, läs den med `.at(\"nonexistent\", default: none)` eller fråga först med `\"nonexistent\" in …`
"
    );
}

#[test]
fn a_misspelt_key_in_a_template_gets_a_suggestion_from_the_data() {
    assert_eq!(
        protocol_errors("#let data = sys.inputs.data\n#data.plase\n"),
        "\
fel: kunde inte skapa PDF-filen moten/kommunchefsgruppen/2013-04-17/kommunchefsgruppen-2013-04-17.pdf: nyckeln `plase` finns inte
 --> themes/default/typst/protocol.typ:2:7
  |
2 | #data.plase
  |       ^^^^^
  |
  = hjälp: menade du `place`?
  = hjälp: finns nyckeln bara ibland, läs den med `.at(\"plase\", default: none)` eller fråga först med `\"plase\" in …`
"
    );
}

#[test]
fn unknown_names_and_open_brackets_in_a_template_are_worded_in_swedish() {
    assert_eq!(
        protocol_errors("#let data = sys.inputs.data\n#strong(data-kind)\n"),
        "\
fel: kunde inte skapa PDF-filen moten/kommunchefsgruppen/2013-04-17/kommunchefsgruppen-2013-04-17.pdf: variabeln `data-kind` finns inte
 --> themes/default/typst/protocol.typ:2:9
  |
2 | #strong(data-kind)
  |         ^^^^^^^^^
  |
  = hjälp: menade du ett minus? skriv mellanslag omkring det: `data - kind`
"
    );
    assert_eq!(
        protocol_errors("#let data = sys.inputs.data\n#strong[#data.place\n"),
        "\
fel: kunde inte skapa PDF-filen moten/kommunchefsgruppen/2013-04-17/kommunchefsgruppen-2013-04-17.pdf: hakparentesen `[` stängs aldrig
 --> themes/default/typst/protocol.typ:2:8
  |
2 | #strong[#data.place
  |        ^
  |
  = hjälp: stäng den med `]`
"
    );
}

#[test]
fn other_template_errors_are_shown_as_typst_words_them() {
    assert_eq!(
        protocol_errors("#let data = sys.inputs.data\n#(data.place + 1)\n"),
        "\
fel: kunde inte skapa PDF-filen moten/kommunchefsgruppen/2013-04-17/kommunchefsgruppen-2013-04-17.pdf: cannot add string and integer
 --> themes/default/typst/protocol.typ:2:3
  |
2 | #(data.place + 1)
  |   ^^^^^^^^^^^^^^
"
    );
}

/// No page of the demo's meeting PDFs ends with a label parted from what it labels: a
/// decision box's "BESLUT", an item's "Föredragande" or "Bilagor", or a paragraph that
/// introduces a table ("Budget för projekttiden:"). The review found 25 such page ends.
#[test]
fn no_page_ends_with_a_label_parted_from_its_text() {
    let mut site = TestSite::from_dir(&repo().join("examples/demo"));
    // The meetings only: the plans and compilations take most of the typesetting time.
    let groups: Vec<String> =
        site.source.files().map(|(p, _)| p.to_string()).filter(|p| p.starts_with("content/groups/")).collect();
    for path in groups.iter().filter(|p| p.contains("/plan-") || p.contains("/report-")) {
        site.remove(path);
    }
    let all = artefacts(&site);
    let mut parted = Vec::new();
    for pdf in all.iter().filter(|a| a.path.starts_with("moten/") && a.path.ends_with(".pdf")) {
        let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf.bytes).unwrap();
        for (n, page) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
            let last = page.lines().map(str::trim).rfind(|l| !l.is_empty() && !l.contains("EXEMPELDATA"));
            let Some(last) = last else { continue };
            if ["BESLUT", "FÖRSLAG TILL BESLUT", "ÄRENDET UTGICK"].contains(&last)
                || last.starts_with("Föredragande")
                || last.starts_with("Bilagor")
                || last.ends_with(':')
            {
                parted.push(format!("{} page {}: {last}", pdf.path, n + 1));
            }
        }
    }
    assert!(parted.is_empty(), "{}", parted.join("\n"));
}

/// A plan is the document a body approved on a day: it lists the members of that day, not
/// those who joined later in the year (the demo's Maja Persson, from August 2025, in the
/// library network's plan approved in January). The year's report lists her.
#[test]
fn a_plan_lists_the_members_on_the_day_it_was_approved() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let plan = text(file(&all, "organ/bibliotek/2025/verksamhetsplan-bibliotek-2025.pdf"));
    let report = text(file(&all, "organ/bibliotek/2025/verksamhetsberattelse-bibliotek-2025.pdf"));
    assert!(plan.contains("Godkänd"), "{plan}");
    assert!(!plan.contains("Maja Persson"), "{plan}");
    assert!(report.contains("Maja Persson"), "{report}");
}

/// The marking of a document that is not the public record ("EXEMPELDATA – FIKTIVA
/// UPPGIFTER" in the demo) is in every page's footer, which is no part of the tagged text,
/// and also the first text of page 1, where a screen reader reads it. A yearly
/// compilation's contents do not list the document's own title.
#[test]
fn the_marking_is_text_on_page_one_and_a_compilation_lists_its_groups_only() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let pages = pdf_extract::extract_text_from_mem_by_pages(file(
        &all,
        "moten/kommunchefsgruppen/2025-01-22/kommunchefsgruppen-2025-01-22.pdf",
    ))
    .unwrap();
    assert_eq!(pages[0].matches("EXEMPELDATA – FIKTIVA UPPGIFTER").count(), 2, "{}", pages[0]);
    assert_eq!(pages[1].matches("EXEMPELDATA – FIKTIVA UPPGIFTER").count(), 1, "{}", pages[1]);
    let pages =
        pdf_extract::extract_text_from_mem_by_pages(file(&all, "arbetsgrupper/2025/verksamhetsplaner-2025.pdf"))
            .unwrap();
    assert_eq!(squash(&pages[0]).matches("Verksamhetsplaner 2025").count(), 1, "{}", pages[0]);
    assert!(squash(&pages[0]).contains("Innehåll"), "{}", pages[0]);
    // A protocol is dated the day it was checked and signed (Regionrådet 6 March 2025,
    // justerat 13 March), not the day of the meeting.
    let raw =
        String::from_utf8_lossy(file(&all, "moten/regionradet/2025-03-06/regionradet-2025-03-06.pdf")).into_owned();
    assert!(raw.contains("<xmp:CreateDate>2025-03-13"), "{}", &raw[raw.find("<x:xmpmeta").unwrap_or(0)..][..2000]);
    // Its signatures say which paragraphs they cover, should their page stand alone.
    let protocol = text(file(&all, "moten/regionradet/2025-03-06/regionradet-2025-03-06.pdf"));
    assert!(protocol.contains("Justering Justerade paragrafer § 1–11Justerat 2025-03-13"), "{protocol}");
}

/// A packet's lists of attachments say which of them follow in it, and as which number;
/// the others (another meeting's record, a title without a file) are titles only. The
/// PDF review could not tell which of four listed attachments was "Bilaga 1".
#[test]
fn a_packet_says_which_attachments_it_holds() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let packet = text(file(&all, "moten/kommunchefsgruppen/2026-12-02/kallelse-kommunchefsgruppen-2026-12-02.pdf"));
    assert_eq!(packet.matches("(bilaga 1)").count(), 1, "{packet}");
    assert!(packet.contains("Exempelregionens kansli (bilaga 1)"), "{packet}");
    assert!(!packet.contains("(bilaga 2)") && packet.contains("Bilaga 1:"), "{packet}");
    // After the meeting, in the agenda's column of attachments.
    let after = text(file(&all, "moten/kommunchefsgruppen/2025-02-19/kallelse-kommunchefsgruppen-2025-02-19.pdf"));
    assert!(after.contains("(bilaga 1)") && after.contains("Bilaga 1:"), "{after}");
}

/// A notice has what a kallelse has: the day in words, who is called and to whom
/// regrets go; the agenda made after the meeting has none of it.
#[test]
fn a_notice_says_who_is_called_and_where_regrets_go() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let notice = text(file(&all, "moten/kommunchefsgruppen/2026-12-02/kallelse-kommunchefsgruppen-2026-12-02.pdf"));
    let start = notice.find("KALLELSE").expect("the notice's kind");
    let head = &notice[start..notice.find("Föredragningslista").unwrap()];
    assert_eq!(
        head,
        "KALLELSEKommunchefsgruppen Dag onsdag 2 december 2026 Tid 08.30-11.30 \
         Plats Granberga kommunhus, Storsjösalen \
         Kallade Helena Forsberg, Granberga kommun, ordförande Magnus Eriksson, Tallviks kommun, vice ordförande \
         Ulrika Strand, Björkfors kommunJohan Lundmark, Älvnäs kommunBirgitta Hällgren, Sjöby kommun\
         Lars Wennberg, Exempelregionens kansli, sekreterare \
         Förhinder anmäls till Lars Wennberg, lars.wennberg@exempelregionen.example \
         Webbplats https://exempel.example/demo/moten/kommunchefsgruppen/2026-12-02/ "
    );
    let after = text(file(&all, "moten/kommunchefsgruppen/2025-02-19/kallelse-kommunchefsgruppen-2025-02-19.pdf"));
    assert!(!after.contains("Kallade") && !after.contains("Förhinder") && after.contains("Dag 2025-02-19"), "{after}");
}

/// A notice whose source lists no one calls the body's members on the day.
#[test]
fn a_notice_without_attendees_calls_the_members_of_the_day() {
    let mut site = TestSite::minimal();
    site.write(
        "content/meetings/kommunchefsgruppen/2026-12-09.toml",
        "kind = \"minnesanteckningar\"\ndate = 2026-12-09\nstart = 09:00:00\nsecretary = \"erik-sedig\"\n\n\
         [[item]]\nnumber = 1\ntitle = \"Mötets öppnande\"\n",
    );
    let all = artefacts(&site);
    let notice = text(file(&all, "moten/kommunchefsgruppen/2026-12-09/kallelse-kommunchefsgruppen-2026-12-09.pdf"));
    assert!(
        notice.contains(
            "Kallade Anna Ek, Alfa kommun, ordförandeBo Lind, Beta kommun Förhinder anmäls till Erik Sedig Webbplats"
        ),
        "{notice}"
    );
}

/// The kinds of the structure elements of a tagged PDF, with how many of each.
fn tag_counts(pdf: &[u8]) -> std::collections::BTreeMap<String, usize> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
    let mut counts = std::collections::BTreeMap::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if let Ok(kind) = dict.get(b"S").and_then(|s| s.as_name()) {
            *counts.entry(String::from_utf8_lossy(kind).into_owned()).or_insert(0) += 1;
        }
    }
    counts
}

/// "Beslut", "Förslag till beslut" and "Ärendebeskrivning" are headings (H3) that a
/// screen reader can jump to, not bookmarks; the agenda is bookmarked. The PDF review
/// found them tagged as paragraphs.
#[test]
fn an_items_labels_are_headings_a_reader_can_jump_to() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let path = "moten/kommunchefsgruppen/2026-04-22/kommunchefsgruppen-2026-04-22.pdf";
    let tags = tag_counts(file(&all, path));
    let text = text(file(&all, path));
    let labels = text.matches("BESLUT").count() + text.matches("Ärendebeskrivning").count();
    assert!(labels >= 4, "{text}");
    assert_eq!(tags.get("H3"), Some(&labels), "{tags:?}");
    let packet = file(&all, "moten/kommunchefsgruppen/2026-12-02/kallelse-kommunchefsgruppen-2026-12-02.pdf");
    let bookmarks = bookmarks(packet);
    assert!(bookmarks.iter().any(|b| b == "Föredragningslista"), "{bookmarks:?}");
    assert!(!bookmarks.iter().any(|b| b.contains("Ärendebeskrivning") || b.contains("BESLUT")), "{bookmarks:?}");
}

/// The titles of a PDF's bookmarks (outline items), in no particular order.
fn bookmarks(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
    doc.objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.has(b"Parent") && dict.has(b"Title"))
        .filter_map(|dict| lopdf::decode_text_string(dict.get(b"Title").ok()?).ok())
        .collect()
}

/// A PDF of `pages` blank A4 pages.
fn blank_pdf(pages: usize) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 m 10 10 l S".to_vec()));
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content }).into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Each page of an attachment in the packet says which attachment and which of its pages
/// it is, and a file longer than the packet shows says which pages are only in the
/// embedded original (the review found them cut off without a word).
#[test]
fn attachment_pages_are_captioned_and_a_cut_is_told() {
    let mut site = TestSite::minimal();
    let kc = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
    site.edit(
        kc,
        "file = \"bilagor/utredning.txt\"",
        "file = \"bilagor/utredning.pdf\"\n\n[[item.attachment]]\ntitle = \"Bilagor till utredningen\"\nfile = \"bilagor/lang.pdf\"",
    );
    site.write_bytes("content/bilagor/utredning.pdf", &blank_pdf(2));
    site.write_bytes("content/bilagor/lang.pdf", &blank_pdf(43));
    let all = artefacts(&site);
    let packet = text(file(&all, "moten/kommunchefsgruppen/2013-05-15/kallelse-kommunchefsgruppen-2013-05-15.pdf"));
    for caption in
        ["Bilaga 1, sida 1 av 2", "Bilaga 1, sida 2 av 2", "Bilaga 2, sida 1 av 43", "Bilaga 2, sida 40 av 43"]
    {
        assert!(packet.contains(caption), "{caption}: {packet}");
    }
    assert!(!packet.contains("sida 41 av 43"), "{packet}");
    assert!(
        packet.contains("Sidorna 41–43 visas inte här; de finns i originalfilen, som är bifogad i denna PDF."),
        "{packet}"
    );
}

/// A CSV attachment (a budget) is shown in the packet as a table, numbers aligned right;
/// before, the packet only said that the file could not be shown.
#[test]
fn a_csv_attachment_is_a_table_in_the_packet() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    let packet = text(file(&all, "moten/kommunchefsgruppen/2025-09-10/kallelse-kommunchefsgruppen-2025-09-10.pdf"));
    // A column's name may break after "_" (a zero-width space there).
    let packet = packet.replace('\u{200b}', "");
    for row in [
        "post budget_2025_kr utfall_2025_08_31_kr prognos_2025_kr avvikelse_mot_ budget_kr",
        "Personal -1290000 -812000 -1230000 60000",
        "Resultat 0 791390 150000 150000",
    ] {
        assert!(packet.contains(row), "{row}: {packet}");
    }
    assert!(!packet.contains("Filen kan inte visas som sidor här"), "{packet}");
}

/// A yearly compilation shows how the groups together serve the strategic plan's goals
/// (DOMAIN: "How do the groups together serve the three goals?"), from each plan's
/// purposes, and its summary's columns say what they count.
#[test]
fn a_compilation_shows_which_goals_each_group_serves() {
    let all = artefacts(&TestSite::from_dir(&repo().join("examples/demo")));
    // Without the hyphens where a cell's words break ("akti- viteter").
    let plans = text(file(&all, "arbetsgrupper/2025/verksamhetsplaner-2025.pdf")).replace(" \u{ad} ", "");
    assert!(plans.contains("Gruppernas bidrag till den strategiska planens mål"), "{plans}");
    assert!(plans.contains("Arbetsgrupp Antal mål Antal aktiviteter Prioriterade områden"), "{plans}");
    let start = plans.find("Ja betyder att").unwrap();
    // The library network's plan names goals 1 and 2; the digitalisation group's not 1.
    let matrix = &plans[start..];
    let row = |group: &str| {
        let from = matrix.find(group).unwrap_or_else(|| panic!("{group}: {matrix}"));
        matrix[from + group.len()..].split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    };
    assert_eq!(row("Biblioteksnätverket"), "Ja Ja –");
    assert!(row("Digitaliseringsgruppen").starts_with("–"), "{matrix}");
    let reports = text(file(&all, "arbetsgrupper/2025/verksamhetsberattelser-2025.pdf")).replace(" \u{ad} ", "");
    assert!(
        reports.contains("Arbetsgrupp Antal mål Helt uppfyllda Delvis uppfyllda Inte uppfyllda Aktiviteter genomförda"),
        "{reports}"
    );
}

/// The sitemap lists every PDF the build makes, the official documents, beside the pages.
#[test]
fn the_sitemap_lists_every_pdf() {
    let all = artefacts(&TestSite::minimal());
    let sitemap = String::from_utf8(file(&all, "sitemap.xml").to_vec()).unwrap();
    let pdfs: Vec<&str> =
        all.iter().map(|a| a.path.as_str()).filter(|p| p.ends_with(".pdf") && !p.starts_with("filer/")).collect();
    assert!(pdfs.len() >= 3, "{pdfs:?}");
    for pdf in pdfs {
        assert!(sitemap.contains(&format!("<loc>https://test.example/beslut/{pdf}</loc>")), "{pdf}: {sitemap}");
    }
}
