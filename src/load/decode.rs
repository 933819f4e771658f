//! One TOML file's text → one raw struct, with every fault reported, not just the first.
//!
//! Three passes over the text:
//! 1. toml's recoverable parser gives a span-carrying document and all syntax errors;
//! 2. the document is walked beside the JSON Schema of the target type, reporting each
//!    unknown key and each value outside an allowed list, with a "menade du …?" hint;
//! 3. serde decodes the document. Its first error is reported, the offending value is
//!    removed, and decoding is retried, so one bad value doesn't hide the rest.
//!
//! serde's messages are English; `translate` words the common ones in Swedish.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Location};

/// The outcome of decoding one file: the value when serde could build one (possibly from a
/// document with faults removed), and every diagnostic.
pub(crate) struct Decoded<T> {
    pub(crate) value: Option<T>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Decodes `text` into `T`, checking keys and allowed values against `schema` (the JSON
/// Schema generated from `T`).
pub(crate) fn decode<T: DeserializeOwned>(file: FileId, text: &str, schema: &Json) -> Decoded<T> {
    let mut diagnostics = Vec::new();
    let (mut doc, syntax_errors) = DeTable::parse_recoverable(text);
    let doc_span = doc.span();
    // Spans already reported: serde errors inside them are consequences, not news.
    let mut reported: Vec<Range<usize>> = Vec::new();
    for error in &syntax_errors {
        let diagnostic = syntax_diagnostic(file, text, error);
        if let Some(span) = diagnostic.location.as_ref().and_then(|l| l.span.clone()) {
            reported.push(span);
        }
        diagnostics.push(diagnostic);
    }

    let walker = SchemaWalker { root: schema };
    let mut shape = Vec::new();
    walker.check_table(doc.get_ref(), &doc_span, schema, &mut shape);
    // Keys an unknown key probably meant: `titel` (unknown) explains `title` (missing).
    let mut meant: Vec<RemovedKey> = Vec::new();
    let mut removed: Vec<RemovedKey> = Vec::new();
    for fault in shape {
        if let Some(key) = &fault.meant {
            meant.push((fault.table.clone(), key.clone()));
        }
        if let Some(replacement) = &fault.replace_with {
            // A value outside its allowed list: put an allowed one in its place, so that
            // neither serde nor the model reports the same fault again as something else.
            replace_at(doc.get_mut(), &fault.span, replacement);
        }
        reported.push(fault.span.clone());
        diagnostics.push(fault.into_diagnostic(file));
    }

    // Each round either succeeds or removes one node, so this ends; the bound is a guard.
    for _ in 0..10_000 {
        let attempt = toml::de::Deserializer::from(doc.clone());
        match T::deserialize(attempt) {
            Ok(value) => return Decoded { value: Some(value), diagnostics },
            Err(error) => {
                let span = error.span().unwrap_or(doc_span.clone());
                let message = error.message().to_string();
                let consequence = match missing_field(&message) {
                    // Missing because its value was bad (and removed), misspelt, or lost in a
                    // syntax error: reported already.
                    Some(key) => {
                        removed.iter().chain(&meant).any(|(table, k)| k == key && *table == span)
                            || reported.iter().any(|r| contains(&span, r))
                    }
                    None => reported.iter().any(|r| overlaps(r, &span)),
                };
                if !consequence {
                    diagnostics.push(serde_diagnostic(file, &span, &doc_span, &message));
                    reported.push(span.clone());
                }
                if !remove_at(doc.get_mut(), &doc_span, &span, &mut removed) {
                    return Decoded { value: None, diagnostics };
                }
            }
        }
    }
    Decoded { value: None, diagnostics }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

// ---------------------------------------------------------------------------------------
// Removing a faulty node

/// A key removed from a table: the table's span and the key.
type RemovedKey = (Range<usize>, String);

enum Found {
    Removed,
    RemoveMe,
    No,
}

/// Removes the node whose span is `span`, or else the smallest node containing it. Array
/// of tables spans do not enclose their elements, so the whole tree is searched. Returns
/// false when nothing but the whole document could be removed.
fn remove_at(
    table: &mut DeTable<'_>,
    doc_span: &Range<usize>,
    span: &Range<usize>,
    removed: &mut Vec<RemovedKey>,
) -> bool {
    matches!(remove_in_table(table, doc_span, span, removed), Found::Removed)
}

/// Replaces the string value at `span` with `replacement`.
fn replace_at(table: &mut DeTable<'_>, span: &Range<usize>, replacement: &str) {
    fn visit(value: &mut Spanned<DeValue<'_>>, span: &Range<usize>, replacement: &str) -> bool {
        if value.span() == *span
            && let DeValue::String(s) = value.get_mut()
        {
            *s = std::borrow::Cow::Owned(replacement.to_string());
            return true;
        }
        match value.get_mut() {
            DeValue::Table(table) => table.iter_mut().any(|(_, v)| visit(v, span, replacement)),
            DeValue::Array(array) => (0..array.len()).any(|i| visit(&mut (**array)[i], span, replacement)),
            _ => false,
        }
    }
    for (_, value) in table.iter_mut() {
        if visit(value, span, replacement) {
            return;
        }
    }
}

fn remove_in_table(
    table: &mut DeTable<'_>,
    table_span: &Range<usize>,
    span: &Range<usize>,
    removed: &mut Vec<RemovedKey>,
) -> Found {
    let mut doomed: Option<String> = None;
    for (key, value) in table.iter_mut() {
        if key.span() == *span {
            doomed = Some(key.get_ref().to_string());
            break;
        }
        match remove_in_value(value, span, removed) {
            Found::Removed => return Found::Removed,
            Found::RemoveMe => {
                doomed = Some(key.get_ref().to_string());
                break;
            }
            Found::No => {}
        }
    }
    match doomed {
        Some(name) => {
            let old = std::mem::take(table);
            *table = old.into_iter().filter(|(k, _)| k.get_ref().as_ref() != name).collect();
            removed.push((table_span.clone(), name));
            Found::Removed
        }
        None => Found::No,
    }
}

fn remove_in_value(value: &mut Spanned<DeValue<'_>>, span: &Range<usize>, removed: &mut Vec<RemovedKey>) -> Found {
    let own = value.span();
    if own == *span {
        return Found::RemoveMe;
    }
    let inner = match value.get_mut() {
        DeValue::Table(table) => remove_in_table(table, &own, span, removed),
        DeValue::Array(array) => {
            let mut result = Found::No;
            for i in 0..array.len() {
                match remove_in_value(&mut (**array)[i], span, removed) {
                    Found::Removed => {
                        result = Found::Removed;
                        break;
                    }
                    Found::RemoveMe => {
                        let old = std::mem::replace(array, toml::de::DeArray::new());
                        *array = old.into_iter().enumerate().filter(|(j, _)| *j != i).map(|(_, v)| v).collect();
                        result = Found::Removed;
                        break;
                    }
                    Found::No => {}
                }
            }
            result
        }
        _ => Found::No,
    };
    match inner {
        Found::No if contains(&own, span) => Found::RemoveMe,
        other => other,
    }
}

// ---------------------------------------------------------------------------------------
// The schema walk: unknown keys and values outside an allowed list

struct ShapeFault {
    span: Range<usize>,
    /// The span of the table the fault is in.
    table: Range<usize>,
    /// For an unknown key: the allowed key it probably meant.
    meant: Option<String>,
    /// An allowed value to put in place of a value outside its allowed list.
    replace_with: Option<String>,
    message: String,
    label: String,
    hint: String,
}

impl ShapeFault {
    fn into_diagnostic(self, file: FileId) -> Diagnostic {
        Diagnostic::error(self.message).at(Location::new(file, self.span)).with_label(self.label).with_hint(self.hint)
    }
}

struct SchemaWalker<'s> {
    root: &'s Json,
}

/// What a schema node allows, flattened over `$ref`, `anyOf`, `oneOf` and `allOf`.
#[derive(Default)]
struct Allowed<'s> {
    properties: Vec<(&'s str, &'s Json)>,
    closed: bool,
    items: Vec<&'s Json>,
    values: Vec<&'s str>,
    any_string: bool,
}

impl<'s> SchemaWalker<'s> {
    fn resolve(&self, node: &'s Json) -> &'s Json {
        let mut node = node;
        for _ in 0..32 {
            let Some(reference) = node.get("$ref").and_then(Json::as_str) else { break };
            let Some(name) = reference.strip_prefix("#/$defs/") else { break };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => node = target,
                None => break,
            }
        }
        node
    }

    fn allowed(&self, node: &'s Json) -> Allowed<'s> {
        let mut allowed = Allowed::default();
        self.collect(node, &mut allowed, 0);
        allowed
    }

    fn collect(&self, node: &'s Json, allowed: &mut Allowed<'s>, depth: usize) {
        if depth > 16 {
            return;
        }
        let node = self.resolve(node);
        if let Some(props) = node.get("properties").and_then(Json::as_object) {
            allowed.properties.extend(props.iter().map(|(k, v)| (k.as_str(), v)));
            if node.get("additionalProperties") == Some(&Json::Bool(false)) {
                allowed.closed = true;
            }
        }
        if let Some(items) = node.get("items") {
            allowed.items.push(items);
        }
        if let Some(values) = node.get("enum").and_then(Json::as_array) {
            allowed.values.extend(values.iter().filter_map(Json::as_str));
        }
        if let Some(value) = node.get("const").and_then(Json::as_str) {
            allowed.values.push(value);
        }
        let is_string = match node.get("type") {
            Some(Json::String(t)) => t == "string",
            Some(Json::Array(ts)) => ts.iter().any(|t| t == "string"),
            _ => false,
        };
        if is_string && node.get("enum").is_none() {
            allowed.any_string = true;
        }
        for combinator in ["anyOf", "oneOf", "allOf"] {
            if let Some(alternatives) = node.get(combinator).and_then(Json::as_array) {
                for alternative in alternatives {
                    self.collect(alternative, allowed, depth + 1);
                }
            }
        }
    }

    fn check_table(&self, table: &DeTable<'_>, span: &Range<usize>, schema: &'s Json, out: &mut Vec<ShapeFault>) {
        let allowed = self.allowed(schema);
        for (key, value) in table {
            let name: &str = key.get_ref();
            match allowed.properties.iter().find(|(k, _)| *k == name) {
                Some((_, property)) => self.check_value(value, property, out),
                None if allowed.closed => out.push(unknown_key(name, key.span(), span, &allowed)),
                None => {}
            }
        }
    }

    fn check_value(&self, value: &Spanned<DeValue<'_>>, schema: &'s Json, out: &mut Vec<ShapeFault>) {
        match value.get_ref() {
            DeValue::Table(table) => self.check_table(table, &value.span(), schema, out),
            DeValue::Array(array) => {
                let allowed = self.allowed(schema);
                for item_schema in allowed.items {
                    for element in array {
                        self.check_value(element, item_schema, out);
                    }
                }
            }
            DeValue::String(s) => {
                let allowed = self.allowed(schema);
                if !allowed.values.is_empty() && !allowed.any_string && !allowed.values.contains(&s.as_ref()) {
                    out.push(unknown_value(s, value.span(), &allowed.values));
                }
            }
            _ => {}
        }
    }
}

fn unknown_key(name: &str, span: Range<usize>, table: &Range<usize>, allowed: &Allowed<'_>) -> ShapeFault {
    let keys: Vec<&str> = allowed.properties.iter().map(|(k, _)| *k).collect();
    let meant = suggest(name, &keys);
    let hint = match meant {
        Some(best) => format!("menade du `{best}`?"),
        None => format!("tillåtna nycklar här: {}", quoted_list(&keys)),
    };
    ShapeFault {
        span,
        table: table.clone(),
        meant: meant.map(str::to_string),
        replace_with: None,
        message: format!("okänd nyckel `{name}`"),
        label: "okänd nyckel".into(),
        hint,
    }
}

fn unknown_value(value: &str, span: Range<usize>, values: &[&str]) -> ShapeFault {
    let best = suggest(value, values);
    let replace_with = best.or(values.first().copied()).map(str::to_string);
    let hint = match best {
        Some(best) => format!("menade du \"{best}\"?"),
        None => {
            format!("tillåtna värden: {}", values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", "))
        }
    };
    ShapeFault {
        span,
        table: 0..0,
        meant: None,
        replace_with,
        message: format!("okänt värde \"{value}\""),
        label: "inte ett tillåtet värde".into(),
        hint,
    }
}

fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// Swedish words a secretary may write for our English keys.
const SWEDISH_KEYS: &[(&str, &str)] = &[
    ("titel", "title"),
    ("rubrik", "title"),
    ("beslut", "decision"),
    ("förslag", "proposal"),
    ("beskrivning", "description"),
    ("ärendebeskrivning", "description"),
    ("föredragande", "presenter"),
    ("bilaga", "attachment"),
    ("bilagor", "attachment"),
    ("datum", "date"),
    ("plats", "place"),
    ("ordförande", "chair"),
    ("sekreterare", "secretary"),
    ("justerare", "adjusters"),
    ("nummer", "number"),
    ("paragraf", "number"),
    ("ärende", "item"),
    ("uppdrag", "assignment"),
    ("belopp", "money"),
    ("namn", "name"),
    ("roll", "role"),
    ("person", "person"),
    ("kommun", "municipality"),
    ("mål", "goal"),
    ("aktivitet", "activity"),
    ("ansvarig", "responsible"),
    ("när", "when"),
    ("hur", "how"),
    ("vad", "what"),
    ("slutdatum", "deadline"),
    ("deadline", "deadline"),
    ("sekretess", "public"),
    ("utgår", "withdrawn"),
    ("hänvisning", "reference"),
    ("start", "start"),
    ("slut", "end"),
    ("sluttid", "end"),
    ("starttid", "start"),
];

/// The closest allowed word, if one is close enough to be what was meant.
pub(crate) fn suggest<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = written.to_lowercase();
    if let Some((_, english)) = SWEDISH_KEYS.iter().find(|(sv, _)| *sv == lower)
        && let Some(found) = candidates.iter().find(|c| *c == english)
    {
        return Some(found);
    }
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

// ---------------------------------------------------------------------------------------
// Messages

fn syntax_diagnostic(file: FileId, text: &str, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim();
    let token = token_at(text, span.start);
    let location = Location::new(file, span.clone());
    if looks_like_date(token) {
        return Diagnostic::error(format!("ogiltigt datum `{token}`"))
            .at(Location::new(file, span.start..span.start + token.len()))
            .with_label("inte ett datum")
            .with_hint("skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-06-15");
    }
    let first_line = message.lines().next().unwrap_or(message);
    Diagnostic::error(format!("TOML-syntaxfel: {first_line}"))
        .at(location)
        .with_hint("se innehållsguiden (docs/content-guide.md) för hur en källfil skrivs")
}

/// The bare token starting at `offset`: up to whitespace, `,`, `]`, `}` or `#`.
fn token_at(text: &str, offset: usize) -> &str {
    let Some(rest) = text.get(offset..) else { return "" };
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | '#')).unwrap_or(rest.len());
    &rest[..end]
}

fn looks_like_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn serde_diagnostic(file: FileId, span: &Range<usize>, doc_span: &Range<usize>, message: &str) -> Diagnostic {
    let whole_file = span == doc_span || span.start == span.end && span.start == 0;
    let location = if whole_file { Location::file(file) } else { Location::new(file, span.clone()) };
    let (message, label, hint) = translate(message);
    let mut diagnostic = Diagnostic::error(message).at(location);
    if let Some(label) = label {
        diagnostic = diagnostic.with_label(label);
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// serde's English messages, worded for the secretary: (message, label, hint).
fn translate(message: &str) -> (String, Option<String>, Option<String>) {
    if let Some(key) = missing_field(message) {
        return (
            format!("nyckeln `{key}` saknas"),
            Some(format!("här behövs `{key}`")),
            Some(format!("lägg till `{key} = …` (se innehållsguiden)")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return (
            format!("fel typ av värde: {}", type_word(found)),
            Some(format!("väntade {}", type_word(expected))),
            None,
        );
    }
    if message.starts_with("invalid length") {
        return ("fel antal värden".into(), None, None);
    }
    if message.contains("untagged enum RawPresenter") {
        return (
            "ogiltig föredragande".into(),
            Some("väntade ett person-id eller en gäst".into()),
            Some("skriv `presenter = \"person-id\"` eller `presenter = { name = \"…\", organisation = \"…\" }`".into()),
        );
    }
    match message {
        "expected a date" => (
            "ogiltigt datum".into(),
            Some("inte ett datum".into()),
            Some("skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-06-15".into()),
        ),
        "expected a time" => (
            "ogiltigt klockslag".into(),
            Some("inte ett klockslag".into()),
            Some("skriv klockslag som TT:MM:SS utan citattecken, t.ex. 08:30:00".into()),
        ),
        "expected a number" => ("ogiltigt tal".into(), Some("väntade ett tal".into()), None),
        _ => (message.to_string(), None, None),
    }
}

/// serde's type descriptions in Swedish: "a string" → "text", "integer `3`" → "heltal `3`".
fn type_word(text: &str) -> String {
    let (kind, rest) = match text.find(" `") {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let word = match kind.trim() {
        "a string" | "string" | "a borrowed string" => "text",
        "integer" | "i64" | "an integer" | "u64" | "i32" | "u32" => "heltal",
        "floating point" | "f64" | "a float" | "float" => "decimaltal",
        "boolean" | "a boolean" | "bool" => "true eller false",
        "sequence" | "a sequence" | "an array" | "array" => "en lista [ … ]",
        "map" | "a map" | "table" | "a table" => "en tabell",
        "struct RawMeeting" | "struct" => "en tabell",
        "a date" | "datetime" | "a datetime" => "ett datum",
        other if other.starts_with("struct ") => "en tabell",
        other if other.starts_with("enum ") || other.starts_with("variant identifier") => "ett av de tillåtna värdena",
        other => other,
    };
    format!("{word}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_and_swedish_synonyms() {
        assert_eq!(suggest("titel", &["number", "title"]), Some("title"));
        assert_eq!(suggest("decison", &["decision", "description"]), Some("decision"));
        assert_eq!(suggest("beslut", &["decision", "description"]), Some("decision"));
        assert_eq!(suggest("xyzzy", &["decision", "description"]), None);
    }

    #[test]
    fn recognises_date_like_tokens() {
        assert!(looks_like_date("203-06-15"));
        assert!(!looks_like_date("kansli"));
        assert_eq!(token_at("deadline = 203-06-15\n", 11), "203-06-15");
    }
}
