//! The full-text search index: static files under `sok/data/`, read by the search page's
//! script (`kansli.js`), with no server and nothing fetched from elsewhere.
//!
//! What is indexed is what the public pages show. [`extract`] reads a rendered page:
//! only the element marked `data-search-body` counts, `data-search-ignore` leaves a part
//! out, the element marked `data-search-title` names the page, and each heading with an
//! `id` starts a section of its own, so that a hit links to the item, not only the page.
//! A renderer cannot index what the edition took out, and the theme decides what counts.
//!
//! Words are split and lowercased the same way in the browser (`kansli.js`), and stemmed
//! with Snowball's Swedish stemmer (`pagefind_stem`), which `kansli.js` implements too;
//! `tests/fixtures/search/stems.json` holds the pairs both must agree on.
//!
//! The index ([`index`]) has three kinds of file:
//! - `meta.json`: the format, the number of sections, the stop words, the shards, and
//!   the version of the other files (a hash), which the browser puts on their URLs;
//! - `t/<hex>.json`: a shard of the dictionary, the stems starting with one prefix (`hex`
//!   is the prefix's UTF-8 in hexadecimal). Each stem maps to its postings, a flat array
//!   of numbers `gap * 8 + weight`, where `gap` is the distance to the previous section
//!   id and `weight` (1–7) grows with the stem's count in the section and is higher in a
//!   heading. A prefix whose shard would be larger than [`SHARD_BYTES`] is split by the
//!   next character, so no query loads much;
//! - `s/<n>.json`: sections `n * CHUNK ..`, each `[url, page title, heading, excerpt]`.
//!
//! A compound's sections are also listed under its last part ([`decompound`]): "trafik"
//! finds "kollektivtrafik".
//!
//! Everything is made in parallel, and the same pages always give the same bytes.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Artefact;

/// The folder of the index, under the search page.
pub const DIR: &str = "sok/data/";
/// Changes when the files' shape changes (`kansli.js` checks it).
pub const FORMAT: u32 = 1;
/// Sections per excerpt file.
pub const CHUNK: usize = 256;
/// A dictionary shard larger than this is split by the next character of its stems.
pub const SHARD_BYTES: usize = 64 * 1024;
/// Characters of a section's text kept as its excerpt.
const EXCERPT_CHARS: usize = 240;
/// Longer words are not indexed (they are identifiers and noise, not words to search).
const MAX_WORD_CHARS: usize = 40;

/// Words too common to search for: left out of the index and of queries (the list is in
/// `meta.json`, so the browser drops the same words).
pub const STOP_WORDS: &[&str] = &[
    "att", "av", "de", "dem", "den", "denna", "deras", "dess", "det", "detta", "dig", "din", "ditt", "du", "där", "då",
    "efter", "eller", "en", "er", "ett", "från", "för", "han", "har", "hon", "hos", "hur", "här", "in", "inte", "jag",
    "kan", "man", "med", "men", "mig", "min", "mot", "ni", "nu", "när", "och", "om", "oss", "på", "samt", "sig", "sin",
    "sina", "sitt", "ska", "skall", "som", "så", "till", "under", "ut", "utan", "vad", "var", "vi", "vid", "än", "är",
    "åt",
];

/// A page, as search sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// Relative to the site root: "moten/kommunchefsgruppen/2013-05-15/".
    pub url: String,
    pub title: String,
    /// The part before the first heading with an id comes first, with an empty anchor.
    pub sections: Vec<Section>,
}

/// A part of a page that a hit can link to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's id; empty for the top of the page.
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

// ---------------------------------------------------------------------------------------
// Reading a page

/// Elements without content or end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];
/// Elements whose text runs on without a break (no space is put in at their tags).
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "time", "u", "var",
];
/// Elements whose content is never text to index.
const SKIPPED: &[&str] = &["script", "style", "svg", "template", "noscript"];

/// The searchable content of a rendered page at `url`, or `None` when the page has no
/// element marked `data-search-body`.
pub fn extract(html: &str, url: &str) -> Option<Doc> {
    let mut reader = Reader::default();
    reader.read(html);
    if !reader.found_body {
        return None;
    }
    let title = clean(&reader.title);
    let mut sections = reader.sections;
    sections.insert(0, reader.top);
    for section in &mut sections {
        section.heading = clean(&section.heading);
        section.text = clean(&section.text);
    }
    if sections[0].heading.is_empty() {
        sections[0].heading.clone_from(&title);
    }
    Some(Doc { url: url.to_string(), title, sections })
}

#[derive(Default)]
struct Reader<'a> {
    /// Open elements.
    stack: Vec<Cow<'a, str>>,
    /// Depth of the `data-search-body` element, while inside it.
    body: Option<usize>,
    found_body: bool,
    /// Depth of the outermost ignored or skipped element, while inside it.
    ignore: Option<usize>,
    /// Depth of the title element, while inside it.
    in_title: Option<usize>,
    title: String,
    /// A heading being read: its depth, its id, and its text.
    heading: Option<(usize, Option<String>, String)>,
    /// The heading being read is the page's title (its text is the title, not text).
    heading_is_title: bool,
    top: Section,
    sections: Vec<Section>,
}

impl<'a> Reader<'a> {
    fn read(&mut self, html: &'a str) {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(lt) = html[i..].find('<').map(|p| i + p) else {
                self.text(&html[i..]);
                break;
            };
            if lt > i {
                self.text(&html[i..lt]);
            }
            let rest = &html[lt..];
            if rest.starts_with("<!--") {
                i = rest.find("-->").map_or(bytes.len(), |p| lt + p + 3);
                continue;
            }
            let Some((tag, len)) = parse_tag(rest) else {
                // A lone '<' is text.
                self.text("<");
                i = lt + 1;
                continue;
            };
            i = lt + len;
            if tag.end {
                self.close(&tag.name);
            } else {
                self.open(&tag);
                // Raw text: skip to its end tag.
                if (tag.name == "script" || tag.name == "style") && !tag.self_closing {
                    i = end_of_raw_text(bytes, i, tag.name.as_bytes());
                }
            }
        }
    }

    fn active(&self) -> bool {
        self.body.is_some() && self.ignore.is_none()
    }

    fn open(&mut self, tag: &Tag<'a>) {
        let depth = self.stack.len();
        if !INLINE.contains(&&*tag.name) {
            self.text(BLOCK_BREAK);
        }
        if VOID.contains(&&*tag.name) || tag.self_closing {
            return;
        }
        self.stack.push(tag.name.clone());
        // The attributes that matter here, read once.
        let (mut body, mut ignore, mut title, mut id) = (false, false, false, None);
        for (name, value) in attributes(tag.attrs) {
            if name.eq_ignore_ascii_case("data-search-body") {
                body = true;
            } else if name.eq_ignore_ascii_case("data-search-ignore") {
                ignore = true;
            } else if name.eq_ignore_ascii_case("data-search-title") {
                title = true;
            } else if name.eq_ignore_ascii_case("id") && id.is_none() {
                id = Some(value);
            }
        }
        if self.body.is_none() && body {
            self.body = Some(depth);
            self.found_body = true;
        }
        if self.ignore.is_none() && (ignore || SKIPPED.contains(&&*tag.name)) {
            self.ignore = Some(depth);
        }
        if !self.active() {
            return;
        }
        if self.in_title.is_none() && title {
            self.in_title = Some(depth);
        }
        if self.heading.is_none() && is_heading(&tag.name) {
            let id = id.map(|v| decode_entities(v).into_owned()).filter(|id| !id.is_empty());
            self.heading = Some((depth, id, String::new()));
            self.heading_is_title = self.in_title == Some(depth);
        }
    }

    fn close(&mut self, name: &str) {
        let Some(position) = self.stack.iter().rposition(|open| open == name) else { return };
        self.stack.truncate(position);
        let depth = self.stack.len();
        if self.in_title.is_some_and(|d| d >= depth) {
            self.in_title = None;
        }
        if self.heading.as_ref().is_some_and(|(d, ..)| *d >= depth) {
            let (_, id, text) = self.heading.take().unwrap_or_default();
            match id {
                Some(anchor) => self.sections.push(Section { anchor, heading: text, text: String::new() }),
                None if self.heading_is_title => {}
                None => {
                    let section = self.sections.last_mut().unwrap_or(&mut self.top);
                    section.text.push(' ');
                    section.text.push_str(&text);
                    section.text.push(' ');
                }
            }
        }
        if self.ignore.is_some_and(|d| d >= depth) {
            self.ignore = None;
        }
        if self.body.is_some_and(|d| d >= depth) {
            self.body = None;
        }
        if !INLINE.contains(&name) {
            self.text(BLOCK_BREAK);
        }
    }

    fn text(&mut self, raw: &str) {
        if !self.active() {
            return;
        }
        let text = decode_entities(raw);
        if self.in_title.is_some() {
            self.title.push_str(&text);
        }
        if let Some((_, _, heading)) = &mut self.heading {
            heading.push_str(&text);
        } else {
            self.sections.last_mut().unwrap_or(&mut self.top).text.push_str(&text);
        }
    }
}

/// Where the end tag `</name` of a raw text element starting at `from` begins (the end of
/// the page when there is none).
fn end_of_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = bytes[i..].iter().position(|b| *b == b'<') {
        let at = i + p;
        let tag = &bytes[at + 1..];
        if tag.first() == Some(&b'/') && tag.len() > name.len() && tag[1..=name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Tag<'a> {
    /// Lowercase.
    name: Cow<'a, str>,
    end: bool,
    self_closing: bool,
    /// The attributes, as written.
    attrs: &'a str,
}

/// A tag at the start of `s` ("<a href=…>", "</p>") and its length; `None` when `s`
/// starts with a '<' that opens no tag.
fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let end = bytes.get(1) == Some(&b'/');
    if end {
        i += 1;
    }
    if bytes.get(i) == Some(&b'!') || bytes.get(i) == Some(&b'?') {
        // A doctype or processing instruction: no element.
        let close = s.find('>')?;
        return Some((Tag { name: Cow::Borrowed(""), end: true, self_closing: true, attrs: "" }, close + 1));
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == start {
        return None;
    }
    let name = &s[start..i];
    let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    let attrs_start = i;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(bytes[i]),
            (None, b'>') => break,
            _ => {}
        }
        i += 1;
    }
    let attrs = &s[attrs_start..i.min(s.len())];
    let self_closing = attrs.trim_end().ends_with('/');
    Some((Tag { name, end, self_closing, attrs }, (i + 1).min(s.len())))
}

/// The attributes of a tag: (name, raw value).
fn attributes(attrs: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' && bytes[i] != b'/' {
            i += 1;
        }
        let name = &attrs[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Some((name, ""));
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = i + 1;
                let to = attrs[from..].find(q as char).map_or(attrs.len(), |p| from + p);
                i = (to + 1).min(attrs.len());
                &attrs[from..to]
            }
            _ => {
                let from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                &attrs[from..i]
            }
        };
        Some((name, value))
    })
}

/// Text with HTML's character references replaced (those kansli and comrak write, and
/// numeric ones); an unknown reference stays as written.
fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|semi| *semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => match name.strip_prefix('#') {
                    Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
                    Some(dec) => dec.parse::<u32>().ok(),
                    None => None,
                }
                .and_then(char::from_u32),
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whitespace collapsed to single spaces, trimmed; " · " between blocks (see below).
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whether whitespace, and a block's edge, came since the last character kept.
    let (mut space, mut block) = (false, false);
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            block |= c == BLOCK_BREAK_CHAR;
            continue;
        }
        if space && !out.is_empty() {
            // Where one block ends and the next begins after a word, " · ": a name and the
            // next attachment's title must not read as one phrase in an excerpt.
            let ended = out.ends_with(|l: char| ".:;,!?·–-".contains(l));
            out.push_str(if block && !ended { " · " } else { " " });
        }
        (space, block) = (false, false);
        out.push(c);
    }
    out
}

/// Put between blocks (paragraphs, list items, cells) as they are read; whitespace to
/// everything but [`clean`].
const BLOCK_BREAK_CHAR: char = '\u{2029}';
const BLOCK_BREAK: &str = "\u{2029}";

// ---------------------------------------------------------------------------------------
// Words

/// The words of `text` as the index keeps them: NFC, lowercase, runs of letters and
/// digits (`[\p{Alphabetic}\p{N}]+` in `kansli.js`), without stop words, words of one
/// letter, and words longer than 40 characters. Numbers of any length are kept.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    each_word(text, |word| words.push(word.to_string()));
    words.into_iter()
}

/// Calls `f` with each of [`words`], without making a string of each.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let normal: Cow<str> =
        if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.nfc().collect())
        };
    let mut word = String::new();
    // Characters in `word`, and whether all of them are numeric.
    let (mut chars, mut numeric) = (0, true);
    for c in normal.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            chars += 1;
            numeric &= c.is_ascii_digit();
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                word.push(lower);
                chars += 1;
                numeric = numeric && lower.is_numeric();
            }
        } else if !word.is_empty() {
            let keep = chars <= MAX_WORD_CHARS && (chars >= 2 || numeric) && !is_stop_word(&word);
            if keep {
                f(&word);
            }
            word.clear();
            (chars, numeric) = (0, true);
        }
    }
}

/// Whether `word` is one of [`STOP_WORDS`]: asked once for every word of the site.
fn is_stop_word(word: &str) -> bool {
    static SET: LazyLock<(usize, FxHashSet<&str>)> =
        LazyLock::new(|| (STOP_WORDS.iter().map(|w| w.len()).max().unwrap_or(0), STOP_WORDS.iter().copied().collect()));
    let (longest, set) = &*SET;
    word.len() <= *longest && set.contains(word)
}

thread_local! {
    /// Stems already found, per thread (a site has far fewer distinct words than words).
    static STEMS: RefCell<FxHashMap<String, Arc<str>>> = RefCell::new(FxHashMap::default());
}

/// The Swedish stem of a word from [`words`].
pub fn stem(word: &str) -> String {
    STEMS.with(|stems| stem_with(&mut stems.borrow_mut(), word)).to_string()
}

/// [`stem`] with the thread's stems at hand, shared: a word met again costs a look-up,
/// not a string.
fn stem_with(stems: &mut FxHashMap<String, Arc<str>>, word: &str) -> Arc<str> {
    if let Some(stem) = stems.get(word) {
        return stem.clone();
    }
    let stem: Arc<str> = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Swedish).stem(word).into();
    if stems.len() < 1 << 20 {
        stems.insert(word.to_string(), stem.clone());
    }
    stem
}

// ---------------------------------------------------------------------------------------
// The index

#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    sections: usize,
    chunk: usize,
    stop: &'a [&'a str],
    shards: Vec<String>,
    version: String,
}

/// How much a stem counts in a section: its count (up to 4), and 3 more in the heading.
/// In no particular order: each stem gets one posting per section whatever the order.
fn weights(heading: &str, text: &str) -> Vec<(Arc<str>, u8)> {
    STEMS.with(|stems| {
        let stems = &mut stems.borrow_mut();
        let mut counts: FxHashMap<Arc<str>, (u8, bool)> = FxHashMap::default();
        counts.reserve(64);
        each_word(heading, |word| counts.entry(stem_with(stems, word)).or_default().1 = true);
        each_word(text, |word| {
            let entry = counts.entry(stem_with(stems, word)).or_default();
            entry.0 = entry.0.saturating_add(1);
        });
        counts.into_iter().map(|(stem, (n, heading))| (stem, n.clamp(1, 4) + if heading { 3 } else { 0 })).collect()
    })
}

/// Sections whose stems are found together (in parallel) before they join the postings,
/// so that the stems of all sections are never held at once.
const BLOCK: usize = 4096;

/// The files of the search index for `docs` (in any order), under [`DIR`].
pub fn index(mut docs: Vec<Doc>) -> Vec<Artefact> {
    docs.sort_by(|a, b| a.url.cmp(&b.url));

    // Each stem's last section and postings, filled block by block, in section order; a
    // section's text is cut to its excerpt once its stems are counted.
    let mut lists: FxHashMap<Arc<str>, (u32, Vec<u32>)> = FxHashMap::default();
    let mut sections: Vec<&mut Section> = docs.iter_mut().flat_map(|d| d.sections.iter_mut()).collect();
    let count = sections.len();
    for (block, part) in sections.chunks_mut(BLOCK).enumerate() {
        let weighed: Vec<Vec<(Arc<str>, u8)>> = part
            .par_iter_mut()
            .map(|section| {
                let stems = weights(&section.heading, &section.text);
                section.text = excerpt(&section.text);
                stems
            })
            .collect();
        for (offset, stems) in weighed.into_iter().enumerate() {
            let id = (block * BLOCK + offset) as u32;
            for (stem, weight) in stems {
                let (last, list) = lists.entry(stem).or_insert((0, Vec::new()));
                list.push((id - *last) * 8 + u32::from(weight));
                *last = id;
            }
        }
    }
    drop(sections);
    let mut postings: BTreeMap<&str, Vec<u32>> =
        lists.iter_mut().map(|(stem, (_, list))| (&**stem, std::mem::take(list))).collect();
    decompound(&mut postings);

    let mut out = Vec::new();
    let shards = shard(&postings);
    let keys: Vec<String> = shards.iter().map(|(key, _)| key.clone()).collect();
    out.par_extend(shards.par_iter().map(|(key, stems)| {
        let map: BTreeMap<&str, &Vec<u32>> = stems.iter().map(|s| (s.as_str(), &postings[s.as_str()])).collect();
        Artefact::new(format!("{DIR}t/{}.json", hex(key)), serde_json::to_vec(&map).unwrap_or_default())
    }));
    let sections: Vec<(&Doc, &Section)> = docs.iter().flat_map(|d| d.sections.iter().map(move |s| (d, s))).collect();
    out.par_extend(sections.par_chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let rows: Vec<(String, &str, &str, &str)> = chunk
            .iter()
            .map(|(doc, section)| {
                (section_url(doc, section), doc.title.as_str(), section.heading.as_str(), section.text.as_str())
            })
            .collect();
        Artefact::new(format!("{DIR}s/{n}.json"), serde_json::to_vec(&rows).unwrap_or_default())
    }));
    let meta = Meta {
        format: FORMAT,
        sections: count,
        chunk: CHUNK,
        stop: STOP_WORDS,
        shards: keys,
        version: version(&mut out),
    };
    out.push(Artefact::new(format!("{DIR}meta.json"), serde_json::to_vec(&meta).unwrap_or_default()));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The version of the shards in `files` (sorted by path on return): a hash of their paths
/// and bytes. The browser asks for each shard with `?v=` and this version, from a
/// `meta.json` it revalidates, so no cache can pair shards of two builds, whose section
/// ids would not match.
fn version(files: &mut [Artefact]) -> String {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = blake3::Hasher::new();
    for file in files.iter() {
        hasher.update(file.path.as_bytes());
        hasher.update(&[0]);
        hasher.update(&(file.bytes.len() as u64).to_le_bytes());
        hasher.update(&file.bytes);
    }
    hasher.finalize().to_hex()[..VERSION_CHARS].to_string()
}

/// Hexadecimal digits of the index's version.
const VERSION_CHARS: usize = 16;

/// Words that begin derivations rather than compounds: "försvar" is not a kind of
/// "svar", nor "tillgång" of "gång", nor "uppföljning" of "följning".
const PARTICLES: &[&str] = &[
    "av", "be", "bort", "efter", "fram", "för", "före", "genom", "god", "hem", "in", "inne", "kring", "med", "mot",
    "om", "på", "sam", "samman", "till", "under", "upp", "ut", "väl", "åter", "över",
];
/// The shortest first part of a compound, in characters.
const HEAD_CHARS: usize = 3;
/// The shortest last part of a compound, in characters ("plan", "chef", "häls").
const TAIL_CHARS: usize = 4;
/// A first part that is not a word of the site's own must be this long, and the last
/// part one character longer ("kollektiv|trafik").
const LONE_HEAD_CHARS: usize = 6;

/// Swedish writes compounds as one word: "kollektivtrafik", "verksamhetsplan",
/// "elevhälsa". A search for "trafik", "plan" or "hälsa" should find them, so each
/// compound's sections are added to the postings of its last part, at about half the
/// weight (a section with the word itself ranks first). The last part is a stem of the
/// site's words, of at least [`TAIL_CHARS`], or the start of such stems, of at least
/// [`LONE_HEAD_CHARS`] ("trafik" of "trafikplaner"); the first part, of at least [`HEAD_CHARS`]
/// and not one of [`PARTICLES`] (with or without a joining "s"), is
/// - a stem of the site's words ("elev|häls"), or
/// - joined by "s" ("verksamhets|plan", "digitaliserings|grupp"), or
/// - long, of at least [`LONE_HEAD_CHARS`], before a last part longer than the shortest
///   ("kollektiv|trafik").
///
/// Without a lexicon this finds some false parts too ("undersökning" is not a kind of
/// "ökning", and is not split, as "under" is a particle; "sekretessprövning" is split
/// at "övning"), which rank below the word itself. Stems with digits are not split. Only
/// the dictionary changes: the browser looks up the last part as any other stem.
fn decompound(postings: &mut BTreeMap<&str, Vec<u32>>) {
    let chars = |s: &str| s.chars().count();
    let is_stem = |part: &str| chars(part) >= HEAD_CHARS && postings.contains_key(part);
    // A stem, or the start of stems and long ("trafik" of "trafikplaner").
    let is_word = |tail: &str| {
        postings.contains_key(tail)
            || chars(tail) >= LONE_HEAD_CHARS
                && postings
                    .range::<str, _>((std::ops::Bound::Excluded(tail), std::ops::Bound::Unbounded))
                    .next()
                    .is_some_and(|(next, _)| next.starts_with(tail))
    };
    let first_part = |head: &str, tail: &str| {
        let bare = head.strip_suffix('s').unwrap_or(head);
        if PARTICLES.contains(&head) || PARTICLES.contains(&bare) || chars(bare) < HEAD_CHARS {
            return false;
        }
        is_stem(head)
            || head.ends_with('s') && chars(head) >= 5
            || chars(head) >= LONE_HEAD_CHARS && chars(tail) > TAIL_CHARS
    };
    let mut added: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &stem in postings.keys() {
        if chars(stem) < HEAD_CHARS + TAIL_CHARS || stem.chars().any(|c| c.is_numeric()) {
            continue;
        }
        for (at, _) in stem.char_indices().skip(HEAD_CHARS) {
            let (head, tail) = stem.split_at(at);
            if chars(tail) < TAIL_CHARS {
                break;
            }
            if is_word(tail) && first_part(head, tail) {
                added.entry(tail).or_default().push(stem);
            }
        }
    }
    let merged: Vec<(&str, Vec<u32>)> = added
        .into_par_iter()
        .map(|(part, compounds)| {
            let mut ids: Vec<(u32, u32)> = Vec::new();
            let mut read = |list: &[u32], halve: bool| {
                let mut id = 0;
                ids.extend(list.iter().map(|p| {
                    id += p / 8;
                    (id, if halve { (p % 8).div_ceil(2) } else { p % 8 })
                }));
            };
            read(postings.get(part).map_or(&[], Vec::as_slice), false);
            for compound in compounds {
                read(&postings[compound], true);
            }
            // By section, the highest weight first; then one posting per section.
            ids.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            ids.dedup_by_key(|(id, _)| *id);
            let mut last = 0;
            let list = ids
                .into_iter()
                .map(|(id, weight)| {
                    let p = (id - last) * 8 + weight;
                    last = id;
                    p
                })
                .collect();
            (part, list)
        })
        .collect();
    postings.extend(merged);
}

fn section_url(doc: &Doc, section: &Section) -> String {
    if section.anchor.is_empty() { doc.url.clone() } else { format!("{}#{}", doc.url, section.anchor) }
}

/// The first characters of a section's text, cut at a word.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The shards: each prefix and the stems it holds. A prefix starts as one character and
/// grows by one while its shard is larger than [`SHARD_BYTES`]; a stem no longer than the
/// prefix stays in the shorter prefix's shard.
fn shard(postings: &BTreeMap<&str, Vec<u32>>) -> Vec<(String, Vec<String>)> {
    // The size of a stem's entry in its shard, roughly as serialised.
    let size = |stem: &str| stem.len() + 4 + postings[stem].iter().map(|p| digits(*p) + 1).sum::<usize>();
    let mut out = Vec::new();
    let stems: Vec<&str> = postings.keys().copied().collect();
    split(&stems, 1, &size, &mut out);
    out.sort();
    out
}

fn split(stems: &[&str], length: usize, size: &dyn Fn(&str) -> usize, out: &mut Vec<(String, Vec<String>)>) {
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for stem in stems {
        groups.entry(stem.chars().take(length).collect()).or_default().push(stem);
    }
    for (prefix, group) in groups {
        let total: usize = group.iter().map(|s| size(s)).sum();
        let (short, long): (Vec<&str>, Vec<&str>) = group.iter().partition(|s| s.chars().count() <= length);
        if total <= SHARD_BYTES || long.is_empty() {
            out.push((prefix, group.iter().map(|s| s.to_string()).collect()));
        } else {
            if !short.is_empty() {
                out.push((prefix, short.iter().map(|s| s.to_string()).collect()));
            }
            split(&long, length + 1, size, out);
        }
    }
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A prefix as a file name: its UTF-8 in lowercase hexadecimal.
pub fn hex(prefix: &str) -> String {
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_is_listed_under_its_last_part() {
        let encode = |ids: &[(u32, u32)]| {
            let mut last = 0;
            ids.iter()
                .map(|&(id, w)| {
                    let p = (id - last) * 8 + w;
                    last = id;
                    p
                })
                .collect::<Vec<u32>>()
        };
        let mut postings: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        postings.insert("trafik", encode(&[(5, 2)]));
        postings.insert("kollektiv", encode(&[(9, 1)]));
        postings.insert("kollektivtrafik", encode(&[(1, 3), (5, 7)]));
        postings.insert("verksamhet", encode(&[(2, 1)]));
        postings.insert("plan", encode(&[(8, 1)]));
        postings.insert("verksamhetsplan", encode(&[(3, 4)]));
        postings.insert("för", encode(&[(4, 1)]));
        postings.insert("svar", encode(&[(6, 1)]));
        postings.insert("försvar", encode(&[(7, 2)]));
        postings.insert("bok", encode(&[(10, 1)]));
        postings.insert("bokslut2025", encode(&[(11, 1)]));
        postings.insert("slut2025", encode(&[(12, 1)]));
        postings.insert("kort", encode(&[(13, 1)]));
        postings.insert("pendlarkort", encode(&[(14, 1)]));
        postings.insert("ökning", encode(&[(15, 1)]));
        postings.insert("undersökning", encode(&[(16, 1)]));
        postings.insert("elev", encode(&[(17, 1)]));
        postings.insert("häls", encode(&[(18, 1)]));
        postings.insert("elevhäls", encode(&[(19, 1)]));
        postings.insert("folkhäls", encode(&[(20, 1)]));
        postings.insert("kollektivresor", encode(&[(21, 1)]));
        postings.insert("resorna", encode(&[(22, 1)]));
        let before = postings.clone();
        decompound(&mut postings);
        // A long first part; at half the weight, rounded up; a section with both keeps
        // the higher.
        assert_eq!(postings["trafik"], encode(&[(1, 2), (5, 4)]));
        // Joined by "s".
        assert_eq!(postings["plan"], encode(&[(3, 2), (8, 1)]));
        // A first part that is a stem of its own, before a short last part; "folk" is not.
        assert_eq!(postings["häls"], encode(&[(18, 1), (19, 1)]));
        // A last part that is only the start of stems must be long: "resor" is too short.
        assert!(!postings.contains_key("resor"));
        // A particle is not a first part, with or without "s"; a stem with digits is not
        // split; a first part that is not a stem must be long ("pendlar" is not).
        for unchanged in ["svar", "slut2025", "kort", "ökning", "kollektiv", "kollektivtrafik"] {
            assert_eq!(postings.get(unchanged), before.get(unchanged), "{unchanged}");
        }
    }

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"sv\"><head><title>T</title></head><body><nav>Meny</nav>{body}</body></html>"
        )
    }

    #[test]
    fn reads_only_the_marked_body_without_ignored_parts() {
        let html = page(
            "<main data-search-body><h1 data-search-title>Möte 15 maj</h1><div data-search-ignore><p>Brevhuvud</p>\
             </div><p>Plats: Umeå</p><section id=\"p1\"><h2 id=\"p1-rubrik\">§&nbsp;1 Budget</h2><p>Beslut: \
             <em>bi</em>fall &amp; mer</p><h3>Beskrivning</h3><p>Text</p></section><script>var x = '<h2 \
             id=\"no\">';</script></main><footer>Sidfot</footer>",
        );
        let doc = extract(&html, "moten/a/").unwrap();
        assert_eq!(doc.title, "Möte 15 maj");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[0].anchor, "");
        assert_eq!(doc.sections[0].heading, "Möte 15 maj");
        assert_eq!(doc.sections[0].text, "Plats: Umeå");
        assert_eq!(doc.sections[1].anchor, "p1-rubrik");
        assert_eq!(doc.sections[1].heading, "§ 1 Budget", "no-break spaces become spaces");
        // Blocks are kept apart in the text (and so in an excerpt); inline elements not.
        assert_eq!(doc.sections[1].text, "Beslut: bifall & mer · Beskrivning · Text");
        let doc =
            extract(&page("<main data-search-body><p>Slut.</p><p>Nästa</p><ul><li>A</li><li>B</li></ul></main>"), "x/");
        assert_eq!(doc.unwrap().sections[0].text, "Slut. Nästa · A · B", "no dot after a sentence's end");
    }

    #[test]
    fn a_page_without_a_marked_body_is_not_indexed() {
        assert_eq!(extract(&page("<main><h1>Uppdrag</h1></main>"), "uppdrag/"), None);
    }

    #[test]
    fn words_are_lowercase_without_stop_words() {
        let words: Vec<String> = words("Beslut om Budget 2014: 300 000 kr, e-arkiv och IT.").collect();
        assert_eq!(words, ["beslut", "budget", "2014", "300", "000", "kr", "arkiv", "it"]);
    }

    #[test]
    fn stop_words_are_found_and_only_they() {
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("beslut") && !is_stop_word("o") && !is_stop_word("ochså"));
    }

    #[test]
    fn words_are_normalised_to_nfc() {
        let decomposed = "Kommunfo\u{308}rbundet";
        assert_eq!(words(decomposed).collect::<Vec<_>>(), ["kommunförbundet"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#39;d&#x27; &quot;e&quot; &bogus; &"),
            "a & b <c> 'd' \"e\" &bogus; &"
        );
    }

    #[test]
    fn shards_split_by_prefix_when_large() {
        let stems: Vec<String> = (0..10_000u32).map(|i| format!("b{i:04}")).collect();
        let mut postings: BTreeMap<&str, Vec<u32>> = stems.iter().map(|s| (s.as_str(), vec![8 + 1])).collect();
        postings.insert("b", vec![9]);
        postings.insert("x", vec![9]);
        let shards = shard(&postings);
        assert!(shards.iter().any(|(k, stems)| k == "b" && stems == &["b".to_string()]));
        assert!(shards.iter().any(|(k, _)| k.starts_with("b0")));
        assert!(shards.iter().any(|(k, stems)| k == "x" && stems.len() == 1));
        let all: usize = shards.iter().map(|(_, s)| s.len()).sum();
        assert_eq!(all, postings.len(), "every stem in exactly one shard");
    }

    /// A page at `url` of one section, "Möte", with `text`.
    fn doc(url: &str, text: &str) -> Doc {
        Doc {
            url: url.into(),
            title: "Möte".into(),
            sections: vec![Section { anchor: String::new(), heading: "Möte".into(), text: text.into() }],
        }
    }

    #[test]
    fn the_index_lists_postings_with_gaps_and_weights() {
        let files = index(vec![doc("b/", "budget budgeten"), doc("a/", "budgeten"), doc("c/", "annat")]);
        let get = |path: &str| -> serde_json::Value {
            serde_json::from_slice(&files.iter().find(|a| a.path == path).unwrap().bytes).unwrap()
        };
        let meta = get("sok/data/meta.json");
        assert_eq!(meta["sections"], 3);
        assert_eq!(meta["shards"], serde_json::json!(["a", "b", "m"]));
        // "a/" is section 0 (weight 1), "b/" section 1 (two words, weight 2).
        assert_eq!(get("sok/data/t/62.json")["budget"], serde_json::json!([1, 8 + 2]));
        assert_eq!(get("sok/data/t/6d.json")["möt"], serde_json::json!([4, 8 + 4, 8 + 4]));
        assert_eq!(get("sok/data/s/0.json")[1], serde_json::json!(["b/", "Möte", "Möte", "budget budgeten"]));
    }

    #[test]
    fn the_version_changes_with_any_shard_and_only_then() {
        let version = |docs: Vec<Doc>| -> String {
            let files = index(docs);
            let meta = &files.iter().find(|a| a.path == "sok/data/meta.json").unwrap().bytes;
            serde_json::from_slice::<serde_json::Value>(meta).unwrap()["version"].as_str().unwrap().to_string()
        };
        let first = version(vec![doc("a/", "budget"), doc("b/", "annat")]);
        assert_eq!(first.len(), VERSION_CHARS);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
        // The same pages in another order give the same files and version.
        assert_eq!(version(vec![doc("b/", "annat"), doc("a/", "budget")]), first);
        // Another excerpt (s/0.json), or another posting (t/…), is another version.
        assert_ne!(version(vec![doc("a/", "budget"), doc("b/", "annan")]), first);
        assert_ne!(version(vec![doc("a/", "budget"), doc("c/", "annat")]), first);
    }
}
