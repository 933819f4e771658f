//! Times what `kansli serve` does after a save, in process and without the HTTP side:
//! a session checks the whole site once, then for each run one meeting file is changed
//! and `Session::update` makes the next generation. Steadier than `bench_serve` on a
//! noisy machine, and deterministic under callgrind (instructions of the updates only):
//!
//!     cargo build --release --example bench_update
//!     $CARGO_TARGET_DIR/release/examples/bench_update /tmp/g10k 15
//!     valgrind --tool=callgrind --collect-atstart=no \
//!         '--toggle-collect=kansli::serve::session::Session::update' \
//!         $CARGO_TARGET_DIR/release/examples/bench_update /tmp/g10k 5
//!
//! The meeting files are put back afterwards.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kansli::model::Edition;
use kansli::serve::{Outcome, Session};

// The same allocator as the kansli binary.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(site) = args.next() else {
        eprintln!("usage: bench_update SITE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().map_or(15, |n| n.parse().expect("RUNS is a number"));
    let site = PathBuf::from(site);
    let mut session = Session::new(&site, Edition::Public).expect("the site can be listed");
    let started = Instant::now();
    assert!(matches!(session.build(), Outcome::Built { .. }), "the site checks clean");
    println!("first check: {:.2} s", started.elapsed().as_secs_f64());

    let meetings = meeting_files(&site.join("content/meetings"));
    let mut times = Vec::new();
    for run in 0..runs {
        let file = &meetings[(run * 7919) % meetings.len()];
        let before = std::fs::read_to_string(file).expect("a meeting file");
        let changed = before.replacen("title = \"", &format!("title = \"Mätning {run}: "), 1);
        std::fs::write(file, &changed).expect("writable");
        let started = Instant::now();
        let outcome = session.update(std::slice::from_ref(file), false);
        let took = started.elapsed();
        std::fs::write(file, &before).expect("writable");
        let Some(Outcome::Built { stats, .. }) = outcome else { panic!("run {run}: no new generation") };
        let phases: Vec<String> = stats.timings.0.iter().map(|(name, d)| format!("{name} {:.1}", ms(*d))).collect();
        println!("run {run}: {:>6.1} ms ({})", ms(took), phases.join(", "));
        times.push(took);
    }
    times.sort();
    println!(
        "median update: {:.1} ms (min {:.1}, max {:.1}, {runs} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn meeting_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a meetings folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
