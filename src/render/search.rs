//! The full-text search index: pagefind, built in memory from the rendered pages.
//!
//! Only pages whose template marks their content with `data-pagefind-body` are indexed
//! (meetings, bodies, groups' years, strategy, areas); matters are not, since they repeat
//! items of meetings. The language is Swedish, so pagefind stems Swedish words. The index and its
//! browser code (pagefind-ui.js, wasm) land under `pagefind/`; nothing is fetched from
//! elsewhere at run time.

use super::Artefact;

/// The pagefind bundle for `pages` (HTML artefacts, in any order), as artefacts under
/// `pagefind/`.
pub fn index(pages: &[Artefact]) -> Result<Vec<Artefact>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder().force_language("sv".to_string()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        // pagefind indexes only pages marked data-pagefind-body; finding the mark here
        // spares it parsing every other page.
        let marked =
            |p: &&Artefact| p.path.ends_with(".html") && p.bytes.windows(18).any(|w| w == b"data-pagefind-body");
        // The index depends on the order pages are added: by path, whatever the caller's.
        let mut pages: Vec<&Artefact> = pages.iter().filter(marked).collect();
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        for page in pages {
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index
                .add_html_file(Some(page.path.clone()), None, html)
                .await
                .map_err(|e| format!("{}: {e}", page.path))?;
        }
        index.build_indexes().await.map_err(|e| e.to_string())?;
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<Artefact> = files
            .into_iter()
            .map(|f| Artefact::new(format!("pagefind/{}", f.filename.to_string_lossy().replace('\\', "/")), f.contents))
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}
