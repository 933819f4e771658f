//! The loader's diagnostics: syntax, unknown keys and values, types, encodings, and that
//! one run reports every fault of a file.

mod common;

use common::{TestSite, repo};

const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";

#[track_caller]
fn assert_diagnostics(site: &TestSite, expected: &str) {
    let actual = site.diagnostics();
    if actual != expected {
        panic!("diagnostics differ.\n--- expected\n{expected}\n--- actual\n{actual}\n---");
    }
}

/// The real content with the seed's own Kommunchefsgruppen 2013-05-15 file, typo kept.
fn content_with_seed_typo() -> TestSite {
    let mut site = TestSite::from_dir(&repo());
    let original = std::fs::read_to_string(repo().join("tests/fixtures/seed-typo/2013-05-15.toml")).unwrap();
    site.write(KC, &original);
    site
}

#[test]
fn seed_answer_date_203_06_15_is_an_invalid_date() {
    assert_diagnostics(
        &content_with_seed_typo(),
        r#"fel: ogiltigt datum `203-06-15`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:90:12
   |
90 | deadline = 203-06-15
   |            ^^^^^^^^^ inte ett datum
   |
   = hjälp: skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-06-15

fel: ogiltigt datum `203-06-15`
   --> content/meetings/kommunchefsgruppen/2013-05-15.toml:105:12
    |
105 | deadline = 203-06-15
    |            ^^^^^^^^^ inte ett datum
    |
    = hjälp: skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-06-15
"#,
    );
}

#[test]
fn reports_toml_syntax_error_with_position() {
    let mut site = TestSite::minimal();
    site.edit(KC, "place = \"Stadshuset\"", "place = \"Stadshuset");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: texten inom citattecken är inte avslutad
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:20
  |
5 | place = "Stadshuset
  |                    ^ här slutar texten
  |
  = hjälp: avsluta texten med samma citattecken på samma rad; text på flera rader skrivs mellan """ och """
"#,
    );
}

#[test]
fn errors_on_unknown_key_with_suggestion() {
    let mut site = TestSite::minimal();
    site.edit(KC, "title = \"Lokalförsörjning\"", "titel = \"Lokalförsörjning\"");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `titel`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:28:1
   |
28 | titel = "Lokalförsörjning"
   | ^^^^^ okänd nyckel
   |
   = hjälp: menade du `title`?
"#,
    );
}

#[test]
fn suggests_english_key_for_swedish_word() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        "decision = \"Utredningen läggs till handlingarna.\"",
        "beslut = \"Utredningen läggs till handlingarna.\"",
    );
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `beslut`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:1
   |
30 | beslut = "Utredningen läggs till handlingarna."
   | ^^^^^^ okänd nyckel
   |
   = hjälp: menade du `decision`?
"#,
    );
}

#[test]
fn lists_allowed_keys_when_nothing_is_close() {
    let mut site = TestSite::minimal();
    site.edit("content/site.toml", "title = ", "xyzzy = 1\ntitle = ");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `xyzzy`
 --> content/site.toml:1:1
  |
1 | xyzzy = 1
  | ^^^^^ okänd nyckel
  |
  = hjälp: tillåtna nycklar här: `accessibility`, `base_url`, `confidential_notice`, `cooperation`, `description`, `example`, `language`, `license`, `member`, `privacy_url`, `theme`, `title`
"#,
    );
}

#[test]
fn errors_on_value_outside_allowed_list() {
    let mut site = TestSite::minimal();
    site.edit(KC, "kind = \"minnesanteckningar\"", "kind = \"protokol\"");
    assert_diagnostics(
        &site,
        r#"fel: okänt värde "protokol"
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:1:8
  |
1 | kind = "protokol"
  |        ^^^^^^^^^^ inte ett tillåtet värde
  |
  = hjälp: menade du "protokoll"?
"#,
    );
}

#[test]
fn errors_on_value_of_wrong_type() {
    let mut site = TestSite::minimal();
    site.edit(KC, "number = 2\n", "number = \"två\"\n");
    assert_diagnostics(
        &site,
        r#"fel: fel typ av värde: text
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:27:10
   |
27 | number = "två"
   |          ^^^^^ väntade heltal
   |
   = hjälp: skriv ett heltal utan citattecken, t.ex. 3
"#,
    );
}

#[test]
fn errors_on_missing_required_key() {
    let mut site = TestSite::minimal();
    site.edit(KC, "title = \"Lokalförsörjning\"\n", "");
    assert_diagnostics(
        &site,
        r#"fel: nyckeln `title` saknas
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:26:1
   |
26 | [[item]]
   | ^^^^^^^^ här behövs `title`
   |
   = hjälp: lägg till `title = …` (se innehållsguiden)
"#,
    );
}

#[test]
fn errors_on_invalid_utf8() {
    let mut site = TestSite::minimal();
    let mut bytes = site.read(KC).into_bytes();
    bytes.splice(40..40, [0xff, 0xfe]);
    site.write_bytes(KC, &bytes);
    assert_diagnostics(
        &site,
        r#"fel: filen är inte giltig UTF-8
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:2:13
  |
2 | date = 2013-��05-15
  |             ^ ogiltig byte
  |
  = hjälp: spara filen som UTF-8 i redigeraren
"#,
    );
}

#[test]
fn warns_on_byte_order_mark_and_reads_the_file() {
    let mut site = TestSite::minimal();
    let text = site.read(KC);
    site.write(KC, &format!("\u{feff}{text}"));
    assert_diagnostics(
        &site,
        r#"varning: filen börjar med en BOM (byte order mark)
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:1:1
  |
1 | kind = "minnesanteckningar"
  | ^
  |
  = hjälp: spara filen som UTF-8 utan BOM; tecknet ignoreras
"#,
    );
    // The mark has no width: a fault on the first line is at the column the editor shows.
    site.write(KC, &format!("\u{feff}{}", text.replace("kind = ", "kinds = ")));
    let diagnostics = site.diagnostics();
    assert!(
        diagnostics.contains("2013-05-15.toml:1:1\n  |\n1 | kinds = \"minnesanteckningar\"\n  | ^^^^^ okänd nyckel"),
        "{diagnostics}"
    );
}

#[test]
fn accepts_windows_line_endings() {
    let mut site = TestSite::minimal();
    let text = site.read(KC).replace('\n', "\r\n");
    site.write(KC, &text);
    assert_diagnostics(&site, "");
}

#[test]
fn warns_on_source_file_in_unknown_place() {
    let mut site = TestSite::minimal();
    site.write("content/notes.toml", "x = 1\n");
    assert_diagnostics(
        &site,
        r#"varning: okänd källfil; den används inte
 --> content/notes.toml
  |
  = hjälp: källfiler ligger i content/site.toml, organisation/, strategy/, meetings/<organ>/<ÅÅÅÅ-MM-DD>.toml, groups/<id>/ och indicators/
"#,
    );
}

#[test]
fn errors_on_missing_site_file() {
    let mut site = TestSite::minimal();
    site.remove("content/site.toml");
    assert_diagnostics(
        &site,
        r#"fel: filen content/site.toml saknas
  = hjälp: den innehåller webbplatsens inställningar; se innehållsguiden (docs/content-guide.md)
"#,
    );
}

#[test]
fn refuses_oversized_source_file() {
    let mut site = TestSite::minimal();
    let mut text = site.read(KC);
    text.push_str(&"# fyllnad\n".repeat(1_000_000));
    site.write(KC, &text);
    assert_diagnostics(
        &site,
        r#"fel: filen är för stor (9,5 MB)
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml
  |
  = hjälp: en källfil får vara högst 8 MB; bilagor läggs som egna filer
"#,
    );
}

#[test]
fn reports_five_different_faults_of_one_file_in_one_run() {
    let mut site = TestSite::minimal();
    site.edit(KC, "kind = \"minnesanteckningar\"", "kind = \"protokol\"")
        .edit(KC, "end = 11:00:00", "end = 08:00:00")
        .edit(KC, "secretary = \"erik-sedig\"", "secretary = \"erik-sedg\"")
        .edit(KC, "title = \"Lokalförsörjning\"", "titel = \"Lokalförsörjning\"")
        .edit(KC, "goals = [\"utveckla\"]", "goals = [\"utvekla\"]");
    let checked = site.check();
    assert_eq!(checked.errors(), 5, "{}", site.diagnostics());
    assert_diagnostics(
        &site,
        r#"fel: okänt värde "protokol"
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:1:8
  |
1 | kind = "protokol"
  |        ^^^^^^^^^^ inte ett tillåtet värde
  |
  = hjälp: menade du "protokoll"?

fel: sluttiden 08.00 är inte efter starttiden 08.30
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:4:7
  |
4 | end = 08:00:00
  |       ^^^^^^^^ före eller lika med start
  |
  = hjälp: kontrollera start och end; tider skrivs TT:MM:SS

fel: okänd person "erik-sedg"
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

fel: okänd nyckel `titel`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:28:1
   |
28 | titel = "Lokalförsörjning"
   | ^^^^^ okänd nyckel
   |
   = hjälp: menade du `title`?

fel: okänt mål "utvekla"
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
fn says_where_a_key_under_the_wrong_header_belongs() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        "[[item.attachment]]\ntitle = \"Utredning\"\nfile = \"bilagor/utredning.txt\"\n",
        "[[item.attachment]]\ntitle = \"Utredning\"\nfile = \"bilagor/utredning.txt\"\npresenter = \"anna-ek\"\n",
    );
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `presenter`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:37:1
   |
37 | presenter = "anna-ek"
   | ^^^^^^^^^ okänd nyckel
   |
   = hjälp: `presenter` hör till [[item]]: flytta raden ovanför [[item.attachment]]
"#,
    );
}

#[test]
fn says_when_a_key_belongs_at_the_start_of_the_file() {
    let mut site = TestSite::minimal();
    site.edit(KC, "place = \"Stadshuset\"\n", "");
    site.edit(KC, "role = \"ordförande\"\n", "role = \"ordförande\"\nplace = \"Stadshuset\"\n");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `place`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:11:1
   |
11 | place = "Stadshuset"
   | ^^^^^ okänd nyckel
   |
   = hjälp: `place` hör till filens början: flytta raden ovanför den första [[attendee]]
"#,
    );
}

#[test]
fn says_a_key_of_the_files_start_goes_above_its_first_header_from_any_depth() {
    let mut site = TestSite::minimal();
    site.edit(KC, "place = \"Stadshuset\"\n", "");
    site.append(KC, "place = \"Stadshuset\"\n");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `place`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:45:1
   |
45 | place = "Stadshuset"
   | ^^^^^ okänd nyckel
   |
   = hjälp: `place` hör till filens början: flytta raden ovanför den första [[attendee]]
"#,
    );
}

#[test]
fn a_required_key_under_the_wrong_header_is_one_error() {
    let mut site = TestSite::minimal();
    site.edit("content/site.toml", "title = \"Testregionen – beslut\"\n", "");
    site.append("content/site.toml", "title = \"Testregionen – beslut\"\n");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `title`
  --> content/site.toml:17:1
   |
17 | title = "Testregionen – beslut"
   | ^^^^^ okänd nyckel
   |
   = hjälp: `title` hör till filens början: flytta raden ovanför den första [[member]]
"#,
    );
}

#[test]
fn errors_on_item_reference_without_meeting_outside_a_meeting() {
    let mut site = TestSite::minimal();
    let plan = site.read("content/groups/webb/plan-2013.toml");
    site.write("content/groups/webb/plan-2013.toml", &format!("approved = \"#2\"\n{plan}"));
    assert_diagnostics(
        &site,
        r##"fel: hänvisningen "#2" saknar möte
 --> content/groups/webb/plan-2013.toml:1:12
  |
1 | approved = "#2"
  |            ^^^^ "#nummer" gäller bara inom ett möte
  |
  = hjälp: skriv hela hänvisningen, t.ex. "kommunchefsgruppen/2013-01-23#5"
"##,
    );
}

/// The TOML parser's commonest syntax errors, in Swedish: one typo each in the minimal
/// site's meeting, and the whole rendered diagnostic.
#[test]
fn toml_syntax_errors_are_worded_for_the_secretary() {
    let cases: [(&str, &str, &str); 15] = [
        (
            "place = \"Stadshuset\"",
            "place = \"\"\"Stadshuset",
            r#"fel: TOML-syntaxfel: texten på flera rader är inte avslutad
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:46:1
   |
46 |
   | ^ här slutar filen
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:5:9
   |
 5 | place = """Stadshuset
   |         ^^^ texten börjar här
   |
   = hjälp: avsluta texten med samma tre citattecken som den började med
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "place = \"Stads\u{7}huset\"",
            r#"fel: TOML-syntaxfel: otillåtet tecken i texten
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:15
  |
5 | place = "Stads␇huset"
  |               ^ otillåtet tecken
  |
  = hjälp: ta bort tecknet; osynliga styrtecken följer ibland med när text kopieras från ett annat program
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "place =",
            r#"fel: TOML-syntaxfel: värde saknas
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:8
  |
5 | place =
  |        ^ väntade ett värde här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
        ),
        (
            "chair = \"anna-ek\"",
            "chair = \"anna-ek\"\nchair = \"bo-lind\"",
            r#"fel: TOML-syntaxfel: nyckeln står två gånger i samma tabell
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:7:1
  |
7 | chair = "bo-lind"
  | ^^^^^ andra gången
  |
 ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:6:1
  |
6 | chair = "anna-ek"
  | ^^^^^ första gången
  |
  = hjälp: ta bort den ena; ett nytt ärende, en ny person o.s.v. börjar med en egen rad som [[item]]
"#,
        ),
        (
            "kind = \"minnesanteckningar\"",
            "[site\nkind = \"minnesanteckningar\"",
            r#"fel: TOML-syntaxfel: tabellens namn saknar ]
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:1:6
  |
1 | [site
  |      ^ väntade ] här
  |
  = hjälp: skriv t.ex. [site] på en egen rad
"#,
        ),
        (
            "goals = [\"utveckla\"]",
            "goals = [\"utveckla\"",
            r#"fel: TOML-syntaxfel: listan saknar , eller ]
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:32:1
   |
32 | areas = ["halsa"]
   | ^ väntade , eller ] före detta
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:31:9
   |
31 | goals = ["utveckla"
   |         ^ listan börjar här
   |
   = hjälp: en lista skrivs ["första", "andra"]; saknas ] läses allt som följer som en del av listan
"#,
        ),
        (
            "title = \"Utredning\"",
            "title = { text = \"Utredning\"",
            r#"fel: fel typ av värde: en tabell
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:35:9
   |
35 | title = { text = "Utredning"
   |         ^^^^^^^^^^^^^^^^^^^^ väntade text
   |
   = hjälp: skriv texten inom citattecken: "…"

fel: TOML-syntaxfel: tabellen inom { } saknar , eller }
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:1
   |
36 | file = "bilagor/utredning.txt"
   | ^ väntade , eller } före detta
   |
   = hjälp: skriv t.ex. presenter = { name = "…", organisation = "…" } på en rad; saknas } läses allt som följer som en del av tabellen
"#,
        ),
        (
            "goals = [\"utveckla\"]",
            "goals = [\"utveckla\" \"profil\"]",
            r#"fel: TOML-syntaxfel: listan saknar , eller ]
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:21
   |
31 | goals = ["utveckla" "profil"]
   |                     ^ väntade , eller ] före detta
   |
   = hjälp: en lista skrivs ["första", "andra"]; saknas ] läses allt som följer som en del av listan
"#,
        ),
        (
            "title = \"Utredning\"",
            "title = { a = \"Utredning\" b = \"x\" }",
            r#"fel: TOML-syntaxfel: tabellen inom { } saknar , eller }
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:35:27
   |
35 | title = { a = "Utredning" b = "x" }
   |                           ^ väntade , eller } före detta
   |
   = hjälp: skriv t.ex. presenter = { name = "…", organisation = "…" } på en rad; saknas } läses allt som följer som en del av tabellen
"#,
        ),
        (
            "goals = [\"utveckla\"]",
            "goals = [\"utveckla\",,]",
            r#"fel: TOML-syntaxfel: ett komma för mycket
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:21
   |
31 | goals = ["utveckla",,]
   |                     ^ tomt värde mellan komman
   |
   = hjälp: ta bort det ena kommat
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "place = = \"Stadshuset\"",
            r#"fel: TOML-syntaxfel: ett = för mycket
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:9
  |
5 | place = = "Stadshuset"
  |         ^ andra =
  |
  = hjälp: skriv nyckel = värde med ett =
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "place = \"Stadshuset\" Umeå",
            r#"fel: TOML-syntaxfel: oväntat innehåll efter värdet
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:22
  |
5 | place = "Stadshuset" Umeå
  |                      ^ väntade radslut här
  |
  = hjälp: skriv en nyckel = värde per rad; en kommentar börjar med #
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "plats (ort) = \"Stadshuset\"",
            r#"fel: TOML-syntaxfel: = saknas
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:7
  |
5 | plats (ort) = "Stadshuset"
  |       ^ väntade = här
  |
  = hjälp: skriv nyckel = värde, t.ex. title = "Mötets öppnande"
"#,
        ),
        (
            "place = \"Stadshuset\"",
            "place = \"C:\\mappar\"",
            r#"fel: TOML-syntaxfel: ogiltigt \ i texten
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:5:13
  |
5 | place = "C:\mappar"
  |             ^ \ inleder ett specialtecken
  |
  = hjälp: skriv \\ för ett omvänt snedstreck, eller sätt texten inom '…', där \ står för sig självt
"#,
        ),
        (
            "start = 08:30:00",
            "start = 08:61:00",
            r#"fel: TOML-syntaxfel: ogiltigt klockslag
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:3:9
  |
3 | start = 08:61:00
  |         ^^^^^^^^ inte ett klockslag
  |
  = hjälp: skriv klockslag som TT:MM:SS utan citattecken, t.ex. 08:30:00 (timmar 00–23, minuter och sekunder 00–59)
"#,
        ),
    ];
    let mut failures = Vec::new();
    for (from, to, expected) in cases {
        let mut site = TestSite::minimal();
        site.edit(KC, from, to);
        let actual = site.diagnostics();
        if actual != expected {
            failures.push(format!("--- {to:?}: expected\n{expected}\n--- actual\n{actual}\n---"));
        }
    }
    assert!(failures.is_empty(), "diagnostics differ.\n{}", failures.join("\n"));
}

#[test]
fn a_secrecy_key_is_told_how_secrecy_is_written_not_to_write_public() {
    let mut site = TestSite::minimal();
    site.edit(KC, "goals = [\"utveckla\"]", "goals = [\"utveckla\"]\nsekretess = true");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `sekretess`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:32:1
   |
32 | sekretess = true
   | ^^^^^^^^^ okänd nyckel
   |
   = hjälp: sekretess skrivs public = false med sekretessgrunden i osl, t.ex. osl = "21 kap. 1 § OSL"
"#,
    );
}

#[test]
fn a_number_written_as_in_prose_is_told_how_toml_writes_it() {
    let cases = [
        ("1 200 000 kr", "amount = 1200000", 10, 12),
        ("1,5 mnkr", "amount = 1500000", 10, 8),
        ("300 000", "amount = 300000", 10, 7),
    ];
    for (written, hint, column, width) in cases {
        let mut site = TestSite::minimal();
        site.edit(KC, "amount = 300000", &format!("amount = {written}"));
        assert_diagnostics(
            &site,
            &format!(
                r#"fel: TOML-syntaxfel: talet är skrivet som i löptext
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:43:{column}
   |
43 | amount = {written}
   |          {carets} mellanrum, enhet eller decimalkomma
   |
   = hjälp: skriv talet utan mellanrum och enhet, med decimalpunkt: {hint}; belopp i hela kronor
"#,
                carets = "^".repeat(width)
            ),
        );
    }
}

/// A text on several lines whose closing quotes are missing runs on to the next text's
/// opening quotes, and the parser reads that text as keys: one error, at the line where
/// the text should have ended, and nothing about the items it swallowed (`items = [2]`).
#[test]
fn a_text_left_open_before_the_next_text_is_one_error() {
    let mut site = TestSite::minimal();
    site.edit(KC, "description = \"Anna Ek öppnar mötet.\"", "description = \"\"\"\nAnna Ek öppnar mötet.");
    site.edit(
        KC,
        "decision = \"Utredningen läggs till handlingarna.\"",
        "decision = \"\"\"\nUtredningen läggs till handlingarna.\n\"\"\"",
    );
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: texten på flera rader är inte avslutad
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:27:1
   |
27 | [[item]]
   | ^^^^^^^^ läses som en del av texten
   |
  ::: content/meetings/kommunchefsgruppen/2013-05-15.toml:24:15
   |
24 | description = """
   |               ^^^ texten börjar här
   |
   = hjälp: avsluta texten med """ på en egen rad före rad 27
"#,
    );
}

/// Values written as one would write them to a person, which TOML reads otherwise or
/// not at all: one error each, in Swedish, with the value as TOML writes it.
#[test]
fn a_value_written_as_to_a_person_is_told_how_toml_writes_it() {
    let cases: [(&str, &str, &str, &str, &str); 15] = [
        ("number = 2", "number = 02", "talet börjar med 0", "inledande nolla", "number = 2"),
        ("number = 2", "number = §2", "paragrafnumret skrivs utan §", "§ står framför numret", "number = 2"),
        ("number = 2", "number = #2", "# inleder en kommentar", "resten av raden är en kommentar", "number = 2"),
        (
            "amount = 300000",
            "amount = 300000.",
            "siffror saknas vid decimalpunkten",
            "siffror saknas",
            "amount = 300000",
        ),
        ("amount = 300000", "amount = 3__0", "ogiltigt tal", "inte ett tal", "amount = 30"),
        (
            "completes = true",
            "completes = TRUE",
            "true och false skrivs med små bokstäver",
            "stora bokstäver",
            "completes = true",
        ),
        ("completes = true", "completes = ja", "ja skrivs true", "inte true eller false", "completes = true"),
        ("completes = true", "completes = nej", "nej skrivs false", "inte true eller false", "completes = false"),
        (
            "place = \"Stadshuset\"",
            "place = ”Stadshuset”",
            "typografiska citattecken",
            "inte raka citattecken \"",
            "place = \"Stadshuset\"",
        ),
        ("start = 08:30:00", "start = 08.30", "klockslag skrivs med kolon", "punkt i klockslaget", "start = 08:30:00"),
        ("date = 2013-05-15", "date = 2013-05-15.", "tecken efter datumet", "efter ÅÅÅÅ-MM-DD", "date = 2013-05-15"),
        (
            "date = 2013-05-15",
            "date = 2013.05.15",
            "datum skrivs med bindestreck",
            "punkt i datumet",
            "date = 2013-05-15",
        ),
        (
            "start = 08:30:00",
            "start = 08:30-11:00",
            "start och slut skrivs var för sig",
            "två klockslag",
            "start = 08:30:00 och end = 11:00:00, på var sin rad",
        ),
        (
            "start = 08:30:00",
            "start = 8:30–11:00:00",
            "start och slut skrivs var för sig",
            "två klockslag",
            "start = 08:30:00 och end = 11:00:00, på var sin rad",
        ),
        (
            "date = 2013-05-15",
            "date = 2013-05",
            "dag saknas i datumet",
            "bara år och månad",
            "datum som ÅÅÅÅ-MM-DD, t.ex. date = 2013-05-01",
        ),
    ];
    let mut failures = Vec::new();
    for (from, to, message, label, hint) in cases {
        let mut site = TestSite::minimal();
        site.edit(KC, from, to);
        let line = site.read(KC).lines().position(|l| l == to).unwrap() + 1;
        let column = to.find(" = ").unwrap() + 4;
        let width = to[column - 1..].chars().count();
        let margin = " ".repeat(line.to_string().len());
        let expected = format!(
            "fel: TOML-syntaxfel: {message}\n{margin}--> {KC}:{line}:{column}\n{margin} |\n{line} | {to}\n{margin} | {pad}{carets} {label}\n{margin} |\n{margin} = hjälp: skriv {hint}\n",
            pad = " ".repeat(column - 1),
            carets = "^".repeat(width),
        );
        let actual = site.diagnostics();
        if actual != expected {
            failures.push(format!("--- {to:?}: expected\n{expected}\n--- actual\n{actual}\n---"));
        }
    }
    assert!(failures.is_empty(), "diagnostics differ.\n{}", failures.join("\n"));
}

/// A comment after an unquoted value is no part of it: the error marks the value, and
/// its advice is for what was written (the secretary review: "08.30 # Tid 08.30-11.00"
/// was told of leading zeros in numbers, marked to the end of the comment).
#[test]
fn a_comment_after_a_misread_value_is_left_out_of_it() {
    let mut site = TestSite::minimal();
    site.edit(KC, "start = 08:30:00", "start = 08.30 # Tid 08.30-11.00");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: klockslag skrivs med kolon
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:3:9
  |
3 | start = 08.30 # Tid 08.30-11.00
  |         ^^^^^ punkt i klockslaget
  |
  = hjälp: skriv start = 08:30:00
"#,
    );
}

/// A table of an item's written without `item.` is told where it belongs, as a key
/// misspelt is told the key it meant (the secretary review: `[[reference]]` was given the
/// list of the file's keys).
#[test]
fn an_items_table_written_at_the_top_says_where_it_belongs() {
    let mut site = TestSite::minimal();
    site.append(KC, "\n[[reference]]\nto = \"kommunchefsgruppen/2013-04-17#2\"\n");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `reference`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:47:3
   |
47 | [[reference]]
   |   ^^^^^^^^^ okänd nyckel
   |
   = hjälp: `reference` hör till [[item]]: skriv [[item.reference]] efter den [[item]] den gäller
"#,
    );
    let mut site = TestSite::minimal();
    site.edit(KC, "secretary = \"erik-sedig\"\n", "secretary = \"erik-sedig\"\ndecision = \"Beslut.\"\n");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `decision`
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:8:1
  |
8 | decision = "Beslut."
  | ^^^^^^^^ okänd nyckel
  |
  = hjälp: `decision` hör till [[item]]: flytta raden till den [[item]] den gäller
"#,
    );
}

/// A number too large for TOML is one error: not also "missing field" for the key it
/// is written in, nor for the items that the lost number makes unknown (`items = [2]`).
#[test]
fn a_number_too_large_is_one_error() {
    let mut site = TestSite::minimal();
    site.edit(KC, "number = 2", "number = 99999999999999999999");
    assert_diagnostics(
        &site,
        r#"fel: talet är för stort
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:27:10
   |
27 | number = 99999999999999999999
   |          ^^^^^^^^^^^^^^^^^^^^ högst 9223372036854775807
   |
   = hjälp: kontrollera talet; belopp skrivs i hela kronor, t.ex. amount = 1200000
"#,
    );
}

/// A meeting whose file has errors may have lost the assignments that another meeting
/// reports done: that report is not warned about until the file is fixed.
#[test]
fn completing_into_a_file_with_errors_is_not_warned_about() {
    let mut site = TestSite::minimal();
    site.edit("content/meetings/kommunchefsgruppen/2013-04-17.toml", "[[item.assignment]]", "[[item.assignment]");
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: tabellens namn saknar ]]
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:31:19
   |
31 | [[item.assignment]
   |                   ^ väntade ]] här
   |
   = hjälp: skriv t.ex. [[item]] på en egen rad
"#,
    );
}

/// Where a date or a time belongs, the label says which, and the hint gives the value as
/// TOML writes it when it can be read.
#[test]
fn a_date_or_time_written_as_a_number_is_told_how_toml_writes_it() {
    let mut site = TestSite::minimal();
    site.edit(KC, "end = 11:00:00", "end = 11.30");
    site.edit("content/meetings/kommunchefsgruppen/2013-04-17.toml", "deadline = 2013-06-30", "deadline = 20130630");
    assert_diagnostics(
        &site,
        r#"fel: fel typ av värde: heltal
  --> content/meetings/kommunchefsgruppen/2013-04-17.toml:34:12
   |
34 | deadline = 20130630
   |            ^^^^^^^^ väntade ett datum
   |
   = hjälp: skriv datum som ÅÅÅÅ-MM-DD utan citattecken: 2013-06-30

fel: fel typ av värde: tal
 --> content/meetings/kommunchefsgruppen/2013-05-15.toml:4:7
  |
4 | end = 11.30
  |       ^^^^^ väntade ett klockslag
  |
  = hjälp: skriv klockslag som TT:MM:SS utan citattecken: 11:30:00
"#,
    );
}

/// A key with å, ä or ö is not a key to the parser; the message is the unknown key's,
/// with the English key it means, and there is one.
#[test]
fn a_swedish_key_with_a_ring_or_dots_is_one_error_with_its_english_key() {
    let mut site = TestSite::minimal();
    site.edit(KC, "presenter = \"erik-sedig\"", "föredragande = \"erik-sedig\"");
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `föredragande`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:29:1
   |
29 | föredragande = "erik-sedig"
   | ^^^^^^^^^^^^ okänd nyckel
   |
   = hjälp: menade du `presenter`?
"#,
    );
}

/// `[item]` for `[[item]]`, first or later, and `[[item.follow_up]]` for
/// `[item.follow_up]`: one error each, not one for every header after it.
#[test]
fn a_header_with_the_wrong_number_of_brackets_is_one_error() {
    let single = |line: usize, column: usize| {
        format!(
            r#"fel: [item] ska skrivas med dubbla hakparenteser
  --> {KC}:{line}:{column}
   |
{line} | [item]
   | ^^^^^^ en tabell, men här hör en lista av tabeller hemma
   |
   = hjälp: skriv [[item]]; var och en börjar med en egen rad [[item]]
"#
        )
    };
    let text = TestSite::minimal().read(KC);
    let mut first = TestSite::minimal();
    first.write(KC, &text.replacen("[[item]]", "[item]", 1));
    assert_diagnostics(&first, &single(21, 1));
    let mut second = TestSite::minimal();
    second.write(KC, &text.replacen("[[item]]\nnumber = 2", "[item]\nnumber = 2", 1));
    assert_diagnostics(&second, &single(26, 1));
    let mut follow_up = TestSite::minimal();
    follow_up.append(KC, "\n[[item.follow_up]]\nquestion = \"Deltar kommunen?\"\n");
    assert_diagnostics(
        &follow_up,
        r#"fel: [[item.follow_up]] ska skrivas med enkla hakparenteser
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:47:1
   |
47 | [[item.follow_up]]
   | ^^^^^^^^^^^^^^^^^^ en lista av tabeller, men här hör en tabell hemma
   |
   = hjälp: skriv [item.follow_up]; det finns bara en
"#,
    );
}

/// A file's path on the secretary's own computer, whose \ the parser reads as escapes:
/// the message says where the file belongs instead.
#[test]
fn a_windows_path_is_told_to_put_the_file_under_content() {
    let mut site = TestSite::minimal();
    site.edit(KC, "file = \"bilagor/utredning.txt\"", r#"file = "C:\Users\erik\Dokument\utredning.txt""#);
    assert_diagnostics(
        &site,
        r#"fel: TOML-syntaxfel: sökvägen leder till en mapp på din dator
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:36:8
   |
36 | file = "C:\Users\erik\Dokument\utredning.txt"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ sökväg i Windows
   |
   = hjälp: lägg filen under content/, t.ex. i content/bilagor/, och skriv sökvägen därifrån med /: file = "bilagor/utredning.txt"
"#,
    );
}

/// A Swedish word for a key of the file's start, written in an item: the hint says how
/// the key is written, not which keys an item has.
#[test]
fn a_swedish_word_for_a_key_of_the_files_start_is_told_how_it_is_written() {
    let mut site = TestSite::minimal();
    site.edit(
        KC,
        "presenter = \"erik-sedig\"",
        "presenter = \"erik-sedig\"\nbeslutande = \"anna-ek\"\nordförande = \"anna-ek\"",
    );
    assert_diagnostics(
        &site,
        r#"fel: okänd nyckel `beslutande`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:30:1
   |
30 | beslutande = "anna-ek"
   | ^^^^^^^^^^ okänd nyckel
   |
   = hjälp: "beslutande" skrivs [[attendee]]: en tabell för var och en, som börjar med en egen rad [[attendee]]

fel: okänd nyckel `ordförande`
  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:31:1
   |
31 | ordförande = "anna-ek"
   | ^^^^^^^^^^ okänd nyckel
   |
   = hjälp: "ordförande" skrivs `chair` och hör till filens början, ovanför den första tabellen
"#,
    );
}

/// A missing table is told as a table, with its keys, not as `name = …`.
#[test]
fn a_missing_table_is_told_as_a_header_with_its_keys() {
    let mut site = TestSite::minimal();
    let text = site.read("content/site.toml");
    let start = text.find("[accessibility]").unwrap();
    site.write("content/site.toml", &text[..start]);
    assert_diagnostics(
        &site,
        "fel: nyckeln `accessibility` saknas
 --> content/site.toml
  |
  = hjälp: lägg till tabellen [accessibility] med `compliance`, `method`, `assessed`, `published`, `contact_email` \
         (se innehållsguiden)
",
    );
}
