//! GSTR-1 and GSTR-3B built from plain document records (GST.md §7–§8). The records are this
//! crate's own types, filled by whatever stores the documents; the builders only add settled
//! amounts and never recompute tax.

pub mod gstr1;
pub mod gstr3b;
mod json;
mod record;

pub use json::{Amount, Number};
pub use record::{
    DocumentKind, DocumentStatus, ExportDetails, Itc, OriginalInvoice, PurchaseDocument,
    PurchaseLine, SalesDocument, SalesLine,
};
