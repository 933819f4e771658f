//! A fault in a theme's templates as diagnostics: at its place in the template whenever
//! Tera says where, one diagnostic per fault, and in Swedish for the faults a theme's
//! author meets most (an unknown field, variable, filter, component or template; a tag or
//! expression not closed or not what the place needs; a value of the wrong type). Tera's
//! rarer messages are shown as Tera words them.

use crate::diag::{Diagnostic, FileId, Location, SourceFiles};

const FIX_TEMPLATE: &str = "rätta mallen i temat (themes/…/templates/)";

/// The diagnostics of an error from loading the templates: Tera checks every template's
/// filters, tests, functions, components and includes at once, and reports each unknown
/// one (`templates` holds the theme's templates, as [`super::theme::Theme::templates`]).
pub fn template_errors(templates: &SourceFiles, what: &str, error: &tera::Error) -> Vec<Diagnostic> {
    match error.kind() {
        // The checks' faults come as Tera's own reports, one after another.
        tera::ErrorKind::Msg(text) if text.starts_with("error: ") => {
            let located: Option<Vec<Diagnostic>> = text
                .split("\n\n")
                .filter(|report| !report.starts_with("note: "))
                .map(|report| from_report(templates, what, report))
                .collect();
            if let Some(diagnostics) = located {
                return diagnostics;
            }
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            let place = find_template(templates, current).and_then(|file| {
                let text = templates.text(file);
                let quoted = [format!("\"{parent}\""), format!("'{parent}'")];
                let at = quoted.iter().find_map(|q| text.find(q.as_str()))?;
                Some(Location::new(file, at + 1..at + 1 + parent.len()))
            });
            let diagnostic =
                Diagnostic::error(format!("{what}: mallen `{current}` ärver från `{parent}`, som inte finns"))
                    .with_hint(FIX_TEMPLATE);
            return vec![match place {
                Some(location) => diagnostic.at(location),
                None => diagnostic,
            }];
        }
        _ => {}
    }
    vec![template_error(templates, what, error)]
}

/// A Tera error as one diagnostic, at its place in the template when Tera knows it.
pub fn template_error(templates: &SourceFiles, what: &str, error: &tera::Error) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    let file = report.and_then(|r| find_template(templates, r.filename()));
    let (Some(report), Some(file)) = (report, file) else {
        let mut message = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        return Diagnostic::error(format!("{what}: {message}")).with_hint(FIX_TEMPLATE);
    };
    let span = report.span().range.clone();
    let written = templates.text(file).get(span.clone()).unwrap_or_default();
    let diagnostic = located(file, span, what, report.message());
    if matches!(written, "macro" | "import") {
        // A theme made for kansli's earlier template engine (Tera 1).
        diagnostic.with_hint(
            "mallarna skrivs nu för Tera 2: {% macro namn(…) %} heter {% component namn(…) %}, \
             anropet m::namn(a=x) skrivs <namn a={x}/> och {% import %} behövs inte (se 8.1 i docs/content-guide.md)",
        )
    } else {
        diagnostic
    }
}

/// Tera's `message` at `span` of the template `file`, in Swedish when it is one of the
/// commonest, with a suggestion when Tera lists what there is.
fn located(file: FileId, span: std::ops::Range<usize>, what: &str, message: &str) -> Diagnostic {
    let (message, hint) = swedish(message);
    let diagnostic = Diagnostic::error(format!("{what}: {message}")).at(Location::new(file, span));
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic.with_hint(FIX_TEMPLATE),
    }
}

/// The template Tera calls `name` ("meeting.html"), among the theme's templates
/// ("themes/default/templates/meeting.html").
fn find_template(templates: &SourceFiles, name: &str) -> Option<FileId> {
    let suffix = format!("/templates/{name}");
    (0..templates.len() as u32).map(FileId).find(|&id| templates.path(id).ends_with(&suffix))
}

/// One of Tera's reports ("error: MESSAGE", "  --> NAME:LINE:COLUMN", the line, and a
/// caret under the fault) as a diagnostic; `None` when it is not shaped so.
fn from_report(templates: &SourceFiles, what: &str, report: &str) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let (place, column) = place.rsplit_once(':')?;
    let (name, line) = place.rsplit_once(':')?;
    let (line, column): (usize, usize) = (line.parse().ok()?, column.parse().ok()?);
    let width = report.lines().last()?.matches('^').count().max(1);
    let file = find_template(templates, name)?;
    let span = span_at(templates.text(file), line, column, width)?;
    Some(located(file, span, what, message))
}

/// The bytes of `width` characters from `column` of `line` (both counted from 1, in
/// characters, as Tera counts them), within the line.
fn span_at(text: &str, line: usize, column: usize, width: usize) -> Option<std::ops::Range<usize>> {
    let line_start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let line_text = text.get(line_start..)?.lines().next().unwrap_or_default();
    let byte_at = |chars: usize| line_text.char_indices().nth(chars).map_or(line_text.len(), |(at, _)| at);
    let start = byte_at(column.checked_sub(1)?);
    let end = byte_at(column - 1 + width);
    Some(line_start + start..line_start + end)
}

/// Tera's commonest messages in Swedish, with a hint when one can be given; others as
/// Tera words them.
fn swedish(message: &str) -> (String, Option<String>) {
    // "Field `plats` is not defined. Available fields: body, date, place"
    if let Some((name, rest)) = named(message, "Field ", " is not defined.") {
        let available = rest.trim().strip_prefix("Available fields: ");
        return (format!("fältet {name} finns inte"), there_is(name, available, "fälten som finns är"));
    }
    if let Some((name, rest)) = named(message, "Variable ", " is not defined.") {
        let available = rest.trim().strip_prefix("Available variables: ");
        return (format!("variabeln {name} finns inte"), there_is(name, available, "variablerna som finns är"));
    }
    if let Some((name, _)) = named(message, "Variable ", " exists but its value is undefined") {
        return (format!("variabeln {name} har inget värde här"), None);
    }
    if let Some((name, _)) = named(message, "Block ", " is not defined in any parent template") {
        return (format!("blocket {name} finns inte i mallen som den här mallen ärver från"), None);
    }
    const UNKNOWN: [(&str, &str); 5] = [
        ("Unknown filter ", "filtret"),
        ("Unknown test ", "testet"),
        ("Unknown function ", "funktionen"),
        ("Unknown component ", "komponenten"),
        ("Unknown template ", "mallen"),
    ];
    for (english, swedish) in UNKNOWN {
        if let Some((name, "")) = named(message, english, "") {
            return (format!("{swedish} {name} finns inte"), None);
        }
    }
    if message == "Unknown tag" {
        return ("okänd tagg".to_string(), None);
    }
    // "Found `}}` but expected `%}`.", "Found `%}` but was expecting `elif`, `else` or `endif`."
    if let Some(rest) = message.strip_prefix("Found ") {
        let split = rest.split_once(" but expected ").or_else(|| rest.split_once(" but was expecting "));
        if let Some((found, expected)) = split {
            let expected = expected.strip_suffix('.').unwrap_or(expected);
            return (format!("här står {}, men här behövs {}", token(found), tokens(expected)), None);
        }
    }
    if message == "Unexpected end of input" {
        return (
            "mallen tar slut mitt i ett uttryck eller en tagg".to_string(),
            Some("stäng det som står öppet, med `}}`, `%}` eller en sluttagg som {% endif %}".to_string()),
        );
    }
    if message == "Unexpected character" {
        return ("tecknet hör inte hemma i ett uttryck".to_string(), None);
    }
    if message == "unexpected end of string" {
        return ("texten inom citattecken stängs aldrig".to_string(), None);
    }
    // "`+` requires both operands to be numbers, found `string` and `i64`"
    if let Some(types) = message.strip_prefix("`+` requires both operands to be numbers, found ") {
        let types = types.replace(" and ", " och ");
        return (
            format!("`+` räknar bara med tal, här med {types}"),
            Some("sätt ihop text med `~`, t.ex. {{ a ~ \" \" ~ b }}".to_string()),
        );
    }
    if let Some(types) = message.strip_prefix("Cannot compare ") {
        return (format!("{} går inte att jämföra", types.replace(" with ", " och ")), None);
    }
    if let Some((kind, "")) = named(message, "Iteration not possible on type ", "") {
        return (format!("ett värde av typen {kind} går inte att gå igenom med for"), None);
    }
    if let Some((name, rest)) = named(message, "Argument ", "")
        && rest.ends_with(" missing.")
    {
        return (format!("argumentet {name} saknas"), None);
    }
    (message.to_string(), None)
}

/// One of Tera's words for a piece of a template in Swedish; what is written as it
/// stands (`%}`, `endif`) in backticks.
fn token(word: &str) -> String {
    let swedish = match word {
        "identifier" | "ident" => "ett namn",
        "string" => "en text",
        "integer" => "ett heltal",
        "float" => "ett decimaltal",
        "bool" => "ett sanningsvärde",
        "content" | "raw content" => "text",
        "comment" => "en kommentar",
        "attribute name" => "ett attributnamn",
        written if written.starts_with('`') => written,
        written => return format!("`{written}`"),
    };
    swedish.to_string()
}

/// A list of Tera's words ("`elif`, `else` or `endif`", "one of: integer, float") in Swedish.
fn tokens(list: &str) -> String {
    let (intro, list) = list.strip_prefix("one of: ").map_or(("", list), |rest| ("något av: ", rest));
    let (most, last) = list.rsplit_once(" or ").map_or((list, None), |(most, last)| (most, Some(last)));
    let words: Vec<String> = most.split(", ").map(token).collect();
    match last {
        Some(last) => format!("{intro}{} eller {}", words.join(", "), token(last)),
        None => format!("{intro}{}", words.join(", ")),
    }
}

/// For a message "{prefix}`name`{after}{rest}": the name in its backticks, and the rest.
fn named<'a>(message: &'a str, prefix: &str, after: &str) -> Option<(&'a str, &'a str)> {
    let rest = message.strip_prefix(prefix)?;
    let end = rest.strip_prefix('`')?.find('`')? + 2;
    let (name, rest) = rest.split_at(end);
    Some((name, rest.strip_prefix(after)?))
}

/// "menade du `place`?" when one of `available` (Tera's list, "a, b, c") is close to the
/// `name` written, else the list.
fn there_is(name: &str, available: Option<&str>, listed: &str) -> Option<String> {
    let available: Vec<&str> = available?.split(", ").filter(|a| !a.is_empty()).collect();
    let written = name.trim_matches('`');
    match crate::load::decode::suggest(written, &available) {
        Some(best) => Some(format!("menade du `{best}`?")),
        None if available.is_empty() => None,
        None => Some(format!("{listed} {}", available.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_the_commonest_messages_in_swedish() {
        assert_eq!(
            swedish("Field `plats` is not defined. Available fields: body, date, place"),
            ("fältet `plats` finns inte".to_string(), Some("menade du `place`?".to_string()))
        );
        assert_eq!(
            swedish("Field `x` is not defined. Available fields: body, date"),
            ("fältet `x` finns inte".to_string(), Some("fälten som finns är body, date".to_string()))
        );
        assert_eq!(swedish("Variable `sidan` is not defined."), ("variabeln `sidan` finns inte".to_string(), None));
        assert_eq!(swedish("Unknown filter `upcase`"), ("filtret `upcase` finns inte".to_string(), None));
        assert_eq!(swedish("Unknown component `lnk`"), ("komponenten `lnk` finns inte".to_string(), None));
        assert_eq!(swedish("Found `}}` but expected `%}`."), ("här står `}}`, men här behövs `%}`".to_string(), None));
        assert_eq!(
            swedish("Found `%}` but was expecting `elif`, `else` or `endif`."),
            ("här står `%}`, men här behövs `elif`, `else` eller `endif`".to_string(), None)
        );
        assert_eq!(
            swedish("Found `)` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{{`, `[` or `(`"),
            (
                "här står `)`, men här behövs något av: ett heltal, ett decimaltal, en text, ett sanningsvärde, ett namn, `-`, \
                 `not`, `<`, `{{`, `[` eller `(`"
                    .to_string(),
                None
            )
        );
        assert_eq!(swedish("Found `,` but expected ...."), ("här står `,`, men här behövs `...`".to_string(), None));
        assert_eq!(
            swedish("Found identifier but expected %}."),
            ("här står ett namn, men här behövs `%}`".to_string(), None)
        );
        assert_eq!(
            swedish("`+` requires both operands to be numbers, found `string` and `i64`"),
            (
                "`+` räknar bara med tal, här med `string` och `i64`".to_string(),
                Some("sätt ihop text med `~`, t.ex. {{ a ~ \" \" ~ b }}".to_string())
            )
        );
        assert_eq!(
            swedish("Cannot compare `string` with `i64`"),
            ("`string` och `i64` går inte att jämföra".to_string(), None)
        );
        assert_eq!(
            swedish("Iteration not possible on type `i64`"),
            ("ett värde av typen `i64` går inte att gå igenom med for".to_string(), None)
        );
        assert_eq!(swedish("Argument `l` missing."), ("argumentet `l` saknas".to_string(), None));
        assert_eq!(swedish("Argument `l` (type: `map`) missing."), ("argumentet `l` saknas".to_string(), None));
        assert_eq!(swedish("Unexpected character"), ("tecknet hör inte hemma i ett uttryck".to_string(), None));
        assert_eq!(swedish("unexpected end of string"), ("texten inom citattecken stängs aldrig".to_string(), None));
        assert_eq!(swedish("Slicing step cannot be 0"), ("Slicing step cannot be 0".to_string(), None));
    }

    #[test]
    fn spans_count_characters_within_the_line() {
        let text = "<p>\n<dd>{{ å | upcase }}</dd>\n";
        let span = span_at(text, 2, 12, 6).unwrap();
        assert_eq!(&text[span], "upcase");
        assert_eq!(span_at(text, 0, 1, 1), None);
    }
}
