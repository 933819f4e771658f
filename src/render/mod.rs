//! Stage 3, render: pure functions from a model edition to artefacts (path, bytes).
//!
//! Nothing here touches the disk: the writer (or serve's memory) decides where artefacts
//! go. Templates and strings come in as data (`theme`), dates through the model's `today`.

pub mod charts;
pub mod data;
pub mod feeds;
pub mod format;
pub mod markdown;
pub mod oparl;
pub mod pages;
pub mod pdf;
pub mod search;
pub mod sitemap;
pub mod template_error;
pub mod theme;
pub mod urls;
pub mod view;

/// One file of the built site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artefact {
    /// Relative to the output folder, with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a renderer hands each artefact it makes, from any thread; an error stops it.
pub type Emit<'a, E> = &'a (dyn Fn(Artefact) -> Result<(), E> + Sync);

impl Artefact {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Artefact { path: path.into(), bytes: bytes.into() }
    }
}
