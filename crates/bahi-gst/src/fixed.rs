//! Exact decimal text ↔ fixed-point integers, shared by money, quantities and rates.
//! No floating point anywhere: "0.1" is read as 1 tenth, never as 0.1000000000000000055.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("is empty")]
    Empty,
    #[error("is not a decimal number: {0:?}")]
    NotANumber(String),
    #[error("has more than {max} decimal places: {text:?}")]
    TooPrecise { text: String, max: u32 },
    #[error("is too large: {0:?}")]
    TooLarge(String),
    #[error("must not be negative: {0:?}")]
    Negative(String),
}

/// Parses `[-+]digits[.digits]` into an integer scaled by 10^`scale`, e.g. ("12.5", 2) → 1250.
pub(crate) fn parse(text: &str, scale: u32) -> Result<i64, DecimalError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DecimalError::Empty);
    }
    let (negative, digits) = match trimmed.as_bytes()[0] {
        b'-' => (true, &trimmed[1..]),
        b'+' => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !all_digits(whole)
        || !all_digits(fraction)
        || (digits.contains('.') && fraction.is_empty())
    {
        return Err(DecimalError::NotANumber(trimmed.to_owned()));
    }
    let significant = fraction.trim_end_matches('0');
    if significant.len() > scale as usize {
        return Err(DecimalError::TooPrecise {
            text: trimmed.to_owned(),
            max: scale,
        });
    }
    let too_large = || DecimalError::TooLarge(trimmed.to_owned());
    let mut value: i64 = 0;
    for b in whole.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or_else(too_large)?;
    }
    for i in 0..scale as usize {
        let digit = significant
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b - b'0'));
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit))
            .ok_or_else(too_large)?;
    }
    Ok(if negative { -value } else { value })
}

/// Formats `value / 10^scale` with exactly `min_places` decimals, or up to `scale` when needed.
pub(crate) fn format(value: i64, scale: u32, min_places: u32) -> String {
    let unit = 10_u64.pow(scale);
    let magnitude = value.unsigned_abs();
    let (whole, mut fraction) = (magnitude / unit, magnitude % unit);
    let mut places = scale;
    while places > min_places && fraction % 10 == 0 {
        fraction /= 10;
        places -= 1;
    }
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    let _ = write!(out, "{whole}");
    if places > 0 {
        let _ = write!(out, ".{fraction:0width$}", width = places as usize);
    }
    out
}

/// `numerator / denominator` rounded half away from zero (GST.md §4: half-up, never banker's).
/// The denominator must be positive.
#[must_use]
pub(crate) fn div_round_half_up(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse("12.5", 2), Ok(1250));
        assert_eq!(parse("0.10", 2), Ok(10));
        assert_eq!(parse("-3", 2), Ok(-300));
        assert_eq!(parse(".5", 2), Ok(50));
        assert_eq!(
            parse("1.230", 2),
            Ok(123),
            "trailing zeros are not precision"
        );
        assert!(matches!(
            parse("1.234", 2),
            Err(DecimalError::TooPrecise { .. })
        ));
        assert!(matches!(parse("1.", 2), Err(DecimalError::NotANumber(_))));
        assert!(matches!(parse("1e3", 2), Err(DecimalError::NotANumber(_))));
        assert!(matches!(
            parse("99999999999999999999", 2),
            Err(DecimalError::TooLarge(_))
        ));
        assert_eq!(parse("", 2), Err(DecimalError::Empty));
    }

    #[test]
    fn formats_with_minimum_places() {
        assert_eq!(format(123_456, 2, 2), "1234.56");
        assert_eq!(format(-5, 2, 2), "-0.05");
        assert_eq!(format(1800, 2, 0), "18");
        assert_eq!(format(25, 2, 0), "0.25");
        assert_eq!(format(750, 2, 0), "7.5");
        assert_eq!(format(2000, 3, 0), "2");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round_half_up(5, 10), 1);
        assert_eq!(div_round_half_up(4, 10), 0);
        assert_eq!(div_round_half_up(15, 10), 2, "not banker's: 1.5 → 2");
        assert_eq!(div_round_half_up(25, 10), 3, "not banker's: 2.5 → 3");
        assert_eq!(div_round_half_up(-5, 10), -1);
        assert_eq!(div_round_half_up(-4, 10), 0);
    }
}
