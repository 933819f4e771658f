//! `kansli serve`: what it serves equals what a clean build writes, after any edits; the
//! browser is told to reload or shown the errors; deleted pages are gone at once; the
//! last good site is served while the sources are broken; nothing outside the site is
//! reachable; a soak of rapid saves, renames and deletes ends equal to a clean build.

mod common;
#[path = "common/edits.rs"]
mod edits;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{TODAY, repo};
use edits::{Edit, apply, copy_dir, edits, restore, tree};
use kansli::build::{Options as BuildOptions, Quiet, build};
use kansli::model::Edition;
use kansli::serve::{Answer, Options, Outcome, Server, Session, Silent};
use kansli::source::FsSource;
use proptest::prelude::*;

/// A copy of the demo site in a temporary folder.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    copy_dir(&repo().join("examples/demo"), &site);
    (work, site)
}

/// What a clean build of `site` writes (with PDFs, as serve links them), by path.
fn clean_build(site: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let source = FsSource::with_today(site, TODAY);
    let options = BuildOptions { out: out.to_path_buf(), edition: Edition::Public, pdfs: true, cache: None };
    build(&source, &options, &Quiet).expect("the site builds clean");
    let files = tree(out);
    std::fs::remove_dir_all(out).unwrap();
    files
}

/// `html` without the sizes of the build's own files (PDFs, open data) in its file links:
/// `serve` typesets a PDF only when it is asked for, so a page it serves cannot know the
/// size. Attachments (under `filer/`) keep theirs.
fn without_own_sizes(html: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else { return html.to_vec() };
    const LINK: &str = "<a class=\"file\" href=\"";
    const META: &str = "<span class=\"file-meta\">(";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINK) {
        let href_end = at + LINK.len() + rest[at + LINK.len()..].find('"').unwrap();
        let own = !rest[at + LINK.len()..href_end].contains("filer/");
        let Some(meta) = rest[href_end..].find(META).map(|m| href_end + m + META.len()) else { break };
        let close = meta + rest[meta..].find(')').unwrap();
        match rest[meta..close].split_once(", ") {
            Some((kind, _)) if own => {
                out.push_str(&rest[..meta]);
                out.push_str(kind);
            }
            _ => out.push_str(&rest[..close]),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Asserts that `get` answers every file of `clean` with the same bytes, and that the
/// served paths are exactly the clean build's.
///
/// The search index is the exception: it holds the pages' text, sizes of PDFs included
/// (see [`without_own_sizes`]), so only its presence is compared.
fn assert_serves(served: &[String], clean: &BTreeMap<String, Vec<u8>>, get: impl Fn(&str) -> Vec<u8>, what: &str) {
    let search = |path: &&String| path.starts_with(kansli::render::search::DIR);
    assert!(served.iter().any(|p| p == "sok/data/meta.json"), "{what}: the search index is served");
    let served: Vec<String> = served.iter().filter(|p| !search(p)).cloned().collect();
    let clean: BTreeMap<&String, &Vec<u8>> = clean.iter().filter(|(p, _)| !search(p)).collect();
    let only_served: Vec<&String> = served.iter().filter(|p| !clean.contains_key(p)).collect();
    let only_built: Vec<&&String> = clean.keys().filter(|p| !served.contains(p)).collect();
    assert!(only_served.is_empty() && only_built.is_empty(), "{what}: {only_served:?} / {only_built:?}");
    for (path, bytes) in clean {
        let (served, bytes) = if path.ends_with(".html") {
            (without_own_sizes(&get(path)), without_own_sizes(bytes))
        } else {
            (get(path), bytes.to_vec())
        };
        if served != bytes {
            let at = served.iter().zip(&bytes).position(|(a, b)| a != b).unwrap_or(served.len().min(bytes.len()));
            let context =
                |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(200)..(at + 200).min(b.len())]).into_owned();
            panic!(
                "{what}: {path} differs from a clean build:\nserved: {}\nbuilt:  {}",
                context(&served),
                context(&bytes)
            );
        }
    }
}

fn session_get(generation: &kansli::serve::Generation, path: &str) -> Vec<u8> {
    let key = path.strip_suffix("index.html").unwrap_or(path);
    match generation.get(key) {
        Answer::Found { bytes, .. } => bytes.to_vec(),
        other => panic!("{path}: {other:?}"),
    }
}

fn built(outcome: Option<Outcome>) -> Option<Arc<kansli::serve::Generation>> {
    match outcome? {
        Outcome::Built { generation, .. } => Some(generation),
        Outcome::Failed { .. } => None,
    }
}

/// Applies `steps` through a session, the way the watcher reports them, and compares
/// the served site with a clean build at the end (PDFs too, when `pdfs`).
fn run(steps: &[Edit], pdfs: bool) {
    let (work, site) = demo();
    let mut session = Session::new(&site, Edition::Public).unwrap().with_today(Some(TODAY));
    let mut generation = built(Some(session.build())).expect("the demo builds");
    for (step, edit) in steps.iter().enumerate() {
        let undo = apply(&site, edit, step);
        let changed: Vec<PathBuf> = undo.iter().map(|(path, _)| path.clone()).collect();
        match session.update(&changed, false) {
            Some(Outcome::Built { generation: next, .. }) => {
                assert_eq!(next.number(), generation.number() + 1, "step {step} {edit:?}");
                generation = next;
            }
            Some(Outcome::Failed { .. }) => {
                restore(undo.clone());
                generation = built(session.update(&changed, false)).expect("restoring the sources fixes them");
                continue;
            }
            None => {
                // Only an edit that leaves every file as it was may change nothing.
                let same = undo.iter().all(|(path, before)| std::fs::read(path).ok() == *before);
                assert!(same, "step {step} {edit:?}: {changed:?} changed nothing");
            }
        }
        // A deleted or moved meeting's page is gone at once.
        for (path, _) in &undo {
            if !path.exists()
                && let Some(page) = meeting_page(&site, path)
            {
                assert!(matches!(generation.get(&page), Answer::NotFound(_)), "step {step}: {page} still served");
            }
        }
    }
    let clean = clean_build(&site, &work.path().join("ren"));
    let clean: BTreeMap<String, Vec<u8>> =
        clean.into_iter().filter(|(path, _)| pdfs || !path.ends_with(".pdf")).collect();
    let served: Vec<String> = generation.paths().into_iter().filter(|path| pdfs || !path.ends_with(".pdf")).collect();
    assert_serves(&served, &clean, |path| session_get(&generation, path), &format!("{steps:?}"));
}

/// The site path of the page of the meeting file `path`.
fn meeting_page(site: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(site.join("content/meetings")).ok()?;
    let body = rel.parent()?.to_str()?;
    let date = rel.file_stem()?.to_str()?;
    Some(format!("moten/{body}/{date}/"))
}

/// A save that leaves a file as it was, or a save reported twice (editors and the watcher
/// do both), makes no new generation: open pages reload once per real change, and each
/// reload shows it.
#[test]
fn a_file_saved_as_it_was_makes_no_new_generation() {
    let (_work, site) = demo();
    let mut session = Session::new(&site, Edition::Public).unwrap().with_today(Some(TODAY));
    let first = built(Some(session.build())).expect("the demo builds");
    let file = site.join("content/meetings/kommunchefsgruppen/2025-01-22.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = vec![file.clone()];

    std::fs::write(&file, &text).unwrap();
    assert!(session.update(&changed, false).is_none(), "the same bytes again are no change");

    let edited = text.replacen("title = \"", "title = \"Ändrad: ", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, &edited).unwrap();
    let second = built(session.update(&changed, false)).expect("the edit builds");
    assert_eq!(second.number(), first.number() + 1);
    let page = String::from_utf8(session_get(&second, "moten/kommunchefsgruppen/2025-01-22/index.html")).unwrap();
    assert!(page.contains("Ändrad: "));
    // The same save reported once more, as a late event of the watcher.
    assert!(session.update(&changed, false).is_none(), "a save seen twice is one change");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::cases(3), failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn served_site_equals_a_clean_build_after_random_edits(steps in proptest::collection::vec(edits(), 4..10)) {
        run(&steps, false);
    }
}

#[test]
fn served_site_with_pdfs_equals_a_clean_build() {
    run(&[Edit::ChangeText(3), Edit::RenameMeeting(5, 9), Edit::ChangeTemplate, Edit::ChangeAttachment], true);
}

// ---------------------------------------------------------------------------------------
// Over HTTP, with the watcher.

fn start(site: &Path) -> Server {
    let mut options = Options::new(site);
    options.port = 0;
    options.today = Some(TODAY);
    Server::start(&options, Arc::new(Silent)).expect("the server starts")
}

struct Response {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET of a raw request target (sent as given, so `..` stays in it).
fn get(addr: SocketAddr, target: &str) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response");
    let headers = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = headers[9..12].parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 2 + size + 2..];
    }
}

/// The live-reload event stream, as a browser page follows it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(stream, "GET /__kansli/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        Events { reader: BufReader::new(stream) }
    }

    /// The next state the server sends.
    fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.reader.read_line(&mut line).unwrap() > 0, "the event stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
    }

    /// The next state whose generation or errors differ from `than`'s.
    fn next_after(&mut self, than: &serde_json::Value) -> serde_json::Value {
        loop {
            let state = self.next();
            if state["generation"] != than["generation"] || state["errors"] != than["errors"] {
                return state;
            }
        }
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn server_reloads_pages_shows_errors_and_forgets_deleted_pages() {
    let (_work, site) = demo();
    let server = start(&site);
    let addr = server.addr();
    assert!(addr.ip().is_loopback(), "serve binds 127.0.0.1 unless told otherwise");
    let mut events = Events::open(addr);
    let first = events.next();
    assert_eq!(first["generation"], 1);
    assert_eq!(first["errors"], serde_json::json!([]));

    // Every HTML page carries the live-reload script; nothing is cached.
    let page = "/moten/kommunchefsgruppen/2025-01-22/";
    let start_page = get(addr, page);
    assert_eq!(start_page.status, 200);
    assert!(start_page.text().contains("<script src=\"/__kansli/live.js\" data-generation=\"1\"></script></body>"));
    assert!(start_page.headers.contains("cache-control: no-store"));
    assert_eq!(get(addr, "/__kansli/live.js").status, 200);

    // A save: the page shows it, and open pages are told to reload.
    let file = site.join("content/meetings/kommunchefsgruppen/2025-01-22.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    edit(&file, "title = \"", "title = \"Sparad ändring: ");
    let second = events.next_after(&first);
    assert_eq!(second["generation"], 2);
    assert!(get(addr, page).text().contains("Sparad ändring: "));

    // A typo: the errors go to the browser with file, line and column; the last good
    // site is still served.
    std::fs::write(&file, original.replacen("date = ", "date = 20x", 1)).unwrap();
    let broken = events.next_after(&second);
    assert_eq!(broken["generation"], 2);
    let error = &broken["errors"][0];
    assert_eq!(error["file"], "content/meetings/kommunchefsgruppen/2025-01-22.toml");
    assert!(error["line"].as_u64().unwrap() > 0 && error["column"].as_u64().unwrap() > 0, "{error}");
    assert!(error["text"].as_str().unwrap().starts_with("fel: "), "{error}");
    let still = get(addr, page);
    assert_eq!(still.status, 200);
    assert!(still.text().contains("Sparad ändring: "), "the last good page is served");

    // Fixed: a new generation, no errors.
    std::fs::write(&file, &original).unwrap();
    let fixed = events.next_after(&broken);
    assert_eq!((fixed["generation"].as_u64(), fixed["errors"].as_array().map(Vec::len)), (Some(3), Some(0)));
    assert!(!get(addr, page).text().contains("Sparad ändring: "));

    // A deleted meeting that nothing refers to: its page and PDF are gone at once.
    let gone = site.join("content/meetings/regionradet/2026-12-10.toml");
    assert_eq!(get(addr, "/moten/regionradet/2026-12-10/").status, 200);
    std::fs::remove_file(&gone).unwrap();
    let after = events.next_after(&fixed);
    assert_eq!(after["generation"], 4);
    let missing = get(addr, "/moten/regionradet/2026-12-10/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("</html>"), "the site's own 404 page");
    assert!(!get(addr, "/kalender/").text().contains("regionradet/2026-12-10"), "and it is listed nowhere");

    // A new meeting, saved atomically: a hidden temporary file renamed into place.
    let folder = site.join("content/meetings/kommunchefsgruppen");
    let temp = folder.join(".2024-02-03.toml.tmp");
    std::fs::write(&temp, original.replacen("date = 2025-01-22", "date = 2024-02-03", 1)).unwrap();
    std::fs::rename(&temp, folder.join("2024-02-03.toml")).unwrap();
    let added = events.next_after(&after);
    assert_eq!(added["errors"], serde_json::json!([]), "{added}");
    assert_eq!(get(addr, "/moten/kommunchefsgruppen/2024-02-03/").status, 200);

    // A page without its closing slash is redirected.
    let redirect = get(addr, "/kalender");
    assert_eq!(redirect.status, 308);
    assert!(redirect.headers.contains("location: /kalender/"));

    server.stop();
    assert!(TcpStream::connect(addr).is_err(), "stopped: nothing listens");
}

/// The demo has no themes/ folder: making one, with a template override, is seen too.
#[test]
fn a_new_theme_folder_and_template_reach_the_pages() {
    let (_work, site) = demo();
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::open(addr);
    let first = events.next();
    let template = site.join("themes/default/templates/meeting.html");
    std::fs::create_dir_all(template.parent().unwrap()).unwrap();
    let base = std::fs::read_to_string(repo().join("themes/default/templates/meeting.html")).unwrap();
    let anchor = "<h1 data-search-title>";
    std::fs::write(&template, base.replacen(anchor, &format!("<p class=\"mall\">ny mall</p>{anchor}"), 1)).unwrap();
    events.next_after(&first);
    assert!(get(addr, "/moten/kommunchefsgruppen/2025-01-22/").text().contains("ny mall"));
    server.stop();
}

#[test]
fn nothing_outside_the_site_is_served() {
    let (work, site) = demo();
    std::fs::write(work.path().join("hemlig.txt"), "hemligt").unwrap();
    let server = start(&site);
    let addr = server.addr();
    for target in [
        "/../hemlig.txt",
        "/%2e%2e/hemlig.txt",
        "/%2E%2E%2Fhemlig.txt",
        "/..%2fhemlig.txt",
        "/assets/../../hemlig.txt",
        "/content/site.toml",
        "/%2e%2e/site/content/site.toml",
        "/bilagor/..%2f..%2f..%2fhemlig.txt",
        "/etc/passwd",
        "//etc/passwd",
    ] {
        let response = get(addr, target);
        assert!(matches!(response.status, 400 | 404), "{target}: {}", response.status);
        assert!(!response.text().contains("hemligt") && !response.text().contains("[site]"), "{target}");
    }
    server.stop();
}

#[test]
fn a_site_that_never_built_says_so_and_recovers() {
    let (_work, site) = demo();
    let file = site.join("content/site.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, "title = \n").unwrap();
    let server = start(&site);
    let addr = server.addr();
    let mut events = Events::open(addr);
    let first = events.next();
    assert_eq!(first["generation"], 0);
    let files: Vec<&str> = first["errors"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"content/site.toml"), "{files:?}");
    let page = get(addr, "/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("<h1>Webbplatsen har fel</h1>"));
    std::fs::write(&file, original).unwrap();
    let fixed = events.next_after(&first);
    assert_eq!(fixed["generation"], 1);
    assert_eq!(get(addr, "/").status, 200);
    server.stop();
}

#[test]
fn a_port_in_use_is_a_diagnostic() {
    /// Counts the builds reported.
    struct Builds(std::sync::atomic::AtomicUsize);
    impl kansli::serve::Reporter for Builds {
        fn rebuilt(&self, _: &kansli::serve::Outcome) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
    let (_work, site) = demo();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut options = Options::new(&site);
    options.port = port;
    let builds = Arc::new(Builds(std::sync::atomic::AtomicUsize::new(0)));
    let Err(kansli::serve::StartError::Io(diagnostic)) = Server::start(&options, builds.clone()) else {
        panic!("a second server on the same port starts")
    };
    // Told at once, before a build of the whole site (the secretary review).
    assert_eq!(builds.0.load(std::sync::atomic::Ordering::SeqCst), 0);
    let text = kansli::diag::render(&diagnostic, &kansli::diag::SourceFiles::new(), kansli::diag::Color::Never);
    assert_eq!(
        text,
        format!(
            "fel: kunde inte lyssna på 127.0.0.1:{port}: adressen används redan (os error 98)\n  \
             = hjälp: ett annat program använder porten: välj en annan med --port\n"
        )
    );
}

// ---------------------------------------------------------------------------------------
// The soak.

/// A small deterministic random number generator (xorshift), so that a failing soak can
/// be repeated.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Saves `text` to `path` the way one of the common editors does.
fn save(path: &Path, text: &str, style: usize) {
    let name = path.file_name().unwrap().to_str().unwrap();
    match style {
        // In place.
        0 => std::fs::write(path, text).unwrap(),
        // Atomic: a hidden temporary file renamed over the original (VS Code, gedit).
        1 => {
            let temp = path.with_file_name(format!(".{name}.tmp"));
            std::fs::write(&temp, text).unwrap();
            std::fs::rename(&temp, path).unwrap();
        }
        // vim: the original renamed to a backup, a new file written, the backup removed,
        // with a swap file beside it all the while.
        _ => {
            let swap = path.with_file_name(format!(".{name}.swp"));
            let backup = path.with_file_name(format!("{name}~"));
            std::fs::write(&swap, b"b0VIM").unwrap();
            if path.exists() {
                std::fs::rename(path, &backup).unwrap();
            }
            std::fs::write(path, text).unwrap();
            let _ = std::fs::remove_file(&backup);
            std::fs::remove_file(&swap).unwrap();
        }
    }
}

#[test]
fn a_soak_of_rapid_saves_renames_and_deletes_ends_equal_to_a_clean_build() {
    let (work, site) = demo();
    let server = start(&site);
    let addr = server.addr();
    let existing: Vec<PathBuf> = tree(&site.join("content/meetings"))
        .keys()
        .map(|k| site.join("content/meetings").join(k))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    let template = std::fs::read_to_string(site.join("content/meetings/kommunchefsgruppen/2025-01-22.toml")).unwrap();
    // Meetings the soak adds, moves and deletes: nothing refers to them.
    let mut added: Vec<(PathBuf, String)> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut dice = Dice(0x5eed_cafe);
    let started = Instant::now();
    for step in 0..1000 {
        match dice.roll(10) {
            0..=4 => {
                let path = &existing[dice.roll(existing.len())];
                let text = std::fs::read_to_string(path).unwrap();
                let marker = format!("Soak {step}: ");
                let changed = match text.find("Soak ") {
                    Some(at) => {
                        let end = at + text[at..].find(": ").unwrap() + 2;
                        format!("{}{marker}{}", &text[..at], &text[end..])
                    }
                    None => text.replacen("title = \"", &format!("title = \"{marker}"), 1),
                };
                save(path, &changed, dice.roll(3));
            }
            5..=6 => {
                let date = format!("2023-{:02}-{:02}", 1 + dice.roll(12), 1 + dice.roll(28));
                let path = site.join(format!("content/meetings/kommunchefsgruppen/{date}.toml"));
                if !path.exists() {
                    removed.retain(|d| *d != date);
                    save(&path, &template.replacen("date = 2025-01-22", &format!("date = {date}"), 1), dice.roll(3));
                    added.push((path, date));
                }
            }
            7 if !added.is_empty() => {
                let (path, date) = added.swap_remove(dice.roll(added.len()));
                std::fs::remove_file(path).unwrap();
                removed.push(date);
            }
            8 if !added.is_empty() => {
                // Moved to another date: the file renamed, then its date changed.
                let at = dice.roll(added.len());
                let date = format!("2022-{:02}-{:02}", 1 + dice.roll(12), 1 + dice.roll(28));
                let to = site.join(format!("content/meetings/kommunchefsgruppen/{date}.toml"));
                if !to.exists() {
                    removed.retain(|d| *d != date);
                    let (from, old) = added.swap_remove(at);
                    std::fs::rename(&from, &to).unwrap();
                    let text = std::fs::read_to_string(&to).unwrap();
                    save(&to, &text.replacen(&format!("date = {old}"), &format!("date = {date}"), 1), dice.roll(3));
                    removed.push(old);
                    added.push((to, date));
                }
            }
            _ => std::thread::sleep(Duration::from_millis(dice.roll(20) as u64)),
        }
    }
    let saving = started.elapsed();

    // Wait until the last change is served: the generation stays put and has no errors.
    let mut events = Events::open(addr);
    let mut state = events.next();
    let quiet = Instant::now();
    while quiet.elapsed() < Duration::from_secs(120) {
        let stream = events.reader.get_ref();
        stream.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
        let mut line = String::new();
        match events.reader.read_line(&mut line) {
            Ok(_) => {
                if let Some(data) = line.trim_end().strip_prefix("data: ") {
                    state = serde_json::from_str(data).unwrap();
                }
            }
            Err(_) => break,
        }
    }
    assert_eq!(state["errors"], serde_json::json!([]), "the soak ends with valid sources");
    assert!(state["generation"].as_u64().unwrap() > 1, "the soak's saves were built: {state}");
    eprintln!(
        "soak: 1000 changes in {:.1} s, {} generations, {} meetings added",
        saving.as_secs_f64(),
        state["generation"],
        added.len()
    );

    // The pages of the meetings deleted or moved away are gone.
    for date in &removed {
        let target = format!("/moten/kommunchefsgruppen/{date}/");
        assert_eq!(get(addr, &target).status, 404, "{target}");
    }
    let clean = clean_build(&site, &work.path().join("ren"));
    assert_serves(
        &clean.keys().cloned().collect::<Vec<_>>(),
        &clean,
        |path| {
            let target = format!("/{}", path.strip_suffix("index.html").unwrap_or(path));
            let response = get(addr, &target);
            assert_eq!(response.status, 200, "{target}");
            let body = response.body;
            if response.headers.contains("content-type: text/html") { strip_live_script(&body) } else { body }
        },
        "after the soak",
    );
    server.stop();
}

/// A served page without the live-reload script tag, as a build writes it.
fn strip_live_script(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(html.to_vec()).unwrap();
    let start = text.rfind("<script src=\"/__kansli/live.js\"").unwrap();
    let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

// ---------------------------------------------------------------------------------------
// The command.

/// `kansli serve` prints where it listens and a line per build, and stops cleanly on
/// Ctrl-C (SIGINT).
#[cfg(unix)]
#[test]
fn the_command_serves_until_ctrl_c() {
    use std::process::{Command, Stdio};
    let (_work, site) = demo();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(["--root", site.to_str().unwrap(), "serve", "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut lines = Vec::new();
    let addr: SocketAddr = loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "serve ended early: {lines:?}");
        if let Some(rest) = line.strip_prefix("visar webbplatsen på http://") {
            assert!(rest.ends_with("/ (avsluta med Ctrl-C)\n"), "{line:?}");
            break rest.split('/').next().unwrap().parse().unwrap();
        }
        lines.push(line);
    };
    let built = lines.last().expect("a line for the first build");
    assert!(built.starts_with("byggde på ") && built.contains(" ms: "), "{built:?}");
    assert!(built.ends_with(" möten oförändrade, 0 fel, 0 varningar\n"), "{built:?}");
    assert!(addr.ip().is_loopback());
    assert_eq!(get(addr, "/").status, 200);

    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), rest.as_str()), (Some(0), "avslutade\n"));
    assert!(TcpStream::connect(addr).is_err(), "nothing listens after Ctrl-C");
}

#[test]
fn the_command_needs_a_site() {
    let work = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kansli"))
        .args(["--root", work.path().to_str().unwrap(), "serve"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        format!(
            "fel: {} innehåller ingen mapp content/\n  = hjälp: ange webbplatsens rotmapp med --root MAPP\n",
            work.path().display()
        )
    );
}
