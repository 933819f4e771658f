//! typst's commonest messages in Swedish. A PDF template's author meets a few faults
//! again and again: a key the data does not have, an unknown name, a bracket or string
//! left open, a file that is not in the theme. Those are worded here, with a suggestion
//! from the document's own data where a key is missing; every other message is shown as
//! typst words it, with typst's hints.

/// A Swedish message and its hints for typst's `message`, or `None` for one not worded
/// here. `written` is the template's text at the fault; `data` is the document's data,
/// whose keys a missing key is compared with.
pub(super) fn swedish(message: &str, written: &str, data: &serde_json::Value) -> Option<(String, Vec<String>)> {
    if let Some(rest) = message.strip_prefix("dictionary does not contain key ") {
        let (key, no_default) = match rest.strip_suffix(" and no default value was specified") {
            Some(key) => (key, true),
            None => (rest, false),
        };
        let key = key.strip_prefix('"')?.strip_suffix('"')?;
        let mut hints = Vec::new();
        let keys = keys(data);
        if let Some(best) = crate::load::decode::suggest(key, &keys) {
            hints.push(format!("menade du `{best}`?"));
        }
        if no_default {
            hints.push(format!("ge ett värde för när den saknas: `.at(\"{key}\", default: none)`"));
        } else {
            hints.push(format!(
                "finns nyckeln bara ibland, läs den med `.at(\"{key}\", default: none)` eller fråga först med `\"{key}\" in …`"
            ));
        }
        return Some((format!("nyckeln `{key}` finns inte"), hints));
    }
    if let Some(name) = message.strip_prefix("unknown variable: ") {
        let mut hints = Vec::new();
        if name.contains('-') {
            hints.push(format!("menade du ett minus? skriv mellanslag omkring det: `{}`", name.replace('-', " - ")));
        }
        return Some((format!("variabeln `{name}` finns inte"), hints));
    }
    if message == "unclosed delimiter" {
        let (what, closing) = match written.chars().next() {
            Some('(') => ("parentesen `(`", ')'),
            Some('[') => ("hakparentesen `[`", ']'),
            Some('{') => ("klammerparentesen `{`", '}'),
            _ => return Some(("en parentes stängs aldrig".to_string(), Vec::new())),
        };
        return Some((format!("{what} stängs aldrig"), vec![format!("stäng den med `{closing}`")]));
    }
    if message == "unclosed string" {
        return Some(("strängen stängs aldrig".to_string(), vec!["avsluta den med `\"`".to_string()]));
    }
    if let Some(rest) = message.strip_prefix("file not found (searched at ") {
        let path = rest.strip_suffix(')')?;
        return Some((
            format!("filen `{path}` finns inte i temat"),
            vec!["lägg filen i temats mapp, eller rätta sökvägen".to_string()],
        ));
    }
    None
}

/// Every key of every table in `data`, once each, in order of first appearance.
fn keys(data: &serde_json::Value) -> Vec<&str> {
    fn walk<'a>(value: &'a serde_json::Value, keys: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    if !keys.contains(&key.as_str()) {
                        keys.push(key);
                    }
                    walk(value, keys);
                }
            }
            serde_json::Value::Array(values) => values.iter().for_each(|v| walk(v, keys)),
            _ => {}
        }
    }
    let mut keys = Vec::new();
    walk(data, &mut keys);
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn words_the_commonest_messages_in_swedish() {
        let data = json!({"meeting": {"place": "Umeå", "items": [{"title": "x"}]}});
        assert_eq!(
            swedish("dictionary does not contain key \"plase\"", "plase", &data),
            Some((
                "nyckeln `plase` finns inte".to_string(),
                vec![
                    "menade du `place`?".to_string(),
                    "finns nyckeln bara ibland, läs den med `.at(\"plase\", default: none)` eller fråga först med \
                     `\"plase\" in …`"
                        .to_string()
                ]
            ))
        );
        assert_eq!(
            swedish("dictionary does not contain key \"zzz\" and no default value was specified", "", &data),
            Some((
                "nyckeln `zzz` finns inte".to_string(),
                vec!["ge ett värde för när den saknas: `.at(\"zzz\", default: none)`".to_string()]
            ))
        );
        assert_eq!(
            swedish("unknown variable: a-b", "a-b", &data),
            Some((
                "variabeln `a-b` finns inte".to_string(),
                vec!["menade du ett minus? skriv mellanslag omkring det: `a - b`".to_string()]
            ))
        );
        assert_eq!(
            swedish("unclosed delimiter", "[#x", &data),
            Some(("hakparentesen `[` stängs aldrig".to_string(), vec!["stäng den med `]`".to_string()]))
        );
        assert_eq!(
            swedish("file not found (searched at /typst/logo.svg)", "", &data),
            Some((
                "filen `/typst/logo.svg` finns inte i temat".to_string(),
                vec!["lägg filen i temats mapp, eller rätta sökvägen".to_string()]
            ))
        );
        assert_eq!(swedish("expected content, found integer", "", &data), None);
    }

    #[test]
    fn lists_each_key_once_from_every_level() {
        let data = json!({"a": {"b": 1, "c": [{"b": 2, "d": 3}]}, "e": 4});
        assert_eq!(keys(&data), ["a", "b", "c", "d", "e"]);
    }
}
