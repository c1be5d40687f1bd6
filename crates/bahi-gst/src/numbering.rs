//! Document numbers (GST.md §6): at most 16 characters from `A-Z 0-9 / -`, not starting with
//! `0`, `/` or `-`; by default `{SERIES}/{YY-YY}/{NNNN}`, unique and consecutive per
//! organisation, series and financial year.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::period::FinancialYear;

pub const MAX_LEN: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("document number is empty")]
    Empty,
    #[error("document number {0} has {1} characters; at most 16 are allowed")]
    TooLong(String, usize),
    #[error("document number {0:?} may contain only A-Z, 0-9, / and -")]
    Characters(String),
    #[error("document number {0} must not start with 0, / or -")]
    Start(String),
    #[error("document number {0:?} may contain only letters, digits, / and - (Rule 46)")]
    RecordedCharacters(String),
    #[error("series is empty")]
    EmptySeries,
    #[error("series {0:?} may contain only A-Z, 0-9, / and -")]
    SeriesCharacters(String),
    #[error("series {0} must not start with 0, / or -")]
    SeriesStart(String),
    #[error(
        "{series} is too long: numbers would look like {example} ({len} characters, at most 16); with this year style and {width}-digit counters a prefix can have at most {max} characters"
    )]
    SeriesTooLong {
        series: String,
        example: String,
        len: usize,
        width: u8,
        max: usize,
    },
    #[error("counter width must be from 1 to 8 digits, not {0}")]
    Width(u8),
    #[error(
        "series {series} has used every number that fits in 16 characters ({last}); start a new series"
    )]
    Exhausted { series: String, last: u64 },
}

fn allowed(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'/' || b == b'-'
}

fn bad_start(b: u8) -> bool {
    matches!(b, b'0' | b'/' | b'-')
}

impl DocumentNumber {
    /// Validates a number chosen by the user (e.g. when importing old invoices).
    pub fn parse(text: &str) -> Result<Self, NumberError> {
        let t = text.trim();
        let Some(&first) = t.as_bytes().first() else {
            return Err(NumberError::Empty);
        };
        if !t.bytes().all(allowed) {
            return Err(NumberError::Characters(t.to_owned()));
        }
        if t.len() > MAX_LEN {
            return Err(NumberError::TooLong(t.to_owned(), t.len()));
        }
        if bad_start(first) {
            return Err(NumberError::Start(t.to_owned()));
        }
        Ok(Self(t.to_owned()))
    }

    /// Validates a number bahi records but did not issue — a vendor's bill, a document imported
    /// from another system — by Rule 46(b) alone: at most 16 characters, letters of either case,
    /// digits, `-` and `/`, in any order (a leading `0` included). Kept as written. The stricter
    /// [`parse`](Self::parse) (the e-invoice pattern) is for numbers bahi issues.
    pub fn recorded(text: &str) -> Result<Self, NumberError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(NumberError::Empty);
        }
        if !t
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'-')
        {
            return Err(NumberError::RecordedCharacters(t.to_owned()));
        }
        if t.len() > MAX_LEN {
            return Err(NumberError::TooLong(t.to_owned(), t.len()));
        }
        Ok(Self(t.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DocumentNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// How the financial year appears in a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum YearStyle {
    /// `26-27`: the default, as GST.md §6 shows it.
    #[default]
    Short,
    /// `2026-27`.
    Long,
    /// `2026`: the calendar year the financial year starts in.
    Start,
}

impl YearStyle {
    pub const ALL: [Self; 3] = [Self::Short, Self::Long, Self::Start];

    /// The name clients use: `YY-YY`, `YYYY-YY`, `YYYY`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Short => "YY-YY",
            Self::Long => "YYYY-YY",
            Self::Start => "YYYY",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }

    #[must_use]
    pub fn render(self, year: FinancialYear) -> String {
        match self {
            Self::Short => year.short(),
            Self::Long => year.to_string(),
            Self::Start => format!("{:04}", year.start_year()),
        }
    }

    /// Characters the year takes in a number.
    #[must_use]
    pub fn width(self) -> usize {
        self.as_str().len()
    }
}

/// How an organisation numbers one series: `{PREFIX}/{year}/{counter, zero-padded to width}`.
/// The series is the name documents and counters are kept under (`INV`); the prefix is what a
/// number starts with, the series itself unless the organisation chose another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    series: String,
    prefix: String,
    year: YearStyle,
    width: u8,
}

/// Checks a series or prefix: upper-cased, only `A-Z 0-9 / -`, not starting with `0`, `/`, `-`.
fn name(text: &str) -> Result<String, NumberError> {
    let text = text.trim().to_ascii_uppercase();
    let Some(&first) = text.as_bytes().first() else {
        return Err(NumberError::EmptySeries);
    };
    if !text.bytes().all(allowed) {
        return Err(NumberError::SeriesCharacters(text));
    }
    if bad_start(first) {
        return Err(NumberError::SeriesStart(text));
    }
    Ok(text)
}

impl NumberFormat {
    pub const DEFAULT_WIDTH: u8 = 4;

    /// The default format of a series: the series as prefix, `YY-YY`, `width` digits.
    pub fn new(series: &str, width: u8) -> Result<Self, NumberError> {
        Self::custom(series, series, YearStyle::Short, width)
    }

    /// A series numbered `{prefix}/{year}/{counter}`, refused when its numbers could pass 16
    /// characters before the counter outgrows `width`.
    pub fn custom(
        series: &str,
        prefix: &str,
        year: YearStyle,
        width: u8,
    ) -> Result<Self, NumberError> {
        let series = name(series)?;
        if series.len() > MAX_LEN {
            return Err(NumberError::TooLong(series.clone(), series.len()));
        }
        let prefix = name(prefix)?;
        if !(1..=8).contains(&width) {
            return Err(NumberError::Width(width));
        }
        let fixed = 2 + year.width();
        let len = prefix.len() + fixed + usize::from(width);
        if len > MAX_LEN {
            let example = format!(
                "{prefix}/{}/{:0w$}",
                year.render(FinancialYear::starting(2026)),
                1,
                w = usize::from(width)
            );
            let max = MAX_LEN.saturating_sub(fixed + usize::from(width));
            return Err(NumberError::SeriesTooLong {
                series: prefix,
                example,
                len,
                width,
                max,
            });
        }
        Ok(Self {
            series,
            prefix,
            year,
            width,
        })
    }

    #[must_use]
    pub fn series(&self) -> &str {
        &self.series
    }

    #[must_use]
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    #[must_use]
    pub fn year_style(&self) -> YearStyle {
        self.year
    }

    #[must_use]
    pub fn width(&self) -> u8 {
        self.width
    }

    /// The number for the `counter`-th document (from 1) of a series in a financial year.
    /// Counters past the width simply grow (`INV/26-27/10000`) while the number still fits.
    pub fn format(&self, year: FinancialYear, counter: u64) -> Result<DocumentNumber, NumberError> {
        let text = format!(
            "{}/{}/{:0w$}",
            self.prefix,
            self.year.render(year),
            counter,
            w = usize::from(self.width)
        );
        if text.len() > MAX_LEN {
            return Err(NumberError::Exhausted {
                series: self.series.clone(),
                last: counter.saturating_sub(1),
            });
        }
        DocumentNumber::parse(&text)
    }
}
