//! Numbers in GSTN's JSON: amounts with exactly two decimals, rates and quantities as written,
//! emitted from exact text (never through binary floating point).

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::money::Paise;

/// An amount serialised as a JSON number with two decimals: `1180.00`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(pub Paise);

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw(self.0.to_string(), s)
    }
}

impl Amount {
    pub(crate) fn add(&mut self, p: Paise) {
        self.0 = Paise::new(self.0.get().saturating_add(p.get()));
    }
}

/// Any exact decimal (a rate, a quantity) serialised as a JSON number from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(pub String);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw(self.0.clone(), s)
    }
}

fn raw<S: Serializer>(text: String, s: S) -> Result<S::Ok, S::Error> {
    let value = RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
    value.serialize(s)
}
