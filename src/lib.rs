//! kansli compiles a regional cooperation's TOML sources into a public transparency site
//! and typeset PDFs.
//!
//! The stages, each depending only on the ones before it:
//! 1. [`load`]: files → raw structs with spans (parallel, every syntax fault reported);
//! 2. [`model`]: raw structs → one validated [`model::Model`] with resolved references;
//! 3. [`render`]: a model edition → artefacts (pages, assets, feeds, data, PDFs);
//! 4. [`write`]: artefacts → the output folder, atomically; [`build`] orchestrates.
//!
//! [`source`] is the one seam to the file system and the clock, [`diag`] the one
//! diagnostic type, and [`cli`] the command line on top. [`scaffold`] writes new sources
//! for their authors (`init`, `new`). ARCHITECTURE.md has the map.

pub mod build;
pub mod check;
pub mod cli;
pub mod diag;
pub mod generate;
pub mod load;
pub mod model;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod write;
