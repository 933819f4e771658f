//! `kansli init`: a new site that checks and builds straight away.
//!
//! The site is small but complete: site settings, two municipalities, a handful of
//! people, Regionrådet, Kommunchefsgruppen and the secretariat, a strategic plan with
//! prioritised areas, one meeting held today and one working group with this year's plan.
//! Every name in it is a placeholder, and every file says so in its first lines. The
//! default theme is used from the binary; `--copy-theme` copies it for editing.

use std::path::Path;

use jiff::civil::Date;

use super::{Failure, usage, write_all};
use crate::load::schema::{SCHEMA_DIR, TAPLO_CONFIG, editor_files, taplo_config};

/// What `kansli init` does besides writing the site.
#[derive(Clone, Copy, Debug)]
pub struct InitOptions {
    /// Write into a folder that is not empty (files of the same name are replaced).
    pub force: bool,
    /// Copy the default theme into `themes/default/`, to be edited.
    pub copy_theme: bool,
    /// The day the example meeting is held and the plan's year.
    pub today: Date,
}

/// Creates a new site in `dir`. Returns the number of files written.
pub fn init(dir: &Path, options: &InitOptions) -> Result<usize, Failure> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(usage(format!("{} är en fil, inte en mapp", dir.display()), "ange en mapp som inte finns"));
        }
        let not_empty = std::fs::read_dir(dir).map_err(|e| crate::source::with_path(e, dir))?.next().is_some();
        if not_empty && !options.force {
            return Err(usage(
                format!("{} är inte tom", dir.display()),
                "ange en ny mapp, eller lägg till --force för att skriva i den ändå \
                 (filer med samma namn skrivs över)",
            ));
        }
    }
    let mut files = files(options.today);
    if options.copy_theme {
        let empty = crate::source::MemSource::new(options.today);
        let theme = crate::render::theme::files(&empty, "default")
            .map_err(|d| Failure::Io(std::io::Error::other(d.message)))?;
        files.extend(theme.into_iter().map(|(path, bytes)| (format!("themes/default/{path}"), bytes)));
    }
    let written = write_all(dir, &files)?;
    Ok(written.len())
}

/// Every file of a new site (relative path, bytes), for a site created on `today`.
pub fn files(today: Date) -> Vec<(String, Vec<u8>)> {
    let year = today.year();
    let mut files: Vec<(String, String)> = vec![
        (".gitignore".into(), "output/\n.kansli-cache/\n".into()),
        ("content/site.toml".into(), site(today)),
        ("content/organisation/municipalities.toml".into(), MUNICIPALITIES.into()),
        ("content/organisation/people.toml".into(), PEOPLE.into()),
        ("content/organisation/bodies/regionradet.toml".into(), REGIONRADET.into()),
        ("content/organisation/bodies/kommunchefsgruppen.toml".into(), KOMMUNCHEFSGRUPPEN.into()),
        ("content/organisation/bodies/kansli.toml".into(), KANSLI.into()),
        ("content/strategy/plan.toml".into(), strategy(today)),
        ("content/strategy/areas.toml".into(), areas(today)),
        (format!("content/meetings/kommunchefsgruppen/{today}.toml"), meeting(today)),
        ("content/groups/exempelgruppen/group.toml".into(), GROUP.into()),
        (format!("content/groups/exempelgruppen/plan-{year}.toml"), plan(today)),
        (TAPLO_CONFIG.into(), taplo_config()),
    ];
    files.extend(editor_files().into_iter().map(|(name, text)| (format!("{SCHEMA_DIR}/{name}"), text)));
    files.into_iter().map(|(path, text)| (path, text.into_bytes())).collect()
}

/// The first lines of every content file: what it is and that it is a placeholder.
const PLACEHOLDER: &str = "# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era\n\
                           # egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.\n";

fn site(today: Date) -> String {
    format!(
        "# Webbplatsens inställningar.\n{PLACEHOLDER}\n\
title = \"Samverkan – beslut och protokoll\"
cooperation = \"Samverkan\"
description = \"Beslut, minnesanteckningar och protokoll från samverkan mellan Norrby och Söderby.\"
# Den publika adressen, med snedstreck sist.
base_url = \"https://example.org/beslut/\"
language = \"sv\"
# kansli har ett inbyggt tema, \"default\". Filer i themes/default/ ersätter temats filer
# med samma namn (`kansli init --copy-theme` kopierar hela temat dit).
# theme = \"default\"
# Sidan där ni berättar hur personuppgifter behandlas (webbplatsen publicerar namn,
# roller och närvaro); sidfoten länkar den.
# privacy_url = \"https://example.org/personuppgifter/\"

# Medlemskommunerna. En kommun som går med eller lämnar får from = ÅÅÅÅ-MM-DD eller
# until = ÅÅÅÅ-MM-DD.
[[member]]
municipality = \"norrby\"

[[member]]
municipality = \"soderby\"

# Tillgänglighetsredogörelsen (DIGG): uppdatera den när webbplatsen har granskats.
[accessibility]
compliance = \"delvis förenlig\"
known_problems = [
  \"Webbplatsen har ännu inte granskats manuellt.\",
]
method = \"Självskattning.\"
assessed = {today}
published = {today}
contact_email = \"kansli@example.org\"
response_time = \"fem arbetsdagar\"
"
    )
}

const MUNICIPALITIES: &str = "# Kommunerna i samverkan, i brevhuvudets ordning.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.

[[municipality]]
id = \"norrby\"
name = \"Norrby\"
official_name = \"Norrby kommun\"

[[municipality]]
id = \"soderby\"
name = \"Söderby\"
official_name = \"Söderby kommun\"
";

const PEOPLE: &str = "# Alla personer som nämns i handlingarna. Rollerna står i organens filer.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.

[[person]]
id = \"anna-andersson\"
name = \"Anna Andersson\"
municipality = \"norrby\"
title = \"kommunchef\"

[[person]]
id = \"bo-berg\"
name = \"Bo Berg\"
municipality = \"soderby\"
title = \"kommunchef\"

[[person]]
id = \"cecilia-carlsson\"
name = \"Cecilia Carlsson\"
organisation = \"kansli\"
title = \"kanslichef\"
# Kontaktuppgifter publiceras bara med publish_contact = true.
email = \"kansli@example.org\"
publish_contact = true

[[person]]
id = \"david-dahl\"
name = \"David Dahl\"
municipality = \"norrby\"
title = \"kommunstyrelsens ordförande\"

[[person]]
id = \"eva-ek\"
name = \"Eva Ek\"
municipality = \"soderby\"
title = \"kommunstyrelsens ordförande\"

[[person]]
id = \"fredrik-falk\"
name = \"Fredrik Falk\"
municipality = \"norrby\"
title = \"utvecklingsledare\"

[[person]]
id = \"gun-gran\"
name = \"Gun Gran\"
municipality = \"soderby\"
title = \"utvecklingsledare\"
";

const REGIONRADET: &str = "# Regionrådet: den politiska ledningen.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.
name = \"Regionrådet\"
short_name = \"RR\"
kind = \"regionråd\"
description = \"Regionrådet står för samverkans politiska och strategiska ledning.\"

# Ledamöterna. Roll utelämnad = ledamot. from och until anger uppdragets period.
[[member]]
person = \"david-dahl\"
role = \"ordförande\"

[[member]]
person = \"eva-ek\"
role = \"vice ordförande\"

[[member]]
person = \"cecilia-carlsson\"
role = \"sekreterare\"
";

const KOMMUNCHEFSGRUPPEN: &str = "# Kommunchefsgruppen: den operativa ledningen.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.
name = \"Kommunchefsgruppen\"
short_name = \"KC\"
kind = \"kommunchefsgrupp\"
goals = [\"effektiv-forvaltning\"]
description = \"Kommunchefsgruppen leder samverkans arbete och godkänner arbetsgruppernas verksamhetsplaner.\"

# Ledamöterna. `kansli new meeting --body kommunchefsgruppen` fyller i dem som
# beslutande i ett nytt möte, och sekreteraren som sekreterare.
[[member]]
person = \"anna-andersson\"
role = \"ordförande\"

[[member]]
person = \"bo-berg\"

[[member]]
person = \"cecilia-carlsson\"
role = \"sekreterare\"
";

const KANSLI: &str = "# Kansliet, som personer utan kommun (organisation = \"kansli\") är anställda av.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.
name = \"Kansliet\"
kind = \"kansli\"
goals = [\"demokratisk-samverkan\"]
description = \"Kansliet samordnar arbetsgrupperna och sammanställer deras planer och berättelser.\"
";

fn strategy(today: Date) -> String {
    format!(
        "# Den strategiska planen: visionen och de övergripande målen med delmål.
{PLACEHOLDER}title = \"Strategisk plan för samverkan\"
decided_by = \"regionradet\"
decided = {today}
summary = \"\"\"
Kommunerna i samverkan utvecklar regionen tillsammans, där det ger invånarna mer än var och en kan åstadkomma ensam.\"\"\"

[vision]
text = \"En region där det är lätt att leva, verka och bo\"

[[goal]]
id = \"effektiv-forvaltning\"
number = 1
title = \"Effektivisera den kommunala förvaltningen\"

[[goal.subgoal]]
id = \"gemensamma-tjanster\"
text = \"Utveckla gemensamma tjänster där det gör dem bättre eller billigare\"

[[goal]]
id = \"demokratisk-samverkan\"
number = 2
title = \"Samverkan ska vara demokratiskt förankrad\"

[[goal.subgoal]]
id = \"transparens\"
text = \"Transparens i samverkan och beslut i regionen\"
"
    )
}

fn areas(today: Date) -> String {
    format!(
        "# De prioriterade områdena, som arbetsgruppernas verksamhetsplaner väljer bland.
{PLACEHOLDER}title = \"Prioriterade områden\"
decided_by = \"regionradet\"
decided = {today}

[[area]]
id = \"digital-utveckling\"
title = \"Digital utveckling\"

[[area]]
id = \"god-halsa\"
title = \"God hälsa på lika villkor\"
"
    )
}

fn meeting(today: Date) -> String {
    let next_year = today.year() + 1;
    format!(
        "# Ett exempel på ett möte. Skriv nästa möte med
#   kansli new meeting --body kommunchefsgruppen --date ÅÅÅÅ-MM-DD
# som fyller i ledamöterna och de stående ärendena.
{PLACEHOLDER}kind = \"minnesanteckningar\"
date = {today}
start = 09:00:00
end = 11:00:00
place = \"Kommunhuset i Norrby\"
chair = \"anna-andersson\"
secretary = \"cecilia-carlsson\"

[[attendee]]
person = \"anna-andersson\"
role = \"ordförande\"

[[attendee]]
person = \"bo-berg\"

[[participant]]
person = \"cecilia-carlsson\"
role = \"sekreterare\"

[[participant]]
person = \"fredrik-falk\"
role = \"föredragande\"
items = [2]

# ----------------------------------------------------------------------------
[[item]]
number = 1
title = \"Mötets öppnande\"
description = \"Anna Andersson öppnar mötet.\"

# ----------------------------------------------------------------------------
[[item]]
number = 2
title = \"Verksamhetsplan {year} för Exempelgruppen\"
presenter = \"fredrik-falk\"
decision = \"Kommunchefsgruppen godkänner Exempelgruppens verksamhetsplan för {year}.\"
goals = [\"effektiv-forvaltning\"]
areas = [\"digital-utveckling\"]

[[item.assignment]]
assignee = \"exempelgruppen\"
task = \"Redovisa verksamhetsberättelsen för {year}.\"
deadline = {next_year}-02-28
report_to = \"kommunchefsgruppen\"

# ----------------------------------------------------------------------------
[[item]]
number = 3
title = \"Övriga frågor\"
description = \"Inga övriga frågor.\"

# ----------------------------------------------------------------------------
[[item]]
number = 4
title = \"Mötets avslutande\"
description = \"Anna Andersson avslutar mötet.\"
",
        year = today.year()
    )
}

const GROUP: &str = "# En arbetsgrupp. Mappens namn (exempelgruppen) är gruppens id.
# PLATSHÅLLARE från `kansli init`: alla namn här är påhittade. Byt ut dem mot era
# egna uppgifter; innehållsguiden (docs/content-guide.md) beskriver varje nyckel.
name = \"Exempelgruppen\"
kind = \"arbetsgrupp\"
goals = [\"effektiv-forvaltning\"]
area = \"Digitalisering\"
purpose = \"Genom gemensamma digitala tjänster bidrar gruppen till en effektivare förvaltning i kommunerna.\"
contact = \"fredrik-falk\"

[[member]]
person = \"fredrik-falk\"
role = \"sammankallande\"

[[member]]
person = \"gun-gran\"
";

fn plan(today: Date) -> String {
    let year = today.year();
    format!(
        "# Exempelgruppens verksamhetsplan {year} (Mall 1). Nästa års plan skapas med
#   kansli new plan --group exempelgruppen --year {next}
# och årets verksamhetsberättelse med
#   kansli new report --group exempelgruppen --year {year}
{PLACEHOLDER}approved = \"kommunchefsgruppen/{today}#2\"
areas = [\"digital-utveckling\"]
summary = \"Under året vill gruppen göra fler av kommunernas tjänster möjliga att använda digitalt.\"

[[purpose]]
goal = \"effektiv-forvaltning\"
text = \"Genom gemensamma e-tjänster bidrar vi till att kommunerna slipper bygga samma tjänst var för sig.\"

[[goal]]
id = \"m1\"
text = \"Öka antalet gemensamma e-tjänster.\"
measure = \"antal e-tjänster i drift\"
baseline = 0
target = 3
unit = \"e-tjänster\"
deadline = {year}-12-31

[[activity]]
id = \"a1\"
what = \"Inventera vilka e-tjänster kommunerna har i dag\"
how = \"En enkät till varje kommun.\"
when = {year}-12-31
responsible = \"fredrik-falk\"
goal = \"m1\"
",
        next = year + 1
    )
}
