//! The books of account: the chart (groups and accounts), journals and their lines, the daily
//! sums the reports read, and closed financial years. Every query takes the organisation id.
//!
//! A journal is written whole by [`journals::post`], which refuses one that does not balance
//! (checked against the lines as stored, in the same transaction) or that is dated in a closed
//! year, and moves `ledger_days` with it.

pub mod accounts;
pub mod backfill;
pub mod journals;
pub mod reports;
pub mod years;

use crate::column::as_name;
use crate::ids::typed_id;

typed_id!(
    /// A group of accounts (Schedule III's headings and the business's own).
    GroupId
);
typed_id!(
    /// An account of one organisation's books.
    AccountId
);
typed_id!(
    /// A journal (voucher) of one organisation's books.
    JournalId
);

/// Defines an enumeration stored by its name (the column's CHECK allows only these).
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

        as_name!($name);
    };
}

named!(
    /// What an account holds, which decides where it is reported and which side is its normal
    /// balance (assets and expenses debit, the rest credit).
    Nature {
        Asset = "asset",
        Liability = "liability",
        Equity = "equity",
        Income = "income",
        Expense = "expense",
    }
);

impl Nature {
    /// Income and expenses start each financial year at nothing; their balance is the year's
    /// profit, carried into equity.
    #[must_use]
    pub fn is_profit_and_loss(self) -> bool {
        matches!(self, Self::Income | Self::Expense)
    }
}

named!(
    /// What a journal records.
    JournalKind {
        Sale = "sale",
        CreditNote = "credit_note",
        DebitNote = "debit_note",
        Purchase = "purchase",
        /// Money received.
        Receipt = "receipt",
        /// Money paid out.
        Payment = "payment",
        /// An advance allocated to documents later.
        Allocation = "allocation",
        /// A manual voucher.
        Journal = "journal",
        Opening = "opening",
        /// Undoes another journal (a void).
        Reversal = "reversal",
    }
);

named!(
    /// What a journal was posted from.
    Source {
        SalesDocument = "sales_document",
        PurchaseBill = "purchase_bill",
        Payment = "payment",
        /// The balances a business brought from its earlier books.
        Opening = "opening",
    }
);
