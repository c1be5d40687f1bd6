//! Financial years (April to March) and monthly return periods.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// A financial year, named by the calendar year it starts in: 2026 is FY 2026-27.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear(i32);

impl FinancialYear {
    /// April 1 starts a financial year: 2026-10-05 is in 2026-27, 2027-03-31 too.
    #[must_use]
    pub fn of(date: Date) -> Self {
        if date.month() >= Month::April {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    #[must_use]
    pub const fn starting(year: i32) -> Self {
        Self(year)
    }

    #[must_use]
    pub fn start_year(self) -> i32 {
        self.0
    }

    /// `26-27`, as document numbers carry it.
    #[must_use]
    pub fn short(self) -> String {
        format!(
            "{:02}-{:02}",
            self.0.rem_euclid(100),
            (self.0 + 1).rem_euclid(100)
        )
    }

    #[must_use]
    pub fn first_day(self) -> Option<Date> {
        Date::from_calendar_date(self.0, Month::April, 1).ok()
    }

    #[must_use]
    pub fn last_day(self) -> Option<Date> {
        Date::from_calendar_date(self.0 + 1, Month::March, 31).ok()
    }

    #[must_use]
    pub fn contains(self, date: Date) -> bool {
        Self::of(date) == self
    }
}

/// `2026-27`, as the e-invoice IRN and people write it.
impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }
}

/// A monthly return period: `2026-10` in the API, `102026` in GSTN's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: Month,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("period must be YYYY-MM, e.g. 2026-10; got {0:?}")]
    Format(String),
    #[error("GSTN period must be MMYYYY, e.g. 102026; got {0:?}")]
    GstnFormat(String),
    #[error("month must be 01 to 12; got {0:?}")]
    Month(String),
    #[error("year {0} is outside 2017 (GST began) to 9999")]
    Year(i32),
}

impl Period {
    pub fn new(year: i32, month: u8) -> Result<Self, PeriodError> {
        if !(2017..=9999).contains(&year) {
            return Err(PeriodError::Year(year));
        }
        let month = Month::try_from(month).map_err(|_| PeriodError::Month(month.to_string()))?;
        Ok(Self { year, month })
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let b = t.as_bytes();
        let shape = b.len() == 7
            && b[4] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit());
        if !shape {
            return Err(PeriodError::Format(t.to_owned()));
        }
        let year = t[..4]
            .parse()
            .map_err(|_| PeriodError::Format(t.to_owned()))?;
        let month = t[5..]
            .parse()
            .map_err(|_| PeriodError::Month(t[5..].to_owned()))?;
        Self::new(year, month)
    }

    /// Reads GSTN's `MMYYYY`.
    pub fn parse_gstn(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError::GstnFormat(t.to_owned()));
        }
        let month = t[..2]
            .parse()
            .map_err(|_| PeriodError::GstnFormat(t.to_owned()))?;
        let year = t[2..]
            .parse()
            .map_err(|_| PeriodError::GstnFormat(t.to_owned()))?;
        Self::new(year, month)
    }

    #[must_use]
    pub fn of(date: Date) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// `MMYYYY`, the `ret_period` / `fp` of GSTN's JSON.
    #[must_use]
    pub fn gstn(self) -> String {
        format!("{:02}{}", self.month as u8, self.year)
    }

    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    #[must_use]
    pub fn month(self) -> Month {
        self.month
    }

    #[must_use]
    pub fn first_day(self) -> Date {
        Date::from_calendar_date(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    #[must_use]
    pub fn last_day(self) -> Date {
        let first = self.first_day();
        first
            .replace_day(time::util::days_in_month(self.month, self.year))
            .unwrap_or(first)
    }

    #[must_use]
    pub fn contains(self, date: Date) -> bool {
        date.year() == self.year && date.month() == self.month
    }

    /// The month after (saturating at 9999-12).
    #[must_use]
    pub fn next(self) -> Self {
        match self.month {
            Month::December if self.year < 9999 => Self {
                year: self.year + 1,
                month: Month::January,
            },
            Month::December => self,
            m => Self {
                year: self.year,
                month: m.next(),
            },
        }
    }

    /// The month before (saturating at 2017-01).
    #[must_use]
    pub fn previous(self) -> Self {
        match self.month {
            Month::January if self.year > 2017 => Self {
                year: self.year - 1,
                month: Month::December,
            },
            Month::January => self,
            m => Self {
                year: self.year,
                month: m.previous(),
            },
        }
    }

    #[must_use]
    pub fn financial_year(self) -> FinancialYear {
        FinancialYear::of(self.first_day())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month as u8)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}
