//! The Markdown of the sources: which fields hold it, the dialect, and what it may not
//! contain.
//!
//! Raw HTML is never published and a link goes only to the web or to an e-mail address
//! (`https://`, `http://`, `mailto:`): `render::markdown` drops the one and shows the other
//! as text. Both are reported here as warnings located in the source file, so that the
//! secretary learns why a pasted `<br>` or `javascript:` link is not on the page. They are
//! warnings, not errors: what is published is safe either way, and a stray tag should not
//! hold back the site.

use std::ops::Range;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};

use super::raw::*;
use super::spanned::Spanned;
use crate::diag::{Diagnostic, FileId, Location};

/// The Markdown dialect: CommonMark with tables, strikethrough and autolinks, no raw HTML.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    options
}

/// A link target a page or PDF may carry: the web and e-mail. As a browser reads it:
/// tabs and line breaks anywhere and control characters at the ends are ignored, so that
/// `java\tscript:` is `javascript:` here as well. A NUL is judged as what is written in
/// its place, U+FFFD (the fuzz target `markdown_html` found `\0mailto:` published as a
/// relative link).
pub fn safe_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\0' { '\u{fffd}' } else { c })
        .collect();
    let url = url.trim_matches(|c: char| c <= ' ').to_ascii_lowercase();
    url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:")
}

/// A source kind with Markdown fields.
pub(crate) trait MarkdownFields {
    fn markdown_fields(&self) -> Vec<&Spanned<String>>;
}

impl MarkdownFields for RawMeeting {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        let mut out: Vec<&Spanned<String>> = self.note.iter().collect();
        for item in &self.item {
            out.extend(item.proposal.iter().chain(&item.decision).chain(&item.description));
        }
        out
    }
}

impl MarkdownFields for RawBody {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.description.iter().collect()
    }
}

impl MarkdownFields for RawStrategy {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.summary.iter().chain(&self.governance).collect()
    }
}

impl MarkdownFields for RawAreas {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.background.iter().chain(&self.annual_assignment).collect()
    }
}

impl MarkdownFields for RawPlan {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.summary.iter().collect()
    }
}

impl MarkdownFields for RawReport {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.summary.iter().chain(&self.areas_work).collect()
    }
}

impl MarkdownFields for RawIndicator {
    fn markdown_fields(&self) -> Vec<&Spanned<String>> {
        self.description.iter().collect()
    }
}

macro_rules! no_markdown {
    ($($kind:ty),*) => {
        $(impl MarkdownFields for $kind {
            fn markdown_fields(&self) -> Vec<&Spanned<String>> {
                Vec::new()
            }
        })*
    };
}

no_markdown!(RawSite, RawMunicipalities, RawPeople);

/// What a Markdown text holds that is not published as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Raw HTML (its first line): removed.
    Html(String),
    /// A link to something other than the web or e-mail: shown as its text.
    Link(String),
    /// `**` that opens no bold text (its closing `**` is missing): printed as written,
    /// with the words after it (at most 20 characters).
    Unclosed(String),
}

/// The faults of one Markdown text, each once, in the order they appear.
pub fn faults(markdown: &str) -> Vec<Fault> {
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    let mut out = Vec::new();
    for node in root.descendants() {
        let fault = match &node.data().value {
            NodeValue::HtmlBlock(block) => {
                Fault::Html(block.literal.lines().next().unwrap_or_default().trim().to_string())
            }
            NodeValue::HtmlInline(html) => Fault::Html(html.trim().to_string()),
            NodeValue::Link(link) | NodeValue::Image(link) if !safe_url(&link.url) => Fault::Link(link.url.clone()),
            NodeValue::Text(text) if text.contains("**") => {
                let from = &text[text.find("**").unwrap_or_default()..];
                Fault::Unclosed(from.chars().take(20).collect::<String>().trim_end().to_string())
            }
            _ => continue,
        };
        if !out.contains(&fault) {
            out.push(fault);
        }
    }
    out
}

/// Warnings for the faults of a Markdown field, located where the file shows them.
pub(crate) fn lint(file: FileId, text: &str, field: &Spanned<String>) -> Vec<Diagnostic> {
    faults(&field.value)
        .into_iter()
        .map(|fault| {
            let (needle, diagnostic) = match fault {
                Fault::Html(html) => (
                    html.clone(),
                    Diagnostic::warning(format!("HTML i texten publiceras inte: `{}`", shorten(&html)))
                        .with_label("HTML")
                        .with_hint("skriv texten med Markdown (se innehållsguiden, avsnitt 2); HTML tas bort"),
                ),
                Fault::Link(url) => (
                    url.clone(),
                    Diagnostic::warning(format!("länken publiceras som text: `{}`", shorten(&url)))
                        .with_label("bara https://, http:// och mailto: blir länkar")
                        .with_hint("skriv hela adressen, t.ex. [Umeåregionen](https://umearegionen.se)"),
                ),
                Fault::Unclosed(from) => (
                    from.clone(),
                    Diagnostic::warning(format!("fetstilen avslutas inte: `{}`", shorten(&from)))
                        .with_label("** skrivs ut som det står")
                        .with_hint("avsluta fetstilen med ** efter orden, t.ex. **2 procent**"),
                ),
            };
            diagnostic.at(Location::new(file, locate(text, &field.span, &needle)))
        })
        .collect()
}

/// Where `needle` is written inside the field's span; the field's start if it is written
/// differently (escapes, entities).
fn locate(text: &str, span: &Range<usize>, needle: &str) -> Range<usize> {
    let written = text.get(span.clone()).unwrap_or_default();
    match written.find(needle).filter(|_| !needle.is_empty()) {
        Some(at) => span.start + at..span.start + at + needle.len(),
        None => span.start..span.start,
    }
}

/// At most 60 characters on one line, control characters escaped, for the message line.
fn shorten(text: &str) -> String {
    let shown: String = text
        .chars()
        .take(60)
        .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
        .collect();
    if text.chars().count() <= 60 { shown } else { format!("{shown} …") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_urls_are_the_web_and_e_mail() {
        for url in ["https://a.se", "HTTP://a.se", "mailto:a@b.se", " https://a.se"] {
            assert!(safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,x",
            "/sida",
            "",
            "\0mailto:a",
        ] {
            assert!(!safe_url(url), "{url:?}");
        }
    }

    #[test]
    fn finds_html_and_unsafe_links_once_each() {
        let text = "<script>alert(1)</script>\n\nText <b>fet</b> <b>igen</b> [x](javascript:alert(1)) \
                    [y](https://a.se) `<kod>` <https://a.se> **fet** `**kod` **2 procent.";
        assert_eq!(
            faults(text),
            vec![
                Fault::Html("<script>alert(1)</script>".into()),
                Fault::Html("<b>".into()),
                Fault::Html("</b>".into()),
                Fault::Link("javascript:alert(1)".into()),
                Fault::Unclosed("**2 procent.".into()),
            ]
        );
    }
}
