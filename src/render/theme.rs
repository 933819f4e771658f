//! The theme: Tera templates, UI strings, static assets and typst templates.
//!
//! The default theme is embedded in the binary (see build.rs). A site may override any of
//! its files with a file of the same relative path in `themes/<name>/` (the name comes from
//! site.toml, default "default"); `strings.toml` is merged key by key instead, so a site can
//! change one label. Reading the override files goes through the source seam.

use std::collections::BTreeMap;

use super::template_error::template_errors;
use crate::diag::{Diagnostic, SourceFiles};
use crate::source::Source;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

pub struct Theme {
    pub tera: tera::Tera,
    /// strings.toml as JSON, for templates (`t.…`) and renderers.
    pub strings: serde_json::Value,
    /// Files under static/, served under assets/.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Files under typst/ and fonts/, for the PDF renderer.
    pub typst: BTreeMap<String, Vec<u8>>,
    /// A hash of every file the theme is made of.
    pub fingerprint: blake3::Hash,
    /// The templates' texts, by their paths in the site ("themes/default/templates/…"),
    /// so that a template error can show where it is.
    pub templates: SourceFiles,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("fingerprint", &self.fingerprint).finish_non_exhaustive()
    }
}

/// The theme's files: the embedded default overlaid with the site's `themes/<name>/`.
pub fn files(source: &dyn Source, name: &str) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut files: BTreeMap<String, Vec<u8>> =
        DEFAULT_THEME.iter().map(|(path, bytes)| (path.to_string(), bytes.to_vec())).collect();
    let folder = format!("themes/{name}");
    let entries =
        source.list(&folder).map_err(|e| Diagnostic::error(format!("kunde inte läsa temat {folder}: {e}")))?;
    if entries.is_empty() && name != "default" {
        return Err(Diagnostic::error(format!("temat \"{name}\" finns inte"))
            .with_hint(format!("lägg temat i {folder}/ eller ta bort theme i content/site.toml")));
    }
    for entry in entries {
        if entry.symlink {
            continue;
        }
        let rel = entry.path[folder.len() + 1..].to_string();
        let bytes =
            source.read(&entry.path).map_err(|e| Diagnostic::error(format!("kunde inte läsa {}: {e}", entry.path)))?;
        if rel == "strings.toml" {
            // Merged below, over the default strings.
            files.insert("strings.override.toml".into(), bytes);
        } else {
            files.insert(rel, bytes);
        }
    }
    Ok(files)
}

/// Loads the theme `name` for the site behind `source`. Its errors come with the texts of
/// the templates they point into.
pub fn load(source: &dyn Source, name: &str) -> Result<Theme, (SourceFiles, Vec<Diagnostic>)> {
    let files = files(source, name).map_err(|d| (SourceFiles::new(), vec![d]))?;
    let mut hasher = blake3::Hasher::new();
    for (path, bytes) in &files {
        hasher.update(path.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    let mut diagnostics = Vec::new();
    let mut sources = SourceFiles::new();

    let mut strings =
        parse_strings(files.get("strings.toml"), "themes/default/strings.toml", &mut sources, &mut diagnostics);
    if let Some(bytes) = files.get("strings.override.toml") {
        let path = format!("themes/{name}/strings.toml");
        let overrides = parse_strings(Some(bytes), &path, &mut sources, &mut diagnostics);
        merge(&mut strings, overrides);
    }

    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let templates: Vec<(String, String)> = files
        .iter()
        .filter_map(|(path, bytes)| {
            let template = path.strip_prefix("templates/")?;
            let text = String::from_utf8_lossy(bytes).into_owned();
            sources.add(format!("themes/{name}/{path}"), text.as_str());
            Some((template.to_string(), text))
        })
        .collect();
    if let Err(error) = tera.add_raw_templates(templates) {
        diagnostics.extend(template_errors(&sources, "kunde inte läsa temats mallar", &error));
    }

    let statics = files
        .iter()
        .filter_map(|(path, bytes)| Some((path.strip_prefix("static/")?.to_string(), bytes.clone())))
        .collect();
    let typst = files
        .iter()
        .filter(|(path, _)| path.starts_with("typst/") || path.starts_with("fonts/"))
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect();
    if !diagnostics.is_empty() {
        return Err((sources, diagnostics));
    }
    Ok(Theme { tera, strings, statics, typst, fingerprint: hasher.finalize(), templates: sources })
}

/// A strings.toml as JSON; a fault in it is a diagnostic at its place (its text joins
/// `sources`, so that the diagnostic can show it).
fn parse_strings(
    bytes: Option<&Vec<u8>>,
    path: &str,
    sources: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> serde_json::Value {
    let Some(bytes) = bytes else { return serde_json::Value::Object(Default::default()) };
    let text = String::from_utf8_lossy(bytes);
    match toml::from_str::<toml::Table>(&text) {
        Ok(table) => serde_json::to_value(table).unwrap_or_default(),
        Err(error) => {
            let file = sources.add(path, &*text);
            diagnostics.push(crate::load::decode::syntax_diagnostic(file, &text, &error));
            serde_json::Value::Object(Default::default())
        }
    }
}

fn merge(base: &mut serde_json::Value, overrides: serde_json::Value) {
    match (base, overrides) {
        (serde_json::Value::Object(base), serde_json::Value::Object(overrides)) => {
            for (key, value) in overrides {
                match base.get_mut(&key) {
                    Some(existing) if existing.is_object() && value.is_object() => merge(existing, value),
                    _ => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, overrides) => *base = overrides,
    }
}

/// A string from strings.toml by dotted path ("status.open"), or the path itself if missing
/// (a visible gap is better than a crash or an empty label).
pub fn string(strings: &serde_json::Value, path: &str) -> String {
    let mut node = strings;
    for part in path.split('.') {
        match node.get(part) {
            Some(next) => node = next,
            None => return path.to_string(),
        }
    }
    node.as_str().map_or_else(|| path.to_string(), str::to_string)
}

/// HTML escaping for text and attribute values: the five characters that can end a text
/// or a quoted attribute (`'` too, for attributes a theme quotes with it). `/` is left
/// alone, so links stay readable.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // The five characters are ASCII, so runs between them can be copied whole.
    let mut copied = 0;
    for (at, byte) in input.bytes().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&input.as_bytes()[copied..at])?;
        out.write_all(entity)?;
        copied = at + 1;
    }
    out.write_all(&input.as_bytes()[copied..])
}

#[cfg(test)]
mod tests {
    fn escape_html(input: &str) -> String {
        let mut out = Vec::new();
        super::escape_html(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("Ärende <b>\"Å\" & 'ö'</b> 1/2 – §\u{a0}4"),
            "Ärende &lt;b&gt;&quot;Å&quot; &amp; &#39;ö&#39;&lt;/b&gt; 1/2 – §\u{a0}4"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
    }
}
