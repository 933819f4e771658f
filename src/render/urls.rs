//! Where every artefact lives in output/, relative to the site root.
//!
//! Pages are folders with an index.html ("moten/kommunchefsgruppen/2013-05-15/"), so that
//! any static host serves them. Pages link to each other relatively (`root` + path), which
//! lets the site work under any sub-path; only feeds, calendars, the sitemap and open data
//! use absolute URLs, from `site.base_url`. This module is the one place that knows the
//! URL scheme.

use crate::model::{Body, Meeting, Model, PlanId};

pub const START: &str = "";
pub const DECISIONS: &str = "beslut/";
pub const ASSIGNMENTS: &str = "uppdrag/";
pub const ECONOMY: &str = "ekonomi/";
pub const MATTERS: &str = "arenden/";
pub const MUNICIPALITIES: &str = "kommuner/";
pub const STRATEGY: &str = "strategi/";
pub const AREAS: &str = "omraden/";
pub const GROUPS: &str = "arbetsgrupper/";
pub const BODIES: &str = "organ/";
pub const PEOPLE: &str = "personer/";
pub const CALENDAR: &str = "kalender/";
pub const SEARCH: &str = "sok/";
pub const ACCESSIBILITY: &str = "tillganglighet/";
pub const OPEN_DATA: &str = "oppna-data/";
pub const NOT_FOUND: &str = "404.html";
pub const ASSETS: &str = "assets/";
pub const FEED: &str = "flode/beslut.atom";
pub const ICAL: &str = "kalender/moten.ics";
/// Every period and event the items mention, however long.
pub const ICAL_PERIODS: &str = "kalender/perioder.ics";

/// The relative way from a page at `path` back to the site root: "moten/kc/2013-05-15/" → "../../../".
pub fn root_from(path: &str) -> String {
    let depth = path.matches('/').count();
    "../".repeat(depth)
}

pub fn body(body: &Body) -> String {
    format!("organ/{}/", body.slug)
}

pub fn meeting(model: &Model, meeting: &Meeting) -> String {
    format!("moten/{}/{}/", model.body(meeting.body).slug, meeting.date)
}

/// The anchor of an item on its meeting page: "p3".
pub fn item_anchor(number: u32) -> String {
    format!("p{number}")
}

pub fn item(model: &Model, meeting: &Meeting, number: u32) -> String {
    format!("{}#{}", self::meeting(model, meeting), item_anchor(number))
}

/// The protocol (or minnesanteckningar) PDF of a meeting.
pub fn protocol_pdf(model: &Model, meeting: &Meeting) -> String {
    let body = &model.body(meeting.body).slug;
    format!("moten/{body}/{}/{body}-{}.pdf", meeting.date, meeting.date)
}

/// The board packet (kallelse) PDF of a meeting.
pub fn packet_pdf(model: &Model, meeting: &Meeting) -> String {
    let body = &model.body(meeting.body).slug;
    format!("moten/{body}/{}/kallelse-{body}-{}.pdf", meeting.date, meeting.date)
}

/// An attachment file: its path under content/ mirrored under filer/.
pub fn attachment(content_path: &str) -> String {
    format!("filer/{}", content_path.strip_prefix("content/").unwrap_or(content_path))
}

/// The link to an attachment file ([`attachment`]), percent-encoded: its name is the
/// author's, and may hold spaces, å, ä, ö, `#` or `?`, which a URL cannot hold as they are.
pub fn attachment_href(content_path: &str) -> String {
    encode_path(&attachment(content_path))
}

/// A site path as a URL's path: every byte outside RFC 3986's path characters (letters,
/// digits, `/` and `-._~!$&'()*+,;=:@`) percent-encoded, `#`, `?` and `%` among them.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

pub fn person(model: &Model, id: crate::model::PersonId) -> String {
    format!("personer/{}/", model.person(id).slug)
}

pub fn municipality(model: &Model, id: crate::model::MunicipalityId) -> String {
    format!("kommuner/{}/", model.municipality(id).slug)
}

/// The Atom feed of the decisions that concern a municipality.
pub fn municipality_feed(model: &Model, id: crate::model::MunicipalityId) -> String {
    format!("kommuner/{}/beslut.atom", model.municipality(id).slug)
}

pub fn goal(model: &Model, id: crate::model::GoalId) -> String {
    format!("strategi/{}/", model.goal(id).slug)
}

pub fn area(model: &Model, id: crate::model::AreaId) -> String {
    format!("omraden/{}/", model.area(id).slug)
}

/// A group's plan beside its report for one year.
pub fn group_year(body: &Body, year: i32) -> String {
    format!("organ/{}/{year}/", body.slug)
}

pub fn plan_pdf(model: &Model, plan: PlanId) -> String {
    let plan = model.plan(plan);
    let slug = &model.body(plan.group).slug;
    format!("organ/{slug}/{}/verksamhetsplan-{slug}-{}.pdf", plan.year, plan.year)
}

pub fn report_pdf(group: &Body, year: i32) -> String {
    let slug = &group.slug;
    format!("organ/{slug}/{year}/verksamhetsberattelse-{slug}-{year}.pdf")
}

/// All groups' plans and reports for one year: the follow-up matrix.
pub fn follow_up(year: i32) -> String {
    format!("arbetsgrupper/{year}/")
}

pub fn compilation_pdf(year: i32, reports: bool) -> String {
    if reports {
        format!("arbetsgrupper/{year}/verksamhetsberattelser-{year}.pdf")
    } else {
        format!("arbetsgrupper/{year}/verksamhetsplaner-{year}.pdf")
    }
}

pub fn body_feed(body: &Body) -> String {
    format!("flode/{}.atom", body.slug)
}

pub fn body_ical(body: &Body) -> String {
    format!("kalender/{}.ics", body.slug)
}

/// A matter (a chain of items that refer to each other), named by its first item.
pub fn matter(key: &str) -> String {
    format!("arenden/{key}/")
}

/// Absolute URL of a site path, for feeds and data.
pub fn absolute(model: &Model, path: &str) -> String {
    format!("{}{path}", model.site.base_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_relative_to_depth() {
        assert_eq!(root_from(""), "");
        assert_eq!(root_from("beslut/"), "../");
        assert_eq!(root_from("moten/kommunchefsgruppen/2013-05-15/"), "../../../");
    }

    #[test]
    fn an_attachments_link_is_percent_encoded_and_its_file_is_not() {
        let path = "content/bilagor/Budget uppföljning #2?.csv";
        assert_eq!(attachment(path), "filer/bilagor/Budget uppföljning #2?.csv");
        assert_eq!(attachment_href(path), "filer/bilagor/Budget%20uppf%C3%B6ljning%20%232%3F.csv");
        assert_eq!(attachment_href("content/bilagor/2025/plan-1.pdf"), "filer/bilagor/2025/plan-1.pdf");
    }
}
