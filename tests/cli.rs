//! The `kansli` binary: exit codes, the summary line, and the two acceptance runs.

mod common;

use std::process::{Command, Output};

use common::{TestSite, repo};

fn kansli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kansli")).args(args).env("NO_COLOR", "1").output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// "kontrollerade N källfiler: …" with the time (which varies) replaced by "T".
fn summary_line(output: &Output) -> String {
    let text = stderr(output);
    let line = text.lines().last().unwrap_or_default().to_string();
    match (line.rfind('('), line.rfind(" s)")) {
        (Some(open), Some(_)) => format!("{}(T s)", &line[..open]),
        _ => line,
    }
}

#[test]
fn check_passes_on_the_real_content() {
    let root = repo();
    let output = kansli(&["--root", root.to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(summary_line(&output), "kontrollerade 35 källfiler: 0 fel, 0 varningar (T s)");
}

#[test]
fn check_passes_on_the_demo_site() {
    let root = repo().join("examples/demo");
    let output = kansli(&["--root", root.to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(summary_line(&output).ends_with(": 0 fel, 0 varningar (T s)"), "{}", stderr(&output));
}

#[test]
fn check_exits_1_and_points_at_the_seed_typo() {
    let mut site = TestSite::from_dir(&repo());
    let original = std::fs::read_to_string(repo().join("tests/fixtures/seed-typo/2013-05-15.toml")).unwrap();
    site.write("content/meetings/kommunchefsgruppen/2013-05-15.toml", &original);
    let dir = site.to_temp_dir();
    let output = kansli(&["--root", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.starts_with(
        "fel: ogiltigt datum `203-06-15`\n  --> content/meetings/kommunchefsgruppen/2013-05-15.toml:90:12\n"
    ));
    assert_eq!(summary_line(&output), "kontrollerade 35 källfiler: 2 fel, 0 varningar (T s)");
}

#[test]
fn warnings_do_not_fail_check() {
    let mut site = TestSite::minimal();
    site.write("content/notes.toml", "x = 1\n");
    let dir = site.to_temp_dir();
    let output = kansli(&["--root", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(summary_line(&output), "kontrollerade 14 källfiler: 0 fel, 1 varning (T s)");
}

#[test]
fn check_exits_2_without_a_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = kansli(&["--root", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("innehåller ingen mapp content/"));
}

/// The diagnostic and exit code for a mistake in the arguments.
fn usage_mistake(args: &[&str]) -> String {
    let output = kansli(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty());
    stderr(&output)
}

#[test]
fn a_misspelt_command_is_named_with_what_was_meant() {
    assert_eq!(usage_mistake(&["bild"]), "fel: okänt kommando `bild`\n  = hjälp: menade du `build`?\n");
    assert_eq!(usage_mistake(&["chek"]), "fel: okänt kommando `chek`\n  = hjälp: menade du `check`?\n");
    // A Swedish word for a command is told the command.
    assert_eq!(usage_mistake(&["new", "möte"]), "fel: okänt kommando `möte`\n  = hjälp: menade du `meeting`?\n");
    assert_eq!(usage_mistake(&["kontrollera"]), "fel: okänt kommando `kontrollera`\n  = hjälp: menade du `check`?\n");
    assert_eq!(
        usage_mistake(&["new", "möten"]),
        "fel: okänt kommando `möten`\n  = hjälp: kommandona är meeting, plan, report\n"
    );
    assert_eq!(usage_mistake(&["new", "meting"]), "fel: okänt kommando `meting`\n  = hjälp: menade du `meeting`?\n");
    assert_eq!(
        usage_mistake(&["visning"]),
        "fel: okänt kommando `visning`\n  = hjälp: kommandona är check, build, serve, init, new, schema, completions, generate\n"
    );
}

#[test]
fn a_misspelt_flag_is_named_with_what_was_meant() {
    assert_eq!(
        usage_mistake(&["build", "--nopdf"]),
        "fel: okänt argument `--nopdf`\n  = hjälp: menade du `--no-pdf`?\n"
    );
    assert_eq!(usage_mistake(&["build", "--xyz"]), "fel: okänt argument `--xyz`\n  = hjälp: se kansli build --help\n");
}

#[test]
fn a_wrong_or_missing_value_says_what_is_wanted() {
    assert_eq!(
        usage_mistake(&["serve", "--port"]),
        "fel: `--port <PORT>` behöver ett värde\n  = hjälp: se kansli --help\n"
    );
    assert_eq!(
        usage_mistake(&["serve", "--port", "abc"]),
        "fel: ogiltigt värde `abc` för `--port <PORT>`\n  = hjälp: ange ett heltal\n"
    );
    assert_eq!(
        usage_mistake(&["serve", "--port", "99999"]),
        "fel: ogiltigt värde `99999` för `--port <PORT>`\n  = hjälp: ange ett tal från 0 till 65535\n"
    );
    assert_eq!(
        usage_mistake(&["serve", "--bind", "localhost"]),
        "fel: ogiltigt värde `localhost` för `--bind <ADRESS>`\n  = hjälp: ange en IP-adress, t.ex. 127.0.0.1\n"
    );
    assert_eq!(
        usage_mistake(&["completions", "fsh"]),
        "fel: ogiltigt värde `fsh` för `<SKAL>`\n  = hjälp: menade du `fish`?\n"
    );
    assert_eq!(
        usage_mistake(&["completions", "xyz"]),
        "fel: ogiltigt värde `xyz` för `<SKAL>`\n  = hjälp: möjliga värden: bash, elvish, fish, powershell, zsh\n"
    );
    assert_eq!(
        usage_mistake(&["new", "meeting", "--body", "kommunchefsgruppen"]),
        "fel: det saknas: --date <ÅÅÅÅ-MM-DD>\n  = hjälp: se kansli new meeting --help\n"
    );
}

#[test]
fn help_is_in_swedish_and_exits_0() {
    let output = kansli(&["build", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        help,
        "\
Bygg webbplatsen (och PDF:erna) till utmappen

Användning: kansli build [FLAGGOR]

Flaggor:
      --out <MAPP>   Utmappen (standard: output/ i webbplatsens rotmapp)
      --root <MAPP>  Webbplatsens rotmapp, som innehåller content/ och themes/ (standard: aktuell
                     mapp)
      --internal     Bygg den interna versionen med allt innehåll, varje sida märkt som intern
      --no-pdf       Bygg bara HTML och data, inga PDF:er
      --timings      Skriv ut hur lång tid varje steg tog
  -h, --help         Visa den här hjälpen
"
    );
    // `kansli help build` is the same.
    assert_eq!(String::from_utf8(kansli(&["help", "build"]).stdout).unwrap(), help);
    let top = String::from_utf8(kansli(&["--help"]).stdout).unwrap();
    assert!(top.contains("\nAnvändning: kansli [FLAGGOR] <KOMMANDO>\n\nKommandon:\n  check  "), "{top}");
    assert!(top.contains("  -V, --version      Visa versionen\n"), "{top}");
    let usage = String::from_utf8(kansli(&["new", "meeting", "--help"]).stdout).unwrap();
    assert!(usage.contains("\nAnvändning: kansli new meeting [FLAGGOR] --body <ID> --date <ÅÅÅÅ-MM-DD>\n"), "{usage}");
    let version = kansli(&["--version"]);
    assert_eq!(String::from_utf8(version.stdout).unwrap(), format!("kansli {}\n", env!("CARGO_PKG_VERSION")));
}

/// `--timings` ends with the pages and the PDFs by kind: how many of each, and their time.
#[test]
fn timings_count_pages_and_pdfs_by_kind() {
    let dir = TestSite::minimal().to_temp_dir();
    let out = dir.path().join("output");
    let root = dir.path().to_str().unwrap();
    let output = kansli(&["--root", root, "build", "--timings", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    // Each kind's name and count; the times vary, and so does the pages' order (largest
    // first). The PDFs are typeset one kind after another, protocols first.
    let kinds = |heading: &str| {
        text.lines()
            .skip_while(|line| *line != heading)
            .skip(1)
            .take_while(|line| line.starts_with("    "))
            .map(|line| line.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<String>>()
    };
    assert_eq!(
        kinds("  PDF per slag (från första till sista):"),
        ["protokoll 2", "handlingar 2", "planer 1", "berättelser 1", "sammanställningar 2"]
    );
    assert!(kinds("  sidor per slag (tid i alla trådar):").contains(&"möte 2".to_string()), "{text}");
}
