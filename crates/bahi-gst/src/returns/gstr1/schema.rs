//! GSTR-1's JSON as the GSTN offline tool reads it: one type per section, key names as GSTN
//! spells them.

use serde::Serialize;

use crate::returns::json::{Amount, Number};

#[derive(Debug, Clone, Serialize)]
pub struct Gstr1 {
    pub gstin: String,
    pub fp: String,
    pub b2b: Vec<B2bParty>,
    pub b2cl: Vec<B2clPlace>,
    pub b2cs: Vec<B2csRow>,
    pub exp: Vec<ExportGroup>,
    pub cdnr: Vec<CdnrParty>,
    pub cdnur: Vec<CdnurNote>,
    pub nil: Nil,
    pub hsn: Hsn,
    pub doc_issue: DocIssue,
}

/// The Invoice Furnishing Facility (QRMP): a quarterly filer's B2B invoices and notes to
/// registered persons of one of the quarter's first two months, in GSTR-1's shape, so the
/// buyers see them in GSTR-2B without waiting for the quarter's return.
#[derive(Debug, Clone, Serialize)]
pub struct Iff {
    pub gstin: String,
    pub fp: String,
    pub b2b: Vec<B2bParty>,
    pub cdnr: Vec<CdnrParty>,
}

impl Gstr1 {
    /// The IFF of a month: this month's GSTR-1, B2B and CDNR alone.
    #[must_use]
    pub fn into_iff(self) -> Iff {
        Iff {
            gstin: self.gstin,
            fp: self.fp,
            b2b: self.b2b,
            cdnr: self.cdnr,
        }
    }
}

/// Tax of one rate on one document. Intra-state items carry `camt`/`samt`, inter-state `iamt`.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDetail {
    pub txval: Amount,
    pub rt: Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iamt: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camt: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samt: Option<Amount>,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub num: u32,
    pub itm_det: ItemDetail,
}

#[derive(Debug, Clone, Serialize)]
pub struct B2bParty {
    pub ctin: String,
    pub inv: Vec<B2bInvoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct B2bInvoice {
    pub inum: String,
    pub idt: String,
    pub val: Amount,
    pub pos: String,
    pub rchrg: &'static str,
    pub inv_typ: &'static str,
    pub itms: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct B2clPlace {
    pub pos: String,
    pub inv: Vec<B2clInvoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct B2clInvoice {
    pub inum: String,
    pub idt: String,
    pub val: Amount,
    pub itms: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct B2csRow {
    pub sply_ty: &'static str,
    pub pos: String,
    pub typ: &'static str,
    pub rt: Number,
    pub txval: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iamt: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camt: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samt: Option<Amount>,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportGroup {
    pub exp_typ: &'static str,
    pub inv: Vec<ExportInvoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportInvoice {
    pub inum: String,
    pub idt: String,
    pub val: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sbpcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sbnum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sbdt: Option<String>,
    pub itms: Vec<ExportItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportItem {
    pub txval: Amount,
    pub rt: Number,
    pub iamt: Amount,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct CdnrParty {
    pub ctin: String,
    pub nt: Vec<CdnrNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CdnrNote {
    pub ntty: &'static str,
    pub nt_num: String,
    pub nt_dt: String,
    pub val: Amount,
    pub pos: String,
    pub rchrg: &'static str,
    pub inv_typ: &'static str,
    pub itms: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CdnurNote {
    pub typ: &'static str,
    pub ntty: &'static str,
    pub nt_num: String,
    pub nt_dt: String,
    pub val: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos: Option<String>,
    pub itms: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Nil {
    pub inv: Vec<NilRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NilRow {
    pub sply_ty: &'static str,
    pub nil_amt: Amount,
    pub expt_amt: Amount,
    pub ngsup_amt: Amount,
}

/// Table 12: one list before May 2025, split into B2B and B2C rows from then on.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Hsn {
    Single {
        data: Vec<HsnRow>,
    },
    Split {
        hsn_b2b: Vec<HsnRow>,
        hsn_b2c: Vec<HsnRow>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct HsnRow {
    pub num: u32,
    pub hsn_sc: String,
    pub desc: String,
    pub uqc: String,
    pub qty: Number,
    pub rt: Number,
    pub txval: Amount,
    pub iamt: Amount,
    pub camt: Amount,
    pub samt: Amount,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocIssue {
    pub doc_det: Vec<DocKindRows>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocKindRows {
    pub doc_num: u8,
    pub doc_typ: &'static str,
    pub docs: Vec<DocRange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocRange {
    pub num: u32,
    pub from: String,
    pub to: String,
    pub totnum: u32,
    pub cancel: u32,
    pub net_issue: u32,
}
