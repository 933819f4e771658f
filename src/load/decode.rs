//! One TOML file's text → one raw struct, with every fault reported, not just the first.
//!
//! Three passes over the text:
//! 1. toml's recoverable parser gives a span-carrying document and every syntax error;
//! 2. the document is walked beside the JSON Schema of the target type (as an editor's
//!    TOML tooling does), reporting unknown keys (with "menade du …?"), values outside an
//!    allowed list, values of the wrong type and missing required keys. Each fault is
//!    *repaired* in the document — a misspelt key renamed, an allowed value or a
//!    placeholder put in — so that the later passes see the whole file;
//! 3. serde decodes the repaired document. Should it still fail, its error is reported,
//!    the offending value removed, and decoding retried.
//!
//! The spans of every reported and repaired place are handed on, so that the model does
//! not report the same place again as something else (a placeholder date is not "another
//! day than the file name"). serde's messages are English; `translate` words them in Swedish.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock, RwLock};

use rustc_hash::FxHashMap;

use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Location};

/// The outcome of decoding one file.
pub(crate) struct Decoded<T> {
    /// The value, when one could be built (possibly from a repaired document).
    pub(crate) value: Option<T>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Places already reported: later diagnostics there are consequences, not news.
    pub(crate) reported: Vec<Range<usize>>,
    /// Values may be missing: lost in a syntax error, or removed because they could not
    /// be decoded.
    pub(crate) incomplete: bool,
}

/// Decodes `text` into `T`, checking it against `schema` (the JSON Schema of `T`).
pub(crate) fn decode<T: DeserializeOwned>(file: FileId, text: &str, schema: &'static Json) -> Decoded<T> {
    let (mut doc, syntax_errors) = DeTable::parse_recoverable(text);
    let doc_span = doc.span();
    let lossy = !syntax_errors.is_empty();
    let mut out = Faults {
        file,
        doc_span: doc_span.clone(),
        lossy,
        diagnostics: Vec::new(),
        reported: Vec::new(),
        misplaced: Vec::new(),
        syntax_lines: Vec::new(),
        invalid_keys: Vec::new(),
        single_headers: Vec::new(),
    };
    // After a list, table or text left open, the parser reads on inside it: what it and
    // the schema find after that point only repeats the one fault.
    let derailer = syntax_errors.iter().position(|e| derails(e.message()));
    // A text on several lines whose closing quotes are missing ends at the next text's
    // opening quotes instead, and the parser reads that text as keys: one fault.
    let first_error = syntax_errors.iter().filter_map(|e| e.span()).map(|s| s.start).min();
    let misclosed = first_error.and_then(|at| Misclosed::before(text, at));
    // Where each line starts, in bytes (a span from the parser need not fall on a
    // character boundary); only a file with syntax errors needs it.
    let newlines: Vec<usize> = if syntax_errors.is_empty() {
        Vec::new()
    } else {
        text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1).collect()
    };
    let line_start = |offset: usize| match newlines.partition_point(|&start| start <= offset) {
        0 => 0,
        n => newlines[n - 1],
    };
    // From the start of its line: the line's own key or header is part of the fault.
    let cutoff = match &misclosed {
        Some(misclosed) => Some(line_start(misclosed.open.start)),
        None => derailer.and_then(|i| syntax_errors[i].span()).map(|s| line_start(s.start)),
    };
    // One syntax error a line: a second one on the same line follows from the first. By
    // the start of each line with a syntax error: the index of its one diagnostic.
    let mut lines: FxHashMap<usize, usize> = FxHashMap::default();
    let mut derailer_index = None;
    if let Some(misclosed) = &misclosed {
        out.diagnostics.push(misclosed.diagnostic(file, text));
        out.reported.push(misclosed.open.start..text.len());
        derailer_index = Some(0);
    }
    for (i, error) in syntax_errors.iter().enumerate() {
        if misclosed.is_some() && error.span().is_some_and(|s| Some(s.start) >= cutoff) {
            continue;
        }
        let diagnostic = syntax_diagnostic(file, text, error);
        let span = diagnostic.location.as_ref().and_then(|l| l.span.clone()).unwrap_or(0..0);
        out.reported.push(span.clone());
        let start = line_start(span.start);
        let end = text.get(start..).and_then(|rest| rest.find('\n')).map_or(text.len(), |n| start + n);
        out.syntax_lines.push(start..end);
        let index = *lines.entry(start).or_insert_with(|| {
            out.diagnostics.push(diagnostic);
            out.diagnostics.len() - 1
        });
        if matches!(described(error.message()).0, "invalid unquoted key" | "invalid key") {
            out.invalid_keys.push((start..end, index));
        }
        if Some(i) == derailer {
            // The line's first error stays, whichever of its errors derails the parser.
            derailer_index = Some(index);
        }
    }
    // The recovered document may lack values lost in a syntax error; then "missing key"
    // would only repeat the syntax error.
    let report_missing = syntax_errors.is_empty();

    let walker = Walker { root: schema, report_missing, first_header: first_header(doc.get_ref(), text), text };
    walker.table(doc.get_mut(), &doc_span, schema, &Scope::default(), &mut out);
    if let Some(cutoff) = cutoff {
        // The syntax errors come first, in the parser's order.
        let mut index = 0;
        out.diagnostics.retain(|d| {
            let keep = Some(index) == derailer_index
                || d.location.as_ref().and_then(|l| l.span.as_ref()).is_none_or(|span| span.start < cutoff);
            index += 1;
            keep
        });
        // Later stages' diagnostics there go too.
        out.reported.push(cutoff..text.len().max(cutoff + 1));
    }
    // After `[item]`, every `[[item]]` is a duplicate to the parser: the one fault is the
    // first header.
    if !out.single_headers.is_empty() {
        let headers: Vec<String> = out.single_headers.iter().map(|name| format!("[[{name}]]")).collect();
        out.diagnostics.retain(|d| {
            let line = d.location.as_ref().and_then(|l| l.span.clone()).map(|span| line_at(text, span.start));
            !(d.message == DUPLICATE_KEY && line.is_some_and(|line| headers.iter().any(|h| h == line.trim())))
        });
    }

    // Each round either succeeds or removes one node, so this ends; the bound is a guard.
    for round in 0..10_000 {
        match T::deserialize(toml::de::Deserializer::from(doc.clone())) {
            Ok(value) => {
                let incomplete = lossy || round > 0;
                return Decoded {
                    value: Some(value),
                    diagnostics: out.diagnostics,
                    reported: out.reported,
                    incomplete,
                };
            }
            Err(error) => {
                let span = error.span().unwrap_or(doc_span.clone());
                // Without a place, after syntax errors, it is about a value they lost; so is
                // a missing key after syntax errors, or after a round removed a value (the
                // walk reports the keys really missing, and fills them in); and anything
                // on a line with a syntax error.
                let missing = error.message().starts_with("missing field");
                let lost = ((lossy || round > 0) && (span == doc_span || missing))
                    || out.syntax_lines.iter().any(|line| contains(line, &span));
                if !lost && !out.reported.iter().any(|r| overlaps(r, &span)) {
                    out.diagnostics.push(serde_diagnostic(file, &span, &doc_span, error.message()));
                }
                out.reported.push(span.clone());
                if !remove_at(doc.get_mut(), &span) {
                    break;
                }
            }
        }
    }
    Decoded { value: None, diagnostics: out.diagnostics, reported: out.reported, incomplete: true }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Overlap, counting an empty range as the position it marks.
pub(crate) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

struct Faults {
    file: FileId,
    doc_span: Range<usize>,
    /// The file has syntax errors: a value without a place of its own is one they lost.
    lossy: bool,
    diagnostics: Vec<Diagnostic>,
    reported: Vec<Range<usize>>,
    /// Keys written under a header below the table they belong to, by that table's
    /// `Scope` (its address): the table does not report them missing as well.
    misplaced: Vec<(usize, String)>,
    /// The lines with a syntax error: what the walk finds within one follows from it
    /// ("1 200 000 kr" is not also a text where a number belongs).
    syntax_lines: Vec<Range<usize>>,
    /// Lines whose key the parser cannot read (`föredragande = …`), with the index of
    /// that diagnostic: the walk's unknown key there says more ("menade du `presenter`?")
    /// and takes its place.
    invalid_keys: Vec<(Range<usize>, usize)>,
    /// Names written `[item]` where `[[item]]` belongs.
    single_headers: Vec<String>,
}

impl Faults {
    fn push(&mut self, span: Range<usize>, message: String, label: String, hint: String) {
        if message.starts_with("okänd nyckel")
            && let Some(i) = self.invalid_keys.iter().position(|(line, _)| contains(line, &span))
        {
            let (_, index) = self.invalid_keys.swap_remove(i);
            self.diagnostics[index] =
                Diagnostic::error(message).at(Location::new(self.file, span.clone())).with_label(label).with_hint(hint);
            self.reported.push(span);
            return;
        }
        if (self.lossy && span == self.doc_span) || self.syntax_lines.iter().any(|line| contains(line, &span)) {
            // Not shown, but reported all the same, as in the serde pass.
            self.reported.push(span);
            return;
        }
        let location =
            if span == self.doc_span { Location::file(self.file) } else { Location::new(self.file, span.clone()) };
        let mut diagnostic = Diagnostic::error(message).at(location).with_hint(hint);
        if span != self.doc_span {
            diagnostic = diagnostic.with_label(label);
        }
        self.diagnostics.push(diagnostic);
        self.reported.push(span);
    }
}

// ---------------------------------------------------------------------------------------
// The schema walk

struct Walker<'s: 'static, 't> {
    root: &'s Json,
    report_missing: bool,
    /// The file's first `[…]` or `[[…]]` header: a key of the file's start goes above it.
    first_header: Option<String>,
    /// The file, to quote a value as written.
    text: &'t str,
}

/// The first header of the file, as written there ("[[attendee]]").
fn first_header(doc: &DeTable<'_>, text: &str) -> Option<String> {
    let mut first: Option<usize> = None;
    for (_, value) in doc.iter() {
        let starts: Vec<usize> = match value.get_ref() {
            DeValue::Table(_) => vec![value.span().start],
            DeValue::Array(items) => items.iter().map(|item| item.span().start).collect(),
            _ => continue,
        };
        // A header's table starts at its `[`; an inline table (`{`) or a dotted key does not.
        for start in starts.into_iter().filter(|&start| text.as_bytes().get(start) == Some(&b'[')) {
            first = Some(first.map_or(start, |f| f.min(start)));
        }
    }
    let line = text[first?..].lines().next()?;
    let header = line.split('#').next()?.trim();
    Some(header.to_string())
}

/// Flattened schema nodes, by address (see `Walker::allowed`).
static ALLOWED: LazyLock<RwLock<FxHashMap<usize, Arc<Allowed<'static>>>>> = LazyLock::new(Default::default);

/// Where in the document a table is: its key, whether it is an array of tables, and its
/// parent with the keys the parent allows, so that a key written under the wrong header
/// can be placed. The header ("[[item.attachment]]") is put together only for a message.
#[derive(Default)]
struct Scope<'a> {
    /// The table's key in its parent; none for the document itself.
    key: Option<&'a str>,
    /// `[[…]]` (an array of tables) rather than `[…]`.
    array: bool,
    parent: Option<(&'a Scope<'a>, &'a [(&'static str, &'static Json)])>,
}

impl Scope<'_> {
    /// "[item.attachment]" or "[[item.attachment]]".
    fn header(&self) -> String {
        let mut keys = Vec::new();
        let mut scope = Some(self);
        while let Some(here) = scope {
            keys.extend(here.key);
            scope = here.parent.map(|(parent, _)| parent);
        }
        keys.reverse();
        let path = keys.join(".");
        if self.array { format!("[[{path}]]") } else { format!("[{path}]") }
    }

    /// The nearest table above this one that allows `key`, with its child on the way
    /// down to this one.
    fn owner_of(&self, key: &str) -> Option<(&Scope<'_>, &Scope<'_>)> {
        let mut child = self;
        while let Some((parent, keys)) = child.parent {
            if keys.iter().any(|(k, _)| *k == key) {
                return Some((parent, child));
            }
            child = parent;
        }
        None
    }
}

/// What a schema node allows, flattened over `$ref`, `anyOf`, `oneOf` and `allOf`.
#[derive(Default)]
struct Allowed<'s> {
    properties: Vec<(&'s str, &'s Json)>,
    /// `properties` by name.
    by_name: FxHashMap<&'s str, &'s Json>,
    required: Vec<&'s str>,
    closed: bool,
    items: Vec<&'s Json>,
    values: Vec<&'s str>,
    types: Vec<&'s str>,
    example: Option<&'s str>,
}

impl Allowed<'_> {
    fn accepts(&self, kind: &str) -> bool {
        self.types.is_empty()
            || self.types.contains(&kind)
            || (kind == "integer" && self.types.contains(&"number"))
            || (kind == "datetime" && self.types.contains(&"string"))
    }
}

impl<'s: 'static> Walker<'s, '_> {
    /// For a Swedish word whose key belongs at the file's start ("beslutande" →
    /// `attendee`): how that is written, as a hint.
    fn key_of_the_start(&self, written: &str) -> Option<String> {
        let lower = written.to_lowercase();
        let (_, english) = SWEDISH_KEYS.iter().find(|(sv, _)| *sv == lower)?;
        let property = *self.allowed(self.root).by_name.get(english)?;
        let allowed = self.allowed(property);
        let tables = allowed.types.contains(&"array")
            && allowed.items.first().is_some_and(|item| self.allowed(item).types.contains(&"object"));
        Some(if tables {
            format!(
                "\"{written}\" skrivs [[{english}]]: en tabell för var och en, som börjar med en egen rad [[{english}]]"
            )
        } else {
            format!("\"{written}\" skrivs `{english}` och hör till filens början, ovanför den första tabellen")
        })
    }

    /// The list of tables among `allowed`'s keys whose tables have the key `name`
    /// ("reference" is a key of each `[[item]]`), and whether that key is itself a list
    /// of tables: where a key written outside them belongs.
    fn child_holding(&self, allowed: &Allowed<'s>, name: &str) -> Option<(&'s str, bool)> {
        allowed.properties.iter().find_map(|(key, node)| {
            let child = self.allowed(node);
            let inner = child.items.iter().find_map(|items| self.allowed(items).by_name.get(name).copied())?;
            Some((*key, self.allowed(inner).types.contains(&"array")))
        })
    }

    fn resolve(&self, node: &'s Json) -> &'s Json {
        let mut node = node;
        for _ in 0..32 {
            let Some(name) = node.get("$ref").and_then(Json::as_str).and_then(|r| r.strip_prefix("#/$defs/")) else {
                break;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => node = target,
                None => break,
            }
        }
        node
    }

    /// What `node` allows. Schemas live for the whole process, so each node is flattened
    /// once and shared by every file and thread (the walk asks for the same nodes for
    /// every table of every file).
    fn allowed(&self, node: &'s Json) -> Arc<Allowed<'s>> {
        let key = node as *const Json as usize;
        if let Some(found) = ALLOWED.read().ok().and_then(|memo| memo.get(&key).cloned()) {
            return found;
        }
        let mut allowed = Allowed::default();
        self.collect(node, &mut allowed, 0);
        allowed.by_name = allowed.properties.iter().copied().collect();
        let allowed = Arc::new(allowed);
        if let Ok(mut memo) = ALLOWED.write() {
            memo.insert(key, Arc::clone(&allowed));
        }
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
        if let Some(required) = node.get("required").and_then(Json::as_array) {
            allowed.required.extend(required.iter().filter_map(Json::as_str));
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
        match node.get("type") {
            Some(Json::String(t)) => allowed.types.push(t),
            Some(Json::Array(ts)) => allowed.types.extend(ts.iter().filter_map(Json::as_str)),
            _ => {}
        }
        if allowed.example.is_none() {
            allowed.example = node.get("examples").and_then(|e| e.get(0)).and_then(Json::as_str);
        }
        for combinator in ["anyOf", "oneOf", "allOf"] {
            if let Some(alternatives) = node.get(combinator).and_then(Json::as_array) {
                for alternative in alternatives {
                    self.collect(alternative, allowed, depth + 1);
                }
            }
        }
    }

    fn table(&self, table: &mut DeTable<'_>, span: &Range<usize>, schema: &'s Json, scope: &Scope, out: &mut Faults) {
        let allowed = self.allowed(schema);
        // Keys its sub-tables find misplaced from here on are this table's (see `misplaced`).
        let mark = out.misplaced.len();
        if allowed.closed {
            let keys: Vec<&str> = allowed.properties.iter().map(|(k, _)| *k).collect();
            let unknown: Vec<(String, Range<usize>)> = table
                .iter()
                .filter(|(k, _)| !keys.contains(&k.get_ref().as_ref()))
                .map(|(k, _)| (k.get_ref().to_string(), k.span()))
                .collect();
            for (name, key_span) in unknown {
                let meant = suggest(&name, &keys);
                // A Swedish word for a key of the file's start ("beslutande" under [[item]]).
                let elsewhere = meant.is_none().then(|| self.key_of_the_start(&name)).flatten();
                let secrecy = keys.contains(&"public") && SECRECY_WORDS.contains(&name.to_lowercase().as_str());
                let hint = match (meant, elsewhere, scope.owner_of(&name)) {
                    // "menade du `public`?" would invite `public = true`: say how it is written.
                    _ if secrecy => {
                        "sekretess skrivs public = false med sekretessgrunden i osl, t.ex. osl = \"21 kap. 1 § OSL\""
                            .to_string()
                    }
                    (Some(best), _, _) => format!("menade du `{best}`?"),
                    (None, Some(how), _) => how,
                    // A key of a table above, written after a sub-table's header: it goes
                    // above that sub-table's header (the file's first, for the file's start).
                    (None, None, Some((owner, child))) => {
                        out.misplaced.push((std::ptr::from_ref(owner) as usize, name.clone()));
                        if owner.key.is_none() {
                            // Above the file's first header, whichever table it is under now.
                            let first = self.first_header.clone().unwrap_or_else(|| child.header());
                            let above = if first.starts_with("[[") { format!("den första {first}") } else { first };
                            format!("`{name}` hör till filens början: flytta raden ovanför {above}")
                        } else {
                            format!("`{name}` hör till {}: flytta raden ovanför {}", owner.header(), child.header())
                        }
                    }
                    (None, None, None) => match self.child_holding(&allowed, &name) {
                        // "[[reference]]" for "[[item.reference]]": a table of the item's.
                        Some((child, true)) => {
                            format!(
                                "`{name}` hör till [[{child}]]: skriv [[{child}.{name}]] efter den [[{child}]] den gäller"
                            )
                        }
                        Some((child, false)) => {
                            format!("`{name}` hör till [[{child}]]: flytta raden till den [[{child}]] den gäller")
                        }
                        None => format!("tillåtna nycklar här: {}", quoted_list(&keys)),
                    },
                };
                out.push(key_span, format!("okänd nyckel `{name}`"), "okänd nyckel".into(), hint);
                // Read a misspelt key as the key it meant, so its value is still checked
                // and a required key is not reported missing as well.
                if let Some(best) = meant.filter(|b| !table.iter().any(|(k, _)| k.get_ref() == b)) {
                    rename(table, &name, best);
                }
            }
        }
        for (key, value) in table.iter_mut() {
            if let Some(property) = allowed.by_name.get(key.get_ref().as_ref()).copied() {
                let child = Scope {
                    key: Some(key.get_ref()),
                    array: matches!(value.get_ref(), DeValue::Array(_)),
                    parent: Some((scope, &allowed.properties)),
                };
                self.value(value, property, &child, out);
            }
        }
        // The document's own span covers the whole file: placeholders there get an empty
        // span at its start, so that they do not hide every later diagnostic of the file.
        let here = if *span == out.doc_span { 0..0 } else { span.clone() };
        for name in &allowed.required {
            if table.iter().any(|(k, _)| k.get_ref() == name) {
                continue;
            }
            let Some(property) = allowed.by_name.get(name).copied() else { continue };
            let this = std::ptr::from_ref(scope) as usize;
            let misplaced = out.misplaced[mark..].iter().any(|(owner, key)| *owner == this && key == name);
            if self.report_missing && !misplaced {
                // A table is written as a header with its keys under it, not `name = …`.
                let inner = self.allowed(property);
                let hint = if inner.types == ["object"] && !inner.required.is_empty() {
                    format!("lägg till tabellen [{name}] med {} (se innehållsguiden)", quoted_list(&inner.required))
                } else {
                    format!("lägg till `{name} = …` (se innehållsguiden)")
                };
                out.push(span.clone(), format!("nyckeln `{name}` saknas"), format!("här behövs `{name}`"), hint);
            }
            out.reported.push(here.clone());
            if let Some(placeholder) = self.placeholder(property, 0) {
                table.insert(
                    Spanned::new(here.clone(), Cow::Owned(name.to_string())),
                    Spanned::new(here.clone(), placeholder),
                );
            }
        }
    }

    fn value(&self, value: &mut Spanned<DeValue<'_>>, schema: &'s Json, scope: &Scope, out: &mut Faults) {
        let allowed = self.allowed(schema);
        let span = value.span();
        let kind = kind_of(value.get_ref());
        if !allowed.accepts(kind) {
            let expected = allowed
                .types
                .iter()
                .filter(|t| **t != "null")
                .map(|t| type_name(t))
                .collect::<Vec<_>>()
                .join(" eller ");
            let written = self.text.get(span.clone()).unwrap_or_default();
            // `[item]` where each item is `[[item]]`: then the parser found every later
            // `[[item]]` a duplicate, which says nothing more (removed in `decode`).
            if let Some(name) = single_header(written).filter(|_| kind == "object" && allowed.types.contains(&"array"))
            {
                let name = name.to_string();
                out.push(
                    span.clone(),
                    format!("[{name}] ska skrivas med dubbla hakparenteser"),
                    "en tabell, men här hör en lista av tabeller hemma".into(),
                    format!("skriv [[{name}]]; var och en börjar med en egen rad [[{name}]]"),
                );
                out.single_headers.push(name);
                if let Some(placeholder) = self.placeholder(schema, 0) {
                    *value = Spanned::new(span, placeholder);
                }
                return;
            }
            // `[[item.follow_up]]` where there is one `[item.follow_up]`.
            if let Some(name) = double_header(written).filter(|_| kind == "array" && allowed.types.contains(&"object"))
            {
                out.push(
                    span.clone(),
                    format!("[[{name}]] ska skrivas med enkla hakparenteser"),
                    "en lista av tabeller, men här hör en tabell hemma".into(),
                    format!("skriv [{name}]; det finns bara en"),
                );
                if let Some(placeholder) = self.placeholder(schema, 0) {
                    *value = Spanned::new(span, placeholder);
                }
                return;
            }
            // A date or a time is a text in the schema, but not to the secretary.
            let (expected, hint) = match allowed.example.map(|example| date_or_time(example, written)) {
                Some((expected, hint)) => (expected.to_string(), hint),
                None => (format!("väntade {expected}"), type_hint(&allowed).to_string()),
            };
            out.push(span.clone(), format!("fel typ av värde: {}", type_name(kind)), expected, hint);
            if let Some(placeholder) = self.placeholder(schema, 0) {
                *value = Spanned::new(span, placeholder);
            }
            return;
        }
        match value.get_mut() {
            DeValue::Table(table) => self.table(table, &span, schema, scope, out),
            DeValue::Array(array) => {
                if let Some(item_schema) = allowed.items.first() {
                    for i in 0..array.len() {
                        self.value(&mut (**array)[i], item_schema, scope, out);
                    }
                }
            }
            DeValue::String(s)
                if !allowed.values.is_empty() && !allowed.types.is_empty() && !allowed.values.contains(&s.as_ref()) =>
            {
                let best = suggest(s, &allowed.values);
                let hint = match best {
                    Some(best) => format!("menade du \"{best}\"?"),
                    None => format!(
                        "tillåtna värden: {}",
                        allowed.values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
                    ),
                };
                out.push(span, format!("okänt värde \"{s}\""), "inte ett tillåtet värde".into(), hint);
                if let Some(replacement) = best.or(allowed.values.first().copied()) {
                    *s = Cow::Owned(replacement.to_string());
                }
            }
            _ => {}
        }
    }

    /// A value of the right shape to stand in for a faulty or missing one.
    fn placeholder(&self, schema: &'s Json, depth: usize) -> Option<DeValue<'static>> {
        let allowed = self.allowed(schema);
        if let Some(value) = allowed.values.first() {
            return Some(DeValue::String(Cow::Owned(value.to_string())));
        }
        if let Some(example) = allowed.example {
            return Some(DeValue::String(Cow::Owned(example.to_string())));
        }
        let kind = allowed.types.iter().copied().find(|t| *t != "null")?;
        Some(match kind {
            "string" => DeValue::String(Cow::Borrowed("")),
            "integer" | "number" => zero(),
            "boolean" => DeValue::Boolean(false),
            "array" => DeValue::Array(DeArray::new()),
            "object" if depth < 8 => {
                let mut table = DeTable::new();
                for name in &allowed.required {
                    let property = *allowed.by_name.get(name)?;
                    let value = self.placeholder(property, depth + 1)?;
                    table.insert(Spanned::new(0..0, Cow::Owned(name.to_string())), Spanned::new(0..0, value));
                }
                DeValue::Table(table)
            }
            _ => return None,
        })
    }
}

/// The integer 0 as a value: toml offers no constructor for integers, so parse one.
fn zero() -> DeValue<'static> {
    match DeTable::parse("v = 0").ok().and_then(|t| t.into_inner().into_iter().next()) {
        Some((_, value)) => value.into_inner(),
        None => DeValue::Boolean(false),
    }
}

fn rename(table: &mut DeTable<'_>, from: &str, to: &str) {
    let old = std::mem::take(table);
    *table = old
        .into_iter()
        .map(
            |(k, v)| if k.get_ref() == from { (Spanned::new(k.span(), Cow::Owned(to.to_string())), v) } else { (k, v) },
        )
        .collect();
}

fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "number",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "object",
    }
}

fn type_name(kind: &str) -> &'static str {
    match kind {
        "string" => "text",
        "integer" => "heltal",
        "number" => "tal",
        "boolean" => "true eller false",
        "datetime" => "datum eller tid",
        "array" => "en lista [ … ]",
        "object" => "en tabell",
        _ => "ett värde",
    }
}

/// For a value where a date or a time belongs (the schema's `example` says which): the
/// label, and a hint with the value as TOML writes it when it can be read ("9.00" →
/// "09:00:00", "20261031" → "2026-10-31").
fn date_or_time(example: &str, written: &str) -> (&'static str, String) {
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    if example.contains(':') {
        let (hours, minutes) = written.split_once(['.', ',']).unwrap_or((written, "00"));
        let number = |s: &str| s.parse::<u8>().ok().filter(|_| !s.is_empty() && s.len() <= 2);
        let hint = match (number(hours), number(minutes)) {
            (Some(h), Some(m)) if h < 24 && m < 60 => {
                let m = if minutes.len() == 1 { m * 10 } else { m };
                format!("skriv klockslag som TT:MM:SS utan citattecken: {h:02}:{m:02}:00")
            }
            _ => format!("skriv klockslag som TT:MM:SS utan citattecken, t.ex. {example}"),
        };
        ("väntade ett klockslag", hint)
    } else {
        let hint = if digits.len() == 8 && digits.len() == written.len() {
            format!("skriv datum som ÅÅÅÅ-MM-DD utan citattecken: {}-{}-{}", &digits[..4], &digits[4..6], &digits[6..])
        } else {
            format!("skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. {example}")
        };
        ("väntade ett datum", hint)
    }
}

fn type_hint(allowed: &Allowed<'_>) -> &'static str {
    match allowed.types.iter().find(|t| **t != "null").copied() {
        Some("string") => "skriv texten inom citattecken: \"…\"",
        Some("integer") => "skriv ett heltal utan citattecken, t.ex. 3",
        Some("number") => "skriv ett tal utan citattecken, t.ex. 12.5",
        Some("boolean") => "skriv true eller false utan citattecken",
        Some("array") => "skriv en lista inom hakparenteser: [\"…\", \"…\"]",
        Some("object") => "skriv en tabell: [namn] på egen rad, eller { nyckel = … }",
        _ => "se innehållsguiden (docs/content-guide.md)",
    }
}

fn quoted_list(items: &[&str]) -> String {
    items.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

/// Swedish words a secretary may write for our English keys.
const SWEDISH_KEYS: &[(&str, &str)] = &[
    ("titel", "title"),
    ("rubrik", "title"),
    ("beslutande", "attendee"),
    ("närvarande", "attendee"),
    ("deltagare", "participant"),
    ("frånvarande", "absentee"),
    ("anmärkning", "note"),
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
    ("kommun", "municipality"),
    ("mål", "goal"),
    ("aktivitet", "activity"),
    ("ansvarig", "responsible"),
    ("när", "when"),
    ("hur", "how"),
    ("vad", "what"),
    ("slutdatum", "deadline"),
    ("sekretess", "public"),
    ("utgår", "withdrawn"),
    ("hänvisning", "reference"),
    ("slut", "end"),
    ("sluttid", "end"),
    ("starttid", "start"),
];

/// Keys a secretary may write to mark something secret, Swedish and English.
const SECRECY_WORDS: &[&str] = &[
    "sekretess",
    "sekretessbelagd",
    "sekretessbelagt",
    "hemlig",
    "hemligt",
    "konfidentiell",
    "konfidentiellt",
    "confidential",
    "secret",
    "private",
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
// Removing a node serde could not decode

enum Found {
    Removed,
    RemoveMe,
    No,
}

/// Removes the node whose span is `span`, or else the smallest node containing it. Array
/// of tables spans do not enclose their elements, so the whole tree is searched. Returns
/// false when nothing but the whole document could be removed.
fn remove_at(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    matches!(remove_in_table(table, span), Found::Removed)
}

fn remove_in_table(table: &mut DeTable<'_>, span: &Range<usize>) -> Found {
    let mut doomed: Option<String> = None;
    for (key, value) in table.iter_mut() {
        if key.span() == *span {
            doomed = Some(key.get_ref().to_string());
            break;
        }
        match remove_in_value(value, span) {
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
            Found::Removed
        }
        None => Found::No,
    }
}

fn remove_in_value(value: &mut Spanned<DeValue<'_>>, span: &Range<usize>) -> Found {
    let own = value.span();
    if own == *span {
        return Found::RemoveMe;
    }
    let inner = match value.get_mut() {
        DeValue::Table(table) => remove_in_table(table, span),
        DeValue::Array(array) => {
            let mut result = Found::No;
            for i in 0..array.len() {
                match remove_in_value(&mut (**array)[i], span) {
                    Found::Removed => {
                        result = Found::Removed;
                        break;
                    }
                    Found::RemoveMe => {
                        let old = std::mem::replace(array, DeArray::new());
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
// Messages

pub(crate) fn syntax_diagnostic(file: FileId, text: &str, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = error.message().trim();
    let token = token_at(text, span.start);
    if looks_like_date(token) {
        let (message, label, hint) = super::scalar::bad_date(token);
        return Diagnostic::error(message)
            .at(Location::new(file, span.start..span.start + token.len()))
            .with_label(label)
            .with_hint(hint);
    }
    let first_line = message.lines().next().unwrap_or(message);
    // toml stops at 80 levels of nesting (so that no input can exhaust the stack); say so
    // in Swedish, and find the key it does not locate.
    if first_line == "cannot recurse further; max recursion depth met" {
        return Diagnostic::error("TOML-syntaxfel: värdet är för djupt nästlat")
            .at(Location::new(file, span))
            .with_label("mer än 80 nivåer av [ ] och { }")
            .with_hint("inga källfiler har listor eller tabeller i mer än några nivåer; kontrollera hakparenteserna");
    }
    if first_line == "recursion limit" {
        let span = long_key(text).unwrap_or(span);
        return Diagnostic::error("TOML-syntaxfel: nyckeln har för många delar")
            .at(Location::new(file, span))
            .with_label("mer än 80 delar med punkt emellan")
            .with_hint("en nyckel har en eller några delar, t.ex. `title` eller `[[item.attachment]]`");
    }
    if let Some((value, key, written)) = number_as_written(text, span.start) {
        return Diagnostic::error("TOML-syntaxfel: talet är skrivet som i löptext")
            .at(Location::new(file, value))
            .with_label("mellanrum, enhet eller decimalkomma")
            .with_hint(format!(
                "skriv talet utan mellanrum och enhet, med decimalpunkt: {key} = {written}; belopp i hela kronor"
            ));
    }
    let (description, expected) = described(message);
    // `[item]` after items written `[[item]]`: the same fault as a first `[item]`.
    let line = line_at(text, span.start);
    if let Some(name) =
        single_header(line).filter(|name| description == "duplicate key" && text.contains(&format!("[[{name}]]")))
    {
        let at = start_of_line(text, span.start) + (line.len() - line.trim_start().len());
        return Diagnostic::error(format!("[{name}] ska skrivas med dubbla hakparenteser"))
            .at(Location::new(file, at..at + line.trim().len()))
            .with_label("en tabell, men här hör en lista av tabeller hemma")
            .with_hint(format!("skriv [[{name}]]; var och en börjar med en egen rad [[{name}]]"));
    }
    if let Some(Misread { span, message, label, hint }) = misread(text, span.start, description) {
        return Diagnostic::error(format!("TOML-syntaxfel: {message}"))
            .at(Location::new(file, span))
            .with_label(label)
            .with_hint(hint);
    }
    // "key =" and nothing after it.
    let description =
        if description == "string values must be quoted" && token.is_empty() { "missing value" } else { description };
    let Some((message, label, hint)) = syntax_in_swedish(description, expected) else {
        return Diagnostic::error(format!("TOML-syntaxfel: {first_line}"))
            .at(Location::new(file, span))
            .with_hint("se innehållsguiden (docs/content-guide.md) för hur en källfil skrivs");
    };
    let diagnostic =
        Diagnostic::error(format!("TOML-syntaxfel: {message}")).at(Location::new(file, span.clone())).with_label(label);
    // A key written twice in one table: show the first time too.
    if description == "duplicate key"
        && let Some(first) = first_time(text, span.start)
    {
        return diagnostic.with_note(Location::new(file, first), "första gången").with_hint(hint);
    }
    // A list left open reads on to the first line that cannot be part of it: show where
    // it began.
    if matches!(description, "unclosed array" | "missing comma between array elements")
        && let Some(at) = open_list_before(text, span.start)
    {
        return diagnostic.with_note(Location::new(file, at..at + 1), "listan börjar här").with_hint(hint);
    }
    // A text on several lines left open runs to the end of the file: show where it began,
    // at the last opening quotes (nothing after them closes it).
    let opening = match description {
        "invalid multi-line basic string" => "\"\"\"",
        "invalid multi-line literal string" => "'''",
        _ => return diagnostic.with_hint(hint),
    };
    let began = text.get(..span.start.min(text.len())).and_then(|before| before.rfind(opening));
    match began {
        Some(at) => diagnostic.with_note(Location::new(file, at..at + 3), "texten börjar här"),
        None => diagnostic,
    }
    .with_hint(hint)
}

/// A text on several lines that the secretary did not close: it runs on to the next
/// text's opening quotes (`decision = """`), which close it, and what follows them is read
/// as keys. The parser's first error comes after that.
#[derive(Debug, PartialEq)]
struct Misclosed {
    /// The opening quotes of the text left open.
    open: Range<usize>,
    /// The first line inside the text that reads as a key or a header: where the text
    /// should have ended.
    first_key: Range<usize>,
    /// `"""` or `'''`.
    quotes: &'static str,
}

impl Misclosed {
    /// The text left open before the parser's first error at `first_error`, if the quotes
    /// that closed it are a new text's opening ones (`key = """` on its own line).
    fn before(text: &str, first_error: usize) -> Option<Misclosed> {
        let (open, close, quotes) = *multi_line_texts(text, first_error).last()?;
        if close + 3 > first_error {
            return None;
        }
        let close_line = text[..close].rfind('\n').map_or(0, |n| n + 1);
        if !is_key_line(&text[close_line..close]) {
            return None;
        }
        // The lines inside the text, from the one after its opening quotes.
        let mut offset = text[open..].find('\n').map_or(text.len(), |n| open + n + 1);
        let first_key = loop {
            if offset > close_line {
                return None;
            }
            let line = &text[offset..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let trimmed = line.trim();
            if is_key_line(trimmed) || is_header_line(trimmed) {
                let start = offset + (line.len() - line.trim_start().len());
                break start..start + trimmed.len();
            }
            offset += line.len() + 1;
        };
        Some(Misclosed { open: open..open + 3, first_key, quotes })
    }

    fn diagnostic(&self, file: FileId, text: &str) -> Diagnostic {
        let line = 1 + text[..self.first_key.start].matches('\n').count();
        Diagnostic::error("TOML-syntaxfel: texten på flera rader är inte avslutad")
            .at(Location::new(file, self.first_key.clone()))
            .with_label("läses som en del av texten")
            .with_note(Location::new(file, self.open.clone()), "texten börjar här")
            .with_hint(format!("avsluta texten med {} på en egen rad före rad {line}", self.quotes))
    }
}

/// Whether `line` starts with a bare key and `=` ("decision =", "item.title =").
fn is_key_line(line: &str) -> bool {
    let Some((key, _)) = line.split_once('=') else { return false };
    let key = key.trim();
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Whether `line` is a table header ("[[item]]", "[site]").
fn is_header_line(line: &str) -> bool {
    let name = line.trim_start_matches('[').trim_end_matches(']');
    line.starts_with('[')
        && line.ends_with(']')
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The texts on several lines that open before `until`: (opening quotes, closing quotes,
/// which quotes), in order; one left open at the end of the file is not among them.
/// Comments and texts on one line are skipped, so quotes inside them count for nothing.
fn multi_line_texts(text: &str, until: usize) -> Vec<(usize, usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len().min(until) {
        match bytes[i] {
            b'#' => i = text[i..].find('\n').map_or(bytes.len(), |n| i + n),
            quote @ (b'"' | b'\'') if bytes[i..].starts_with(&[quote; 3]) => {
                let quotes = if quote == b'"' { "\"\"\"" } else { "'''" };
                let open = i;
                i += 3;
                let close = loop {
                    match bytes.get(i).copied() {
                        None => return found,
                        Some(b'\\') if quote == b'"' => i += 2,
                        Some(b) if b == quote && bytes[i..].starts_with(&[quote; 3]) => {
                            // Up to two more quotes belong to the text.
                            let run = bytes[i..].iter().take_while(|&&b| b == quote).count().min(5);
                            i += run;
                            break i - 3;
                        }
                        Some(_) => i += 1,
                    }
                };
                found.push((open, close, quotes));
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    i += 1;
                    if b == b'\\' && quote == b'"' {
                        i += 1;
                    } else if b == quote || b == b'\n' {
                        break;
                    }
                }
            }
            _ => i += 1,
        }
    }
    found
}

/// The `[` of the list that one of the 100 lines before `offset`'s line opens and does
/// not close (`areas = ["lokalekonomi"`), if any. (Bounded: a file of garbage has an
/// error on every line.)
fn open_list_before(text: &str, offset: usize) -> Option<usize> {
    let mut end = start_of_line(text, offset);
    for _ in 0..100 {
        if end == 0 {
            break;
        }
        let start = text[..end - 1].rfind('\n').map_or(0, |n| n + 1);
        let line = &text[start..end - 1];
        // Outside quotes, a line "key = [" with more [ than ].
        let bare: String = line.split('"').step_by(2).collect();
        if let Some((key, value)) = bare.split_once('=')
            && is_key_line(&format!("{key}="))
            && value.trim_start().starts_with('[')
            && bare.matches('[').count() > bare.matches(']').count()
        {
            return Some(start + line.find('[')?);
        }
        end = start;
    }
    None
}

/// A number written the way Swedish prose writes it, which TOML cannot read: "1 200 000 kr",
/// "3,9", "1,5 mnkr". For the line of `offset`: the value's span, its key, and the number as
/// TOML writes it ("1200000", "3.9", "1500000").
fn number_as_written(text: &str, offset: usize) -> Option<(Range<usize>, &str, String)> {
    let (start, key, rest) = assignment_at(text, offset)?;
    let value = rest.split('#').next()?.trim();
    let at = start + key.len() + 1 + rest.find(value)?;
    let lower = value.to_lowercase();
    let (digits, scale) = [
        ("mnkr", 1e6),
        ("mkr", 1e6),
        ("miljoner kr", 1e6),
        ("tkr", 1e3),
        ("kronor", 1.0),
        ("kr", 1.0),
        ("procent", 1.0),
        ("%", 1.0),
    ]
    .iter()
    .find_map(|(unit, scale)| Some((lower.strip_suffix(unit)?.trim_end(), *scale)))
    .unwrap_or((lower.as_str(), 1.0));
    let plain: String = digits.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect::<String>().replace(',', ".");
    let number: f64 = plain.parse().ok()?;
    // Only what TOML itself rejects: a unit, a space inside the number or a decimal comma.
    let as_toml = digits == lower && !digits.contains([' ', '\u{a0}', ',']);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) || as_toml {
        return None;
    }
    let written = if scale == 1.0 { plain } else { format!("{}", (number * scale).round() as i64) };
    Some((at..at + value.len(), key.trim(), written))
}

/// A value the parser could not read, worded after what the secretary wrote.
struct Misread {
    span: Range<usize>,
    message: &'static str,
    label: &'static str,
    hint: String,
}

/// A value written as the secretary would write it to a person, which TOML reads otherwise
/// or not at all: "True", "ja", ”typographic quotes”, "§ 8", "08", ".5", "2025-10-31.",
/// "2025-10". `offset` is where the parser stopped, and `description` what it said.
fn misread(text: &str, offset: usize, description: &str) -> Option<Misread> {
    let (start, written_key, rest) = assignment_at(text, offset)?;
    let key = written_key.trim();
    let value = rest.trim();
    // Unquoted, the value ends where a comment begins ("08.30 # som i kallelsen").
    let value = match value.find([' ', '\t']).filter(|_| !value.starts_with(['"', '\''])) {
        Some(end) if value[end..].trim_start().starts_with('#') => &value[..end],
        _ => value,
    };
    let at = start + written_key.len() + 1 + rest.find(value)?;
    if value.is_empty() || offset < at {
        return None;
    }
    let span = at..at + value.len();
    let fix = |message, label, written: &str| {
        Some(Misread { span: span.clone(), message, label, hint: format!("skriv {key} = {written}") })
    };
    // An attachment's path on the secretary's own computer ("C:\Users\…\budget.pdf"), whose \ the
    // parser reads as escapes: the file belongs under content/.
    let bytes = value.as_bytes();
    if key == "file" && bytes.len() > 4 && bytes[0] == b'"' && bytes[1].is_ascii_alphabetic() && &bytes[2..4] == b":\\"
    {
        let name = value.trim_end_matches('"').rsplit(['\\', '/']).next().unwrap_or_default();
        return Some(Misread {
            span,
            message: "sökvägen leder till en mapp på din dator",
            label: "sökväg i Windows",
            hint: format!(
                "lägg filen under content/, t.ex. i content/bilagor/, och skriv sökvägen därifrån med /: {key} = \"bilagor/{name}\""
            ),
        });
    }
    // Quotes as a word processor writes them.
    const CURLY: [char; 7] = ['”', '“', '„', '’', '‘', '«', '»'];
    if value.starts_with(CURLY) {
        let inner = value.trim_matches(CURLY);
        return fix("typografiska citattecken", "inte raka citattecken \"", &format!("\"{inner}\""));
    }
    let lower = value.to_lowercase();
    match lower.as_str() {
        "true" | "false" => return fix("true och false skrivs med små bokstäver", "stora bokstäver", &lower),
        "ja" | "sant" | "yes" => return fix("ja skrivs true", "inte true eller false", "true"),
        "nej" | "falskt" | "no" => return fix("nej skrivs false", "inte true eller false", "false"),
        _ => {}
    }
    if let Some(number) = value.strip_prefix('#').filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return fix("# inleder en kommentar", "resten av raden är en kommentar", number);
    }
    if let Some(number) = value.strip_prefix('§').map(str::trim).filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        && !number.is_empty()
    {
        return fix("paragrafnumret skrivs utan §", "§ står framför numret", number);
    }
    // The time of a meeting as the minutes write it: "Tid 08:30-11:00".
    if matches!(key, "start" | "end")
        && let Some((from, until)) = value.split_once(['-', '–', '—'])
        && let (Some(from), Some(until)) = (clock(from.trim()), clock(until.trim()))
    {
        return Some(Misread {
            span,
            message: "start och slut skrivs var för sig",
            label: "två klockslag",
            hint: format!("skriv start = {from} och end = {until}, på var sin rad"),
        });
    }
    // A date with points, as in running text: "2013.05.15".
    let dashed = value.replace('.', "-");
    if value.contains('.') && is_date_shaped(&dashed) {
        return fix("datum skrivs med bindestreck", "punkt i datumet", &dashed);
    }
    let date = value.get(..10).filter(|d| is_date_shaped(d));
    match (description, date) {
        ("invalid date-time", Some(date)) => {
            return fix("tecken efter datumet", "efter ÅÅÅÅ-MM-DD", date);
        }
        ("invalid date", None) if value.len() == 7 && value.as_bytes()[4] == b'-' => {
            return Some(Misread {
                span,
                message: "dag saknas i datumet",
                label: "bara år och månad",
                hint: format!("skriv datum som ÅÅÅÅ-MM-DD, t.ex. {key} = {value}-01"),
            });
        }
        _ => {}
    }
    const NUMBER_FAULTS: [&str; 8] = [
        "unexpected leading zero",
        "invalid mantissa",
        "invalid fraction",
        "invalid exponent",
        "invalid integer number",
        "`_` may only go between digits",
        "redundant numeric sign",
        "unexpected sign",
    ];
    if !NUMBER_FAULTS.contains(&description) {
        return None;
    }
    // A time with a point ("08.30") is not a number.
    if let [hours, minutes] = value.split('.').collect::<Vec<_>>()[..]
        && hours.len() == 2
        && minutes.len() == 2
        && value.bytes().filter(u8::is_ascii_digit).count() == 4
    {
        return fix("klockslag skrivs med kolon", "punkt i klockslaget", &format!("{hours}:{minutes}:00"));
    }
    // The number as TOML writes it: no leading zeros, no lone point, no doubled "_".
    let digits = value.trim_start_matches('+').replace('_', "");
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        whole => whole,
    };
    let written = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
    let valid = written.parse::<f64>().is_ok() && written.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let (message, label) = match description {
        "unexpected leading zero" => ("talet börjar med 0", "inledande nolla"),
        "invalid mantissa" | "invalid fraction" => ("siffror saknas vid decimalpunkten", "siffror saknas"),
        _ => ("ogiltigt tal", "inte ett tal"),
    };
    if valid {
        fix(message, label, &written)
    } else {
        Some(Misread {
            span,
            message,
            label,
            hint: "tal skrivs med siffror och decimalpunkt, utan inledande nollor, t.ex. 3.5 eller 1200000".into(),
        })
    }
}

/// "8:30", "08:30" or "08:30:00" as TOML writes a time ("08:30:00"); `None` for anything
/// else.
fn clock(text: &str) -> Option<String> {
    let mut parts = text.split(':');
    let (hours, minutes, seconds) = (parts.next()?, parts.next()?, parts.next().unwrap_or("00"));
    let two = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    let hours_ok = (1..=2).contains(&hours.len()) && hours.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && hours_ok && two(minutes) && two(seconds))
        .then(|| format!("{hours:0>2}:{minutes}:{seconds}"))
}

/// "2025-10-31": four digits, two and two, with "-" between.
fn is_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

/// The parser's `message` as what it found and what it expected instead ("" if it says
/// nothing of that): "invalid basic string, expected `"`" → ("invalid basic string", "`"`").
fn described(message: &str) -> (&str, &str) {
    let first_line = message.trim().lines().next().unwrap_or_default();
    first_line.split_once(", expected ").unwrap_or((first_line, ""))
}

/// Whether the parser's `message` is about a list, table or text left open: then it reads
/// on inside it, and reports what follows as faults of its own.
fn derails(message: &str) -> bool {
    matches!(
        described(message).0,
        "unclosed array"
            | "unclosed inline table"
            | "unclosed table"
            | "unclosed array table"
            | "missing comma between array elements"
            | "missing comma between key-value pairs"
            | "unexpected `=` in array"
            | "invalid multi-line basic string"
            | "invalid multi-line literal string"
    )
}

const DUPLICATE_KEY_WORDS: &str = "nyckeln står två gånger i samma tabell";
const DUPLICATE_KEY: &str = "TOML-syntaxfel: nyckeln står två gånger i samma tabell";

/// The TOML parser's commonest messages (what it found, and what it expected instead),
/// worded for the secretary: (message, label, hint). Others are shown as the parser wrote
/// them.
fn syntax_in_swedish(description: &str, expected: &str) -> Option<(&'static str, &'static str, &'static str)> {
    const EXAMPLE: &str = "skriv nyckel = värde, t.ex. title = \"Mötets öppnande\"";
    const LIST: &str = "en lista skrivs [\"första\", \"andra\"]";
    const INLINE: &str = "skriv t.ex. presenter = { name = \"…\", organisation = \"…\" } på en rad";
    const STRINGS: [&str; 4] = [
        "invalid basic string",
        "invalid literal string",
        "invalid multi-line basic string",
        "invalid multi-line literal string",
    ];
    let closing = expected == "`\"`" || expected == "`'`";
    Some(match description {
        "invalid basic string" | "invalid literal string" if closing => (
            "texten inom citattecken är inte avslutad",
            "här slutar texten",
            "avsluta texten med samma citattecken på samma rad; text på flera rader skrivs mellan \"\"\" och \"\"\"",
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" if closing => (
            "texten på flera rader är inte avslutad",
            "här slutar filen",
            "avsluta texten med samma tre citattecken som den började med",
        ),
        _ if STRINGS.contains(&description) => (
            "otillåtet tecken i texten",
            "otillåtet tecken",
            "ta bort tecknet; osynliga styrtecken följer ibland med när text kopieras från ett annat program",
        ),
        "string values must be quoted" | "unquoted string" => (
            "värdet är varken text inom citattecken, datum, klockslag eller tal",
            "citattecken saknas?",
            "text skrivs inom citattecken, t.ex. title = \"Mötets öppnande\"; datum (ÅÅÅÅ-MM-DD), \
             klockslag (TT:MM:SS), tal och true/false utan",
        ),
        "key with no value" | "missing assignment between key-value pairs" => ("= saknas", "väntade = här", EXAMPLE),
        "missing value" | "missing value for key" => ("värde saknas", "väntade ett värde här", EXAMPLE),
        "duplicate key" => (
            DUPLICATE_KEY_WORDS,
            "andra gången",
            "ta bort den ena; ett nytt ärende, en ny person o.s.v. börjar med en egen rad som [[item]]",
        ),
        "unclosed table" => ("tabellens namn saknar ]", "väntade ] här", "skriv t.ex. [site] på en egen rad"),
        "unclosed array table" => ("tabellens namn saknar ]]", "väntade ]] här", "skriv t.ex. [[item]] på en egen rad"),
        "unclosed array" => ("listan saknar ]", "väntade , eller ] här", LIST),
        "unclosed inline table" => ("tabellen inom { } saknar }", "väntade , eller } här", INLINE),
        "missing comma between array elements" => (
            "listan saknar , eller ]",
            "väntade , eller ] före detta",
            "en lista skrivs [\"första\", \"andra\"]; saknas ] läses allt som följer som en del av listan",
        ),
        "missing comma between key-value pairs" => (
            "tabellen inom { } saknar , eller }",
            "väntade , eller } före detta",
            "skriv t.ex. presenter = { name = \"…\", organisation = \"…\" } på en rad; \
             saknas } läses allt som följer som en del av tabellen",
        ),
        "extra comma in array" | "extra comma in inline table" => {
            ("ett komma för mycket", "tomt värde mellan komman", "ta bort det ena kommat")
        }
        "extra assignment between key-value pairs" | "extra `=`" => {
            ("ett = för mycket", "andra =", "skriv nyckel = värde med ett =")
        }
        "unexpected key or value" | "unexpected content" | "unexpected content between comment and newline" => (
            "oväntat innehåll efter värdet",
            "väntade radslut här",
            "skriv en nyckel = värde per rad; en kommentar börjar med #",
        ),
        "invalid unquoted key" | "invalid key" | "unquoted keys cannot be empty" => (
            "ogiltig nyckel",
            "inte en nyckel",
            "nycklar skrivs med a–z, 0–9, _ och -, t.ex. title; se innehållsguiden (docs/content-guide.md)",
        ),
        "missing escaped value" | "too few unicode value digits" => (
            "ogiltigt \\ i texten",
            "\\ inleder ett specialtecken",
            "skriv \\\\ för ett omvänt snedstreck, eller sätt texten inom '…', där \\ står för sig självt",
        ),
        "invalid time" => (
            "ogiltigt klockslag",
            "inte ett klockslag",
            "skriv klockslag som TT:MM:SS utan citattecken, t.ex. 08:30:00 (timmar 00–23, minuter och sekunder 00–59)",
        ),
        _ => return None,
    })
}

/// For a key written again at `offset` (`title = …` a second time): where the same table
/// has it first, looking back to the table's header.
fn first_time(text: &str, offset: usize) -> Option<Range<usize>> {
    let key = assignment_at(text, offset)?.1.trim();
    let mut end = text.get(..offset)?.rfind('\n')?;
    loop {
        let start = text[..end].rfind('\n').map_or(0, |n| n + 1);
        let earlier = &text[start..end];
        let trimmed = earlier.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if earlier.split_once('=').is_some_and(|(k, _)| k.trim() == key) {
            let at = start + (earlier.len() - trimmed.len());
            return Some(at..at + key.len());
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

/// The name of a header written with single brackets ("[item]" → "item").
fn single_header(written: &str) -> Option<&str> {
    let line = written.lines().next()?.trim();
    let name = line.strip_prefix('[')?.strip_suffix(']')?;
    (!name.starts_with('[') && !name.is_empty()).then_some(name.trim())
}

/// The name of a header written with double brackets ("[[item.follow_up]]" → "item.follow_up").
fn double_header(written: &str) -> Option<&str> {
    let line = written.lines().next()?.trim();
    let name = line.strip_prefix("[[")?.strip_suffix("]]")?.trim();
    (!name.is_empty()).then_some(name)
}

/// The line of `text` that holds `offset`, without its line break.
fn line_at(text: &str, offset: usize) -> &str {
    let rest = &text[start_of_line(text, offset)..];
    &rest[..rest.find('\n').unwrap_or(rest.len())]
}

/// Where the line that holds `offset` starts (0 for an offset past the end, or inside a
/// character).
fn start_of_line(text: &str, offset: usize) -> usize {
    text.get(..offset).and_then(|before| before.rfind('\n')).map_or(0, |n| n + 1)
}

/// The `key = …` line that holds `offset`: where it starts, the key as written (with its
/// spaces) and what follows the `=`.
fn assignment_at(text: &str, offset: usize) -> Option<(usize, &str, &str)> {
    text.get(..offset)?;
    let (key, rest) = line_at(text, offset).split_once('=')?;
    Some((start_of_line(text, offset), key, rest))
}

/// The first key (or table header) of at least 80 dotted parts: toml's limit.
fn long_key(text: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let trimmed = line.trim();
        let key = match trimmed.strip_prefix('[') {
            Some(header) => header.trim_start_matches('[').split(']').next().unwrap_or_default(),
            None => trimmed.split('=').next().unwrap_or_default(),
        };
        if key.matches('.').count() >= 79 {
            let at = start + line.trim_start().find(key.trim()).unwrap_or(0);
            return Some(at..at + key.trim().len());
        }
    }
    None
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
    let whole_file = span == doc_span;
    let location = if whole_file { Location::file(file) } else { Location::new(file, span.clone()) };
    let (message, label, hint) = translate(message);
    let mut diagnostic = Diagnostic::error(message).at(location);
    if let Some(label) = label.filter(|_| !whole_file) {
        diagnostic = diagnostic.with_label(label);
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// serde's English messages, worded for the secretary: (message, label, hint).
fn translate(message: &str) -> (String, Option<String>, Option<String>) {
    if message.contains("untagged enum RawPresenter") {
        return (
            "ogiltig föredragande".into(),
            Some("väntade ett person-id eller en gäst".into()),
            Some("skriv `presenter = \"person-id\"` eller `presenter = { name = \"…\", organisation = \"…\" }`".into()),
        );
    }
    match message {
        "expected a date" => {
            ("ogiltigt datum".into(), Some("inte ett datum".into()), Some(super::scalar::DATE_HINT.into()))
        }
        "expected a time" => (
            "ogiltigt klockslag".into(),
            Some("inte ett klockslag".into()),
            Some("skriv klockslag som TT:MM:SS utan citattecken, t.ex. 08:30:00".into()),
        ),
        "expected a number" => ("ogiltigt tal".into(), Some("väntade ett tal".into()), None),
        _ if message.starts_with("invalid type: integer") && message.ends_with("as i128, expected i64") => (
            "talet är för stort".into(),
            Some("högst 9223372036854775807".into()),
            Some("kontrollera talet; belopp skrivs i hela kronor, t.ex. amount = 1200000".into()),
        ),
        _ if message.starts_with("missing field `") => {
            let key = message.trim_start_matches("missing field `").trim_end_matches('`');
            (format!("nyckeln `{key}` saknas"), Some(format!("{key} saknas i tabellen")), None)
        }
        _ => (format!("kunde inte läsa värdet: {message}"), None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_texts_on_several_lines_outside_comments_and_one_line_texts() {
        // An escaped quote and one quote more before the closing ones; quotes in a comment
        // and in a text on one line; a text left open at the end is not among them.
        let text = r#"a = """x\""""
# """
b = '"""'
c = '''y''''
d = """open"#;
        let found: Vec<(&str, &str)> =
            multi_line_texts(text, text.len()).iter().map(|&(o, c, q)| (&text[o..c + 3], q)).collect();
        assert_eq!(found, [(r#""""x\"""""#, r#"""""#), ("'''y''''", "'''")]);
    }

    #[test]
    fn a_text_is_misclosed_only_by_a_new_texts_opening_quotes() {
        let open = "description = \"\"\"\nText.\n\n[[item]]\nnumber = 2\ndecision = \"\"\"\nBeslut.\n\"\"\"\n";
        let error = open.find("Beslut").unwrap();
        let misclosed = Misclosed::before(open, error).unwrap();
        assert_eq!((&open[misclosed.open.clone()], &open[misclosed.first_key]), ("\"\"\"", "[[item]]"));
        // Closed where it should be, the error after it is another fault.
        let closed = "description = \"\"\"\nText.\n\"\"\"\nplace = Umeå\n";
        assert_eq!(Misclosed::before(closed, closed.find("Umeå").unwrap()), None);
    }

    #[test]
    fn reads_numbers_written_as_in_prose() {
        fn written(line: &str) -> Option<(&str, &str, String)> {
            number_as_written(line, 0).map(|(span, key, number)| (&line[span], key, number))
        }
        assert_eq!(written("value = 3,9"), Some(("3,9", "value", "3.9".to_string())));
        assert_eq!(written("value = 3.9 % # andel"), Some(("3.9 %", "value", "3.9".to_string())));
        assert_eq!(written("amount = 2,8 mkr"), Some(("2,8 mkr", "amount", "2800000".to_string())));
        assert_eq!(written("amount = 30 kronor"), Some(("30 kronor", "amount", "30".to_string())));
        assert_eq!(written("amount = 300000"), None);
        assert_eq!(written("date = 2025-10-31."), None);
        assert_eq!(written("title = Mötet 3"), None);
    }

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

    #[test]
    fn makes_integer_placeholders() {
        assert!(matches!(zero(), DeValue::Integer(_)));
    }
}
