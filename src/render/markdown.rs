//! Markdown (descriptions, decisions, notes) → safe HTML, through comrak.
//!
//! Raw HTML in the source is never passed through (comrak replaces it with a comment),
//! and comrak's safe mode drops `javascript:`, `vbscript:`, `file:` and `data:` link
//! targets. Headings written in a description are pushed below the heading of the item
//! they sit in, so that every page keeps one outline.

use comrak::nodes::{NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    options
}

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
    for node in root.descendants() {
        match &mut node.data_mut().value {
            NodeValue::Heading(heading) => heading.level = (heading.level + min_heading - highest).clamp(1, 6),
            // comrak writes column alignment as the obsolete `align` attribute; the theme
            // aligns table cells itself.
            NodeValue::Table(table) => table.alignments.iter_mut().for_each(|a| *a = TableAlignment::None),
            _ => {}
        }
    }
    let mut out = String::new();
    if comrak::format_html(root, &options, &mut out).is_err() {
        return String::new();
    }
    out
}

/// A one-line plain text summary of Markdown (for feeds and lists): the first paragraph
/// without markup, shortened to about `max` characters.
pub fn plain_summary(markdown: &str, max: usize) -> String {
    let first = markdown.split("\n\n").find(|p| !p.trim().is_empty()).unwrap_or("");
    let text: String = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace(['*', '_', '`', '#'], "");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).to_string();
    format!("{cut} …")
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
        assert!(to_html("| a | b |\n|---|---|\n| 1 | 2 |", 4).contains("<table>"));
    }

    #[test]
    fn summarises_first_paragraph() {
        assert_eq!(plain_summary("**Ett** två tre\n\nFyra", 100), "Ett två tre");
        assert_eq!(plain_summary("ett två tre fyra", 9), "ett två …");
    }
}
