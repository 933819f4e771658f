//! New sources for the people who write them: `kansli init` (a whole new site) and
//! `kansli new` (a meeting, a plan or a report, pre-filled from the site).
//!
//! The texts are built by pure functions from the checked model (`meeting`, `yearly`)
//! or from today's date (`init`); this module adds the few file-system steps around
//! them, and refuses rather than overwrites: a file that exists is never touched, and
//! `init` wants an empty folder unless forced. Every file written here passes
//! `kansli check` as it is (a plan needs the strategy's goals and areas to choose from),
//! so that the secretary starts from a clean state; what she must fill in is said in
//! Swedish comments in the file itself.
//!
//! It does not decide what is valid: that is `check`'s business. It reads the site only
//! through [`check`](crate::check::check), never by parsing TOML itself.

mod init;
mod meeting;
mod yearly;

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::check::check;
use crate::diag::Diagnostic;
use crate::model::Model;
use crate::source::{FsSource, with_path};

pub use init::{InitOptions, files as init_files, init};

/// Why a command made nothing.
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments, or a file or folder in the way (exit code 2).
    Usage(Diagnostic),
    /// The site's sources have errors, so they cannot be read reliably (exit code 1).
    Content(Diagnostic),
    /// Reading or writing failed; the error names its path (exit code 2).
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Io(error)
    }
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> Failure {
    Failure::Usage(Diagnostic::error(message).with_hint(hint))
}

/// What `kansli new` makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum New {
    /// A meeting of a body (`--body`) on a day (`--date`, "ÅÅÅÅ-MM-DD").
    Meeting { body: String, date: String },
    /// A working group's plan (`--group`) for a year (`--year`, "ÅÅÅÅ").
    Plan { group: String, year: String },
    /// A working group's report for a year, from that year's plan.
    Report { group: String, year: String },
}

/// A source file to create: its path relative to the site root, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

/// Checks the site under `root`, makes the file `what` asks for and writes it.
/// Returns the written file's path relative to `root`.
pub fn new(root: &Path, what: &New) -> Result<String, Failure> {
    // The arguments first: a typo in a date should not wait for the whole site to load.
    match what {
        New::Meeting { date, .. } => {
            parse_date(date)?;
        }
        New::Plan { year, .. } | New::Report { year, .. } => {
            parse_year(year)?;
        }
    }
    if !root.join(crate::load::CONTENT).is_dir() {
        let (message, hint) = crate::source::missing_content(root);
        return Err(usage(message, hint));
    }
    // A file in the way is the first thing to say: it may well be why the site has errors.
    if let Some(path) = target(what)
        && root.join(&path).exists()
    {
        return Err(exists(&path));
    }
    let checked = check(&FsSource::new(root))?;
    if checked.errors() > 0 {
        let errors = checked.errors();
        return Err(Failure::Content(
            Diagnostic::error(format!(
                "innehållet har {errors} fel; kansli new skapar ingen fil förrän {}",
                if errors == 1 { "det är rättat" } else { "de är rättade" }
            ))
            .with_hint("kör kansli check för att se felen"),
        ));
    }
    let file = make(&checked.model, what)?;
    write_new(root, &file)?;
    Ok(file.path)
}

/// Where the file `what` asks for goes, when its id can name a file at all.
fn target(what: &New) -> Option<String> {
    let valid = |id: &str| crate::model::values::is_valid_id(id);
    match what {
        New::Meeting { body, date } => valid(body).then(|| format!("content/meetings/{body}/{date}.toml")),
        New::Plan { group, year } => valid(group).then(|| format!("content/groups/{group}/plan-{year}.toml")),
        New::Report { group, year } => valid(group).then(|| format!("content/groups/{group}/report-{year}.toml")),
    }
}

fn exists(path: &str) -> Failure {
    usage(format!("{path} finns redan"), "kansli new skriver aldrig över en fil; öppna filen och ändra i den")
}

/// The file `what` asks for, made from a checked model; nothing is written.
pub fn make(model: &Model, what: &New) -> Result<NewFile, Failure> {
    match what {
        New::Meeting { body, date } => meeting::meeting(model, body, parse_date(date)?),
        New::Plan { group, year } => yearly::plan(model, group, parse_year(year)?),
        New::Report { group, year } => yearly::report(model, group, parse_year(year)?),
    }
}

fn parse_date(text: &str) -> Result<Date, Failure> {
    text.parse::<Date>().ok().filter(|d| d.to_string() == text).ok_or_else(|| {
        // "2027-02-30" is written right but is not in the calendar: say so, as check does.
        let (message, _, hint) = crate::load::scalar::bad_date(text);
        match message.starts_with("datumet ") {
            true => usage(message, &hint),
            false => usage(format!("ogiltigt datum \"{text}\""), "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-01"),
        }
    })
}

fn parse_year(text: &str) -> Result<i32, Failure> {
    text.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2999).contains(y) && text.len() == 4)
        .ok_or_else(|| usage(format!("ogiltigt år \"{text}\""), "skriv året med fyra siffror, t.ex. 2027"))
}

/// Writes a file that must not exist yet, with its folders.
fn write_new(root: &Path, file: &NewFile) -> Result<(), Failure> {
    let full = root.join(&file.path);
    if full.exists() {
        return Err(exists(&file.path));
    }
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    }
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&full) {
        Ok(mut out) => {
            use std::io::Write as _;
            out.write_all(file.text.as_bytes()).map_err(|e| with_path(e, &full))?;
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists(&file.path)),
        Err(e) => Err(Failure::Io(with_path(e, &full))),
    }
}

/// Writes `files` (relative path, bytes) under `dir`, creating folders as needed.
fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (path, bytes) in files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
        }
        std::fs::write(&full, bytes).map_err(|e| with_path(e, &full))?;
        written.push(full);
    }
    Ok(written)
}

/// What `kansli schema` wrote.
#[derive(Debug)]
pub struct SchemasWritten {
    /// The folder the schemas were written to.
    pub dir: PathBuf,
    /// The number of schema files.
    pub count: usize,
    /// The `.taplo.toml` written, if there was none.
    pub taplo: Option<PathBuf>,
}

/// Writes the editors' JSON Schemas into `out`, or into `schemas/` under `root`. In the
/// latter case it also writes `root/.taplo.toml` if there is none: an existing one may
/// have the site's own settings, so it is left alone.
pub fn schemas(root: &Path, out: Option<&Path>) -> Result<SchemasWritten, Failure> {
    use crate::load::schema::{SCHEMA_DIR, TAPLO_CONFIG, editor_files, taplo_config};
    let dir = out.map_or_else(|| root.join(SCHEMA_DIR), Path::to_path_buf);
    let files: Vec<(String, Vec<u8>)> =
        editor_files().into_iter().map(|(name, text)| (name.to_string(), text.into_bytes())).collect();
    let count = write_all(&dir, &files)?.len();
    let mut taplo = None;
    let config = root.join(TAPLO_CONFIG);
    if out.is_none() && !config.exists() {
        std::fs::write(&config, taplo_config()).map_err(|e| with_path(e, &config))?;
        taplo = Some(config);
    }
    Ok(SchemasWritten { dir, count, taplo })
}

// ---------------------------------------------------------------------------------------
// Writing TOML text by hand: the files carry comments, which no serializer writes.

/// A TOML string literal, quoted and escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A list of TOML strings: `["a", "b"]`.
fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|i| quote(i.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// Text on one line, for a comment: whitespace and line breaks become single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line that separates the items of a meeting file, as in the content guide.
const RULE: &str = "# ----------------------------------------------------------------------------\n";

/// The closest of `candidates` to `written`, if one is close enough to be a typo.
fn closest<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(written, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "menade du "x"?", or the list of what there is ("organen är …"), or `none`.
fn suggestion(written: &str, candidates: &[&str], listed: &str, none: &str) -> String {
    match closest(written, candidates) {
        Some(best) => format!("menade du \"{best}\"?"),
        None if candidates.is_empty() => none.to_string(),
        None => format!("{listed} är {}", candidates.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_toml_strings() {
        assert_eq!(quote("Mötets öppnande"), "\"Mötets öppnande\"");
        assert_eq!(quote("Temat är \"Upptäck\"\\n"), "\"Temat är \\\"Upptäck\\\"\\\\n\"");
        let parsed: toml::Table = toml::from_str(&format!("v = {}", quote("a\"b\\c\nd\u{7}"))).unwrap();
        assert_eq!(parsed["v"].as_str(), Some("a\"b\\c\nd\u{7}"));
    }

    #[test]
    fn validates_dates_and_years() {
        assert!(parse_date("2026-12-01").is_ok());
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-1-01").is_err());
        assert!(parse_year("2027").is_ok());
        assert!(parse_year("27").is_err());
        assert!(parse_year("+2027").is_err());
    }
}
