//! A deterministic generator of synthetic sites of any size, for benchmarks.
//!
//! `generate(&Spec)` returns the files of a valid site: N meetings spread over the central
//! bodies and a number of working groups (each body meeting every two weeks), ~10 items a
//! meeting with Markdown descriptions, decisions, attachments (some real files), assignments
//! (some reported done later), money and references; plans and reports for every group.
//! The same spec always gives the same bytes. Pure: the CLI writes the files.

use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::Date;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub meetings: usize,
    /// Working groups; `None` for one per 500 meetings (at least 5).
    pub groups: Option<usize>,
    pub seed: u64,
}

impl Spec {
    pub fn new(meetings: usize) -> Self {
        Spec { meetings, groups: None, seed: 2013 }
    }
}

/// splitmix64: small, fast and good enough for varied but reproducible text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const MUNICIPALITIES: [(&str, &str, &str); 7] = [
    ("granberga", "Granberga", "Granberga kommun"),
    ("tallvik", "Tallvik", "Tallviks kommun"),
    ("bjorkfors", "Björkfors", "Björkfors kommun"),
    ("alvnas", "Älvnäs", "Älvnäs kommun"),
    ("sjoby", "Sjöby", "Sjöby kommun"),
    ("lidhem", "Lidhem", "Lidhems kommun"),
    ("norrmark", "Norrmark", "Norrmarks kommun"),
];
const FIRST: [&str; 16] = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Anders", "Lena", "Mikael", "Ingrid",
    "Olof", "Elin", "Nils",
];
const LAST: [&str; 16] = [
    "Lindqvist",
    "Berg",
    "Nyström",
    "Holm",
    "Sjödin",
    "Ek",
    "Forsberg",
    "Lund",
    "Åström",
    "Wikström",
    "Hägglund",
    "Marklund",
    "Öberg",
    "Strand",
    "Dahl",
    "Nordin",
];
const AREAS: [&str; 12] = [
    "Näringsliv",
    "Kultur",
    "Turism",
    "Folkhälsa",
    "Bibliotek",
    "Webb",
    "Personal",
    "Inköp",
    "IT",
    "Kommunikation",
    "Översiktsplanering",
    "Socialtjänst",
];
const TOPICS: [&str; 12] = [
    "Gemensam upphandling av e-arkiv",
    "Samverkan kring kollektivtrafik",
    "Kompetensförsörjning i vården",
    "Regional besöksnäringsstrategi",
    "Digital kundtjänst",
    "Budgetuppföljning",
    "Folkhälsoenkät bland unga",
    "Gemensam lönehantering",
    "Bredbandsutbyggnad på landsbygden",
    "Klimatanpassning av vägnätet",
    "Integration och etablering",
    "Studieresa och erfarenhetsutbyte",
];
const SENTENCES: [&str; 10] = [
    "Arbetsgruppen har under våren kartlagt hur kommunerna arbetar i dag och vilka behov som finns.",
    "Förslaget bygger på de erfarenheter som gjorts i det tidigare pilotprojektet.",
    "Kostnaderna fördelas mellan kommunerna efter invånarantal enligt gällande fördelningsnyckel.",
    "Flera kommuner har framfört att frågan behöver förankras i respektive kommunstyrelse innan beslut.",
    "Kansliet har stämt av underlaget med berörda förvaltningar och med regionens representanter.",
    "Uppföljningen visar att de flesta av målen för året nås, men att resurserna är ansträngda.",
    "Ett gemensamt arbetssätt bedöms ge både ekonomiska vinster och en bättre service till invånarna.",
    "Ärendet har tidigare behandlats i kommunchefsgruppen och återkommer nu med ett reviderat förslag.",
    "Tidplanen innebär att arbetet kan starta efter sommaren och redovisas vid årets sista möte.",
    "Synpunkter från remissrundan har arbetats in i förslaget.",
];
const DECISIONS: [&str; 5] = [
    "Det noteras att mötet mottagit informationen.",
    "Förslaget godkänns.",
    "Ärendet bordläggs till nästa möte.",
    "Förslaget godkänns med de ändringar som framkom vid mötet.",
    "Kommunerna tar med sig frågan för beslut i respektive kommun.",
];

struct Body {
    id: String,
    name: String,
    kind: &'static str,
    members: Vec<usize>,
}

struct Person {
    id: String,
    name: String,
    municipality: usize,
}

/// The files of a generated site, as (path under the site root, bytes), sorted by path.
pub fn generate(spec: &Spec) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng(spec.seed);
    let group_count = spec.groups.unwrap_or((spec.meetings / 500).max(5));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();

    // People: seven per body, plus a secretary.
    let mut people = vec![Person { id: "sekreterare".into(), name: "Stina Sekreterare".into(), municipality: 0 }];
    let mut bodies = vec![
        Body { id: "regionradet".into(), name: "Regionrådet".into(), kind: "regionråd", members: Vec::new() },
        Body {
            id: "kommunchefsgruppen".into(),
            name: "Kommunchefsgruppen".into(),
            kind: "kommunchefsgrupp",
            members: Vec::new(),
        },
    ];
    for g in 0..group_count {
        let area = AREAS[g % AREAS.len()];
        bodies.push(Body {
            id: format!("grupp-{g}"),
            name: format!("Arbetsgrupp {area} {g}"),
            kind: "arbetsgrupp",
            members: Vec::new(),
        });
    }
    for body in &mut bodies {
        for m in 0..7 {
            let n = people.len();
            let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len() + m) % LAST.len()]);
            people.push(Person { id: format!("person-{n}"), name, municipality: m });
            body.members.push(n);
        }
    }

    files.push(("content/site.toml".into(), site_toml().into_bytes()));
    files.push(("content/organisation/municipalities.toml".into(), municipalities_toml().into_bytes()));
    files.push(("content/organisation/people.toml".into(), people_toml(&people).into_bytes()));
    files.push(("content/strategy/plan.toml".into(), STRATEGY.as_bytes().to_vec()));
    files.push(("content/strategy/areas.toml".into(), AREAS_TOML.as_bytes().to_vec()));
    files
        .push(("content/organisation/bodies/kansli.toml".into(), b"name = \"Kansliet\"\nkind = \"kansli\"\n".to_vec()));
    for (i, body) in bodies.iter().enumerate() {
        let path = if i < 2 {
            format!("content/organisation/bodies/{}.toml", body.id)
        } else {
            format!("content/groups/{}/group.toml", body.id)
        };
        files.push((path, body_toml(body, &people, i).into_bytes()));
    }

    // Meetings: round-robin over the bodies, each meeting every 14 days.
    let start = Date::constant(2000, 1, 5);
    let mut counts = vec![0usize; bodies.len()];
    let mut open_assignments: Vec<Vec<String>> = vec![Vec::new(); bodies.len()];
    for n in 0..spec.meetings {
        let b = n % bodies.len();
        let k = counts[b];
        counts[b] += 1;
        let date = start.checked_add((k as i64 * 14 + b as i64 % 7).days()).unwrap_or(start);
        let previous = (k > 0).then(|| start.checked_add(((k as i64 - 1) * 14 + b as i64 % 7).days()).unwrap_or(start));
        let (text, attachments) =
            meeting_toml(&mut rng, &bodies[b], &people, date, previous, &mut open_assignments[b], n);
        files.push((format!("content/meetings/{}/{date}.toml", bodies[b].id), text.into_bytes()));
        files.extend(attachments);
    }

    // Plans and reports for two years per group.
    for body in &bodies[2..] {
        for year in [2001, 2002] {
            files.push((
                format!("content/groups/{}/plan-{year}.toml", body.id),
                plan_toml(&mut rng, body, &people, year).into_bytes(),
            ));
            files.push((format!("content/groups/{}/report-{year}.toml", body.id), report_toml(&mut rng).into_bytes()));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

fn site_toml() -> String {
    let mut s = String::from(
        "title = \"Genererad region – beslut\"\ncooperation = \"Genererade regionen\"\nbase_url = \"https://generated.example/\"\nexample = true\n",
    );
    for (id, _, _) in MUNICIPALITIES {
        let _ = write!(s, "\n[[member]]\nmunicipality = \"{id}\"\n");
    }
    s.push_str(
        "\n[accessibility]\ncompliance = \"delvis förenlig\"\nmethod = \"Genererad\"\nassessed = 2026-01-01\npublished = 2026-01-01\ncontact_email = \"kansli@generated.example\"\n",
    );
    s
}

fn municipalities_toml() -> String {
    let mut s = String::new();
    for (id, name, official) in MUNICIPALITIES {
        let _ = write!(s, "[[municipality]]\nid = \"{id}\"\nname = \"{name}\"\nofficial_name = \"{official}\"\n\n");
    }
    s
}

fn people_toml(people: &[Person]) -> String {
    let mut s = String::new();
    for (i, p) in people.iter().enumerate() {
        let place = if i == 0 {
            "organisation = \"kansli\"".to_string()
        } else {
            format!("municipality = \"{}\"", MUNICIPALITIES[p.municipality].0)
        };
        let _ = write!(s, "[[person]]\nid = \"{}\"\nname = \"{}\"\n{place}\n\n", p.id, p.name);
    }
    s
}

fn body_toml(body: &Body, people: &[Person], index: usize) -> String {
    let mut s = format!("name = \"{}\"\nkind = \"{}\"\ngoals = [\"utveckla\", \"demokrati\"]\n", body.name, body.kind);
    if index >= 2 {
        let _ = write!(
            s,
            "area = \"{}\"\ncontact = \"{}\"\n",
            AREAS[(index - 2) % AREAS.len()],
            people[body.members[0]].id
        );
    }
    for (i, m) in body.members.iter().enumerate() {
        let role = if i == 0 { "ordförande" } else { "ledamot" };
        let _ = write!(s, "\n[[member]]\nperson = \"{}\"\nrole = \"{role}\"\n", people[*m].id);
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn meeting_toml(
    rng: &mut Rng,
    body: &Body,
    people: &[Person],
    date: Date,
    previous: Option<Date>,
    open: &mut Vec<String>,
    serial: usize,
) -> (String, Vec<(String, Vec<u8>)>) {
    let chair = &people[body.members[0]].id;
    let kind = if body.kind == "regionråd" { "protokoll" } else { "minnesanteckningar" };
    let mut s = format!(
        "kind = \"{kind}\"\ndate = {date}\nstart = 09:00:00\nend = 12:00:00\nplace = \"Stadshuset, sal {}\"\nchair = \"{chair}\"\nsecretary = \"sekreterare\"\n",
        serial % 5 + 1
    );
    if kind == "protokoll" {
        let _ = writeln!(s, "adjusters = [\"{}\"]", people[body.members[1]].id);
    }
    for (i, m) in body.members.iter().enumerate() {
        let _ = write!(s, "\n[[attendee]]\nperson = \"{}\"\n", people[*m].id);
        if i == 6 && rng.chance(20) {
            s.push_str("items = [3, 4]\n");
        }
    }
    s.push_str("\n[[participant]]\nperson = \"sekreterare\"\nrole = \"sekreterare\"\n");

    let mut attachments = Vec::new();
    let items = 8 + rng.below(5);
    let _ =
        write!(s, "\n[[item]]\nnumber = 1\ntitle = \"Mötets öppnande\"\ndescription = \"Ordföranden öppnar mötet.\"\n");
    let _ = write!(
        s,
        "\n[[item]]\nnumber = 2\ntitle = \"Föregående minnesanteckningar\"\nformal = true\npresenter = \"sekreterare\"\ndecision = \"Minnesanteckningarna läggs till handlingarna.\"\n"
    );
    if let Some(previous) = previous {
        let _ = write!(
            s,
            "\n[[item.attachment]]\ntitle = \"Minnesanteckningar {previous}\"\nmeeting = \"{}/{previous}\"\n",
            body.id
        );
    }
    for number in 3..items {
        let topic = rng.pick(&TOPICS);
        let presenter = &people[body.members[rng.below(body.members.len())]].id;
        let _ = write!(
            s,
            "\n[[item]]\nnumber = {number}\ntitle = \"{topic}\"\npresenter = \"{presenter}\"\ndecision = \"{}\"\n",
            rng.pick(&DECISIONS)
        );
        s.push_str("description = \"\"\"\n");
        for _ in 0..(1 + rng.below(3)) {
            let _ = writeln!(s, "{} {}\n", rng.pick(&SENTENCES), rng.pick(&SENTENCES));
        }
        if rng.chance(30) {
            let _ = writeln!(s, "- {}\n- {}\n- {}", rng.pick(&SENTENCES), rng.pick(&SENTENCES), rng.pick(&SENTENCES));
        }
        s.push_str("\"\"\"\n");
        if rng.chance(40) {
            let name = format!("content/bilagor/{}/{date}-{number}.csv", body.id);
            let _ = write!(
                s,
                "\n[[item.attachment]]\ntitle = \"Underlag {topic}\"\nfile = \"{}\"\n",
                &name["content/".len()..]
            );
            attachments.push((
                name,
                format!("kommun;belopp\ngranberga;{}\ntallvik;{}\n", rng.below(900_000), rng.below(900_000))
                    .into_bytes(),
            ));
        } else if rng.chance(50) {
            let _ = write!(s, "\n[[item.attachment]]\ntitle = \"Presentation {topic}\"\n");
        }
        if rng.chance(15) {
            let deadline = date.checked_add((30 + rng.below(120) as i64).days()).unwrap_or(date);
            let _ = write!(
                s,
                "\n[[item.assignment]]\nassignee = \"kansli\"\ntask = \"Kansliet får i uppdrag att utreda {}.\"\ndeadline = {deadline}\n",
                topic.to_lowercase()
            );
            open.push(format!("{}/{date}#{number}", body.id));
        } else if !open.is_empty() && rng.chance(15) {
            let target = open.remove(0);
            let _ = write!(
                s,
                "\n[[item.reference]]\nto = \"{target}\"\nnote = \"Uppdraget redovisas.\"\ncompletes = true\n"
            );
        }
        if rng.chance(10) {
            let amount = (1 + rng.below(50)) * 10_000;
            let _ = write!(
                s,
                "\n[[item.money]]\namount = {amount}\npurpose = \"{topic}\"\nsource = \"Utvecklingsmedel\"\n"
            );
        }
    }
    let _ = write!(
        s,
        "\n[[item]]\nnumber = {items}\ntitle = \"Mötets avslutande\"\ndescription = \"Ordföranden avslutar mötet.\"\n"
    );
    (s, attachments)
}

fn plan_toml(rng: &mut Rng, body: &Body, people: &[Person], year: i32) -> String {
    let mut s = format!(
        "areas = [\"halsa\"]\n\n[[purpose]]\ngoal = \"utveckla\"\ntext = \"Genom samverkan inom {} bidrar vi till att utveckla regionen.\"\n",
        body.name
    );
    for g in 1..=3 {
        let _ = write!(
            s,
            "\n[[goal]]\nid = \"m{g}\"\ntext = \"Öka andelen nöjda invånare inom området.\"\nbaseline = {}\ntarget = {}\nunit = \"procent\"\ndeadline = {year}-10-31\n",
            40 + rng.below(20),
            70 + rng.below(20)
        );
    }
    for a in 1..=4 {
        let _ = write!(
            s,
            "\n[[activity]]\nid = \"a{a}\"\nwhat = \"Genomföra workshop {a}\"\nhow = \"Tillsammans med kommunerna.\"\nwhen = {year}-0{}-15\nresponsible = \"{}\"\ngoal = \"m{}\"\n",
            a + 2,
            people[body.members[a % body.members.len()]].id,
            1 + a % 3
        );
    }
    s
}

fn report_toml(rng: &mut Rng) -> String {
    let mut s = String::new();
    for g in 1..=3 {
        let fulfilment = ["helt", "delvis", "inte"][rng.below(3)];
        let _ = write!(
            s,
            "[[goal]]\ngoal = \"m{g}\"\nfulfilment = \"{fulfilment}\"\noutcome = {}\nwhy = \"Arbetet gick enligt plan.\"\n\n",
            50 + rng.below(40)
        );
    }
    for a in 1..=4 {
        let _ = write!(s, "[[activity]]\nactivity = \"a{a}\"\ndone = {}\n\n", rng.chance(80));
    }
    s
}

const STRATEGY: &str = r#"title = "Strategisk plan"
decided_by = "regionradet"
decided = 2000-01-01

[[goal]]
id = "utveckla"
number = 1
title = "Utveckla regionen"

[[goal]]
id = "effektivisera"
number = 2
title = "Effektivisera den kommunala förvaltningen"

[[goal]]
id = "demokrati"
number = 3
title = "Samverkan ska vara demokratiskt förankrad"

[[goal.subgoal]]
id = "transparens"
text = "Transparens i samverkan och beslut i regionen"
"#;

const AREAS_TOML: &str = r#"title = "Prioriterade områden"
decided_by = "regionradet"
decided = 2000-01-01

[[area]]
id = "halsa"
title = "God hälsa på lika villkor"

[[area.commitment]]
aalborg = "7.3"
text = "Vi ska minska ojämlikheten i hälsa."
municipalities = ["granberga", "tallvik"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic() {
        assert_eq!(generate(&Spec::new(30)), generate(&Spec::new(30)));
    }
}
