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
//! Paths are compared as the file system resolves them: symbolic links and `..` in the
//! part that exists are followed, so `output/../output` or a link to `output/` is the same
//! folder.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Edition;

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
    if edition == Edition::Internal {
        let public = resolve(&root.join("output"));
        let known = cache.is_some_and(|cache| super::sink::manifest_path(cache, out, false).exists());
        if resolved.starts_with(&public) || public.starts_with(&resolved) || known {
            let public = if known { out.to_path_buf() } else { root.join("output") };
            return Err(Diagnostic::error(format!(
                "den interna versionen skulle skrivas över den publika webbplatsen i {}",
                public.display()
            ))
            .with_hint("bygg den interna versionen till en egen mapp, t.ex. --internal --out intern"));
        }
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
