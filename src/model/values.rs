//! Source scalars → model values: dates, partial dates, times, ids; each fault located.

use jiff::civil::{Date, Time};

use super::types::PartialDate;
use crate::diag::{Diagnostic, FileId, Location};
use crate::load::scalar::{DATE_HINT, RawDate, RawTime, bad_date};
use crate::load::spanned::Spanned;

/// A full calendar date.
pub(crate) fn date(file: FileId, raw: &Spanned<RawDate>, out: &mut Vec<Diagnostic>) -> Option<Date> {
    let partial = parse_date(file, raw, false, out)?;
    match (partial.month, partial.day) {
        (Some(m), Some(d)) => Date::new(partial.year, m, d).ok(),
        _ => None,
    }
}

/// A date that may be given as "ÅÅÅÅ-MM" or "ÅÅÅÅ".
pub(crate) fn partial_date(file: FileId, raw: &Spanned<RawDate>, out: &mut Vec<Diagnostic>) -> Option<PartialDate> {
    parse_date(file, raw, true, out)
}

fn parse_date(
    file: FileId,
    raw: &Spanned<RawDate>,
    allow_partial: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<PartialDate> {
    let location = Location::new(file, raw.span.clone());
    // As written, for a message (most dates have none: made only when needed).
    let shown = || match &raw.value {
        RawDate::Toml(datetime) => datetime.to_string(),
        RawDate::Text(text) => text.clone(),
    };
    let (year, month, day) = match &raw.value {
        RawDate::Toml(datetime) => {
            let (Some(d), None) = (datetime.date, datetime.time) else {
                out.push(
                    Diagnostic::error(format!("väntade ett datum, fick `{datetime}`"))
                        .at(location)
                        .with_label("inte ett datum")
                        .with_hint(DATE_HINT),
                );
                return None;
            };
            (i64::from(d.year), Some(i64::from(d.month)), Some(i64::from(d.day)))
        }
        RawDate::Text(text) => match split_date(text) {
            Some(parts) => parts,
            None => {
                out.push(
                    Diagnostic::error(format!("ogiltigt datum \"{text}\""))
                        .at(location)
                        .with_label("inte ett datum")
                        .with_hint(if allow_partial {
                            "skriv ÅÅÅÅ-MM-DD utan citattecken, eller \"ÅÅÅÅ-MM\" eller \"ÅÅÅÅ\" inom citattecken"
                        } else {
                            DATE_HINT
                        }),
                );
                return None;
            }
        },
    };
    if !allow_partial && (month.is_none() || day.is_none()) {
        out.push(
            Diagnostic::error(format!("datumet \"{}\" är inte fullständigt", shown()))
                .at(location)
                .with_label("dag saknas")
                .with_hint(DATE_HINT),
        );
        return None;
    }
    let in_range = (1000..=9999).contains(&year)
        && month.is_none_or(|m| (1..=12).contains(&m))
        && day.is_none_or(|d| (1..=31).contains(&d));
    if !in_range {
        out.push(
            Diagnostic::error(format!("datumet {} finns inte", shown()))
                .at(location)
                .with_label("inte ett datum")
                .with_hint(DATE_HINT),
        );
        return None;
    }
    let (year, month, day) = (year as i16, month.map(|m| m as i8), day.map(|d| d as i8));
    if let (Some(m), Some(d)) = (month, day)
        && Date::new(year, m, d).is_err()
    {
        let (message, label, hint) = bad_date(&format!("{year:04}-{m:02}-{d:02}"));
        out.push(Diagnostic::error(message).at(location).with_label(label).with_hint(hint));
        return None;
    }
    Some(PartialDate { year, month, day })
}

/// "2013-05-15", "2013-05" or "2013" → numbers; anything else → None.
fn split_date(text: &str) -> Option<(i64, Option<i64>, Option<i64>)> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| -> Option<i64> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    match parts.as_slice() {
        [y] => Some((number(y, 4)?, None, None)),
        [y, m] => Some((number(y, 4)?, Some(number(m, 2)?), None)),
        [y, m, d] => Some((number(y, 4)?, Some(number(m, 2)?), Some(number(d, 2)?))),
        _ => None,
    }
}

/// A time of day.
pub(crate) fn time(file: FileId, raw: &Spanned<RawTime>, out: &mut Vec<Diagnostic>) -> Option<Time> {
    let location = Location::new(file, raw.span.clone());
    let hint = "skriv klockslag som TT:MM:SS utan citattecken, t.ex. 08:30:00";
    let parsed = match &raw.value {
        RawTime::Toml(datetime) => match (datetime.date, datetime.time) {
            (None, Some(t)) => Some((i64::from(t.hour), i64::from(t.minute), i64::from(t.second.unwrap_or(0)))),
            _ => None,
        },
        RawTime::Text(text) => {
            let parts: Vec<&str> = text.trim().split([':', '.']).collect();
            let n = |s: &str| {
                (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten()
            };
            match parts.as_slice() {
                [h, m] => n(h).zip(n(m)).map(|(h, m)| (h, m, 0)),
                [h, m, s] => n(h).zip(n(m)).zip(n(s)).map(|((h, m), s)| (h, m, s)),
                _ => None,
            }
        }
    };
    let valid = parsed.filter(|(h, m, s)| (0..24).contains(h) && (0..60).contains(m) && (0..60).contains(s));
    match valid {
        Some((h, m, s)) => Time::new(h as i8, m as i8, s as i8, 0).ok(),
        None => {
            out.push(
                Diagnostic::error("ogiltigt klockslag").at(location).with_label("inte ett klockslag").with_hint(hint),
            );
            None
        }
    }
}

/// Ids are used in URLs and file names: lowercase a–z, digits and single hyphens.
pub(crate) fn check_id(file: FileId, id: &Spanned<String>, out: &mut Vec<Diagnostic>) -> bool {
    if is_valid_id(&id.value) {
        return true;
    }
    out.push(
        Diagnostic::error(format!("ogiltigt id \"{}\"", id.value))
            .at(Location::new(file, id.span.clone()))
            .with_label("får bara innehålla a–z, 0–9 och bindestreck")
            .with_hint(format!("skriv t.ex. \"{}\"", suggest_id(&id.value))),
    );
    false
}

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// A valid id made from any text: "Åsa Ågren" → "asa-agren".
pub(crate) fn suggest_id(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let mapped = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if mapped == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(mapped);
    }
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() { "id".into() } else { trimmed }
}

/// Numbers as runs of consecutive ones, in order and once each: "1–3, 5, 7–9".
pub(crate) fn number_ranges(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for n in sorted {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    let written: Vec<String> =
        runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
    written.join(", ")
}

/// Text fields keep their content but lose Windows line endings.
pub(crate) fn text(value: &Spanned<String>) -> String {
    normalize(&value.value)
}

pub(crate) fn opt_text(value: &Option<Spanned<String>>) -> Option<String> {
    value.as_ref().map(text).filter(|t| !t.trim().is_empty())
}

pub(crate) fn normalize(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.contains('\r') { trimmed.replace("\r\n", "\n") } else { trimmed.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_ids_from_names() {
        assert_eq!(suggest_id("Åsa Ågren Wikström"), "asa-agren-wikstrom");
        assert_eq!(suggest_id("Örnsköldsvik"), "ornskoldsvik");
        assert!(is_valid_id("kommunchefsgruppen"));
        assert!(!is_valid_id("Umeå"));
        assert!(!is_valid_id("a--b"));
    }

    #[test]
    fn splits_full_and_partial_dates() {
        assert_eq!(split_date("2011-05"), Some((2011, Some(5), None)));
        assert_eq!(split_date("203-06-15"), None);
        assert_eq!(split_date("2013-5-1"), None);
    }
}
