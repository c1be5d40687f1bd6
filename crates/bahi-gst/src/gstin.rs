//! GSTIN and PAN (GST.md §3): shapes, the check character, the state code, and whether a shape
//! fits the party's registration.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::state::{StateCode, StateCodeError};

const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// What kind of registration a GSTIN's shape says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GstinKind {
    /// A normal taxpayer (regular or composition, SEZ units included): PAN-based, 14th char `Z`.
    Normal,
    /// A government department registered on its TAN, 14th char `Z`.
    Government,
    /// A tax deductor (TDS), 14th char `D`.
    TaxDeductor,
    /// An e-commerce operator collecting tax (TCS), 14th char `C`.
    TaxCollector,
    /// A UN body, embassy or other notified person (UIN).
    Uin,
    /// A non-resident taxable person.
    NonResident,
    /// An overseas provider of online services (OIDAR).
    Oidar,
}

impl GstinKind {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Normal => "a normal taxpayer's GSTIN",
            Self::Government => "a government department's GSTIN",
            Self::TaxDeductor => "a tax deductor's (TDS) registration",
            Self::TaxCollector => "an e-commerce operator's TCS registration",
            Self::Uin => "a UIN (embassy or UN body)",
            Self::NonResident => "a non-resident taxable person's GSTIN",
            Self::Oidar => "an OIDAR (overseas online services) registration",
        }
    }
}

/// A valid GSTIN: normalised (trimmed, upper-case), right shape, right check character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gstin(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GstinError {
    #[error("GSTIN is empty")]
    Empty,
    #[error("GSTIN {0} must have 15 characters, not {1}")]
    Length(String, usize),
    #[error("GSTIN {0} may contain only letters A-Z and digits 0-9")]
    Characters(String),
    #[error(
        "GSTIN {0} does not match any GSTIN format (state code, PAN, entity number, Z, check character)"
    )]
    Shape(String),
    #[error("GSTIN {gstin}: {reason}")]
    State {
        gstin: String,
        reason: StateCodeError,
    },
    #[error("GSTIN {gstin}: state code 96 is for exports and never starts a GSTIN")]
    OtherCountries { gstin: String },
    #[error("GSTIN {gstin}: check character should be {expected}")]
    CheckCharacter { gstin: String, expected: char },
    /// The shape is wrong in one part that can be named.
    #[error("GSTIN {gstin}: {part}")]
    Part { gstin: String, part: GstinPart },
}

/// The part of a GSTIN that is wrong, when its shape says which.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GstinPart {
    #[error("the first two characters must be the digits of a state code")]
    StateDigits,
    #[error("characters 3 to 12 must be a PAN: five letters, four digits and a letter")]
    PanShape,
    #[error("the PAN's fourth letter {0} names no kind of holder (P, C, H, F, A, T, B, L, J or G)")]
    PanHolder(char),
    #[error("the PAN's serial number 0000 does not exist (it runs from 0001 to 9999)")]
    PanSerial,
    #[error("the 13th character (the registration's number under the PAN) cannot be 0")]
    EntityNumber,
    #[error(
        "the 14th character must be Z for a taxpayer (C for an e-commerce operator, D for a tax deductor), not {0}"
    )]
    Fourteenth(char),
}

impl Gstin {
    /// Parses and validates. `" 27aapfu0939f1zv "` becomes `27AAPFU0939F1ZV`.
    pub fn parse(text: &str) -> Result<Self, GstinError> {
        let gstin = text.trim().to_ascii_uppercase();
        if gstin.is_empty() {
            return Err(GstinError::Empty);
        }
        if !gstin.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(GstinError::Characters(gstin));
        }
        if gstin.len() != 15 {
            let n = gstin.len();
            return Err(GstinError::Length(gstin, n));
        }
        let Some(kind) = shape(gstin.as_bytes()) else {
            return Err(match wrong_part(gstin.as_bytes()) {
                Some(part) => GstinError::Part { gstin, part },
                None => GstinError::Shape(gstin),
            });
        };
        if kind != GstinKind::Oidar {
            let n = (gstin.as_bytes()[0] - b'0') * 10 + (gstin.as_bytes()[1] - b'0');
            if n == 96 {
                return Err(GstinError::OtherCountries { gstin });
            }
            StateCode::from_number(n).map_err(|reason| GstinError::State {
                gstin: gstin.clone(),
                reason,
            })?;
        }
        let expected = check_character(&gstin.as_bytes()[..14]);
        if gstin.as_bytes()[14] != expected {
            return Err(GstinError::CheckCharacter {
                gstin,
                expected: char::from(expected),
            });
        }
        Ok(Self(gstin))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[must_use]
    pub fn kind(&self) -> GstinKind {
        shape(self.0.as_bytes()).unwrap_or(GstinKind::Normal)
    }

    /// The state the registration belongs to (`None` for OIDAR, registered centrally).
    #[must_use]
    pub fn state(&self) -> Option<StateCode> {
        if self.kind() == GstinKind::Oidar {
            return None;
        }
        let b = self.0.as_bytes();
        StateCode::from_number((b[0] - b'0') * 10 + (b[1] - b'0')).ok()
    }

    /// The PAN inside a PAN-based GSTIN.
    #[must_use]
    pub fn pan(&self) -> Option<Pan> {
        match self.kind() {
            GstinKind::Normal | GstinKind::TaxCollector => Pan::parse(&self.0[2..12]).ok(),
            _ => None,
        }
    }
}

/// The check character (GST.md §3): weights 1,2,1,2… from the left over base-36 values; each
/// product contributes `p / 36 + p % 36`; the check is `(36 - sum % 36) % 36`.
#[must_use]
pub fn check_character(first_fourteen: &[u8]) -> u8 {
    let sum: u32 = first_fourteen
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let value = ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32;
            let p = value * if i % 2 == 0 { 1 } else { 2 };
            p / 36 + p % 36
        })
        .sum();
    ALPHABET[((36 - sum % 36) % 36) as usize]
}

fn shape(b: &[u8]) -> Option<GstinKind> {
    let digit = |i: usize| b[i].is_ascii_digit();
    let letter = |i: usize| b[i].is_ascii_uppercase();
    let digits = |r: std::ops::Range<usize>| r.clone().all(digit);
    let letters = |r: std::ops::Range<usize>| r.clone().all(letter);
    let entity = b[12] != b'0';
    let pan_like = digits(0..2)
        && letters(2..7)
        && digits(7..11)
        && &b[7..11] != b"0000"
        && letter(11)
        && entity;
    let tan_like = digits(0..2) && letters(2..6) && digits(6..11) && letter(11) && entity;
    let foreign_like = digits(0..4) && letters(4..7) && digits(7..12);
    match b[13] {
        b'Z' if pan_like && Pan::entity_ok(b[5]) => Some(GstinKind::Normal),
        b'Z' if tan_like => Some(GstinKind::Government),
        b'D' if pan_like || tan_like => Some(GstinKind::TaxDeductor),
        b'C' if pan_like => Some(GstinKind::TaxCollector),
        b'N' if foreign_like && matches!(b[12], b'U' | b'O') => Some(GstinKind::Uin),
        b'R' if foreign_like && b[12] == b'N' => Some(GstinKind::NonResident),
        b'S' if foreign_like && b[12] == b'O' && b[0] == b'9' && b[1] == b'9' => {
            Some(GstinKind::Oidar)
        }
        _ => None,
    }
}

/// For a 15-character GSTIN of no known shape: the one part a person should look at, when the
/// shape says which (a taxpayer's GSTIN with a broken PAN, a zero entity number, …).
fn wrong_part(b: &[u8]) -> Option<GstinPart> {
    if !(b[0].is_ascii_digit() && b[1].is_ascii_digit()) {
        return Some(GstinPart::StateDigits);
    }
    if !matches!(b[13], b'Z' | b'C' | b'D' | b'N' | b'R' | b'S') {
        return Some(GstinPart::Fourteenth(char::from(b[13])));
    }
    if !matches!(b[13], b'Z' | b'C' | b'D') {
        return None;
    }
    let pan = std::str::from_utf8(&b[2..12]).ok()?;
    match Pan::parse(pan) {
        Err(PanError::Shape(_)) => Some(GstinPart::PanShape),
        Err(PanError::Holder(_)) => Some(GstinPart::PanHolder(char::from(b[5]))),
        Err(PanError::Serial(_)) => Some(GstinPart::PanSerial),
        Ok(_) if b[12] == b'0' => Some(GstinPart::EntityNumber),
        Ok(_) => None,
    }
}

impl fmt::Display for Gstin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Gstin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Gstin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A Permanent Account Number: five letters (the fourth says what kind of holder), four digits,
/// a letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pan(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PanError {
    #[error("PAN {0} must be five letters, four digits and a letter, e.g. AAPFU0939F")]
    Shape(String),
    #[error("PAN {0}: the fourth letter must name the holder (P, C, H, F, A, T, B, L, J or G)")]
    Holder(String),
    #[error("PAN {0}: the serial number 0000 does not exist (it runs from 0001 to 9999)")]
    Serial(String),
}

impl Pan {
    pub fn parse(text: &str) -> Result<Self, PanError> {
        let pan = text.trim().to_ascii_uppercase();
        let b = pan.as_bytes();
        let ok = b.len() == 10
            && b[..5].iter().all(u8::is_ascii_uppercase)
            && b[5..9].iter().all(u8::is_ascii_digit)
            && b[9].is_ascii_uppercase();
        if !ok {
            return Err(PanError::Shape(pan));
        }
        if !Self::entity_ok(b[3]) {
            return Err(PanError::Holder(pan));
        }
        if &b[5..9] == b"0000" {
            return Err(PanError::Serial(pan));
        }
        Ok(Self(pan))
    }

    fn entity_ok(c: u8) -> bool {
        b"PCHFATBLJG".contains(&c)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
