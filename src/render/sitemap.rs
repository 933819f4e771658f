//! For crawlers: `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`.
//!
//! The pages come from the caller (the build plan knows which pages it makes); this
//! module only turns site paths into absolute, escaped URLs. It writes no `lastmod`: the
//! model has no trustworthy change date per page, and a date that moves with every build
//! would defeat both determinism and the crawlers' caches.
//!
//! It also holds the two helpers every machine-readable artefact shares: [`absolute`]
//! (a site path as an absolute, percent-encoded URL) and [`xml_escape`].

use std::fmt::Write as _;

use super::{Artefact, urls};
use crate::model::Model;

pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The protocol's limit of URLs in one sitemap file.
const MAX_URLS: usize = 50_000;

/// `sitemap.xml` listing `pages` (site paths such as "moten/kommunchefsgruppen/2013-05-15/",
/// "beslut/index.html" or a PDF's), and `robots.txt` pointing to it.
///
/// Paths are listed once each, sorted, as absolute URLs; "index.html" is dropped so that
/// each page is listed under the URL it is linked by, and the 404 page is left out.
/// Beyond 50 000 pages `sitemap.xml` becomes an index of `sitemap-1.xml`, `sitemap-2.xml` …
pub fn sitemap(model: &Model, pages: &[String]) -> Vec<Artefact> {
    let mut locs: Vec<String> = pages
        .iter()
        .filter(|p| p.as_str() != urls::NOT_FOUND)
        .map(|p| p.strip_suffix("index.html").unwrap_or(p))
        .map(|p| absolute(model, p))
        .collect();
    locs.sort();
    locs.dedup();

    let mut out = Vec::new();
    if locs.len() <= MAX_URLS {
        out.push(Artefact::new(SITEMAP, urlset(&locs)));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (n, chunk) in locs.chunks(MAX_URLS).enumerate() {
            let path = format!("sitemap-{}.xml", n + 1);
            let _ = writeln!(index, "  <sitemap><loc>{}</loc></sitemap>", xml_escape(&absolute(model, &path)));
            out.push(Artefact::new(path, urlset(chunk)));
        }
        index.push_str("</sitemapindex>\n");
        out.insert(0, Artefact::new(SITEMAP, index));
    }
    out.push(robots(model));
    out
}

fn urlset(locs: &[String]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for loc in locs {
        let _ = writeln!(x, "  <url><loc>{}</loc></url>", xml_escape(loc));
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL.
///
/// Crawlers read robots.txt only at the root of a host, so when the site lives under a
/// sub-path this file is a template for the host's own rather than effective by itself.
pub fn robots(model: &Model) -> Artefact {
    Artefact::new(ROBOTS, format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", absolute(model, SITEMAP)))
}

/// `robots.txt` of the internal edition, which has no sitemap: nothing may be crawled,
/// should the folder ever be served by mistake.
pub fn robots_internal() -> Artefact {
    Artefact::new(ROBOTS, "# Intern version: får inte publiceras.\nUser-agent: *\nDisallow: /\n")
}

/// The absolute URL of a site path, with anything outside RFC 3986's path characters
/// percent-encoded (attachment file names may hold spaces or å, ä, ö). Site paths from
/// [`urls`] are plain ASCII and come out unchanged, equal to `urls::absolute`.
pub fn absolute(model: &Model, path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/#?".contains(&b);
        if safe {
            encoded.push(b as char);
        } else {
            let _ = write!(encoded, "%{b:02X}");
        }
    }
    urls::absolute(model, &encoded)
}

/// Text or an attribute value for XML 1.0: the five markup characters escaped, and the
/// control characters XML cannot hold at all dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a & <b> \"c\" 'd'\u{1}"), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
    }
}
