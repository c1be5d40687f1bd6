//! The time zones a business can keep its times in. Only zones without daylight saving, so a
//! fixed offset is exact all year (India Standard Time first; the neighbours and the Gulf, where
//! many Indian businesses trade, after it).

/// `(IANA name, offset from UTC in minutes, short name)`
pub const ZONES: &[(&str, i32, &str)] = &[
    ("Asia/Kolkata", 330, "IST"),
    ("Asia/Kathmandu", 345, "NPT"),
    ("Asia/Dhaka", 360, "BST"),
    ("Asia/Colombo", 330, "SLST"),
    ("Asia/Dubai", 240, "GST"),
    ("Asia/Riyadh", 180, "AST"),
    ("Asia/Singapore", 480, "SGT"),
    ("Etc/UTC", 0, "UTC"),
];

/// The offset (minutes) and short name of a zone; India Standard Time for anything unknown.
#[must_use]
pub fn offset_of(zone: &str) -> (i32, &'static str) {
    ZONES
        .iter()
        .find(|(name, _, _)| *name == zone)
        .map_or((330, "IST"), |(_, minutes, short)| (*minutes, *short))
}

#[must_use]
pub fn is_known(zone: &str) -> bool {
    ZONES.iter().any(|(name, _, _)| *name == zone)
}

/// The date in `zone` at `at` (a business's date of something that happened).
#[must_use]
pub fn date_at(zone: &str, at: time::OffsetDateTime) -> time::Date {
    let (minutes, _) = offset_of(zone);
    let offset = time::UtcOffset::from_whole_seconds(minutes * 60).unwrap_or(time::UtcOffset::UTC);
    at.to_offset(offset).date()
}
