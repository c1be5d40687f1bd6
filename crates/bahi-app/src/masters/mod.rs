//! Master data: the parties a business trades with and the items it sells and buys.

pub mod hsn_help;
pub mod hsn_list;
pub mod hsn_model;
pub mod items;
pub mod parties;
