//! Markdown → the block tree the typst templates lay out, on arbitrary text. Beyond not
//! panicking, the tree has only the node kinds the templates know, every link is a safe
//! one, and every text is a JSON string: typst receives it as a value, never as markup.
#![no_main]

use kansli::load::markdown::safe_url;
use kansli::render::markdown::to_blocks;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const BLOCKS: &[&str] = &["p", "h", "ul", "ol", "quote", "code", "hr", "table"];
const INLINES: &[&str] = &["br", "code", "emph", "strong", "strike", "link"];

fn inline(value: &Value) {
    match value {
        Value::String(_) => {}
        Value::Object(node) => {
            let kind = node["t"].as_str().expect("a node has a kind");
            assert!(INLINES.contains(&kind), "inline {kind}");
            if kind == "link" {
                assert!(safe_url(node["url"].as_str().expect("a link's url")), "{node:?}");
            }
            if let Some(children) = node.get("c") {
                children.as_array().expect("children").iter().for_each(inline);
            }
        }
        other => panic!("inline {other:?}"),
    }
}

fn block(value: &Value) {
    let node = value.as_object().expect("a block is an object");
    let kind = node["t"].as_str().expect("a block has a kind");
    assert!(BLOCKS.contains(&kind), "block {kind}");
    match kind {
        "p" | "h" => node["c"].as_array().expect("inlines").iter().for_each(inline),
        "quote" => node["c"].as_array().expect("blocks").iter().for_each(block),
        "ul" | "ol" => {
            for item in node["items"].as_array().expect("items") {
                item.as_array().expect("an item is blocks").iter().for_each(block);
            }
        }
        "table" => {
            let header = node["header"].as_array().expect("header");
            for row in std::iter::once(header)
                .chain(node["rows"].as_array().expect("rows").iter().map(|r| r.as_array().expect("row")))
            {
                for cell in row {
                    cell.as_array().expect("a cell is inlines").iter().for_each(inline);
                }
            }
        }
        "code" => assert!(node["text"].is_string()),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data);
    match to_blocks(&markdown) {
        Value::Array(blocks) => blocks.iter().for_each(block),
        other => panic!("{other:?}"),
    }
});
