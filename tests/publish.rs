//! Atomic publish: a build killed at any moment (SIGKILL, or Ctrl-C) leaves the output
//! either exactly as it was or exactly as the finished build makes it, never a mix; and
//! the next build cleans up what the killed one left beside the output.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::repo;

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
                out.insert(
                    path.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&path).unwrap(),
                );
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

fn kansli(site: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kansli"));
    command.args(["--root", site.to_str().unwrap(), "build", "--out", out.to_str().unwrap()]);
    command.stdout(Stdio::null()).stderr(Stdio::null());
    command
}

fn set_title(site: &Path, n: usize) {
    let path = site.join("content/site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap().to_string();
    std::fs::write(&path, text.replacen(&line, &format!("title = \"Exempelregionen {n}\""), 1)).unwrap();
}

/// The output after a complete build of the site as it is now, made in another folder.
fn complete(site: &Path, scratch: &Path) -> BTreeMap<String, Vec<u8>> {
    let _ = std::fs::remove_dir_all(scratch);
    assert!(kansli(site, scratch).status().unwrap().success());
    tree(scratch)
}

fn interrupted_builds_never_leave_a_mixed_output(signal: &str) {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let out = work.path().join("output");
    assert!(kansli(&site, &out).status().unwrap().success());
    let mut published = tree(&out);
    let mut finished = 0;
    for (n, delay) in [30u64, 150, 400, 700, 1_000, 1_500, 2_500].into_iter().enumerate() {
        set_title(&site, n);
        let next = complete(&site, &work.path().join("scratch"));
        assert!(next != published, "the edit changes the site");
        let mut child = if signal == "INT" {
            // As from a terminal, where Ctrl-C stops the build: a test run started in the
            // background by a non-interactive shell would otherwise pass on SIGINT ignored.
            let build = kansli(&site, &out);
            let mut command = Command::new("env");
            command.arg("--default-signal=INT").arg(build.get_program()).args(build.get_args());
            command.stdout(Stdio::null()).stderr(Stdio::null());
            command.spawn().unwrap()
        } else {
            kansli(&site, &out).spawn().unwrap()
        };
        std::thread::sleep(Duration::from_millis(delay));
        if signal == "KILL" {
            let _ = child.kill();
        } else {
            let _ = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
        }
        let _ = child.wait();
        let now = tree(&out);
        if now == next {
            finished += 1;
        } else {
            assert!(now == published, "after SIG{signal} at {delay} ms the output is neither the old nor the new site");
        }
        published = now;
    }
    // The next build removes what the killed ones left beside the output.
    assert!(kansli(&site, &out).status().unwrap().success());
    let beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(beside.iter().all(|n| !n.contains("kansli-staging") && !n.contains("kansli-old")), "{beside:?}");
    assert!(finished < 7, "some builds were interrupted before they finished");
}

#[test]
fn killed_builds_leave_the_old_or_the_new_site() {
    interrupted_builds_never_leave_a_mixed_output("KILL");
}

#[test]
fn interrupted_builds_leave_the_old_or_the_new_site() {
    interrupted_builds_never_leave_a_mixed_output("INT");
}

/// Two clean builds of the demo with PDFs, through the binary to disk, are the same tree
/// byte for byte: pages, PDFs, the search index, feeds, data, attachments and assets. The
/// second runs on one thread, from another folder, into a folder of another name, so that
/// neither thread order nor a path can reach the output.
#[test]
fn clean_builds_are_byte_identical() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let first = work.path().join("output");
    assert!(kansli(&site, &first).status().unwrap().success());
    std::fs::remove_dir_all(site.join(".kansli-cache")).unwrap();
    let second = work.path().join("annan-mapp");
    let status = kansli(&site, &second)
        .current_dir(work.path())
        .env("RAYON_NUM_THREADS", "1")
        .env("TZ", "America/New_York")
        .status()
        .unwrap();
    assert!(status.success());
    let (first, second) = (tree(&first), tree(&second));
    assert!(first.keys().filter(|p| p.ends_with(".pdf")).count() > 50, "with PDFs");
    assert!(first.keys().any(|p| p.starts_with("sok/data/t/")), "with the search index");
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>(), "the same files");
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two clean builds");
    }
}
