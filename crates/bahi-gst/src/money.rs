//! Money: an integer number of paise. Arithmetic is checked (an overflow is an error, never a
//! wrap or a panic), and text is read and written exactly.

use std::fmt;
use std::iter::Sum;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::fixed::{self, DecimalError};

/// An amount in paise (1 rupee = 100 paise). May be negative (round-off, net credit notes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Paise(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("amount overflow")]
pub struct Overflow;

impl Paise {
    pub const ZERO: Self = Self(0);

    #[must_use]
    pub const fn new(paise: i64) -> Self {
        Self(paise)
    }

    #[must_use]
    pub const fn from_rupees(rupees: i64) -> Option<Self> {
        match rupees.checked_mul(100) {
            Some(p) => Some(Self(p)),
            None => None,
        }
    }

    #[must_use]
    pub const fn get(self) -> i64 {
        self.0
    }

    /// Reads `"1180"`, `"1180.5"` or `"1180.50"`; more than two decimals is an error.
    pub fn parse(text: &str) -> Result<Self, DecimalError> {
        fixed::parse(text, 2).map(Self)
    }

    pub fn checked_add(self, other: Self) -> Result<Self, Overflow> {
        self.0.checked_add(other.0).map(Self).ok_or(Overflow)
    }

    pub fn checked_sub(self, other: Self) -> Result<Self, Overflow> {
        self.0.checked_sub(other.0).map(Self).ok_or(Overflow)
    }

    pub fn checked_neg(self) -> Result<Self, Overflow> {
        self.0.checked_neg().map(Self).ok_or(Overflow)
    }

    /// Sums amounts, failing on overflow.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Self>) -> Result<Self, Overflow> {
        amounts.into_iter().try_fold(Self::ZERO, Self::checked_add)
    }

    #[must_use]
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Converts an exact i128 result back, failing when it does not fit.
    pub(crate) fn from_i128(value: i128) -> Result<Self, Overflow> {
        i64::try_from(value).map(Self).map_err(|_| Overflow)
    }

    /// `₹12,34,567.50`: Indian digit grouping (thousand, then every two digits).
    #[must_use]
    pub fn to_inr(self) -> String {
        let text = fixed::format(self.0, 2, 2);
        let (sign, text) = text
            .strip_prefix('-')
            .map_or(("", text.as_str()), |t| ("-", t));
        let (whole, fraction) = text.split_once('.').unwrap_or((text, "00"));
        format!("{sign}₹{}.{fraction}", group_indian(whole))
    }
}

/// Sums that cannot overflow in practice (document totals are far below i64::MAX paise) but
/// would saturate rather than wrap if they did; use `checked_sum` where input is unbounded.
impl Sum for Paise {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        Self(iter.fold(0_i64, |acc, p| acc.saturating_add(p.0)))
    }
}

fn group_indian(digits: &str) -> String {
    if digits.len() <= 3 {
        return digits.to_owned();
    }
    let (head, last_three) = digits.split_at(digits.len() - 3);
    let mut groups: Vec<&str> = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (h, t) = rest.split_at(rest.len() - 2);
        groups.push(t);
        rest = h;
    }
    groups.push(rest);
    groups.reverse();
    format!("{},{last_three}", groups.join(","))
}

/// `"1180.00"`: exactly two decimals, as API.md wants.
impl fmt::Display for Paise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::format(self.0, 2, 2))
    }
}

impl Serialize for Paise {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Accepts a decimal string or an integer JSON number, read exactly (never through binary
/// floating point).
impl<'de> Deserialize<'de> for Paise {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = crate::serde_text::decimal_text(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indian_grouping() {
        assert_eq!(Paise::new(123_456_750).to_inr(), "₹12,34,567.50");
        assert_eq!(Paise::new(99_900).to_inr(), "₹999.00");
        assert_eq!(Paise::new(100_000).to_inr(), "₹1,000.00");
        assert_eq!(Paise::new(1_000_000_000).to_inr(), "₹1,00,00,000.00");
        assert_eq!(Paise::new(-5).to_inr(), "-₹0.05");
    }

    #[test]
    fn text_round_trips() {
        assert_eq!(Paise::parse("1180").unwrap().to_string(), "1180.00");
        assert_eq!(Paise::parse("0.5").unwrap(), Paise::new(50));
        assert!(Paise::parse("0.001").is_err());
        assert_eq!(Paise::parse("-0.34").unwrap().to_string(), "-0.34");
    }

    #[test]
    fn overflow_is_an_error() {
        assert_eq!(
            Paise::new(i64::MAX).checked_add(Paise::new(1)),
            Err(Overflow)
        );
        assert_eq!(
            Paise::checked_sum([Paise::new(i64::MAX), Paise::new(1)]),
            Err(Overflow)
        );
        assert_eq!(Paise::new(i64::MIN).checked_neg(), Err(Overflow));
    }
}
