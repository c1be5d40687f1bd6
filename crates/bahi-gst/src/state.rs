//! State and union-territory codes (GST.md §2).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A GST state code: a state, a union territory, 97 (Other Territory) or 96 (Other Countries,
/// the place of supply of exports only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateCode(u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    State,
    /// A union territory with its own legislature: it levies SGST (01, 07, 34).
    UtWithLegislature,
    /// A union territory without a legislature: UTGST instead of SGST.
    UtWithoutLegislature,
    /// 96: place of supply for exports; never a GSTIN prefix.
    OtherCountries,
}

const STATES: &[(u8, &str, Kind)] = &[
    (1, "Jammu and Kashmir", Kind::UtWithLegislature),
    (2, "Himachal Pradesh", Kind::State),
    (3, "Punjab", Kind::State),
    (4, "Chandigarh", Kind::UtWithoutLegislature),
    (5, "Uttarakhand", Kind::State),
    (6, "Haryana", Kind::State),
    (7, "Delhi", Kind::UtWithLegislature),
    (8, "Rajasthan", Kind::State),
    (9, "Uttar Pradesh", Kind::State),
    (10, "Bihar", Kind::State),
    (11, "Sikkim", Kind::State),
    (12, "Arunachal Pradesh", Kind::State),
    (13, "Nagaland", Kind::State),
    (14, "Manipur", Kind::State),
    (15, "Mizoram", Kind::State),
    (16, "Tripura", Kind::State),
    (17, "Meghalaya", Kind::State),
    (18, "Assam", Kind::State),
    (19, "West Bengal", Kind::State),
    (20, "Jharkhand", Kind::State),
    (21, "Odisha", Kind::State),
    (22, "Chhattisgarh", Kind::State),
    (23, "Madhya Pradesh", Kind::State),
    (24, "Gujarat", Kind::State),
    (
        26,
        "Dadra and Nagar Haveli and Daman and Diu",
        Kind::UtWithoutLegislature,
    ),
    (27, "Maharashtra", Kind::State),
    (29, "Karnataka", Kind::State),
    (30, "Goa", Kind::State),
    (31, "Lakshadweep", Kind::UtWithoutLegislature),
    (32, "Kerala", Kind::State),
    (33, "Tamil Nadu", Kind::State),
    (34, "Puducherry", Kind::UtWithLegislature),
    (
        35,
        "Andaman and Nicobar Islands",
        Kind::UtWithoutLegislature,
    ),
    (36, "Telangana", Kind::State),
    (37, "Andhra Pradesh", Kind::State),
    (38, "Ladakh", Kind::UtWithoutLegislature),
    (96, "Other Countries", Kind::OtherCountries),
    (97, "Other Territory", Kind::UtWithoutLegislature),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateCodeError {
    #[error("state code must be two digits, e.g. 27; got {0:?}")]
    Format(String),
    #[error("state code 25 (Daman and Diu) was merged into 26 in 2020; use 26")]
    Retired25,
    #[error(
        "state code 28 (undivided Andhra Pradesh) is retired; use 37 (Andhra Pradesh) or 36 (Telangana)"
    )]
    Retired28,
    #[error("{0:02} is not a GST state code")]
    Unknown(u8),
}

impl StateCode {
    pub const OTHER_COUNTRIES: Self = Self(96);
    pub const OTHER_TERRITORY: Self = Self(97);

    pub fn parse(text: &str) -> Result<Self, StateCodeError> {
        let t = text.trim();
        if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StateCodeError::Format(t.to_owned()));
        }
        let n = (t.as_bytes()[0] - b'0') * 10 + (t.as_bytes()[1] - b'0');
        Self::from_number(n)
    }

    pub fn from_number(n: u8) -> Result<Self, StateCodeError> {
        match n {
            25 => Err(StateCodeError::Retired25),
            28 => Err(StateCodeError::Retired28),
            _ if STATES.iter().any(|(c, _, _)| *c == n) => Ok(Self(n)),
            _ => Err(StateCodeError::Unknown(n)),
        }
    }

    fn entry(self) -> (&'static str, Kind) {
        STATES
            .iter()
            .find(|(c, _, _)| *c == self.0)
            .map_or(("Unknown", Kind::State), |(_, name, kind)| (*name, *kind))
    }

    #[must_use]
    pub fn number(self) -> u8 {
        self.0
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        self.entry().0
    }

    /// True for union territories without a legislature, which levy UTGST in place of SGST.
    #[must_use]
    pub fn levies_utgst(self) -> bool {
        self.entry().1 == Kind::UtWithoutLegislature
    }

    #[must_use]
    pub fn is_union_territory(self) -> bool {
        matches!(
            self.entry().1,
            Kind::UtWithLegislature | Kind::UtWithoutLegislature
        )
    }

    /// 96, the place of supply of exports.
    #[must_use]
    pub fn is_other_countries(self) -> bool {
        self.0 == 96
    }

    /// Every code in use, for pickers.
    pub fn all() -> impl Iterator<Item = Self> {
        STATES.iter().map(|(c, _, _)| Self(*c))
    }
}

/// Two digits, `"07"`, as the portal writes `pos`.
impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for StateCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StateCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_territories() {
        let mh = StateCode::parse("27").unwrap();
        assert_eq!(
            (mh.name(), mh.to_string(), mh.levies_utgst()),
            ("Maharashtra", "27".to_owned(), false)
        );
        for utgst in ["04", "26", "31", "35", "38", "97"] {
            assert!(StateCode::parse(utgst).unwrap().levies_utgst(), "{utgst}");
        }
        for sgst_ut in ["01", "07", "34"] {
            let code = StateCode::parse(sgst_ut).unwrap();
            assert!(
                code.is_union_territory() && !code.levies_utgst(),
                "{sgst_ut}"
            );
        }
        assert_eq!(StateCode::parse("25"), Err(StateCodeError::Retired25));
        assert_eq!(StateCode::parse("28"), Err(StateCodeError::Retired28));
        assert_eq!(StateCode::parse("39"), Err(StateCodeError::Unknown(39)));
        assert!(matches!(
            StateCode::parse("7"),
            Err(StateCodeError::Format(_))
        ));
        assert_eq!(StateCode::all().count(), 38);
    }
}
