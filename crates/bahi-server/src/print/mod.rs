//! Documents as PDF (`bahi-pdf`): an invoice, bill of supply or note, a bill's self-invoice,
//! a payment's receipt. The API (`GET …/pdf`) and the pages (the download button, the preview)
//! answer with the same file: what is printed is read here from the use cases and the
//! organisation's settings, laid out off the async threads (`render`), and sent with the
//! document's number as its file name.

mod letterhead;
pub mod logo;
pub mod mail;
pub mod purchases;
pub mod receipts;
pub mod render;
pub mod sales;
