//! One test per model rule: each breaks the minimal fixture site in one way and asserts
//! the exact rendered diagnostic (caret, label and hint included).

mod common;

use common::TestSite;

const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
const PEOPLE: &str = "content/organisation/people.toml";
const PLAN: &str = "content/groups/webb/plan-2013.toml";
const REPORT: &str = "content/groups/webb/report-2013.toml";

#[track_caller]
fn assert_diagnostics(site: &TestSite, expected: &str) {
    let actual = site.diagnostics();
    if actual != expected {
        panic!("diagnostics differ.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}

#[test]
fn minimal_site_is_clean() {
    assert_diagnostics(&TestSite::minimal(), "");
}

#[test]
fn errors_on_unknown_person() {
    let mut site = TestSite::minimal();
    site.edit(KC, "secretary = \"erik-sedig\"", "secretary = \"erik-sedg\"");
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

#[test]
fn errors_on_unknown_body() {
    let mut site = TestSite::minimal();
    site.edit(PEOPLE, "organisation = \"kansli\"", "organisation = \"kanslit\"");
    assert_diagnostics(
        &site,
        r#"fel: okänt organ "kanslit"
  --> content/organisation/people.toml:16:16
   |
16 | organisation = "kanslit"
   |                ^^^^^^^^^ inget organ med detta id
   |
  ::: content/organisation/bodies/kansli.toml
   = ett liknande id definieras här
   |
   = hjälp: menade du "kansli"?
"#,
    );
}

#[test]
fn errors_on_unknown_municipality() {
    let mut site = TestSite::minimal();
    site.edit("content/strategy/areas.toml", "municipalities = [\"alfa\"]", "municipalities = [\"alpha\"]");
    assert_diagnostics(
        &site,
        r#"fel: okänd kommun "alpha"
  --> content/strategy/areas.toml:12:19
   |
12 | municipalities = ["alpha"]
   |                   ^^^^^^^ ingen kommun med detta id
   |
  ::: content/organisation/municipalities.toml:2:6
   |
 2 | id = "alfa"
   |      ^^^^^^ ett liknande id definieras här
   |
   = hjälp: menade du "alfa"?
"#,
    );
}

#[test]
fn errors_on_unknown_meeting() {
    let mut site = TestSite::minimal();
    site.edit(KC, "to = \"kommunchefsgruppen/2013-04-17#2\"", "to = \"kommunchefsgruppen/2013-04-18#2\"");
    assert_diagnostics(
        &site,
        r#"fel: okänt möte "kommunchefsgruppen/2013-04-18"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:39:6
   |
39 | to = "kommunchefsgruppen/2013-04-18#2"
   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ inget möte den dagen
   |
   = hjälp: närmaste mötet för kommunchefsgruppen är 2013-04-17; varje möte är en fil i content/meetings/kommunchefsgruppen/
"#,
    );
}

#[test]
fn errors_on_unknown_item() {
    let mut site = TestSite::minimal();
    site.edit(KC, "to = \"kommunchefsgruppen/2013-04-17#2\"", "to = \"kommunchefsgruppen/2013-04-17#9\"");
    assert_diagnostics(
        &site,
        r#"fel: okänt ärende "kommunchefsgruppen/2013-04-17#9"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:39:6
   |
39 | to = "kommunchefsgruppen/2013-04-17#9"
   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ mötet har inget ärende 9
   |
   = hjälp: mötet har ärendena 1–2
"#,
    );
}

#[test]
fn errors_on_unknown_goal() {
    let mut site = TestSite::minimal();
    site.edit(KC, "goals = [\"utveckla\"]", "goals = [\"utvekla\"]");
    assert_diagnostics(
        &site,
        r#"fel: okänt mål "utvekla"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:10
   |
31 | goals = ["utvekla"]
   |          ^^^^^^^^^ inget strategiskt mål med detta id
   |
   = hjälp: menade du "utveckla"?
"#,
    );
}

#[test]
fn errors_on_unknown_area() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "areas = [\"halsa\"]", "areas = [\"hälsa\"]");
    assert_diagnostics(
        &site,
        r#"fel: okänt prioriterat område "hälsa"
 --> content/groups/webb/plan-2013.toml:1:10
  |
1 | areas = ["hälsa"]
  |          ^^^^^^^ inget område med detta id
  |
  = hjälp: menade du "halsa"?
"#,
    );
}

#[test]
fn errors_on_missing_attachment_file() {
    let mut site = TestSite::minimal();
    site.edit(KC, "file = \"bilagor/utredning.txt\"", "file = \"bilagor/utredningen.txt\"");
    assert_diagnostics(
        &site,
        r#"fel: bilagan finns inte: "bilagor/utredningen.txt"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredningen.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^ ingen fil med detta namn under content/
   |
   = hjälp: menade du "bilagor/utredning.txt"?
"#,
    );
}

/// A file is copied once for every attachment that names it: one kept secret in a meeting
/// must not be published by another meeting's attachment without `public = false`.
#[test]
fn errors_on_a_secret_file_published_by_another_attachment() {
    let mut site = TestSite::minimal();
    site.append(
        "content/meetings/kommunchefsgruppen/2013-04-17.toml",
        "\n[[item.attachment]]\ntitle = \"Utredning\"\nfile = \"bilagor/utredning.txt\"\npublic = false\nosl = \"21 kap. 7 § OSL\"\n",
    );
    assert_diagnostics(
        &site,
        r#"fel: filen bilagor/utredning.txt är sekretessbelagd i kommunchefsgruppen/2013-04-17#2 men publiceras här
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ bilagan saknar public = false
   |
  ::: content/meetings/kommunchefsgruppen/2013-04-17.toml:38:8
   |
38 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ här med public = false
   |
   = hjälp: skriv public = false och osl också här; har sekretessen upphört, ta bort public = false där
"#,
    );
}

/// Every file attached to a confidential item is as secret as the item, though the
/// attachment itself says nothing: another item must not publish it.
#[test]
fn errors_on_a_file_of_a_confidential_item_published_by_another_attachment() {
    let mut site = TestSite::minimal();
    site.append(
        "content/meetings/kommunchefsgruppen/2013-04-17.toml",
        "\n[[item]]\nnumber = 3\ntitle = \"Upphandling\"\npublic = false\nosl = \"19 kap. 3 § OSL\"\n\n\
         [[item.attachment]]\ntitle = \"Anbud\"\nfile = \"bilagor/utredning.txt\"\n",
    );
    assert_diagnostics(
        &site,
        r#"fel: filen bilagor/utredning.txt är sekretessbelagd i kommunchefsgruppen/2013-04-17#3 men publiceras här
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ bilagan saknar public = false
   |
  ::: content/meetings/kommunchefsgruppen/2013-04-17.toml:44:8
   |
44 | file = "bilagor/utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^ här, i ett ärende med public = false
   |
   = hjälp: skriv public = false och osl också här; har sekretessen upphört, ta bort public = false från ärendet där
"#,
    );
}

/// A decision is written after the meeting: one in a meeting after today is most likely
/// a mistyped year, and would be listed among the decisions taken (the secretary review:
/// `date = 2103-06-20` put its decisions on the start page).
#[test]
fn errors_on_a_decision_before_the_meeting() {
    let mut site = TestSite::minimal();
    let kc = site.read("content/meetings/kommunchefsgruppen/2013-04-17.toml").replace("2013-04-17", "2031-04-17");
    site.write("content/meetings/kommunchefsgruppen/2031-04-17.toml", &kc.replace("2013-06-30", "2031-06-30"));
    assert_diagnostics(
        &site,
        r#"fel: mötet 2031-04-17 har inte hållits ännu, men har beslut
  --> content/meetings/kommunchefsgruppen/2031-04-17.toml:29:12
   |
29 | decision = "Kansliet får i uppdrag att utreda lokalbehovet."
   |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ett beslut före mötet; i dag är det 2026-11-22
   |
  ::: content/meetings/kommunchefsgruppen/2031-04-17.toml:2:8
   |
 2 | date = 2031-04-17
   |        ^^^^^^^^^^ mötesdagen
   |
   = hjälp: stämmer året? före mötet skrivs förslaget som proposal; decision skrivs in efter mötet
"#,
    );
}

/// A deadline before the meeting that set it is most likely a mistyped year, and the site
/// would call the assignment late from the day it was given (the secretary review).
#[test]
fn errors_on_a_deadline_before_the_meeting() {
    let mut site = TestSite::minimal();
    site.edit("content/meetings/kommunchefsgruppen/2013-04-17.toml", "deadline = 2013-06-30", "deadline = 2012-06-30");
    assert_diagnostics(
        &site,
        r#"fel: uppdraget ska vara klart 2012-06-30, före mötet 2013-04-17
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:34:12
   |
34 | deadline = 2012-06-30
   |            ^^^^^^^^^^ före mötesdagen
   |
   = hjälp: stämmer året? en tidsgräns är mötesdagen eller senare
"#,
    );
}

/// The same for the day a follow-up question's answers are due.
#[test]
fn errors_on_answers_due_before_the_meeting() {
    let mut site = TestSite::minimal();
    site.append(KC, "\n[item.follow_up]\nquestion = \"Deltar kommunen?\"\ndeadline = 2013-01-31\n");
    assert_diagnostics(
        &site,
        r#"fel: svaren ska komma in 2013-01-31, före mötet 2013-05-15
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:49:12
   |
49 | deadline = 2013-01-31
   |            ^^^^^^^^^^ före mötesdagen
   |
   = hjälp: stämmer året? en tidsgräns är mötesdagen eller senare
"#,
    );
}

/// A file in the folder of a body whose members the sources do not list, where everyone
/// deciding sits in another body: most likely the wrong folder, but the body cannot tell,
/// so it is a warning (the secretary review: Kommunchefsgruppen's minutes moved to
/// Regionrådet's folder passed without a word).
#[test]
fn warns_of_attendees_all_from_another_body_when_this_one_lists_no_members() {
    let mut site = TestSite::minimal();
    let kc = site.read("content/meetings/kommunchefsgruppen/2013-04-17.toml");
    site.write("content/meetings/regionradet/2013-04-17.toml", &kc);
    assert_diagnostics(
        &site,
        r#"varning: alla beslutande är ledamöter i Kommunchefsgruppen, och Regionrådet har inga ledamöter i källorna
  --> content/meetings/regionradet/2013-04-17.toml:10:10
   |
10 | person = "anna-ek"
   |          ^^^^^^^^^ ledamot i Kommunchefsgruppen
   |
   = hjälp: ligger filen i fel mapp? flytta den till content/meetings/kommunchefsgruppen/, om mötet var kommunchefsgruppens; annars skriv Regionrådets ledamöter som [[member]] i content/organisation/bodies/regionradet.toml
"#,
    );
}

/// The chair and the adjusters sign the record, so they were there (the secretary
/// review: a chair listed as absent, and an absent adjuster, passed without a word).
#[test]
fn warns_of_an_absent_chair() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        "[[attendee]]\nperson = \"anna-ek\"\nrole = \"ordförande\"\n",
        "[[absentee]]\nperson = \"anna-ek\"\n",
    );
    assert_diagnostics(
        &site,
        r#"varning: ordföranden Anna Ek står som frånvarande
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:6:9
   |
 6 | chair = "anna-ek"
   |         ^^^^^^^^^ ordförande
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:10:10
   |
10 | person = "anna-ek"
   |          ^^^^^^^^^ frånvarande här
   |
   = hjälp: ledde någon annan mötet, skriv den personen som chair; annars flytta ordföranden till [[attendee]]
"#,
    );
}

#[test]
fn warns_of_an_adjuster_not_at_the_meeting() {
    let mut site = TestSite::minimal();
    site.append(PEOPLE, "\n[[person]]\nid = \"cilla-berg\"\nname = \"Cilla Berg\"\n");
    site.edit(KC, "chair = \"anna-ek\"\n", "chair = \"anna-ek\"\nadjusters = [\"bo-lind\", \"cilla-berg\"]\n");
    assert_diagnostics(
        &site,
        r#"varning: justeraren Cilla Berg var inte med på mötet
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:7:25
  |
7 | adjusters = ["bo-lind", "cilla-berg"]
  |                         ^^^^^^^^^^^^ inte bland beslutande eller övriga deltagande
  |
  = hjälp: en justerare är en av dem som var med; rätta adjusters, eller skriv personen i närvaron
"#,
    );
}

/// An empty reason or place is most likely a value not yet written: the item would not
/// show as withdrawn, the meeting would have no place (the secretary review).
#[test]
fn warns_of_an_empty_reason_for_withdrawal_and_an_empty_place() {
    let mut site = TestSite::minimal();
    site.edit(KC, "place = \"Stadshuset\"", "place = \" \"");
    site.edit(KC, "decision = \"Utredningen läggs till handlingarna.\"", "withdrawn = \"\"");
    assert_diagnostics(
        &site,
        r#"varning: platsen är tom
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:9
  |
5 | place = " "
  |         ^^^ ingen plats publiceras
  |
  = hjälp: skriv var mötet hålls, t.ex. place = "Stadshuset, Umeå", eller ta bort raden

varning: skälet till att ärendet utgår är tomt
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:13
   |
30 | withdrawn = ""
   |             ^^ ärendet visas inte som utgånget
   |
   = hjälp: skriv varför ärendet utgår, t.ex. withdrawn = "Ärendet utgår eftersom …", eller ta bort raden
"#,
    );
}

#[test]
fn errors_on_duplicate_person_id() {
    let mut site = TestSite::minimal();
    site.append(PEOPLE, "\n[[person]]\nid = \"bo-lind\"\nname = \"Bo Lindgren\"\n");
    assert_diagnostics(
        &site,
        r#"fel: id:t "bo-lind" används redan
  --> content/organisation/people.toml:19:6
   |
19 | id = "bo-lind"
   |      ^^^^^^^^^ dubblett
   |
  ::: content/organisation/people.toml:8:6
   |
 8 | id = "bo-lind"
   |      ^^^^^^^^^ först definierat här, för en person
   |
   = hjälp: personer, organ och kommuner måste ha olika id; byt namn på det ena
"#,
    );
}

#[test]
fn errors_on_id_shared_by_person_and_municipality() {
    let mut site = TestSite::minimal();
    site.append(PEOPLE, "\n[[person]]\nid = \"beta\"\nname = \"Beta Person\"\n");
    assert_diagnostics(
        &site,
        r#"fel: id:t "beta" används redan
  --> content/organisation/people.toml:19:6
   |
19 | id = "beta"
   |      ^^^^^^ dubblett
   |
  ::: content/organisation/municipalities.toml:7:6
   |
 7 | id = "beta"
   |      ^^^^^^ först definierat här, för en kommun
   |
   = hjälp: personer, organ och kommuner måste ha olika id; byt namn på det ena
"#,
    );
}

#[test]
fn errors_on_duplicate_item_number() {
    let mut site = TestSite::minimal();
    site.edit(KC, "number = 2\n", "number = 1\n").edit(KC, "items = [2]", "items = [1]");
    assert_diagnostics(
        &site,
        r#"fel: ärendenummer 1 finns redan
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:27:10
   |
27 | number = 1
   |          ^ dubblett
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:22:10
   |
22 | number = 1
   |          ^ först använt här
   |
   = hjälp: varje ärende har ett eget nummer
"#,
    );
}

#[test]
fn errors_on_item_numbers_out_of_order() {
    let mut site = TestSite::minimal();
    site.edit(KC, "number = 1\n", "number = 3\n");
    assert_diagnostics(
        &site,
        r#"fel: ärendenummer 2 kommer efter 3
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:27:10
   |
27 | number = 2
   |          ^ lägre än föregående ärende
   |
   = hjälp: ordna [[item]] i stigande nummerordning
"#,
    );
}

#[test]
fn errors_when_meeting_ends_before_it_starts() {
    let mut site = TestSite::minimal();
    site.edit(KC, "end = 11:00:00", "end = 08:15:00");
    assert_diagnostics(
        &site,
        r#"fel: sluttiden 08.15 är inte efter starttiden 08.30
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:4:7
  |
4 | end = 08:15:00
  |       ^^^^^^^^ före eller lika med start
  |
  = hjälp: kontrollera start och end; tider skrivs TT:MM:SS
"#,
    );
}

#[test]
fn errors_on_date_not_in_calendar() {
    let mut site = TestSite::minimal();
    site.edit("content/meetings/kommunchefsgruppen/2013-04-17.toml", "deadline = 2013-06-30", "deadline = 2013-02-30");
    assert_diagnostics(
        &site,
        r#"fel: datumet 2013-02-30 finns inte
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:34:12
   |
34 | deadline = 2013-02-30
   |            ^^^^^^^^^^ finns inte i kalendern
   |
   = hjälp: februari 2013 har 28 dagar
"#,
    );
}

#[test]
fn errors_when_date_differs_from_file_name() {
    let mut site = TestSite::minimal();
    site.edit(KC, "date = 2013-05-15", "date = 2013-05-16");
    assert_diagnostics(
        &site,
        r#"fel: mötesdagen 2013-05-16 stämmer inte med filnamnet 2013-05-15.toml
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:2:8
  |
2 | date = 2013-05-16
  |        ^^^^^^^^^^ annan dag än i filnamnet
  |
  = hjälp: ändra date eller döp om filen till 2013-05-16.toml
"#,
    );
}

#[test]
fn errors_when_file_name_is_not_a_date() {
    let mut site = TestSite::minimal();
    let text = site.read(KC);
    site.remove(KC).write("content/meetings/kommunchefsgruppen/maj.toml", &text);
    assert_diagnostics(
        &site,
        r#"fel: filnamnet "maj.toml" är inget datum
 --> content/meetings/kommunchefsgruppen/maj.toml
  |
  = hjälp: döp om filen till 2013-05-15.toml, efter mötesdagen i filen
"#,
    );
}

#[test]
fn a_meeting_folder_with_a_typo_is_told_the_body_it_means() {
    let mut site = TestSite::minimal();
    let text = site.read(KC);
    site.remove(KC).write("content/meetings/kommunchefsgrupen/2013-05-15.toml", &text);
    let diagnostics = site.diagnostics();
    assert!(
        diagnostics.starts_with(
            r#"fel: okänt organ "kommunchefsgrupen" (mappens namn)
 --> content/meetings/kommunchefsgrupen/2013-05-15.toml
  |
  = hjälp: menade du kommunchefsgruppen? döp om mappen till content/meetings/kommunchefsgruppen/
"#
        ),
        "{diagnostics}"
    );
}

#[test]
fn an_empty_source_file_is_one_error_that_says_how_to_fill_it() {
    let mut site = TestSite::minimal();
    site.write("content/meetings/kommunchefsgruppen/2013-06-12.toml", "# Fylls i efter mötet.\n\n");
    site.write("content/groups/webb/plan-2014.toml", "");
    assert_diagnostics(
        &site,
        r#"fel: filen är tom
 --> content/groups/webb/plan-2014.toml
  |
  = hjälp: skapa planen med kansli new plan --group webb --year 2014

fel: filen är tom
 --> content/meetings/kommunchefsgruppen/2013-06-12.toml
  |
  = hjälp: skriv mötet i filen, eller skapa det med kansli new meeting --body kommunchefsgruppen --date 2013-06-12
"#,
    );
}

#[test]
fn errors_on_attendance_for_item_not_on_agenda() {
    let mut site = TestSite::minimal();
    site.edit(KC, "items = [2]", "items = [2, 7]");
    assert_diagnostics(
        &site,
        r#"fel: ärende 7 finns inte i mötet
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:15:13
   |
15 | items = [2, 7]
   |             ^ inte på dagordningen
   |
   = hjälp: mötet har ärendena 1–2
"#,
    );
}

#[test]
fn warns_when_deciding_member_is_not_a_member_on_the_day() {
    let mut site = TestSite::minimal();
    site.edit(
        "content/organisation/bodies/kommunchefsgruppen.toml",
        "person = \"bo-lind\"\nfrom = 2013-01-01",
        "person = \"bo-lind\"\nfrom = 2013-06-01",
    );
    assert_diagnostics(
        &site,
        r#"varning: Bo Lind är inte medlem i Kommunchefsgruppen på mötesdagen 2013-04-17
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:14:10
   |
14 | person = "bo-lind"
   |          ^^^^^^^^^ beslutande utan medlemskap
   |
   = hjälp: lägg till personen som [[member]] i content/organisation/bodies/kommunchefsgruppen.toml, eller rätta from/until där

varning: Bo Lind är inte medlem i Kommunchefsgruppen på mötesdagen 2013-05-15
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:14:10
   |
14 | person = "bo-lind"
   |          ^^^^^^^^^ beslutande utan medlemskap
   |
   = hjälp: lägg till personen som [[member]] i content/organisation/bodies/kommunchefsgruppen.toml, eller rätta from/until där
"#,
    );
}

#[test]
fn errors_when_plan_serves_no_goal() {
    let mut site = TestSite::minimal();
    site.edit(
        PLAN,
        "[[purpose]]\ngoal = \"utveckla\"\ntext = \"Genom gemensam webb bidrar vi till att utveckla regionen.\"\n",
        "",
    );
    assert_diagnostics(
        &site,
        r#"fel: verksamhetsplanen 2013 tjänar inget övergripande mål
 --> content/groups/webb/plan-2013.toml
  |
  = hjälp: lägg till minst ett [[purpose]] med goal = "…" och text = "Genom … bidrar vi till …"
"#,
    );
}

#[test]
fn errors_when_plan_chooses_no_area() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "areas = [\"halsa\"]\n", "");
    assert_diagnostics(
        &site,
        r#"fel: verksamhetsplanen 2013 väljer inget prioriterat område
 --> content/groups/webb/plan-2013.toml
  |
  = hjälp: lägg till areas = ["…"] med minst ett område från Bilaga 1 (content/strategy/areas.toml)
"#,
    );
}

#[test]
fn errors_when_plan_goal_has_no_target() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "target = 150\n", "");
    assert_diagnostics(
        &site,
        r#"fel: målet "m1" är inte mätbart: `target` saknas
 --> content/groups/webb/plan-2013.toml:8:6
  |
8 | id = "m1"
  |      ^^^^ mål utan målvärde
  |
  = hjälp: ange target (målvärdet), gärna med baseline (utgångsläget) och unit
"#,
    );
}

#[test]
fn errors_when_plan_goal_has_no_deadline() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "deadline = 2013-10-31\n", "");
    assert_diagnostics(
        &site,
        r#"fel: målet "m1" är inte tidsatt: `deadline` saknas
 --> content/groups/webb/plan-2013.toml:8:6
  |
8 | id = "m1"
  |      ^^^^ mål utan datum
  |
  = hjälp: ange deadline = 2013-10-31 (dagen då målet ska vara nått)
"#,
    );
}

#[test]
fn errors_when_activity_has_no_responsible_person() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "responsible = \"anna-ek\"\n", "");
    assert_diagnostics(
        &site,
        r#"fel: aktiviteten "a1" har ingen ansvarig
  --> content/groups/webb/plan-2013.toml:16:6
   |
16 | id = "a1"
   |      ^^^^ vem ser till att det blir gjort?
   |
   = hjälp: ange responsible = "person-id"
"#,
    );
}

#[test]
fn errors_when_activity_has_no_date() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "when = 2013-06-30\n", "");
    assert_diagnostics(
        &site,
        r#"fel: aktiviteten "a1" har inget datum
  --> content/groups/webb/plan-2013.toml:16:6
   |
16 | id = "a1"
   |      ^^^^ när ska den vara genomförd?
   |
   = hjälp: ange when = 2013-06-30 (dagen då aktiviteten ska vara genomförd)
"#,
    );
}

#[test]
fn errors_when_report_omits_a_goal_of_the_plan() {
    let mut site = TestSite::minimal();
    site.edit(
        REPORT,
        "[[goal]]\ngoal = \"m1\"\nfulfilment = \"delvis\"\noutcome = 130\nwhy = \"Lanseringen blev sen.\"\n\n",
        "",
    );
    assert_diagnostics(
        &site,
        r#"fel: verksamhetsberättelsen redovisar inte målet "m1" i planen
 --> content/groups/webb/report-2013.toml
  |
  = hjälp: lägg till [[goal]] med goal = "m1", fulfilment = "helt", "delvis" eller "inte" och why
"#,
    );
}

#[test]
fn errors_when_report_omits_an_activity_of_the_plan() {
    let mut site = TestSite::minimal();
    site.edit(REPORT, "\n[[activity]]\nactivity = \"a1\"\ndone = true\n", "");
    assert_diagnostics(
        &site,
        r#"fel: verksamhetsberättelsen redovisar inte aktiviteten "a1" i planen
 --> content/groups/webb/report-2013.toml
  |
  = hjälp: lägg till [[activity]] med activity = "a1" och done = true eller false
"#,
    );
}

#[test]
fn errors_on_report_without_plan() {
    let mut site = TestSite::minimal();
    let text = site.read(REPORT);
    site.write("content/groups/webb/report-2014.toml", &text);
    assert_diagnostics(
        &site,
        r#"fel: verksamhetsberättelse 2014 utan verksamhetsplan
 --> content/groups/webb/report-2014.toml
  |
  = hjälp: berättelsen redovisar planens mål och aktiviteter; lägg till content/groups/webb/plan-2014.toml
"#,
    );
}

#[test]
fn errors_when_confidential_item_names_no_osl_ground() {
    let mut site = TestSite::minimal();
    site.edit(KC, "goals = [\"utveckla\"]", "goals = [\"utveckla\"]\npublic = false");
    assert_diagnostics(
        &site,
        r#"fel: sekretessbelagt ärende saknar sekretessgrund
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:32:10
   |
32 | public = false
   |          ^^^^^ public = false kräver osl
   |
   = hjälp: ange grunden, t.ex. osl = "21 kap. 1 § OSL"
"#,
    );
}

// Errors that would only follow from another error: one typo is one error, wherever the
// file's definitions are referred to.

const KC_APRIL: &str = "content/meetings/kommunchefsgruppen/2013-04-17.toml";

#[test]
fn a_syntax_error_in_people_is_one_error_not_one_per_reference() {
    let mut site = TestSite::minimal();
    site.edit(PEOPLE, "name = \"Anna Ek\"", "name \"Anna Ek\"");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
 --> content/organisation/people.toml:3:6
  |
3 | name "Anna Ek"
  |      ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

#[test]
fn an_invalid_person_id_is_one_error_not_one_per_reference() {
    let mut site = TestSite::minimal();
    site.edit(PEOPLE, "id = \"anna-ek\"", "id = \"Anna-Ek\"");
    assert_diagnostics(
        &site,
        r#"fel: ogiltigt id "Anna-Ek"
 --> content/organisation/people.toml:2:6
  |
2 | id = "Anna-Ek"
  |      ^^^^^^^^^ får bara innehålla a–z, 0–9 och bindestreck
  |
  = hjälp: skriv t.ex. "anna-ek"
"#,
    );
}

#[test]
fn references_into_a_meeting_with_errors_are_checked_once_it_is_fixed() {
    let mut site = TestSite::minimal();
    site.edit(KC_APRIL, "number = 2", "number 2");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:26:8
   |
26 | number 2
   |        ^ väntade = här
   |
   = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

#[test]
fn a_group_whose_file_has_errors_does_not_make_its_plans_unknown() {
    let mut site = TestSite::minimal();
    site.edit("content/groups/webb/group.toml", "name = \"Arbetsgrupp Webb\"", "name \"Arbetsgrupp Webb\"");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
 --> content/groups/webb/group.toml:1:6
  |
1 | name "Arbetsgrupp Webb"
  |      ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

#[test]
fn a_report_is_checked_against_its_plan_once_the_plan_is_fixed() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "id = \"m1\"", "id \"m1\"");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
 --> content/groups/webb/plan-2013.toml:8:4
  |
8 | id "m1"
  |    ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

#[test]
fn a_plan_with_errors_is_not_told_its_activity_serves_a_goal_it_lost() {
    let mut site = TestSite::minimal();
    site.edit(PLAN, "[[goal]]", "[[goal]");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: tabellens namn saknar ]]
 --> content/groups/webb/plan-2013.toml:7:8
  |
7 | [[goal]
  |        ^ väntade ]] här
  |
  = hjälp: skriv t.ex. [[item]] på en egen rad
"#,
    );
}

#[test]
fn a_report_with_errors_is_not_told_what_it_lacks() {
    let mut site = TestSite::minimal();
    site.edit(REPORT, "goal = \"m1\"", "goal \"m1\"");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
 --> content/groups/webb/report-2013.toml:2:6
  |
2 | goal "m1"
  |      ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

#[test]
fn goals_are_checked_once_the_strategy_is_fixed() {
    let mut site = TestSite::minimal();
    site.edit("content/strategy/plan.toml", "id = \"utveckla\"", "id \"utveckla\"");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: = saknas
 --> content/strategy/plan.toml:6:4
  |
6 | id "utveckla"
  |    ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
    );
}

/// `serve` reuses the meetings it resolved before: a reference left unchecked while the
/// meeting it names had errors is checked when that meeting is fixed.
#[test]
fn a_cached_check_reports_the_reference_once_its_meeting_is_fixed() {
    use kansli::diag::{Color, render};
    let mut site = TestSite::minimal();
    site.edit(KC, "to = \"kommunchefsgruppen/2013-04-17#2\"", "to = \"kommunchefsgruppen/2013-04-17#9\"");
    site.edit(KC_APRIL, "title = \"Lokalförsörjning\"", "title = \"Lokalförsörjning");
    let mut cache = kansli::load::Cache::default();
    let mut memo = kansli::model::Memo::default();
    let rendered = |checked: &kansli::check::Checked| {
        checked.diagnostics.iter().map(|d| render(d, &checked.files, Color::Never)).collect::<Vec<_>>().join("\n")
    };
    let broken = kansli::check::check_cached(&site.source, &mut cache, &mut memo).unwrap();
    assert_eq!(
        rendered(&broken),
        r#"fel: TOML-syntaxfel: texten inom citattecken är inte avslutad
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:27:26
   |
27 | title = "Lokalförsörjning
   |                          ^ här slutar texten
   |
   = hjälp: avsluta texten med samma citattecken på samma rad; text på flera rader skrivs mellan """ och """
"#
    );
    site.edit(KC_APRIL, "title = \"Lokalförsörjning", "title = \"Lokalförsörjning\"");
    let fixed = kansli::check::check_cached(&site.source, &mut cache, &mut memo).unwrap();
    assert_eq!(
        rendered(&fixed),
        r#"fel: okänt ärende "kommunchefsgruppen/2013-04-17#9"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:39:6
   |
39 | to = "kommunchefsgruppen/2013-04-17#9"
   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ mötet har inget ärende 9
   |
   = hjälp: mötet har ärendena 1–2
"#
    );
}

#[test]
fn errors_when_an_osl_ground_is_given_but_the_item_is_public() {
    let mut site = TestSite::minimal();
    site.edit(KC, "goals = [\"utveckla\"]", "goals = [\"utveckla\"]\nosl = \"19 kap. 3 § OSL\"");
    assert_diagnostics(
        &site,
        r#"fel: sekretessgrund anges men ärendet är inte markerat public = false
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:32:7
   |
32 | osl = "19 kap. 3 § OSL"
   |       ^^^^^^^^^^^^^^^^^ osl utan public = false
   |
   = hjälp: skriv public = false om innehållet omfattas av sekretess, annars ta bort osl
"#,
    );
}

#[test]
fn errors_on_an_item_without_a_title_and_warns_on_an_empty_decision() {
    let mut site = TestSite::minimal();
    site.edit(KC, "title = \"Mötets öppnande\"", "title = \"  \"");
    site.edit(KC, "decision = \"Utredningen läggs till handlingarna.\"", "decision = \"\"");
    assert_diagnostics(
        &site,
        r#"fel: ärendet har ingen rubrik
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:23:9
   |
23 | title = "  "
   |         ^^^^ tom rubrik
   |
   = hjälp: skriv ärendets rubrik, t.ex. title = "Mötets öppnande"

varning: beslutet är tomt
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:12
   |
30 | decision = ""
   |            ^^ inget beslut publiceras
   |
   = hjälp: skriv beslutet, eller ta bort raden om ärendet inte har något
"#,
    );
}

/// An amount granted outside the cooperation (`granted_by`) was not decided at one of its
/// meetings (`decided`): both at once is one error, at the one and with a note at the other.
#[test]
fn errors_on_money_both_decided_and_granted_by() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        "source = \"Utvecklingsmedel\"",
        "source = \"Utvecklingsmedel\"\ndecided = \"kommunchefsgruppen/2013-04-17\"\ngranted_by = \"Länsstyrelsen\"",
    );
    assert_diagnostics(
        &site,
        r#"fel: beloppet har både decided och granted_by
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:47:14
   |
47 | granted_by = "Länsstyrelsen"
   |              ^^^^^^^^^^^^^^^ beviljat utanför samverkan
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:46:11
   |
46 | decided = "kommunchefsgruppen/2013-04-17"
   |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ och beslutat vid ett möte i samverkan
   |
   = hjälp: decided pekar på mötet i samverkan som beslutade; granted_by namnger den utanför samverkan som beviljade: ange det ena
"#,
    );
}

#[test]
fn errors_on_a_license_without_an_address() {
    let mut site = TestSite::minimal();
    site.edit(
        "content/site.toml",
        "[accessibility]",
        "[license]\nname = \"CC0\"\nurl = \"creativecommons.org/publicdomain/zero/1.0/\"\n\n[accessibility]",
    );
    assert_diagnostics(
        &site,
        r#"fel: ogiltig adress "creativecommons.org/publicdomain/zero/1.0/"
  --> content/site.toml:14:7
   |
14 | url = "creativecommons.org/publicdomain/zero/1.0/"
   |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ väntade en adress som börjar med https://
   |
   = hjälp: skriv licensens fullständiga adress, t.ex. "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
"#,
    );
}

#[test]
fn errors_on_a_role_with_both_from_and_documented() {
    let mut site = TestSite::minimal();
    site.edit(
        "content/organisation/bodies/kommunchefsgruppen.toml",
        "role = \"ordförande\"\nfrom = 2013-01-01",
        "role = \"ordförande\"\nfrom = 2013-01-01\ndocumented = 2013-05-15",
    );
    assert_diagnostics(
        &site,
        r#"fel: uppdraget har både from och documented
  --> content/organisation/bodies/kommunchefsgruppen.toml:10:14
   |
10 | documented = 2013-05-15
   |              ^^^^^^^^^^ första dag som källorna visar
   |
  ::: content/organisation/bodies/kommunchefsgruppen.toml:9:8
   |
 9 | from = 2013-01-01
   |        ^^^^^^^^^^ och dagen då uppdraget började
   |
   = hjälp: from är när uppdraget började; documented skrivs i stället, när starten är okänd: ange det ena
"#,
    );
}

/// A cancelled meeting that has decisions or attendance reads as held: one error.
#[test]
fn errors_on_a_cancelled_meeting_with_a_decision() {
    let mut site = TestSite::minimal();
    site.edit(KC, "secretary = \"erik-sedig\"", "secretary = \"erik-sedig\"\ncancelled = \"Mötet ställs in.\"");
    assert_diagnostics(
        &site,
        r#"fel: ett inställt möte har närvaro
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:11:10
   |
11 | person = "anna-ek"
   |          ^^^^^^^^^ som om mötet hölls
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:8:13
   |
 8 | cancelled = "Mötet ställs in."
   |             ^^^^^^^^^^^^^^^^^^ mötet är inställt här
   |
   = hjälp: ta bort cancelled om mötet hölls, annars närvaron och besluten
"#,
    );
}

/// A reference written as a person would is told how kansli writes it.
#[test]
fn a_reference_written_by_hand_is_told_how_it_is_written() {
    let mut site = TestSite::minimal();
    site.edit(KC, "to = \"kommunchefsgruppen/2013-04-17#2\"", "to = \"Kommunchefsgruppen 2013-04-17 § 2\"");
    assert_diagnostics(
        &site,
        r#"fel: ogiltig hänvisning "Kommunchefsgruppen 2013-04-17 § 2"
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:39:6
   |
39 | to = "Kommunchefsgruppen 2013-04-17 § 2"
   |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ väntade "organ/ÅÅÅÅ-MM-DD"
   |
   = hjälp: menade du "kommunchefsgruppen/2013-04-17#2"?
"#,
    );
}

/// A meeting saved in another body's folder: all who decided sit in that body, and none
/// here. One error says where it belongs, not a warning per person.
#[test]
fn a_meeting_in_the_wrong_bodys_folder_is_told_where_it_belongs() {
    let mut site = TestSite::minimal();
    site.append("content/organisation/bodies/regionradet.toml", "\n[[member]]\nperson = \"erik-sedig\"\n");
    let text = site.read(KC).replace("date = 2013-05-15", "date = 2013-05-16");
    site.write("content/meetings/regionradet/2013-05-16.toml", &text);
    assert_diagnostics(
        &site,
        r#"fel: de beslutande är ledamöter i Kommunchefsgruppen, inte i Regionrådet
  --> content/meetings/regionradet/2013-05-16.toml:10:10
   |
10 | person = "anna-ek"
   |          ^^^^^^^^^ ledamot i Kommunchefsgruppen
   |
   = hjälp: ligger filen i fel mapp? flytta den till content/meetings/kommunchefsgruppen/, om mötet var kommunchefsgruppens
"#,
    );
}

/// "1 dagar": a value of 1 with a plural unit and no singular is a warning, in the plan
/// and in the report's outcome; "st", "procent", "barn" and "besök" are both.
#[test]
fn the_value_one_with_a_plural_unit_and_no_singular_is_a_warning() {
    let mut site = TestSite::minimal();
    site.edit(
        PLAN,
        "baseline = 100\ntarget = 150\nunit = \"besök per dag\"",
        "baseline = 1\ntarget = 3\nunit = \"träffar\"",
    );
    site.edit(REPORT, "outcome = 130", "outcome = 1");
    assert_diagnostics(
        &site,
        r#"varning: värdet 1 skrivs "1 träffar"
  --> content/groups/webb/plan-2013.toml:10:12
   |
10 | baseline = 1
   |            ^ enheten står i plural
   |
   = hjälp: ange enheten i singular med unit_one, t.ex. unit_one = "kommun" till unit = "kommuner"

varning: värdet 1 skrivs "1 träffar"
 --> content/groups/webb/report-2013.toml:4:11
  |
4 | outcome = 1
  |           ^ enheten står i plural
  |
  = hjälp: ange enheten i singular med unit_one i planens mål, t.ex. unit_one = "kommun" till unit = "kommuner"
"#,
    );
    site.edit(PLAN, "unit = \"träffar\"", "unit = \"träffar\"\nunit_one = \"träff\"");
    assert_diagnostics(&site, "");
    site.edit(PLAN, "unit = \"träffar\"\nunit_one = \"träff\"", "unit = \"st\"");
    assert_diagnostics(&site, "");
}

/// The page on personal data is linked from every footer, so it must be an address.
#[test]
fn errors_on_a_privacy_page_without_an_address() {
    let mut site = TestSite::minimal();
    site.edit(
        "content/site.toml",
        "base_url = \"https://test.example/beslut/\"",
        "base_url = \"https://test.example/beslut/\"\nprivacy_url = \"test.example/personuppgifter\"",
    );
    assert_diagnostics(
        &site,
        r#"fel: ogiltig adress "test.example/personuppgifter"
 --> content/site.toml:4:15
  |
4 | privacy_url = "test.example/personuppgifter"
  |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ väntade en adress som börjar med https://
  |
  = hjälp: skriv den fullständiga adressen till sidan om personuppgifter, t.ex. "https://umearegionen.se/personuppgifter/"
"#,
    );
}
