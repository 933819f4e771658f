//! The search index: what it finds in the real content, and the words and stems the
//! browser must make the same way (`tests/search/stem.test.js` checks `kansli.js`
//! against the same fixture).

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use common::{TestSite, repo};
use kansli::build::render_to_memory;
use kansli::model::Edition;
use kansli::render::Artefact;
use kansli::render::search::{self, stem, words};

const STEMS: &str = "tests/fixtures/search/stems.json";

fn built(root: &std::path::Path) -> Vec<Artefact> {
    let site = TestSite::from_dir(root);
    let checked = site.check();
    assert_eq!(checked.errors(), 0, "{}", site.diagnostics());
    let model = checked.model.edition(Edition::Public);
    render_to_memory(&site.source, &model, Edition::Public, false).expect("the site renders").0
}

fn json(files: &[Artefact], path: &str) -> serde_json::Value {
    let file = files.iter().find(|a| a.path == path).unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_slice(&file.bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A query as `kansli.js` runs it (every word must match, exact stems), returning the
/// sections' [url, page title, heading, excerpt], best first.
fn query(files: &[Artefact], text: &str) -> Vec<Vec<String>> {
    let meta = json(files, "sok/data/meta.json");
    let shards: Vec<String> = serde_json::from_value(meta["shards"].clone()).unwrap();
    let chunk = meta["chunk"].as_u64().unwrap() as u32;
    let mut scores: Option<HashMap<u32, u32>> = None;
    for word in words(text) {
        let stem = stem(&word);
        let key = shards.iter().filter(|k| stem.starts_with(k.as_str())).max_by_key(|k| k.len()).unwrap();
        let shard = json(files, &format!("sok/data/t/{}.json", search::hex(key)));
        let mut found = HashMap::new();
        let mut id = 0;
        for posting in shard[&stem].as_array().cloned().unwrap_or_default() {
            let posting = posting.as_u64().unwrap() as u32;
            id += posting / 8;
            found.insert(id, posting % 8);
        }
        scores = Some(match scores {
            None => found,
            Some(before) => before.into_iter().filter_map(|(id, w)| found.get(&id).map(|v| (id, w + v))).collect(),
        });
    }
    let mut hits: Vec<(u32, u32)> = scores.unwrap_or_default().into_iter().collect();
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.iter()
        .map(|(id, _)| {
            let rows = json(files, &format!("sok/data/s/{}.json", id / chunk));
            serde_json::from_value(rows[(id % chunk) as usize].clone()).unwrap()
        })
        .collect()
}

#[test]
fn a_search_finds_the_item_and_links_to_it() {
    let files = built(&repo());
    let hits = query(&files, "Samverkan inom IT-området");
    let first = &hits[0];
    assert_eq!(first[0], "moten/kommunchefsgruppen/2013-05-15/#p4-rubrik", "{hits:?}");
    assert_eq!(first[1], "Kommunchefsgruppen 15 maj 2013");
    assert_eq!(first[2], "4. Samverkan inom IT-området");
    assert!(first[3].starts_with("Projektet antas enligt förslag och finansieras med 300 000 kr"), "{first:?}");

    // Inflected forms find each other: "finansieringen" is stemmed like "finansiering".
    let money = query(&files, "finansieringen");
    assert!(money.iter().any(|h| h[0] == "moten/kommunchefsgruppen/2013-05-15/#p4-rubrik"), "{money:?}");
    // Only pages marked for search: the assignments list is not a hit.
    assert!(query(&files, "uppdrag").iter().all(|h| !h[0].starts_with("uppdrag/")));
}

/// Swedish compounds are found by their last part: "trafik" finds the items about
/// "kollektivtrafik", "plan" those about "verksamhetsplan" (the rules: the unit test of
/// `search::decompound`).
#[test]
fn a_search_finds_compounds_by_their_last_part() {
    let files = built(&repo().join("examples/demo"));
    let trafik = query(&files, "trafik");
    let kollektivtrafik = query(&files, "kollektivtrafik");
    assert!(!kollektivtrafik.is_empty());
    for hit in &kollektivtrafik {
        assert!(trafik.contains(hit), "{hit:?} not found by \"trafik\"");
    }
    let plan = query(&files, "plan");
    let compound = query(&files, "verksamhetsplan");
    assert!(!compound.is_empty() && compound.iter().all(|hit| plan.contains(hit)));
}

/// A municipality and a person are found by name (the journalist review: "Vännäs" found
/// two area pages and not Vännäs's page; a person's page was never a hit). Their pages'
/// long lists are other pages' text and are not indexed there.
#[test]
fn a_search_finds_a_municipality_and_a_person_by_name() {
    let files = built(&repo());
    let vannas = query(&files, "Vännäs");
    assert_eq!(vannas[0][0], "kommuner/vannas/", "{vannas:?}");
    let louise = query(&files, "Louise Söderlund");
    // Her page, and the item she presented, which names her as often.
    assert!(louise.iter().any(|h| h[0] == "personer/louise-soderlund/"), "{louise:?}");
    assert!(louise.iter().any(|h| h[0].starts_with("moten/")), "and where she presented: {louise:?}");
    // The person page's list of meetings is not indexed: "Nobelsalen" (the place) is not
    // found on it.
    assert!(query(&files, "Nobelsalen").iter().all(|h| !h[0].starts_with("personer/")));
}

/// A proposal's excerpt says it is one: an agenda's "Regionrådet fastställer …" is not a
/// decision taken (the data review found the proposals of a coming meeting and of a
/// cancelled one in the excerpts, read as decisions).
#[test]
fn a_proposal_is_found_as_a_proposal() {
    let files = built(&repo().join("examples/demo"));
    // The two bodies' proposals of their meeting dates for 2027, both for coming meetings.
    let hits = query(&files, "sammanträdestider 2027");
    assert!(hits.iter().any(|h| h[0].starts_with("moten/regionradet/2026-12-10/")), "{hits:?}");
    assert!(hits.iter().all(|h| h[3].starts_with("Förslag till beslut · ")), "{hits:?}");
    // A decision's excerpt is its text, without the label.
    let decided = query(&files, "Samverkan inom IT-området");
    assert!(decided.iter().all(|h| !h[3].starts_with("Beslut")), "{decided:?}");
}

#[test]
fn the_index_is_small_files_and_lists_its_shards() {
    let files = built(&repo().join("examples/demo"));
    let index: Vec<&Artefact> = files.iter().filter(|a| a.path.starts_with(search::DIR)).collect();
    let meta = json(&files, "sok/data/meta.json");
    assert_eq!(meta["format"], search::FORMAT);
    let shards: Vec<String> = serde_json::from_value(meta["shards"].clone()).unwrap();
    let sections = meta["sections"].as_u64().unwrap() as usize;
    assert_eq!(index.len(), 1 + shards.len() + sections.div_ceil(search::CHUNK));
    for key in &shards {
        let path = format!("sok/data/t/{}.json", search::hex(key));
        let shard = json(&files, &path);
        for stem in shard.as_object().unwrap().keys() {
            assert!(stem.starts_with(key.as_str()), "{stem} in the shard {key}");
        }
    }
    let stop: BTreeSet<String> = serde_json::from_value(meta["stop"].clone()).unwrap();
    assert!(stop.contains("och") && stop.contains("att"));
}

/// Words of the real content and of the demo, and words for every rule of the stemmer,
/// with the stems the build gives them. `KANSLI_UPDATE_FIXTURES=1` rewrites the fixture
/// (after a change of stemmer, say); otherwise the stems must be as it says.
#[test]
fn stems_are_as_the_fixture_says() {
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(repo().join(STEMS)).unwrap()).unwrap();
    if std::env::var_os("KANSLI_UPDATE_FIXTURES").is_some() {
        let mut all: BTreeSet<String> = expected.keys().cloned().collect();
        for dir in ["content", "examples/demo/content"] {
            for file in toml_files(&repo().join(dir)) {
                all.extend(words(&std::fs::read_to_string(file).unwrap()));
            }
        }
        let fixture: BTreeMap<&String, String> = all.iter().map(|w| (w, stem(w))).collect();
        let mut text = serde_json::to_string_pretty(&fixture).unwrap();
        text.push('\n');
        std::fs::write(repo().join(STEMS), text).unwrap();
        return;
    }
    assert!(expected.len() > 1000, "the fixture has the content's words");
    let wrong: Vec<String> = expected
        .iter()
        .filter(|(word, want)| stem(word) != **want)
        .map(|(word, want)| format!("{word}: {} (fixture {want})", stem(word)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn toml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(toml_files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out
}
