//! Where a build may write: the rules for the output folder.
//!
//! Publishing replaces the whole output folder, so a folder that holds the sources would
//! lose them, and the internal edition written over the public site would publish
//! everything confidential. Both are refused here, before anything is written, as usage
//! errors: the public site goes to `output/` unless told otherwise; the internal edition
//! must be told where, and never into, inside or around the public folder (`output/`, or
//! any folder the site's cache knows a public build went to). The preview edition (drafts
//! shown) is `serve`'s, from memory, and is never written to a folder.
//!
//! The folder is replaced whole, so it must also be new, empty, or one kansli built: a
//! build never deletes a web root's other sites or hand-placed files. Every output holds
//! [`MARKER`], which names its edition; an internal build is refused over or inside a
//! folder marked public (a deployed copy of the site too), and a mount point, which
//! cannot be swapped, is refused before anything is built.
//!
//! Paths are compared as the file system resolves them: symbolic links and `..` in the
//! part that exists are followed, so `output/../output` or a link to `output/` is the same
//! folder.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Edition;

/// The file at the top of every output folder: kansli built it, as which edition.
pub const MARKER: &str = ".kansli-utmapp";

/// The text of [`MARKER`] for `edition`: its first line is what [`marked`] reads.
pub fn marker(edition: Edition) -> String {
    let name = if edition == Edition::Internal { "internal" } else { "public" };
    format!("kansli: {name}\nDen här mappen byggs av kansli. Varje bygge ersätter hela mappen.\n")
}

/// The edition a folder's [`MARKER`] names, if it has one.
fn marked(folder: &Path) -> Option<Edition> {
    let text = std::fs::read_to_string(folder.join(MARKER)).ok()?;
    match text.lines().next()? {
        "kansli: public" => Some(Edition::Public),
        "kansli: internal" => Some(Edition::Internal),
        _ => None,
    }
}

/// The output folder a build of the site in `root` writes to: `out` if given, else
/// `root/output` (public edition only). `cache` is the site's cache folder, which knows
/// where earlier public builds went.
pub fn output_folder(
    root: &Path,
    out: Option<&Path>,
    edition: Edition,
    cache: Option<&Path>,
) -> Result<PathBuf, Diagnostic> {
    let out = match (out, edition) {
        (Some(out), _) => out.to_path_buf(),
        (None, Edition::Public | Edition::Preview) => root.join("output"),
        (None, Edition::Internal) => {
            return Err(Diagnostic::error("den interna versionen behöver en egen utmapp").with_hint(
                "ange --out MAPP, utanför output/: den publika webbplatsen skrivs aldrig över med den interna",
            ));
        }
    };
    check(root, &out, edition, cache)?;
    Ok(out)
}

/// Checks that a build of `edition` may replace the folder `out`.
pub fn check(root: &Path, out: &Path, edition: Edition, cache: Option<&Path>) -> Result<(), Diagnostic> {
    if edition == Edition::Preview {
        return Err(Diagnostic::error("förhandsversionen med utkast skrivs aldrig till en mapp")
            .with_hint("visa utkasten med kansli serve --drafts; kansli build bygger den publika webbplatsen"));
    }
    let resolved = resolve(out);
    let site = resolve(root);
    if site.starts_with(&resolved) {
        return Err(Diagnostic::error(format!("utmappen {} innehåller webbplatsens källor", out.display()))
            .with_hint("bygget ersätter hela utmappen; ange en egen mapp för webbplatsen, t.ex. --out output"));
    }
    for folder in ["content", "themes"] {
        if resolved.starts_with(site.join(folder)) {
            return Err(Diagnostic::error(format!("utmappen {} ligger i {folder}/", out.display()))
                .with_hint("ange en mapp utanför content/ och themes/, t.ex. --out output"));
        }
    }
    let manifest = |internal| cache.is_some_and(|cache| super::sink::manifest_path(cache, out, internal).exists());
    if edition == Edition::Internal {
        let public = resolve(&root.join("output"));
        let known = manifest(false);
        // A public site kansli built, this folder or one around it (a deployed copy too).
        let marked_public = resolved.ancestors().find(|folder| marked(folder) == Some(Edition::Public));
        if resolved.starts_with(&public) || public.starts_with(&resolved) || known || marked_public.is_some() {
            let public = match marked_public {
                _ if known => out.to_path_buf(),
                Some(folder) => folder.to_path_buf(),
                None => root.join("output"),
            };
            return Err(Diagnostic::error(format!(
                "den interna versionen skulle skrivas över den publika webbplatsen i {}",
                public.display()
            ))
            .with_hint("bygg den interna versionen till en egen mapp, t.ex. --internal --out intern"));
        }
    }
    // The folder is replaced whole: it must be new, empty, or one kansli built.
    if std::fs::symlink_metadata(out).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Err(Diagnostic::error(format!("utmappen {} är en länk", out.display())).with_hint(format!(
            "bygget byter ut mappen och skulle ersätta länken; ange mappen den pekar på, --out {}",
            resolved.display()
        )));
    }
    let Ok(meta) = std::fs::metadata(out) else { return Ok(()) };
    if !meta.is_dir() {
        return Err(Diagnostic::error(format!("utmappen {} är en fil, inte en mapp", out.display()))
            .with_hint("bygget blir en mapp med hela webbplatsen; ange en mapp, t.ex. --out output"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let parent = resolved.parent().and_then(|p| std::fs::metadata(p).ok());
        if parent.is_some_and(|parent| parent.dev() != meta.dev()) {
            return Err(Diagnostic::error(format!("utmappen {} är en monteringspunkt", out.display())).with_hint(
                format!(
                    "bygget byter ut hela mappen på en gång, och en monteringspunkt kan inte bytas ut; bygg till \
                     en mapp i den, t.ex. --out {}, och låt webbservern visa den mappen",
                    out.join("webbplats").display()
                ),
            ));
        }
    }
    let empty = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_none());
    if !empty && marked(out).is_none() && !manifest(false) && !manifest(true) {
        return Err(Diagnostic::error(format!(
            "utmappen {} innehåller filer som kansli inte har byggt",
            out.display()
        ))
        .with_hint(
            "bygget ersätter hela utmappen, och de filerna skulle försvinna; ange en ny eller tom mapp \
                 (eller töm mappen själv om filerna får tas bort)",
        ));
    }
    Ok(())
}

/// `path` made absolute, with the part that exists resolved by the file system (links,
/// `..`) and the rest normalised by its components.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            break canonical;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            // Nothing exists (or `..` ends the path): normalise it whole.
            _ => {
                rest.clear();
                break normalise(&absolute);
            }
        }
    };
    let mut out = base;
    for name in rest.iter().rev() {
        out.push(name);
    }
    normalise(&out)
}

/// Removes `.` and `..` components without asking the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dot_dot_and_missing_folders() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(base.join("a")).unwrap();
        assert_eq!(resolve(&base.join("a/../b/c/../d")), base.join("b/d"));
        assert_eq!(resolve(&base.join("a/./x")), base.join("a/x"));
    }

    #[cfg(unix)]
    #[test]
    fn follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(base.join("output")).unwrap();
        std::os::unix::fs::symlink(base.join("output"), base.join("link")).unwrap();
        assert_eq!(resolve(&base.join("link/x")), base.join("output/x"));
    }
}
