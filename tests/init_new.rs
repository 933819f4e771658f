//! `kansli init`, `kansli new`, `kansli schema` and `kansli completions`: the acceptance
//! run (init → new meeting → check → build), the files `new` writes, and every refusal
//! with its exact message.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{TODAY, TestSite};
use kansli::scaffold::{New, make};

fn kansli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kansli")).current_dir(dir).args(args).env("NO_COLOR", "1").output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[track_caller]
fn assert_exit(output: &Output, code: i32, expected_stderr: &str) {
    let actual = stderr(output);
    assert_eq!(actual, expected_stderr, "stderr differs");
    assert_eq!(output.status.code(), Some(code), "{actual}");
}

/// A new site made by `kansli init` in a fresh temporary folder: (the temp dir, the site).
fn init_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let output = kansli(tmp.path(), &["init", "site"]);
    assert_exit(
        &output,
        0,
        "skapade en ny webbplats i site (23 filer)\n  nästa steg: cd site && kansli check && kansli build\n",
    );
    let site = tmp.path().join("site");
    (tmp, site)
}

/// The summary line of `kansli check` without its time.
fn check_summary(site: &Path) -> (Option<i32>, String) {
    let output = kansli(site, &["check"]);
    let text = stderr(&output);
    let line = text.lines().last().unwrap_or_default();
    (output.status.code(), line[..line.rfind(" (").unwrap_or(line.len())].to_string())
}

/// A site made by `kansli init` on TODAY, in memory.
fn init_in_memory() -> TestSite {
    let mut site = TestSite { source: kansli::source::MemSource::new(TODAY) };
    for (path, bytes) in kansli::scaffold::init_files(TODAY) {
        site.write_bytes(&path, &bytes);
    }
    site
}

#[track_caller]
fn made(site: &TestSite, what: New) -> kansli::scaffold::NewFile {
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    match make(&checked.model, &what) {
        Ok(file) => file,
        Err(failure) => panic!("{failure:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// The acceptance run

#[test]
fn init_then_new_meeting_then_check_and_build_publish_the_meeting() {
    let (_tmp, site) = init_site();
    assert_eq!(check_summary(&site), (Some(0), "kontrollerade 11 källfiler: 0 fel, 0 varningar".into()));

    // Two weeks after the day the test runs (init's own meeting is today), so that the
    // start page lists it among the coming meetings.
    let date = (jiff::Zoned::now().date() + jiff::ToSpan::days(14)).to_string();
    let output = kansli(&site, &["new", "meeting", "--body", "kommunchefsgruppen", "--date", &date]);
    assert_exit(
        &output,
        0,
        &format!(
            "skapade content/meetings/kommunchefsgruppen/{date}.toml\n  fyll i det som saknas och kör kansli check\n"
        ),
    );
    assert_eq!(check_summary(&site), (Some(0), "kontrollerade 12 källfiler: 0 fel, 0 varningar".into()));

    let output = kansli(&site, &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page =
        std::fs::read_to_string(site.join(format!("output/moten/kommunchefsgruppen/{date}/index.html"))).unwrap();
    assert!(page.contains("Övriga frågor"), "{page}");
    assert!(page.contains("Mötets avslutande"));
    let start = std::fs::read_to_string(site.join("output/index.html")).unwrap();
    assert!(start.contains(&format!("moten/kommunchefsgruppen/{date}/")), "the start page does not link the meeting");
}

#[test]
fn init_writes_the_files_of_a_site_that_checks_clean() {
    let site = init_in_memory();
    assert_eq!(site.diagnostics(), "");
    let paths: Vec<String> = kansli::scaffold::init_files(TODAY).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        [
            ".gitignore",
            "content/site.toml",
            "content/organisation/municipalities.toml",
            "content/organisation/people.toml",
            "content/organisation/bodies/regionradet.toml",
            "content/organisation/bodies/kommunchefsgruppen.toml",
            "content/organisation/bodies/kansli.toml",
            "content/strategy/plan.toml",
            "content/strategy/areas.toml",
            "content/meetings/kommunchefsgruppen/2026-11-22.toml",
            "content/groups/exempelgruppen/group.toml",
            "content/groups/exempelgruppen/plan-2026.toml",
            ".taplo.toml",
            "schemas/site.schema.json",
            "schemas/municipalities.schema.json",
            "schemas/people.schema.json",
            "schemas/body.schema.json",
            "schemas/strategy.schema.json",
            "schemas/areas.schema.json",
            "schemas/meeting.schema.json",
            "schemas/plan.schema.json",
            "schemas/report.schema.json",
            "schemas/indicator.schema.json",
        ]
    );
    assert_eq!(site.read(".gitignore"), "output/\n.kansli-cache/\n");
    assert!(!site.read("content/site.toml").contains("example ="), "init makes the user's own site");
    for (path, bytes) in kansli::scaffold::init_files(TODAY) {
        if path.starts_with("content/") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("PLATSHÅLLARE från `kansli init`"), "{path} is not marked as a placeholder");
        }
    }
}

#[test]
fn init_uses_the_embedded_theme_unless_asked_to_copy_it() {
    let (_tmp, site) = init_site();
    assert!(!site.join("themes").exists());

    let tmp = tempfile::tempdir().unwrap();
    let output = kansli(tmp.path(), &["init", "site", "--copy-theme"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let site = tmp.path().join("site");
    assert!(site.join("themes/default/templates/meeting.html").is_file());
    assert!(site.join("themes/default/strings.toml").is_file());
    assert_eq!(check_summary(&site).0, Some(0));
}

// ---------------------------------------------------------------------------------------
// init refuses

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    std::fs::write(tmp.path().join("site/anteckningar.txt"), "mina anteckningar").unwrap();
    assert_exit(
        &kansli(tmp.path(), &["init", "site"]),
        2,
        "fel: site är inte tom\n  = hjälp: ange en ny mapp, eller lägg till --force för att skriva i den ändå \
         (filer med samma namn skrivs över)\n",
    );
    assert!(!tmp.path().join("site/content").exists());
}

#[test]
fn init_with_force_writes_into_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    std::fs::write(tmp.path().join("site/anteckningar.txt"), "mina anteckningar").unwrap();
    let output = kansli(tmp.path(), &["init", "site", "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(tmp.path().join("site/anteckningar.txt")).unwrap(), "mina anteckningar");
    assert!(tmp.path().join("site/content/site.toml").is_file());
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("site"), "").unwrap();
    assert_exit(
        &kansli(tmp.path(), &["init", "site"]),
        2,
        "fel: site är en fil, inte en mapp\n  = hjälp: ange en mapp som inte finns\n",
    );
}

#[test]
fn init_accepts_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("site")).unwrap();
    assert_eq!(kansli(tmp.path(), &["init", "site"]).status.code(), Some(0));
}

// ---------------------------------------------------------------------------------------
// new meeting

#[test]
fn new_meeting_is_pre_filled_from_the_body_and_its_previous_meeting() {
    let site = init_in_memory();
    let file = made(&site, New::Meeting { body: "kommunchefsgruppen".into(), date: "2026-12-01".into() });
    assert_eq!(file.path, "content/meetings/kommunchefsgruppen/2026-12-01.toml");
    assert_eq!(
        file.text,
        r#"# Möte i Kommunchefsgruppen 2026-12-01.
# Skapad med `kansli new meeting`: ledamöterna, ordföranden, sekreteraren och de
# stående ärendena är ifyllda från content/organisation/bodies/kommunchefsgruppen.toml.
# Fyll i det som saknas, ta bort det som inte stämmer och kör `kansli check`.
# Innehållsguiden (avsnitt 4) går igenom hur ett möte skrivs.
#
# Före mötet är filen kallelsen: skriv ärendena med förslag till beslut
# (proposal). Efter mötet skriver du närvaron och besluten (decision) i samma fil.
# Vill du inte publicera något ännu, lägg till raden status = "utkast".
kind = "minnesanteckningar" # "minnesanteckningar" eller "protokoll"
date = 2026-12-01
start = 09:00:00 # som vid förra mötet
end = 11:00:00 # som vid förra mötet
place = "Kommunhuset i Norrby" # som vid förra mötet
chair = "anna-andersson"
secretary = "cecilia-carlsson"

# Beslutande, efter mötet: organets ledamöter på mötesdagen. Så länge filen
# saknar närvaro och beslut är den kallelsen, så ta bort # framför dem som var
# med först efter mötet. Den som inte kom skrivs som [[absentee]] (med bara
# person = "…"). Den som bara var med under vissa ärenden får items = [1, 2, …].
# [[attendee]]
# person = "anna-andersson"
# role = "ordförande"

# [[attendee]]
# person = "bo-berg"

# Övriga deltagande, efter mötet: ta bort # framför dem som var med.
# [[participant]]
# person = "cecilia-carlsson"
# role = "sekreterare"

# ----------------------------------------------------------------------------
[[item]]
number = 1
title = "Mötets öppnande"

# ----------------------------------------------------------------------------
[[item]]
number = 2
title = "Föregående minnesanteckningar"
formal = true

# Hänvisning till förra mötet, 2026-11-22.
[[item.reference]]
to = "kommunchefsgruppen/2026-11-22"

# Mötets ärenden: ett [[item]] per ärende, i nummerordning. Numrera om
# "Övriga frågor" och "Mötets avslutande" så att de kommer sist. Till exempel:
#
# [[item]]
# number = 3
# title = "Rubrik som i kallelsen"
# presenter = "person-id"
# proposal = "Förslag till beslut, före mötet."
# decision = "Beslutet, efter mötet."
# description = "Ärendebeskrivning."

# ----------------------------------------------------------------------------
[[item]]
number = 3
title = "Övriga frågor"

# ----------------------------------------------------------------------------
[[item]]
number = 4
title = "Mötets avslutande"
"#
    );
    let mut site = site;
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_meeting_of_the_real_regionradet_passes_check() {
    // Members with every kind of seat, and a previous protokoll with time and place.
    let mut site = TestSite::from_dir(&common::repo().join("examples/demo"));
    let file = made(&site, New::Meeting { body: "regionradet".into(), date: "2027-02-04".into() });
    assert!(file.text.contains("kind = \"protokoll\""), "{}", file.text);
    assert!(file.text.contains("title = \"Föregående protokoll\"\nformal = true\n\n# Hänvisning till förra mötet, 2026-12-10.\n[[item.reference]]\nto = \"regionradet/2026-12-10\"\n"));
    assert!(file.text.contains("# adjusters = [\"person-id\"]"));
    assert!(
        file.text.contains(
            "\n# Ersättare: ta bort # framför den som tjänstgör för en frånvarande ledamot.\n# [[attendee]]\n"
        ),
        "{}",
        file.text
    );
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_meeting_without_a_previous_meeting_has_no_previous_minutes_item() {
    let mut site = init_in_memory();
    let file = made(&site, New::Meeting { body: "regionradet".into(), date: "2027-01-15".into() });
    assert!(!file.text.contains("Föregående"), "{}", file.text);
    assert!(file.text.contains("# place = \"Lokal och adress\"\n"));
    assert!(file.text.contains("[[item]]\nnumber = 2\ntitle = \"Övriga frågor\"\n"));
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_meeting_of_a_working_group_passes_check() {
    let mut site = init_in_memory();
    let file = made(&site, New::Meeting { body: "exempelgruppen".into(), date: "2027-01-15".into() });
    assert_eq!(file.path, "content/meetings/exempelgruppen/2027-01-15.toml");
    assert!(file.text.contains("# chair = \"person-id\" # organet har ingen ordförande på mötesdagen\n"));
    assert!(file.text.contains("# [[attendee]]\n# person = \"fredrik-falk\"\n# role = \"sammankallande\"\n"));
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_meeting_refuses_to_overwrite() {
    let (_tmp, site) = init_site();
    let args = ["new", "meeting", "--body", "kommunchefsgruppen", "--date", "2027-01-15"];
    assert_eq!(kansli(&site, &args).status.code(), Some(0));
    let path = site.join("content/meetings/kommunchefsgruppen/2027-01-15.toml");
    std::fs::write(&path, "# mitt arbete\n").unwrap();
    assert_exit(
        &kansli(&site, &args),
        2,
        "fel: content/meetings/kommunchefsgruppen/2027-01-15.toml finns redan\n  \
         = hjälp: kansli new skriver aldrig över en fil; öppna filen och ändra i den\n",
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mitt arbete\n");
}

#[test]
fn new_meeting_suggests_the_body_that_was_meant() {
    let (_tmp, site) = init_site();
    assert_exit(
        &kansli(&site, &["new", "meeting", "--body", "kommunchefsgrupen", "--date", "2027-01-15"]),
        2,
        "fel: okänt organ \"kommunchefsgrupen\"\n  = hjälp: menade du \"kommunchefsgruppen\"?\n",
    );
    assert_exit(
        &kansli(&site, &["new", "meeting", "--body", "styrelsen", "--date", "2027-01-15"]),
        2,
        "fel: okänt organ \"styrelsen\"\n  = hjälp: organen är \"exempelgruppen\", \"kansli\", \
         \"kommunchefsgruppen\", \"regionradet\"\n",
    );
}

#[test]
fn new_meeting_refuses_a_date_that_is_not_a_day() {
    let (_tmp, site) = init_site();
    // A day not in the calendar is told how many days its month has, as check does.
    assert_exit(
        &kansli(&site, &["new", "meeting", "--body", "kommunchefsgruppen", "--date", "2027-02-30"]),
        2,
        "fel: datumet 2027-02-30 finns inte\n  = hjälp: februari 2027 har 28 dagar\n",
    );
    for date in ["15/1 2027", "2027-1-15"] {
        assert_exit(
            &kansli(&site, &["new", "meeting", "--body", "kommunchefsgruppen", "--date", date]),
            2,
            &format!("fel: ogiltigt datum \"{date}\"\n  = hjälp: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-01\n"),
        );
    }
}

#[test]
fn new_refuses_a_site_with_errors() {
    let (_tmp, site) = init_site();
    let people = site.join("content/organisation/people.toml");
    let text = std::fs::read_to_string(&people).unwrap().replace("id = \"bo-berg\"", "id = \"bo-berg\"\nnamn = \"x\"");
    std::fs::write(&people, text).unwrap();
    assert_exit(
        &kansli(&site, &["new", "meeting", "--body", "kommunchefsgruppen", "--date", "2027-01-15"]),
        1,
        "fel: innehållet har 1 fel; kansli new skapar ingen fil förrän det är rättat\n  \
         = hjälp: kör kansli check för att se felen\n",
    );
    assert!(!site.join("content/meetings/kommunchefsgruppen/2027-01-15.toml").exists());
}

#[test]
fn new_needs_a_content_folder() {
    let tmp = tempfile::tempdir().unwrap();
    assert_exit(
        &kansli(tmp.path(), &["new", "plan", "--group", "webb", "--year", "2027"]),
        2,
        &format!(
            "fel: mappen {} innehåller ingen mapp content/\n  = hjälp: ange webbplatsens rotmapp med --root MAPP\n",
            tmp.path().display()
        ),
    );
}

/// Run from inside the sources, a command says where the site root is.
#[test]
fn a_command_run_inside_content_names_the_site_root() {
    let (_tmp, site) = init_site();
    let content = site.join("content");
    assert_exit(
        &kansli(&content, &["check"]),
        2,
        &format!(
            "fel: mappen {} innehåller ingen mapp content/\n  = hjälp: du står i content/: gå upp en mapp (cd ..) \
             och kör kommandot igen, eller ange --root ..\n",
            content.display()
        ),
    );
    let deeper = site.join("content/meetings");
    assert_exit(
        &kansli(&deeper, &["new", "plan", "--group", "webb", "--year", "2027"]),
        2,
        &format!(
            "fel: mappen {} innehåller ingen mapp content/\n  = hjälp: webbplatsens rotmapp är {}: kör kommandot \
             där, eller ange --root {1}\n",
            deeper.display(),
            site.display()
        ),
    );
}

// ---------------------------------------------------------------------------------------
// new plan and new report

#[test]
fn new_plan_starts_from_the_previous_plan() {
    let site = init_in_memory();
    let file = made(&site, New::Plan { group: "exempelgruppen".into(), year: "2027".into() });
    assert_eq!(file.path, "content/groups/exempelgruppen/plan-2027.toml");
    assert_eq!(
        file.text,
        r#"# Verksamhetsplan 2027 för Exempelgruppen (Mall 1).
# Skapad med `kansli new plan`: avsikt/syfte och prioriterade områden är ifyllda
# från verksamhetsplanen 2026. Stämmer de fortfarande? Skriv årets mål och aktiviteter
# och kör `kansli check`. Innehållsguiden (avsnitt 3.8) beskriver varje nyckel.

# contact = "fredrik-falk" # utelämnas: då gäller gruppens kontaktperson
# area = "Digitalisering" # utelämnas: då gäller gruppens verksamhetsområde
areas = ["digital-utveckling"] # prioriterade områden (Bilaga 1)
# approved = "kommunchefsgruppen/ÅÅÅÅ-MM-DD#nummer" # ärendet där planen godkändes

# summary = """
# Vad vill gruppen ha åstadkommit under året?"""

# Avsikt/syfte: "Genom xx bidrar vi till att yy", ett stycke per övergripande mål.
[[purpose]]
goal = "effektiv-forvaltning"
text = "Genom gemensamma e-tjänster bidrar vi till att kommunerna slipper bygga samma tjänst var för sig."

# Målen, skrivna som SMARTa mål. Till exempel:
#
# [[goal]]
# id = "m1"
# text = "Öka antalet …"
# measure = "antal …"
# baseline = 0
# target = 10
# unit = "st"
# deadline = 2027-12-31

# Aktivitetsplanen: vem gör vad, när och hur. Till exempel:
#
# [[activity]]
# id = "a1"
# what = "Vad som ska göras"
# how = "Hur det ska göras"
# when = 2027-06-30
# responsible = "fredrik-falk"
# goal = "m1"
"#
    );
    let mut site = site;
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn a_groups_first_plan_serves_the_groups_goals() {
    let mut site = init_in_memory();
    site.remove("content/groups/exempelgruppen/plan-2026.toml");
    let file = made(&site, New::Plan { group: "exempelgruppen".into(), year: "2026".into() });
    assert!(file.text.contains(
        "# ERSÄTT: välj minst ett av de prioriterade områdena: \"digital-utveckling\" (Digital utveckling), \
         \"god-halsa\" (God hälsa på lika villkor).\nareas = [\"digital-utveckling\"]\n"
    ));
    assert!(file.text.contains(
        "# ERSÄTT texten: hur bidrar gruppen till målet \"Effektivisera den kommunala förvaltningen\"?\n\
         [[purpose]]\ngoal = \"effektiv-forvaltning\"\ntext = \"Genom … bidrar vi till att …\"\n"
    ));
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_report_lists_every_goal_and_activity_of_the_plan() {
    let site = init_in_memory();
    let file = made(&site, New::Report { group: "exempelgruppen".into(), year: "2026".into() });
    assert_eq!(file.path, "content/groups/exempelgruppen/report-2026.toml");
    assert_eq!(
        file.text,
        r#"# Verksamhetsberättelse 2026 för Exempelgruppen (Mall 2).
# Skapad med `kansli new report` från content/groups/exempelgruppen/plan-2026.toml:
# varje mål och varje aktivitet i planen har en tabell här, så att inget glöms. Fyll
# i hur det gick och kör `kansli check`. Innehållsguiden (avsnitt 3.9) beskriver
# varje nyckel.
#
# Målen står som inte uppfyllda (fulfilment = "inte") och aktiviteterna som inte
# genomförda (done = false) tills ni ändrar dem: berättelsen påstår inget som ni
# inte själva har skrivit.

# summary = """
# Året i korthet."""
# areas_work = """
# Hur årets arbete kopplats till de prioriterade områdena."""
# meetings_held = 0 # antal träffar under året
# presented = "kommunchefsgruppen/ÅÅÅÅ-MM-DD#nummer" # ärendet där berättelsen redovisades

# Måluppfyllelse: ett [[goal]] för varje mål i planen.

# m1: Öka antalet gemensamma e-tjänster.
# (mått: antal e-tjänster i drift; utgångsläge 0; målvärde 3 e-tjänster; senast 2026-12-31)
[[goal]]
goal = "m1"
fulfilment = "inte" # "helt", "delvis" eller "inte"
# outcome = 3 # uppnått värde, i e-tjänster
# why = "Varför målet nåddes helt, delvis eller inte."

# Resultat av aktiviteterna: ett [[activity]] för varje aktivitet i planen.

# a1: Inventera vilka e-tjänster kommunerna har i dag
# (ansvarig Fredrik Falk, senast 2026-12-31)
[[activity]]
activity = "a1"
done = false # true om aktiviteten är genomförd
# comment = "Kommentar"

# Revideringar av mål eller aktiviteter under året, om några. Till exempel:
#
# [[revision]]
# date = 2026-09-15
# what = "Vad som ändrades och på vilket sätt."
# why = "Varför."
"#
    );
    let mut site = site;
    site.write(&file.path, &file.text);
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_report_of_the_demo_covers_the_whole_plan() {
    // The demo's 2026 plans have no reports yet: each new one must satisfy check's rule
    // that a report accounts for every goal and activity.
    let mut site = TestSite::from_dir(&common::repo().join("examples/demo"));
    for group in ["naringsliv", "folkhalsa", "digitalisering", "bibliotek", "hallbar-pendling"] {
        let file = made(&site, New::Report { group: group.into(), year: "2026".into() });
        site.write(&file.path, &file.text);
    }
    assert_eq!(site.diagnostics(), "");
}

#[test]
fn new_plan_and_report_from_the_command_line() {
    let (_tmp, site) = init_site();
    let output = kansli(&site, &["new", "report", "--group", "exempelgruppen", "--year", "2026"]);
    assert_exit(
        &output,
        0,
        "skapade content/groups/exempelgruppen/report-2026.toml\n  fyll i det som saknas och kör kansli check\n",
    );
    let output = kansli(&site, &["new", "plan", "--group", "exempelgruppen", "--year", "2027"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(check_summary(&site), (Some(0), "kontrollerade 13 källfiler: 0 fel, 0 varningar".into()));
}

#[test]
fn new_report_needs_the_years_plan() {
    let (_tmp, site) = init_site();
    assert_exit(
        &kansli(&site, &["new", "report", "--group", "exempelgruppen", "--year", "2025"]),
        2,
        "fel: exempelgruppen har ingen verksamhetsplan 2025\n  = hjälp: berättelsen redovisar planens mål och \
         aktiviteter; skapa planen först med kansli new plan --group exempelgruppen --year 2025\n",
    );
}

#[test]
fn new_plan_refuses_what_is_not_a_working_group() {
    let (_tmp, site) = init_site();
    assert_exit(
        &kansli(&site, &["new", "plan", "--group", "kansli", "--year", "2027"]),
        2,
        "fel: \"kansli\" är inte en arbetsgrupp, ett nätverk eller ett projekt\n  = hjälp: verksamhetsplaner och \
         -berättelser hör till grupperna i content/groups/; grupperna är \"exempelgruppen\"\n",
    );
    assert_exit(
        &kansli(&site, &["new", "plan", "--group", "exempelgrupen", "--year", "2027"]),
        2,
        "fel: okänd grupp \"exempelgrupen\"\n  = hjälp: menade du \"exempelgruppen\"?\n",
    );
}

#[test]
fn new_plan_on_a_site_without_groups_says_how_to_add_one() {
    let mut site = init_in_memory();
    site.remove("content/groups/exempelgruppen/group.toml");
    site.remove(&format!("content/groups/exempelgruppen/plan-{}.toml", TODAY.year()));
    site.edit(
        &format!("content/meetings/kommunchefsgruppen/{TODAY}.toml"),
        "assignee = \"exempelgruppen\"",
        "assignee = \"kansli\"",
    );
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let Err(kansli::scaffold::Failure::Usage(refusal)) =
        make(&checked.model, &New::Plan { group: "exempelgruppen".into(), year: "2027".into() })
    else {
        panic!("a plan for a group that does not exist was made");
    };
    assert_eq!(
        kansli::diag::render(&refusal, &kansli::diag::SourceFiles::new(), kansli::diag::Color::Never),
        "fel: okänd grupp \"exempelgruppen\"\n  \
         = hjälp: webbplatsen har inga grupper än; lägg till content/groups/<id>/group.toml\n"
    );
}

#[test]
fn new_counts_the_errors_that_stop_it() {
    let (_tmp, site) = init_site();
    let people = site.join("content/organisation/people.toml");
    let text = std::fs::read_to_string(&people).unwrap().replace("name = \"Bo Berg\"", "namn = \"Bo Berg\"");
    std::fs::write(&people, text.replace("name = \"Eva Ek\"", "namn = \"Eva Ek\"")).unwrap();
    assert_exit(
        &kansli(&site, &["new", "report", "--group", "exempelgruppen", "--year", "2026"]),
        1,
        "fel: innehållet har 2 fel; kansli new skapar ingen fil förrän de är rättade\n  \
         = hjälp: kör kansli check för att se felen\n",
    );
}

#[test]
fn new_plan_refuses_a_year_that_is_not_four_digits() {
    let (_tmp, site) = init_site();
    assert_exit(
        &kansli(&site, &["new", "plan", "--group", "exempelgruppen", "--year", "27"]),
        2,
        "fel: ogiltigt år \"27\"\n  = hjälp: skriv året med fyra siffror, t.ex. 2027\n",
    );
}

#[test]
fn new_plan_refuses_to_overwrite() {
    let (_tmp, site) = init_site();
    // The year `kansli init` (on the system clock) wrote the plan for.
    let year = {
        use kansli::source::Source;
        kansli::source::FsSource::new(".").today().year()
    };
    assert_exit(
        &kansli(&site, &["new", "plan", "--group", "exempelgruppen", "--year", &year.to_string()]),
        2,
        &format!(
            "fel: content/groups/exempelgruppen/plan-{year}.toml finns redan\n  \
             = hjälp: kansli new skriver aldrig över en fil; öppna filen och ändra i den\n"
        ),
    );
}

// ---------------------------------------------------------------------------------------
// schema and completions

#[test]
fn schema_writes_the_schemas_and_a_missing_taplo_config() {
    let (_tmp, site) = init_site();
    std::fs::remove_file(site.join(".taplo.toml")).unwrap();
    std::fs::remove_dir_all(site.join("schemas")).unwrap();
    assert_exit(&kansli(&site, &["schema"]), 0, "skrev 10 JSON-scheman till ./schemas\nskrev ./.taplo.toml\n");
    assert!(site.join("schemas/meeting.schema.json").is_file());

    std::fs::write(site.join(".taplo.toml"), "# egen\n").unwrap();
    assert_exit(&kansli(&site, &["schema"]), 0, "skrev 10 JSON-scheman till ./schemas\n");
    assert_eq!(std::fs::read_to_string(site.join(".taplo.toml")).unwrap(), "# egen\n");
}

#[test]
fn schema_out_writes_only_the_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    assert_exit(&kansli(tmp.path(), &["schema", "--out", "s"]), 0, "skrev 10 JSON-scheman till s\n");
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("s"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10);
    assert_eq!(names[0], "areas.schema.json");
    assert!(!tmp.path().join(".taplo.toml").exists());
}

#[test]
fn completions_are_printed_for_each_shell() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let output = kansli(tmp.path(), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}: {}", stderr(&output));
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains("kansli"), "{shell}");
        assert!(script.contains("meeting"), "{shell}: the new subcommands are missing");
    }
    assert_eq!(kansli(tmp.path(), &["completions", "tcsh"]).status.code(), Some(2));
}
