//! JSON Schemas of the source file kinds, generated from the raw types.
//!
//! The loader walks them to find unknown keys; `kansli schema` writes them for editors.
//! Both read the same schema, so an editor and `kansli check` agree on what a key is.

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

/// Every source file kind: a file name for its schema, and where such files live.
pub fn kinds() -> Vec<(&'static str, &'static [&'static str], &'static Json)> {
    vec![
        ("site.schema.json", &["content/site.toml"], RawSite::schema_json()),
        ("municipalities.schema.json", &["content/organisation/municipalities.toml"], RawMunicipalities::schema_json()),
        ("people.schema.json", &["content/organisation/people.toml"], RawPeople::schema_json()),
        (
            "body.schema.json",
            &["content/organisation/bodies/*.toml", "content/groups/*/group.toml"],
            RawBody::schema_json(),
        ),
        ("strategy.schema.json", &["content/strategy/plan.toml"], RawStrategy::schema_json()),
        ("areas.schema.json", &["content/strategy/areas.toml"], RawAreas::schema_json()),
        ("meeting.schema.json", &["content/meetings/*/*.toml"], RawMeeting::schema_json()),
        ("plan.schema.json", &["content/groups/*/plan-*.toml"], RawPlan::schema_json()),
        ("report.schema.json", &["content/groups/*/report-*.toml"], RawReport::schema_json()),
        ("indicator.schema.json", &["content/indicators/*.toml"], RawIndicator::schema_json()),
    ]
}
