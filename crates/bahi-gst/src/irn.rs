//! The e-invoice Invoice Reference Number (GST.md §9).

use sha2::{Digest, Sha256};

use crate::gstin::Gstin;
use crate::period::FinancialYear;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IrnDocType {
    Invoice,
    CreditNote,
    DebitNote,
}

impl IrnDocType {
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Invoice => "INV",
            Self::CreditNote => "CRN",
            Self::DebitNote => "DBN",
        }
    }
}

/// Lower-case hex SHA-256 of supplier GSTIN + `YYYY-YY` + INV|CRN|DBN + document number.
#[must_use]
pub fn irn(supplier: &Gstin, year: FinancialYear, doc_type: IrnDocType, number: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(supplier.as_str().as_bytes());
    hash.update(year.to_string().as_bytes());
    hash.update(doc_type.code().as_bytes());
    hash.update(number.as_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
