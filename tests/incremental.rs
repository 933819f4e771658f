//! Incremental equals clean: random sequences of edits to the demo site (change, add,
//! delete and rename sources, templates, strings and attachments), each followed by an
//! incremental build and a clean one, whose trees must be equal byte for byte. A build
//! that fails leaves the previous output exactly as it was. This is the guard against
//! stale pages: a fingerprint that missed an input would show up here.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{TODAY, repo};
use kansli::build::{Failure, Options, Quiet, build};
use kansli::model::Edition;
use kansli::source::FsSource;
use proptest::prelude::*;

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn build_into(site: &Path, out: &Path, cache: Option<PathBuf>, pdfs: bool) -> Result<(), String> {
    let source = FsSource::with_today(site, TODAY);
    let options = Options { out: out.to_path_buf(), edition: Edition::Public, pdfs, cache };
    match build(&source, &options, &Quiet) {
        Ok(_) => Ok(()),
        Err(Failure::Content(checked)) => Err(format!("{} fel", checked.errors())),
        Err(other) => panic!("{other:?}"),
    }
}

/// One edit a secretary or a web admin might make.
#[derive(Clone, Debug)]
enum Edit {
    /// Append a sentence to the description of an item of the n-th meeting file.
    ChangeText(usize),
    /// Change an item title of the n-th meeting file.
    ChangeTitle(usize),
    /// Copy the n-th meeting to a new date.
    AddMeeting(usize, u8),
    /// Delete the n-th meeting file.
    DeleteMeeting(usize),
    /// Move the n-th meeting to another date (rename the file, change `date`).
    RenameMeeting(usize, u8),
    /// Override the meeting template with a changed copy.
    ChangeTemplate,
    /// Change a label in the theme's strings.
    ChangeStrings,
    /// Change the site's title.
    ChangeSite,
    /// Change the bytes of an attachment file.
    ChangeAttachment,
}

fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0usize..64).prop_map(Edit::ChangeText),
        2 => (0usize..64).prop_map(Edit::ChangeTitle),
        1 => (0usize..64, 1u8..28).prop_map(|(n, d)| Edit::AddMeeting(n, d)),
        1 => (0usize..64).prop_map(Edit::DeleteMeeting),
        1 => (0usize..64, 1u8..28).prop_map(|(n, d)| Edit::RenameMeeting(n, d)),
        1 => Just(Edit::ChangeTemplate),
        1 => Just(Edit::ChangeStrings),
        1 => Just(Edit::ChangeSite),
        1 => Just(Edit::ChangeAttachment),
    ]
}

fn meetings(site: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        tree(&site.join("content/meetings")).keys().map(|k| site.join("content/meetings").join(k)).collect();
    out.sort();
    out
}

/// A date in 2027 (no demo meetings then), so that added and moved meetings don't clash.
fn new_date(day: u8) -> String {
    format!("2027-01-{day:02}")
}

/// Applies an edit; returns what to restore if the build with it fails: (path, old bytes).
fn apply(site: &Path, edit: &Edit, step: usize) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let all = meetings(site);
    let pick = |n: usize| all[n % all.len()].clone();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    match edit {
        Edit::ChangeText(n) | Edit::ChangeTitle(n) => {
            let path = pick(*n);
            let text = read(&path);
            let changed = match edit {
                Edit::ChangeTitle(_) => text.replacen("title = \"", &format!("title = \"Ändrad {step}: "), 1),
                _ => match text.find("description = \"\"\"\n") {
                    Some(i) => {
                        let at = i + "description = \"\"\"\n".len();
                        format!("{}Tillägg {step}: ärendet har beretts vidare.\n\n{}", &text[..at], &text[at..])
                    }
                    None => text.replacen("title = \"", &format!("title = \"Text {step} "), 1),
                },
            };
            std::fs::write(&path, changed).unwrap();
            vec![(path, Some(text.into_bytes()))]
        }
        Edit::AddMeeting(n, day) => {
            let from = pick(*n);
            let to = from.with_file_name(format!("{}.toml", new_date(*day)));
            if to.exists() {
                return Vec::new();
            }
            let text = read(&from);
            let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap().to_string();
            std::fs::write(&to, text.replacen(&date_line, &format!("date = {}", new_date(*day)), 1)).unwrap();
            vec![(to, None)]
        }
        Edit::DeleteMeeting(n) => {
            let path = pick(*n);
            let old = std::fs::read(&path).unwrap();
            std::fs::remove_file(&path).unwrap();
            vec![(path, Some(old))]
        }
        Edit::RenameMeeting(n, day) => {
            let from = pick(*n);
            let to = from.with_file_name(format!("{}.toml", new_date(*day)));
            if to.exists() {
                return Vec::new();
            }
            let text = read(&from);
            let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap().to_string();
            std::fs::remove_file(&from).unwrap();
            std::fs::write(&to, text.replacen(&date_line, &format!("date = {}", new_date(*day)), 1)).unwrap();
            vec![(from, Some(text.into_bytes())), (to, None)]
        }
        Edit::ChangeTemplate => {
            let path = site.join("themes/default/templates/meeting.html");
            let old = std::fs::read(&path).ok();
            let base = std::fs::read_to_string(repo().join("themes/default/templates/meeting.html")).unwrap();
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            // Inside a block, so that every meeting page really changes.
            let anchor = "<h1 data-pagefind-meta=\"title\">";
            assert!(base.contains(anchor), "the meeting template has its h1");
            std::fs::write(&path, base.replacen(anchor, &format!("<p class=\"steg\">{step}</p>{anchor}"), 1)).unwrap();
            vec![(path, old)]
        }
        Edit::ChangeStrings => {
            let path = site.join("themes/default/strings.toml");
            let old = std::fs::read(&path).ok();
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("[nav]\nbeslut = \"Beslut {step}\"\n")).unwrap();
            vec![(path, old)]
        }
        Edit::ChangeSite => {
            let path = site.join("content/site.toml");
            let text = read(&path);
            std::fs::write(&path, text.replacen("title = \"", &format!("title = \"{step} "), 1)).unwrap();
            vec![(path, Some(text.into_bytes()))]
        }
        Edit::ChangeAttachment => {
            let path = site.join("content/bilagor/2025/budgetuppfoljning-2025-08-31.csv");
            let old = std::fs::read(&path).unwrap();
            let mut new = old.clone();
            new.extend_from_slice(format!("ändring;{step}\n").as_bytes());
            std::fs::write(&path, new).unwrap();
            vec![(path, Some(old))]
        }
    }
}

fn restore(undo: Vec<(PathBuf, Option<Vec<u8>>)>) {
    for (path, bytes) in undo.into_iter().rev() {
        match bytes {
            Some(bytes) => std::fs::write(path, bytes).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

fn run(steps: &[Edit], pdfs: bool) {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let _ = std::fs::remove_dir_all(site.join(".kansli-cache"));
    let out = work.path().join("inkrementell");
    let cache = Some(site.join(".kansli-cache"));
    build_into(&site, &out, cache.clone(), pdfs).expect("the demo builds");
    for (step, edit) in steps.iter().enumerate() {
        let before = tree(&out);
        let undo = apply(&site, edit, step);
        match build_into(&site, &out, cache.clone(), pdfs) {
            Ok(()) => {
                let clean = work.path().join(format!("ren-{step}"));
                build_into(&site, &clean, None, pdfs).expect("a clean build of the same sources succeeds");
                let (incremental, fresh) = (tree(&out), tree(&clean));
                let only_incremental: Vec<&String> = incremental.keys().filter(|k| !fresh.contains_key(*k)).collect();
                let only_fresh: Vec<&String> = fresh.keys().filter(|k| !incremental.contains_key(*k)).collect();
                assert!(
                    only_incremental.is_empty() && only_fresh.is_empty(),
                    "step {step} {edit:?}: files differ: {only_incremental:?} / {only_fresh:?}"
                );
                for (path, bytes) in &incremental {
                    assert!(bytes == &fresh[path], "step {step} {edit:?}: {path} differs from a clean build");
                }
                std::fs::remove_dir_all(clean).unwrap();
            }
            Err(_) => {
                assert!(tree(&out) == before, "step {step} {edit:?}: a failed build changed the output");
                restore(undo);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn incremental_builds_equal_clean_builds(steps in proptest::collection::vec(edits(), 4..8)) {
        run(&steps, false);
    }
}

#[test]
fn incremental_builds_with_pdfs_equal_clean_builds() {
    run(
        &[
            Edit::ChangeText(3),
            Edit::ChangeTitle(11),
            Edit::RenameMeeting(5, 9),
            Edit::ChangeTemplate,
            Edit::ChangeAttachment,
        ],
        true,
    );
}

#[test]
fn second_build_remakes_nothing_and_deleted_sources_disappear() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let out = work.path().join("ut");
    let source = FsSource::with_today(&site, TODAY);
    let options =
        Options { out: out.clone(), edition: Edition::Public, pdfs: true, cache: Some(site.join(".kansli-cache")) };
    let (first, _) = build(&source, &options, &Quiet).unwrap();
    assert!(first.stats.pdfs_made > 50);
    let (second, _) = build(&source, &options, &Quiet).unwrap();
    assert_eq!((second.stats.pages_made, second.stats.pdfs_made), (0, 0), "nothing changed, nothing remade");
    assert_eq!(second.stats.pdfs, first.stats.pdfs);

    // A meeting that nothing refers to: the last upcoming one.
    let gone = site.join("content/meetings/regionradet/2026-12-10.toml");
    std::fs::remove_file(&gone).unwrap();
    let (third, _) = build(&source, &options, &Quiet).unwrap();
    assert!(third.stats.pages < second.stats.pages);
    assert!(!out.join("moten/regionradet/2026-12-10").exists(), "the deleted meeting's page is gone");
    assert!(third.stats.pdfs_made < 10, "only what the deletion touched is typeset again: {}", third.stats.pdfs_made);
}
