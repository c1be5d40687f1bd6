//! Master data: the parties a business trades with and the items it sells and buys. Every query
//! takes the organisation id. A record used by an issued document is archived, never deleted.

pub mod items;
pub mod parties;

use crate::ids::typed_id;

typed_id!(
    /// A customer or vendor of one organisation.
    PartyId
);
typed_id!(
    /// An item (goods or a service) of one organisation.
    ItemId
);

/// The name as lists sort and search it: Unicode lower case, trimmed, computed in Rust so that
/// both engines agree.
#[must_use]
pub fn search_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// `text` as a `LIKE` pattern that matches it literally (`%` and `_` escaped with `\`).
#[must_use]
pub(crate) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a page of a name-sorted list starts: after this name and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After<Id> {
    pub search_name: String,
    pub id: Id,
}
