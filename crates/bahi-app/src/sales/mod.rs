//! Selling: tax invoices and bills of supply (drafts, issue, void), credit and debit notes.
//! Documents are composed from their input by [`compose`] — the customer's registration, the
//! place of supply and the engine's settlement — and written with their number and audit event
//! in one transaction.

pub mod compose;
pub mod dashboard;
pub mod email;
pub mod invoices;
pub mod notes;
pub(crate) mod numbering;
pub mod public_links;
pub mod reminders;
pub mod series;
pub mod upi;
pub mod whatsapp;

pub use compose::{ExportInput, LineInput};
