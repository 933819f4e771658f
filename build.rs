//! Embeds the default theme (templates, static assets, strings, typst templates, fonts)
//! into the binary, so that kansli builds a site that has no theme of its own. The file
//! list is generated from the folder, so it cannot drift from it.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read when the script runs, not baked in when it is compiled: a clone elsewhere that
    // shares the target folder reuses this compiled script.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    // A missing or unreadable theme folder must fail the build, not embed an empty theme.
    assert!(files.iter().any(|f| f.starts_with("templates/")), "no templates in {}", root.display());
    files.sort();
    let mut out = String::from(
        "/// Every file of themes/default, relative to it.\npub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for rel in &files {
        let full = root.join(rel);
        let _ = writeln!(out, "    ({rel:?}, include_bytes!({:?})),", full.display().to_string());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
