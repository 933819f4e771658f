//! Swedish formatting of dates, times, amounts and sizes, as the public reads them.

use jiff::civil::{Date, Time, Weekday};

use crate::load::scalar::MONTHS;
use crate::model::RecordKind;

pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

pub fn weekday(date: Date) -> &'static str {
    match date.weekday() {
        Weekday::Monday => "måndag",
        Weekday::Tuesday => "tisdag",
        Weekday::Wednesday => "onsdag",
        Weekday::Thursday => "torsdag",
        Weekday::Friday => "fredag",
        Weekday::Saturday => "lördag",
        Weekday::Sunday => "söndag",
    }
}

/// "onsdag 15 maj 2013"
pub fn date_long(date: Date) -> String {
    format!("{} {}", weekday(date), date_medium(date))
}

/// "15 maj 2013"
pub fn date_medium(date: Date) -> String {
    format!("{} {} {}", date.day(), month_name(date.month()), date.year())
}

/// "08.30"
pub fn time(t: Time) -> String {
    format!("{:02}.{:02}", t.hour(), t.minute())
}

/// "08.30–11.00", "från 08.30" or "".
pub fn time_span(start: Option<Time>, end: Option<Time>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{}–{}", time(s), time(e)),
        (Some(s), None) => format!("från {}", time(s)),
        _ => String::new(),
    }
}

/// "23–26 maj 2013", "3–11 augusti 2013", "15 maj 2013 – 15 maj 2014".
pub fn period(from: Date, until: Option<Date>) -> String {
    let Some(until) = until.filter(|u| *u != from) else { return date_medium(from) };
    if from.year() == until.year() && from.month() == until.month() {
        format!("{}–{} {} {}", from.day(), until.day(), month_name(from.month()), from.year())
    } else if from.year() == until.year() {
        format!(
            "{} {} – {} {} {}",
            from.day(),
            month_name(from.month()),
            until.day(),
            month_name(until.month()),
            from.year()
        )
    } else {
        format!("{} – {}", date_medium(from), date_medium(until))
    }
}

/// Groups digits by three with a no-break space: 2800000 → "2 800 000".
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if n < 0 { format!("−{out}") } else { out }
}

/// "300 000 kr"
pub fn amount(kronor: i64) -> String {
    format!("{}\u{a0}kr", grouped(kronor))
}

/// A decimal number with a decimal comma and at most two decimals: 12.5 → "12,5".
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return grouped(value as i64);
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let int: i64 = int.parse().unwrap_or(0);
    let sign = if value < 0.0 && int == 0 { "−" } else { "" };
    if frac.is_empty() { format!("{sign}{}", grouped(int)) } else { format!("{sign}{},{frac}", grouped(int)) }
}

/// "12 kB", "1,4 MB"
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes}\u{a0}B")
    } else if b < KB * KB {
        format!("{}\u{a0}kB", (b / KB).round() as u64)
    } else {
        format!("{}\u{a0}MB", number((b / KB / KB * 10.0).round() / 10.0))
    }
}

/// A value of a plan's goal with its unit: "150 besök per dag", "1 kommun".
pub fn goal_value(goal: &crate::model::PlanGoal, value: f64) -> String {
    let unit = if value == 1.0 { goal.unit_one.as_ref().or(goal.unit.as_ref()) } else { goal.unit.as_ref() };
    match unit {
        Some(u) => format!("{}\u{a0}{u}", number(value)),
        None => number(value),
    }
}

/// An item's number as a reference cites it: "§ 3" in a protokoll, "punkt 3" in
/// minnesanteckningar, which number their items as points ("3.") and have no paragraphs.
/// A meeting known only by reference has no kind and gets "§".
pub fn item_number(kind: Option<RecordKind>, number: u32) -> String {
    format!("{}\u{a0}{number}", numbering(kind))
}

/// An item's number in its heading: "§ 3", or "3." as minnesanteckningar write it.
pub fn item_heading_number(kind: Option<RecordKind>, number: u32) -> String {
    match kind {
        Some(RecordKind::Minnesanteckningar) => format!("{number}."),
        _ => item_number(kind, number),
    }
}

fn numbering(kind: Option<RecordKind>) -> &'static str {
    match kind {
        Some(RecordKind::Minnesanteckningar) => "punkt",
        _ => "§",
    }
}

/// "§ 3–4, 7" (or "punkt 3–4, 7", see [`item_number`]) for a list of item numbers.
pub fn item_list(kind: Option<RecordKind>, numbers: &[u32]) -> String {
    format!("{}\u{a0}{}", numbering(kind), crate::model::values::number_ranges(numbers))
}

/// A text as Markdown reads it, in plain paragraphs: the line breaks inside a paragraph
/// become spaces, paragraphs are separated by one blank line, and each line of a list
/// ("- ", "* ", "1. ") keeps a line of its own. For open data and feeds, where the
/// source's wrapping at 90 characters would break a sentence in two.
pub fn unwrap_lines(text: &str) -> String {
    let mut out = String::new();
    let mut in_paragraph = false;
    for line in text.trim().lines().map(str::trim) {
        if line.is_empty() {
            in_paragraph = false;
            continue;
        }
        if !in_paragraph && !out.is_empty() {
            out.push_str("\n\n");
        } else if in_paragraph {
            out.push(if starts_list_line(line) { '\n' } else { ' ' });
        }
        out.push_str(line);
        in_paragraph = true;
    }
    out
}

/// Words a number is written before and must not be parted from at a line's end.
const UNITS: &[&str] = &["kr", "kronor", "tkr", "mkr", "miljoner", "miljarder", "procent", "st", "%"];

/// Text written in the sources with the spaces that must not break made no-break: in
/// "200 000 kr" (between digit groups, and before the unit), in "9 december" and in
/// "§ 3". Swedish typography keeps them on one line, and a figure parted at a line's end
/// ("200" / "000 kr") is misread. Other spaces are left as they are.
pub fn keep_together(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0;
    // Most texts hold no figure: a look at each space only after a digit or a "§".
    for (at, _) in text.match_indices(' ') {
        let (before, after) = (&text[..at], &text[at + 1..]);
        let digit_before = before.ends_with(|c: char| c.is_ascii_digit());
        if !digit_before && !before.ends_with('§') {
            continue;
        }
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let keep = if digit_before {
            let next = after.split(|c: char| !c.is_alphanumeric() && c != '%').next().unwrap_or("");
            digits == 3 || UNITS.contains(&next) || MONTHS.contains(&next)
        } else {
            digits > 0
        };
        if keep {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            out.push_str(&text[done..at]);
            out.push('\u{a0}');
            done = at + 1;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[done..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// "- a", "* a", "+ a", "1. a", "2) a": a line of a Markdown list.
fn starts_list_line(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    ["- ", "* ", "+ "].iter().any(|marker| line.starts_with(marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_swedish_dates_and_amounts() {
        assert_eq!(date_long(Date::constant(2013, 5, 15)), "onsdag 15 maj 2013");
        assert_eq!(amount(300_000), "300\u{a0}000\u{a0}kr");
        assert_eq!(amount(30), "30\u{a0}kr");
        assert_eq!(grouped(2_800_000), "2\u{a0}800\u{a0}000");
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(1234.0), "1\u{a0}234");
        assert_eq!(period(Date::constant(2013, 5, 23), Some(Date::constant(2013, 5, 26))), "23–26 maj 2013");
        assert_eq!(period(Date::constant(2013, 5, 15), Some(Date::constant(2014, 5, 15))), "15 maj 2013 – 15 maj 2014");
        assert_eq!(time_span(Time::new(8, 30, 0, 0).ok(), Time::new(11, 0, 0, 0).ok()), "08.30–11.00");
        assert_eq!(item_list(Some(RecordKind::Protokoll), &[4, 3, 7]), "§\u{a0}3–4, 7");
        assert_eq!(item_list(Some(RecordKind::Minnesanteckningar), &[2]), "punkt\u{a0}2");
        assert_eq!(file_size(120_400), "120\u{a0}kB");
    }

    #[test]
    fn figures_dates_and_paragraphs_are_kept_on_one_line() {
        let kept = |s: &str| keep_together(s).replace('\u{a0}', "_");
        assert_eq!(kept("anslås 120 000 kr och 200 000 kr"), "anslås 120_000_kr och 200_000_kr");
        assert_eq!(kept("1 102 320 kronor, 34 procent och 25 %"), "1_102_320_kronor, 34_procent och 25_%");
        assert_eq!(kept("senast 9 december 2026 enligt § 8"), "senast 9_december 2026 enligt §_8");
        // Not a digit group (two or four digits), not a unit, not a month: left alone.
        assert_eq!(kept("år 2013 2014, 12 34, 3 kommuner, 5 maja"), "år 2013 2014, 12 34, 3 kommuner, 5 maja");
        assert!(matches!(keep_together("inga siffror här"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn unwraps_the_lines_of_a_paragraph_and_keeps_lists_and_paragraphs() {
        let text = "Kommunchefsgruppen godkänner planerna\nför 2025.\n\n  \nUppdrag:\n- kansliet\n- kommunerna\n1. först\nsedan\n";
        assert_eq!(
            unwrap_lines(text),
            "Kommunchefsgruppen godkänner planerna för 2025.\n\nUppdrag:\n- kansliet\n- kommunerna\n1. först sedan"
        );
        assert_eq!(unwrap_lines("  En rad.  "), "En rad.");
        assert_eq!(unwrap_lines("2013 års plan\nantas."), "2013 års plan antas.");
    }
}
