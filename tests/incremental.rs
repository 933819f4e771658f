//! Incremental equals clean: random sequences of edits to the demo site (change, add,
//! delete and rename sources, templates, strings and attachments), each followed by an
//! incremental build and a clean one, whose trees must be equal byte for byte. A build
//! that fails leaves the previous output exactly as it was. This is the guard against
//! stale pages: a fingerprint that missed an input would show up here.

mod common;
#[path = "common/edits.rs"]
mod edits;

use std::path::{Path, PathBuf};

use common::{TODAY, repo};
use edits::{Edit, apply, copy_dir, edits, restore, tree};
use kansli::build::{Failure, Options, Quiet, build};
use kansli::model::Edition;
use kansli::source::FsSource;
use proptest::prelude::*;

fn build_into(site: &Path, out: &Path, cache: Option<PathBuf>, pdfs: bool) -> Result<(), String> {
    let source = FsSource::with_today(site, TODAY);
    let options = Options { out: out.to_path_buf(), edition: Edition::Public, pdfs, cache };
    match build(&source, &options, &Quiet) {
        Ok(_) => Ok(()),
        Err(Failure::Content(checked)) => Err(format!("{} fel", checked.errors())),
        Err(other) => panic!("{other:?}"),
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
    #![proptest_config(ProptestConfig { cases: common::cases(4), failure_persistence: None, .. ProptestConfig::default() })]

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

#[test]
fn a_build_with_nothing_changed_leaves_the_output_folder_as_it_is() {
    use std::os::unix::fs::MetadataExt;
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let out = work.path().join("ut");
    let cache = Some(site.join(".kansli-cache"));
    build_into(&site, &out, cache.clone(), false).unwrap();
    let before = tree(&out);
    let folder = std::fs::metadata(&out).unwrap().ino();

    build_into(&site, &out, cache.clone(), false).unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().ino(), folder, "the folder was not swapped");
    let mut beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, [".ut.kansli-lock", "site", "ut"], "no staging folder is left");
    assert!(tree(&out) == before);

    // A file taken out of the output is made again, and everything else is kept.
    std::fs::remove_file(out.join("kalender/index.html")).unwrap();
    build_into(&site, &out, cache.clone(), false).unwrap();
    assert_ne!(std::fs::metadata(&out).unwrap().ino(), folder, "published anew");
    assert!(tree(&out) == before, "the same site as before, whole");

    // A file changed in the output, to the same size (edited by hand on the server, or
    // defaced), is made again too: the web admin review found it kept by its size.
    let robots = out.join("robots.txt");
    let text = std::fs::read_to_string(&robots).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&robots, text.replace("Allow: /", "Deny:  /")).unwrap();
    assert_eq!(std::fs::metadata(&robots).unwrap().len(), text.len() as u64);
    build_into(&site, &out, cache, false).unwrap();
    assert!(tree(&out) == before, "the changed file is the build's again");
}
