//! `kansli new plan` and `kansli new report`: a working group's yearly files.
//!
//! A plan starts from the group's previous plan (its purposes and prioritised areas) or,
//! for a group's first plan, from the group's strategic goals. A report lists every goal
//! and every activity of that year's plan, so that none can be forgotten; it claims
//! nothing: goals stand as not met and activities as not done until the group says so.

use std::fmt::Write as _;

use super::{Failure, NewFile, one_line, quote, quote_list, suggestion, usage};
use crate::model::{Body, BodyKind, Model, Plan};

const NO_GROUPS: &str = "webbplatsen har inga grupper än; lägg till content/groups/<id>/group.toml";

/// The working group `written`, or why it is not one.
fn group<'m>(model: &'m Model, written: &str) -> Result<&'m Body, Failure> {
    let groups: Vec<&str> = model.bodies.iter().filter(|b| b.kind.is_group()).map(|b| b.slug.as_str()).collect();
    match model.bodies.iter().find(|b| b.slug == written) {
        Some(body) if body.kind.is_group() => Ok(body),
        Some(_) => Err(usage(
            format!("\"{written}\" är inte en arbetsgrupp, ett nätverk eller ett projekt"),
            format!(
                "verksamhetsplaner och -berättelser hör till grupperna i content/groups/; {}",
                suggestion(written, &groups, "grupperna", NO_GROUPS)
            ),
        )),
        None => Err(usage(format!("okänd grupp \"{written}\""), suggestion(written, &groups, "grupperna", NO_GROUPS))),
    }
}

fn plan_of<'m>(model: &'m Model, group: &Body, year: i32) -> Option<&'m Plan> {
    model.plans.iter().find(|p| model.body(p.group).slug == group.slug && p.year == year)
}

/// A number as TOML writes it: `7`, not `7.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
}

pub(super) fn plan(model: &Model, written: &str, year: i32) -> Result<NewFile, Failure> {
    let group = group(model, written)?;
    let previous =
        model.plans.iter().filter(|p| model.body(p.group).slug == group.slug && p.year < year).max_by_key(|p| p.year);

    let mut out = String::new();
    let _ = writeln!(out, "# Verksamhetsplan {year} för {} (Mall 1).", group.name);
    match previous {
        Some(p) => {
            let _ = writeln!(
                out,
                "# Skapad med `kansli new plan`: avsikt/syfte och prioriterade områden är ifyllda\n\
                 # från verksamhetsplanen {}. Stämmer de fortfarande? Skriv årets mål och aktiviteter",
                p.year
            );
        }
        None => {
            let _ = writeln!(
                out,
                "# Skapad med `kansli new plan`. Ersätt det som är markerat ERSÄTT, skriv årets mål\n\
                 # och aktiviteter"
            );
        }
    }
    out.push_str("# och kör `kansli check`. Innehållsguiden (avsnitt 3.8) beskriver varje nyckel.\n\n");

    match group.contact {
        Some(contact) => {
            let _ = writeln!(
                out,
                "# contact = {} # utelämnas: då gäller gruppens kontaktperson",
                quote(&model.person(contact).slug)
            );
        }
        None => out.push_str("# contact = \"person-id\" # kontaktperson för gruppen\n"),
    }
    match &group.area {
        Some(area) => {
            let _ = writeln!(out, "# area = {} # utelämnas: då gäller gruppens verksamhetsområde", quote(area));
        }
        None => out.push_str("# area = \"Verksamhetsområde\"\n"),
    }
    let all_areas: Vec<String> =
        model.areas.iter().map(|a| format!("\"{}\" ({})", a.slug, one_line(&a.title))).collect();
    match previous {
        Some(p) if !p.areas.is_empty() => {
            let slugs: Vec<&str> = p.areas.iter().map(|a| model.area(*a).slug.as_str()).collect();
            let _ = writeln!(out, "areas = {} # prioriterade områden (Bilaga 1)", quote_list(&slugs));
        }
        _ => match model.areas.first() {
            Some(first) => {
                let _ = writeln!(
                    out,
                    "# ERSÄTT: välj minst ett av de prioriterade områdena: {}.\nareas = {}",
                    all_areas.join(", "),
                    quote_list(&[first.slug.as_str()])
                );
            }
            None => out.push_str(
                "# areas = [\"…\"] # minst ett prioriterat område; lägg först till områdena i\n\
                 # content/strategy/areas.toml\n",
            ),
        },
    }
    out.push_str(
        "# approved = \"kommunchefsgruppen/ÅÅÅÅ-MM-DD#nummer\" # ärendet där planen godkändes\n\
         \n\
         # summary = \"\"\"\n\
         # Vad vill gruppen ha åstadkommit under året?\"\"\"\n\
         \n\
         # Avsikt/syfte: \"Genom xx bidrar vi till att yy\", ett stycke per övergripande mål.\n",
    );
    // The comment above sits right on the first [[purpose]]; later ones get a blank line.
    let start = out.len();
    let placeholder = "Genom … bidrar vi till att …";
    match previous {
        Some(p) if !p.purposes.is_empty() => {
            for purpose in &p.purposes {
                let _ = write!(
                    out,
                    "\n[[purpose]]\ngoal = {}\ntext = {}\n",
                    quote(&model.goal(purpose.goal).slug),
                    quote(&purpose.text)
                );
            }
        }
        _ if !group.goals.is_empty() => {
            for goal in &group.goals {
                let goal = model.goal(*goal);
                let _ = write!(
                    out,
                    "\n# ERSÄTT texten: hur bidrar gruppen till målet \"{}\"?\n[[purpose]]\ngoal = {}\ntext = {}\n",
                    one_line(&goal.title),
                    quote(&goal.slug),
                    quote(placeholder)
                );
            }
        }
        _ => match model.goals.first() {
            Some(first) => {
                let all: Vec<String> =
                    model.goals.iter().map(|g| format!("\"{}\" ({})", g.slug, one_line(&g.title))).collect();
                let _ = write!(
                    out,
                    "\n# ERSÄTT: välj det övergripande mål gruppen tjänar, ett [[purpose]] per mål:\n# {}.\n\
                     [[purpose]]\ngoal = {}\ntext = {}\n",
                    all.join(", "),
                    quote(&first.slug),
                    quote(placeholder)
                );
            }
            None => out.push_str(
                "\n# [[purpose]] # lägg först till de övergripande målen i content/strategy/plan.toml\n\
                 # goal = \"mål-id\"\n# text = \"Genom … bidrar vi till att …\"\n",
            ),
        },
    }
    if out[start..].starts_with('\n') {
        out.remove(start);
    }
    let responsible = group.contact.map_or("person-id", |c| model.person(c).slug.as_str());
    let _ = write!(
        out,
        "\n# Målen, skrivna som SMARTa mål. Till exempel:\n\
         #\n\
         # [[goal]]\n\
         # id = \"m1\"\n\
         # text = \"Öka antalet …\"\n\
         # measure = \"antal …\"\n\
         # baseline = 0\n\
         # target = 10\n\
         # unit = \"st\"\n\
         # deadline = {year}-12-31\n\
         \n\
         # Aktivitetsplanen: vem gör vad, när och hur. Till exempel:\n\
         #\n\
         # [[activity]]\n\
         # id = \"a1\"\n\
         # what = \"Vad som ska göras\"\n\
         # how = \"Hur det ska göras\"\n\
         # when = {year}-06-30\n\
         # responsible = \"{responsible}\"\n\
         # goal = \"m1\"\n"
    );
    Ok(NewFile { path: format!("content/groups/{}/plan-{year}.toml", group.slug), text: out })
}

pub(super) fn report(model: &Model, written: &str, year: i32) -> Result<NewFile, Failure> {
    let group = group(model, written)?;
    let Some(plan) = plan_of(model, group, year) else {
        return Err(usage(
            format!("{} har ingen verksamhetsplan {year}", group.slug),
            format!(
                "berättelsen redovisar planens mål och aktiviteter; skapa planen först med \
                 kansli new plan --group {} --year {year}",
                group.slug
            ),
        ));
    };

    let mut out = String::new();
    let _ = writeln!(out, "# Verksamhetsberättelse {year} för {} (Mall 2).", group.name);
    let _ = writeln!(
        out,
        "# Skapad med `kansli new report` från content/groups/{}/plan-{year}.toml:\n\
         # varje mål och varje aktivitet i planen har en tabell här, så att inget glöms. Fyll\n\
         # i hur det gick och kör `kansli check`. Innehållsguiden (avsnitt 3.9) beskriver\n\
         # varje nyckel.\n\
         #\n\
         # Målen står som inte uppfyllda (fulfilment = \"inte\") och aktiviteterna som inte\n\
         # genomförda (done = false) tills ni ändrar dem: berättelsen påstår inget som ni\n\
         # inte själva har skrivit.\n",
        group.slug
    );
    let network = if group.kind == BodyKind::Natverk { "; nätverk ska ange det" } else { "" };
    let _ = writeln!(
        out,
        "# summary = \"\"\"\n\
         # Året i korthet.\"\"\"\n\
         # areas_work = \"\"\"\n\
         # Hur årets arbete kopplats till de prioriterade områdena.\"\"\"\n\
         # meetings_held = 0 # antal träffar under året{network}\n\
         # presented = \"kommunchefsgruppen/ÅÅÅÅ-MM-DD#nummer\" # ärendet där berättelsen redovisades"
    );

    out.push_str("\n# Måluppfyllelse: ett [[goal]] för varje mål i planen.\n");
    if plan.goals.is_empty() {
        out.push_str("# Planen har inga mål.\n");
    }
    for goal in &plan.goals {
        let unit = goal.unit.as_deref().map(|u| format!(" {}", one_line(u))).unwrap_or_default();
        let mut facts = Vec::new();
        if let Some(measure) = &goal.measure {
            facts.push(format!("mått: {}", one_line(measure)));
        }
        if let Some(baseline) = goal.baseline {
            facts.push(format!("utgångsläge {}", number(baseline)));
        }
        facts.push(format!("målvärde {}{unit}", number(goal.target)));
        facts.push(format!("senast {}", goal.deadline));
        let _ = write!(
            out,
            "\n# {}: {}\n# ({})\n[[goal]]\ngoal = {}\nfulfilment = \"inte\" # \"helt\", \"delvis\" eller \"inte\"\n\
             # outcome = {} # uppnått värde{}\n\
             # why = \"Varför målet nåddes helt, delvis eller inte.\"\n",
            goal.key,
            one_line(&goal.text),
            facts.join("; "),
            quote(&goal.key),
            number(goal.target),
            if unit.is_empty() { String::new() } else { format!(", i{unit}") },
        );
    }

    out.push_str("\n# Resultat av aktiviteterna: ett [[activity]] för varje aktivitet i planen.\n");
    if plan.activities.is_empty() {
        out.push_str("# Planen har inga aktiviteter.\n");
    }
    for activity in &plan.activities {
        let _ = write!(
            out,
            "\n# {}: {}\n# (ansvarig {}, senast {})\n[[activity]]\nactivity = {}\ndone = false # true om aktiviteten är genomförd\n\
             # comment = \"Kommentar\"\n",
            activity.key,
            one_line(&activity.what),
            model.person(activity.responsible).name,
            activity.when,
            quote(&activity.key),
        );
    }

    let _ = write!(
        out,
        "\n# Revideringar av mål eller aktiviteter under året, om några. Till exempel:\n\
         #\n\
         # [[revision]]\n\
         # date = {year}-09-15\n\
         # what = \"Vad som ändrades och på vilket sätt.\"\n\
         # why = \"Varför.\"\n"
    );
    Ok(NewFile { path: format!("content/groups/{}/report-{year}.toml", group.slug), text: out })
}
