//! Units of quantity (UQC): the codes GSTN accepts in e-invoices and the HSN summary of GSTR-1.
//! Services are reported with `NA`; a goods line needs one of these.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// GSTN's unit quantity codes with their names.
pub const UQCS: &[(&str, &str)] = &[
    ("BAG", "Bags"),
    ("BAL", "Bale"),
    ("BDL", "Bundles"),
    ("BKL", "Buckles"),
    ("BOU", "Billion of units"),
    ("BOX", "Box"),
    ("BTL", "Bottles"),
    ("BUN", "Bunches"),
    ("CAN", "Cans"),
    ("CBM", "Cubic metres"),
    ("CCM", "Cubic centimetres"),
    ("CMS", "Centimetres"),
    ("CTN", "Cartons"),
    ("DOZ", "Dozens"),
    ("DRM", "Drums"),
    ("GGK", "Great gross"),
    ("GMS", "Grammes"),
    ("GRS", "Gross"),
    ("GYD", "Gross yards"),
    ("KGS", "Kilograms"),
    ("KLR", "Kilolitre"),
    ("KME", "Kilometre"),
    ("LTR", "Litres"),
    ("MLT", "Millilitre"),
    ("MTR", "Metres"),
    ("MTS", "Metric ton"),
    ("NOS", "Numbers"),
    ("OTH", "Others"),
    ("PAC", "Packs"),
    ("PCS", "Pieces"),
    ("PRS", "Pairs"),
    ("QTL", "Quintal"),
    ("ROL", "Rolls"),
    ("SET", "Sets"),
    ("SQF", "Square feet"),
    ("SQM", "Square metres"),
    ("SQY", "Square yards"),
    ("TBS", "Tablets"),
    ("TGM", "Ten gross"),
    ("THD", "Thousands"),
    ("TON", "Tonnes"),
    ("TUB", "Tubes"),
    ("UGS", "US gallons"),
    ("UNT", "Units"),
    ("YDS", "Yards"),
];

/// A unit quantity code from [`UQCS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uqc(&'static str);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a GST unit of quantity (UQC) such as NOS, KGS, LTR, MTR, BOX or PCS")]
pub struct UqcError(pub String);

impl Uqc {
    /// `"kgs"` → `KGS`; anything not on GSTN's list is refused.
    pub fn parse(text: &str) -> Result<Self, UqcError> {
        let code = text.trim().to_ascii_uppercase();
        UQCS.iter()
            .find(|(c, _)| *c == code)
            .map(|(c, _)| Self(c))
            .ok_or(UqcError(text.trim().to_owned()))
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The unit's name ("Kilograms").
    #[must_use]
    pub fn name(self) -> &'static str {
        UQCS.iter()
            .find(|(c, _)| *c == self.0)
            .map_or("", |(_, n)| n)
    }
}

impl fmt::Display for Uqc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Uqc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Uqc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_gstns_codes() {
        assert_eq!(Uqc::parse(" kgs ").unwrap().as_str(), "KGS");
        assert_eq!(Uqc::parse("NOS").unwrap().name(), "Numbers");
        assert!(Uqc::parse("KG").is_err() && Uqc::parse("NA").is_err() && Uqc::parse("").is_err());
        let mut codes: Vec<_> = UQCS.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), UQCS.len(), "each code once");
    }
}
