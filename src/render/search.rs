//! The full-text search index: pagefind, built in memory from the rendered pages.
//!
//! Only pages whose template marks their content with `data-pagefind-body` are indexed
//! (meetings, bodies, groups' years, strategy, areas); matters are not, since they repeat
//! items of meetings. The language is Swedish, so pagefind stems Swedish words. The index and its
//! browser code (pagefind-ui.js, wasm) land under `pagefind/`; nothing is fetched from
//! elsewhere at run time.

use super::Artefact;

/// The pagefind bundle for `pages` (HTML artefacts, in path order: the index depends
/// on the order pages are added), as artefacts under `pagefind/`. Pages are taken one at
/// a time, so the caller need not hold them all.
pub fn index(pages: impl IntoIterator<Item = Artefact>) -> Result<Vec<Artefact>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder().force_language("sv".to_string()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        let mut last: Option<String> = None;
        for page in pages {
            if last.as_ref().is_some_and(|last| *last >= page.path) {
                return Err(format!("{}: sidorna kom inte i sökvägsordning", page.path));
            }
            // pagefind indexes only pages marked data-pagefind-body; finding the mark
            // here spares it parsing every other page.
            let marked = page.path.ends_with(".html") && page.bytes.windows(18).any(|w| w == b"data-pagefind-body");
            if marked {
                let html = String::from_utf8(page.bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                index
                    .add_html_file(Some(page.path.clone()), None, html)
                    .await
                    .map_err(|e| format!("{}: {e}", page.path))?;
            }
            last = Some(page.path);
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
