//! bahi's GST engine: every rule of GST.md as pure functions over exact values. No I/O, no
//! floating point; invoicing, returns and PDFs all call it, and nothing else computes tax.

mod fixed;
pub mod gstin;
pub mod hsn;
pub mod irn;
pub mod money;
pub mod notes;
pub mod numbering;
pub mod period;
pub mod quantity;
pub mod rates;
pub mod returns;
mod serde_text;
pub mod settle;
pub mod state;
pub mod supply;
pub mod uqc;
pub mod words;

pub use fixed::DecimalError;
pub use gstin::{Gstin, GstinError, GstinKind, GstinPart, Pan};
pub use hsn::{HsnSac, SupplyKind};
pub use money::Paise;
pub use numbering::{DocumentNumber, NumberFormat, YearStyle};
pub use period::{FinancialYear, Period};
pub use quantity::{Quantity, Rate};
pub use settle::{Line, Settlement, Treatment, settle};
pub use state::StateCode;
pub use supply::{Levy, Registration, SupplyType};
pub use uqc::Uqc;
pub use words::amount_in_words;
