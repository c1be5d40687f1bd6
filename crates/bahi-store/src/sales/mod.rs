//! Sales documents: tax invoices, bills of supply, credit and debit notes, with their lines and
//! settled amounts, and the counters their numbers come from. Every query takes the
//! organisation id.

pub mod counters;
pub mod documents;
pub mod public_links;
pub mod reminders;
pub mod series;

use crate::column::Column;
use crate::ids::typed_id;

typed_id!(
    /// An invoice, bill of supply, credit note or debit note of one organisation.
    DocumentId
);

/// Defines an enumeration stored by its name (the column's CHECK allows only these).
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }

            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl Column for $name {
            type Stored = String;
            fn to_stored(&self) -> String {
                self.as_str().to_owned()
            }
            fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
                Self::parse(&stored)
                    .ok_or_else(|| format!("{stored:?} is not a {}", stringify!($name)).into())
            }
        }
    };
}

named!(
    /// What a sales document is.
    DocKind {
        Invoice = "invoice",
        /// Issued instead of a tax invoice when no line is taxable (CGST Rule 49).
        BillOfSupply = "bill_of_supply",
        CreditNote = "credit_note",
        DebitNote = "debit_note",
    }
);

named!(
    /// Where a document is in its life: editable, issued (immutable), or voided after issue.
    DocStatus {
        Draft = "draft",
        Issued = "issued",
        Void = "void",
    }
);

impl DocKind {
    #[must_use]
    pub fn is_note(self) -> bool {
        matches!(self, Self::CreditNote | Self::DebitNote)
    }
}
