//! The plain records the return builders read: one per issued or voided document, with the
//! settled amounts of each line.

use time::Date;

use crate::gstin::Gstin;
use crate::hsn::HsnSac;
use crate::money::Paise;
use crate::quantity::{Quantity, Rate};
use crate::settle::Treatment;
use crate::state::StateCode;
use crate::supply::{Import, Registration, SupplyType};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    Invoice,
    CreditNote,
    DebitNote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentStatus {
    Issued,
    /// Voided after issue: it keeps its number and counts as cancelled in table 13, nothing else.
    Void,
}

/// A sales line with its allocated (settled) amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesLine {
    pub hsn: HsnSac,
    pub description: String,
    /// GST unit quantity code (`NOS`, `KGS`, …); `NA` for services.
    pub uqc: String,
    pub quantity: Quantity,
    pub treatment: Treatment,
    pub rate: Rate,
    pub taxable_value: Paise,
    pub igst: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub cess: Paise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDetails {
    pub shipping_bill_no: Option<String>,
    pub shipping_bill_date: Option<Date>,
    pub port_code: Option<String>,
}

/// What a credit or debit note needs to know of its invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalInvoice {
    pub number: String,
    pub date: Date,
    /// The invoice's value as billed (after round-off).
    pub total: Paise,
}

/// An invoice, credit note or debit note. A note carries its original invoice's supply type,
/// place of supply and heads (GST.md §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesDocument {
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub number: String,
    /// The numbering series (`INV`, `CN`, …), for table 13.
    pub series: String,
    pub date: Date,
    pub buyer_registration: Registration,
    pub buyer_gstin: Option<Gstin>,
    pub supply_type: SupplyType,
    pub place_of_supply: StateCode,
    pub inter_state: bool,
    pub reverse_charge: bool,
    /// Zero-rated (SEZ, export) with payment of IGST.
    pub with_payment: bool,
    /// A deemed export (CGST Act s. 147: to an EOU, against an advance authorisation, …): a B2B
    /// supply taxed normally that GSTR-1 reports as `inv_typ` `DE`.
    pub deemed_export: bool,
    pub export: Option<ExportDetails>,
    /// Set on credit and debit notes.
    pub original: Option<OriginalInvoice>,
    pub lines: Vec<SalesLine>,
    /// Value as billed (after round-off).
    pub total: Paise,
}

/// Whether the tax on a purchase line may be claimed as input tax credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Itc {
    Eligible,
    /// Blocked by section 17(5).
    Ineligible,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseLine {
    pub treatment: Treatment,
    pub rate: Rate,
    pub itc: Itc,
    pub taxable_value: Paise,
    pub igst: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub cess: Paise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseDocument {
    pub status: DocumentStatus,
    pub date: Date,
    pub vendor_registration: Registration,
    pub reverse_charge: bool,
    pub import: Option<Import>,
    pub inter_state: bool,
    pub lines: Vec<PurchaseLine>,
}

impl SalesDocument {
    /// +1 for invoices and debit notes, −1 for credit notes: how the document moves a return.
    #[must_use]
    pub fn sign(&self) -> i64 {
        if self.kind == DocumentKind::CreditNote {
            -1
        } else {
            1
        }
    }

    pub(crate) fn counts(&self, period: crate::period::Period) -> bool {
        self.status == DocumentStatus::Issued && period.contains(self.date)
    }
}
