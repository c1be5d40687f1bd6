//! How pages show values the Indian way (DESIGN.md §10): dates as `5 Oct 2026`, times in the
//! business's time zone (India Standard Time unless it says otherwise) on a 12-hour clock, money
//! as `₹1,23,456.00`. Month names and am/pm come from the catalogue, so Hindi pages say them in
//! Hindi.

use bahi_app::identity::zones;
use bahi_gst::Paise;
use time::{OffsetDateTime, UtcOffset};

use crate::i18n::{self, Lang};

fn offset(zone: &str) -> (UtcOffset, &'static str) {
    let (minutes, short) = zones::offset_of(zone);
    let offset = UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(UtcOffset::UTC);
    (offset, short)
}

/// `2026-10-05`, as forms and addresses write dates.
pub const ISO_DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// `5 Oct 2026`
#[must_use]
pub fn date(lang: Lang, day: time::Date) -> String {
    let month = i18n::text(lang, &format!("month-{}", u8::from(day.month())), &[]);
    format!("{} {month} {}", day.day(), day.year())
}

/// `Oct 2026`
#[must_use]
pub fn month(lang: Lang, day: time::Date) -> String {
    let month = i18n::text(lang, &format!("month-{}", u8::from(day.month())), &[]);
    format!("{month} {}", day.year())
}

/// `Oct 2026`, or for a quarter `Jul–Sep 2026`.
#[must_use]
pub fn period(lang: Lang, period: bahi_gst::Period) -> String {
    if period.is_quarter() {
        let first = i18n::text(lang, &format!("month-{}", u8::from(period.month())), &[]);
        format!("{first}–{}", month(lang, period.last_day()))
    } else {
        month(lang, period.first_day())
    }
}

/// `5 Oct 2026, 10:52 pm IST`: a moment in the business's time zone.
#[must_use]
pub fn moment(lang: Lang, t: OffsetDateTime, zone: &str) -> String {
    let (offset, short) = offset(zone);
    let local = t.to_offset(offset);
    let (hour, half) = match local.hour() {
        0 => (12, "time-am"),
        h @ 1..=11 => (h, "time-am"),
        12 => (12, "time-pm"),
        h => (h - 12, "time-pm"),
    };
    format!(
        "{}, {hour}:{:02} {} {short}",
        date(lang, local.date()),
        local.minute(),
        i18n::text(lang, half, &[])
    )
}

/// `₹1,23,456.00` (negative amounts with a leading minus).
#[must_use]
pub fn inr(amount: Paise) -> String {
    amount.to_inr()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn moments_are_in_india_standard_time_unless_told_otherwise() {
        let t = datetime!(2026-10-05 17:22 UTC);
        assert_eq!(
            moment(Lang::En, t, "Asia/Kolkata"),
            "5 Oct 2026, 10:52 pm IST"
        );
        assert_eq!(moment(Lang::En, t, "Asia/Dubai"), "5 Oct 2026, 9:22 pm GST");
        assert_eq!(
            moment(Lang::En, t, "Nowhere/Else"),
            "5 Oct 2026, 10:52 pm IST"
        );
        let midnight = datetime!(2026-10-05 18:30 UTC);
        assert_eq!(
            moment(Lang::En, midnight, "Asia/Kolkata"),
            "6 Oct 2026, 12:00 am IST"
        );
        assert!(moment(Lang::Hi, t, "Asia/Kolkata").starts_with("5 अक्टू॰ 2026"));
    }

    #[test]
    fn money_is_grouped_the_indian_way() {
        assert_eq!(inr(Paise::new(12_345_600)), "₹1,23,456.00");
        assert_eq!(inr(Paise::new(123_456_750)), "₹12,34,567.50");
        assert_eq!(inr(Paise::new(-5_000)), "-₹50.00");
        assert_eq!(inr(Paise::ZERO), "₹0.00");
    }
}
