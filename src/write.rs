//! Stage 4, write: artefacts → the output folder, published atomically.
//!
//! A build writes into a staging folder beside the output folder (same file system), then
//! swaps it in: on Linux with one `renameat2(RENAME_EXCHANGE)`, so a reader sees either
//! the whole old site or the whole new one. A file that did not change is hard-linked from
//! the current output instead of written again. A build that fails or is killed before the
//! swap leaves the old output untouched; its staging folder is removed by the next build.
//! Artefact paths are checked so that nothing is written outside the folder.
//!
//! One build at a time writes to a folder: a build holds a lock on
//! `.<name>.kansli-lock` beside it from the start of its staging to the swap, and another
//! build of the same folder stops at once instead of writing into the same staging.

use std::collections::HashSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::render::Artefact;
use crate::source::with_path;

/// What tells a file an earlier build wrote from one changed since: its size, and its
/// modification time when known (a manifest of an earlier kansli has none). A file
/// edited in place, or replaced, on the server gets a new time, and is made again
/// instead of kept; a hard link keeps the time, so a kept file stays kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since 1970.
    pub modified: Option<u64>,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Self {
        let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        Stamp { size: meta.len(), modified: modified.map(|d| d.as_nanos() as u64) }
    }

    fn matches(&self, meta: &std::fs::Metadata) -> bool {
        let now = Stamp::of(meta);
        now.size == self.size && self.modified.is_none_or(|m| now.modified == Some(m))
    }
}

/// A new site being written beside the current one.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Folders already created (creating them once saves a syscall per file).
    created: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Held until the build is published or abandoned (see the module's notes).
    _lock: std::fs::File,
}

impl Staging {
    /// Starts a new site for `out`, clearing what a killed build may have left.
    pub fn new(out: &Path) -> io::Result<Self> {
        let lock = lock(out)?;
        remove_stale(out)?;
        let dir = staging_dir(out)?;
        std::fs::create_dir_all(&dir).map_err(|e| with_path(e, &dir))?;
        Ok(Staging { out: out.to_path_buf(), dir, created: Mutex::new(HashSet::new()), committed: false, _lock: lock })
    }

    /// The output folder this staging will replace.
    pub fn out(&self) -> &Path {
        &self.out
    }

    fn target(&self, path: &str) -> io::Result<PathBuf> {
        let full = safe_join(&self.dir, path)?;
        if let Some(parent) = full.parent() {
            let known = self.created.lock().map(|set| set.contains(parent)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
                if let Ok(mut set) = self.created.lock() {
                    set.insert(parent.to_path_buf());
                }
            }
        }
        Ok(full)
    }

    /// Writes one file of the new site; its stamp (see [`Stamp`]) as written.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<Stamp> {
        use std::io::Write as _;
        let full = self.target(path)?;
        let mut file = std::fs::File::create(&full).map_err(|e| with_path(e, &full))?;
        file.write_all(bytes).map_err(|e| with_path(e, &full))?;
        Ok(Stamp::of(&file.metadata().map_err(|e| with_path(e, &full))?))
    }

    /// Hard-links the current output's `path` into the new site, if it is the file an
    /// earlier build wrote there (`stamp`). False when it must be written instead.
    pub fn link_current(&self, path: &str, stamp: Stamp) -> io::Result<bool> {
        if !self.current_has(path, stamp)? {
            return Ok(false);
        }
        let full = self.target(path)?;
        Ok(std::fs::hard_link(safe_join(&self.out, path)?, &full).is_ok())
    }

    /// Whether the current output has `path` as the file with `stamp`.
    pub fn current_has(&self, path: &str, stamp: Stamp) -> io::Result<bool> {
        let current = safe_join(&self.out, path)?;
        Ok(std::fs::symlink_metadata(&current).is_ok_and(|meta| meta.is_file() && stamp.matches(&meta)))
    }

    /// A file of the current output.
    pub fn read_current(&self, path: &str) -> io::Result<Vec<u8>> {
        let full = safe_join(&self.out, path)?;
        std::fs::read(&full).map_err(|e| with_path(e, &full))
    }

    /// A file already in the new site.
    pub fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let full = safe_join(&self.dir, path)?;
        std::fs::read(&full).map_err(|e| with_path(e, &full))
    }

    /// Swaps the new site in. Until this returns, the old output is untouched.
    pub fn commit(mut self) -> io::Result<()> {
        swap_in(&self.dir, &self.out)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // An abandoned build leaves nothing behind (a killed one is cleaned up by the
            // next build instead).
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `artefacts` as the complete new content of `out`, atomically.
pub fn publish(out: &Path, artefacts: &[Artefact]) -> io::Result<()> {
    use rayon::prelude::*;
    let staging = Staging::new(out)?;
    artefacts.par_iter().try_for_each(|a| staging.write(&a.path, &a.bytes).map(drop))?;
    staging.commit()
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

/// The lock of `out`'s builds, taken: an error when another build holds it.
fn lock(out: &Path) -> io::Result<std::fs::File> {
    let path = staging_dir(out)?.with_extension("kansli-lock");
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    }
    let file = std::fs::File::create(&path).map_err(|e| with_path(e, &path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::ResourceBusy,
            format!("{}: ett annat bygge skriver redan till mappen; vänta tills det är klart", out.display()),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(with_path(e, &path)),
    }
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
                return remove_tree(staging);
            }
            // Some file systems cannot exchange; fall back to two renames below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(with_path(e.into(), out)),
        }
    }
    let old = old_dir(out)?;
    std::fs::rename(out, &old).map_err(|e| with_path(e, out))?;
    if let Err(e) = std::fs::rename(staging, out) {
        // The old site goes back: the output is never left missing.
        let _ = std::fs::rename(&old, out);
        return Err(with_path(e, out));
    }
    remove_tree(&old)
}

/// Removes a folder tree, its subfolders in parallel (an old site has many files).
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(|e| with_path(e, dir))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.par_iter().try_for_each(|path| {
        let result = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        result.map_err(|e| with_path(e, path))
    })?;
    std::fs::remove_dir(dir).map_err(|e| with_path(e, dir))
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

    /// The names in `dir`, sorted.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
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
        assert_eq!(beside(dir.path()), [".output.kansli-lock", "output"], "only the output and its lock");
    }

    #[test]
    fn links_unchanged_files_from_the_current_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        publish(&out, &[Artefact::new("a.txt", "samma")]).unwrap();
        let staging = Staging::new(&out).unwrap();
        let written = Stamp::of(&std::fs::metadata(out.join("a.txt")).unwrap());
        let size = |size| Stamp { size, modified: None };
        assert!(!staging.link_current("a.txt", size(6)).unwrap(), "a different size is not the same file");
        let other = Stamp { modified: written.modified.map(|m| m + 1), ..written };
        assert!(!staging.current_has("a.txt", other).unwrap(), "another time is another file");
        assert!(staging.current_has("a.txt", size(5)).unwrap(), "a stamp without a time: the size");
        assert!(!staging.link_current("saknas.txt", size(1)).unwrap());
        assert!(staging.link_current("a.txt", written).unwrap());
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "samma");
    }

    #[test]
    fn an_abandoned_staging_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        publish(&out, &[Artefact::new("a.txt", "gammal")]).unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("a.txt", b"ny").unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "gammal");
        assert_eq!(beside(dir.path()), [".output.kansli-lock", "output"], "only the output and its lock");
    }
}
