//! Typeset PDFs: protocols, board packets, plans, reports and yearly compilations.
//!
//! One typst engine (typst-as-lib) is built per build and shared by the rayon workers:
//! fonts come from the theme's `fonts/` and typst-assets, never from the system; templates
//! from the theme's `typst/`. A document is a template plus its data, passed in as typst
//! values (`sys.inputs`) and never pasted into typst source: text from the sources can't
//! become typst code. Template errors come back as diagnostics located in the template.

pub mod documents;
mod raster;
mod typst_error;
mod value;

use std::collections::BTreeMap;
use std::ops::Range;

use typst::World;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Dict, IntoValue, Smart, Value};
use typst::syntax::DiagSpanKind;
use typst_as_lib::{TypstAsLibError, TypstEngine};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::theme::Theme;
use crate::diag::{Diagnostic, Location, SourceFiles};

const FIX_TEMPLATE: &str = "rätta PDF-mallarna i temat (themes/…/typst/)";

/// Which PDF standards a document is made to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b and PDF/UA-1: archival and accessible (protocols, plans, reports).
    Archive,
    /// PDF/A-3b and PDF/UA-1: archival with the original attachments embedded as files
    /// (board packets; PDF/A-2 does not allow embedded files).
    ArchiveWithAttachments,
}

/// One document to typeset.
#[derive(Clone, Debug)]
pub struct Document {
    /// The template, relative to the theme: "typst/protocol.typ".
    pub template: &'static str,
    /// The data the template reads from `sys.inputs.data`.
    pub data: serde_json::Value,
    /// Binary files the template reads from `sys.inputs.files` (name → bytes).
    pub files: BTreeMap<String, Vec<u8>>,
    /// A stable identifier (same document, same PDF /ID).
    pub ident: String,
    pub standard: Standard,
}

/// A typeset document.
#[derive(Clone, Debug)]
pub struct Typeset {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// A template that failed: its diagnostics, with the template texts for snippets.
#[derive(Debug)]
pub struct Failure {
    pub files: SourceFiles,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Engine {
    engine: TypstEngine,
    theme_name: String,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("theme", &self.theme_name).finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine with the theme's templates and fonts.
    pub fn new(theme: &Theme, theme_name: &str) -> Self {
        let mut fonts: Vec<Vec<u8>> = theme
            .typst
            .iter()
            .filter(|(path, _)| {
                let lower = path.to_ascii_lowercase();
                path.starts_with("fonts/") && (lower.ends_with(".otf") || lower.ends_with(".ttf"))
            })
            .map(|(_, bytes)| bytes.clone())
            .collect();
        fonts.extend(typst_assets::fonts().map(<[u8]>::to_vec));
        let sources: Vec<(&str, String)> = theme
            .typst
            .iter()
            .filter(|(path, _)| path.ends_with(".typ"))
            .map(|(path, bytes)| (path.as_str(), String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        let engine = TypstEngine::builder()
            .fonts(fonts)
            .with_static_source_file_resolver(sources)
            // Evicting after every document would throw away what the next one reuses;
            // the build evicts in chunks instead (see `evict`).
            .comemo_evict_max_age(None)
            .build();
        Engine { engine, theme_name: theme_name.to_string() }
    }

    /// Typesets one document. `what` begins each diagnostic ("kunde inte skapa PDF-filen …").
    pub fn typeset(&self, document: &Document, what: &str) -> Result<Typeset, Failure> {
        let mut inputs = Dict::new();
        inputs.insert("data".into(), value::from_json(&document.data));
        let files: Dict = document
            .files
            .iter()
            .map(|(name, bytes)| (name.as_str().into(), Bytes::new(bytes.clone()).into_value()))
            .collect();
        inputs.insert("files".into(), Value::Dict(files));

        let world = match self.engine.world_builder(document.template).with_inputs(inputs).build() {
            Ok(world) => world,
            Err(error) => return Err(self.simple_failure(document.template, what, &error)),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let paged = match warned.output {
            Ok(paged) => paged,
            Err(diagnostics) => return Err(self.failure(&world, document, what, &diagnostics)),
        };
        let standards = match document.standard {
            Standard::Archive => vec![PdfStandard::A_2b, PdfStandard::Ua_1],
            Standard::ArchiveWithAttachments => vec![PdfStandard::A_3b, PdfStandard::Ua_1],
        };
        let options = PdfOptions {
            ident: Smart::Custom(document.ident.clone()),
            creator: Smart::Custom(Some("kansli".into())),
            timestamp: None,
            page_ranges: None,
            standards: PdfStandards::new(&standards).map_err(|e| Failure {
                files: SourceFiles::new(),
                diagnostics: vec![Diagnostic::error(format!("{what}: PDF-standarden: {}", e.message()))],
            })?,
            tagged: true,
            pretty: false,
        };
        let bytes = typst_pdf::pdf(&paged, &options)
            .map_err(|diagnostics| self.failure(&world, document, what, &diagnostics))?;
        Ok(Typeset { bytes, pages: paged.pages().len() })
    }

    fn simple_failure(&self, template: &str, what: &str, error: &TypstAsLibError) -> Failure {
        let path = format!("themes/{}/{template}", self.theme_name);
        let diagnostic = match error {
            TypstAsLibError::MainSourceFileDoesNotExist(_) => {
                Diagnostic::error(format!("{what}: mallen {path} finns inte")).with_hint(FIX_TEMPLATE)
            }
            other => Diagnostic::error(format!("{what}: {path}: {other}")),
        };
        Failure { files: SourceFiles::new(), diagnostics: vec![diagnostic] }
    }

    /// Located diagnostics for typst's errors: file, line and column in the template, in
    /// Swedish for the commonest (`typst_error`).
    fn failure(&self, world: &dyn World, document: &Document, what: &str, errors: &[SourceDiagnostic]) -> Failure {
        let mut files = SourceFiles::new();
        let mut added: BTreeMap<String, crate::diag::FileId> = BTreeMap::new();
        let mut diagnostics = Vec::new();
        for error in errors.iter().filter(|e| e.severity == TypstSeverity::Error) {
            let located = error.span.id().and_then(|id| {
                let source = world.source(id).ok()?;
                let range: Range<usize> = match error.span.get() {
                    DiagSpanKind::Number { num, sub_range, .. } => source.range(num, sub_range)?,
                    DiagSpanKind::Range { range, .. } => range,
                    DiagSpanKind::Detached => return None,
                };
                let path = format!("themes/{}/{}", self.theme_name, id.vpath().get_without_slash());
                Some((path, source.text().to_string(), range))
            });
            let written = located.as_ref().and_then(|(_, text, range)| text.get(range.clone())).unwrap_or_default();
            let (message, hints) = typst_error::swedish(&error.message, written, &document.data).unwrap_or_else(|| {
                (error.message.to_string(), error.hints.iter().map(|hint| hint.v.to_string()).collect())
            });
            let mut diagnostic = Diagnostic::error(format!("{what}: {message}"));
            if let Some((path, text, range)) = located {
                let file = *added.entry(path.clone()).or_insert_with(|| files.add(path, text));
                diagnostic = diagnostic.at(Location::new(file, range));
            }
            for hint in hints {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
        }
        if diagnostics.is_empty() {
            diagnostics
                .push(Diagnostic::error(format!("{what}: typst kunde inte sätta dokumentet men sa inte varför")));
        }
        Failure { files, diagnostics }
    }
}

/// Drops typst's memoised results that have not been used for `max_age` evictions, so
/// that memory stays bounded on large builds. Call it between chunks of documents.
pub fn evict(max_age: usize) {
    comemo::evict(max_age);
}
