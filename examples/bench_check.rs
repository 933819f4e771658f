//! Times the stages of `check` on a site: listing and decoding the sources, and building
//! the model from them.
//!
//!     cargo run --release --example bench_check -- DIR

use std::time::Instant;

// The same allocator as the kansli binary.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let root = std::env::args().nth(1).expect("usage: bench_check DIR");
    let source = kansli::source::FsSource::new(&root);
    for round in 0..3 {
        let t0 = Instant::now();
        let loaded = kansli::load::load(&source).expect("content/ can be listed");
        let t1 = Instant::now();
        let files = loaded.source_count;
        let built = kansli::model::build(loaded, kansli::source::Source::today(&source));
        let t2 = Instant::now();
        println!(
            "round {round}: load {:>6.1} ms ({files} files), model {:>6.1} ms, {} meetings, {} diagnostics",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            built.model.meetings.len(),
            built.diagnostics.len()
        );
    }
}
