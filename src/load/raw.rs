//! The source format: one struct per kind of TOML file, as written, with spans.
//!
//! These types are the single definition of what a source file may contain. serde reads
//! files into them; schemars turns them into the JSON Schemas that editors use and that
//! the loader's unknown-key check walks. So the doc comments on fields are in Swedish:
//! they are what a secretary sees in an editor tooltip. Nothing here is validated beyond
//! its TOML type; references stay strings until the model resolves them.
//!
//! Arrays of tables are singular (`[[item]]`, `[[item.attachment]]`), like Cargo's
//! `[[bin]]`; arrays of plain values are plural (`goals = [...]`).

use schemars::JsonSchema;
use serde::Deserialize;

use super::scalar::{Number, RawDate, RawTime};
use super::spanned::Spanned;

type S<T> = Spanned<T>;

// ---------------------------------------------------------------------------------------
// content/site.toml

/// Webbplatsens inställningar (content/site.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "site.toml")]
pub struct RawSite {
    /// Webbplatsens titel, visas i sidhuvudet och i flikens namn.
    pub title: S<String>,
    /// Samverkans namn, t.ex. "Umeåregionen". Står i brevhuvudet på protokollen.
    pub cooperation: S<String>,
    /// En mening om webbplatsen, för startsidan, flöden och sökmotorer.
    pub description: Option<S<String>>,
    /// Den publika adressen, t.ex. "https://umearegionen.se/beslut/". Används i flöden,
    /// kalendrar, sitemap och öppna data; sidorna själva länkar relativt.
    pub base_url: S<String>,
    /// Språkkod för innehållet. Endast "sv" stöds.
    pub language: Option<S<String>>,
    /// Temats namn under themes/ (standard: "default").
    pub theme: Option<S<String>>,
    /// Sätt till true för exempeldata: varje sida och PDF märks "Exempeldata".
    pub example: Option<S<bool>>,
    /// Texten som ersätter ett sekretessbelagt ärende i publika versioner.
    pub confidential_notice: Option<S<String>>,
    /// Medlemskommunerna med medlemsperioder. Brevhuvudet i ett protokoll visar de
    /// kommuner som var medlemmar på mötesdagen.
    #[serde(default)]
    pub member: Vec<RawSiteMember>,
    /// Uppgifter till tillgänglighetsredogörelsen (enligt DIGG:s krav).
    pub accessibility: RawAccessibility,
    /// Villkoren för att använda de öppna data, t.ex. CC0. Visas på sidan Öppna data och
    /// i OParl-gränssnittet. Utelämnas tills webbplatsens ägare har bestämt dem.
    pub license: Option<RawLicense>,
    /// Adressen till sidan där webbplatsens ägare informerar om behandlingen av
    /// personuppgifter (GDPR, artikel 13–14). Länkas i sidfoten på varje sida.
    pub privacy_url: Option<S<String>>,
}

/// En licens för de öppna data.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawLicense {
    /// Licensens namn, t.ex. "CC0 1.0 Universell".
    pub name: S<String>,
    /// Licensens adress, t.ex. "https://creativecommons.org/publicdomain/zero/1.0/deed.sv".
    pub url: S<String>,
}

/// En medlemskommun och dess medlemsperiod.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawSiteMember {
    /// Kommunens id (från organisation/municipalities.toml).
    pub municipality: S<String>,
    /// Medlem från och med detta datum (utelämnas om okänt).
    pub from: Option<S<RawDate>>,
    /// Medlem till och med detta datum (utelämnas för nuvarande medlemmar).
    pub until: Option<S<RawDate>>,
}

/// Tillgänglighetsredogörelsen: de uppgifter lagen om tillgänglighet till digital
/// offentlig service och DIGG kräver.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAccessibility {
    /// Förenlighet med kraven, med DIGG:s formulering.
    pub compliance: S<Compliance>,
    /// Kända brister, en per rad.
    #[serde(default)]
    pub known_problems: Vec<S<String>>,
    /// Hur webbplatsen granskats (t.ex. "automatisk granskning med axe och Nu Html Checker").
    pub method: S<String>,
    /// Datum då webbplatsen senast granskades.
    pub assessed: S<RawDate>,
    /// Datum då redogörelsen upprättades.
    pub published: S<RawDate>,
    /// E-postadress för återkoppling och för att begära innehåll i tillgängligt format.
    pub contact_email: S<String>,
    /// Telefonnummer för återkoppling.
    pub contact_phone: Option<S<String>>,
    /// Förväntad svarstid, t.ex. "fem arbetsdagar".
    pub response_time: Option<S<String>>,
}

/// Hur väl webbplatsen uppfyller kraven i lagen om tillgänglighet till digital offentlig service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum Compliance {
    #[serde(rename = "helt förenlig")]
    Helt,
    #[serde(rename = "delvis förenlig")]
    Delvis,
    #[serde(rename = "inte förenlig")]
    Inte,
}

impl Compliance {
    /// The wording DIGG uses.
    pub fn text(self) -> &'static str {
        match self {
            Compliance::Helt => "helt förenlig",
            Compliance::Delvis => "delvis förenlig",
            Compliance::Inte => "inte förenlig",
        }
    }
}

// ---------------------------------------------------------------------------------------
// content/organisation/

/// Kommunerna (content/organisation/municipalities.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "municipalities.toml")]
pub struct RawMunicipalities {
    /// Kommunerna: en tabell [[municipality]] per kommun, i brevhuvudets ordning.
    #[serde(default)]
    pub municipality: Vec<RawMunicipality>,
}

/// En kommun.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawMunicipality {
    /// Kort id med små bokstäver a–z, siffror och bindestreck, t.ex. "ornskoldsvik".
    pub id: S<String>,
    /// Namnet, t.ex. "Örnsköldsvik".
    pub name: S<String>,
    /// Det officiella namnet, t.ex. "Örnsköldsviks kommun".
    pub official_name: S<String>,
}

/// Personerna (content/organisation/people.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "people.toml")]
pub struct RawPeople {
    /// Personerna: en tabell [[person]] per person som nämns i handlingarna.
    #[serde(default)]
    pub person: Vec<RawPerson>,
}

/// En person. Kontaktuppgifter publiceras bara med `publish_contact = true`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawPerson {
    /// Kort id, t.ex. "erik-sedig".
    pub id: S<String>,
    /// Fullständigt namn.
    pub name: S<String>,
    /// Kommunen personen arbetar i (id).
    pub municipality: Option<S<String>>,
    /// Organet personen är anställd av, om inte en kommun, t.ex. "kansli".
    pub organisation: Option<S<String>>,
    /// Titel, t.ex. "kommunchef".
    pub title: Option<S<String>>,
    /// E-postadress (publiceras bara om publish_contact = true).
    pub email: Option<S<String>>,
    /// Telefonnummer (publiceras bara om publish_contact = true).
    pub phone: Option<S<String>>,
    /// Får kontaktuppgifterna publiceras? Standard: nej.
    pub publish_contact: Option<S<bool>>,
}

/// Ett organ: regionråd, kommunchefsgrupp, kansli (content/organisation/bodies/<id>.toml)
/// eller arbetsgrupp, nätverk, projekt (content/groups/<id>/group.toml). Id:t är filens
/// eller mappens namn.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Organ")]
pub struct RawBody {
    /// Namnet, t.ex. "Kommunchefsgruppen".
    pub name: S<String>,
    /// Förkortning som används i bilagetitlar, t.ex. "KC" eller "RR".
    pub short_name: Option<S<String>>,
    /// Slag av organ.
    pub kind: S<BodyKind>,
    /// De strategiska mål (id) som organet står under i organisationsschemat.
    #[serde(default)]
    pub goals: Vec<S<String>>,
    /// Beskrivning av organets roll (Markdown).
    pub description: Option<S<String>>,
    /// Verksamhetsområde (arbetsgrupper): inom vilket område verkar gruppen?
    pub area: Option<S<String>>,
    /// Avsikt/syfte (arbetsgrupper): varför gruppen finns.
    pub purpose: Option<S<String>>,
    /// Kontaktperson (id).
    pub contact: Option<S<String>>,
    /// Startdatum (projekt), även "ÅÅÅÅ-MM" eller "ÅÅÅÅ" inom citattecken.
    pub start: Option<S<RawDate>>,
    /// Slutdatum (projekt), även "ÅÅÅÅ-MM" eller "ÅÅÅÅ" inom citattecken.
    pub end: Option<S<RawDate>>,
    /// Finansiering (projekt).
    pub financing: Option<S<String>>,
    /// Ledamöter och andra med en roll i organet.
    #[serde(default)]
    pub member: Vec<RawMembership>,
}

/// Slag av organ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
pub enum BodyKind {
    #[serde(rename = "regionråd")]
    Regionrad,
    #[serde(rename = "kommunchefsgrupp")]
    Kommunchefsgrupp,
    #[serde(rename = "kansli")]
    Kansli,
    #[serde(rename = "arbetsgrupp")]
    Arbetsgrupp,
    #[serde(rename = "nätverk")]
    Natverk,
    #[serde(rename = "projekt")]
    Projekt,
}

impl BodyKind {
    /// The kind's Swedish name, as the sources write it (and as pages and the OParl
    /// export show it).
    pub fn name(self) -> &'static str {
        match self {
            BodyKind::Regionrad => "regionråd",
            BodyKind::Kommunchefsgrupp => "kommunchefsgrupp",
            BodyKind::Kansli => "kansli",
            BodyKind::Arbetsgrupp => "arbetsgrupp",
            BodyKind::Natverk => "nätverk",
            BodyKind::Projekt => "projekt",
        }
    }
}

/// Ett uppdrag i ett organ under en period.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawMembership {
    /// Personens id.
    pub person: S<String>,
    /// Roll (standard: ledamot).
    pub role: Option<S<Role>>,
    /// Från och med (utelämnas om okänt). Även "ÅÅÅÅ-MM" eller "ÅÅÅÅ" inom citattecken.
    pub from: Option<S<RawDate>>,
    /// Till och med (utelämnas för pågående uppdrag).
    pub until: Option<S<RawDate>>,
    /// I stället för from, när starten är okänd: den första dag källorna visar uppdraget.
    pub documented: Option<S<RawDate>>,
}

/// Roll i ett organ eller vid ett möte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
pub enum Role {
    #[serde(rename = "ordförande")]
    Ordforande,
    #[serde(rename = "vice ordförande")]
    ViceOrdforande,
    #[serde(rename = "ledamot")]
    Ledamot,
    #[serde(rename = "ersättare")]
    Ersattare,
    #[serde(rename = "sekreterare")]
    Sekreterare,
    #[serde(rename = "adjungerad")]
    Adjungerad,
    #[serde(rename = "sammankallande")]
    Sammankallande,
    #[serde(rename = "föredragande")]
    Foredragande,
    #[serde(rename = "inbjuden")]
    Inbjuden,
}

impl Role {
    /// The role's Swedish name, as the sources write it (and as pages and the OParl
    /// export show it).
    pub fn name(self) -> &'static str {
        match self {
            Role::Ordforande => "ordförande",
            Role::ViceOrdforande => "vice ordförande",
            Role::Ledamot => "ledamot",
            Role::Ersattare => "ersättare",
            Role::Sekreterare => "sekreterare",
            Role::Adjungerad => "adjungerad",
            Role::Sammankallande => "sammankallande",
            Role::Foredragande => "föredragande",
            Role::Inbjuden => "inbjuden",
        }
    }
}

// ---------------------------------------------------------------------------------------
// content/strategy/

/// Den strategiska planen (content/strategy/plan.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "strategy/plan.toml")]
pub struct RawStrategy {
    /// Planens namn.
    pub title: S<String>,
    /// Organet som beslutade planen (id), t.ex. "regionradet".
    pub decided_by: S<String>,
    /// Beslutsdatum.
    pub decided: S<RawDate>,
    /// Inledande text (Markdown).
    pub summary: Option<S<String>>,
    /// Styrmodellen och direktiven till arbetsgrupperna (Markdown).
    pub governance: Option<S<String>>,
    /// Visionen.
    pub vision: Option<RawVision>,
    /// De övergripande målen, i ordning.
    #[serde(default)]
    pub goal: Vec<RawGoal>,
}

/// Visionen.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawVision {
    /// Visionens text.
    pub text: S<String>,
    /// Organet som beslutade visionen (id).
    pub decided_by: Option<S<String>>,
    /// Beslutsdatum.
    pub decided: Option<S<RawDate>>,
}

/// Ett övergripande mål.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawGoal {
    /// Kort id, t.ex. "utveckla-regionen".
    pub id: S<String>,
    /// Målets nummer i planen (1, 2, 3).
    pub number: S<i64>,
    /// Målet som det står i planen, t.ex. "Utveckla regionen".
    pub title: S<String>,
    /// Rubriken målet har i planen och organisationsschemat, om den skiljer sig.
    pub heading: Option<S<String>>,
    /// Delmålen.
    #[serde(default)]
    pub subgoal: Vec<RawSubgoal>,
}

/// Ett delmål.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawSubgoal {
    /// Kort id, unikt i hela planen, t.ex. "transparens".
    pub id: S<String>,
    /// Delmålet som det står i planen.
    pub text: S<String>,
}

/// De prioriterade områdena (content/strategy/areas.toml, Bilaga 1).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "strategy/areas.toml")]
pub struct RawAreas {
    /// Rubrik, t.ex. "Prioriterade områden inom Umeåregionen".
    pub title: S<String>,
    /// Organet som beslutade om områdena (id).
    pub decided_by: S<String>,
    /// Beslutsdatum.
    pub decided: S<RawDate>,
    /// Bakgrund (Markdown).
    pub background: Option<S<String>>,
    /// Det årliga uppdraget till arbetsgrupperna (Markdown).
    pub annual_assignment: Option<S<String>>,
    /// Områdena.
    #[serde(default)]
    pub area: Vec<RawArea>,
}

/// Ett prioriterat område.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawArea {
    /// Kort id, t.ex. "god-halsa".
    pub id: S<String>,
    /// Områdets namn, t.ex. "God hälsa på lika villkor".
    pub title: S<String>,
    /// Åtaganden (Aalborgåtaganden) inom området.
    #[serde(default)]
    pub commitment: Vec<RawCommitment>,
}

/// Ett åtagande och kommunerna som valt det.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawCommitment {
    /// Aalborgåtagandets nummer, t.ex. "7.3".
    pub aalborg: S<String>,
    /// Åtagandets text.
    pub text: S<String>,
    /// Kommunerna (id) som valt åtagandet.
    #[serde(default)]
    pub municipalities: Vec<S<String>>,
}

// ---------------------------------------------------------------------------------------
// content/meetings/<body>/<YYYY-MM-DD>.toml

/// Ett sammanträde (content/meetings/<organ>/<ÅÅÅÅ-MM-DD>.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Sammanträde")]
pub struct RawMeeting {
    /// Slag av handling: "minnesanteckningar" eller "protokoll".
    pub kind: Option<S<RecordKind>>,
    /// "publicerad" (standard), "utkast" (publiceras inte) eller "hänvisning" (mötet är
    /// känt bara genom hänvisningar från andra möten; dess handling finns inte här).
    pub status: Option<S<MeetingStatus>>,
    /// Mötesdagen; måste vara densamma som i filens namn.
    pub date: S<RawDate>,
    /// Starttid (Tid), t.ex. 08:30:00.
    pub start: Option<S<RawTime>>,
    /// Sluttid, t.ex. 11:00:00.
    pub end: Option<S<RawTime>>,
    /// Plats, t.ex. "Umeå stadshus, Nobelsalen".
    pub place: Option<S<String>>,
    /// Ordförande vid mötet (person-id).
    pub chair: Option<S<String>>,
    /// Sekreterare (person-id).
    pub secretary: Option<S<String>>,
    /// Justerare (person-id), för protokoll.
    #[serde(default)]
    pub adjusters: Vec<S<String>>,
    /// Datum då protokollet justerades.
    pub adjusted: Option<S<RawDate>>,
    /// Kort anmärkning om handlingen (Markdown), t.ex. varifrån uppgifterna kommer.
    pub note: Option<S<String>>,
    /// Mötet är inställt: skälet, t.ex. "Mötet ställs in. Ärendena tas upp 2026-12-16.".
    /// Kallelsens ärenden visas kvar, men inga beslut.
    pub cancelled: Option<S<String>>,
    /// Beslutande: en tabell per person.
    #[serde(default)]
    pub attendee: Vec<RawAttendance>,
    /// Övriga deltagande: en tabell per person.
    #[serde(default)]
    pub participant: Vec<RawAttendance>,
    /// Frånvarande.
    #[serde(default)]
    pub absentee: Vec<RawAbsence>,
    /// Ärendena (paragraferna), i nummerordning.
    #[serde(default)]
    pub item: Vec<RawItem>,
}

/// Slag av handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
pub enum RecordKind {
    #[serde(rename = "minnesanteckningar")]
    Minnesanteckningar,
    #[serde(rename = "protokoll")]
    Protokoll,
}

/// Publiceringsstatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
pub enum MeetingStatus {
    #[serde(rename = "publicerad")]
    Publicerad,
    #[serde(rename = "utkast")]
    Utkast,
    #[serde(rename = "hänvisning")]
    Hanvisning,
}

/// En närvarande person.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAttendance {
    /// Personens id.
    pub person: S<String>,
    /// Roll vid mötet (beslutande: standard ledamot).
    pub role: Option<S<Role>>,
    /// Närvarande bara vid dessa ärenden (nummer); utelämnas vid närvaro hela mötet.
    pub items: Option<Vec<S<i64>>>,
}

/// En frånvarande person.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAbsence {
    /// Personens id.
    pub person: S<String>,
}

/// Ett ärende (en paragraf).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawItem {
    /// Ärendets nummer (§). Unika och stigande inom mötet.
    pub number: S<i64>,
    /// Rubrik.
    pub title: S<String>,
    /// Föredragande: ett person-id, eller { name = "…", organisation = "…" } för en gäst.
    pub presenter: Option<S<RawPresenter>>,
    /// Förslag till beslut, i kallelsen före mötet (Markdown).
    pub proposal: Option<S<String>>,
    /// Beslut: det viktigaste på sidan (Markdown).
    pub decision: Option<S<String>>,
    /// Ärendebeskrivning (Markdown).
    pub description: Option<S<String>>,
    /// Ärendet utgick: skälet.
    pub withdrawn: Option<S<String>>,
    /// true för formalia utan sakbeslut, t.ex. val av justerare eller föregående protokoll.
    /// De visas på mötets sida men inte bland de senaste besluten på startsidan.
    pub formal: Option<S<bool>>,
    /// false om ärendet omfattas av sekretess; kräver `osl`.
    pub public: Option<S<bool>>,
    /// Sekretessgrund enligt offentlighets- och sekretesslagen, t.ex. "21 kap. 1 § OSL".
    pub osl: Option<S<String>>,
    /// Strategiska mål (id) som ärendet tjänar.
    #[serde(default)]
    pub goals: Vec<S<String>>,
    /// Delmål (id) som ärendet tjänar.
    #[serde(default)]
    pub subgoals: Vec<S<String>>,
    /// Prioriterade områden (id) som ärendet rör.
    #[serde(default)]
    pub areas: Vec<S<String>>,
    /// Bilagor.
    #[serde(default)]
    pub attachment: Vec<RawAttachment>,
    /// Uppdrag som beslutet ger.
    #[serde(default)]
    pub assignment: Vec<RawAssignment>,
    /// Belopp som beslutas, söks eller nämns.
    #[serde(default)]
    pub money: Vec<RawMoney>,
    /// Hänvisningar till tidigare möten och ärenden.
    #[serde(default)]
    pub reference: Vec<RawReference>,
    /// Perioder och händelser som ärendet nämner (projekttid, resa, mässa …).
    #[serde(default)]
    pub period: Vec<RawPeriod>,
    /// Fråga som varje kommun ska besvara eller besluta om på egen hand.
    pub follow_up: Option<RawFollowUp>,
}

/// Föredragande.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawPresenter {
    /// Person-id.
    Person(String),
    /// En gäst som inte finns i personregistret.
    Guest(RawGuest),
}

/// En föredragande gäst.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawGuest {
    /// Namn.
    pub name: String,
    /// Organisation.
    pub organisation: Option<String>,
}

/// En bilaga: en fil under content/, en hänvisning till ett annat mötes handling, eller
/// bara en titel när filen inte finns.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAttachment {
    /// Bilagans titel som i handlingen.
    pub title: S<String>,
    /// Sökväg under content/, t.ex. "bilagor/2013-05-15/projektdirektiv.pdf".
    pub file: Option<S<String>>,
    /// Ett annat mötes handling, t.ex. "regionradet/2013-02-22".
    pub meeting: Option<S<String>>,
    /// false om bilagan omfattas av sekretess; kräver `osl`.
    pub public: Option<S<bool>>,
    /// Sekretessgrund enligt OSL.
    pub osl: Option<S<String>>,
}

/// Ett uppdrag.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAssignment {
    /// Vem som får uppdraget: en person, ett organ eller en kommun (id).
    pub assignee: S<String>,
    /// Uppdraget.
    pub task: S<String>,
    /// Senast klart.
    pub deadline: Option<S<RawDate>>,
    /// Vem som ska ha svaret eller redovisningen (person, organ eller kommun, id).
    pub report_to: Option<S<String>>,
}

/// Ett belopp.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawMoney {
    /// Belopp i kronor (heltal), t.ex. 300000.
    pub amount: S<i64>,
    /// "beviljat" (standard), "ansökt" eller "kostnad".
    pub kind: Option<S<MoneyKind>>,
    /// Vad pengarna är till.
    pub purpose: S<String>,
    /// Varifrån pengarna kommer, t.ex. "Umeåregionens utvecklingsmedel".
    pub source: Option<S<String>>,
    /// Beloppet gäller per styck av detta, t.ex. "respondent".
    pub per: Option<S<String>>,
    /// Mötet eller ärendet där beloppet beslutades, om inte i detta ärende,
    /// t.ex. "regionradet/2013-02-22".
    pub decided: Option<S<String>>,
    /// Den utanför samverkan som beviljade beloppet, t.ex. "Region Exempellänet", när
    /// ärendet bara antecknar beslutet. Ekonomisidan räknar det då inte som beviljat av
    /// organet som höll mötet.
    pub granted_by: Option<S<String>>,
}

/// Slag av belopp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
pub enum MoneyKind {
    /// Beviljat eller anslaget: räknas i summorna.
    #[serde(rename = "beviljat")]
    Beviljat,
    /// Ansökt men inte beviljat.
    #[serde(rename = "ansökt")]
    Ansokt,
    /// En kostnad eller ett pris som nämns.
    #[serde(rename = "kostnad")]
    Kostnad,
}

/// En hänvisning till ett tidigare möte eller ärende.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawReference {
    /// Mötet ("organ/ÅÅÅÅ-MM-DD") eller ärendet ("organ/ÅÅÅÅ-MM-DD#nummer"; "#nummer" i
    /// samma möte).
    pub to: S<String>,
    /// Vad som hände där, med handlingens egna ord.
    pub note: Option<S<String>>,
    /// true om detta ärende redovisar uppdragen i det hänvisade ärendet som klara.
    pub completes: Option<S<bool>>,
    /// false när hänvisningen bara nämner ett annat ärende, t.ex. beslutet som finansierar
    /// detta, och inte är samma ärende: ärendets historik följer den då inte.
    pub matter: Option<S<bool>>,
}

/// En period eller händelse.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawPeriod {
    /// Vad, t.ex. "Projekttid" eller "Stora Nolia".
    pub what: S<String>,
    /// Första dagen.
    pub from: S<RawDate>,
    /// Sista dagen (utelämnas för en enstaka dag).
    pub until: Option<S<RawDate>>,
}

/// En fråga som varje kommun besvarar eller beslutar om på egen hand.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawFollowUp {
    /// Frågan.
    pub question: S<String>,
    /// Svar senast.
    pub deadline: Option<S<RawDate>>,
    /// Vem som tar emot svaren (person-id).
    pub respond_to: Option<S<String>>,
    /// Kommunerna (id) som ska svara; utelämnas för alla medlemmar på mötesdagen.
    pub municipalities: Option<Vec<S<String>>>,
    /// Svar som kommit in.
    #[serde(default)]
    pub answer: Vec<RawAnswer>,
}

/// En kommuns svar eller lokala beslut.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawAnswer {
    /// Kommunens id.
    pub municipality: S<String>,
    /// Svaret eller beslutet.
    pub answer: S<String>,
    /// Datum för svaret.
    pub date: Option<S<RawDate>>,
}

// ---------------------------------------------------------------------------------------
// content/groups/<id>/plan-<year>.toml and report-<year>.toml

/// Verksamhetsplan enligt Mall 1 (content/groups/<id>/plan-<år>.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Verksamhetsplan")]
pub struct RawPlan {
    /// Kontaktperson för arbetsgruppen (person-id); standard: gruppens kontaktperson.
    pub contact: Option<S<String>>,
    /// Verksamhetsområde; standard: gruppens område.
    pub area: Option<S<String>>,
    /// Avsikt/syfte: hur gruppen verkar för varje övergripande mål den tjänar.
    #[serde(default)]
    pub purpose: Vec<RawPurpose>,
    /// Prioriterade områden (id, minst ett) som gruppen arbetar med under året.
    #[serde(default)]
    pub areas: Vec<S<String>>,
    /// Inledning till målen: vad vill gruppen ha åstadkommit under året? (Markdown)
    pub summary: Option<S<String>>,
    /// Målen, skrivna som SMARTa mål.
    #[serde(default)]
    pub goal: Vec<RawPlanGoal>,
    /// Aktivitetsplanen: vem gör vad, när och hur.
    #[serde(default)]
    pub activity: Vec<RawActivity>,
    /// Ärendet där kommunchefsgruppen godkände planen, t.ex. "kommunchefsgruppen/2013-01-23#5".
    pub approved: Option<S<String>>,
}

/// Hur gruppen bidrar till ett övergripande mål.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawPurpose {
    /// Det övergripande målet (id).
    pub goal: S<String>,
    /// "Genom xx bidrar vi till att yy".
    pub text: S<String>,
}

/// Ett SMART mål.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawPlanGoal {
    /// Kort id inom planen, t.ex. "m1"; berättelsen hänvisar till det.
    pub id: S<String>,
    /// Målet: specifikt, med ett verb som öka eller minska.
    pub text: S<String>,
    /// Vad som mäts, t.ex. "antal deltagande företag".
    pub measure: Option<S<String>>,
    /// Utgångsläget (nuläget när året börjar).
    pub baseline: Option<S<Number>>,
    /// Målvärdet: det som gör målet mätbart.
    pub target: Option<S<Number>>,
    /// Enhet för utgångsläge och målvärde, t.ex. "procent" eller "st".
    pub unit: Option<S<String>>,
    /// Enheten när värdet är 1, om den då skrivs annorlunda: "kommun" till unit = "kommuner".
    pub unit_one: Option<S<String>>,
    /// Datum då målet ska vara nått: det som gör målet tidsatt.
    pub deadline: Option<S<RawDate>>,
}

/// En aktivitet i aktivitetsplanen.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawActivity {
    /// Kort id inom planen, t.ex. "a1"; berättelsen hänvisar till det.
    pub id: S<String>,
    /// Aktiviteten: vad görs?
    pub what: S<String>,
    /// Hur ska det göras?
    pub how: Option<S<String>>,
    /// När ska aktiviteten vara genomförd?
    pub when: Option<S<RawDate>>,
    /// Ansvarig (person-id).
    pub responsible: Option<S<String>>,
    /// Målet (id i planen) som aktiviteten leder mot.
    pub goal: Option<S<String>>,
}

/// Verksamhetsberättelse enligt Mall 2 (content/groups/<id>/report-<år>.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Verksamhetsberättelse")]
pub struct RawReport {
    /// Sammanfattning av året (Markdown).
    pub summary: Option<S<String>>,
    /// Måluppfyllelse: en tabell per mål i årets plan.
    #[serde(default)]
    pub goal: Vec<RawGoalOutcome>,
    /// Resultat av aktiviteterna: en tabell per aktivitet i årets plan.
    #[serde(default)]
    pub activity: Vec<RawActivityOutcome>,
    /// Revideringar av mål och aktiviteter under året.
    #[serde(default)]
    pub revision: Vec<RawRevision>,
    /// Hur arbetet under året kopplats till de prioriterade områdena (Markdown).
    pub areas_work: Option<S<String>>,
    /// Antal träffar under året (nätverk).
    pub meetings_held: Option<S<i64>>,
    /// Ärendet där berättelsen redovisades, t.ex. "kommunchefsgruppen/2014-02-12#4".
    pub presented: Option<S<String>>,
}

/// Hur det gick med ett mål.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawGoalOutcome {
    /// Målets id i planen.
    pub goal: S<String>,
    /// "helt", "delvis" eller "inte".
    pub fulfilment: S<Fulfilment>,
    /// Uppnått värde, i planens enhet.
    pub outcome: Option<S<Number>>,
    /// Varför målet nåddes helt, delvis eller inte.
    pub why: Option<S<String>>,
}

/// Måluppfyllelse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
pub enum Fulfilment {
    #[serde(rename = "helt")]
    Helt,
    #[serde(rename = "delvis")]
    Delvis,
    #[serde(rename = "inte")]
    Inte,
}

/// Hur det gick med en aktivitet.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawActivityOutcome {
    /// Aktivitetens id i planen.
    pub activity: S<String>,
    /// Genomförd?
    pub done: S<bool>,
    /// Kommentar.
    pub comment: Option<S<String>>,
}

/// En revidering under året.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawRevision {
    /// När.
    pub date: S<RawDate>,
    /// Vad ändrades och på vilket sätt.
    pub what: S<String>,
    /// Varför.
    pub why: S<String>,
}

// ---------------------------------------------------------------------------------------
// content/indicators/<id>.toml

/// En indikator för ett prioriterat område (content/indicators/<id>.toml).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "Indikator")]
pub struct RawIndicator {
    /// Indikatorns namn.
    pub name: S<String>,
    /// Det prioriterade området (id).
    pub area: S<String>,
    /// Enhet, t.ex. "procent".
    pub unit: S<String>,
    /// Vad indikatorn mäter (Markdown).
    pub description: Option<S<String>>,
    /// Källa för värdena.
    pub source: Option<S<String>>,
    /// Värden per kommun och år.
    #[serde(default)]
    pub value: Vec<RawIndicatorValue>,
}

/// Ett värde.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RawIndicatorValue {
    /// Kommunens id.
    pub municipality: S<String>,
    /// År.
    pub year: S<i64>,
    /// Värdet.
    pub value: S<Number>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error, StrDeserializer};

    /// The spellings a source may use for `T`, from its schema.
    fn spellings<T: JsonSchema>() -> Vec<String> {
        fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (key, value) in map {
                        match (key.as_str(), value) {
                            ("enum", serde_json::Value::Array(items)) => {
                                out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string)))
                            }
                            ("const", serde_json::Value::String(s)) => out.push(s.clone()),
                            _ => collect(value, out),
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        collect(&serde_json::to_value(schemars::schema_for!(T)).expect("a schema is JSON"), &mut out);
        out
    }

    fn parse<'de, T: Deserialize<'de>>(text: &'de str) -> T {
        let de: StrDeserializer<'de, Error> = text.into_deserializer();
        T::deserialize(de).expect("a spelling from the schema parses")
    }

    #[test]
    fn every_role_is_named_as_the_sources_spell_it() {
        let spellings = spellings::<Role>();
        assert_eq!(spellings.len(), 9);
        for text in &spellings {
            assert_eq!(parse::<Role>(text).name(), text);
        }
    }

    #[test]
    fn every_body_kind_is_named_as_the_sources_spell_it() {
        let spellings = spellings::<BodyKind>();
        assert_eq!(spellings.len(), 6);
        for text in &spellings {
            assert_eq!(parse::<BodyKind>(text).name(), text);
        }
    }
}
