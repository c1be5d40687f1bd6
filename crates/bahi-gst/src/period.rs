//! Financial years (April to March) and return periods: a month, or a quarter for those who
//! file quarterly (QRMP).

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

/// A return period: a month (`2026-10` in the API, `102026` in GSTN's JSON), or for a
/// quarterly filer under QRMP a calendar quarter (`2026-Q3` is July to September 2026, the
/// portal's quarter 2 of 2026-27; GSTN's JSON names a quarter by its last month, `092026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    /// The first month.
    month: Month,
    quarter: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("period must be YYYY-MM or YYYY-Qn, e.g. 2026-10 or 2026-Q3; got {0:?}")]
    Format(String),
    #[error("GSTN period must be MMYYYY, e.g. 102026; got {0:?}")]
    GstnFormat(String),
    #[error("month must be 01 to 12; got {0:?}")]
    Month(String),
    #[error("quarter must be Q1 to Q4; got {0:?}")]
    Quarter(String),
    #[error("year {0} is outside 2017 (GST began) to 9999")]
    Year(i32),
}

impl Period {
    /// A month.
    pub fn new(year: i32, month: u8) -> Result<Self, PeriodError> {
        if !(2017..=9999).contains(&year) {
            return Err(PeriodError::Year(year));
        }
        let month = Month::try_from(month).map_err(|_| PeriodError::Month(month.to_string()))?;
        Ok(Self {
            year,
            month,
            quarter: false,
        })
    }

    /// Calendar quarter `q` (1 to 4) of `year`.
    pub fn quarter(year: i32, q: u8) -> Result<Self, PeriodError> {
        if !(1..=4).contains(&q) {
            return Err(PeriodError::Quarter(format!("Q{q}")));
        }
        Ok(Self {
            quarter: true,
            ..Self::new(year, 3 * q - 2)?
        })
    }

    /// Reads `YYYY-MM` or `YYYY-Qn`.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let format = || PeriodError::Format(t.to_owned());
        let (year, rest) = t.split_once('-').ok_or_else(format)?;
        if year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format());
        }
        let year = year.parse().map_err(|_| format())?;
        match rest.as_bytes() {
            [b'Q' | b'q', q] if q.is_ascii_digit() => Self::quarter(year, q - b'0'),
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                let month = rest
                    .parse()
                    .map_err(|_| PeriodError::Month(rest.to_owned()))?;
                Self::new(year, month)
            }
            _ => Err(format()),
        }
    }

    /// Reads GSTN's `MMYYYY` (a month).
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

    /// The month `date` falls in.
    #[must_use]
    pub fn of(date: Date) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            quarter: false,
        }
    }

    /// The quarter `date` falls in.
    #[must_use]
    pub fn quarter_of(date: Date) -> Self {
        let first = (u8::from(date.month()) - 1) / 3 * 3 + 1;
        Self {
            year: date.year(),
            month: Month::try_from(first).unwrap_or(Month::January),
            quarter: true,
        }
    }

    #[must_use]
    pub fn is_quarter(self) -> bool {
        self.quarter
    }

    /// The months of the period: itself, or a quarter's three.
    pub fn months(self) -> impl Iterator<Item = Self> {
        let first = Self {
            quarter: false,
            ..self
        };
        let count = if self.quarter { 3 } else { 1 };
        std::iter::successors(Some(first), |m| Some(m.next())).take(count)
    }

    /// The last month of the period.
    #[must_use]
    pub fn last_month(self) -> Self {
        self.months().last().unwrap_or(self)
    }

    /// `MMYYYY` of its last month, the `ret_period` / `fp` of GSTN's JSON.
    #[must_use]
    pub fn gstn(self) -> String {
        let last = self.last_month();
        format!("{:02}{}", last.month as u8, last.year)
    }

    /// The year of its first month.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    /// Its first month.
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
        let last = self.last_month();
        let first = last.first_day();
        first
            .replace_day(time::util::days_in_month(last.month, last.year))
            .unwrap_or(first)
    }

    #[must_use]
    pub fn contains(self, date: Date) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The period after, of the same length (saturating at the end of 9999).
    #[must_use]
    pub fn next(self) -> Self {
        let step = if self.quarter { 3 } else { 1 };
        let index = self.year * 12 + i32::from(u8::from(self.month)) - 1 + step;
        self.at(index)
    }

    /// The period before, of the same length (saturating at the start of 2017).
    #[must_use]
    pub fn previous(self) -> Self {
        let step = if self.quarter { 3 } else { 1 };
        let index = self.year * 12 + i32::from(u8::from(self.month)) - 1 - step;
        self.at(index)
    }

    /// This kind of period starting at month `index` (years × 12 + month − 1), or `self` when
    /// that is outside 2017 to 9999.
    fn at(self, index: i32) -> Self {
        let year = index.div_euclid(12);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        match (Month::try_from(month), (2017..=9999).contains(&year)) {
            (Ok(month), true) => Self {
                year,
                month,
                quarter: self.quarter,
            },
            _ => self,
        }
    }

    #[must_use]
    pub fn financial_year(self) -> FinancialYear {
        FinancialYear::of(self.first_day())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quarter {
            write!(f, "{}-Q{}", self.year, (self.month as u8 - 1) / 3 + 1)
        } else {
            write!(f, "{}-{:02}", self.year, self.month as u8)
        }
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
