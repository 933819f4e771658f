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

use std::path::PathBuf;
use std::time::Instant;

#[path = "bench_util/mod.rs"]
mod bench_util;
use bench_util::ms;

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

    let meetings = bench_util::toml_files(&site.join("content/meetings"));
    let mut times = Vec::new();
    let mut restore = bench_util::Restore(Vec::new());
    for run in 0..runs {
        let file = bench_util::file_for_run(&meetings, run);
        let before = std::fs::read_to_string(file).expect("a meeting file");
        std::fs::write(file, bench_util::edited(&before, run)).expect("writable");
        restore.0.push((file.to_path_buf(), before));
        let changed = [file.to_path_buf()];
        let started = Instant::now();
        let outcome = session.update(&changed, false);
        let took = started.elapsed();
        let Some(Outcome::Built { stats, .. }) = outcome else { panic!("run {run}: no new generation") };
        let phases: Vec<String> = stats.timings.0.iter().map(|(name, d)| format!("{name} {:.1}", ms(*d))).collect();
        println!("run {run}: {:>6.1} ms ({})", ms(took), phases.join(", "));
        times.push(took);
    }
    drop(restore);
    bench_util::print_median("update", times);
}
