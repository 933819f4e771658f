//! Nothing confidential is published. A site built from the minimal fixture plants a
//! unique marker in every field of a confidential item, of confidential attachments
//! (including the text of a PDF attachment), of a draft meeting and of unpublished
//! contact details. The public build, written to disk with PDFs, is scanned byte by byte
//! (PDF text extracted, every PDF stream and every gzip file decompressed, recursively)
//! and holds none of them; the internal build of the same site holds every one, so the
//! scan is shown to see what it looks for. The preview edition (`serve --drafts`, made in
//! memory) shows the draft and nothing else of them. A confidential item keeps its number
//! and the site's notice on the public page and in the PDFs.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::TestSite;
use kansli::build::{Options, Quiet, build, render_to_memory};
use kansli::model::Edition;

const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
const DRAFT: &str = "content/meetings/kommunchefsgruppen/2013-06-12.toml";
const NOTICE: &str = "Sekretessbelagt enligt OSL (testwebbplatsen)";

/// A marker and the other ways the output may write it; found if any form is there.
struct Marker {
    forms: &'static [&'static str],
    planted_in: &'static str,
}

const fn m(forms: &'static [&'static str], planted_in: &'static str) -> Marker {
    Marker { forms, planted_in }
}

/// Everything that must stay out of the public edition and is in the internal one.
const SECRET: &[Marker] = &[
    // The confidential item 3 of 2013-05-15: every field.
    m(&["hemlig0001"], "confidential item: title"),
    m(&["hemlig0002"], "confidential item: guest presenter's name"),
    m(&["hemlig0003"], "confidential item: guest presenter's organisation"),
    m(&["hemlig0004"], "confidential item: proposal"),
    m(&["hemlig0005"], "confidential item: decision"),
    m(&["hemlig0006"], "confidential item: description"),
    m(&["hemlig0007"], "confidential item: OSL ground"),
    m(&["hemlig0008"], "confidential item: attachment title"),
    m(&["hemlig0009"], "confidential item: attachment file name"),
    m(&["hemlig0010"], "confidential item: text inside the attachment PDF"),
    m(&["hemlig0011"], "confidential item: assignment task"),
    m(&["hemlig0012"], "confidential item: money purpose"),
    m(&["hemlig0013"], "confidential item: money source"),
    m(&["hemlig0014"], "confidential item: money per"),
    m(&["4918273"], "confidential item: money amount"),
    m(&["hemlig0015"], "confidential item: reference note"),
    m(&["hemlig0016"], "confidential item: period"),
    m(&["2031-07-19", "20310719", "19juli2031"], "confidential item: assignment deadline"),
    m(&["hemlig0017"], "confidential item: follow-up question"),
    m(&["hemlig0018"], "confidential item: a municipality's answer"),
    // Confidential item 4: withdrawn.
    m(&["hemlig0019"], "confidential withdrawn item: why withdrawn"),
    // A confidential attachment of the public item 2.
    m(&["hemlig0020"], "confidential attachment: title"),
    m(&["hemlig0021"], "confidential attachment: file name"),
    m(&["hemlig0022"], "confidential attachment: text inside the PDF"),
    m(&["hemlig0023"], "confidential attachment: OSL ground"),
    // The draft meeting 2013-06-12.
    m(&["hemlig0030"], "draft: place"),
    m(&["hemlig0031"], "draft: note"),
    m(&["hemlig0032"], "draft: item title"),
    m(&["hemlig0033"], "draft: item decision"),
    m(&["hemlig0034"], "draft: item description"),
    m(&["hemlig0035"], "draft: attachment title"),
    m(&["hemlig0036"], "draft: attachment file name"),
    m(&["hemlig0037"], "draft: text inside the attachment PDF"),
    m(&["hemlig0038"], "draft: assignment task"),
    m(&["hemlig0039"], "draft: guest presenter"),
    // Contact details without publish_contact.
    m(&["hemlig0040"], "unpublished e-mail"),
    m(&["hemlig0041"], "unpublished phone"),
];

/// In neither edition: files referenced by nothing, and sums over confidential amounts
/// (lists, totals, feeds and open data show a confidential item as its number and the
/// notice in both editions; the internal edition shows it whole in its meeting and PDFs).
const NEVER: &[Marker] = &[
    m(&["5218273"], "the year's total with the confidential amount"),
    m(&["hemlig0050"], "unreferenced file: name"),
    m(&["hemlig0051"], "unreferenced file: content"),
];

/// Public text in the same places, so that the scan is seen to read every channel.
const OPEN: &str = "oppen0001";

/// A one-page PDF whose text (in a compressed content stream) is `text`.
fn pdf_with_text(text: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    // Some lines of the same text, so that compressing the stream pays (lopdf keeps a
    // stream uncompressed otherwise).
    let mut operations = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 24.into()])];
    for line in 0..8 {
        operations.push(Operation::new("Td", vec![72.into(), (700 - 30 * line).into()]));
        operations.push(Operation::new("Tj", vec![Object::string_literal(text)]));
    }
    operations.push(Operation::new("ET", vec![]));
    let mut stream = Stream::new(dictionary! {}, Content { operations }.encode().unwrap());
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(text), "the text is compressed");
    bytes
}

/// The minimal site with the markers planted.
fn site() -> TestSite {
    let mut site = TestSite::minimal();
    site.edit(
        "content/site.toml",
        "base_url = \"https://test.example/beslut/\"",
        &format!("base_url = \"https://test.example/beslut/\"\nconfidential_notice = \"{NOTICE}\""),
    );
    // Anna Ek keeps her contact details to herself; Bo Lind publishes his.
    site.edit(
        "content/organisation/people.toml",
        "title = \"kommunchef\"\n\n[[person]]\nid = \"bo-lind\"",
        "title = \"kommunchef\"\nemail = \"hemlig0040@test.example\"\nphone = \"070-HEMLIG0041\"\n\n[[person]]\nid = \"bo-lind\"",
    );
    site.edit(
        "content/organisation/people.toml",
        "municipality = \"beta\"\ntitle = \"kommunchef\"",
        "municipality = \"beta\"\ntitle = \"kommunchef\"\nemail = \"oppen0001@test.example\"\npublish_contact = true",
    );
    site.write_bytes("content/bilagor/hemlig0009.pdf", &pdf_with_text("HEMLIG0010"));
    site.write_bytes("content/bilagor/hemlig0021.pdf", &pdf_with_text("HEMLIG0022"));
    site.write_bytes("content/bilagor/hemlig0036.pdf", &pdf_with_text("HEMLIG0037"));
    site.write_bytes("content/bilagor/oppen.pdf", &pdf_with_text("OPPEN0001"));
    site.write("content/bilagor/hemlig0050.txt", "HEMLIG0051\n");
    // Item 2 is public, with a public and a confidential attachment, a public text and a
    // reference to the confidential item.
    site.edit(
        KC,
        "decision = \"Utredningen läggs till handlingarna.\"",
        "decision = \"Utredningen läggs till handlingarna.\"\ndescription = \"Text OPPEN0001.\"",
    );
    site.edit(
        KC,
        "[[item.reference]]\nto = \"kommunchefsgruppen/2013-04-17#2\"",
        r##"[[item.attachment]]
title = "Bilaga OPPEN0001"
file = "bilagor/oppen.pdf"

[[item.attachment]]
title = "HEMLIG0020"
file = "bilagor/hemlig0021.pdf"
public = false
osl = "HEMLIG0023"

[[item.reference]]
to = "#3"

[[item.reference]]
to = "kommunchefsgruppen/2013-04-17#2""##,
    );
    site.append(
        KC,
        r#"
[[item]]
number = 3
title = "HEMLIG0001"
presenter = { name = "HEMLIG0002", organisation = "HEMLIG0003" }
proposal = "HEMLIG0004"
decision = "HEMLIG0005"
description = """
HEMLIG0006, med en lista:

- HEMLIG0006"""
public = false
osl = "HEMLIG0007"
goals = ["utveckla"]
areas = ["halsa"]

[[item.attachment]]
title = "HEMLIG0008"
file = "bilagor/hemlig0009.pdf"

[[item.assignment]]
assignee = "kansli"
task = "HEMLIG0011"
deadline = 2031-07-19

[[item.money]]
amount = 4918273
purpose = "HEMLIG0012"
source = "HEMLIG0013"
per = "HEMLIG0014"

[[item.reference]]
to = "kommunchefsgruppen/2013-04-17"
note = "HEMLIG0015"

[[item.period]]
what = "HEMLIG0016"
from = 2013-06-01
until = 2013-06-30

[item.follow_up]
question = "HEMLIG0017"

[[item.follow_up.answer]]
municipality = "alfa"
answer = "HEMLIG0018"

[[item]]
number = 4
title = "HEMLIG0001"
withdrawn = "HEMLIG0019"
public = false
osl = "HEMLIG0007"
"#,
    );
    site.write(
        DRAFT,
        r#"kind = "minnesanteckningar"
status = "utkast"
date = 2013-06-12
start = 08:30:00
place = "HEMLIG0030"
chair = "anna-ek"
secretary = "erik-sedig"
note = "HEMLIG0031"

[[attendee]]
person = "anna-ek"
role = "ordförande"

[[item]]
number = 1
title = "HEMLIG0032"
presenter = { name = "HEMLIG0039" }
decision = "HEMLIG0033"
description = "HEMLIG0034"

[[item.attachment]]
title = "HEMLIG0035"
file = "bilagor/hemlig0036.pdf"

[[item.assignment]]
assignee = "kansli"
task = "HEMLIG0038"
"#,
    );
    site
}

fn build_to(site: &TestSite, edition: Edition, out: &Path) {
    let options = Options { out: out.to_path_buf(), edition, pdfs: true, cache: None };
    if let Err(failure) = build(&site.source, &options, &Quiet) {
        panic!("the {edition:?} build fails: {failure:?}\n{}", site.diagnostics());
    }
}

/// The preview edition, as `serve --drafts` makes it (in memory; with PDFs), written to
/// `out` for the same scan.
fn preview_to(site: &TestSite, out: &Path) {
    let checked = site.check();
    let model = checked.model.edition(Edition::Preview);
    let (artefacts, _) = render_to_memory(&site.source, &model, Edition::Preview, true).expect("the preview renders");
    for artefact in artefacts {
        let path = out.join(&artefact.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, artefact.bytes).unwrap();
    }
}

/// A marker planted in the draft meeting (which the preview edition shows).
fn in_draft(marker: &Marker) -> bool {
    marker.planted_in.starts_with("draft:")
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            assert!(!meta.file_type().is_symlink(), "no symbolic links in the output: {}", path.display());
            if meta.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Where a text was found: the channel ("bytes", "gzip", "pdf text", "pdf stream") chain.
#[derive(Debug)]
struct Text {
    channel: String,
    text: String,
}

/// Lower-case text without any whitespace (lines, non-breaking spaces and entities
/// for them are gone, so a marker split by a line break or a digit group is still seen).
fn normalise(text: &str) -> String {
    text.replace("&nbsp;", "")
        .replace("&#160;", "")
        .replace("&#xa0;", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every text a file holds: its bytes, and recursively what gzip and PDF hide.
fn texts(bytes: &[u8], channel: &str, out: &mut Vec<Text>, depth: usize) {
    out.push(Text { channel: channel.to_string(), text: normalise(&String::from_utf8_lossy(bytes)) });
    if depth > 4 {
        return;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut plain).expect("a gzip file decompresses");
        texts(&plain, &format!("{channel} > gzip"), out, depth + 1);
    }
    if bytes.starts_with(b"%PDF") {
        // Typeset text is glyph ids in the content streams: only the extracted text shows
        // it, so a PDF whose text cannot be extracted fails the test.
        let text = pdf_extract::extract_text_from_mem(bytes).unwrap_or_else(|e| panic!("{channel}: {e}"));
        out.push(Text { channel: format!("{channel} > pdf text"), text: normalise(&text) });
        let doc = lopdf::Document::load_mem(bytes).expect("every PDF in the output reads");
        for (id, object) in &doc.objects {
            if let Ok(stream) = object.as_stream() {
                let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                texts(&content, &format!("{channel} > pdf stream {id:?}"), out, depth + 1);
            }
        }
    }
}

/// Every text of the output, with the file it came from.
fn scan(dir: &Path) -> Vec<(String, Text)> {
    let mut out = Vec::new();
    for (path, bytes) in tree(dir) {
        out.push((path.clone(), Text { channel: "file name".into(), text: normalise(&path) }));
        let mut found = Vec::new();
        texts(&bytes, "bytes", &mut found, 0);
        out.extend(found.into_iter().map(|t| (path.clone(), t)));
    }
    out
}

fn found_in<'a>(scanned: &'a [(String, Text)], marker: &Marker) -> Vec<(&'a str, &'a str)> {
    scanned
        .iter()
        .filter(|(_, t)| marker.forms.iter().any(|f| t.text.contains(&normalise(f))))
        .map(|(path, t)| (path.as_str(), t.channel.as_str()))
        .collect()
}

#[test]
fn public_build_holds_no_marker_and_internal_build_holds_every_one() {
    let site = site();
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let internal = dir.path().join("internal");
    build_to(&site, Edition::Public, &public);
    build_to(&site, Edition::Internal, &internal);
    let public = scan(&public);
    let internal = scan(&internal);

    let mut leaks = Vec::new();
    for marker in SECRET.iter().chain(NEVER) {
        for (path, channel) in found_in(&public, marker) {
            leaks.push(format!("{} ({}) in {path} [{channel}]", marker.forms[0], marker.planted_in));
        }
    }
    assert!(leaks.is_empty(), "the public build leaks:\n{}", leaks.join("\n"));

    let missing: Vec<&str> =
        SECRET.iter().filter(|marker| found_in(&internal, marker).is_empty()).map(|marker| marker.planted_in).collect();
    assert!(missing.is_empty(), "the internal build should hold every marker; missing: {missing:?}");
    for marker in NEVER {
        assert!(found_in(&internal, marker).is_empty(), "{} is referenced by nothing", marker.planted_in);
    }

    // The public text is seen through every channel the scan opens.
    let open = m(&[OPEN], "public text");
    let channels: Vec<(&str, &str)> = found_in(&public, &open);
    let seen = |what: &dyn Fn(&str, &str) -> bool| channels.iter().any(|(path, channel)| what(path, channel));
    assert!(seen(&|p, c| p.ends_with(".html") && c == "bytes"), "in a page");
    assert!(seen(&|p, c| p.ends_with(".pdf") && c == "bytes > pdf text"), "in a typeset PDF's text");
    assert!(seen(&|p, c| p.starts_with("sok/data/") && c == "bytes"), "in the search index: {channels:?}");
    assert!(seen(&|p, c| p.ends_with("oppen.pdf") && c.contains("pdf text")), "in an attachment's text");
    assert!(seen(&|p, c| p.contains("kallelse") && c.contains("pdf stream")), "embedded in a board packet");
}

/// A confidential attachment leaves its public item, but not without a trace: the page
/// and the record say that one is withheld (a reader can only ask for a document they
/// know exists), and nothing of its title.
#[test]
fn a_withheld_attachment_is_counted_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    build_to(&site(), Edition::Public, dir.path());
    let files = tree(dir.path());
    let page = String::from_utf8(files["moten/kommunchefsgruppen/2013-05-15/index.html"].clone()).unwrap();
    let start = page.find("<section id=\"p2\"").expect("item 2 has its section");
    let item = &page[start..start + page[start..].find("</section>").unwrap()];
    assert!(item.contains("<li>1 bilaga omfattas av sekretess och publiceras inte.</li>"), "{item}");
    let protocol = &files["moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf"];
    let text = pdf_extract::extract_text_from_mem(protocol).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Bilaga OPPEN00011 bilaga omfattas av sekretess och publiceras inte."), "{text}");
}

/// The internal edition invites no crawler, should its folder be served by mistake: its
/// robots.txt forbids everything, it has no sitemap, and its marker names it.
#[test]
fn internal_build_forbids_crawlers_and_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    build_to(&site(), Edition::Internal, dir.path());
    let files = tree(dir.path());
    assert_eq!(
        String::from_utf8_lossy(&files["robots.txt"]),
        "# Intern version: får inte publiceras.\nUser-agent: *\nDisallow: /\n"
    );
    assert!(!files.contains_key("sitemap.xml"));
    assert!(String::from_utf8_lossy(&files[".kansli-utmapp"]).starts_with("kansli: internal\n"));
}

/// The preview shows the draft meeting whole, and nothing confidential.
#[test]
fn preview_holds_the_draft_and_no_other_marker() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    preview_to(&site, dir.path());
    let preview = scan(dir.path());
    let mut leaks = Vec::new();
    for marker in SECRET.iter().chain(NEVER).filter(|m| !in_draft(m)) {
        for (path, channel) in found_in(&preview, marker) {
            leaks.push(format!("{} ({}) in {path} [{channel}]", marker.forms[0], marker.planted_in));
        }
    }
    assert!(leaks.is_empty(), "the preview leaks:\n{}", leaks.join("\n"));
    let missing: Vec<&str> =
        SECRET.iter().filter(|m| in_draft(m) && found_in(&preview, m).is_empty()).map(|m| m.planted_in).collect();
    assert!(missing.is_empty(), "the preview shows the draft; missing: {missing:?}");
}

#[test]
fn confidential_item_shows_its_number_and_the_notice_only() {
    let site = site();
    let dir = tempfile::tempdir().unwrap();
    build_to(&site, Edition::Public, dir.path());
    let files = tree(dir.path());
    let page = String::from_utf8(files["moten/kommunchefsgruppen/2013-05-15/index.html"].clone()).unwrap();
    let start = page.find("<section id=\"p3\"").expect("item 3 has its section");
    let end = start + page[start..].find("</section>").unwrap();
    let section = &page[start..end];
    let section = section.replace("&nbsp;", " ");
    let words: String =
        section.split('<').filter_map(|part| part.split_once('>').map(|(_, text)| text)).collect::<Vec<_>>().join(" ");
    assert_eq!(words.split_whitespace().collect::<Vec<_>>().join(" "), format!("3. Sekretess {NOTICE}"));

    // The record: a short heading and the notice under it (the notice is no bookmark). The
    // packet after the meeting: the agenda's rows, and the notice once.
    for (pdf, numbered) in [
        (
            "moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf",
            format!("3. Sekretess {NOTICE} 4. Sekretess {NOTICE}"),
        ),
        (
            "moten/kommunchefsgruppen/2013-05-15/kallelse-kommunchefsgruppen-2013-05-15.pdf",
            format!("3 Sekretess 4 Sekretess {NOTICE}"),
        ),
    ] {
        let text = pdf_extract::extract_text_from_mem(&files[pdf]).unwrap();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&numbered), "{pdf}: {text}");
    }
}

/// A participant (not deciding) present only for some items is told, in public, only of
/// the public ones, and one who was there for confidential items alone is not listed:
/// their presence could name the subject (a personnel matter's presenter). Those deciding
/// are listed as written: who took each decision is public, as is the item's number. The
/// internal edition lists everyone.
#[test]
fn presence_for_confidential_items_only_is_not_published() {
    let mut site = site();
    site.edit(KC, "person = \"bo-lind\"\nitems = [2]", "person = \"bo-lind\"\nitems = [2, 3]");
    site.edit(
        KC,
        "person = \"erik-sedig\"\nrole = \"sekreterare\"",
        "person = \"erik-sedig\"\nrole = \"sekreterare\"\nitems = [3, 4]",
    );
    let dir = tempfile::tempdir().unwrap();
    let page = |edition: Edition| {
        build_to(&site, edition, dir.path());
        let page =
            String::from_utf8(tree(dir.path())["moten/kommunchefsgruppen/2013-05-15/index.html"].clone()).unwrap();
        let start = page.find("<section class=\"attendance\">").expect("the attendance");
        let part = &page[start..start + page[start..].find("</section>").unwrap()];
        let words: String = part.split('<').filter_map(|p| p.split_once('>').map(|(_, text)| text)).collect();
        words.replace("&nbsp;", " ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let public = page(Edition::Public);
    assert!(public.contains("Bo Lind, Beta kommun, ledamot (endast punkt 2–3)"), "{public}");
    assert!(!public.contains("Erik Sedig"), "{public}");
    let internal = page(Edition::Internal);
    assert!(internal.contains("Bo Lind, Beta kommun, ledamot (endast punkt 2–3)"), "{internal}");
    assert!(internal.contains("Erik Sedig"), "{internal}");
}
