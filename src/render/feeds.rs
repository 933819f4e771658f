//! Subscriptions: Atom feeds of published minutes (RFC 4287) and iCalendar files of
//! meetings (RFC 5545), for the whole cooperation and for each body, and for each
//! municipality an Atom feed of the decisions that concern it.
//!
//! This module owns `flode/*.atom` and `kalender/*.ics` (paths from [`urls`]). It reads
//! only the edition it is given and must not reach past it: drafts are skipped entirely,
//! a confidential item is shown as its number and the site's notice, nothing else. Output
//! depends on the model alone (no clock but `model.today`, no hash-ordered iteration),
//! so a rebuild of an unchanged site gives the same bytes and readers see no false
//! updates. Times are Europe/Stockholm, written with their offset.
//!
//! The helpers at the bottom (a meeting's title, whether it has a record, local
//! date-times) are shared with the open-data renderers so that a meeting is named and
//! dated the same way in every machine-readable artefact.

use std::fmt::Write as _;

use jiff::civil::{Date, Time};

use super::sitemap::{absolute, xml_escape};
use super::{Artefact, format, urls};
use crate::model::{BodyId, Item, Meeting, MeetingStatus, Model, MunicipalityId, RecordKind, time_zone};

/// Every Atom feed and iCalendar file: one of each for all bodies, one of each per body.
///
/// A body gets its files when it has meetings (its page links them then; see
/// `body_has_meetings`). `pdfs` says whether the build makes the meetings' PDFs; without
/// them no entry links to one.
pub fn feeds(model: &Model, pdfs: bool) -> Vec<Artefact> {
    let mut out = vec![atom(model, None, pdfs), ical(model, None), periods_ical(model)];
    for id in model.body_ids().filter(|b| body_has_meetings(model, *b)) {
        out.push(atom(model, Some(id), pdfs));
        out.push(ical(model, Some(id)));
    }
    out.extend(municipality_feeds(model));
    out
}

// ---------------------------------------------------------------------------------------
// Atom

/// The Atom feed of published records, newest first: `flode/beslut.atom` for every body,
/// or `urls::body_feed` for one. Each entry links its record's PDF when `pdfs`.
/// Entries per feed.
pub const FEED_ENTRIES: usize = 50;

pub fn atom(model: &Model, body: Option<BodyId>, pdfs: bool) -> Artefact {
    let path = match body {
        Some(b) => urls::body_feed(model.body(b)),
        None => urls::FEED.to_string(),
    };
    let mut entries: Vec<&Meeting> = model
        .meetings
        .iter()
        .map(|m| &**m)
        .filter(|m| m.has_record(model.today) && body.is_none_or(|b| m.body == b))
        .collect();
    // Newest first by the instant written as `updated`, then by meeting (date, body) so
    // that ties are ordered the same way every time.
    entries.sort_by_key(|m| std::cmp::Reverse((record_date(m), m.date, m.body)));
    // A feed carries the newest records; the whole history is on the site and in the data.
    entries.truncate(FEED_ENTRIES);

    let (title, alternate) = match body {
        Some(b) => {
            let b = model.body(b);
            (format!("{} – beslut ({})", b.name, model.site.cooperation), urls::body(b))
        }
        None => (format!("{} – beslut", model.site.cooperation), urls::DECISIONS.to_string()),
    };
    // A feed with no entries still needs `updated`: the site's newest record is the last
    // moment anything could have changed it; a site without records falls back on today.
    let updated = entries.first().map_or_else(|| newest_record(model), |m| record_date(m));

    let mut x = feed_head(model, &path, &title, &alternate, updated);
    for meeting in entries {
        entry(&mut x, model, meeting, pdfs);
    }
    x.push_str("</feed>\n");
    Artefact::new(path, x)
}

/// A feed's beginning, up to its first entry: its id and `self` link (`path`), title,
/// the page it follows (`alternate`), and when it last changed.
fn feed_head(model: &Model, path: &str, title: &str, alternate: &str, updated: Date) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ =
        writeln!(x, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", xml_escape(&model.site.language));
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&absolute(model, path)));
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(title));
    if let Some(description) = &model.site.description {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", xml_escape(description));
    }
    let _ = writeln!(x, "  <updated>{}</updated>", rfc3339(updated, noon()));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&absolute(model, path))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&absolute(model, alternate))
    );
    let _ = writeln!(
        x,
        "  <author><name>{}</name><uri>{}</uri></author>",
        xml_escape(&model.site.cooperation),
        xml_escape(&absolute(model, urls::START))
    );
    x.push_str("  <generator>kansli</generator>\n");
    x
}

/// The newest record's date in the site, for a feed with no entries; today without one.
fn newest_record(model: &Model) -> Date {
    model.meetings.iter().filter(|m| m.has_record(model.today)).map(|m| record_date(m)).max().unwrap_or(model.today)
}

/// `kommuner/<kommun>/beslut.atom` for every municipality: the newest decisions that
/// concern it (`Model::municipalities_concerned`, as the decisions' "Kommun" facet lists
/// them), one entry per decision, for an elected member who follows their own
/// municipality. One pass over the records finds every municipality's decisions.
pub fn municipality_feeds(model: &Model) -> Vec<Artefact> {
    let mut concerning: Vec<Vec<(&Meeting, &Item)>> = vec![Vec::new(); model.municipalities.len()];
    for meeting in model.meetings.iter().filter(|m| m.has_record(model.today)) {
        for item in meeting.items.iter().filter(|i| i.decision.is_some() && i.secrecy.is_none()) {
            for m in model.municipalities_concerned(meeting.date, item) {
                concerning[m.index()].push((meeting, item));
            }
        }
    }
    concerning
        .into_iter()
        .enumerate()
        .map(|(i, decisions)| municipality_atom(model, MunicipalityId(i as u32), decisions))
        .collect()
}

/// The feed of one municipality, from the decisions that concern it.
fn municipality_atom(model: &Model, id: MunicipalityId, mut decisions: Vec<(&Meeting, &Item)>) -> Artefact {
    let municipality = model.municipality(id);
    let path = urls::municipality_feed(model, id);
    decisions.sort_by_key(|(m, item)| std::cmp::Reverse((record_date(m), m.date, m.body, item.number)));
    decisions.truncate(FEED_ENTRIES);
    let updated = decisions.first().map_or_else(|| newest_record(model), |(m, _)| record_date(m));
    let title = format!("{} – beslut som rör {}", model.site.cooperation, municipality.name);
    let mut x = feed_head(model, &path, &title, &urls::municipality(model, id), updated);
    for (meeting, item) in decisions {
        let body = model.body(meeting.body);
        let page = absolute(model, &urls::item(model, meeting, item.number));
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <id>{}</id>", xml_escape(&page));
        let title = format!(
            "{} {}, {}: {}",
            body.name,
            format::date_medium(meeting.date),
            format::item_number(meeting.kind, item.number),
            item.title
        );
        let _ = writeln!(x, "    <title>{}</title>", xml_escape(&title));
        // A protocol is public once adjusted (justerat), so it is published then.
        let _ = writeln!(x, "    <published>{}</published>", rfc3339(record_date(meeting), noon()));
        let _ = writeln!(x, "    <updated>{}</updated>", rfc3339(record_date(meeting), noon()));
        let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml_escape(&page));
        let _ = writeln!(x, "    <category term=\"{}\" label=\"{}\"/>", xml_escape(&body.slug), xml_escape(&body.name));
        let mut html = String::from("<p><strong>Beslut:</strong></p>\n");
        html.push_str(&text_html(item.decision.as_deref().unwrap_or_default()));
        let _ = writeln!(x, "    <content type=\"html\">{}</content>", xml_escape(&html));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    Artefact::new(path, x)
}

fn entry(x: &mut String, model: &Model, meeting: &Meeting, pdfs: bool) {
    let body = model.body(meeting.body);
    let page = absolute(model, &urls::meeting(model, meeting));
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <id>{}</id>", xml_escape(&page));
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(&meeting_title(model, meeting)));
    // A protocol is public once adjusted (justerat): before, there is nothing to publish.
    let _ = writeln!(x, "    <published>{}</published>", rfc3339(record_date(meeting), noon()));
    let _ = writeln!(x, "    <updated>{}</updated>", rfc3339(record_date(meeting), noon()));
    let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", xml_escape(&page));
    if pdfs {
        let _ = writeln!(
            x,
            "    <link rel=\"enclosure\" type=\"application/pdf\" href=\"{}\" title=\"{}\"/>",
            xml_escape(&absolute(model, &urls::protocol_pdf(model, meeting))),
            xml_escape(&format!("{} (PDF)", meeting_title(model, meeting)))
        );
    }
    let _ = writeln!(x, "    <category term=\"{}\" label=\"{}\"/>", xml_escape(&body.slug), xml_escape(&body.name));
    let _ = writeln!(x, "    <content type=\"html\">{}</content>", xml_escape(&entry_html(model, meeting)));
    x.push_str("  </entry>\n");
}

/// The entry's content as HTML (escaped once more when written into the feed): where and
/// when, then every item with its decision.
fn entry_html(model: &Model, meeting: &Meeting) -> String {
    let body = model.body(meeting.body);
    let mut facts = vec![body.name.clone(), format::date_long(meeting.date)];
    let times = format::time_span(meeting.start, meeting.end);
    if !times.is_empty() {
        facts.push(times);
    }
    if let Some(place) = &meeting.place {
        facts.push(place.clone());
    }
    let mut h = format!("<p>{}</p>\n", xml_escape(&facts.join(", ")));
    for item in &meeting.items {
        if item.secrecy.is_some() {
            let _ = writeln!(h, "<h3>{}</h3>", format::item_heading_number(meeting.kind, item.number));
            let _ = writeln!(h, "<p>{}</p>", xml_escape(&model.site.confidential_notice));
            continue;
        }
        let number = format::item_heading_number(meeting.kind, item.number);
        let _ = writeln!(h, "<h3>{number} {}</h3>", xml_escape(&item.title));
        if let Some(withdrawn) = &item.withdrawn {
            let _ = writeln!(h, "<p><strong>Utgår.</strong> {}</p>", xml_escape(withdrawn));
        }
        if let Some(decision) = &item.decision {
            h.push_str("<p><strong>Beslut:</strong></p>\n");
            h.push_str(&text_html(decision));
        }
    }
    h
}

/// Plain source text as HTML: blank lines separate paragraphs, lines that start with "- "
/// or "* " are list items, other line breaks are the source's own wrapping.
fn text_html(text: &str) -> String {
    let mut h = String::new();
    for paragraph in super::format::unwrap_lines(text).split("\n\n").filter(|p| !p.is_empty()) {
        let lines: Vec<&str> = paragraph.lines().collect();
        let bullet = |l: &str| l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).map(str::to_string);
        if lines.iter().all(|l| bullet(l).is_some()) {
            h.push_str("<ul>");
            for l in &lines {
                let _ = write!(h, "<li>{}</li>", xml_escape(&bullet(l).unwrap_or_default()));
            }
            h.push_str("</ul>\n");
        } else {
            let _ = writeln!(h, "<p>{}</p>", xml_escape(&lines.join(" ")));
        }
    }
    h
}

// ---------------------------------------------------------------------------------------
// iCalendar

/// The longest period `kalender/moten.ics` shows beside the meetings (a study trip, a
/// week of events). Longer ones (a project's two years) would lie across every day of a
/// subscriber's calendar; they are in `kalender/perioder.ics`.
pub const SHORT_PERIOD_DAYS: i32 = 7;

/// The iCalendar file of meetings: `kalender/moten.ics` for every body (with the short
/// periods and events items mention, as all-day events), or `urls::body_ical` for one body.
pub fn ical(model: &Model, body: Option<BodyId>) -> Artefact {
    let path = match body {
        Some(b) => urls::body_ical(model.body(b)),
        None => urls::ICAL.to_string(),
    };
    let host = host(&model.site.base_url);
    let name = match body {
        Some(b) => format!("{} ({})", model.body(b).name, model.site.cooperation),
        None => format!("{} – möten och korta händelser", model.site.cooperation),
    };
    let mut c = calendar(model, &name);
    for meeting in &model.meetings {
        if meeting.status == MeetingStatus::Utkast || body.is_some_and(|b| meeting.body != b) {
            continue;
        }
        meeting_event(&mut c, model, meeting, &host);
    }
    if body.is_none() {
        period_events(&mut c, model, &host, Some(SHORT_PERIOD_DAYS));
    }
    c.line("END:VCALENDAR");
    Artefact::new(path, c.out)
}

/// `kalender/perioder.ics`: every period and event the items mention, however long.
pub fn periods_ical(model: &Model) -> Artefact {
    let name = format!("{} – perioder och händelser", model.site.cooperation);
    let mut c = calendar(model, &name);
    period_events(&mut c, model, &host(&model.site.base_url), None);
    c.line("END:VCALENDAR");
    Artefact::new(urls::ICAL_PERIODS, c.out)
}

/// A calendar's beginning, up to its first event: its name, how often to poll, the time zone.
fn calendar(model: &Model, name: &str) -> Ical {
    let mut c = Ical::default();
    c.line("BEGIN:VCALENDAR");
    c.line("VERSION:2.0");
    c.prop("PRODID", &format!("-//kansli//{}//SV", model.site.cooperation));
    c.line("CALSCALE:GREGORIAN");
    c.line("METHOD:PUBLISH");
    c.text("X-WR-CALNAME", name);
    if let Some(description) = &model.site.description {
        c.text("X-WR-CALDESC", description);
    }
    c.line("X-WR-TIMEZONE:Europe/Stockholm");
    // Subscribing clients poll at this interval (RFC 7986 and its older Apple name).
    c.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
    c.line("X-PUBLISHED-TTL:P1D");
    for line in VTIMEZONE {
        c.line(line);
    }
    c
}

/// Europe/Stockholm as the EU has kept it since 1996: CEST from the last Sunday of March
/// at 02:00 until the last Sunday of October at 03:00 local time. Every meeting in the
/// sources is later than 1996, so older Swedish rules are not needed.
pub const VTIMEZONE: [&str; 18] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "X-LIC-LOCATION:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

fn meeting_event(c: &mut Ical, model: &Model, meeting: &Meeting, host: &str) {
    let body = model.body(meeting.body);
    let page = absolute(model, &urls::meeting(model, meeting));
    c.line("BEGIN:VEVENT");
    c.prop("UID", &format!("{}-{}@{host}", body.slug, meeting.date));
    c.prop("DTSTAMP", &dtstamp(meeting.date));
    // A cancellation revises an event announced before: a calendar that kept the first
    // version takes the one with the higher sequence (RFC 5546 3.2.5). The sources have no
    // other revisions to count.
    if meeting.cancelled.is_some() {
        c.line("SEQUENCE:1");
    }
    match (meeting.start, meeting.end) {
        (Some(start), end) => {
            c.prop("DTSTART;TZID=Europe/Stockholm", &local_stamp(meeting.date, start));
            // Without a known end the event ends when it starts (RFC 5545 3.6.1): no end
            // time is invented.
            if let Some(end) = end.filter(|e| *e > start) {
                c.prop("DTEND;TZID=Europe/Stockholm", &local_stamp(meeting.date, end));
            }
        }
        (None, _) => all_day(c, meeting.date, None),
    }
    // A cancelled meeting stays, marked: subscribers' calendars then show it struck out.
    let summary = format!("Möte i {}", body.name);
    match &meeting.cancelled {
        Some(_) => c.text("SUMMARY", &format!("Inställt: {summary}")),
        None => c.text("SUMMARY", &summary),
    }
    if let Some(place) = &meeting.place {
        c.text("LOCATION", place);
    }
    c.prop("URL", &page);
    c.text("DESCRIPTION", &event_description(model, meeting, &page));
    c.text("CATEGORIES", &body.name);
    c.line("CLASS:PUBLIC");
    c.line(if meeting.cancelled.is_some() { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
    c.line("END:VEVENT");
}

/// What the meeting is for: its record's kind and agenda, or the note of a meeting known
/// only by reference, then the page.
fn event_description(model: &Model, meeting: &Meeting, page: &str) -> String {
    let mut lines = vec![meeting_title(model, meeting)];
    if let Some(why) = &meeting.cancelled {
        lines.push(format!("Mötet är inställt. {why}").trim().to_string());
    }
    if let Some(note) = &meeting.note {
        lines.push(note.clone());
    }
    if !meeting.items.is_empty() {
        lines.push(String::new());
        for item in &meeting.items {
            lines.push(item_heading(model, meeting, item));
        }
    }
    lines.push(String::new());
    lines.push(page.to_string());
    lines.join("\n")
}

/// Periods and events that items mention ("Stora Nolia 3–11 augusti"), of at most
/// `max_days` days if given, once each even when several items mention them, and not
/// when a later record moved them (`Model::mentioned_periods`): subscribers' calendars
/// drop the old days. The UID names the first mention, which stays put as later meetings
/// are added.
fn period_events(c: &mut Ical, model: &Model, host: &str, max_days: Option<i32>) {
    for mentioned in model.mentioned_periods(|m| m.status != MeetingStatus::Utkast) {
        let period = mentioned.period;
        if mentioned.moved_to.is_some() || max_days.is_some_and(|max| period_days(period) > max) {
            continue;
        }
        let r = mentioned.mentions[0];
        let meeting = model.meeting(r.meeting);
        let item = model.item(r);
        let k = item.periods.iter().position(|p| std::ptr::eq(p, period)).unwrap_or(0);
        let body = model.body(meeting.body);
        let url = absolute(model, &urls::item(model, meeting, item.number));
        c.line("BEGIN:VEVENT");
        c.prop("UID", &format!("{}-{}-{}-period-{}@{host}", body.slug, meeting.date, item.number, k + 1));
        c.prop("DTSTAMP", &dtstamp(meeting.date));
        all_day(c, period.from, period.until);
        c.text("SUMMARY", &period.what);
        c.prop("URL", &url);
        let mention = format!(
            "{}\nNämns i {} {}, {} {}.\n\n{url}",
            format::period(period.from, period.until),
            body.name,
            format::date_medium(meeting.date),
            format::item_number(meeting.kind, item.number),
            item.title
        );
        c.text("DESCRIPTION", &mention);
        c.line("CLASS:PUBLIC");
        c.line("TRANSP:TRANSPARENT");
        c.line("END:VEVENT");
    }
}

/// How many days a period covers, its first and last included.
fn period_days(period: &crate::model::Period) -> i32 {
    let last = period.until.filter(|u| *u >= period.from).unwrap_or(period.from);
    (last - period.from).get_days() + 1
}

/// An all-day event from `from` through `until` (inclusive); DTEND is exclusive.
fn all_day(c: &mut Ical, from: Date, until: Option<Date>) {
    let last = until.filter(|u| *u >= from).unwrap_or(from);
    let end = last.tomorrow().unwrap_or(last);
    c.prop("DTSTART;VALUE=DATE", &from.strftime("%Y%m%d").to_string());
    c.prop("DTEND;VALUE=DATE", &end.strftime("%Y%m%d").to_string());
}

/// DTSTAMP must be UTC; the meeting's date at midnight UTC keeps it deterministic.
fn dtstamp(date: Date) -> String {
    format!("{}T000000Z", date.strftime("%Y%m%d"))
}

fn local_stamp(date: Date, time: Time) -> String {
    date.to_datetime(time).strftime("%Y%m%dT%H%M%S").to_string()
}

/// The host of the base URL, for UIDs: "https://umearegionen.se/beslut/" → "umearegionen.se".
fn host(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    if host.is_empty() { "localhost".into() } else { host.to_ascii_lowercase() }
}

/// iCalendar content lines: CRLF endings, folded at 75 octets on character boundaries.
#[derive(Default)]
struct Ical {
    out: String,
}

impl Ical {
    /// A content line, folded at 75 octets (RFC 5545 3.1), never inside a character nor
    /// between a backslash and the character it escapes (simple parsers read a line that
    /// ends in "\\" wrongly).
    fn line(&mut self, line: &str) {
        let mut width = 0;
        let mut chars = line.chars().peekable();
        while let Some(ch) = chars.next() {
            let escaped = if ch == '\\' { chars.next() } else { None };
            let len = ch.len_utf8() + escaped.map_or(0, char::len_utf8);
            if width + len > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(ch);
            self.out.extend(escaped);
            width += len;
        }
        self.out.push_str("\r\n");
    }

    /// A property whose value is written as is (dates, URIs, fixed words).
    fn prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// A TEXT property: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11).
    fn text(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        for ch in value.chars() {
            match ch {
                '\\' => escaped.push_str("\\\\"),
                ';' => escaped.push_str("\\;"),
                ',' => escaped.push_str("\\,"),
                '\n' => escaped.push_str("\\n"),
                '\r' => {}
                c if c.is_control() && c != '\t' => {}
                c => escaped.push(c),
            }
        }
        self.prop(name, &escaped);
    }
}

// ---------------------------------------------------------------------------------------
// Shared with the open-data renderers

/// Whether a body has listed meetings, and so a feed and a calendar of its own.
pub fn body_has_meetings(model: &Model, body: BodyId) -> bool {
    model.meetings.iter().any(|m| m.body == body && m.is_listed())
}

/// The day the record took its final form: the adjustment (justering) if any.
pub(crate) fn record_date(meeting: &Meeting) -> Date {
    meeting.adjusted.unwrap_or(meeting.date)
}

/// "Kommunchefsgruppen 15 maj 2013 – minnesanteckningar"; without the record's kind while it has
/// none (a notice, or held and not yet written).
pub(crate) fn meeting_title(model: &Model, meeting: &Meeting) -> String {
    let base = format!("{} {}", model.body(meeting.body).name, format::date_medium(meeting.date));
    match meeting.kind {
        Some(kind) if meeting.has_record(model.today) => format!("{base} – {}", record_kind(kind)),
        _ => base,
    }
}

pub(crate) fn record_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Minnesanteckningar => "minnesanteckningar",
        RecordKind::Protokoll => "protokoll",
    }
}

/// "§ 4 Samverkan inom IT-området" ("4. …" in minnesanteckningar), or "§ 4 <notice>"
/// for a confidential item.
pub(crate) fn item_heading(model: &Model, meeting: &Meeting, item: &Item) -> String {
    let number = format::item_heading_number(meeting.kind, item.number);
    if item.secrecy.is_some() {
        format!("{number} {}", model.site.confidential_notice)
    } else {
        format!("{number} {}", item.title)
    }
}

/// RFC 3339 with the Stockholm offset of that day and time: "2013-05-15T08:30:00+02:00".
pub(crate) fn rfc3339(date: Date, time: Time) -> String {
    match date.to_datetime(time).to_zoned(time_zone()) {
        Ok(zoned) => zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        // Only dates outside jiff's range fail; write them as UTC rather than panic.
        Err(_) => format!("{}Z", date.to_datetime(time).strftime("%Y-%m-%dT%H:%M:%S")),
    }
}

/// Noon: the time of day given to dates that have none, far from any DST change.
pub(crate) fn noon() -> Time {
    Time::constant(12, 0, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let mut c = Ical::default();
        c.text("DESCRIPTION", &"åäö, ".repeat(40));
        for line in c.out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert!(c.out.contains("\\,"));
        let unfolded = c.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "åäö\\, ".repeat(40)));
    }

    #[test]
    fn never_folds_between_a_backslash_and_what_it_escapes() {
        // Every offset of the escapes against the fold: one of them would fall on it.
        for lead in 0..4 {
            let mut c = Ical::default();
            c.text("DESCRIPTION", &format!("{}{}", "x".repeat(lead), "a,b;c\\d\n".repeat(30)));
            for line in c.out.split("\r\n").filter(|l| !l.is_empty()) {
                let backslashes = line.chars().rev().take_while(|&c| c == '\\').count();
                assert!(backslashes % 2 == 0, "{line:?} ends inside an escape");
                assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
            }
        }
    }

    #[test]
    fn finds_the_host_of_the_base_url() {
        assert_eq!(host("https://umearegionen.se/beslut/"), "umearegionen.se");
        assert_eq!(host("https://Exempel.example"), "exempel.example");
        assert_eq!(host("/"), "localhost");
    }

    #[test]
    fn writes_stockholm_offsets() {
        assert_eq!(rfc3339(Date::constant(2013, 5, 15), noon()), "2013-05-15T12:00:00+02:00");
        assert_eq!(rfc3339(Date::constant(2013, 12, 15), noon()), "2013-12-15T12:00:00+01:00");
    }
}
