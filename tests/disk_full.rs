//! A full disk never costs the published site: a build that runs out of space at any point
//! fails with exit code 2, leaves the previous output exactly as it was and nothing beside
//! it, and the next build with room publishes the whole new site.
//!
//! The disk is a small tmpfs mounted for the test (needs root). Where mounting is not
//! allowed, that test says so and passes; the other one runs everywhere and makes writes
//! fail with a file size limit (`ulimit -f`, RLIMIT_FSIZE): the failing write is EFBIG
//! rather than ENOSPC, the same path through kansli.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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
                out.insert(path.strip_prefix(dir).unwrap().display().to_string(), std::fs::read(&path).unwrap());
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

fn set_title(site: &Path, title: &str) {
    let path = site.join("content/site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap().to_string();
    std::fs::write(&path, text.replacen(&line, &format!("title = \"{title}\""), 1)).unwrap();
}

fn build(site: &Path, out: &Path, file_size_limit: Option<u64>) -> Output {
    let mut command = match file_size_limit {
        // `ulimit -f` counts kibibytes in bash; SIGXFSZ ignored, the write fails with EFBIG.
        Some(kib) => {
            let mut c = Command::new("bash");
            c.args(["-c", &format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""), env!("CARGO_BIN_EXE_kansli")]);
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_kansli")),
    };
    command.arg("--root").arg(site).arg("build").arg("--out").arg(out).env("NO_COLOR", "1");
    command.stdout(Stdio::null()).output().unwrap()
}

/// A tmpfs of `bytes` at a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(bytes: u64) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Tmpfs { dir })
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// What a tree takes on tmpfs: every file rounded up to whole pages (folders take none).
fn footprint(dir: &Path) -> u64 {
    tree(dir).values().map(|b| (b.len() as u64).div_ceil(4096) * 4096).sum()
}

/// Everything beside the output folder in `parent` (a failed build leaves nothing).
fn beside(parent: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(parent).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_leaves_the_previous_output_whole() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    // The complete old and new sites, built elsewhere, for their size and for comparison.
    set_title(&site, "Exempelregionen");
    let old_site = work.path().join("old");
    assert!(build(&site, &old_site, None).status.success());
    set_title(&site, "Exempelregionen, ny titel");
    let new_site = work.path().join("new");
    assert!(build(&site, &new_site, None).status.success());
    set_title(&site, "Exempelregionen");
    let size = footprint(&old_site).max(footprint(&new_site));

    let Some(probe) = Tmpfs::mount(size * 3) else {
        // Not root, or in a container without CAP_SYS_ADMIN.
        eprintln!(
            "SKIPPED: mount -t tmpfs is not allowed here; a_failing_write_leaves_the_previous_output_whole \
             makes writes fail through a file size limit instead"
        );
        return;
    };
    drop(probe);
    // Room for the old site and part of the new one: each build stops at another point.
    let mut failed_at = Vec::new();
    for eighth in [1, 3, 5, 7] {
        let disk = Tmpfs::mount(size + size * eighth / 8 + 64 * 1024).expect("mounted once already");
        let out = disk.path().join("output");
        let _ = std::fs::remove_dir_all(site.join(".kansli-cache"));
        set_title(&site, "Exempelregionen");
        let first = build(&site, &out, None);
        assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
        let published = tree(&out);
        assert!(published == tree(&old_site), "the old site is published");

        // Every file changes (the title is on every page and PDF), and nothing is reused.
        set_title(&site, "Exempelregionen, ny titel");
        let _ = std::fs::remove_dir_all(site.join(".kansli-cache"));
        let full = build(&site, &out, None);
        let stderr = String::from_utf8_lossy(&full.stderr).into_owned();
        assert_eq!(full.status.code(), Some(2), "{eighth}/8 of the new site fits: {stderr}");
        assert!(stderr.contains("disken är full (os error 28)"), "{stderr}");
        assert!(stderr.ends_with(&format!("inget publicerades; {} är oförändrad\n", out.display())), "{stderr}");
        assert!(tree(&out) == published, "after a full disk at {eighth}/8 the output is the old site");
        assert_eq!(beside(&disk.path()), [".output.kansli-lock", "output"], "nothing but the lock beside the output");
        failed_at.push(stderr.lines().next().unwrap_or_default().to_string());
    }
    // The builds ran out of space at different files.
    failed_at.dedup();
    assert!(failed_at.len() > 1, "{failed_at:?}");

    // With room, the next build publishes the whole new site.
    let disk = Tmpfs::mount(size * 3).unwrap();
    let out = disk.path().join("output");
    let _ = std::fs::remove_dir_all(site.join(".kansli-cache"));
    assert!(build(&site, &out, None).status.success());
    assert!(tree(&out) == tree(&new_site));
}

/// Where tmpfs cannot be mounted (and everywhere else too): a file size limit makes a write
/// fail at a chosen size, with EFBIG instead of ENOSPC.
#[test]
fn a_failing_write_leaves_the_previous_output_whole() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    let out = work.path().join("output");
    assert!(build(&site, &out, None).status.success());
    let published = tree(&out);
    let largest = published.values().map(|b| b.len() as u64).max().unwrap() / 1024;
    let mut failed_at = Vec::new();
    for (n, kib) in [4, 24, 64, largest / 2].into_iter().enumerate() {
        set_title(&site, &format!("Exempelregionen {n}"));
        let _ = std::fs::remove_dir_all(site.join(".kansli-cache"));
        let limited = build(&site, &out, Some(kib));
        let stderr = String::from_utf8_lossy(&limited.stderr).into_owned();
        assert_eq!(limited.status.code(), Some(2), "files over {kib} KiB fail: {stderr}");
        assert!(stderr.contains("filen är för stor (os error 27)"), "{stderr}");
        assert!(tree(&out) == published, "after a failed write the output is the old site");
        assert_eq!(beside(work.path()), [".output.kansli-lock", "output", "site"], "nothing but the lock beside it");
        failed_at.push(stderr.lines().next().unwrap_or_default().to_string());
    }
    failed_at.dedup();
    assert!(failed_at.len() > 1, "{failed_at:?}");
}

/// A cache that cannot be written does not fail a build that has published: the next
/// build makes everything again instead of trusting a cache of the site before.
#[test]
fn a_cache_that_cannot_be_saved_is_a_warning_after_publishing() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("tests/fixtures/minimal"), &site);
    let out = work.path().join("output");
    let built = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--no-pdf", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(built.status.success());
    // The cache folder becomes a file: nothing can be saved in it.
    std::fs::remove_dir_all(site.join(".kansli-cache")).unwrap();
    std::fs::write(site.join(".kansli-cache"), "").unwrap();
    set_title(&site, "Ny titel");
    let built = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .arg("--root")
        .arg(&site)
        .args(["build", "--no-pdf", "--out"])
        .arg(&out)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert_eq!(built.status.code(), Some(0), "{stderr}");
    assert!(std::fs::read_to_string(out.join("index.html")).unwrap().contains("Ny titel"), "published");
    let (warning, _summary) = stderr.split_once("byggde ").expect("a summary line");
    assert_eq!(
        warning.replace(site.to_str().unwrap(), "SITE"),
        "varning: bygget publicerades, men cachen kunde inte sparas: SITE/.kansli-cache: finns redan (os error 17)
  = hjälp: nästa bygge gör om allt i stället för att återanvända filer

"
    );
}
