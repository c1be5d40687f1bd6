//! How pages show values: moments in Indian style (`27 Nov 2026, 16:52 UTC`).

use time::OffsetDateTime;

/// A moment as pages show it (DESIGN.md §10: Indian date conventions).
#[must_use]
pub fn moment(t: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[day padding:none] [month repr:short] [year], [hour]:[minute] UTC"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}
