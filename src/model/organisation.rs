//! Site settings, municipalities, people and bodies.

use super::context::{Ctx, Named};
use super::types::*;
use super::values::{self, check_id, date, opt_text, partial_date, text};
use super::{DEFAULT_CONFIDENTIAL_NOTICE, err, placeholder_site};
use crate::diag::{FileId, Location, SourceFiles};
use crate::load::raw::*;
use crate::load::{BodyHome, LoadedBody, Parsed};

pub(super) fn municipalities(ctx: &mut Ctx<'_>, parsed: Option<&Parsed<RawMunicipalities>>) -> Vec<Municipality> {
    let Some(Parsed { file, value }) = parsed else { return Vec::new() };
    let mut out = Vec::new();
    for raw in &value.municipality {
        if !check_id(*file, &raw.id, &mut ctx.diagnostics) {
            // Every reference to it would be one more error for the same typo.
            ctx.t.to_mut().faulty.municipalities = true;
            continue;
        }
        let id = MunicipalityId(out.len() as u32);
        if !ctx.define(&raw.id, Named::Municipality(id), Location::new(*file, raw.id.span.clone())) {
            continue;
        }
        out.push(Municipality {
            slug: raw.id.value.clone(),
            name: text(&raw.name),
            official_name: text(&raw.official_name),
        });
    }
    out
}

/// Gives every person with a valid, unique id its `PersonId`; returns, per entry of the
/// file, the id it got.
pub(super) fn register_people(ctx: &mut Ctx<'_>, parsed: Option<&Parsed<RawPeople>>) -> Vec<Option<PersonId>> {
    let Some(Parsed { file, value }) = parsed else { return Vec::new() };
    let mut next = 0u32;
    value
        .person
        .iter()
        .map(|raw| {
            if !check_id(*file, &raw.id, &mut ctx.diagnostics) {
                // Every reference to the person would be one more error for the same typo.
                ctx.t.to_mut().faulty.people = true;
                return None;
            }
            let id = PersonId(next);
            ctx.define(&raw.id, Named::Person(id), Location::new(*file, raw.id.span.clone())).then(|| {
                next += 1;
                id
            })
        })
        .collect()
}

pub(super) fn register_bodies(ctx: &mut Ctx<'_>, bodies: &[LoadedBody]) -> Vec<Option<BodyId>> {
    let mut next = 0u32;
    bodies
        .iter()
        .map(|body| {
            let file = body.parsed.file;
            if !values::is_valid_id(&body.id) {
                let folder = if body.home == BodyHome::Groups { "mappen" } else { "filen" };
                ctx.push(
                    err(format!("ogiltigt id \"{}\" ({folder}s namn)", body.id)).at(Location::file(file)).with_hint(
                        format!(
                            "döp om {folder} till \"{}\": id får bara innehålla a–z, 0–9 och bindestreck",
                            values::suggest_id(&body.id)
                        ),
                    ),
                );
                // References to it, as written or as the id it should have, wait for the fix.
                let faulty = &mut ctx.t.to_mut().faulty.bodies;
                faulty.insert(body.id.clone());
                faulty.insert(values::suggest_id(&body.id));
                return None;
            }
            let id = BodyId(next);
            ctx.define(&body.id, Named::Body(id), Location::file(file)).then(|| {
                next += 1;
                id
            })
        })
        .collect()
}

pub(super) fn site(ctx: &mut Ctx<'_>, parsed: Option<&Parsed<RawSite>>, files: &SourceFiles) -> Site {
    let Some(Parsed { file, value: raw }) = parsed else {
        return placeholder_site(files.find("content/site.toml").unwrap_or(FileId(0)));
    };
    let file = *file;
    let mut members = Vec::new();
    for member in &raw.member {
        let Some(municipality) = ctx.municipality(file, &member.municipality) else { continue };
        if members.iter().any(|m: &SiteMember| m.municipality == municipality) {
            ctx.push(
                err(format!("kommunen \"{}\" står redan som medlem", member.municipality.value))
                    .at(Location::new(file, member.municipality.span.clone()))
                    .with_label("dubblett")
                    .with_hint("en kommun har en [[member]]; ändra dess from/until i stället"),
            );
            continue;
        }
        let from = member.from.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
        let until = member.until.as_ref().and_then(|d| date(file, d, &mut ctx.diagnostics));
        if let (Some(f), Some(u), Some(span)) = (from, until, member.until.as_ref().map(|u| u.span.clone()))
            && u < f
        {
            ctx.push(
                err(format!("medlemskapet slutar {u}, före det börjar {f}"))
                    .at(Location::new(file, span))
                    .with_label("före from")
                    .with_hint("until ska vara samma dag som from eller senare"),
            );
        }
        members.push(SiteMember { municipality, from, until });
    }

    let mut base_url = raw.base_url.value.trim().to_string();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        ctx.push(
            err(format!("ogiltig adress \"{base_url}\""))
                .at(Location::new(file, raw.base_url.span.clone()))
                .with_label("väntade en adress som börjar med https://")
                .with_hint("skriv den fullständiga publika adressen, t.ex. \"https://umearegionen.se/beslut/\""),
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let license = raw.license.as_ref().and_then(|l| {
        let url = l.url.value.trim();
        if url.starts_with("https://") || url.starts_with("http://") {
            return Some(License { name: text(&l.name), url: url.to_string() });
        }
        ctx.push(
            err(format!("ogiltig adress \"{url}\""))
                .at(Location::new(file, l.url.span.clone()))
                .with_label("väntade en adress som börjar med https://")
                .with_hint("skriv licensens fullständiga adress, t.ex. \"https://creativecommons.org/publicdomain/zero/1.0/deed.sv\""),
        );
        None
    });
    let privacy_url = raw.privacy_url.as_ref().and_then(|u| {
        let url = u.value.trim();
        if url.starts_with("https://") || url.starts_with("http://") {
            return Some(url.to_string());
        }
        ctx.push(
            err(format!("ogiltig adress \"{url}\""))
                .at(Location::new(file, u.span.clone()))
                .with_label("väntade en adress som börjar med https://")
                .with_hint("skriv den fullständiga adressen till sidan om personuppgifter, t.ex. \"https://umearegionen.se/personuppgifter/\""),
        );
        None
    });
    let language = raw.language.as_ref().map_or_else(|| "sv".to_string(), |l| l.value.clone());
    if language != "sv"
        && let Some(l) = &raw.language
    {
        ctx.push(
            err(format!("språket \"{language}\" stöds inte"))
                .at(Location::new(file, l.span.clone()))
                .with_label("bara \"sv\" stöds")
                .with_hint("ta bort language eller skriv language = \"sv\""),
        );
    }

    let a = &raw.accessibility;
    let placeholder = Date_::constant(2000, 1, 1);
    let accessibility = Accessibility {
        compliance: a.compliance.value.text().to_string(),
        known_problems: a.known_problems.iter().map(text).collect(),
        method: text(&a.method),
        assessed: date(file, &a.assessed, &mut ctx.diagnostics).unwrap_or(placeholder),
        published: date(file, &a.published, &mut ctx.diagnostics).unwrap_or(placeholder),
        contact_email: text(&a.contact_email),
        contact_phone: opt_text(&a.contact_phone),
        response_time: opt_text(&a.response_time),
    };

    Site {
        title: text(&raw.title),
        cooperation: text(&raw.cooperation),
        description: opt_text(&raw.description),
        base_url,
        language,
        theme: raw.theme.as_ref().map_or_else(|| "default".into(), |t| t.value.clone()),
        example: raw.example.as_ref().is_some_and(|e| e.value),
        confidential_notice: opt_text(&raw.confidential_notice).unwrap_or_else(|| DEFAULT_CONFIDENTIAL_NOTICE.into()),
        members,
        accessibility,
        license,
        privacy_url,
        file,
    }
}

type Date_ = jiff::civil::Date;

pub(super) fn people(ctx: &mut Ctx<'_>, parsed: Option<&Parsed<RawPeople>>, ids: &[Option<PersonId>]) -> Vec<Person> {
    let Some(Parsed { file, value }) = parsed else { return Vec::new() };
    let file = *file;
    let mut out = Vec::new();
    for (raw, id) in value.person.iter().zip(ids) {
        if id.is_none() {
            continue;
        }
        let affiliation = match (&raw.municipality, &raw.organisation) {
            (Some(m), None) => ctx.municipality(file, m).map_or(Affiliation::Unknown, Affiliation::Municipality),
            (None, Some(o)) => ctx.body(file, o).map_or(Affiliation::Unknown, Affiliation::Body),
            (Some(_), Some(o)) => {
                ctx.push(
                    err("en person har antingen municipality eller organisation, inte båda")
                        .at(Location::new(file, o.span.clone()))
                        .with_label("ta bort den ena")
                        .with_hint("organisation används för den som inte är anställd av en kommun, t.ex. \"kansli\""),
                );
                Affiliation::Unknown
            }
            (None, None) => Affiliation::Unknown,
        };
        out.push(Person {
            slug: raw.id.value.clone(),
            name: text(&raw.name),
            affiliation,
            title: opt_text(&raw.title),
            email: opt_text(&raw.email),
            phone: opt_text(&raw.phone),
            publish_contact: raw.publish_contact.as_ref().is_some_and(|p| p.value),
        });
    }
    out
}

pub(super) fn bodies(ctx: &mut Ctx<'_>, loaded: &[LoadedBody], ids: &[Option<BodyId>]) -> Vec<Body> {
    let mut out = Vec::new();
    for (body, id) in loaded.iter().zip(ids) {
        if id.is_none() {
            continue;
        }
        let file = body.parsed.file;
        let raw = &body.parsed.value;
        let kind = raw.kind.value;
        let expected_home = if kind.is_group() { BodyHome::Groups } else { BodyHome::Organisation };
        if body.home != expected_home {
            let (here, there) = match expected_home {
                BodyHome::Groups => ("content/organisation/bodies/", format!("content/groups/{}/group.toml", body.id)),
                BodyHome::Organisation => ("content/groups/", format!("content/organisation/bodies/{}.toml", body.id)),
            };
            ctx.push(
                err(format!("ett organ av slaget \"{}\" hör inte hemma i {here}", kind.name()))
                    .at(Location::new(file, raw.kind.span.clone()))
                    .with_label("fel mapp för detta slag")
                    .with_hint(format!("flytta filen till {there}")),
            );
        }
        let goals = raw.goals.iter().filter_map(|g| ctx.goal(file, g)).collect();
        let contact = raw.contact.as_ref().and_then(|c| ctx.person(file, c));
        let start = raw.start.as_ref().and_then(|d| partial_date(file, d, &mut ctx.diagnostics));
        let end = raw.end.as_ref().and_then(|d| partial_date(file, d, &mut ctx.diagnostics));
        if let (Some(s), Some(e), Some(raw_end)) = (start, end, &raw.end)
            && e.last_day() < s.first_day()
        {
            ctx.push(
                err("slutdatumet är före startdatumet")
                    .at(Location::new(file, raw_end.span.clone()))
                    .with_label("före start")
                    .with_hint("kontrollera start och end"),
            );
        }
        let mut members = Vec::new();
        for m in &raw.member {
            let Some(person) = ctx.person(file, &m.person) else { continue };
            let from = m.from.as_ref().and_then(|d| partial_date(file, d, &mut ctx.diagnostics));
            let until = m.until.as_ref().and_then(|d| partial_date(file, d, &mut ctx.diagnostics));
            let documented = m.documented.as_ref().and_then(|d| partial_date(file, d, &mut ctx.diagnostics));
            if let (Some(raw_from), Some(raw_documented)) = (&m.from, &m.documented) {
                ctx.push(
                    err("uppdraget har både from och documented")
                        .at(Location::new(file, raw_documented.span.clone()))
                        .with_label("första dag som källorna visar")
                        .with_note(Location::new(file, raw_from.span.clone()), "och dagen då uppdraget började")
                        .with_hint("from är när uppdraget började; documented skrivs i stället, när starten är okänd: ange det ena"),
                );
            }
            if let (Some(f), Some(u), Some(raw_until)) = (from, until, &m.until)
                && u.last_day() < f.first_day()
            {
                ctx.push(
                    err("uppdraget slutar innan det börjar")
                        .at(Location::new(file, raw_until.span.clone()))
                        .with_label("före from")
                        .with_hint("until ska vara samma dag som from eller senare"),
                );
            }
            let role = m.role.as_ref().map_or(Role::Ledamot, |r| r.value);
            members.push(Membership { person, role, from, until, documented });
        }
        out.push(Body {
            slug: body.id.clone(),
            name: text(&raw.name),
            short_name: opt_text(&raw.short_name),
            kind,
            goals,
            description: opt_text(&raw.description),
            area: opt_text(&raw.area),
            purpose: opt_text(&raw.purpose),
            contact,
            start,
            end,
            financing: opt_text(&raw.financing),
            members,
            file,
        });
    }
    out
}
