//! JSON Schemas of the source file kinds, generated from the raw types.
//!
//! The loader walks them to find unknown keys; `kansli schema` writes them for editors,
//! with a `.taplo.toml` that maps each content folder to its schema. Both are generated
//! from the same types in `raw.rs`, so an editor and `kansli check` agree on what a key is.
//!
//! The loader reads draft 2020-12 (`$defs`). Editors get draft-07 of the same types:
//! taplo, the engine of Even Better TOML, validates with a JSON Schema library that knows
//! drafts 4 to 7 only. taplo hands each TOML date and time to the schema as a string
//! (`2013-05-15`, `08:30:00`), which is what the `Datum` and `Klockslag` schemas expect.

use std::sync::LazyLock;

use schemars::generate::SchemaSettings;
use serde_json::Value as Json;

use super::raw::*;

/// A root source type with a generated schema.
pub trait Described {
    /// The schema, generated once per process.
    fn schema_json() -> &'static Json;
}

/// Generates the schema of `T` (draft 2020-12), with `$defs` for shared types.
pub fn generate<T: schemars::JsonSchema>() -> Json {
    let generator = SchemaSettings::draft2020_12().into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

/// Generates the schema of `T` as draft-07, with `definitions` for shared types: the
/// draft that editors' TOML tooling validates with.
pub fn generate_draft07<T: schemars::JsonSchema>() -> Json {
    let generator = SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

macro_rules! described {
    ($($ty:ty),* $(,)?) => {$(
        impl Described for $ty {
            fn schema_json() -> &'static Json {
                static SCHEMA: LazyLock<Json> = LazyLock::new(generate::<$ty>);
                &SCHEMA
            }
        }
    )*};
}

described!(
    RawSite,
    RawMunicipalities,
    RawPeople,
    RawBody,
    RawStrategy,
    RawAreas,
    RawMeeting,
    RawPlan,
    RawReport,
    RawIndicator,
);

/// One kind of source file, with its schemas and where such files live.
#[derive(Clone, Copy)]
pub struct SchemaKind {
    /// The schema's file name, e.g. "meeting.schema.json".
    pub file: &'static str,
    /// Where files of this kind live, as globs relative to the site root.
    pub globs: &'static [&'static str],
    /// The loader's schema (draft 2020-12).
    pub schema: &'static Json,
    /// The editors' schema (draft-07) of the same type.
    pub editor: fn() -> Json,
}

impl std::fmt::Debug for SchemaKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaKind").field("file", &self.file).field("globs", &self.globs).finish_non_exhaustive()
    }
}

macro_rules! kind {
    ($file:literal, $globs:expr, $ty:ty) => {
        SchemaKind { file: $file, globs: $globs, schema: <$ty>::schema_json(), editor: generate_draft07::<$ty> }
    };
}

/// Every source file kind: a file name for its schema, and where such files live.
pub fn kinds() -> Vec<SchemaKind> {
    vec![
        kind!("site.schema.json", &["content/site.toml"], RawSite),
        kind!("municipalities.schema.json", &["content/organisation/municipalities.toml"], RawMunicipalities),
        kind!("people.schema.json", &["content/organisation/people.toml"], RawPeople),
        kind!("body.schema.json", &["content/organisation/bodies/*.toml", "content/groups/*/group.toml"], RawBody),
        kind!("strategy.schema.json", &["content/strategy/plan.toml"], RawStrategy),
        kind!("areas.schema.json", &["content/strategy/areas.toml"], RawAreas),
        kind!("meeting.schema.json", &["content/meetings/*/*.toml"], RawMeeting),
        kind!("plan.schema.json", &["content/groups/*/plan-*.toml"], RawPlan),
        kind!("report.schema.json", &["content/groups/*/report-*.toml"], RawReport),
        kind!("indicator.schema.json", &["content/indicators/*.toml"], RawIndicator),
    ]
}

/// The folder, relative to the site root, where `kansli init` and `kansli schema` write
/// the schemas and where the `.taplo.toml` they write looks for them.
pub const SCHEMA_DIR: &str = "schemas";

/// The name of taplo's configuration file, in the site root.
pub const TAPLO_CONFIG: &str = ".taplo.toml";

/// Every schema file for editors: (file name, text). The text is pretty-printed JSON
/// ending with a newline, the same on every run.
pub fn editor_files() -> Vec<(&'static str, String)> {
    kinds()
        .into_iter()
        .map(|kind| {
            let mut text = serde_json::to_string_pretty(&(kind.editor)()).expect("a schema is plain JSON");
            text.push('\n');
            (kind.file, text)
        })
        .collect()
}

/// The `.taplo.toml` of a site: one rule per source file kind that points its files at
/// the schema in [`SCHEMA_DIR`].
///
/// taplo reads relative globs and paths from the folder it runs in, and an editor from
/// the folder it has open: the site root. The globs start with `**/` so that the same
/// file also covers a site in a sub-folder (like `examples/demo/` in kansli's own
/// repository) when taplo runs from further up; the schema paths are the root's.
pub fn taplo_config() -> String {
    let mut out = String::from(
        "# taplo (Even Better TOML i Visual Studio Code, och andra redigerare med taplo) läser\n\
         # den här filen: varje slag av källfil i content/ kontrolleras mot sitt JSON-schema i\n\
         # schemas/. Då föreslår redigeraren nycklar medan du skriver och stryker under en okänd\n\
         # nyckel innan du kör `kansli check`.\n\
         #\n\
         # Skapad av kansli. Skriv `kansli schema` för att skriva om schemana efter en\n\
         # uppdatering av kansli. Öppna webbplatsens rotmapp (den med content/) i redigeraren.\n\n\
         include = [\"**/content/**/*.toml\"]\n\
         exclude = [\"**/output/**\", \"**/target/**\", \"**/node_modules/**\"]\n",
    );
    for kind in kinds() {
        let globs: Vec<String> = kind.globs.iter().map(|g| format!("\"**/{g}\"")).collect();
        out.push_str(&format!(
            "\n[[rule]]\ninclude = [{}]\n\n[rule.schema]\npath = \"{SCHEMA_DIR}/{}\"\n",
            globs.join(", "),
            kind.file
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_schemas_are_draft_07_with_definitions() {
        for kind in kinds() {
            let schema = (kind.editor)();
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "{}", kind.file);
            let text = schema.to_string();
            assert!(!text.contains("$defs"), "{} uses $defs", kind.file);
        }
    }

    #[test]
    fn taplo_config_has_a_rule_per_kind() {
        let config = taplo_config();
        assert_eq!(config.matches("[[rule]]").count(), kinds().len());
        assert!(config.contains(
            "include = [\"**/content/meetings/*/*.toml\"]\n\n[rule.schema]\npath = \"schemas/meeting.schema.json\""
        ));
        toml::from_str::<toml::Table>(&config).expect("the config is TOML");
    }
}
