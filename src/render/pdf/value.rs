//! JSON data → typst values. Strings stay strings: typst shows a string as its text and
//! never evaluates it.

use typst::foundations::{Array, Dict, Value};

pub(super) fn from_json(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::Str(s.as_str().into()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_json).collect::<Array>()),
        serde_json::Value::Object(map) => {
            Value::Dict(map.iter().map(|(k, v)| (k.as_str().into(), from_json(v))).collect::<Dict>())
        }
    }
}
