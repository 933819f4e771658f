//! Markdown (descriptions, decisions, notes) → safe HTML, or a plain tree for typst.
//!
//! The dialect and what is safe are `load::markdown`'s, which also warns about what is
//! dropped here. HTML: raw HTML in the source is never passed through (comrak replaces it
//! with a comment), and a link that does not go to the web or to an e-mail address
//! (`javascript:`, `data:`, a relative path …) is shown as its text. Images become links,
//! so a page never loads anything from elsewhere. Headings are placed below the heading
//! of the item they sit in.
//!
//! typst: `to_blocks` gives the document as JSON data (paragraphs, lists, emphasis,
//! links, tables) that the typst templates lay out. Every text stays a string value in
//! typst, which typst never parses as markup, so nothing written in a source can run
//! typst code however many `#`, `$` or `\` it contains.

use std::borrow::Cow;

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, format_html, parse_document};
use serde_json::{Value, json};

use super::format;
use crate::load::markdown::{options, safe_url};

/// Renders Markdown to HTML. The text's highest heading becomes `<h{min_heading}>` and the
/// others keep their distance to it, so a writer may start at `#` or at `###` alike.
pub fn to_html(markdown: &str, min_heading: u8) -> String {
    if markdown.trim().is_empty() {
        return String::new();
    }
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    let highest = root
        .descendants()
        .filter_map(|n| match &n.data().value {
            NodeValue::Heading(h) => Some(h.level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    // A link that may not be published leaves its text in its place.
    let unsafe_links: Vec<&AstNode<'_>> = root
        .descendants()
        .filter(|n| matches!(&n.data().value, NodeValue::Link(l) | NodeValue::Image(l) if !safe_url(&l.url)))
        .collect();
    for link in unsafe_links {
        for child in link.children().collect::<Vec<_>>() {
            link.insert_before(child);
        }
        link.detach();
    }
    for node in root.descendants() {
        match &mut node.data_mut().value {
            NodeValue::Heading(heading) => heading.level = (heading.level + min_heading - highest).clamp(1, 6),
            // comrak writes column alignment as the obsolete `align` attribute; the theme
            // aligns table cells itself.
            NodeValue::Table(table) => table.alignments.iter_mut().for_each(|a| *a = TableAlignment::None),
            NodeValue::Text(text) => {
                if let Cow::Owned(kept) = format::keep_together(text) {
                    *text = kept.into();
                }
            }
            // An image would be a request to another site: show it as a link instead.
            value @ NodeValue::Image(_) => {
                if let NodeValue::Image(link) = std::mem::replace(value, NodeValue::Text(String::new().into())) {
                    *value = NodeValue::Link(link);
                }
            }
            _ => {}
        }
    }
    let mut out = String::new();
    if format_html(root, &options, &mut out).is_err() {
        return String::new();
    }
    // A wide table scrolls in its own box instead of widening the page (WCAG 1.4.10);
    // the theme's script makes the box focusable when it scrolls. Every `<table>` here is
    // comrak's: raw HTML never passes through.
    if out.contains("<table>") {
        out = out.replace("<table>", "<div class=\"table-wrap\"><table>").replace("</table>", "</table></div>");
    }
    out
}

/// The Markdown as a tree of blocks for the typst templates (see `common.typ`'s `md`).
pub fn to_blocks(markdown: &str) -> Value {
    if markdown.trim().is_empty() {
        return Value::Array(Vec::new());
    }
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    Value::Array(blocks(root))
}

fn blocks<'a>(parent: &'a AstNode<'a>) -> Vec<Value> {
    parent.children().filter_map(block).collect()
}

fn block<'a>(node: &'a AstNode<'a>) -> Option<Value> {
    let value = node.data().value.clone();
    Some(match value {
        NodeValue::Paragraph => json!({ "t": "p", "c": inlines(node) }),
        NodeValue::Heading(h) => json!({ "t": "h", "level": h.level, "c": inlines(node) }),
        NodeValue::List(list) => {
            let items: Vec<Value> = node.children().map(|item| Value::Array(blocks(item))).collect();
            match list.list_type {
                ListType::Bullet => json!({ "t": "ul", "items": items }),
                ListType::Ordered => json!({ "t": "ol", "start": list.start, "items": items }),
            }
        }
        NodeValue::BlockQuote => json!({ "t": "quote", "c": blocks(node) }),
        NodeValue::CodeBlock(code) => json!({ "t": "code", "text": code.literal.trim_end() }),
        NodeValue::ThematicBreak => json!({ "t": "hr" }),
        NodeValue::Table(table) => {
            // As the source aligns its columns (`---:` for amounts).
            let align: Vec<&str> = table
                .alignments
                .iter()
                .map(|a| match a {
                    TableAlignment::Right => "right",
                    TableAlignment::Center => "center",
                    TableAlignment::Left | TableAlignment::None => "left",
                })
                .collect();
            let mut rows: Vec<Value> = node
                .children()
                .map(|row| Value::Array(row.children().map(|cell| Value::Array(inlines(cell))).collect()))
                .collect();
            let header = if rows.is_empty() { Value::Array(Vec::new()) } else { rows.remove(0) };
            json!({ "t": "table", "header": header, "rows": rows, "align": align })
        }
        // Raw HTML is not content.
        NodeValue::HtmlBlock(_) => return None,
        _ => json!({ "t": "p", "c": inlines(node) }),
    })
}

fn inlines<'a>(parent: &'a AstNode<'a>) -> Vec<Value> {
    let mut out = Vec::new();
    for node in parent.children() {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(text) => out.push(Value::String(format::keep_together(&text).into_owned())),
            NodeValue::SoftBreak => out.push(Value::String(" ".into())),
            NodeValue::LineBreak => out.push(json!({ "t": "br" })),
            NodeValue::Code(code) => out.push(json!({ "t": "code", "text": code.literal })),
            NodeValue::Emph => out.push(json!({ "t": "emph", "c": inlines(node) })),
            NodeValue::Strong => out.push(json!({ "t": "strong", "c": inlines(node) })),
            NodeValue::Strikethrough => out.push(json!({ "t": "strike", "c": inlines(node) })),
            NodeValue::Link(link) | NodeValue::Image(link) => {
                if safe_url(&link.url) {
                    out.push(json!({ "t": "link", "url": link.url, "c": inlines(node) }));
                } else {
                    out.extend(inlines(node));
                }
            }
            NodeValue::HtmlInline(_) => {}
            _ => out.extend(inlines(node)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_raw_html_and_script_links() {
        let html = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>fet</b>", 4);
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn shifts_headings_below_the_item() {
        assert_eq!(to_html("# Rubrik", 4), "<h4>Rubrik</h4>\n");
        assert_eq!(to_html("### Rubrik\n\n#### Under", 3), "<h3>Rubrik</h3>\n<h4>Under</h4>\n");
        assert_eq!(to_html("# A\n\n#### Djup", 4), "<h4>A</h4>\n<h6>Djup</h6>\n");
    }

    #[test]
    fn renders_lists_and_tables() {
        assert!(to_html("- a\n- b", 4).contains("<li>a</li>"));
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |", 4).contains("<div class=\"table-wrap\"><table>"));
    }

    #[test]
    fn images_become_links() {
        let html = to_html("![karta](https://example.com/karta.png)", 4);
        assert!(!html.contains("<img"));
        assert!(html.contains("<a href=\"https://example.com/karta.png\">karta</a>"));
    }

    #[test]
    fn blocks_keep_typst_syntax_as_plain_strings() {
        let tree = to_blocks("Se #read(\"/etc/passwd\") och $x$ *fet* [l](javascript:alert(1))\n\n- a");
        assert_eq!(
            tree,
            json!([
                { "t": "p", "c": ["Se #read(\"/etc/passwd\") och $x$ ", { "t": "emph", "c": ["fet"] }, " ", "l"] },
                { "t": "ul", "items": [[{ "t": "p", "c": ["a"] }]] }
            ])
        );
    }
}
