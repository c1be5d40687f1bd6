//! Effective-dated rate rules (GST.md §5 and §8), as data: which GST rates may be charged on a
//! date, when compensation cess ended, the B2CL threshold, and when GSTR-1's HSN table split.

use time::{Date, Month};

use crate::hsn::HsnSac;
use crate::money::Paise;
use crate::period::Period;
use crate::quantity::Rate;

/// Half-open date range `[from, until)`; `None` is open-ended.
#[derive(Debug, Clone, Copy)]
struct Window {
    from: Option<(i32, Month, u8)>,
    until: Option<(i32, Month, u8)>,
}

impl Window {
    const ALWAYS: Self = Self {
        from: None,
        until: None,
    };

    fn contains(self, date: Date) -> bool {
        let day =
            |(y, m, d): (i32, Month, u8)| Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN);
        self.from.is_none_or(|f| date >= day(f)) && self.until.is_none_or(|u| date < day(u))
    }
}

/// 22 September 2025: the rate rationalisation (most goods to 5 / 18 / 40).
const RATIONALISATION: (i32, Month, u8) = (2025, Month::September, 22);
/// 1 February 2026: compensation cess ends for tobacco too.
const CESS_ENDS_FOR_TOBACCO: (i32, Month, u8) = (2026, Month::February, 1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Accepted,
    /// Accepted, with a warning to check the goods still carry this rate.
    HeldBack,
}

/// GST rates in hundredths of a percent, with the dates they may be charged.
const GST_RATES: &[(u32, Window, Standing)] = &[
    (0, Window::ALWAYS, Standing::Accepted),
    (10, Window::ALWAYS, Standing::Accepted),
    (25, Window::ALWAYS, Standing::Accepted),
    (100, Window::ALWAYS, Standing::Accepted),
    (150, Window::ALWAYS, Standing::Accepted),
    (300, Window::ALWAYS, Standing::Accepted),
    (500, Window::ALWAYS, Standing::Accepted),
    (600, Window::ALWAYS, Standing::Accepted),
    (750, Window::ALWAYS, Standing::Accepted),
    (
        1200,
        Window {
            from: None,
            until: Some(RATIONALISATION),
        },
        Standing::Accepted,
    ),
    (
        1200,
        Window {
            from: Some(RATIONALISATION),
            until: None,
        },
        Standing::HeldBack,
    ),
    (1800, Window::ALWAYS, Standing::Accepted),
    (
        2800,
        Window {
            from: None,
            until: Some(RATIONALISATION),
        },
        Standing::Accepted,
    ),
    (
        2800,
        Window {
            from: Some(RATIONALISATION),
            until: None,
        },
        Standing::HeldBack,
    ),
    (
        4000,
        Window {
            from: Some(RATIONALISATION),
            until: None,
        },
        Standing::Accepted,
    ),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    #[error(
        "{rate}% is not a GST rate on {date}; rates are 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28 and, from 22 September 2025, 40"
    )]
    NotAGstRate { rate: Rate, date: Date },
    #[error("compensation cess ended on 1 February 2026; remove the cess rate")]
    CessEnded,
    #[error("compensation cess ended on 22 September 2025 except for tobacco (HSN chapter 24)")]
    CessOnlyForTobacco,
}

/// A rate that is legal but worth a second look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateWarning(pub String);

/// Checks a GST rate against the rates in force on `date`.
pub fn check_gst_rate(date: Date, rate: Rate) -> Result<Option<RateWarning>, RateError> {
    let standing = GST_RATES
        .iter()
        .find(|(r, window, _)| *r == rate.hundredths() && window.contains(date))
        .map(|(_, _, s)| *s)
        .ok_or(RateError::NotAGstRate { rate, date })?;
    Ok(match standing {
        Standing::Accepted => None,
        Standing::HeldBack => Some(RateWarning(format!(
            "{rate}% applies to only a few goods since 22 September 2025 (most moved to 5, 18 or 40%); check this item's rate"
        ))),
    })
}

/// Checks a compensation cess rate: nil for most goods from 22 September 2025, and for tobacco
/// (HSN chapter 24) from 1 February 2026.
pub fn check_cess(date: Date, cess_rate: Rate, hsn: Option<&HsnSac>) -> Result<(), RateError> {
    if cess_rate.is_zero() {
        return Ok(());
    }
    let tobacco = hsn.is_some_and(|h| h.chapter() == "24");
    let ended_for_all = Window {
        from: Some(CESS_ENDS_FOR_TOBACCO),
        until: None,
    };
    let ended_except_tobacco = Window {
        from: Some(RATIONALISATION),
        until: None,
    };
    if ended_for_all.contains(date) {
        Err(RateError::CessEnded)
    } else if ended_except_tobacco.contains(date) && !tobacco {
        Err(RateError::CessOnlyForTobacco)
    } else {
        Ok(())
    }
}

/// B2CL: an inter-state invoice to an unregistered buyer above this value is reported invoice by
/// invoice — ₹2,50,000 for invoices dated up to 31 July 2024, ₹1,00,000 after.
#[must_use]
pub fn b2cl_threshold(date: Date) -> Paise {
    let lowered = Window {
        from: Some((2024, Month::August, 1)),
        until: None,
    };
    if lowered.contains(date) {
        Paise::new(10_000_000)
    } else {
        Paise::new(25_000_000)
    }
}

/// From periods starting 1 May 2025, GSTR-1's HSN table is split into B2B and B2C rows.
#[must_use]
pub fn hsn_split(period: Period) -> bool {
    Window {
        from: Some((2025, Month::May, 1)),
        until: None,
    }
    .contains(period.first_day())
}
