//! The floor under a cold build: how long writing a built site takes when nothing has to
//! be rendered. Lists every file of OUTPUT with its size, then writes as many files of
//! the same paths and sizes into NEW through the build's own writing path
//! (`kansli::write::Staging`: a staging folder, each folder created once, the swap),
//! in parallel with rayon as the build does, and times only that. The bytes come from
//! one buffer, so memory stays small and the kernel does the same work as for the site
//! (ext4 neither compresses nor deduplicates).
//!
//!     cargo run --release --example bench_write_floor -- OUTPUT NEW
//!
//! NEW must not exist. As for the cold builds in BENCHMARKS.md, run `sync` before, and
//! after to see how long the kernel then takes to put the files on disk.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

// The same allocator as the kansli binary.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(from), Some(to)) = (args.next(), args.next()) else {
        eprintln!("usage: bench_write_floor OUTPUT NEW");
        std::process::exit(2);
    };
    let (from, to) = (PathBuf::from(from), PathBuf::from(to));
    if to.exists() {
        eprintln!("{}: exists; give a new folder", to.display());
        std::process::exit(2);
    }
    let mut files = Vec::new();
    list(&from, &from, &mut files);
    files.sort();
    let largest = files.iter().map(|(_, size)| *size).max().unwrap_or(0);
    let buffer = vec![b'x'; largest];
    let bytes: usize = files.iter().map(|(_, size)| size).sum();

    let start = Instant::now();
    let written = kansli::write::Staging::new(&to).and_then(|staging| {
        files.par_iter().try_for_each(|(path, size)| staging.write(path, &buffer[..*size]).map(drop))?;
        staging.commit()
    });
    if let Err(error) = written {
        eprintln!("{}: {error}", to.display());
        std::process::exit(1);
    }
    println!(
        "wrote {} files ({:.0} MB) in {:.2} s on {} threads",
        files.len(),
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
}

/// Every file under `dir`: its path relative to `root`, and its size.
fn list(root: &Path, dir: &Path, into: &mut Vec<(String, usize)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            list(root, &path, into);
        } else if meta.is_file()
            && let Ok(relative) = path.strip_prefix(root)
        {
            into.push((relative.to_string_lossy().into_owned(), meta.len() as usize));
        }
    }
}
