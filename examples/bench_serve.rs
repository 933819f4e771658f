//! Times `kansli serve` from a saved meeting file to the reloaded page, as the browser
//! sees it: the save, the rebuild, the server's reload event, and the page's new bytes.
//!
//!     cargo build --release
//!     cargo run --release -- generate /tmp/g10k --meetings 10000
//!     cargo run --release --example bench_serve -- target/release/kansli /tmp/g10k [RUNS] [meeting|plan]
//!
//! Runs `kansli serve` on the site, follows its event stream like an open page, and for
//! each run appends a sentence to one meeting's first title (a different meeting each
//! time, so no run is served from an earlier one's cache), waits for the reload event
//! and fetches that meeting's page, then the theme's files the page loads (as a browser
//! does after a reload: serve forbids caching them). Prints each run and the medians.
//! With `plan`, each run saves a working group's plan instead and fetches the group's
//! page of that year. The files are put back afterwards.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "bench_util/mod.rs"]
mod bench_util;
use bench_util::ms;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(binary), Some(site)) = (args.next(), args.next()) else {
        eprintln!("usage: bench_serve KANSLI SITE [RUNS] [meeting|plan]");
        std::process::exit(2);
    };
    let runs: usize = args.next().map_or(11, |n| n.parse().expect("RUNS is a number"));
    // What is saved: a meeting (its page is found without the table of paths) or a
    // working group's plan (its group's page of that year is looked up in the table).
    let plans = match args.next().as_deref() {
        None | Some("meeting") => false,
        Some("plan") => true,
        Some(other) => panic!("{other}: save a meeting or a plan"),
    };
    let site = PathBuf::from(site);

    // Stopped however the runs end (a server left running would rebuild on every later save).
    let mut server = Server(
        Command::new(&binary)
            .args(["--root", site.to_str().expect("a UTF-8 path"), "serve", "--port", "0", "--timings"])
            .stderr(Stdio::piped())
            .spawn()
            .expect("kansli starts"),
    );
    let mut log = BufReader::new(server.0.stderr.take().expect("piped"));
    let started = Instant::now();
    let addr: SocketAddr = loop {
        let mut line = String::new();
        assert!(log.read_line(&mut line).expect("stderr") > 0, "serve ended");
        if let Some(rest) = line.strip_prefix("visar webbplatsen på http://") {
            break rest.split('/').next().expect("an address").parse().expect("an address");
        }
    };
    println!("first build and listening: {:.2} s", started.elapsed().as_secs_f64());
    // The rest of the log (each rebuild's phases) goes to our stderr as it comes.
    std::thread::spawn(move || {
        for line in log.lines().map_while(Result::ok) {
            eprintln!("serve| {line}");
        }
    });

    let files = match plans {
        false => bench_util::toml_files(&site.join("content/meetings")),
        true => bench_util::plan_files(&site.join("content/groups")),
    };
    let mut events = Events::open(addr);
    let mut generation = events.next_generation();
    let mut times = Vec::new();
    let mut times_with_assets = Vec::new();
    // The files as they were, put back however the runs end.
    let mut restore = bench_util::Restore(Vec::new());
    for run in 0..runs {
        let file = bench_util::file_for_run(&files, run);
        let page = page_of(&site, file);
        // Warm: the page as it was, so the measured fetch is not the first of the process.
        get(addr, &page);
        let before = std::fs::read_to_string(file).expect("a source file");
        let changed = bench_util::edited(&before, run);
        restore.0.push((file.to_path_buf(), before));

        let saved = Instant::now();
        std::fs::write(file, &changed).expect("writable");
        let next = events.next_generation();
        let event = saved.elapsed();
        let body = get(addr, &page);
        let total = saved.elapsed();
        // What a browser loads with the page, side by side (serve forbids caching them).
        let assets = assets_of(&body);
        std::thread::scope(|scope| {
            for asset in &assets {
                scope.spawn(move || get(addr, asset));
            }
        });
        let with_assets = saved.elapsed();
        assert!(next > generation, "a new generation");
        assert!(body.contains(&bench_util::marker(run)), "the page shows the change");
        generation = next;
        println!(
            "run {run}: reload event {:>6.1} ms, page fetched {:>6.1} ms, with its {} assets {:>6.1} ms after the save ({page})",
            ms(event),
            ms(total),
            assets.len(),
            ms(with_assets)
        );
        times.push(total);
        times_with_assets.push(with_assets);
    }
    drop(restore);
    drop(server);
    bench_util::print_median("save → reloaded page", times);
    bench_util::print_median("save → page and its assets", times_with_assets);
}

/// The site paths of the theme's files a page loads (`href` and `src` into `assets/`).
fn assets_of(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        for (at, _) in page.match_indices(attribute) {
            let value = &page[at + attribute.len()..];
            let value = &value[..value.find('"').unwrap_or(0)];
            if let Some(start) = value.find("assets/") {
                let path = format!("/{}", &value[start..]);
                if !found.contains(&path) {
                    found.push(path);
                }
            }
        }
    }
    found
}

/// The `kansli serve` process, stopped when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `/moten/<body>/<date>/` for `content/meetings/<body>/<date>.toml`, and
/// `/organ/<group>/<year>/` for `content/groups/<group>/plan-<year>.toml`.
fn page_of(site: &Path, file: &Path) -> String {
    let name = |p: Option<&Path>| p.and_then(Path::to_str).expect("a UTF-8 name").to_string();
    let stem = name(file.file_stem().map(Path::new));
    if let Ok(rel) = file.strip_prefix(site.join("content/groups")) {
        let year = stem.strip_prefix("plan-").expect("a plan");
        return format!("/organ/{}/{year}/", name(rel.parent()));
    }
    let rel = file.strip_prefix(site.join("content/meetings")).expect("under content/meetings");
    format!("/moten/{}/{stem}/", name(rel.parent()))
}

fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("serve listens");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").expect("a request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(text.starts_with("HTTP/1.1 200"), "{path}: {}", text.lines().next().unwrap_or_default());
    text
}

/// The server's event stream, as an open page follows it.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).expect("serve listens");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("a timeout");
        write!(stream, "GET /__kansli/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("a request");
        Events { reader: BufReader::new(stream) }
    }

    /// The generation of the next state event.
    fn next_generation(&mut self) -> u64 {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.reader.read_line(&mut line).expect("an event") > 0, "the stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                let state: serde_json::Value = serde_json::from_str(data).expect("JSON");
                assert_eq!(state["errors"], serde_json::json!([]), "the sources have errors");
                return state["generation"].as_u64().expect("a generation");
            }
        }
    }
}
