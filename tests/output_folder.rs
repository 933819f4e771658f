//! The output folder: the internal edition never goes over the public site, and no build
//! replaces a folder that holds the sources. Each refusal is a usage error (exit code 2)
//! with its exact text, and leaves every file as it was.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TestSite;
use kansli::build::output::output_folder;
use kansli::diag::{Color, SourceFiles, render};
use kansli::model::Edition;

fn kansli(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kansli")).arg("--root").arg(root).args(args).env("NO_COLOR", "1").output().unwrap()
}

/// The refusal of `out` for `edition`, rendered, with the site's folder written `SITE`.
fn refusal(root: &Path, out: Option<&Path>, edition: Edition) -> String {
    let cache = root.join(".kansli-cache");
    let diagnostic = output_folder(root, out, edition, Some(&cache)).expect_err("refused");
    render(&diagnostic, &SourceFiles::new(), Color::Never).replace(root.to_str().unwrap(), "SITE")
}

fn site() -> tempfile::TempDir {
    TestSite::minimal().to_temp_dir()
}

#[test]
fn internal_build_needs_its_own_folder() {
    let dir = site();
    assert_eq!(
        refusal(dir.path(), None, Edition::Internal),
        "fel: den interna versionen behöver en egen utmapp
  = hjälp: ange --out MAPP, utanför output/: den publika webbplatsen skrivs aldrig över med den interna
"
    );
}

/// Drafts are shown by `serve` only: no build writes the preview edition anywhere.
#[test]
fn preview_edition_is_never_written_to_a_folder() {
    let dir = site();
    let root = dir.path();
    let expected = "fel: förhandsversionen med utkast skrivs aldrig till en mapp
  = hjälp: visa utkasten med kansli serve --drafts; kansli build bygger den publika webbplatsen
";
    for out in [None, Some(root.join("forhandsvisning"))] {
        assert_eq!(refusal(root, out.as_deref(), Edition::Preview), expected);
    }
    let options = kansli::build::Options {
        out: root.join("forhandsvisning"),
        edition: Edition::Preview,
        pdfs: false,
        cache: None,
    };
    let source = kansli::source::FsSource::with_today(root, common::TODAY);
    assert!(kansli::build::build(&source, &options, &kansli::build::Quiet).is_err());
    assert!(!root.join("forhandsvisning").exists(), "nothing written");
}

#[test]
fn internal_build_refuses_the_public_folder_inside_it_and_around_it() {
    let dir = site();
    let root = dir.path();
    std::fs::create_dir_all(root.join("output/moten")).unwrap();
    let expected = "fel: den interna versionen skulle skrivas över den publika webbplatsen i SITE/output
  = hjälp: bygg den interna versionen till en egen mapp, t.ex. --internal --out intern
";
    for out in [root.join("output"), root.join("output/moten"), root.join("output/ny/mapp"), root.join("x/../output")] {
        assert_eq!(refusal(root, Some(&out), Edition::Internal), expected, "{}", out.display());
    }
    // The same folder through a link is the same folder.
    std::os::unix::fs::symlink(root.join("output"), root.join("alias")).unwrap();
    assert_eq!(refusal(root, Some(&root.join("alias")), Edition::Internal), expected);
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root.join("output/moten"), elsewhere.path().join("moten")).unwrap();
    assert_eq!(refusal(root, Some(&elsewhere.path().join("moten/x")), Edition::Internal), expected);
    // Another folder is fine.
    assert!(output_folder(root, Some(&root.join("intern")), Edition::Internal, None).is_ok());
}

#[test]
fn internal_build_refuses_a_folder_a_public_build_went_to() {
    let dir = site();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let www = elsewhere.path().join("www");
    let built = kansli(root, &["build", "--no-pdf", "--out", www.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(0), "{}", String::from_utf8_lossy(&built.stderr));
    let text = refusal(root, Some(&www), Edition::Internal).replace(elsewhere.path().to_str().unwrap(), "TMP");
    assert_eq!(
        text,
        "fel: den interna versionen skulle skrivas över den publika webbplatsen i TMP/www
  = hjälp: bygg den interna versionen till en egen mapp, t.ex. --internal --out intern
"
    );
}

#[test]
fn no_build_replaces_the_sources() {
    let dir = site();
    let root = dir.path();
    for edition in [Edition::Public, Edition::Internal] {
        assert_eq!(
            refusal(root, Some(root), edition),
            "fel: utmappen SITE innehåller webbplatsens källor
  = hjälp: bygget ersätter hela utmappen; ange en egen mapp för webbplatsen, t.ex. --out output
"
        );
        assert!(refusal(root, Some(root.parent().unwrap()), edition).contains("innehåller webbplatsens källor"));
        assert_eq!(
            refusal(root, Some(&root.join("content/bilagor")), edition),
            "fel: utmappen SITE/content/bilagor ligger i content/
  = hjälp: ange en mapp utanför content/ och themes/, t.ex. --out output
"
        );
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_command_line_refuses_with_exit_code_2_and_changes_nothing() {
    let dir = site();
    let root = dir.path();
    assert_eq!(kansli(root, &["build", "--no-pdf"]).status.code(), Some(0));
    let before = snapshot(root);
    for args in [
        vec!["build", "--internal"],
        vec!["build", "--internal", "--out", "output"],
        vec!["build", "--out", "."],
        vec!["build", "--internal", "--out", "content"],
    ] {
        let mut args = args;
        // Relative --out is relative to the current folder: run there.
        let output = Command::new(env!("CARGO_BIN_EXE_kansli"))
            .current_dir(root)
            .args({
                args.insert(1, "--no-pdf");
                &args
            })
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with("fel: "), "{args:?}: {stderr}");
        assert_eq!(snapshot(root), before, "{args:?} changed nothing");
    }
    let output = kansli(root, &["build", "--internal"]);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "fel: den interna versionen behöver en egen utmapp
  = hjälp: ange --out MAPP, utanför output/: den publika webbplatsen skrivs aldrig över med den interna
"
    );
}

#[test]
fn the_library_refuses_too() {
    let dir = site();
    let root = dir.path();
    let source = kansli::source::FsSource::with_today(root, common::TODAY);
    let options =
        kansli::build::Options { out: root.join("output"), edition: Edition::Internal, pdfs: false, cache: None };
    match kansli::build::build(&source, &options, &kansli::build::Quiet) {
        Err(kansli::build::Failure::Io(error)) => assert_eq!(
            error.to_string(),
            format!(
                "den interna versionen skulle skrivas över den publika webbplatsen i {}",
                root.join("output").display()
            )
        ),
        other => panic!("{:?}", other.map(|_| ())),
    }
    assert!(!root.join("output").exists());
}

/// A web root with other sites and hand-placed files is not kansli's to replace: the build
/// is refused, and the folder keeps every file. A folder kansli built, or an empty one, is
/// fine.
#[test]
fn a_folder_with_files_kansli_did_not_build_is_refused() {
    let dir = site();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let www = elsewhere.path().join("www");
    std::fs::create_dir_all(www.join("annan-webbplats")).unwrap();
    std::fs::write(www.join("annan-webbplats/index.html"), "behåll").unwrap();
    let before = snapshot(&www);
    let text = |edition| refusal(root, Some(&www), edition).replace(elsewhere.path().to_str().unwrap(), "TMP");
    let expected = "fel: utmappen TMP/www innehåller filer som kansli inte har byggt
  = hjälp: bygget ersätter hela utmappen, och de filerna skulle försvinna; ange en ny eller tom mapp (eller töm mappen själv om filerna får tas bort)
";
    assert_eq!(text(Edition::Public), expected);
    assert_eq!(text(Edition::Internal), expected);
    let output = kansli(root, &["build", "--no-pdf", "--out", www.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(snapshot(&www), before, "every file kept");
    // An empty folder, and then the folder kansli built there, may be replaced.
    let empty = elsewhere.path().join("tom");
    std::fs::create_dir(&empty).unwrap();
    for _ in 0..2 {
        let output = kansli(root, &["build", "--no-pdf", "--out", empty.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(
        std::fs::read_to_string(empty.join(".kansli-utmapp")).unwrap(),
        "kansli: public\nDen här mappen byggs av kansli. Varje bygge ersätter hela mappen.\n"
    );
}

/// The internal edition is refused over a public site kansli built, and inside one, even a
/// copy the site's cache knows nothing of (as deployed on a web server).
#[test]
fn internal_build_refuses_a_deployed_public_site_and_any_folder_in_it() {
    let dir = site();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let built = elsewhere.path().join("byggd");
    let output = kansli(root, &["build", "--no-pdf", "--out", built.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let deployed = elsewhere.path().join("www");
    std::fs::rename(&built, &deployed).unwrap();
    for out in [deployed.clone(), deployed.join("intern"), deployed.join("moten/ny")] {
        let text = refusal(root, Some(&out), Edition::Internal).replace(elsewhere.path().to_str().unwrap(), "TMP");
        assert_eq!(
            text,
            "fel: den interna versionen skulle skrivas över den publika webbplatsen i TMP/www
  = hjälp: bygg den interna versionen till en egen mapp, t.ex. --internal --out intern
",
            "{}",
            out.display()
        );
    }
    // The public edition may replace it.
    assert!(output_folder(root, Some(&deployed), Edition::Public, None).is_ok());
}

#[test]
fn a_file_or_a_link_is_not_an_output_folder() {
    let dir = site();
    let root = dir.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let tmp = elsewhere.path().to_str().unwrap();
    let file = elsewhere.path().join("webbplats");
    std::fs::write(&file, "viktigt").unwrap();
    assert_eq!(
        refusal(root, Some(&file), Edition::Public).replace(tmp, "TMP"),
        "fel: utmappen TMP/webbplats är en fil, inte en mapp
  = hjälp: bygget blir en mapp med hela webbplatsen; ange en mapp, t.ex. --out output
"
    );
    let target = elsewhere.path().join("mapp");
    std::fs::create_dir(&target).unwrap();
    std::os::unix::fs::symlink(&target, elsewhere.path().join("lank")).unwrap();
    let canonical = std::fs::canonicalize(elsewhere.path()).unwrap();
    assert_eq!(
        refusal(root, Some(&elsewhere.path().join("lank")), Edition::Public)
            .replace(canonical.to_str().unwrap(), "TMP")
            .replace(tmp, "TMP"),
        "fel: utmappen TMP/lank är en länk
  = hjälp: bygget byter ut mappen och skulle ersätta länken; ange mappen den pekar på, --out TMP/mapp
"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "viktigt");
}

/// Two builds of one folder at once: the second stops at once, with its reason, and the
/// first publishes a whole site.
#[test]
fn a_second_build_of_the_same_folder_waits_for_none_and_stops() {
    let dir = site();
    let root = dir.path();
    let out = root.join("output");
    // The first build holds the lock while it writes; here, a staging held open.
    let first = kansli::write::Staging::new(&out).unwrap();
    let output = kansli(root, &["build", "--no-pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap().replace(root.to_str().unwrap(), "SITE"),
        "fel: SITE/output: ett annat bygge skriver redan till mappen; vänta tills det är klart
inget publicerades; SITE/output är oförändrad
"
    );
    drop(first);
    assert_eq!(kansli(root, &["build", "--no-pdf"]).status.code(), Some(0));
}

/// A mount point cannot be swapped for the new site: refused before anything is built
/// (`/proc` is one on every Linux).
#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_is_refused_with_a_folder_in_it_to_use() {
    let dir = site();
    assert_eq!(
        refusal(dir.path(), Some(Path::new("/proc")), Edition::Public),
        "fel: utmappen /proc är en monteringspunkt
  = hjälp: bygget byter ut hela mappen på en gång, och en monteringspunkt kan inte bytas ut; bygg till en mapp i den, t.ex. --out /proc/webbplats, och låt webbservern visa den mappen
"
    );
}
