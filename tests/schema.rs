//! The editors' JSON Schemas: every source file of content/, the demo and a new site
//! validates against them, a key the loader rejects as unknown is rejected by them too,
//! every field has a Swedish description, and the copies in the repository are current.
//!
//! Validation uses the JSON Schema library taplo itself uses, and reads TOML the way
//! taplo does: dates and times become strings ("2013-05-15", "08:30:00").

mod common;

use std::path::Path;

use common::{TODAY, TestSite, repo};
use jsonschema::{Draft, JSONSchema};
use kansli::load::schema::{SCHEMA_DIR, SchemaKind, TAPLO_CONFIG, editor_files, kinds, taplo_config};
use serde_json::Value as Json;

/// TOML as taplo hands it to a JSON Schema validator.
fn to_json(value: &toml::Value) -> Json {
    match value {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// Whether `path` matches `glob`, where `*` stands for any characters but `/`.
fn matches(glob: &str, path: &str) -> bool {
    fn go(g: &[u8], p: &[u8]) -> bool {
        match g.split_first() {
            None => p.is_empty(),
            Some((b'*', rest)) => (0..=p.len()).take_while(|&i| i == 0 || p[i - 1] != b'/').any(|i| go(rest, &p[i..])),
            Some((c, rest)) => p.first() == Some(c) && go(rest, &p[1..]),
        }
    }
    go(glob.as_bytes(), path.as_bytes())
}

fn kind_of(path: &str) -> Option<SchemaKind> {
    kinds().into_iter().find(|k| k.globs.iter().any(|g| matches(g, path)))
}

/// The schema errors of one file's text, as "instance path: message" lines.
fn schema_errors(kind: &SchemaKind, text: &str) -> Vec<String> {
    let schema = (kind.editor)();
    let compiled = JSONSchema::options().with_draft(Draft::Draft7).compile(&schema).expect("the schema compiles");
    let value: toml::Value = toml::from_str(text).expect("the file is TOML");
    let instance = to_json(&value);
    match compiled.validate(&instance) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.map(|e| format!("{}: {e}", e.instance_path)).collect(),
    }
}

/// Every .toml file under `root`/content, as (path relative to root, text), sorted.
fn sources(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("content")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let rel = path.strip_prefix(root).unwrap().to_str().unwrap().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[track_caller]
fn assert_all_valid(files: &[(String, String)]) {
    let mut failures = Vec::new();
    for (path, text) in files {
        let kind = kind_of(path).unwrap_or_else(|| panic!("{path} has no schema"));
        for error in schema_errors(&kind, text) {
            failures.push(format!("{path} ({}): {error}", kind.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_file_of_content_validates_against_its_schema() {
    let files = sources(&repo());
    assert_eq!(files.len(), 35);
    assert_all_valid(&files);
}

#[test]
fn every_file_of_the_demo_validates_against_its_schema() {
    let files = sources(&repo().join("examples/demo"));
    assert!(files.len() > 60, "{}", files.len());
    assert_all_valid(&files);
}

#[test]
fn every_file_of_a_new_site_validates_against_its_schema() {
    let files: Vec<(String, String)> = kansli::scaffold::init_files(TODAY)
        .into_iter()
        .filter(|(path, _)| path.starts_with("content/"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert_eq!(files.len(), 11);
    assert_all_valid(&files);
}

#[test]
fn every_kind_has_a_file_to_validate() {
    let files = sources(&repo().join("examples/demo"));
    for kind in kinds() {
        assert!(files.iter().any(|(path, _)| kind_of(path).is_some_and(|k| k.file == kind.file)), "{}", kind.file);
    }
}

/// `text` with the line `at_top` inserted before its first line that is neither a comment
/// nor blank, where it is a key of the file's top-level table.
fn with_unknown_key(text: &str, at_top: &str) -> String {
    let mut out = String::new();
    let mut inserted = false;
    for line in text.lines() {
        if !inserted && !line.starts_with('#') && !line.trim().is_empty() {
            out.push_str(at_top);
            out.push('\n');
            inserted = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn a_top_level_key_the_loader_calls_unknown_fails_the_schema_too() {
    let demo = repo().join("examples/demo");
    let files = sources(&demo);
    for kind in kinds() {
        let (path, text) = files.iter().find(|(path, _)| kind_of(path).is_some_and(|k| k.file == kind.file)).unwrap();
        let changed = with_unknown_key(text, "anteckning = \"x\"");
        let mut site = TestSite::from_dir(&demo);
        site.write(path, &changed);
        let diagnostics = site.diagnostics();
        assert!(
            diagnostics.contains("fel: okänd nyckel `anteckning`"),
            "{path}: the loader accepted it:\n{diagnostics}"
        );
        let errors = schema_errors(&kind, &changed);
        assert_eq!(
            errors,
            vec![": Additional properties are not allowed ('anteckning' was unexpected)".to_string()],
            "{path}"
        );
    }
}

#[test]
fn a_key_under_the_wrong_header_fails_the_loader_and_the_schema() {
    // The content guide's warning: `decision` written after `[[item.attachment]]`.
    const KC: &str = "content/meetings/kommunchefsgruppen/2013-05-15.toml";
    let mut site = TestSite::from_dir(&repo());
    let text = site.read(KC);
    let anchor = "[[item.attachment]]\ntitle = \"Informationsblad\"\n";
    assert_eq!(text.matches(anchor).count(), 1);
    let changed = text.replacen(anchor, &format!("{anchor}decision = \"Beslut.\"\n"), 1);
    site.write(KC, &changed);
    assert!(site.diagnostics().starts_with("fel: okänd nyckel `decision`\n"), "{}", site.diagnostics());
    let errors = schema_errors(&kind_of(KC).unwrap(), &changed);
    assert_eq!(errors, vec!["/item/2/attachment/0: Additional properties are not allowed ('decision' was unexpected)"]);
}

#[test]
fn a_misspelt_value_fails_the_schema() {
    let kind = kind_of("content/meetings/kommunchefsgruppen/2013-05-15.toml").unwrap();
    let errors = schema_errors(&kind, "kind = \"minnesanteckning\"\ndate = 2013-05-15\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/kind: "), "{errors:?}");
}

/// Every `properties` entry of a schema node, with its path, recursively.
fn properties<'a>(node: &'a Json, path: &str, out: &mut Vec<(String, &'a Json)>) {
    match node {
        Json::Object(map) => {
            for (key, value) in map {
                if key == "properties"
                    && let Some(props) = value.as_object()
                {
                    for (name, prop) in props {
                        out.push((format!("{path}.{name}"), prop));
                        properties(prop, &format!("{path}.{name}"), out);
                    }
                } else {
                    properties(value, &format!("{path}/{key}"), out);
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|item| properties(item, path, out)),
        _ => {}
    }
}

#[test]
fn every_field_has_a_swedish_description() {
    let mut missing = Vec::new();
    for kind in kinds() {
        let schema = (kind.editor)();
        if schema.get("description").and_then(Json::as_str).is_none() {
            missing.push(kind.file.to_string());
        }
        let mut found = Vec::new();
        properties(&schema, "", &mut found);
        assert!(!found.is_empty());
        for (path, property) in found {
            if property.get("description").and_then(Json::as_str).unwrap_or_default().is_empty() {
                missing.push(format!("{}: {path}", kind.file));
            }
        }
    }
    assert!(missing.is_empty(), "without a description:\n{}", missing.join("\n"));
}

#[test]
fn the_schemas_in_the_repository_are_current() {
    for (name, text) in editor_files() {
        let path = repo().join(SCHEMA_DIR).join(name);
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(written == text, "{} is out of date: run `cargo run -- schema`", path.display());
    }
    let config = std::fs::read_to_string(repo().join(TAPLO_CONFIG)).unwrap_or_default();
    assert!(config == taplo_config(), "{TAPLO_CONFIG} is out of date: delete it and run `cargo run -- schema`");
}

#[test]
fn taplo_config_maps_every_glob_to_its_schema() {
    let config: toml::Table = toml::from_str(&taplo_config()).unwrap();
    let rules = config["rule"].as_array().unwrap();
    assert_eq!(rules.len(), kinds().len());
    for (rule, kind) in rules.iter().zip(kinds()) {
        let include: Vec<&str> = rule["include"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
        let expected: Vec<String> = kind.globs.iter().map(|g| format!("**/{g}")).collect();
        assert_eq!(include, expected);
        assert_eq!(rule["schema"]["path"].as_str(), Some(format!("schemas/{}", kind.file).as_str()));
    }
}
