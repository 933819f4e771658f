//! Stage 4, write: artefacts → the output folder, published atomically.
//!
//! The new site is written into a staging folder beside the output folder (same file
//! system), then swapped in: on Linux with one `renameat2(RENAME_EXCHANGE)`, so a reader
//! sees either the whole old site or the whole new one. A build that fails or is killed
//! before the swap leaves the old output untouched; its staging folder is removed by the
//! next build. Artefact paths are checked so that nothing is written outside the folder.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::render::Artefact;
use crate::source::with_path;

/// Writes `artefacts` as the complete new content of `out`, atomically.
pub fn publish(out: &Path, artefacts: &[Artefact]) -> io::Result<()> {
    let staging = staging_dir(out)?;
    remove_stale(out)?;
    std::fs::create_dir_all(&staging).map_err(|e| with_path(e, &staging))?;
    let written = write_all(&staging, artefacts);
    if let Err(error) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    swap_in(&staging, out)
}

/// `<parent>/.<name>.kansli-staging`: beside the output, on the same file system.
fn staging_dir(out: &Path) -> io::Result<PathBuf> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{}: ogiltig utmapp", out.display())))?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{name}.kansli-staging")))
}

fn old_dir(out: &Path) -> io::Result<PathBuf> {
    Ok(staging_dir(out)?.with_extension("kansli-old"))
}

/// Leftovers of a build that was killed: never part of a published site.
fn remove_stale(out: &Path) -> io::Result<()> {
    for dir in [staging_dir(out)?, old_dir(out)?] {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| with_path(e, &dir))?;
        }
    }
    Ok(())
}

fn write_all(root: &Path, artefacts: &[Artefact]) -> io::Result<()> {
    use rayon::prelude::*;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for artefact in artefacts {
        let full = safe_join(root, &artefact.path)?;
        if let Some(parent) = full.parent() {
            dirs.push(parent.to_path_buf());
        }
    }
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    }
    artefacts.par_iter().try_for_each(|artefact| {
        let full = safe_join(root, &artefact.path)?;
        std::fs::write(&full, &artefact.bytes).map_err(|e| with_path(e, &full))
    })
}

/// `root/path`, refusing absolute paths and `..` (an artefact never leaves the output).
pub fn safe_join(root: &Path, path: &str) -> io::Result<PathBuf> {
    let relative = Path::new(path);
    let clean =
        !path.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_))) && !path.contains('\\');
    if !clean {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{path}: otillåten sökväg i utdata")));
    }
    Ok(root.join(relative))
}

fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(|e| with_path(e, out));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => {
                // `staging` now holds the old site.
                return std::fs::remove_dir_all(staging).map_err(|e| with_path(e, staging));
            }
            // Some file systems cannot exchange; fall back to two renames below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(with_path(e.into(), out)),
        }
    }
    let old = old_dir(out)?;
    std::fs::rename(out, &old).map_err(|e| with_path(e, out))?;
    std::fs::rename(staging, out).map_err(|e| with_path(e, out))?;
    std::fs::remove_dir_all(&old).map_err(|e| with_path(e, &old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        let root = Path::new("/tmp/x");
        assert!(safe_join(root, "../etc/passwd").is_err());
        assert!(safe_join(root, "/etc/passwd").is_err());
        assert!(safe_join(root, "a/../../b").is_err());
        assert!(safe_join(root, "").is_err());
        assert_eq!(safe_join(root, "moten/a/index.html").unwrap(), Path::new("/tmp/x/moten/a/index.html"));
    }

    #[test]
    fn publishes_and_replaces_whole_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        publish(&out, &[Artefact::new("a/index.html", "ett"), Artefact::new("b.txt", "b")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "ett");
        publish(&out, &[Artefact::new("a/index.html", "två")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "två");
        assert!(!out.join("b.txt").exists(), "files of the old site are gone");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("output")]);
    }
}
