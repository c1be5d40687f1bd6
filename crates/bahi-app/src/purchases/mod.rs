//! Buying: purchase bills recorded as vendors issued them, with reverse charge, imports of goods
//! (bill of entry) and of services, and input tax credit eligibility per line.

pub mod bills;
