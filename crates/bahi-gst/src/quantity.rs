//! Quantities (up to three decimals, API.md) and GST rates (percent, up to two decimals).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::fixed::{self, DecimalError};

/// A quantity in thousandths of a unit: `"2.5"` kg is 2500.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

impl Quantity {
    pub const ONE: Self = Self(1000);

    #[must_use]
    pub const fn from_milli(milli: i64) -> Self {
        Self(milli)
    }

    #[must_use]
    pub const fn milli(self) -> i64 {
        self.0
    }

    /// Reads a non-negative quantity with at most three decimals.
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        let value = fixed::parse(text, 3)?;
        if value < 0 {
            return Err(DecimalError::Negative(text.trim().to_owned()));
        }
        Ok(Self(value))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::format(self.0, 3, 0))
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&crate::serde_text::decimal_text(d)?).map_err(serde::de::Error::custom)
    }
}

/// A tax rate in hundredths of a percent: 18 % is 1800, 0.25 % is 25.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(u32);

impl Rate {
    pub const ZERO: Self = Self(0);

    /// `whole` percent, e.g. `Rate::percent(18)`.
    #[must_use]
    pub const fn percent(whole: u32) -> Self {
        Self(whole * 100)
    }

    #[must_use]
    pub const fn from_hundredths(hundredths: u32) -> Self {
        Self(hundredths)
    }

    #[must_use]
    pub const fn hundredths(self) -> u32 {
        self.0
    }

    #[must_use]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Reads `"18"`, `"0.25"`, `"7.5"`: a percentage from 0 to 100 with at most two decimals.
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        let value = fixed::parse(text, 2)?;
        if value < 0 {
            return Err(DecimalError::Negative(text.trim().to_owned()));
        }
        if value > 10_000 {
            return Err(DecimalError::TooLarge(text.trim().to_owned()));
        }
        u32::try_from(value)
            .map(Self)
            .map_err(|_| DecimalError::TooLarge(text.trim().to_owned()))
    }
}

/// `"18"`, `"0.25"`, `"7.5"`: no trailing zeros, as API.md and the GSTN JSON write rates.
impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::format(i64::from(self.0), 2, 0))
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&crate::serde_text::decimal_text(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_and_print_like_the_portal() {
        for (text, hundredths, shown) in [
            ("18", 1800, "18"),
            ("0.25", 25, "0.25"),
            ("7.50", 750, "7.5"),
            ("0.1", 10, "0.1"),
            ("0", 0, "0"),
        ] {
            let rate = Rate::parse(text).unwrap();
            assert_eq!(rate.hundredths(), hundredths);
            assert_eq!(rate.to_string(), shown);
        }
        assert!(Rate::parse("100.01").is_err());
        assert!(Rate::parse("-5").is_err());
        assert!(Rate::parse("0.125").is_err());
    }

    #[test]
    fn quantities_have_three_decimals() {
        assert_eq!(Quantity::parse("2.5").unwrap().milli(), 2500);
        assert_eq!(Quantity::parse("0.001").unwrap().to_string(), "0.001");
        assert!(Quantity::parse("0.0001").is_err());
        assert!(Quantity::parse("-1").is_err());
    }
}
