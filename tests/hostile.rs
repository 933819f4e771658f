//! Hostile and broken input: each case is a located diagnostic with its exact text, never
//! a panic, and nothing of it reaches the output in a form that could act.
//!
//! Covered elsewhere: invalid UTF-8, a byte order mark and CRLF line endings in
//! `check_loader.rs` (an error, a warning that reads the file, and no diagnostic at all);
//! arbitrary and mutated bytes in `loader_robustness.rs`; the fuzz targets in `fuzz/`.

mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::{TODAY, TestSite};
use kansli::build::{Failure, Options, Quiet, build, render_to_memory};
use kansli::diag::{Color, render};
use kansli::model::Edition;
use kansli::render::Artefact;
use kansli::source::{Entry, FsSource, MemSource, Source};

const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
const DECISION: &str = "decision = \"Utredningen läggs till handlingarna.\"";
const ATTACHMENT: &str = "file = \"bilagor/utredning.txt\"";

/// Held by the tests that measure time and by the tests that typeset on every core, so
/// that no measurement runs beside a build of this file.
static TIMED: Mutex<()> = Mutex::new(());

fn timed() -> std::sync::MutexGuard<'static, ()> {
    TIMED.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[track_caller]
fn assert_diagnostics(site: &TestSite, expected: &str) {
    assert_text(&site.diagnostics(), expected);
}

#[track_caller]
fn assert_text(actual: &str, expected: &str) {
    if actual != expected {
        panic!("diagnostics differ.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}

/// Every diagnostic of a site on disk (links and sizes are the file system's own).
fn disk_diagnostics(root: &std::path::Path) -> String {
    let checked = kansli::check::check(&FsSource::with_today(root, TODAY)).unwrap();
    checked.diagnostics.iter().map(|d| render(d, &checked.files, Color::Never)).collect::<Vec<_>>().join("\n")
}

fn rendered(site: &TestSite, pdfs: bool) -> Vec<Artefact> {
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(Edition::Public);
    match render_to_memory(&site.source, &model, Edition::Public, pdfs) {
        Ok((artefacts, _)) => artefacts,
        Err(Failure::Theme(files, diagnostics)) => {
            panic!("{}", diagnostics.iter().map(|d| render(d, &files, Color::Never)).collect::<String>())
        }
        Err(other) => panic!("{other:?}"),
    }
}

fn text_of(artefacts: &[Artefact], path: &str) -> String {
    let found = artefacts.iter().find(|a| a.path == path).unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(found.bytes.clone()).unwrap()
}

const PAGE: &str = "moten/kommunchefsgruppen/2013-05-15/index.html";

/// The section of item 2 on its meeting's page (the page itself has the theme's scripts).
fn item_2(artefacts: &[Artefact]) -> String {
    let page = text_of(artefacts, PAGE);
    let start = page.find("<section id=\"p2\"").expect("item 2");
    page[start..start + page[start..].find("</section>").unwrap()].to_string()
}

// ---------------------------------------------------------------------------------------
// Markdown

/// Bold text that is never closed is printed with its `**` (the secretary review: an
/// unclosed `**2 procent.` was published as written, with no warning).
#[test]
fn unclosed_bold_is_a_warning() {
    let mut site = TestSite::minimal();
    site.edit(KC, DECISION, "decision = \"Avgiften höjs med **2 procent.\"");
    assert_diagnostics(
        &site,
        r#"varning: fetstilen avslutas inte: `**2 procent.`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:31
   |
30 | decision = "Avgiften höjs med **2 procent."
   |                               ^^^^^^^^^^^^ ** skrivs ut som det står
   |
   = hjälp: avsluta fetstilen med ** efter orden, t.ex. **2 procent**
"#,
    );
}

#[test]
fn raw_html_in_markdown_is_a_warning_and_never_published() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        DECISION,
        "decision = \"Utredningen läggs <b>till</b> handlingarna.\"\ndescription = \"\"\"\nBakgrund.\n\n<script>alert(document.cookie)</script>\n\n<img src=x onerror=alert(1)> och <iframe src=\"https://evil.example\"></iframe>\"\"\"",
    );
    assert_diagnostics(
        &site,
        r#"varning: HTML i texten publiceras inte: `<b>`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:31
   |
30 | decision = "Utredningen läggs <b>till</b> handlingarna."
   |                               ^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort

varning: HTML i texten publiceras inte: `</b>`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:38
   |
30 | decision = "Utredningen läggs <b>till</b> handlingarna."
   |                                      ^^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort

varning: HTML i texten publiceras inte: `<script>alert(document.cookie)</script>`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:34:1
   |
34 | <script>alert(document.cookie)</script>
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort

varning: HTML i texten publiceras inte: `<img src=x onerror=alert(1)>`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:1
   |
36 | <img src=x onerror=alert(1)> och <iframe src="https://evil.example"></iframe>"""
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort

varning: HTML i texten publiceras inte: `<iframe src="https://evil.example">`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:34
   |
36 | <img src=x onerror=alert(1)> och <iframe src="https://evil.example"></iframe>"""
   |                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort

varning: HTML i texten publiceras inte: `</iframe>`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:69
   |
36 | <img src=x onerror=alert(1)> och <iframe src="https://evil.example"></iframe>"""
   |                                                                     ^^^^^^^^^ HTML
   |
   = hjälp: skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort
"#,
    );
    let html = item_2(&rendered(&site, false));
    for bad in ["<script", "alert(", "<b>", "<img", "onerror", "<iframe", "evil.example"] {
        assert!(!html.contains(bad), "{bad} is not published");
    }
    assert!(html.contains("Bakgrund."));
}

#[test]
fn script_and_data_links_are_warnings_and_shown_as_text() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        DECISION,
        "decision = \"Se [utredningen](javascript:alert(1)), [bilden](data:text/html;base64,PHNjcmlwdD4=) och [webben](https://test.example/).\"\ndescription = \"[flik](java&#9;script:alert(1)) och <javascript:alert(2)>\"",
    );
    assert_diagnostics(
        &site,
        r#"varning: länken publiceras som text: `javascript:alert(1)`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:30
   |
30 | decision = "Se [utredningen](javascript:alert(1)), [bilden](data:text/html;base64,PHNjcmlwdD4=) och [webben](https://tes…
   |                              ^^^^^^^^^^^^^^^^^^^ bara https://, http:// och mailto: blir länkar
   |
   = hjälp: skriv hela adressen, t.ex. [Umeåregionen](https://umearegionen.se)

varning: länken publiceras som text: `data:text/html;base64,PHNjcmlwdD4=`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:61
   |
30 | …e [utredningen](javascript:alert(1)), [bilden](data:text/html;base64,PHNjcmlwdD4=) och [webben](https://test.example/)."
   |                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bara https://, http:// och mailto: blir länkar
   |
   = hjälp: skriv hela adressen, t.ex. [Umeåregionen](https://umearegionen.se)

varning: länken publiceras som text: `java\tscript:alert(1)`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:15
   |
31 | description = "[flik](java&#9;script:alert(1)) och <javascript:alert(2)>"
   |               ^ bara https://, http:// och mailto: blir länkar
   |
   = hjälp: skriv hela adressen, t.ex. [Umeåregionen](https://umearegionen.se)

varning: länken publiceras som text: `javascript:alert(2)`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:53
   |
31 | description = "[flik](java&#9;script:alert(1)) och <javascript:alert(2)>"
   |                                                     ^^^^^^^^^^^^^^^^^^^ bara https://, http:// och mailto: blir länkar
   |
   = hjälp: skriv hela adressen, t.ex. [Umeåregionen](https://umearegionen.se)
"#,
    );
    let html = item_2(&rendered(&site, false));
    for bad in ["href=\"javascript", "href=\"java", "href=\"data:", "<script"] {
        assert!(!html.contains(bad), "{bad} is not published");
    }
    assert!(html.contains("Se utredningen, bilden och <a href=\"https://test.example/\">webben</a>."), "{html}");
    assert!(html.contains("flik och javascript:alert(2)"), "shown as text: {html}");
}

// ---------------------------------------------------------------------------------------
// typst

/// Text fields of the minimal site, by key: each of their values gets typst code added.
const TEXT_KEYS: &[&str] = &[
    "title",
    "cooperation",
    "name",
    "official_name",
    "place",
    "decision",
    "description",
    "text",
    "purpose",
    "source",
    "task",
    "what",
    "unit",
    "area",
    "why",
];

#[test]
fn typst_code_in_every_text_field_prints_literally() {
    let _timed = timed();
    let mut site = TestSite::minimal();
    let mut planted = Vec::new();
    let paths: Vec<String> = site.source.files().map(|(p, _)| p.to_string()).filter(|p| p.ends_with(".toml")).collect();
    for path in paths {
        let mut out = String::new();
        for line in site.read(&path).lines() {
            let key = line.split(" = \"").next().unwrap_or_default();
            if TEXT_KEYS.contains(&key) && line.ends_with('"') && !line.contains("\"\"\"") {
                let n = planted.len();
                let code = format!("#panic(\"{n}\") #read(\"/etc/passwd\") $x^{n}$ #set page(fill: red) ]");
                planted.push((path.clone(), key.to_string(), code.clone()));
                out.push_str(&format!("{} {}\"\n", &line[..line.len() - 1], code.replace('"', "\\\"")));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        site.write(&path, &out);
    }
    assert!(planted.len() >= 25, "{} fields", planted.len());
    let all = rendered(&site, true);
    let pdf_text: String = all
        .iter()
        .filter(|a| a.path.ends_with(".pdf"))
        .map(|a| pdf_extract::extract_text_from_mem(&a.bytes).unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    // Narrow table cells break lines anywhere (after "/etc/") and hyphenate words: compare
    // without whitespace and hyphens, soft or not (the planted code has none).
    let pdf_text: String = pdf_text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}')).collect();
    assert!(!pdf_text.contains("root:"), "no file was read");
    let mut printed = 0;
    for (path, key, code) in &planted {
        let n = code.split('"').nth(1).unwrap();
        if pdf_text.contains(&format!("#panic(\"{n}\")#read")) {
            let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            let at = pdf_text.find(&format!("#panic(\"{n}\")#read")).unwrap_or(0);
            let printed_as = pdf_text[at..].chars().take(code.chars().count() + 10).collect::<String>();
            assert!(pdf_text.contains(&code), "{path} {key}: printed as written: {printed_as}");
            printed += 1;
        }
    }
    eprintln!("{printed} of {} text fields reach a PDF", planted.len());
    assert!(printed >= 20, "{printed} of {} fields reach a PDF, each as written", planted.len());
}

// ---------------------------------------------------------------------------------------
// Attachment paths and files

#[test]
fn attachment_path_with_dot_dot_is_an_error() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/../../site/secret.pdf\"");
    assert_diagnostics(
        &site,
        r#"fel: bilagans sökväg går ut ur content/: "bilagor/../../site/secret.pdf"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/../../site/secret.pdf"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ `..` är inte tillåtet
   |
   = hjälp: sökvägen räknas från content/ och stannar där; lägg filen under content/, t.ex. i bilagor/
"#,
    );
}

#[test]
fn absolute_attachment_path_is_an_error() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"/etc/passwd\"");
    assert_diagnostics(
        &site,
        r#"fel: bilagans sökväg är absolut: "/etc/passwd"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "/etc/passwd"
   |        ^^^^^^^^^^^^^ sökvägen räknas från content/
   |
   = hjälp: lägg filen under content/, t.ex. i bilagor/, och skriv sökvägen därifrån: "bilagor/utredning.pdf"
"#,
    );
}

#[test]
fn attachment_that_is_a_link_out_of_content_is_an_error() {
    let site = TestSite::minimal();
    let dir = site.to_temp_dir();
    let secret = dir.path().join("hemlig.txt");
    std::fs::write(&secret, "HEMLIG").unwrap();
    let link = dir.path().join("content/bilagor/utredning.txt");
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    assert_text(
        &disk_diagnostics(dir.path()),
        r#"fel: bilagan är en symbolisk länk: "bilagor/utredning.txt"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ kansli följer inga länkar
   |
   = hjälp: lägg själva filen i content/ i stället för en länk; så kan inget utanför content/ publiceras
"#,
    );
}

#[test]
fn attachment_in_a_folder_that_is_a_link_out_of_content_is_an_error() {
    let site = TestSite::minimal();
    let dir = site.to_temp_dir();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("utredning.txt"), "HEMLIG").unwrap();
    std::fs::remove_dir_all(dir.path().join("content/bilagor")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("content/bilagor")).unwrap();
    assert_text(
        &disk_diagnostics(dir.path()),
        r#"fel: bilagan ligger i en mapp som är en symbolisk länk: "bilagor/utredning.txt"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ kansli följer inga länkar
   |
   = hjälp: lägg själva mappen med filerna i content/ i stället för en länk; så kan inget utanför content/ publiceras
"#,
    );
}

#[test]
fn attachment_whose_content_is_not_its_type_is_an_error() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/utredning.pdf\"");
    site.write_bytes("content/bilagor/utredning.pdf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_diagnostics(
        &site,
        r#"fel: bilagan är inte en PDF-fil: "bilagor/utredning.pdf"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.pdf"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ filen ser ut att vara en PNG-bild
   |
   = hjälp: spara eller exportera filen som en PDF-fil igen, eller ge den den ändelse som hör till dess innehåll
"#,
    );
}

/// A web page saved as .pdf: its own extension would not be published either, so the
/// hint says to print it as a PDF.
#[test]
fn a_web_page_named_pdf_is_told_to_be_printed_as_one() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/utredning.pdf\"");
    site.write("content/bilagor/utredning.pdf", "<!DOCTYPE html><html><body>Utredning</body></html>\n");
    assert_diagnostics(
        &site,
        r#"fel: bilagan är inte en PDF-fil: "bilagor/utredning.pdf"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.pdf"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ filen ser ut att vara en HTML-sida
   |
   = hjälp: öppna sidan i en webbläsare och skriv ut eller spara den som en PDF-fil; HTML publiceras inte som bilaga
"#,
    );
}

/// `serve` checks again after every save and reuses the meetings it resolved before: an
/// attachment replaced by a file of another type and the same size is found all the same.
#[test]
fn attachment_replaced_by_another_type_is_found_by_a_cached_check_too() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/utredning.pdf\"");
    site.write_bytes("content/bilagor/utredning.pdf", b"%PDF-1.7\n\0\0\0\0\0\0\0");
    let mut cache = kansli::load::Cache::default();
    let mut memo = kansli::model::Memo::default();
    let first = kansli::check::check_cached(&site.source, &mut cache, &mut memo).unwrap();
    assert_eq!(first.diagnostics.len(), 0);
    site.write_bytes("content/bilagor/utredning.pdf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let second = kansli::check::check_cached(&site.source, &mut cache, &mut memo).unwrap();
    let text: Vec<String> = second.diagnostics.iter().map(|d| render(d, &second.files, Color::Never)).collect();
    assert_text(
        &text.join("\n"),
        r#"fel: bilagan är inte en PDF-fil: "bilagor/utredning.pdf"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.pdf"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ filen ser ut att vara en PNG-bild
   |
   = hjälp: spara eller exportera filen som en PDF-fil igen, eller ge den den ändelse som hör till dess innehåll
"#,
    );
}

#[test]
fn html_and_svg_attachments_are_errors() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/utredning.svg\"");
    site.write(
        "content/bilagor/utredning.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    );
    assert_diagnostics(
        &site,
        r#"fel: bilagor av typen .svg publiceras inte: "bilagor/utredning.svg"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.svg"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ en webbläsare kan köra den som en del av webbplatsen
   |
   = hjälp: spara bilagan som PDF
"#,
    );
}

// ---------------------------------------------------------------------------------------
// Files

#[test]
fn an_attachment_named_with_spaces_and_signs_is_linked_percent_encoded() {
    let mut site = TestSite::minimal();
    site.edit(KC, ATTACHMENT, "file = \"bilagor/Utredning om möten #2?.txt\"");
    site.write("content/bilagor/Utredning om möten #2?.txt", "Utredning\n");
    let artefacts = rendered(&site, false);
    // Published under its own name; linked so that the link reaches it.
    assert!(artefacts.iter().any(|a| a.path == "filer/bilagor/Utredning om möten #2?.txt"));
    let href = "filer/bilagor/Utredning%20om%20m%C3%B6ten%20%232%3F.txt";
    assert!(item_2(&artefacts).contains(&format!("href=\"../../../{href}\"")), "{}", item_2(&artefacts));
    let oparl: Vec<_> = artefacts
        .iter()
        .filter(|a| a.path.starts_with("data/oparl/"))
        .map(|a| String::from_utf8_lossy(&a.bytes))
        .collect();
    assert!(oparl.iter().any(|json| json.contains(&format!("\"accessUrl\":\"https://test.example/beslut/{href}\""))));
    assert!(!oparl.iter().any(|json| json.contains("filer/bilagor/Utredning om")));
}

#[test]
fn source_of_100_mb_is_refused_without_reading_it() {
    let _timed = timed();
    let dir = TestSite::minimal().to_temp_dir();
    let big = std::fs::OpenOptions::new().write(true).open(dir.path().join(KC)).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap(); // sparse: nothing is written or read
    let started = Instant::now();
    let text = disk_diagnostics(dir.path());
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert_text(
        &text,
        r#"fel: filen är för stor (100 MB)
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml
  |
  = hjälp: en källfil får vara högst 8 MB; bilagor läggs som egna filer
"#,
    );
}

/// A site whose listing is out of date: a file has grown since it was listed.
struct Grown(MemSource);

impl Source for Grown {
    fn list(&self, dir: &str) -> std::io::Result<Vec<Entry>> {
        Ok(self.0.list(dir)?.into_iter().map(|e| Entry { size: e.size.min(100), ..e }).collect())
    }
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.0.read(path)
    }
    fn today(&self) -> jiff::civil::Date {
        TODAY
    }
    fn disk_path(&self, _: &str) -> Option<std::path::PathBuf> {
        None
    }
}

#[test]
fn source_that_grew_after_listing_is_refused_too() {
    let mut site = TestSite::minimal();
    let text = site.read(KC);
    site.write(KC, &format!("{text}{}", "# fyllnad\n".repeat(900_000)));
    let checked = kansli::check::check(&Grown(site.source)).unwrap();
    let text: Vec<String> = checked.diagnostics.iter().map(|d| render(d, &checked.files, Color::Never)).collect();
    assert_text(
        &text.join("\n"),
        r#"fel: filen är för stor (över 8 MB)
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml
  |
  = hjälp: en källfil får vara högst 8 MB; bilagor läggs som egna filer
"#,
    );
}

#[test]
fn deeply_nested_arrays_and_tables_are_syntax_errors() {
    for (open, value, close, width) in [("[", "\"x\"", "]", 1), ("{a=", "1", "}", 3)] {
        let line = format!("decision = {}{value}{}", open.repeat(81), close.repeat(81));
        let mut site = TestSite::minimal();
        site.edit(KC, DECISION, &line);
        // The 81st level is where toml stops. That the value is no text either follows
        // from it, on the same line, and is not reported.
        let at = 11 + 80 * width;
        // The line is wider than the 120 columns shown: the diagnostic (near its end)
        // shows its last 120 characters.
        let last = line.len() - 120;
        let expected = format!(
            r#"fel: TOML-syntaxfel: värdet är för djupt nästlat
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:{}
   |
30 | …{}
   | {}^ mer än 80 nivåer av [ ] och {{ }}
   |
   = hjälp: inga källfiler har listor eller tabeller i mer än några nivåer; kontrollera hakparenteserna
"#,
            at + 1,
            &line[last..],
            " ".repeat(at - last + 1),
        );
        assert_diagnostics(&site, &expected);
    }
}

#[test]
fn keys_of_too_many_parts_are_syntax_errors() {
    let mut site = TestSite::minimal();
    site.edit(KC, DECISION, &format!("{} = 1", vec!["a"; 81].join(".")));
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: nyckeln har för många delar
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:1
   |
30 | a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.…
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ mer än 80 delar med punkt emellan
   |
   = hjälp: en nyckel har en eller några delar, t.ex. `title` eller `[[item.attachment]]`
"#,
    );
}

#[test]
fn a_million_levels_of_nesting_neither_overflow_nor_take_long() {
    let _timed = timed();
    for text in [
        format!("x = {}{}", "[".repeat(1_000_000), "]".repeat(1_000_000)),
        format!("x = {}1{}", "{a=".repeat(1_000_000), "}".repeat(1_000_000)),
        format!("{} = 1", vec!["a"; 1_000_000].join(".")),
        format!("[{}]", vec!["a"; 1_000_000].join(".")),
    ] {
        let mut site = TestSite::minimal();
        site.write(KC, &text);
        let started = Instant::now();
        let checked = site.check();
        assert!(checked.errors() > 0);
        // About a second each here; a cost that grew with the depth would take hours.
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    }
}

/// 10 000 items in one meeting check in seconds, and the whole site builds to disk with
/// the meeting's page and PDFs (the protocol runs to some thousand pages).
#[test]
fn meeting_with_10_000_items_checks_and_builds_with_pdfs() {
    let _timed = timed();
    let mut site = TestSite::minimal();
    let mut text = site.read(KC);
    for n in 3..10_003 {
        text.push_str(&format!(
            "\n[[item]]\nnumber = {n}\ntitle = \"Ärende {n}\"\ndecision = \"Beslut {n}.\"\ndescription = \"Text *{n}*.\"\n"
        ));
    }
    site.write(KC, &text);
    let started = Instant::now();
    assert_diagnostics(&site, "");
    let checked = started.elapsed();
    let started = Instant::now();
    let out = tempfile::tempdir().unwrap();
    let options = Options { out: out.path().join("output"), edition: Edition::Public, pdfs: true, cache: None };
    build(&site.source, &options, &Quiet).unwrap_or_else(|e| panic!("{e:?}"));
    let made = started.elapsed();
    let mut written: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    assert_eq!(written, [".output.kansli-lock", "output"], "only output/ (and its lock) is written");
    let folder = out.path().join("output/moten/kommunchefsgruppen/2013-05-15");
    let html = std::fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(html.contains("Ärende 10002"));
    let protocol = lopdf::Document::load(folder.join("kommunchefsgruppen-2013-05-15.pdf")).unwrap();
    let pages = protocol.get_pages();
    let last = protocol.extract_text(&[*pages.keys().last().unwrap()]).unwrap();
    // The last item ends the protocol (its heading may be on the page before, when its
    // description, label and text together, begins a page).
    assert!(last.contains("10002"), "the last item is on the last page: {last}");
    assert!(checked < Duration::from_secs(10) && made < Duration::from_secs(120), "{checked:?} {made:?}");
}

#[test]
fn files_differing_only_in_case_are_an_error() {
    let mut site = TestSite::minimal();
    let text = site.read(KC);
    site.write("content/meetings/kommunchefsgruppen/2013-05-15.TOML", &text);
    site.write("content/bilagor/Utredning.txt", "Annan fil.\n");
    assert_diagnostics(
        &site,
        r#"fel: content/meetings/kommunchefsgruppen/2013-05-15.TOML är ingen källfil: ändelsen ska vara .toml
  = hjälp: byt namn på filen till 2013-05-15.toml, med ändelsen i små bokstäver

fel: filerna content/bilagor/Utredning.txt och content/bilagor/utredning.txt skiljer sig bara i stora och små bokstäver
  = hjälp: på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena

fel: filerna content/meetings/kommunchefsgruppen/2013-05-15.TOML och content/meetings/kommunchefsgruppen/2013-05-15.toml skiljer sig bara i stora och små bokstäver
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml
  |
  = hjälp: på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena
"#,
    );
}

#[test]
fn body_folders_differing_only_in_case_are_an_error() {
    let mut site = TestSite::minimal();
    for (path, bytes) in TestSite::minimal().source.files().filter(|(p, _)| p.starts_with("content/groups/webb/")) {
        site.write_bytes(&path.replace("/webb/", "/Webb/"), bytes);
    }
    assert_diagnostics(
        &site,
        r#"fel: filerna content/groups/Webb/group.toml och content/groups/webb/group.toml skiljer sig bara i stora och små bokstäver
 --> content/groups/Webb/group.toml
  |
  = hjälp: på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena

fel: ogiltigt id "Webb" (mappens namn)
 --> content/groups/Webb/group.toml
  |
  = hjälp: döp om mappen till "webb": id får bara innehålla a–z, 0–9 och bindestreck

fel: filerna content/groups/Webb/plan-2013.toml och content/groups/webb/plan-2013.toml skiljer sig bara i stora och små bokstäver
 --> content/groups/Webb/plan-2013.toml
  |
  = hjälp: på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena

fel: filerna content/groups/Webb/report-2013.toml och content/groups/webb/report-2013.toml skiljer sig bara i stora och små bokstäver
 --> content/groups/Webb/report-2013.toml
  |
  = hjälp: på webben och i Windows och macOS är de samma fil; byt namn på eller ta bort den ena
"#,
    );
}

#[test]
fn faults_in_a_file_with_windows_line_endings_are_located_as_usual() {
    let mut site = TestSite::minimal();
    site.edit(KC, "secretary = \"erik-sedig\"", "secretary = \"erik-sedg\"");
    let text = site.read(KC).replace('\n', "\r\n");
    site.write(KC, &text);
    assert_diagnostics(
        &site,
        r#"fel: okänd person "erik-sedg"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:7:13
   |
 7 | secretary = "erik-sedg"
   |             ^^^^^^^^^^^ ingen person med detta id
   |
  ::: content/organisation/people.toml:14:6
   |
14 | id = "erik-sedig"
   |      ^^^^^^^^^^^^ ett liknande id definieras här
   |
   = hjälp: menade du "erik-sedig"?
"#,
    );
}

/// A text pasted from elsewhere has a fault on nearly every line: the first 50 are shown,
/// and one more says how many were left out and where they begin (rendering 200,000 of
/// them took minutes).
#[test]
fn a_file_with_a_fault_on_every_line_shows_the_first_fifty() {
    let mut site = TestSite::minimal();
    site.write(KC, &"a b\n".repeat(100_000));
    let checked = site.check();
    assert_eq!(checked.diagnostics.len(), 51);
    let last = checked.diagnostics.last().expect("51 diagnostics");
    assert_text(
        &render(last, &checked.files, Color::Never),
        r#"fel: ytterligare 99950 fel och varningar i filen visas inte
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:51:3
   |
51 | a b
   |   ^ de börjar här
   |
   = hjälp: rätta felen ovan och kontrollera igen; en text som inte är TOML ger ett fel på nästan varje rad
"#,
    );
}

/// In a meeting's folder such a file is an error: the meeting would silently not be
/// published. Elsewhere it is a warning.
#[test]
fn a_source_saved_with_an_extra_extension_or_a_trailing_space_is_named() {
    let mut site = TestSite::minimal();
    let text = site.read(KC).replace("2013-05-15", "2013-06-12");
    site.write("content/meetings/kommunchefsgruppen/2013-06-12.toml.txt", &text);
    site.write("content/meetings/kommunchefsgruppen/2013-06-19.toml ", &text);
    assert_diagnostics(
        &site,
        r#"fel: content/meetings/kommunchefsgruppen/2013-06-12.toml.txt är ingen källfil: namnet "2013-06-12.toml.txt" slutar inte på .toml
  = hjälp: byt namn på filen till 2013-06-12.toml (visa filändelser i Utforskaren: Anteckningar lägger ibland till .txt)

fel: content/meetings/kommunchefsgruppen/2013-06-19.toml  är ingen källfil: namnet "2013-06-19.toml " slutar inte på .toml
  = hjälp: byt namn på filen till 2013-06-19.toml (visa filändelser i Utforskaren: Anteckningar lägger ibland till .txt)
"#,
    );
}

/// A plan or report named not as `plan-ÅÅÅÅ.toml` would not be published: an error, with
/// the name to give it.
#[test]
fn a_misnamed_plan_is_told_its_name() {
    let mut site = TestSite::minimal();
    let text = site.read("content/groups/webb/plan-2013.toml");
    site.write("content/groups/webb/plan2014.toml", &text.replace("2013", "2014"));
    site.write("content/groups/webb/Verksamhetsberattelse-14.toml", "");
    site.write("content/notes.toml", "x = 1\n");
    assert_diagnostics(
        &site,
        "fel: filen ser ut som en verksamhetsberättelse, men namnet följer inte mönstret
 --> content/groups/webb/Verksamhetsberattelse-14.toml
  |
  = hjälp: döp om filen till report-2014.toml

fel: filen ser ut som en verksamhetsplan, men namnet följer inte mönstret
 --> content/groups/webb/plan2014.toml
  |
  = hjälp: döp om filen till plan-2014.toml

varning: okänd källfil; den används inte
 --> content/notes.toml
  |
  = hjälp: källfiler ligger i content/site.toml, organisation/, strategy/, meetings/<organ>/<ÅÅÅÅ-MM-DD>.toml, \
         groups/<id>/ och indicators/
",
    );
}
