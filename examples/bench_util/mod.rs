//! What `bench_serve` and `bench_update` share: the source files a run may change (meetings
//! or plans), the edit each run makes to one of them, putting them back, and the medians.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Every source file (`.toml`) under `dir`, in path order.
pub fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder of sources").flatten() {
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

/// The file of `files` that run `run` changes: a different one each time, so no run is
/// answered from an earlier one's cache.
pub fn file_for_run(files: &[PathBuf], run: usize) -> &Path {
    &files[(run * 7919) % files.len()]
}

/// Every working group plan under `dir` (content/groups), in path order.
pub fn plan_files(dir: &Path) -> Vec<PathBuf> {
    toml_files(dir)
        .into_iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("plan-")))
        .collect()
}

/// `text` with a sentence put before its first title (a meeting) or first text (a
/// plan): what run `run` saves.
pub fn edited(text: &str, run: usize) -> String {
    let key = if text.contains("title = \"") { "title = \"" } else { "text = \"" };
    text.replacen(key, &format!("{key}{}", marker(run)), 1)
}

/// What the page shows after run `run`'s save.
pub fn marker(run: usize) -> String {
    format!("Mätning {run}: ")
}

/// Files to write back, last changed first, however the runs end.
pub struct Restore(pub Vec<(PathBuf, String)>);

impl Drop for Restore {
    fn drop(&mut self) {
        for (file, text) in self.0.drain(..).rev() {
            std::fs::write(file, text).expect("writable");
        }
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// "median WHAT: … ms (min …, max …, N runs)".
pub fn print_median(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "median {what}: {:.1} ms (min {:.1}, max {:.1}, {} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
