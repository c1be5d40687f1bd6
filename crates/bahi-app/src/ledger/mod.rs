//! The books of account: the chart, postings from every document and payment (in the
//! transaction that records them), manual vouchers, opening balances, closed years and the
//! reports — all computed from the journal lines.

pub mod accounts;
pub mod ageing;
pub mod backfill;
pub mod book;
pub mod chart;
pub mod ledgers;
pub mod postings;
pub mod reports;
pub mod vouchers;
pub mod years;
