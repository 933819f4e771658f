//! `kansli new meeting`: a meeting file pre-filled from its body and its last meeting.
//!
//! The members on the day become attendees (deciding roles) or participants (the
//! secretary, co-opted and invited members), commented out until the meeting is held (a
//! file with attendance is the record, not the notice), the chair and the secretary come from their
//! roles, and the standing items open and close the agenda, with a reference to the
//! body's previous meeting under "Föregående minnesanteckningar". Kind, time and place
//! are taken from the previous meeting when it has them.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{Failure, NewFile, RULE, quote, suggestion, usage};
use crate::model::{Body, Meeting, Model, PersonId, RecordKind, Role};

/// Where a member sits at a meeting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seat {
    /// Beslutande.
    Attendee,
    /// Beslutande only when serving for an absent member: written commented out.
    Substitute,
    /// Övriga deltagande.
    Participant,
}

fn seat(role: Role) -> Seat {
    match role {
        Role::Ordforande | Role::ViceOrdforande | Role::Ledamot | Role::Sammankallande => Seat::Attendee,
        Role::Ersattare => Seat::Substitute,
        Role::Sekreterare | Role::Adjungerad | Role::Foredragande | Role::Inbjuden => Seat::Participant,
    }
}

const NO_BODIES: &str = "webbplatsen har inga organ än; lägg till content/organisation/bodies/<id>.toml";

pub(super) fn meeting(model: &Model, body_id: &str, date: Date) -> Result<NewFile, Failure> {
    let Some(body) = model.bodies.iter().find(|b| b.slug == body_id) else {
        let known: Vec<&str> = model.bodies.iter().map(|b| b.slug.as_str()).collect();
        return Err(usage(format!("okänt organ \"{body_id}\""), suggestion(body_id, &known, "organen", NO_BODIES)));
    };
    let previous = model
        .meetings
        .iter()
        .map(|m| &**m)
        .filter(|m| model.body(m.body).slug == body.slug && m.date < date)
        .max_by_key(|m| m.date);
    Ok(NewFile { path: format!("content/meetings/{}/{date}.toml", body.slug), text: text(model, body, date, previous) })
}

fn text(model: &Model, body: &Body, date: Date, previous: Option<&Meeting>) -> String {
    let slug = |p: PersonId| model.person(p).slug.as_str();
    let members = body.members_on(date);
    let with_role = |role: Role| members.iter().find(|(_, r)| *r == role).map(|(p, _)| slug(*p));
    let kind = previous.and_then(|m| m.kind).unwrap_or(RecordKind::Minnesanteckningar);
    let record = match kind {
        RecordKind::Minnesanteckningar => "minnesanteckningar",
        RecordKind::Protokoll => "protokoll",
    };

    let mut out = String::new();
    let _ = writeln!(out, "# Möte i {} {date}.", body.name);
    let _ = writeln!(out, "# Skapad med `kansli new meeting`: ledamöterna, ordföranden, sekreteraren och de");
    let _ = writeln!(out, "# stående ärendena är ifyllda från {}.", body.source_file());
    out.push_str(
        "# Fyll i det som saknas, ta bort det som inte stämmer och kör `kansli check`.\n\
         # Innehållsguiden (avsnitt 4) går igenom hur ett möte skrivs.\n\
         #\n\
         # Före mötet är filen kallelsen: skriv ärendena med förslag till beslut\n\
         # (proposal). Efter mötet skriver du närvaron och besluten (decision) i samma fil.\n\
         # Vill du inte publicera något ännu, lägg till raden status = \"utkast\".\n",
    );
    let _ = writeln!(out, "kind = \"{record}\" # \"minnesanteckningar\" eller \"protokoll\"");
    let _ = writeln!(out, "date = {date}");
    let same = "# som vid förra mötet";
    match previous.and_then(|m| m.start) {
        Some(t) => {
            let _ = writeln!(out, "start = {} {same}", t.strftime("%H:%M:%S"));
        }
        None => out.push_str("# start = 08:30:00 # klockslag TT:MM:SS, utan citattecken\n"),
    }
    match previous.and_then(|m| m.end) {
        Some(t) => {
            let _ = writeln!(out, "end = {} {same}", t.strftime("%H:%M:%S"));
        }
        None => out.push_str("# end = 11:00:00\n"),
    }
    match previous.and_then(|m| m.place.as_deref()) {
        Some(place) => {
            let _ = writeln!(out, "place = {} {same}", quote(place));
        }
        None => out.push_str("# place = \"Lokal och adress\"\n"),
    }
    match with_role(Role::Ordforande) {
        Some(chair) => {
            let _ = writeln!(out, "chair = {}", quote(chair));
        }
        None => out.push_str("# chair = \"person-id\" # organet har ingen ordförande på mötesdagen\n"),
    }
    match with_role(Role::Sekreterare) {
        Some(secretary) => {
            let _ = writeln!(out, "secretary = {}", quote(secretary));
        }
        None => out.push_str("# secretary = \"person-id\" # organet har ingen sekreterare på mötesdagen\n"),
    }
    if kind == RecordKind::Protokoll {
        out.push_str(
            "# adjusters = [\"person-id\"] # justerare\n# adjusted = ÅÅÅÅ-MM-DD # dagen då protokollet justerades\n",
        );
    }

    let attendees: Vec<&(PersonId, Role)> = members.iter().filter(|(_, r)| seat(*r) == Seat::Attendee).collect();
    if attendees.is_empty() {
        let _ = writeln!(
            out,
            "\n# Beslutande: {} har inga ledamöter på mötesdagen. Skriv ett [[attendee]]\n# med person = \"…\" för varje beslutande.",
            body.name
        );
    } else {
        // Commented out: a file with attendance is the record, not the notice (content
        // guide 4.10), and a notice calls the body's members without it.
        out.push_str(
            "\n# Beslutande, efter mötet: organets ledamöter på mötesdagen. Så länge filen\n\
             # saknar närvaro och beslut är den kallelsen, så ta bort # framför dem som var\n\
             # med först efter mötet. Den som inte kom skrivs som [[absentee]] (med bara\n\
             # person = \"…\"). Den som bara var med under vissa ärenden får items = [1, 2, …].\n",
        );
    }
    for (i, (person, role)) in attendees.iter().enumerate() {
        attendance(&mut out, "attendee", slug(*person), (*role != Role::Ledamot).then_some(*role), true, i == 0);
    }
    let substitutes: Vec<&(PersonId, Role)> = members.iter().filter(|(_, r)| seat(*r) == Seat::Substitute).collect();
    if !substitutes.is_empty() {
        out.push_str("\n# Ersättare: ta bort # framför den som tjänstgör för en frånvarande ledamot.\n");
        for (i, (person, role)) in substitutes.into_iter().enumerate() {
            attendance(&mut out, "attendee", slug(*person), Some(*role), true, i == 0);
        }
    }
    let participants: Vec<&(PersonId, Role)> = members.iter().filter(|(_, r)| seat(*r) == Seat::Participant).collect();
    if !participants.is_empty() {
        out.push_str("\n# Övriga deltagande, efter mötet: ta bort # framför dem som var med.\n");
        for (i, (person, role)) in participants.into_iter().enumerate() {
            attendance(&mut out, "participant", slug(*person), Some(*role), true, i == 0);
        }
    }

    let mut number = 0;
    let mut item = |out: &mut String, title: &str| {
        number += 1;
        let _ = write!(out, "\n{RULE}[[item]]\nnumber = {number}\ntitle = {}\n", quote(title));
    };
    item(&mut out, "Mötets öppnande");
    if let Some(previous) = previous {
        let title = match previous.kind {
            Some(RecordKind::Protokoll) => "Föregående protokoll",
            _ => "Föregående minnesanteckningar",
        };
        item(&mut out, title);
        out.push_str("formal = true\n");
        let _ = writeln!(out, "\n# Hänvisning till förra mötet, {}.", previous.date);
        let _ = writeln!(out, "[[item.reference]]\nto = \"{}/{}\"", body.slug, previous.date);
    }
    out.push_str(
        "\n# Mötets ärenden: ett [[item]] per ärende, i nummerordning. Numrera om\n\
         # \"Övriga frågor\" och \"Mötets avslutande\" så att de kommer sist. Till exempel:\n\
         #\n\
         # [[item]]\n\
         # number = 3\n\
         # title = \"Rubrik som i kallelsen\"\n\
         # presenter = \"person-id\"\n\
         # proposal = \"Förslag till beslut, före mötet.\"\n\
         # decision = \"Beslutet, efter mötet.\"\n\
         # description = \"Ärendebeskrivning.\"\n",
    );
    item(&mut out, "Övriga frågor");
    item(&mut out, "Mötets avslutande");
    out
}

fn attendance(out: &mut String, table: &str, person: &str, role: Option<Role>, commented: bool, first: bool) {
    let c = if commented { "# " } else { "" };
    // The comment that opens a group of tables sits right above its first table.
    if !first {
        out.push('\n');
    }
    let _ = write!(out, "{c}[[{table}]]\n{c}person = {}\n", quote(person));
    if let Some(role) = role {
        let _ = writeln!(out, "{c}role = \"{}\"", role.name());
    }
}
