//! What a printed document says, as the caller knows it: typed money, dates and rates. How it
//! reads on paper (grouping, words, the HSN summary) is worked out in `sheet.rs`.

use bahi_gst::{Paise, Rate};
use time::Date;

use crate::logo::Logo;

/// Which document is printed; each has its own title and its own particulars (Rule 46, 46A,
/// 49, 51, 53 and Section 31(3)(f) of the CGST Act).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    TaxInvoice,
    /// No tax charged: exempt or nil-rated supplies, or a composition dealer's sale.
    BillOfSupply,
    /// Zero-rated: an export or a supply to an SEZ (with or without payment of IGST).
    ExportInvoice,
    CreditNote,
    DebitNote,
    /// Issued to itself by a buyer paying tax on reverse charge for a purchase from an
    /// unregistered supplier (Section 31(3)(f)).
    SelfInvoice,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::TaxInvoice => "tax_invoice",
            Self::BillOfSupply => "bill_of_supply",
            Self::ExportInvoice => "export_invoice",
            Self::CreditNote => "credit_note",
            Self::DebitNote => "debit_note",
            Self::SelfInvoice => "self_invoice",
        }
    }
}

/// Which of Rule 48's copies this one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    Original,
    Duplicate,
    Triplicate,
}

impl Copy {
    /// `original`, `duplicate` or `triplicate` (as `?copy=` says it).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "original" => Some(Self::Original),
            "duplicate" => Some(Self::Duplicate),
            "triplicate" => Some(Self::Triplicate),
            _ => None,
        }
    }

    pub(crate) fn words(self) -> &'static str {
        match self {
            Self::Original => "Original for recipient",
            Self::Duplicate => "Duplicate for transporter",
            Self::Triplicate => "Triplicate for supplier",
        }
    }
}

/// An A4 sheet, or an 80 mm roll of a counter's thermal printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Thermal,
}

/// A supplier or a recipient as the document names them.
#[derive(Debug, Clone, Default)]
pub struct Party {
    pub name: String,
    /// The name the business trades under, when it differs from its legal name.
    pub trade_name: Option<String>,
    pub address: Option<String>,
    pub gstin: Option<String>,
    /// `Karnataka (29)`; `None` for a party abroad.
    pub state: Option<String>,
    pub country: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The document a note corrects.
#[derive(Debug, Clone)]
pub struct Reference {
    pub number: String,
    pub date: Date,
}

/// Rule 46's particulars of a zero-rated supply.
#[derive(Debug, Clone)]
pub struct Export {
    pub sez: bool,
    /// With payment of IGST, rather than under bond or letter of undertaking.
    pub with_payment: bool,
    pub shipping_bill_number: Option<String>,
    pub shipping_bill_date: Option<Date>,
    pub port_code: Option<String>,
}

impl Export {
    /// The declaration Rule 46's proviso asks a zero-rated invoice to carry.
    pub(crate) fn declaration(&self) -> String {
        let to = if self.sez {
            "Supply meant for SEZ unit or SEZ developer for authorised operations"
        } else {
            "Supply meant for export"
        };
        if self.with_payment {
            format!("{to} on payment of integrated tax")
        } else {
            format!("{to} under bond or letter of undertaking without payment of integrated tax")
        }
    }
}

#[derive(Debug, Clone)]
pub struct Line {
    pub description: String,
    pub hsn_sac: String,
    /// `None` for a note's line that changes a value only.
    pub quantity: Option<String>,
    /// The unit quantity code (`NOS`, `KGS`).
    pub unit: Option<String>,
    pub unit_price: Paise,
    pub discount: Paise,
    pub taxable_value: Paise,
    pub gst_rate: Rate,
    pub cess_rate: Rate,
    pub cgst: Paise,
    pub sgst: Paise,
    pub igst: Paise,
    pub cess: Paise,
    pub total: Paise,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub taxable_value: Paise,
    pub cgst: Paise,
    pub sgst: Paise,
    pub igst: Paise,
    pub cess: Paise,
    pub round_off: Paise,
    pub total: Paise,
    /// Received so far (payments, and what credit notes took off).
    pub paid: Paise,
    pub balance: Paise,
}

#[derive(Debug, Clone)]
pub struct Bank {
    pub name: Option<String>,
    pub account_number: String,
    pub ifsc: String,
}

/// The balance payable by UPI: the `upi://pay` link a QR code on the document carries.
#[derive(Debug, Clone)]
pub struct Upi {
    pub link: String,
    pub vpa: String,
    pub amount: Paise,
}

/// An invoice, bill of supply, note or self-invoice, ready to print.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub copy: Option<Copy>,
    /// Not issued: printed with a watermark and no number.
    pub draft: bool,
    pub void: bool,
    pub number: Option<String>,
    pub date: Date,
    pub due_date: Option<Date>,
    pub seller: Party,
    pub buyer: Party,
    /// `Karnataka (29)`
    pub place_of_supply: String,
    pub inter_state: bool,
    /// Whether the place of supply is a Union territory without a legislature: its head is
    /// UTGST rather than SGST.
    pub utgst: bool,
    pub reverse_charge: bool,
    /// A composition dealer's bill of supply (Rule 46A's declaration).
    pub composition: bool,
    pub original: Option<Reference>,
    pub reason: Option<String>,
    pub export: Option<Export>,
    /// A purchase: the supplier's own invoice number and date.
    pub supplier_reference: Option<Reference>,
    pub lines: Vec<Line>,
    pub totals: Totals,
    pub bank: Option<Bank>,
    pub upi: Option<Upi>,
    pub notes: Option<String>,
    pub terms: Option<String>,
    pub signatory: Option<String>,
    pub logo: Option<Logo>,
}

/// A document a payment was set against, on its receipt.
#[derive(Debug, Clone)]
pub struct Settled {
    pub number: String,
    pub date: Date,
    pub amount: Paise,
}

/// A receipt for a payment received (or a voucher for one made).
#[derive(Debug, Clone)]
pub struct Receipt {
    /// Money received (a receipt) or paid out (a payment voucher).
    pub received: bool,
    pub void: bool,
    pub number: String,
    pub date: Date,
    pub business: Party,
    pub counterparty: Party,
    pub amount: Paise,
    /// `UPI`, `Bank transfer`, `Cash` …
    pub mode: String,
    pub reference: Option<String>,
    pub settled: Vec<Settled>,
    /// Kept as an advance, not yet set against a document.
    pub unallocated: Paise,
    pub notes: Option<String>,
    pub signatory: Option<String>,
    pub logo: Option<Logo>,
}
