//! Edits a secretary or a web admin might make to a copy of the demo site, for the tests
//! that compare what an incremental build or `serve` makes with a clean build.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::common::repo;

/// Every file under `dir`, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

pub fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// One edit a secretary or a web admin might make.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Append a sentence to the description of an item of the n-th meeting file.
    ChangeText(usize),
    /// Change an item title of the n-th meeting file.
    ChangeTitle(usize),
    /// Copy the n-th meeting to a new date.
    AddMeeting(usize, u8),
    /// Delete the n-th meeting file.
    DeleteMeeting(usize),
    /// Move the n-th meeting to another date (rename the file, change `date`).
    RenameMeeting(usize, u8),
    /// Override the meeting template with a changed copy.
    ChangeTemplate,
    /// Change a label in the theme's strings.
    ChangeStrings,
    /// Change the site's title.
    ChangeSite,
    /// Change the bytes of an attachment file.
    ChangeAttachment,
    /// Change a text of the n-th working group plan or report.
    ChangeYearly(usize),
    /// Delete the n-th working group plan or report.
    DeleteYearly(usize),
}

pub fn edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0usize..64).prop_map(Edit::ChangeText),
        2 => (0usize..64).prop_map(Edit::ChangeTitle),
        1 => (0usize..64, 1u8..28).prop_map(|(n, d)| Edit::AddMeeting(n, d)),
        1 => (0usize..64).prop_map(Edit::DeleteMeeting),
        1 => (0usize..64, 1u8..28).prop_map(|(n, d)| Edit::RenameMeeting(n, d)),
        1 => Just(Edit::ChangeTemplate),
        1 => Just(Edit::ChangeStrings),
        1 => Just(Edit::ChangeSite),
        1 => Just(Edit::ChangeAttachment),
        1 => (0usize..64).prop_map(Edit::ChangeYearly),
        1 => (0usize..64).prop_map(Edit::DeleteYearly),
    ]
}

/// The working groups' plans and reports.
pub fn yearly(site: &Path) -> Vec<PathBuf> {
    let groups = site.join("content/groups");
    let mut out: Vec<PathBuf> = tree(&groups)
        .keys()
        .filter(|k| {
            let name = k.rsplit('/').next().unwrap_or_default();
            name.starts_with("plan-") || name.starts_with("report-")
        })
        .map(|k| groups.join(k))
        .collect();
    out.sort();
    out
}

pub fn meetings(site: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        tree(&site.join("content/meetings")).keys().map(|k| site.join("content/meetings").join(k)).collect();
    out.sort();
    out
}

/// A date in January 2024, before the demo's first meeting: added and moved meetings do
/// not clash with the demo's, and keep their deadlines after the meeting and their
/// decisions before today.
pub fn new_date(day: u8) -> String {
    format!("2024-01-{day:02}")
}

/// Applies an edit; returns what to restore if the build with it fails: (path, old bytes).
pub fn apply(site: &Path, edit: &Edit, step: usize) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let all = meetings(site);
    let pick = |n: usize| all[n % all.len()].clone();
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    match edit {
        Edit::ChangeText(n) | Edit::ChangeTitle(n) => {
            let path = pick(*n);
            let text = read(&path);
            let changed = match edit {
                Edit::ChangeTitle(_) => text.replacen("title = \"", &format!("title = \"Ändrad {step}: "), 1),
                _ => match text.find("description = \"\"\"\n") {
                    Some(i) => {
                        let at = i + "description = \"\"\"\n".len();
                        format!("{}Tillägg {step}: ärendet har beretts vidare.\n\n{}", &text[..at], &text[at..])
                    }
                    None => text.replacen("title = \"", &format!("title = \"Text {step} "), 1),
                },
            };
            std::fs::write(&path, changed).unwrap();
            vec![(path, Some(text.into_bytes()))]
        }
        Edit::AddMeeting(n, day) => {
            let from = pick(*n);
            let to = from.with_file_name(format!("{}.toml", new_date(*day)));
            if to.exists() {
                return Vec::new();
            }
            let text = read(&from);
            let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap().to_string();
            std::fs::write(&to, text.replacen(&date_line, &format!("date = {}", new_date(*day)), 1)).unwrap();
            vec![(to, None)]
        }
        Edit::DeleteMeeting(n) => {
            let path = pick(*n);
            let old = std::fs::read(&path).unwrap();
            std::fs::remove_file(&path).unwrap();
            vec![(path, Some(old))]
        }
        Edit::RenameMeeting(n, day) => {
            let from = pick(*n);
            let to = from.with_file_name(format!("{}.toml", new_date(*day)));
            if to.exists() {
                return Vec::new();
            }
            let text = read(&from);
            let date_line = text.lines().find(|l| l.starts_with("date = ")).unwrap().to_string();
            std::fs::remove_file(&from).unwrap();
            std::fs::write(&to, text.replacen(&date_line, &format!("date = {}", new_date(*day)), 1)).unwrap();
            vec![(from, Some(text.into_bytes())), (to, None)]
        }
        Edit::ChangeTemplate => {
            let path = site.join("themes/default/templates/meeting.html");
            let old = std::fs::read(&path).ok();
            let base = std::fs::read_to_string(repo().join("themes/default/templates/meeting.html")).unwrap();
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            // Inside a block, so that every meeting page really changes.
            let anchor = "<h1 data-search-title>";
            assert!(base.contains(anchor), "the meeting template has its h1");
            std::fs::write(&path, base.replacen(anchor, &format!("<p class=\"steg\">{step}</p>{anchor}"), 1)).unwrap();
            vec![(path, old)]
        }
        Edit::ChangeStrings => {
            let path = site.join("themes/default/strings.toml");
            let old = std::fs::read(&path).ok();
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("[nav]\nbeslut = \"Beslut {step}\"\n")).unwrap();
            vec![(path, old)]
        }
        Edit::ChangeSite => prefix_first(site.join("content/site.toml"), "title = \"", &format!("{step} ")),
        Edit::ChangeYearly(n) => {
            let all = yearly(site);
            prefix_first(all[n % all.len()].clone(), "text = \"", &format!("Ändrad {step}: "))
        }
        Edit::DeleteYearly(n) => {
            let all = yearly(site);
            let path = all[n % all.len()].clone();
            let old = std::fs::read(&path).unwrap();
            std::fs::remove_file(&path).unwrap();
            vec![(path, Some(old))]
        }
        Edit::ChangeAttachment => {
            let path = site.join("content/bilagor/2025/budgetuppfoljning-2025-08-31.csv");
            let old = std::fs::read(&path).unwrap();
            let mut new = old.clone();
            new.extend_from_slice(format!("ändring;{step}\n").as_bytes());
            std::fs::write(&path, new).unwrap();
            vec![(path, Some(old))]
        }
    }
}

/// Puts `prefix` after the first `key` in the file at `path`; returns what to restore.
fn prefix_first(path: PathBuf, key: &str, prefix: &str) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen(key, &format!("{key}{prefix}"), 1)).unwrap();
    vec![(path, Some(text.into_bytes()))]
}

pub fn restore(undo: Vec<(PathBuf, Option<Vec<u8>>)>) {
    for (path, bytes) in undo.into_iter().rev() {
        match bytes {
            Some(bytes) => std::fs::write(path, bytes).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
