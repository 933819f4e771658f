//! Where rendered artefacts go, and what may be skipped.
//!
//! Every artefact is put with a fingerprint of exactly what it is made from (its view or
//! document data, the theme, kansli's version). The disk sink keeps a manifest of the
//! fingerprints of the last build (`.kansli-cache/`), and hard-links an artefact whose
//! fingerprint did not change from the current output instead of making it again; the
//! memory sink (tests) always makes everything. Both give the same bytes: rendering is
//! deterministic, so the same fingerprint means the same file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Failure;
use crate::render::Artefact;
use crate::write::{Staging, Stamp};

/// A hash of everything an artefact is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub blake3::Hash);

impl Fingerprint {
    pub fn of(parts: &[&[u8]]) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Fingerprint(hasher.finalize())
    }
}

/// In the manifest, as hexadecimal.
impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.to_hex().as_str())
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        blake3::Hash::from_hex(hex.as_bytes()).map(Fingerprint).map_err(serde::de::Error::custom)
    }
}

/// What a maker returns: the bytes, and a page count for PDFs (kept for warnings).
#[derive(Debug)]
pub struct Made {
    pub bytes: Vec<u8>,
    pub pages: Option<u32>,
}

/// What putting an artefact did.
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    pub size: u64,
    /// Made now, rather than taken over unchanged.
    pub made: bool,
    pub pages: Option<u32>,
}

pub type Maker<'a> = &'a mut dyn FnMut() -> Result<Made, Failure>;

pub trait Sink: Sync {
    /// Puts the artefact `path`, calling `make` unless an unchanged copy can be reused.
    fn put(&self, path: &str, fingerprint: Fingerprint, make: Maker<'_>) -> Result<Placed, Failure>;

    /// Puts bytes already made (small artefacts: their hash is their fingerprint).
    fn put_bytes(&self, path: &str, bytes: Vec<u8>) -> Result<Placed, Failure> {
        let fingerprint = Fingerprint::of(&[path.as_bytes(), &bytes]);
        let mut bytes = Some(bytes);
        self.put(path, fingerprint, &mut || Ok(Made { bytes: bytes.take().unwrap_or_default(), pages: None }))
    }

    /// An artefact already put in this build.
    fn read(&self, path: &str) -> Option<Vec<u8>>;

    /// Puts a group of artefacts made together (the search index), calling `make` unless
    /// the group's fingerprint is unchanged. Returns how many files the group has and
    /// whether it was made now.
    fn put_group(
        &self,
        group: &str,
        fingerprint: Fingerprint,
        make: &mut dyn FnMut() -> Result<Vec<Artefact>, Failure>,
    ) -> Result<(usize, bool), Failure>;
}

/// Artefacts kept in memory; everything is made. For tests and the library API.
#[derive(Debug, Default)]
pub struct MemorySink {
    artefacts: Mutex<HashMap<String, Vec<u8>>>,
}

impl MemorySink {
    /// Every artefact, sorted by path.
    pub fn into_artefacts(self) -> Vec<Artefact> {
        let map = self.artefacts.into_inner().unwrap_or_default();
        let mut out: Vec<Artefact> = map.into_iter().map(|(path, bytes)| Artefact { path, bytes }).collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

impl Sink for MemorySink {
    fn put(&self, path: &str, _: Fingerprint, make: Maker<'_>) -> Result<Placed, Failure> {
        let made = make()?;
        let placed = Placed { size: made.bytes.len() as u64, made: true, pages: made.pages };
        if let Ok(mut map) = self.artefacts.lock() {
            map.insert(path.to_string(), made.bytes);
        }
        Ok(placed)
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.artefacts.lock().ok()?.get(path).cloned()
    }

    fn put_group(
        &self,
        _: &str,
        _: Fingerprint,
        make: &mut dyn FnMut() -> Result<Vec<Artefact>, Failure>,
    ) -> Result<(usize, bool), Failure> {
        let artefacts = make()?;
        let count = artefacts.len();
        if let Ok(mut map) = self.artefacts.lock() {
            map.extend(artefacts.into_iter().map(|a| (a.path, a.bytes)));
        }
        Ok((count, true))
    }
}

/// The fingerprints of one build's artefacts, kept between builds (in no order: it is
/// only looked up).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    version: String,
    files: FxHashMap<String, Entry>,
    #[serde(default)]
    groups: BTreeMap<String, Group>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Group {
    fingerprint: Fingerprint,
    files: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    fingerprint: Fingerprint,
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pages: Option<u32>,
    /// The file's modification time as written (`write::Stamp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<u64>,
}

impl Entry {
    fn stamp(&self) -> Stamp {
        Stamp { size: self.size, modified: self.modified }
    }
}

impl Manifest {
    /// The last manifest at `path`, or an empty one (a first build, another kansli).
    pub fn load(path: &Path) -> Self {
        let manifest: Manifest =
            std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        if manifest.version == env!("CARGO_PKG_VERSION") { manifest } else { Manifest::default() }
    }

    /// Saves atomically (a killed build leaves the old manifest whole).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec(self).unwrap_or_default())?;
        std::fs::rename(&tmp, path)
    }
}

/// Where the manifest of an output folder and edition lives in the site's cache.
pub fn manifest_path(cache: &Path, out: &Path, internal: bool) -> PathBuf {
    let out = std::fs::canonicalize(out.parent().unwrap_or(Path::new(".")))
        .map(|p| p.join(out.file_name().unwrap_or_default()))
        .unwrap_or_else(|_| out.to_path_buf());
    let key = blake3::hash(format!("{}|{internal}", out.display()).as_bytes()).to_hex();
    cache.join(format!("manifest-{}.json", &key[..16]))
}

/// Artefacts written into a staging folder, unchanged ones linked from the current output.
///
/// The links wait until the first artefact has to be written: a build in which nothing
/// changed writes and links nothing, and leaves the output folder as it was (it already
/// is the site this build would publish).
#[derive(Debug)]
pub struct DiskSink {
    staging: Staging,
    previous: Manifest,
    next: Mutex<FxHashMap<String, Entry>>,
    groups: Mutex<BTreeMap<String, Group>>,
    made: AtomicUsize,
    links: Mutex<Links>,
}

/// Unchanged files of the current output, linked into the staging folder once it is in use.
#[derive(Debug, Default)]
struct Links {
    /// The staging folder is in use: every unchanged file so far is linked into it.
    staging: bool,
    /// Checked, to be linked if the staging folder comes into use.
    waiting: Vec<(String, Stamp)>,
}

impl DiskSink {
    pub fn new(staging: Staging, previous: Manifest) -> Self {
        DiskSink {
            staging,
            previous,
            next: Mutex::new(FxHashMap::default()),
            groups: Mutex::new(BTreeMap::new()),
            made: AtomicUsize::new(0),
            links: Mutex::new(Links::default()),
        }
    }

    fn links(&self) -> std::sync::MutexGuard<'_, Links> {
        self.links.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Links the unchanged file `path` into the staging folder, or keeps it for later
    /// while nothing has been written there. False when the current output lacks it.
    fn keep(&self, path: &str, stamp: Stamp) -> Result<bool, Failure> {
        if !self.staging.current_has(path, stamp).map_err(Failure::Io)? {
            return Ok(false);
        }
        {
            let mut links = self.links();
            if !links.staging {
                links.waiting.push((path.to_string(), stamp));
                return Ok(true);
            }
        }
        self.staging.link_current(path, stamp).map_err(Failure::Io)
    }

    /// Puts the staging folder in use (before the first file is written into it): links
    /// every unchanged file kept so far.
    fn stage(&self) -> Result<(), Failure> {
        let mut links = self.links();
        if links.staging {
            return Ok(());
        }
        for (path, stamp) in std::mem::take(&mut links.waiting) {
            if !self.staging.link_current(&path, stamp).map_err(Failure::Io)? {
                let error = std::io::Error::other(format!("{path}: filen försvann ur utmappen under bygget"));
                return Err(Failure::Io(error));
            }
        }
        links.staging = true;
        Ok(())
    }

    /// Whether the new site is the current output as it stands: nothing was written,
    /// and every file of the last build was kept.
    pub fn unchanged(&self) -> bool {
        let kept = self.next.lock().map_or(usize::MAX, |next| next.len());
        !self.links().staging && kept == self.previous.files.len() && !self.previous.files.is_empty()
    }

    /// How many artefacts were made (not reused).
    pub fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// Publishes the new site and returns its manifest.
    pub fn commit(self) -> Result<Manifest, Failure> {
        if !self.unchanged() {
            self.stage()?;
            self.staging.commit().map_err(Failure::Io)?;
        }
        Ok(Manifest {
            version: env!("CARGO_PKG_VERSION").into(),
            files: self.next.into_inner().unwrap_or_default(),
            groups: self.groups.into_inner().unwrap_or_default(),
        })
    }
}

impl Sink for DiskSink {
    fn put(&self, path: &str, fingerprint: Fingerprint, make: Maker<'_>) -> Result<Placed, Failure> {
        if let Some(entry) = self.previous.files.get(path).filter(|e| e.fingerprint == fingerprint)
            && self.keep(path, entry.stamp())?
        {
            if let Ok(mut next) = self.next.lock() {
                next.insert(path.to_string(), entry.clone());
            }
            return Ok(Placed { size: entry.size, made: false, pages: entry.pages });
        }
        let made = make()?;
        self.stage()?;
        let stamp = self.staging.write(path, &made.bytes).map_err(Failure::Io)?;
        self.made.fetch_add(1, Ordering::Relaxed);
        let entry = Entry { fingerprint, size: stamp.size, pages: made.pages, modified: stamp.modified };
        let placed = Placed { size: entry.size, made: true, pages: entry.pages };
        if let Ok(mut next) = self.next.lock() {
            next.insert(path.to_string(), entry);
        }
        Ok(placed)
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        // Until the staging folder is in use, every file put so far is the current one.
        if self.links().staging { self.staging.read(path).ok() } else { self.staging.read_current(path).ok() }
    }

    fn put_group(
        &self,
        group: &str,
        fingerprint: Fingerprint,
        make: &mut dyn FnMut() -> Result<Vec<Artefact>, Failure>,
    ) -> Result<(usize, bool), Failure> {
        if let Some(previous) = self.previous.groups.get(group).filter(|g| g.fingerprint == fingerprint) {
            let mut linked = true;
            for path in &previous.files {
                let stamp =
                    self.previous.files.get(path).map_or(Stamp { size: u64::MAX, modified: None }, Entry::stamp);
                if !self.keep(path, stamp)? {
                    linked = false;
                    break;
                }
            }
            if linked {
                if let Ok(mut next) = self.next.lock() {
                    for path in &previous.files {
                        if let Some(entry) = self.previous.files.get(path) {
                            next.insert(path.clone(), entry.clone());
                        }
                    }
                }
                if let Ok(mut groups) = self.groups.lock() {
                    groups.insert(group.to_string(), previous.clone());
                }
                return Ok((previous.files.len(), false));
            }
        }
        let artefacts = make()?;
        self.stage()?;
        let entries = artefacts
            .par_iter()
            .map(|artefact| {
                let stamp = self.staging.write(&artefact.path, &artefact.bytes).map_err(Failure::Io)?;
                let fingerprint = Fingerprint::of(&[&artefact.bytes]);
                let entry = Entry { fingerprint, size: stamp.size, pages: None, modified: stamp.modified };
                Ok((artefact.path.clone(), entry))
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        let files: Vec<String> = entries.iter().map(|(path, _)| path.clone()).collect();
        if let Ok(mut next) = self.next.lock() {
            next.extend(entries);
        }
        self.made.fetch_add(files.len(), Ordering::Relaxed);
        let count = files.len();
        if let Ok(mut groups) = self.groups.lock() {
            groups.insert(group.to_string(), Group { fingerprint, files });
        }
        Ok((count, true))
    }
}
