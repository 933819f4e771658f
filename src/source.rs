//! The one seam to the outside world: listing and reading a site's files, and the clock.
//!
//! Every stage that needs the environment asks a [`Source`]; nothing else in the library
//! reads the file system or the system clock. Tests swap in [`MemSource`] with a fixed
//! date. Paths are relative to the site root and always use `/`.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

/// A file found under a listed folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    pub size: u64,
    /// A symbolic link (not followed when listing; reading one is refused by the loader).
    pub symlink: bool,
    /// When the file last changed, where the source knows (caches compare it).
    pub modified: Option<std::time::SystemTime>,
}

pub trait Source: Send + Sync {
    /// Every file below `dir` (relative to the root), recursively, sorted by path.
    /// A missing folder is an empty list.
    fn list(&self, dir: &str) -> io::Result<Vec<Entry>>;

    /// The bytes of one file.
    fn read(&self, path: &str) -> io::Result<Vec<u8>>;

    /// At most the first `max` bytes of one file, without reading the rest: the type of an
    /// attachment, or whether a source file is too large, whatever it has grown to since
    /// it was listed. `listed` is its size when it was listed, to read it in one call.
    fn read_head(&self, path: &str, max: usize, listed: u64) -> io::Result<Vec<u8>> {
        let _ = listed;
        let mut bytes = self.read(path)?;
        bytes.truncate(max);
        Ok(bytes)
    }

    /// Today's date in the site's time zone: what "open" and "late" are measured against.
    fn today(&self) -> Date;

    /// Where a relative path lives on disk, for error messages and for copying; `None` for
    /// sources that are not on disk.
    fn disk_path(&self, path: &str) -> Option<PathBuf>;
}

/// What to say when `root` has no `content/`: (message, hint). Run from inside the
/// sources, the hint names the site root above (`cd ..`, or `--root` with its path).
pub fn missing_content(root: &Path) -> (String, String) {
    use crate::load::CONTENT;
    let absolute = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let shown =
        if root.as_os_str() == "." { format!("mappen {}", absolute.display()) } else { root.display().to_string() };
    let message = format!("{shown} innehåller ingen mapp {CONTENT}/");
    let site = absolute.ancestors().skip(1).find(|a| a.join(CONTENT).is_dir());
    let hint = match site {
        Some(site) if absolute.parent() == Some(site) && absolute.ends_with(CONTENT) => {
            format!("du står i {CONTENT}/: gå upp en mapp (cd ..) och kör kommandot igen, eller ange --root ..")
        }
        Some(site) => format!("webbplatsens rotmapp är {}: kör kommandot där, eller ange --root {0}", site.display()),
        None => "ange webbplatsens rotmapp med --root MAPP".to_string(),
    };
    (message, hint)
}

/// A site on disk, rooted at the folder that holds `content/` and `themes/`.
#[derive(Clone, Debug)]
pub struct FsSource {
    root: PathBuf,
    today: Date,
}

impl FsSource {
    /// Uses the system clock in Europe/Stockholm for today's date.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let today = jiff::Zoned::now().with_time_zone(crate::model::time_zone()).date();
        FsSource { root: root.into(), today }
    }

    pub fn with_today(root: impl Into<PathBuf>, today: Date) -> Self {
        FsSource { root: root.into(), today }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Source for FsSource {
    fn list(&self, dir: &str) -> io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        let start = self.root.join(dir);
        match std::fs::symlink_metadata(&start) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(with_path(e, &start)),
            Ok(_) => {}
        }
        walk(&start, dir.trim_end_matches('/'), &mut out)?;
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        let full = self.root.join(path);
        std::fs::read(&full).map_err(|e| with_path(e, &full))
    }

    fn read_head(&self, path: &str, max: usize, listed: u64) -> io::Result<Vec<u8>> {
        use std::io::Read;
        let full = self.root.join(path);
        let file = std::fs::File::open(&full).map_err(|e| with_path(e, &full))?;
        // Sized from the listed length, the buffer takes the file in one read (and grows if
        // the file has grown); grown from empty, it took a read for every doubling (ten for
        // a meeting file).
        let mut bytes = Vec::with_capacity(listed.min(max as u64) as usize);
        file.take(max as u64).read_to_end(&mut bytes).map_err(|e| with_path(e, &full))?;
        Ok(bytes)
    }

    fn today(&self) -> Date {
        self.today
    }

    fn disk_path(&self, path: &str) -> Option<PathBuf> {
        Some(self.root.join(path))
    }
}

/// Whether a file or folder name is outside the site: hidden files (`.DS_Store`, `.git`,
/// vim's `.x.toml.swp`, emacs' `.#x.toml`), backups (`x.toml~`) and emacs' auto-saves
/// (`#x.toml#`). Editors make and remove these while the secretary works; they are
/// never sources or attachments.
pub fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// Lists the files below `dir` (an absolute folder) as entries under `rel`, skipping
/// [`ignored`] names.
pub fn walk(dir: &Path, rel: &str, out: &mut Vec<Entry>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| with_path(e, dir))? {
        let entry = entry.map_err(|e| with_path(e, dir))?;
        let name = entry.file_name();
        if name.to_str().is_some_and(ignored) {
            continue;
        }
        let Some(name) = name.to_str() else {
            // A name that is not UTF-8 cannot be referenced from TOML; list it lossily so
            // the loader can report it.
            let lossy = name.to_string_lossy().into_owned();
            out.push(Entry { path: format!("{rel}/{lossy}"), size: 0, symlink: false, modified: None });
            continue;
        };
        let path = format!("{rel}/{name}");
        let meta = entry.metadata().map_err(|e| with_path(e, &entry.path()))?;
        if meta.file_type().is_symlink() {
            out.push(Entry { path, size: 0, symlink: true, modified: None });
        } else if meta.is_dir() {
            walk(&entry.path(), &path, out)?;
        } else if meta.is_file() {
            out.push(Entry { path, size: meta.len(), symlink: false, modified: meta.modified().ok() });
        }
    }
    Ok(())
}

/// Every I/O error names its path.
pub fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {}", path.display(), io_text(&error)))
}

/// An I/O error as the secretary and the web admin read it: the system's commonest
/// errors in Swedish, with the system's number for looking it up ("disken är full (os
/// error 28)"); others, and kansli's own, as they are.
pub fn io_text(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let Some(code) = error.raw_os_error() else { return error.to_string() };
    let text = match error.kind() {
        K::NotFound => "finns inte",
        K::PermissionDenied => "behörighet saknas",
        K::AlreadyExists => "finns redan",
        K::StorageFull => "disken är full",
        K::QuotaExceeded => "diskkvoten är slut",
        K::ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        K::IsADirectory => "är en mapp",
        K::NotADirectory => "en del av sökvägen är inte en mapp",
        K::DirectoryNotEmpty => "mappen är inte tom",
        K::FileTooLarge => "filen är för stor",
        K::InvalidFilename => "ogiltigt filnamn",
        K::CrossesDevices => "kan inte flyttas till ett annat filsystem",
        K::AddrInUse => "adressen används redan",
        K::AddrNotAvailable => "adressen finns inte på den här datorn",
        _ => return error.to_string(),
    };
    format!("{text} (os error {code})")
}

/// An in-memory site, for tests and for generated benchmark sites.
#[derive(Clone, Debug)]
pub struct MemSource {
    files: BTreeMap<String, Vec<u8>>,
    today: Date,
}

impl MemSource {
    pub fn new(today: Date) -> Self {
        MemSource { files: BTreeMap::new(), today }
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

impl Source for MemSource {
    fn list(&self, dir: &str) -> io::Result<Vec<Entry>> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        Ok(self
            .files
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, v)| Entry { path: k.clone(), size: v.len() as u64, symlink: false, modified: None })
            .collect())
    }

    fn read(&self, path: &str) -> io::Result<Vec<u8>> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{path}: filen finns inte")))
    }

    fn today(&self) -> Date {
        self.today
    }

    fn disk_path(&self, _path: &str) -> Option<PathBuf> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commonest_system_errors_are_swedish_and_keep_their_number() {
        let text = |code| io_text(&io::Error::from_raw_os_error(code));
        assert_eq!(text(2), "finns inte (os error 2)");
        assert_eq!(text(13), "behörighet saknas (os error 13)");
        assert_eq!(text(17), "finns redan (os error 17)");
        assert_eq!(text(28), "disken är full (os error 28)");
        assert_eq!(text(98), "adressen används redan (os error 98)");
        // Others, and kansli's own errors, as they are.
        assert_eq!(text(5), "Input/output error (os error 5)");
        assert_eq!(io_text(&io::Error::other("egen text")), "egen text");
        let named = with_path(io::Error::from_raw_os_error(2), Path::new("content/site.toml"));
        assert_eq!(named.to_string(), "content/site.toml: finns inte (os error 2)");
    }
}
