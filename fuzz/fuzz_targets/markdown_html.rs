//! Markdown → HTML on arbitrary text. Beyond not panicking, the HTML holds only the tags
//! and attributes comrak writes for our dialect: no `<script>`, no event handler, no raw
//! HTML, and every `href` is a safe link (`https:`, `http:`, `mailto:`), as a browser reads
//! it. The loader's warning and the renderer agree: raw HTML is dropped exactly when the
//! loader warns about it.
//!
//! Input: the first byte chooses the top heading level, the rest is the text.
#![no_main]

use kansli::load::markdown::{Fault, faults, safe_url};
use kansli::render::markdown::to_html;
use libfuzzer_sys::fuzz_target;

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "hr", "br", "em",
    "strong", "del", "a", "div", "table", "thead", "tbody", "tr", "th", "td",
];

/// The value of an attribute as a browser reads it (comrak escapes `&`, `<`, `>`, `"`).
fn unescape(value: &str) -> String {
    value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'").replace("&amp;", "&")
}

/// Checks every tag of `html`; panics on anything not allowed.
fn check(html: &str, markdown: &str) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!-- raw HTML omitted -->") {
            rest = after;
            continue;
        }
        let end = rest.find('>').unwrap_or_else(|| panic!("an unclosed tag in {html:?} from {markdown:?}"));
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let tag = tag.strip_prefix('/').unwrap_or(tag).trim_end_matches('/').trim_end();
        let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(TAGS.contains(&name), "tag <{name}> in {html:?} from {markdown:?}");
        while !attributes.is_empty() {
            let (key, value) = attributes.split_once("=\"").unwrap_or_else(|| panic!("attribute in <{tag}>"));
            let (value, after) = value.split_once('"').unwrap_or_else(|| panic!("attribute value in <{tag}>"));
            let value = unescape(value);
            match (name, key.trim()) {
                ("a", "href") => assert!(safe_url(&value), "href {value:?} from {markdown:?}"),
                ("a", "title") | ("ol", "start") => {}
                ("code", "class") => assert!(value.starts_with("language-"), "class {value:?}"),
                ("div", "class") => assert_eq!(value, "table-wrap", "class {value:?}"),
                (_, key) => panic!("attribute {key} on <{name}> from {markdown:?}"),
            }
            attributes = after.trim_start();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((level, text)) = data.split_first() else { return };
    let markdown = String::from_utf8_lossy(text);
    let html = to_html(&markdown, 1 + level % 6);
    check(&html, &markdown);
    let warned = faults(&markdown).iter().any(|f| matches!(f, Fault::Html(_)));
    assert_eq!(html.contains("<!-- raw HTML omitted -->"), warned, "{markdown:?} gave {html:?}");
});
