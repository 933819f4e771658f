//! Diagnostics: the one type every stage reports problems with, and its rendering.
//!
//! A diagnostic names a file, a byte span in it, a message and hints. Stages collect all
//! of them before failing (`Diagnostics`), so one run reports every fault of a site,
//! sorted by file and position. Rendering is rustc-like, in Swedish (the secretary reads
//! these), with a source snippet and a caret under the span. This module owns the text of
//! that rendering; it does no I/O and knows nothing about TOML or the model.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

/// How bad a diagnostic is. A warning never fails a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
        }
    }
}

/// Index of a file in [`SourceFiles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A place in a source file: a byte range, or the whole file when `span` is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: FileId,
    pub span: Option<Range<usize>>,
}

impl Location {
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Location { file, span: Some(span) }
    }

    pub fn file(file: FileId) -> Self {
        Location { file, span: None }
    }
}

/// A secondary location with its own message ("först definierad här").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Short text printed beside the caret.
    pub label: Option<String>,
    pub notes: Vec<Note>,
    /// "what to do" lines, printed as `= hjälp: …`.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Diagnostic { severity, message, location: None, label: None, notes: Vec::new(), hints: Vec::new() }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_note(mut self, location: Location, message: impl Into<String>) -> Self {
        self.notes.push(Note { location, message: message.into() });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics of one run.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file path, then position; diagnostics without a file come first.
    /// Equal places keep the order they were reported in (the sort is stable).
    pub fn sorted(mut self, files: &SourceFiles) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| sort_key(a, files).cmp(&sort_key(b, files)));
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

fn sort_key<'a>(d: &Diagnostic, files: &'a SourceFiles) -> (Option<&'a str>, usize) {
    match &d.location {
        None => (None, 0),
        Some(loc) => (Some(files.path(loc.file)), loc.span.as_ref().map_or(0, |s| s.start)),
    }
}

/// The text of every file a run has read, so that diagnostics can show snippets.
/// Paths are relative to the site root and use `/`.
#[derive(Clone, Debug, Default)]
pub struct SourceFiles {
    files: Vec<(String, Arc<str>)>,
}

impl SourceFiles {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, path: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 source files"));
        self.files.push((path.into(), text.into()));
        id
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].0
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.0 as usize].1
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Forgets the text of every file that none of `diagnostics` shows a snippet of. The
    /// paths stay, so every [`FileId`] still names its file. (A build keeps the checked
    /// sources only for its warnings; a large site's texts are tens of megabytes.)
    pub fn keep_texts_for(&mut self, diagnostics: &[Diagnostic]) {
        let shown: std::collections::HashSet<FileId> = diagnostics
            .iter()
            .flat_map(|d| d.location.iter().chain(d.notes.iter().map(|n| &n.location)))
            .filter(|l| l.span.is_some())
            .map(|l| l.file)
            .collect();
        for (i, (_, text)) in self.files.iter_mut().enumerate() {
            if !shown.contains(&FileId(i as u32)) {
                *text = Arc::from("");
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|(p, _)| p == path).map(|i| FileId(i as u32))
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or
    /// inside a character are clamped, never a panic.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        line_col(self.text(id), offset)
    }
}

pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A byte order mark has no width.
    let col = before[line_start..].chars().filter(|&c| c != '\r' && c != '\u{feff}').count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Whether rendered diagnostics use ANSI colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Never,
    Always,
}

impl Color {
    /// Colours only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    pub fn for_stream(is_terminal: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if is_terminal && !no_color { Color::Always } else { Color::Never }
    }
}

struct Paint {
    color: Color,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        match self.color {
            Color::Never => text.to_string(),
            Color::Always => format!("\x1b[{code}m{text}\x1b[0m"),
        }
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        self.wrap(if severity == Severity::Error { "1;31" } else { "1;33" }, text)
    }
    fn blue(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Renders one diagnostic, ending with a newline.
pub fn render(diagnostic: &Diagnostic, files: &SourceFiles, color: Color) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    let head = paint.severity(diagnostic.severity, diagnostic.severity.label());
    let _ = writeln!(out, "{head}{}", paint.bold(&format!(": {}", diagnostic.message)));

    // Width of the line-number gutter: the widest line number any snippet shows.
    let mut gutter = 1;
    for loc in diagnostic.location.iter().chain(diagnostic.notes.iter().map(|n| &n.location)) {
        if let Some(span) = &loc.span {
            let (line, _) = files.line_col(loc.file, span.start);
            gutter = gutter.max(line.to_string().len());
        }
    }
    let pad = " ".repeat(gutter);

    if let Some(loc) = &diagnostic.location {
        snippet(&mut out, &paint, files, loc, diagnostic.label.as_deref(), diagnostic.severity, &pad);
    }
    for note in &diagnostic.notes {
        if note.location.span.is_none() || diagnostic.location.is_some() {
            let _ = writeln!(out, "{pad} {}", paint.blue("|"));
        }
        snippet_with(&mut out, &paint, files, &note.location, Some(&note.message), Severity::Warning, &pad, ":::");
    }
    if !diagnostic.hints.is_empty() {
        if diagnostic.location.is_some() {
            let _ = writeln!(out, "{pad} {}", paint.blue("|"));
        }
        for hint in &diagnostic.hints {
            let _ = writeln!(out, "{pad} {} hjälp: {hint}", paint.blue("="));
        }
    }
    out
}

fn snippet(
    out: &mut String,
    paint: &Paint,
    files: &SourceFiles,
    loc: &Location,
    label: Option<&str>,
    severity: Severity,
    pad: &str,
) {
    snippet_with(out, paint, files, loc, label, severity, pad, "-->");
}

/// A location line (`-->` for the main place, `:::` for a note) and its source line.
#[allow(clippy::too_many_arguments)]
fn snippet_with(
    out: &mut String,
    paint: &Paint,
    files: &SourceFiles,
    loc: &Location,
    label: Option<&str>,
    severity: Severity,
    pad: &str,
    arrow: &str,
) {
    let path = files.path(loc.file);
    let Some(span) = &loc.span else {
        let _ = writeln!(out, "{pad}{} {path}", paint.blue(arrow));
        if let Some(label) = label {
            let _ = writeln!(out, "{pad} {} {label}", paint.blue("="));
        }
        return;
    };
    let text = files.text(loc.file);
    let start = floor_char_boundary(text, span.start);
    let end = floor_char_boundary(text, span.end.max(start));
    let (line, col) = line_col(text, start);
    let _ = writeln!(out, "{pad}{} {path}:{line}:{col}", paint.blue(arrow));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let source_line = text[line_start..line_end].trim_end_matches('\r');
    // Tabs are shown as four spaces so that the caret lines up; other control characters,
    // invisible (or harmful) on a terminal, as a visible symbol each.
    let mut shown = String::with_capacity(source_line.len());
    source_line.chars().for_each(|c| show_char(c, &mut shown));
    let indent: usize = text[line_start..start].chars().map(shown_width).sum();
    let underlined =
        text[start..end.min(line_end)].trim_end_matches('\r').chars().filter(|&c| c != '\u{feff}').count().max(1);
    let (shown, indent, underlined) = window(shown, indent, underlined);
    let number = format!("{line:>width$}", width = pad.len());
    let _ = writeln!(out, "{pad} {}", paint.blue("|"));
    let _ = writeln!(out, "{} {}{}", paint.blue(&number), paint.blue("|"), prefix_space(&shown));
    let carets = paint.severity(severity, &"^".repeat(underlined));
    let label = label.map(|l| format!(" {}", paint.severity(severity, l))).unwrap_or_default();
    let _ = writeln!(out, "{pad} {} {}{carets}{label}", paint.blue("|"), " ".repeat(indent));
}

/// The widest source line shown whole. A longer one would wrap on a terminal, and the
/// caret line would no longer line up under it.
const WIDEST_LINE: usize = 120;

/// A source line as shown (`shown`, one column a character) cut to [`WIDEST_LINE`]
/// columns around the caret, with "…" where it is cut; and where the caret then starts
/// and how wide it is.
fn window(shown: String, indent: usize, underlined: usize) -> (String, usize, usize) {
    if shown.chars().nth(WIDEST_LINE).is_none() {
        return (shown, indent, underlined);
    }
    let chars: Vec<char> = shown.chars().collect();
    // A quarter of the width before the caret, the rest after it.
    let from = indent.saturating_sub(WIDEST_LINE / 4).min(chars.len() - WIDEST_LINE);
    let to = from + WIDEST_LINE;
    let mut cut = String::new();
    if from > 0 {
        cut.push('…');
    }
    cut.extend(&chars[from..to]);
    if to < chars.len() {
        cut.push('…');
    }
    let caret = indent - from + usize::from(from > 0);
    (cut, caret, underlined.min(to.saturating_sub(indent)).max(1))
}

/// `c` as a source line shows it: a tab as four spaces, a control character as its
/// symbol (␇ for BEL, ␡ for DEL, � for the rest), one column like the caret line counts.
/// How many columns `show_char` gives a character.
fn shown_width(c: char) -> usize {
    match c {
        '\t' => 4,
        '\u{feff}' => 0,
        _ => 1,
    }
}

fn show_char(c: char, out: &mut String) {
    match c {
        '\t' => out.push_str("    "),
        // A byte order mark: nothing to see.
        '\u{feff}' => {}
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        c if c.is_control() => out.push('\u{fffd}'),
        c => out.push(c),
    }
}

fn prefix_space(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(" {line}") }
}

/// "3 fel, 1 varning" — the counts part of a summary line.
pub fn counts(errors: usize, warnings: usize) -> String {
    let warnings_word = if warnings == 1 { "varning" } else { "varningar" };
    format!("{errors} fel, {warnings} {warnings_word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> (SourceFiles, FileId) {
        let mut files = SourceFiles::new();
        let id = files.add("content/site.toml", text);
        (files, id)
    }

    #[test]
    fn renders_snippet_with_caret_under_span() {
        let (files, id) = files("title = \"x\"\nbase_url = 12\n");
        let d = Diagnostic::error("fel typ för `base_url`")
            .at(Location::new(id, 23..25))
            .with_label("väntade text")
            .with_hint("skriv adressen inom citattecken");
        let expected = "\
fel: fel typ för `base_url`
 --> content/site.toml:2:12
  |
2 | base_url = 12
  |            ^^ väntade text
  |
  = hjälp: skriv adressen inom citattecken
";
        assert_eq!(render(&d, &files, Color::Never), expected);
    }

    #[test]
    fn shows_control_characters_as_symbols_under_which_the_caret_points() {
        let (files, id) = files("title = \"a\u{7}b\u{1b}[31mc\u{7f}\u{85}\" \tx\n");
        let at = "title = \"a\u{7}b\u{1b}[31mc\u{7f}\u{85}\" \t".len();
        let d = Diagnostic::error("oväntat innehåll").at(Location::new(id, at..at + 1)).with_label("här");
        let expected = "\
fel: oväntat innehåll
 --> content/site.toml:1:24
  |
1 | title = \"a␇b␛[31mc␡�\"     x
  |                           ^ här
";
        assert_eq!(render(&d, &files, Color::Never), expected);
    }

    #[test]
    fn shows_a_long_line_around_the_caret() {
        let value = format!("{}Ågren{}", "a".repeat(200), "b".repeat(200));
        let (files, id) = files(&format!("name = \"{value}\"\n"));
        let at = "name = \"".len() + 200;
        let d = Diagnostic::error("fel").at(Location::new(id, at..at + "Ågren".len())).with_label("här");
        let shown = format!("…{}Ågren{}…", "a".repeat(30), "b".repeat(85));
        let expected = format!(
            "fel: fel
 --> content/site.toml:1:209
  |
1 | {shown}
  | {}^^^^^ här
",
            " ".repeat(31)
        );
        assert_eq!(render(&d, &files, Color::Never), expected);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let (files, id) = files("name = \"Åsa Ågren\" x\n");
        assert_eq!(files.line_col(id, "name = \"Åsa Ågren\" ".len()), (1, 20));
    }

    #[test]
    fn offsets_out_of_range_do_not_panic() {
        let (files, id) = files("å");
        assert_eq!(files.line_col(id, 1), (1, 1));
        let d = Diagnostic::error("x").at(Location::new(id, 5..9));
        assert!(render(&d, &files, Color::Never).contains("content/site.toml:1:2"));
    }
}
