//! Master data: the parties a business trades with and the items it sells and buys.

pub mod items;
pub mod parties;
