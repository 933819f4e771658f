//! Scalar source values whose meaning the model decides: dates, times and numbers.
//!
//! The loader keeps them as written (a TOML date, or a string) so that a bad value is a
//! located model diagnostic ("2013-02-30 finns inte"), not a failure of the whole file.

use std::borrow::Cow;

use jiff::civil::Date;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};

/// A date: a TOML local date (`2013-05-15`), or a string. Strings also allow the partial
/// forms `"2011-05"` and `"2011"` where a field says so (project and membership periods).
#[derive(Clone, Debug, PartialEq)]
pub enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Toml(toml::value::Datetime),
            Text(String),
        }
        match Either::deserialize(deserializer) {
            Ok(Either::Toml(d)) => Ok(RawDate::Toml(d)),
            Ok(Either::Text(s)) => Ok(RawDate::Text(s)),
            Err(_) => Err(serde::de::Error::custom("expected a date")),
        }
    }
}

impl JsonSchema for RawDate {
    fn schema_name() -> Cow<'static, str> {
        "Datum".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Datum skrivet ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-05-15.",
            "type": "string",
            "examples": ["2013-05-15"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

/// A time of day: a TOML local time (`08:30:00`), or a string `"08.30"` / `"08:30"`.
#[derive(Clone, Debug, PartialEq)]
pub enum RawTime {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for RawTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match RawDate::deserialize(deserializer) {
            Ok(RawDate::Toml(d)) => Ok(RawTime::Toml(d)),
            Ok(RawDate::Text(s)) => Ok(RawTime::Text(s)),
            Err(_) => Err(serde::de::Error::custom("expected a time")),
        }
    }
}

impl JsonSchema for RawTime {
    fn schema_name() -> Cow<'static, str> {
        "Klockslag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Klockslag skrivet TT:MM:SS utan citattecken, t.ex. 08:30:00.",
            "type": "string",
            "examples": ["08:30:00"],
            "pattern": "^[0-9]{2}[:.][0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?$"
        })
    }
}

/// A number as written: TOML integer or float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Int(i64),
            Float(f64),
        }
        match Either::deserialize(deserializer) {
            Ok(Either::Int(i)) => Ok(Number(i as f64)),
            Ok(Either::Float(f)) => Ok(Number(f)),
            Err(_) => Err(serde::de::Error::custom("expected a number")),
        }
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Tal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number" })
    }
}

/// How to write a date, for hints.
pub const DATE_HINT: &str = "skriv datum som ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2013-06-15";

/// The months' Swedish names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// What is wrong with a date written as `text`: (message, label, hint). A well-formed
/// date that is not in the calendar says how many days its month has.
pub fn bad_date(text: &str) -> (String, String, String) {
    let parts: Vec<&str> = text.split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && m.len() == 2
        && d.len() == 2
        && let (Ok(year), Ok(month), Ok(_)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>())
        && (1..=12).contains(&month)
    {
        let days = Date::new(year, month, 1).map(|first| first.days_in_month()).unwrap_or(31);
        return (
            format!("datumet {text} finns inte"),
            "finns inte i kalendern".into(),
            format!("{} {year} har {days} dagar", MONTHS[(month - 1) as usize]),
        );
    }
    (format!("ogiltigt datum `{text}`"), "inte ett datum".into(), DATE_HINT.into())
}
