//! Attachment files: which path may name one, and whether the file is what its name says.
//!
//! An attachment is published as it is, on the site's own address, so:
//! - its path is relative to `content/` and stays there: no absolute path, no `..`, no `\`;
//! - it is not a symbolic link (a link could lead out of `content/`; kansli follows none);
//! - it is not of a kind a browser runs on the site (HTML, SVG, JavaScript …);
//! - a file whose name says PDF, PNG, JPEG, GIF, WebP, Office or OpenDocument begins the
//!   way such a file does, so that a reader does not download something else.
//!
//! The loader read the first bytes of every file; this module only looks at them.

/// A file under `content/` that is not a source.
#[derive(Clone, Debug, Default)]
pub(crate) struct AssetFile {
    pub(crate) size: u64,
    pub(crate) symlink: bool,
    /// Its first bytes (`load::HEAD_BYTES`).
    pub(crate) head: Vec<u8>,
}

/// Every file under `content/` that is not a source, by its path below `content/`.
pub(crate) type Assets = rustc_hash::FxHashMap<String, AssetFile>;

/// Why a written path may not name an attachment: (message, label, hint).
pub(crate) fn path_fault(written: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let windows_absolute =
        written.len() >= 2 && written.as_bytes()[1] == b':' && written.as_bytes()[0].is_ascii_alphabetic();
    if written.starts_with('/') || written.starts_with('~') || windows_absolute {
        Some((
            "bilagans sökväg är absolut",
            "sökvägen räknas från content/",
            "lägg filen under content/, t.ex. i bilagor/, och skriv sökvägen därifrån: \"bilagor/utredning.pdf\"",
        ))
    } else if written.contains('\\') {
        Some((
            "bilagans sökväg har omvända snedstreck",
            "skriv / mellan mapparna",
            "skriv t.ex. \"bilagor/2013/utredning.pdf\"",
        ))
    } else if written.split('/').any(|part| part == "..") {
        Some((
            "bilagans sökväg går ut ur content/",
            "`..` är inte tillåtet",
            "sökvägen räknas från content/ och stannar där; lägg filen under content/, t.ex. i bilagor/",
        ))
    } else {
        None
    }
}

/// Why a path through a linked folder may not name an attachment.
pub(crate) fn linked_folder() -> (&'static str, &'static str, &'static str) {
    (
        "bilagan ligger i en mapp som är en symbolisk länk",
        "kansli följer inga länkar",
        "lägg själva mappen med filerna i content/ i stället för en länk; så kan inget utanför content/ publiceras",
    )
}

/// Extensions a browser would run as part of the site.
const ACTIVE: &[&str] = &["html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl", "xslt", "swf"];

/// What a file with this extension begins with: (its kind in Swedish, the signatures).
fn signatures(extension: &str) -> Option<(&'static str, &'static [&'static [u8]])> {
    const ZIP: &[&[u8]] = &[b"PK\x03\x04"];
    const OLE: &[&[u8]] = &[b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"];
    Some(match extension {
        "pdf" => ("en PDF-fil", &[b"%PDF-"]),
        "png" => ("en PNG-bild", &[b"\x89PNG\r\n\x1a\n"]),
        "jpg" | "jpeg" => ("en JPEG-bild", &[b"\xFF\xD8\xFF"]),
        "gif" => ("en GIF-bild", &[b"GIF87a", b"GIF89a"]),
        "webp" => ("en WebP-bild", &[b"RIFF"]),
        "docx" | "xlsx" | "pptx" => ("en Office-fil", ZIP),
        "odt" | "ods" | "odp" => ("en OpenDocument-fil", ZIP),
        "zip" => ("en zip-fil", ZIP),
        "doc" | "xls" | "ppt" => ("en äldre Office-fil", OLE),
        "rtf" => ("en RTF-fil", &[b"{\\rtf"]),
        _ => return None,
    })
}

/// What the first bytes say a file is, for the hint.
fn sniff(head: &[u8]) -> Option<&'static str> {
    let kinds: [(&[u8], &str); 9] = [
        (b"%PDF-", "en PDF-fil"),
        (b"\x89PNG", "en PNG-bild"),
        (b"\xFF\xD8\xFF", "en JPEG-bild"),
        (b"GIF8", "en GIF-bild"),
        (b"PK\x03\x04", "en zip-fil (eller Office-fil)"),
        (b"\xD0\xCF\x11\xE0", "en äldre Office-fil"),
        (b"{\\rtf", "en RTF-fil"),
        (b"<!DOCTYPE", "en HTML-sida"),
        (b"<html", "en HTML-sida"),
    ];
    let trimmed = head.trim_ascii_start();
    kinds.iter().find(|(magic, _)| head.starts_with(magic) || trimmed.starts_with(magic)).map(|(_, kind)| *kind)
}

/// Why this file may not be published as an attachment: (message, label, hint).
pub(crate) fn file_fault(path: &str, file: &AssetFile) -> Option<(String, String, String)> {
    if file.symlink {
        return Some((
            "bilagan är en symbolisk länk".into(),
            "kansli följer inga länkar".into(),
            "lägg själva filen i content/ i stället för en länk; så kan inget utanför content/ publiceras".into(),
        ));
    }
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if ACTIVE.contains(&extension.as_str()) {
        return Some((
            format!("bilagor av typen .{extension} publiceras inte"),
            "en webbläsare kan köra den som en del av webbplatsen".into(),
            "spara bilagan som PDF".into(),
        ));
    }
    let (kind, magic) = signatures(&extension)?;
    if file.size == 0 {
        return Some((
            "bilagan är tom".into(),
            "filen har 0 byte".into(),
            format!("lägg dit filen igen; den ska vara {kind}"),
        ));
    }
    let webp_ok = extension != "webp" || file.head.get(8..12) == Some(b"WEBP".as_slice());
    if magic.iter().any(|m| file.head.starts_with(m)) && webp_ok {
        return None;
    }
    let sniffed = sniff(&file.head);
    let actual = match sniffed {
        Some(actual) => format!("filen ser ut att vara {actual}"),
        None => "filens innehåll är av en annan sort".into(),
    };
    // A web page renamed: its own extension would not be published either.
    let hint = if sniffed == Some("en HTML-sida") {
        format!("öppna sidan i en webbläsare och skriv ut eller spara den som {kind}; HTML publiceras inte som bilaga")
    } else {
        format!("spara eller exportera filen som {kind} igen, eller ge den den ändelse som hör till dess innehåll")
    };
    Some((format!("bilagan är inte {kind}"), actual, hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(head: &[u8]) -> AssetFile {
        AssetFile { size: head.len() as u64, symlink: false, head: head.to_vec() }
    }

    #[test]
    fn paths_stay_in_content() {
        for ok in ["bilagor/a.pdf", "a.pdf", "bilagor/..a.pdf", "bilagor/a..pdf"] {
            assert!(path_fault(ok).is_none(), "{ok}");
        }
        for bad in ["/etc/passwd", "C:/x.pdf", "c:\\x.pdf", "~/x.pdf", "../x.pdf", "bilagor/../../x", "a\\b.pdf"] {
            assert!(path_fault(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn types_follow_the_content() {
        assert!(file_fault("a.pdf", &file(b"%PDF-1.7\n")).is_none());
        assert!(file_fault("a.PNG", &file(b"\x89PNG\r\n\x1a\n....")).is_none());
        assert!(file_fault("a.docx", &file(b"PK\x03\x04....")).is_none());
        assert!(file_fault("a.csv", &file(b"a;b\n")).is_none(), "text is not checked");
        assert!(file_fault("a.webp", &file(b"RIFF\0\0\0\0WEBPVP8 ")).is_none());
        assert!(file_fault("a.webp", &file(b"RIFF\0\0\0\0WAVEfmt ")).is_some());
        let (message, label, _) = file_fault("a.pdf", &file(b"\x89PNG\r\n\x1a\n")).unwrap();
        assert_eq!(
            (message.as_str(), label.as_str()),
            ("bilagan är inte en PDF-fil", "filen ser ut att vara en PNG-bild")
        );
        assert!(file_fault("a.svg", &file(b"<svg/>")).is_some());
        assert!(file_fault("a.pdf", &file(b"")).is_some());
    }
}
