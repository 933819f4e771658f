//! The machine-readable artefacts: Atom feeds, iCalendar files, the sitemap, CSV tables
//! and the OParl export, over the demo site (rich: drafts, confidential items, money) and
//! the real content. Each must be well-formed for its standard, ordered, deterministic,
//! and must not carry anything the public edition withholds.
//!
//! Schema validation of the OParl files against the official JSON Schemas is not done
//! here (the project does not depend on ../shared); CI runs the shared checkers, and
//! `writes_artefacts_for_external_checks` (ignored) writes the files for a manual run.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{TestSite, repo};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};
use kansli::model::{Edition, MeetingStatus, Model, time_zone};
use kansli::render::{Artefact, data, feeds, sitemap, urls};

/// The columns of `beslut.csv`, as the open data page describes them.
const DECISION_COLUMNS: &[&str] = &[
    "datum",
    "organ",
    "möte",
    "punkt",
    "rubrik",
    "beslut",
    "url",
    "sekretess",
    "formell",
    "mål",
    "områden",
    "kommuner",
];

fn site(dir: &str) -> Model {
    let checked = TestSite::from_dir(&repo().join(dir)).check();
    assert_eq!(checked.errors(), 0, "{dir} should check without errors");
    checked.model.edition(Edition::Public)
}

fn demo() -> Model {
    site("examples/demo")
}

fn real() -> Model {
    site(".")
}

/// A few pages, as the build would pass them.
fn pages(model: &Model) -> Vec<String> {
    let mut pages = vec![urls::START.to_string(), urls::DECISIONS.to_string(), format!("{}index.html", urls::ECONOMY)];
    pages.extend(model.meetings.iter().filter(|m| m.status != MeetingStatus::Utkast).map(|m| urls::meeting(model, m)));
    pages.push(urls::NOT_FOUND.into());
    pages
}

fn everything(model: &Model) -> Vec<Artefact> {
    let mut all = feeds::feeds(model, true);
    all.extend(data::data(model, true));
    all.extend(sitemap::sitemap(model, &pages(model)));
    all
}

fn text(artefacts: &[Artefact], path: &str) -> String {
    let a = artefacts.iter().find(|a| a.path == path).unwrap_or_else(|| panic!("no artefact {path}"));
    String::from_utf8(a.bytes.clone()).expect("UTF-8")
}

// ---------------------------------------------------------------------------------------
// Atom

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((ATOM, name)))
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(node, name).and_then(|c| c.text()).unwrap_or_else(|| panic!("<{name}> missing or empty")).to_string()
}

fn instant(rfc3339: &str) -> Timestamp {
    rfc3339.parse().unwrap_or_else(|e| panic!("{rfc3339} is not RFC 3339: {e}"))
}

/// Checks one feed against RFC 4287's required elements; returns (entry id, updated).
fn check_atom(xml: &str) -> Vec<(String, Timestamp)> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert!(child_text(feed, "id").starts_with("https://"));
    assert!(!child_text(feed, "title").is_empty());
    let feed_updated = instant(&child_text(feed, "updated"));
    assert!(child(feed, "author").and_then(|a| child(a, "name")).is_some(), "feed author");
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .expect("rel=self link");
    assert_eq!(self_link.attribute("href"), Some(child_text(feed, "id").as_str()));

    let mut entries = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let id = child_text(entry, "id");
        assert!(id.starts_with("https://"), "{id}");
        assert!(!child_text(entry, "title").is_empty());
        let updated = instant(&child_text(entry, "updated"));
        let links: Vec<_> = entry.children().filter(|c| c.has_tag_name((ATOM, "link"))).collect();
        let alternate = links.iter().find(|l| l.attribute("rel") == Some("alternate")).expect("alternate link");
        assert_eq!(alternate.attribute("href"), Some(id.as_str()));
        let enclosure = links.iter().find(|l| l.attribute("rel") == Some("enclosure")).expect("enclosure link");
        assert_eq!(enclosure.attribute("type"), Some("application/pdf"));
        assert!(enclosure.attribute("href").unwrap().ends_with(".pdf"));
        let content = child(entry, "content").expect("content");
        assert_eq!(content.attribute("type"), Some("html"));
        entries.push((id, updated));
    }
    if let Some((_, newest)) = entries.first() {
        assert_eq!(feed_updated, *newest, "the feed is as new as its newest entry");
    }
    entries
}

#[test]
fn feed_lists_newest_minutes_first() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    let entries = check_atom(&text(&all, urls::FEED));
    let expected = model
        .meetings
        .iter()
        .filter(|m| {
            m.status == MeetingStatus::Publicerad
                && m.kind.is_some()
                && !m.items.is_empty()
                && m.date <= model.today
                && m.cancelled.is_none()
        })
        .count();
    assert!(expected > 10);
    assert_eq!(entries.len(), expected);
    assert!(entries.windows(2).all(|w| w[0].1 >= w[1].1), "newest first");
    let ids: BTreeSet<&String> = entries.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), entries.len(), "unique ids");
}

#[test]
fn every_body_with_meetings_has_a_feed_and_a_calendar_of_its_own() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    let mut total = 0;
    for (i, body) in model.bodies.iter().enumerate() {
        if !feeds::body_has_meetings(&model, kansli::model::BodyId(i as u32)) {
            assert!(all.iter().all(|a| a.path != urls::body_feed(body)), "no empty feed for {}", body.slug);
            continue;
        }
        let entries = check_atom(&text(&all, &urls::body_feed(body)));
        assert!(entries.windows(2).all(|w| w[0].1 >= w[1].1));
        total += entries.len();
        check_ical(&text(&all, &urls::body_ical(body)));
    }
    assert_eq!(total, check_atom(&text(&all, urls::FEED)).len(), "the body feeds together make the whole feed");
}

#[test]
fn feed_entry_names_the_meeting_and_its_decisions() {
    let model = real();
    let all = feeds::feeds(&model, true);
    let xml = text(&all, "flode/kommunchefsgruppen.atom");
    assert!(xml.contains("<title>Kommunchefsgruppen 15 maj 2013 – minnesanteckningar</title>"));
    assert!(xml.contains("<updated>2013-05-15T12:00:00+02:00</updated>"));
    assert!(xml.contains("<id>https://umearegionen.se/beslut/moten/kommunchefsgruppen/2013-05-15/</id>"));
    assert!(xml.contains("moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf"));
    // The decision text is inside escaped HTML.
    assert!(xml.contains("Samverkan inom IT-området"));
    assert!(xml.contains("300 000 kr"));
    assert!(xml.contains("&lt;h3&gt;"));
}

/// A protocol is public once adjusted: its entry is published and updated on that day,
/// not on the meeting's (the data review: "published" before the protocol existed).
#[test]
fn feed_dates_a_protocol_by_its_adjustment() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    let xml = text(&all, "flode/regionradet.atom");
    // Regionrådet 2026-10-01 was adjusted on 2026-10-08.
    let entry = &xml[xml.find("<id>https://exempel.example/demo/moten/regionradet/2026-10-01/</id>").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("<published>2026-10-08T12:00:00+02:00</published>"), "{entry}");
    assert!(entry.contains("<updated>2026-10-08T12:00:00+02:00</updated>"), "{entry}");
}

// ---------------------------------------------------------------------------------------
// iCalendar

/// Unfolded content lines of a calendar, after checking the octet-level rules.
fn check_ical(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<String> = unfolded.split("\r\n").filter(|l| !l.is_empty()).map(String::from).collect();
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    for required in ["VERSION:2.0", "CALSCALE:GREGORIAN", "BEGIN:VTIMEZONE", "TZID:Europe/Stockholm"] {
        assert!(lines.iter().any(|l| l == required), "{required}");
    }
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    assert!(lines.iter().any(|l| l.starts_with("X-WR-CALNAME:")));

    let mut uids = BTreeSet::new();
    let mut event: BTreeMap<String, String> = BTreeMap::new();
    let mut depth = Vec::new();
    for line in &lines {
        if let Some(what) = line.strip_prefix("BEGIN:") {
            depth.push(what.to_string());
            if what == "VEVENT" {
                event.clear();
            }
        } else if let Some(what) = line.strip_prefix("END:") {
            assert_eq!(depth.pop().as_deref(), Some(what), "balanced BEGIN/END");
            if what == "VEVENT" {
                let uid = event.get("UID").expect("UID").clone();
                assert!(uids.insert(uid.clone()), "duplicate UID {uid}");
                let stamp = event.get("DTSTAMP").expect("DTSTAMP");
                assert!(stamp.ends_with('Z') && stamp.len() == 16, "DTSTAMP in UTC: {stamp}");
                let (start, end) = event_span(&event);
                if let Some(end) = end {
                    assert!(end > start, "DTEND after DTSTART in {uid}");
                }
            }
        } else if depth.last().map(String::as_str) == Some("VEVENT") {
            let (name, value) = line.split_once(':').expect("name:value");
            event.insert(name.split(';').next().unwrap().to_string(), value.to_string());
            if name.contains(';') {
                event.insert(format!("{}#params", name.split(';').next().unwrap()), name.to_string());
            }
        }
    }
    assert!(depth.is_empty());
    lines
}

/// DTSTART and DTEND (if any) of an event as local date-times.
fn event_span(event: &BTreeMap<String, String>) -> (DateTime, Option<DateTime>) {
    let parse = |key: &str| {
        let value = event.get(key)?;
        let params = event.get(&format!("{key}#params")).cloned().unwrap_or_default();
        Some(if params.contains("VALUE=DATE") {
            assert_eq!(value.len(), 8, "{value}");
            Date::strptime("%Y%m%d", value).unwrap().to_datetime(jiff::civil::Time::midnight())
        } else {
            assert!(params.contains("TZID=Europe/Stockholm"), "{params}");
            DateTime::strptime("%Y%m%dT%H%M%S", value).unwrap()
        })
    };
    (parse("DTSTART").expect("DTSTART"), parse("DTEND"))
}

#[test]
fn calendar_is_valid_icalendar() {
    for model in [demo(), real()] {
        let all = feeds::feeds(&model, true);
        let lines = check_ical(&text(&all, urls::ICAL));
        let meetings = model.meetings.iter().filter(|m| m.status != MeetingStatus::Utkast).count();
        let uids = lines.iter().filter(|l| l.starts_with("UID:") && !l.contains("-period-")).count();
        assert_eq!(uids, meetings, "one event per meeting that is not a draft");
    }
}

#[test]
fn calendar_events_have_stable_uids_and_local_times() {
    let model = real();
    let all = feeds::feeds(&model, true);
    let lines = check_ical(&text(&all, "kalender/kommunchefsgruppen.ics"));
    let at = lines.iter().position(|l| l == "UID:kommunchefsgruppen-2013-05-15@umearegionen.se").expect("the event");
    let event: Vec<&String> = lines[at..].iter().take_while(|l| *l != "END:VEVENT").collect();
    assert!(event.iter().any(|l| *l == "DTSTART;TZID=Europe/Stockholm:20130515T083000"));
    assert!(event.iter().any(|l| *l == "DTEND;TZID=Europe/Stockholm:20130515T110000"));
    assert!(event.iter().any(|l| *l == "DTSTAMP:20130515T000000Z"));
    assert!(event.iter().any(|l| *l == "LOCATION:Umeå stadshus\\, Nobelsalen"));
    assert!(event.iter().any(|l| *l == "URL:https://umearegionen.se/beslut/moten/kommunchefsgruppen/2013-05-15/"));
}

#[test]
fn calendar_lists_periods_as_all_day_events() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    let lines = check_ical(&text(&all, urls::ICAL));
    // "Europeiska mobilitetsveckan" 2025-09-16 – 2025-09-22: DTEND is the day after.
    let at = lines.iter().position(|l| l == "SUMMARY:Europeiska mobilitetsveckan").expect("the period");
    let start = lines[..at].iter().rposition(|l| l == "BEGIN:VEVENT").unwrap();
    let event = &lines[start..at];
    assert!(event.iter().any(|l| l == "DTSTART;VALUE=DATE:20250916"));
    assert!(event.iter().any(|l| l == "DTEND;VALUE=DATE:20250923"));
    assert!(!text(&all, "kalender/regionradet.ics").contains("-period-"), "periods only in the whole calendar");
}

/// A period longer than a week would lie across every day of a subscriber's calendar for
/// months: the meetings' calendar leaves it to the calendar of periods, which has them all.
#[test]
fn long_periods_have_a_calendar_of_their_own() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    let meetings = check_ical(&text(&all, urls::ICAL));
    let periods = check_ical(&text(&all, urls::ICAL_PERIODS));
    let summaries = |lines: &[String]| -> BTreeSet<String> {
        lines.iter().filter_map(|l| l.strip_prefix("SUMMARY:")).map(str::to_string).collect()
    };
    let (in_meetings, in_periods) = (summaries(&meetings), summaries(&periods));
    // 21 months, and 7 days.
    assert!(in_periods.contains("Projekttid Hållbar pendling") && !in_meetings.contains("Projekttid Hållbar pendling"));
    assert!(in_periods.contains("Europeiska mobilitetsveckan") && in_meetings.contains("Europeiska mobilitetsveckan"));
    assert!(!in_periods.iter().any(|s| s.starts_with("Möte i ")), "{in_periods:?}");
    // Every all-day event left in the meetings' calendar lasts a week at most.
    for (start, end) in meetings.iter().zip(meetings.iter().skip(1)) {
        if let (Some(from), Some(until)) =
            (start.strip_prefix("DTSTART;VALUE=DATE:"), end.strip_prefix("DTEND;VALUE=DATE:"))
        {
            let day = |d: &str| Date::strptime("%Y%m%d", d).unwrap();
            assert!((day(until) - day(from)).get_days() <= feeds::SHORT_PERIOD_DAYS, "{from}–{until}");
        }
    }
}

/// A period a later record moved leaves the calendars: the study trip to Tammerfors is
/// there once, on its new days; a period several items name is one event.
#[test]
fn calendars_drop_a_moved_period_and_repeat_none() {
    let model = demo();
    let all = feeds::feeds(&model, true);
    for path in [urls::ICAL, urls::ICAL_PERIODS] {
        let lines = check_ical(&text(&all, path));
        let starts = |summary: &str| -> Vec<String> {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.strip_prefix("SUMMARY:") == Some(summary))
                .map(|(at, _)| {
                    let begin = lines[..at].iter().rposition(|l| l == "BEGIN:VEVENT").unwrap();
                    lines[begin..at].iter().find_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:")).unwrap().to_string()
                })
                .collect()
        };
        assert_eq!(starts("Studieresa till Tammerfors"), ["20261020"], "{path}");
        assert_eq!(starts("Näringslivsdagen 2025"), ["20250918"], "{path}");
    }
}

/// Last Sunday of a month at an hour of UTC.
fn last_sunday(year: i16, month: i8, utc_hour: i8) -> Timestamp {
    let mut day = Date::new(year, month, 1).unwrap().last_of_month();
    while day.weekday() != Weekday::Sunday {
        day = day.yesterday().unwrap();
    }
    day.at(utc_hour, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp()
}

#[test]
fn vtimezone_agrees_with_the_tz_database() {
    assert!(feeds::VTIMEZONE.contains(&"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    assert!(feeds::VTIMEZONE.contains(&"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    // The rule's transitions (02:00 CET and 03:00 CEST are both 01:00 UTC) are exactly
    // where the tz database changes the offset, in every year the sites can hold.
    let tz = time_zone();
    let offset = |t: Timestamp| tz.to_offset(t).seconds() / 3600;
    for year in 1996..=2037 {
        for (month, before, after) in [(3, 1, 2), (10, 2, 1)] {
            let change = last_sunday(year, month, 1);
            assert_eq!(offset(change - jiff::SignedDuration::from_secs(1)), before, "{year}-{month}");
            assert_eq!(offset(change), after, "{year}-{month}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Sitemap and robots.txt

#[test]
fn sitemap_lists_absolute_page_urls_once() {
    let model = demo();
    let out = sitemap::sitemap(&model, &pages(&model));
    let xml = text(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name((ns, "loc"))).filter_map(|n| n.text()).collect();
    assert!(locs.iter().all(|l| l.starts_with("https://exempel.example/demo/")));
    assert!(locs.contains(&"https://exempel.example/demo/"));
    assert!(locs.contains(&"https://exempel.example/demo/ekonomi/"), "index.html is dropped");
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    assert_eq!(locs.iter().collect::<BTreeSet<_>>().len(), locs.len());
    let robots = text(&out, "robots.txt");
    assert!(robots.contains("Allow: /\n"));
    assert!(robots.contains("Sitemap: https://exempel.example/demo/sitemap.xml\n"));
}

// ---------------------------------------------------------------------------------------
// CSV

/// An RFC 4180 reader: records of fields, quotes undone.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    parse_separated(text, ',')
}

fn parse_separated(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside an unquoted field");
                quoted = true;
            }
            (false, c) if c == separator => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted && field.is_empty() && record.is_empty(), "ends with CRLF");
    records
}

fn check_csv(text: &str, header: &[&str]) -> Vec<Vec<String>> {
    assert!(!text.starts_with('\u{feff}'), "no BOM");
    let records = parse_csv(text);
    assert_eq!(records[0], header);
    for r in &records {
        assert_eq!(r.len(), header.len(), "{r:?}");
    }
    records[1..].to_vec()
}

#[test]
fn each_table_has_a_twin_for_excel_with_the_same_rows() {
    let model = demo();
    let out = data::data(&model, true);
    for path in [
        data::DECISIONS_CSV,
        data::ASSIGNMENTS_CSV,
        data::ECONOMY_CSV,
        data::GOALS_CSV,
        data::ACTIVITIES_CSV,
        data::QUESTIONS_CSV,
        data::ATTENDANCE_CSV,
    ] {
        let name = path.rsplit('/').next().unwrap();
        let excel = text(&out, &format!("{}{name}", data::EXCEL_DIR));
        // Excel with Swedish settings reads UTF-8 after a BOM and splits at semicolons.
        let rows = parse_separated(excel.strip_prefix('\u{feff}').expect("a BOM"), ';');
        // Decimal numbers have a comma there ("12,5"), a point in the other ("12.5").
        let point = |field: &String| match field.replace(',', ".").parse::<f64>() {
            Ok(_) if !field.contains('.') => field.replace(',', "."),
            _ => field.clone(),
        };
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(point).collect()).collect();
        assert_eq!(rows, parse_csv(&text(&out, path)), "{path}");
    }
}

#[test]
fn csv_tables_have_a_header_and_equal_columns() {
    let model = demo();
    let out = data::data(&model, true);
    let decisions = check_csv(&text(&out, data::DECISIONS_CSV), DECISION_COLUMNS);
    assert!(decisions.len() > 50);
    assert!(decisions.iter().any(|r| r[5].contains('\n') || r[5].contains(',')), "quoted fields are exercised");
    let assignments = check_csv(
        &text(&out, data::ASSIGNMENTS_CSV),
        &[
            "mottagare",
            "uppdrag",
            "senast",
            "status",
            "återrapporteras_till",
            "givet_datum",
            "givet_organ",
            "givet_punkt",
            "givet_url",
            "redovisat_datum",
            "redovisat_organ",
            "redovisat_punkt",
            "redovisat_url",
            "status_per",
        ],
    );
    let statuses: BTreeSet<&str> = assignments.iter().map(|r| r[3].as_str()).collect();
    assert_eq!(statuses, BTreeSet::from(["försenat", "klart", "öppet"]));
    // The statuses are as of the latest published record, which each row names.
    let as_of = model.records_until.unwrap().to_string();
    assert!(assignments.iter().all(|r| r[13] == as_of), "{as_of}");
    let economy = check_csv(
        &text(&out, data::ECONOMY_CSV),
        &[
            "datum",
            "beslutande_organ",
            "belopp_kr",
            "typ",
            "syfte",
            "källa",
            "per",
            "räknas_i_summa",
            "antecknat_möte",
            "antecknat_punkt",
            "url",
        ],
    );
    assert_eq!(economy.len(), model.ledger().len());
    assert!(economy.iter().all(|r| r[2].parse::<i64>().is_ok()));
}

/// A working group's plan against its outcome, for a spreadsheet: a row per goal and per
/// activity of every plan, with the report's outcome where one is written; and a row per
/// municipality asked a follow-up question, with its answer.
#[test]
fn plans_outcomes_and_questions_are_tables() {
    let model = demo();
    let out = data::data(&model, true);
    let goals = parse_csv(&text(&out, data::GOALS_CSV))[1..].to_vec();
    assert_eq!(goals.len(), model.plans.iter().map(|p| p.goals.len()).sum::<usize>());
    let row = goals.iter().find(|r| r[0] == "2025" && r[1] == "Biblioteksnätverket" && r[2] == "1").unwrap();
    assert_eq!(
        row.join("|"),
        "2025|Biblioteksnätverket|1|Öka antalet barn som deltar i den gemensamma sommarlovsläsningen.|\
         antal registrerade deltagare 6–12 år|640|800|barn|2025-08-31|835|helt|\
         Skolbesöken i maj gav många nya deltagare, särskilt i Björkfors och Älvnäs.|\
         2025-01-22|Kommunchefsgruppen|4|https://exempel.example/demo/organ/bibliotek/2025/"
    );
    // A plan without a report yet claims no outcome.
    let reported: BTreeSet<(String, String)> =
        model.reports.iter().map(|r| (r.year.to_string(), model.body(r.group).name.clone())).collect();
    for r in &goals {
        let has_report = reported.contains(&(r[0].clone(), r[1].clone()));
        assert_eq!(!r[10].is_empty(), has_report, "{r:?}");
        assert!(["", "helt", "delvis", "inte"].contains(&r[10].as_str()), "{r:?}");
    }
    let activities = parse_csv(&text(&out, data::ACTIVITIES_CSV))[1..].to_vec();
    assert_eq!(activities.len(), model.plans.iter().map(|p| p.activities.len()).sum::<usize>());
    let done: BTreeSet<&str> = activities.iter().map(|r| r[8].as_str()).collect();
    assert_eq!(done, BTreeSet::from(["", "ja", "nej"]));

    let questions = parse_csv(&text(&out, data::QUESTIONS_CSV))[1..].to_vec();
    let asked: usize =
        model.recorded_items().filter_map(|(_, item)| item.follow_up.as_ref()).map(|f| f.municipalities.len()).sum();
    assert_eq!(questions.len(), asked);
    assert!(questions.iter().any(|r| r[6].is_empty()) && questions.iter().any(|r| !r[6].is_empty()));
}

/// `narvaro.csv` has a row for each person of each published record's attendance, as
/// its page lists them: those deciding, the others and the absent (the data review found
/// attendance in no export, and the absent nowhere in OParl).
#[test]
fn attendance_is_a_table_with_the_absent() {
    let model = demo();
    let out = data::data(&model, true);
    let rows = check_csv(
        &text(&out, data::ATTENDANCE_CSV),
        &["datum", "organ", "möte", "person", "person_id", "tillhör", "närvaro", "roll", "punkter", "url"],
    );
    let records = model.meetings.iter().filter(|m| m.has_record(model.today));
    let named: usize = records.map(|m| m.attendees.len() + m.participants.len() + m.absentees.len()).sum();
    assert_eq!(rows.len(), named);
    let absent: Vec<(&str, &str)> =
        rows.iter().filter(|r| r[6] == "frånvarande").map(|r| (r[2].as_str(), r[3].as_str())).collect();
    assert!(absent.contains(&("kommunchefsgruppen/2025-11-19", "Johan Lundmark")), "{absent:?}");
    assert!(rows.iter().all(|r| ["beslutande", "övrig deltagare", "frånvarande"].contains(&r[6].as_str())));
    // Presence for some items lists them; the whole meeting leaves the column empty.
    assert!(rows.iter().any(|r| !r[8].is_empty()) && rows.iter().any(|r| r[8].is_empty()));
    assert!(rows.iter().all(|r| r[9].starts_with("https://exempel.example/demo/moten/")));
}

/// The sources wrap their text at about 90 characters; the tables give a paragraph on one
/// line, as Markdown reads it (and as the feed shows it), keeping paragraphs and lists.
#[test]
fn decision_text_is_given_in_paragraphs_not_in_the_sources_lines() {
    let model = demo();
    let out = data::data(&model, true);
    let decisions = parse_csv(&text(&out, data::DECISIONS_CSV));
    let wrapped = "Kommunchefsgruppen ställer sig bakom inriktningen: insatsen genomförs under 2026 med \
                   200 000 kr av regionens utvecklingsmedel och 40 000 kr från varje kommun.";
    assert!(decisions.iter().any(|r| r[5].starts_with(wrapped)), "{decisions:?}");
    for row in &decisions {
        for (before, after) in row[5].split('\n').zip(row[5].split('\n').skip(1)) {
            let list = ["- ", "* "].iter().any(|m| after.starts_with(m)) || after.starts_with(char::is_numeric);
            assert!(before.is_empty() || after.is_empty() || list, "a line break inside a paragraph: {:?}", row[5]);
        }
    }
    let json: serde_json::Value = serde_json::from_str(&text(&out, data::DECISIONS_JSON)).unwrap();
    assert!(json.as_array().unwrap().iter().any(|d| d["beslut"].as_str().unwrap().starts_with(wrapped)));
}

#[test]
fn confidential_decisions_are_listed_by_number_and_notice_only() {
    let model = demo();
    let out = data::data(&model, true);
    let decisions = check_csv(&text(&out, data::DECISIONS_CSV), DECISION_COLUMNS);
    let secret: Vec<&Vec<String>> = decisions.iter().filter(|r| r[4] == model.site.confidential_notice).collect();
    let slugs: Vec<(&str, &str)> = secret.iter().map(|r| (r[2].as_str(), r[3].as_str())).collect();
    assert_eq!(slugs, [("kommunchefsgruppen/2025-10-15", "4"), ("kommunchefsgruppen/2026-03-18", "4")]);
    assert!(secret.iter().all(|r| r[5].is_empty()));
    // The column says which rows are confidential, without matching the notice's text.
    let marked: Vec<&Vec<String>> = decisions.iter().filter(|r| r[7] == "ja").collect();
    assert_eq!(marked, secret);
    assert!(decisions.iter().all(|r| r[7] == "ja" || r[7] == "nej"));
}

#[test]
fn decisions_json_has_the_rows_of_the_csv() {
    let model = demo();
    let out = data::data(&model, true);
    let csv = check_csv(&text(&out, data::DECISIONS_CSV), DECISION_COLUMNS);
    let json: serde_json::Value = serde_json::from_str(&text(&out, data::DECISIONS_JSON)).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), csv.len());
    for (row, record) in rows.iter().zip(&csv) {
        assert_eq!(row["datum"], record[0].as_str());
        assert_eq!(row["möte"], record[2].as_str());
        assert_eq!(row["punkt"].to_string(), record[3]);
        assert_eq!(row["beslut"], record[5].as_str());
        assert_eq!(row["sekretess"], record[7] == "ja");
        assert_eq!(row["formell"], record[8] == "ja");
        for (key, column) in [("mål", 9), ("områden", 10), ("kommuner", 11)] {
            let names: Vec<&str> = row[key].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
            assert_eq!(names.join("; "), record[column], "{key}");
        }
    }
    // A confidential row says nothing of what it concerns.
    for record in csv.iter().filter(|r| r[7] == "ja") {
        assert_eq!(record[8..], ["nej", "", "", ""]);
    }
}

#[test]
fn real_content_tables_list_the_2013_decisions() {
    let model = real();
    let out = data::data(&model, true);
    let decisions = text(&out, data::DECISIONS_CSV);
    assert!(
        decisions.contains("2013-05-15,Kommunchefsgruppen,kommunchefsgruppen/2013-05-15,4,Samverkan inom IT-området,")
    );
    let economy = text(&out, data::ECONOMY_CSV);
    assert!(economy.contains(",300000,beviljat,"));
    assert!(economy.contains("2013-02-22,Regionrådet,250000,beviljat,"), "decided by Regionrådet, recorded later");
    // UNGA13's answers were due after the archive's latest record: not late, as of it.
    let assignments = text(&out, data::ASSIGNMENTS_CSV);
    let unga = assignments.lines().find(|l| l.contains("UNGA13")).unwrap();
    assert!(unga.contains(",2013-06-15,öppet,") && unga.ends_with(",2013-05-15"), "{unga}");
}

// ---------------------------------------------------------------------------------------
// OParl

const OPARL: &str = "https://schema.oparl.org/1.1/";

fn oparl_files(model: &Model) -> BTreeMap<String, serde_json::Value> {
    data::data(model, true)
        .into_iter()
        .filter(|a| a.path.starts_with("data/oparl/"))
        .map(|a| {
            assert!(a.path.ends_with(".json"), "{}", a.path);
            let value = serde_json::from_slice(&a.bytes).unwrap_or_else(|e| panic!("{}: {e}", a.path));
            (a.path, value)
        })
        .collect()
}

/// Every object nested anywhere in a value that has a `type`.
fn objects<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("type") {
                out.push(value);
            }
            map.values().for_each(|v| objects(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| objects(v, out)),
        _ => {}
    }
}

#[test]
fn oparl_objects_have_ids_that_resolve_and_lists_are_paginated() {
    for model in [demo(), real()] {
        let base = model.site.base_url.clone();
        let files = oparl_files(&model);
        assert!(files.contains_key("data/oparl/system.json"));
        for (path, value) in &files {
            if let Some(list) = value.get("data") {
                let pagination = &value["pagination"];
                let total = pagination["totalElements"].as_u64().unwrap();
                let per_page = pagination["elementsPerPage"].as_u64().unwrap();
                let current = pagination["currentPage"].as_u64().unwrap();
                let pages = pagination["totalPages"].as_u64().unwrap();
                assert!(current >= 1 && current <= pages && list.as_array().unwrap().len() as u64 <= per_page);
                assert_eq!(pages, total.div_ceil(per_page).max(1), "{path}");
                assert_eq!(
                    value["links"]["first"].as_str().unwrap(),
                    format!("{base}{}", path.replace(&format!("page-{current}"), "page-1"))
                );
                assert!(value["links"]["last"].is_string());
                assert_eq!(value["links"].get("next").is_some(), current < pages, "{path}");
                assert_eq!(value["links"].get("prev").is_some(), current > 1, "{path}");
            } else {
                assert_eq!(value["id"].as_str().unwrap(), format!("{base}{path}"), "the id is where the object is");
            }
            let mut found = Vec::new();
            objects(value, &mut found);
            for object in found {
                let id = object["id"].as_str().unwrap_or_else(|| panic!("{path}: object without id"));
                let kind = object["type"].as_str().unwrap();
                assert!(kind.starts_with(OPARL), "{path}: {kind}");
                let own = id.strip_prefix(&base).unwrap_or_else(|| panic!("{id} is not absolute on the site"));
                assert!(files.contains_key(own), "{path}: {id} does not resolve");
            }
        }
    }
}

/// In every edition: the internal one has drafts with records, which OParl leaves out
/// (an item of a published meeting attaches a draft's record in the demo).
#[test]
fn oparl_links_point_at_files_that_exist() {
    let checked = TestSite::from_dir(&repo().join("examples/demo")).check();
    for edition in [Edition::Public, Edition::Preview, Edition::Internal] {
        oparl_links_resolve(&checked.model.edition(edition));
    }
}

fn oparl_links_resolve(model: &Model) {
    let files = oparl_files(model);
    let base = format!("{}data/oparl/", model.site.base_url);
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(v) => v.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(m) => m.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    for (path, value) in &files {
        let mut found = Vec::new();
        strings(value, &mut found);
        for s in found.into_iter().filter(|s| s.starts_with(&base)) {
            let own = s.strip_prefix(&model.site.base_url).unwrap();
            assert!(files.contains_key(own), "{path} links to {s}, which is not written");
        }
    }
}

#[test]
fn oparl_maps_meetings_items_and_files() {
    let model = real();
    let files = oparl_files(&model);
    let system = &files["data/oparl/system.json"];
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    // The real site's owner has not set the terms yet: none are invented. The demo's are CC0.
    assert!(system.get("license").is_none(), "{system}");
    let demo_system = &oparl_files(&demo())["data/oparl/system.json"];
    assert_eq!(demo_system["license"], "https://creativecommons.org/publicdomain/zero/1.0/deed.sv");
    let body = &files["data/oparl/body/umearegionen.json"];
    assert_eq!(body["name"], "Umeåregionen");
    assert_eq!(body["legislativeTerm"], serde_json::json!([]));

    let meeting = &files["data/oparl/meeting/kommunchefsgruppen/2013-05-15.json"];
    assert_eq!(meeting["name"], "Kommunchefsgruppen 15 maj 2013 – minnesanteckningar");
    assert_eq!(meeting["start"], "2013-05-15T08:30:00+02:00");
    assert_eq!(meeting["end"], "2013-05-15T11:00:00+02:00");
    assert_eq!(meeting["location"]["description"], "Umeå stadshus, Nobelsalen");
    assert_eq!(
        meeting["organization"][0],
        "https://umearegionen.se/beslut/data/oparl/organization/kommunchefsgruppen.json"
    );
    assert_eq!(
        meeting["resultsProtocol"]["accessUrl"],
        "https://umearegionen.se/beslut/moten/kommunchefsgruppen/2013-05-15/kommunchefsgruppen-2013-05-15.pdf"
    );
    // The notice, with its documents, too (the data review: a coming meeting's only
    // document was missing from the export).
    assert_eq!(
        meeting["invitation"]["accessUrl"],
        "https://umearegionen.se/beslut/moten/kommunchefsgruppen/2013-05-15/kallelse-kommunchefsgruppen-2013-05-15.pdf"
    );
    assert_eq!(meeting["invitation"]["name"], "Kallelse Kommunchefsgruppen 2013-05-15");
    let items = meeting["agendaItem"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    assert_eq!(items[3]["number"], "4");
    assert_eq!(items[3]["name"], "Samverkan inom IT-området");
    assert!(items[3]["resolutionText"].as_str().unwrap().contains("300 000 kr"));
    let papers = &files["data/oparl/papers/page-1.json"];
    assert!(papers["pagination"]["totalElements"].as_u64().unwrap() > 0, "matters are papers");
}

#[test]
fn oparl_files_are_attachments_and_records() {
    let model = demo();
    let files = oparl_files(&model);
    let list = &files["data/oparl/files/page-1.json"]["data"];
    let attachment = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fileName"] == "projektdirektiv-hallbar-pendling.pdf")
        .expect("the attachment is a File");
    assert_eq!(attachment["mimeType"], "application/pdf");
    assert!(attachment["size"].as_u64().unwrap() > 0);
    assert_eq!(
        attachment["accessUrl"],
        "https://exempel.example/demo/filer/bilagor/2025/projektdirektiv-hallbar-pendling.pdf"
    );
    let used_in = attachment["agendaItem"].as_array().unwrap();
    assert!(!used_in.is_empty());
    // The item embeds the same object.
    let item = &files[used_in[0].as_str().unwrap().strip_prefix(&model.site.base_url).unwrap()];
    assert!(item["auxiliaryFile"].as_array().unwrap().contains(attachment));
}

#[test]
fn oparl_shows_confidential_items_as_not_public() {
    let model = demo();
    let files = oparl_files(&model);
    let meeting = &files["data/oparl/meeting/kommunchefsgruppen/2025-10-15.json"];
    let item = meeting["agendaItem"].as_array().unwrap().iter().find(|i| i["number"] == "4").unwrap();
    assert_eq!(item["public"], false);
    assert_eq!(item["name"], model.site.confidential_notice.as_str());
    assert!(item.get("resolutionText").is_none() && item.get("auxiliaryFile").is_none());
    assert!(!files.contains_key("data/oparl/meeting/kommunchefsgruppen/2026-11-18.json"), "no draft");
}

// ---------------------------------------------------------------------------------------
// Everything

#[test]
fn nothing_withheld_reaches_any_artefact() {
    let model = demo();
    // The draft (kommunchefsgruppen/2026-11-18) and the confidential items (2025-10-15 § 4,
    // 2026-03-18 § 4) and the confidential attachment of 2026-03-18 § 3.
    let withheld = [
        "rekryteringsportal",
        "214 synpunkter",
        "kommunchefsgruppen/2026-11-18",
        "kommunchefsgruppen-2026-11-18",
        "20261118",
        "Personalärende",
        "rehabiliteringsutredning",
        "75 procent",
        "Rekommendation om tilldelning",
        "Dokumentbolaget",
        "Kvalitetspoäng",
        "268 000",
        "268000",
        "utvarderingsprotokoll",
    ];
    for artefact in everything(&model) {
        let text = String::from_utf8(artefact.bytes).unwrap();
        for word in withheld {
            assert!(!text.contains(word), "{} contains withheld text {word:?}", artefact.path);
        }
    }
}

#[test]
fn without_pdfs_nothing_links_to_a_record_pdf() {
    let model = demo();
    let mut all = feeds::feeds(&model, false);
    all.extend(data::data(&model, false));
    let pdfs: Vec<String> = model.meetings.iter().map(|m| urls::protocol_pdf(&model, m)).collect();
    for artefact in &all {
        let text = String::from_utf8_lossy(&artefact.bytes);
        for pdf in &pdfs {
            assert!(!text.contains(pdf.as_str()), "{} links to {pdf}", artefact.path);
        }
    }
    assert!(
        text(&all, "data/oparl/files/page-1.json").contains("projektdirektiv-hallbar-pendling.pdf"),
        "attachments stay"
    );
    // The OParl files still hang together.
    let written: BTreeSet<&str> = all.iter().map(|a| a.path.as_str()).collect();
    for artefact in all.iter().filter(|a| a.path.starts_with("data/oparl/")) {
        let text = String::from_utf8_lossy(&artefact.bytes);
        for url in text.split('"').filter(|s| s.starts_with("https://exempel.example/demo/data/oparl/")) {
            assert!(written.contains(url.strip_prefix("https://exempel.example/demo/").unwrap()), "{url}");
        }
    }
}

#[test]
fn unpublished_contact_details_stay_unpublished() {
    let model = demo();
    let files = oparl_files(&model);
    let people = &files["data/oparl/people/page-1.json"]["data"];
    let with_email: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p.get("email").is_some())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(with_email, ["Lars Wennberg"], "only the person whose source allows it");
}

#[test]
fn artefacts_are_deterministic() {
    for dir in ["examples/demo", "."] {
        let first = everything(&site(dir));
        let second = everything(&site(dir));
        assert_eq!(first, second, "{dir}");
        let paths: BTreeSet<&str> = first.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths.len(), first.len(), "{dir}: every path once");
    }
}

/// Writes every artefact of both sites under $KANSLI_ARTEFACTS (default /tmp/oparl-out)
/// for the shared checkers and the OParl JSON Schemas:
/// `cargo test --test feeds_data -- --ignored writes_artefacts`.
#[test]
#[ignore]
fn writes_artefacts_for_external_checks() {
    let root = std::path::PathBuf::from(std::env::var("KANSLI_ARTEFACTS").unwrap_or("/tmp/oparl-out".into()));
    for (name, dir) in [("demo", "examples/demo"), ("content", ".")] {
        for artefact in everything(&site(dir)) {
            let path = root.join(name).join(&artefact.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &artefact.bytes).unwrap();
        }
    }
}
