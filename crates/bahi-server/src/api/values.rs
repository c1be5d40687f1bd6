//! Values the documents' bodies share: decimals read exactly (API.md: a string, or a JSON
//! number read from its text), dates as `YYYY-MM-DD`.

use bahi_app::{Error, FieldError, Message};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;
use utoipa::ToSchema;

/// A decimal as text: `"333.33"`, or a JSON number such as `333.33` or `2`.
///
/// A JSON number with a fraction reaches us as a binary double. We never compute with it: its
/// shortest round-trip text is the literal the client wrote whenever the literal has at most 15
/// significant digits (every double of those is distinct), and a longer one is refused, so the
/// text we read is exactly what was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(value_type = String, example = "333.33")]
pub struct Decimal(pub String);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Decimal;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a decimal number or a string holding one")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                Ok(Decimal(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                let text = v.to_string();
                let digits = text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .skip_while(|c| *c == '0')
                    .count();
                if !v.is_finite() || text.contains('e') || digits > 15 {
                    return Err(E::custom("too many digits: send the amount as a string"));
                }
                Ok(Decimal(text))
            }
        }
        d.deserialize_any(Text)
    }
}

impl Decimal {
    #[must_use]
    pub fn text(self) -> String {
        self.0
    }
}

/// Reads `YYYY-MM-DD`; a bad date is an error on `field`.
pub fn date(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    match Date::parse(text.trim(), format_description!("[year]-[month]-[day]")) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(field, Message::new("date-invalid")));
            None
        }
    }
}

/// `Err(Invalid)` when any field failed.
pub fn check(errors: Vec<FieldError>) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

/// `YYYY-MM-DD`
#[must_use]
pub fn date_text(d: Date) -> String {
    d.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// For a PATCH field: tells "left out" (outer `None`, with `#[serde(default)]`) from "null"
/// (`Some(None)`, which clears the field).
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}
