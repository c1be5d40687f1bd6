//! GSTR-1 in the GSTN offline tool's JSON (GST.md §8): which section each document belongs
//! to, and the sums that fill them.

pub mod csv;
mod doc_issue;
mod schema;

pub use schema::*;

use std::collections::BTreeMap;

use time::Date;

use super::json::{Amount, Number};
use super::record::{DocumentKind, SalesDocument, SalesLine};
use crate::gstin::Gstin;
use crate::money::Paise;
use crate::period::Period;
use crate::quantity::Rate;
use crate::rates;
use crate::settle::Treatment;
use crate::state::StateCode;
use crate::supply::{Registration, SupplyType};

/// Where a document is reported: the sections of GSTR-1 that list documents or rows of
/// supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    B2b,
    B2cl,
    B2cs,
    Exp,
    Cdnr,
    Cdnur,
}

impl Section {
    pub const ALL: [Self; 6] = [
        Self::B2b,
        Self::B2cl,
        Self::B2cs,
        Self::Exp,
        Self::Cdnr,
        Self::Cdnur,
    ];

    /// The section's key in GSTN's JSON (and the offline tool's CSV file name).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::B2b => "b2b",
            Self::B2cl => "b2cl",
            Self::B2cs => "b2cs",
            Self::Exp => "exp",
            Self::Cdnr => "cdnr",
            Self::Cdnur => "cdnur",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The GSTR-1 section of an issued document (GST.md §8).
#[must_use]
pub fn section(doc: &SalesDocument) -> Section {
    let note = doc.kind != DocumentKind::Invoice;
    match (note, doc.supply_type) {
        (false, SupplyType::B2b | SupplyType::Sez) => Section::B2b,
        (false, SupplyType::Export) => Section::Exp,
        (false, SupplyType::B2c) if is_b2cl(doc.inter_state, doc.total, doc.date) => Section::B2cl,
        (false, SupplyType::B2c) => Section::B2cs,
        (true, SupplyType::B2b | SupplyType::Sez) => Section::Cdnr,
        (true, SupplyType::Export) => Section::Cdnur,
        (true, SupplyType::B2c) => match &doc.original {
            Some(o) if is_b2cl(doc.inter_state, o.total, o.date) => Section::Cdnur,
            _ => Section::B2cs,
        },
    }
}

fn is_b2cl(inter_state: bool, total: Paise, date: Date) -> bool {
    inter_state && total > rates::b2cl_threshold(date)
}

fn gstn_date(d: Date) -> String {
    format!("{:02}-{:02}-{}", d.day(), d.month() as u8, d.year())
}

fn yn(b: bool) -> &'static str {
    if b { "Y" } else { "N" }
}

/// Per-rate sums of a document's taxable lines.
#[derive(Debug, Clone, Copy, Default)]
struct Heads {
    txval: i64,
    iamt: i64,
    camt: i64,
    samt: i64,
    csamt: i64,
}

impl Heads {
    fn add_line(&mut self, l: &SalesLine, sign: i64) {
        self.add(
            &Self {
                txval: l.taxable_value.get(),
                iamt: l.igst.get(),
                camt: l.cgst.get(),
                samt: l.sgst.get(),
                csamt: l.cess.get(),
            },
            sign,
        );
    }

    /// Adds `sign` × `other`, saturating: absurd inputs give absurd sums, never a panic.
    fn add(&mut self, other: &Self, sign: i64) {
        let step = |a: i64, b: i64| a.saturating_add(sign.saturating_mul(b));
        self.txval = step(self.txval, other.txval);
        self.iamt = step(self.iamt, other.iamt);
        self.camt = step(self.camt, other.camt);
        self.samt = step(self.samt, other.samt);
        self.csamt = step(self.csamt, other.csamt);
    }
}

/// Table 12 is keyed by HSN, unit and rate.
type HsnKey = (String, String, Rate);

struct HsnTotals {
    /// The description on the earliest document (by date and number), cut to the portal's 30
    /// characters.
    description: String,
    described_by: Order,
    /// Thousandths of a unit, credit notes subtracted.
    quantity: i64,
    heads: Heads,
}

impl HsnTotals {
    fn new(at: &Order, description: &str) -> Self {
        Self {
            description: description.chars().take(30).collect(),
            described_by: at.clone(),
            quantity: 0,
            heads: Heads::default(),
        }
    }

    /// Keeps the earliest document's description (of two in one document, the one that sorts
    /// first), whatever order documents and lines come in.
    fn describe(&mut self, at: &Order, description: &str) {
        // Most lines come from a later document than the one describing the row; they are
        // passed over without cutting their text.
        let earlier = match at.cmp(&self.described_by) {
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => {
                description.chars().take(30).collect::<String>() < self.description
            }
        };
        if earlier {
            *self = Self {
                quantity: self.quantity,
                heads: self.heads,
                ..Self::new(at, description)
            };
        }
    }
}

fn by_rate(doc: &SalesDocument) -> BTreeMap<Rate, Heads> {
    let mut rates: BTreeMap<Rate, Heads> = BTreeMap::new();
    for l in doc
        .lines
        .iter()
        .filter(|l| l.treatment == Treatment::Taxable)
    {
        rates.entry(l.rate).or_default().add_line(l, 1);
    }
    rates
}

fn amount(p: i64) -> Amount {
    Amount(Paise::new(p))
}

fn items(doc: &SalesDocument) -> Vec<Item> {
    by_rate(doc)
        .into_iter()
        .map(|(rate, h)| Item {
            num: rate.hundredths() + 1,
            itm_det: ItemDetail {
                txval: amount(h.txval),
                rt: Number(rate.to_string()),
                iamt: doc.inter_state.then(|| amount(h.iamt)),
                camt: (!doc.inter_state).then(|| amount(h.camt)),
                samt: (!doc.inter_state).then(|| amount(h.samt)),
                csamt: amount(h.csamt),
            },
        })
        .collect()
}

/// `inv_typ` of a B2B invoice or note: regular, SEZ with or without payment, or deemed export.
fn invoice_type(doc: &SalesDocument) -> &'static str {
    match (doc.supply_type, doc.with_payment) {
        (SupplyType::Sez, true) => "SEWP",
        (SupplyType::Sez, false) => "SEWOP",
        (SupplyType::B2b, _) if doc.deemed_export => "DE",
        _ => "R",
    }
}

/// Where a document sits in a section's list: by date, then number (counters may outgrow
/// their padding, …/9999 before …/10000, so shorter numbers first).
type Order = (Date, usize, String);

fn order(doc: &SalesDocument) -> Order {
    (doc.date, doc.number.len(), doc.number.clone())
}

/// A section's documents with their places, put in order when the return is finished, so
/// the return does not depend on the order documents are added in.
type Listed<T> = Vec<(Order, T)>;

fn in_order<T>(mut listed: Listed<T>) -> Vec<T> {
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    listed.into_iter().map(|(_, t)| t).collect()
}

/// GSTR-1 built one document at a time, so a month is never held whole: documents are added
/// in any order, voided ones included (table 13 counts them), and [`Builder::finish`] gives
/// the return, each list in the order of date and number.
pub struct Builder {
    gstin: String,
    period: Period,
    b2b: BTreeMap<String, Listed<B2bInvoice>>,
    b2cl: BTreeMap<StateCode, Listed<B2clInvoice>>,
    b2cs: BTreeMap<(bool, StateCode, Rate), Heads>,
    exp: BTreeMap<bool, Listed<ExportInvoice>>,
    cdnr: BTreeMap<String, Listed<CdnrNote>>,
    cdnur: Listed<CdnurNote>,
    nil: [[i64; 3]; 4],
    hsn: BTreeMap<(bool, HsnKey), HsnTotals>,
    doc_issue: doc_issue::Tally,
    /// Months whose B2B invoices and notes were furnished through IFF.
    furnished: Vec<Period>,
}

/// Builds GSTR-1 for `period` from the organisation's sales documents (others are ignored).
#[must_use]
pub fn build(gstin: &Gstin, period: Period, documents: &[SalesDocument]) -> Gstr1 {
    let mut builder = Builder::new(gstin, period);
    for doc in documents {
        builder.add(doc);
    }
    builder.finish()
}

impl Builder {
    #[must_use]
    pub fn new(gstin: &Gstin, period: Period) -> Self {
        Self {
            gstin: gstin.to_string(),
            period,
            b2b: BTreeMap::new(),
            b2cl: BTreeMap::new(),
            b2cs: BTreeMap::new(),
            exp: BTreeMap::new(),
            cdnr: BTreeMap::new(),
            cdnur: Vec::new(),
            nil: [[0; 3]; 4],
            hsn: BTreeMap::new(),
            doc_issue: doc_issue::Tally::default(),
            furnished: Vec::new(),
        }
    }

    /// A quarterly return whose first months' B2B invoices and notes to registered persons
    /// were furnished through IFF: they are left out of B2B and CDNR (the portal holds them
    /// already) but still count in the HSN summary, table 8 and table 13, which the quarter's
    /// return reports whole.
    #[must_use]
    pub fn furnished(mut self, months: impl IntoIterator<Item = Period>) -> Self {
        self.furnished.extend(months);
        self
    }

    /// Adds one sales document (documents outside the period are ignored).
    pub fn add(&mut self, doc: &SalesDocument) {
        self.doc_issue.add(self.period, doc);
        if !doc.counts(self.period) {
            return;
        }
        let in_iff = self.furnished.iter().any(|m| m.contains(doc.date));
        let Self {
            b2b,
            b2cl,
            b2cs,
            exp,
            cdnr,
            cdnur,
            nil,
            hsn,
            ..
        } = self;
        let ctin = doc
            .buyer_gstin
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let has_taxable = doc.lines.iter().any(|l| l.treatment == Treatment::Taxable);
        let ntty = if doc.kind == DocumentKind::CreditNote {
            "C"
        } else {
            "D"
        };
        let at = order(doc);
        match section(doc) {
            Section::B2b | Section::Cdnr if in_iff => {}
            Section::B2b if has_taxable => b2b.entry(ctin).or_default().push((
                at.clone(),
                B2bInvoice {
                    inum: doc.number.clone(),
                    idt: gstn_date(doc.date),
                    val: Amount(doc.total),
                    pos: doc.place_of_supply.to_string(),
                    rchrg: yn(doc.reverse_charge),
                    inv_typ: invoice_type(doc),
                    itms: items(doc),
                },
            )),
            Section::B2cl if has_taxable => b2cl.entry(doc.place_of_supply).or_default().push((
                at.clone(),
                B2clInvoice {
                    inum: doc.number.clone(),
                    idt: gstn_date(doc.date),
                    val: Amount(doc.total),
                    itms: items(doc),
                },
            )),
            Section::B2cs => {
                for (rate, h) in by_rate(doc) {
                    b2cs.entry((doc.inter_state, doc.place_of_supply, rate))
                        .or_default()
                        .add(&h, doc.sign());
                }
            }
            Section::Exp if has_taxable => {
                let export = doc.export.as_ref();
                exp.entry(doc.with_payment).or_default().push((
                    at.clone(),
                    ExportInvoice {
                        inum: doc.number.clone(),
                        idt: gstn_date(doc.date),
                        val: Amount(doc.total),
                        sbpcode: export.and_then(|e| e.port_code.clone()),
                        sbnum: export.and_then(|e| e.shipping_bill_no.clone()),
                        sbdt: export.and_then(|e| e.shipping_bill_date).map(gstn_date),
                        itms: by_rate(doc)
                            .into_iter()
                            .map(|(rate, h)| ExportItem {
                                txval: amount(h.txval),
                                rt: Number(rate.to_string()),
                                iamt: amount(h.iamt),
                                csamt: amount(h.csamt),
                            })
                            .collect(),
                    },
                ));
            }
            Section::Cdnr if has_taxable => cdnr.entry(ctin).or_default().push((
                at.clone(),
                CdnrNote {
                    ntty,
                    nt_num: doc.number.clone(),
                    nt_dt: gstn_date(doc.date),
                    val: Amount(doc.total),
                    pos: doc.place_of_supply.to_string(),
                    rchrg: yn(doc.reverse_charge),
                    inv_typ: invoice_type(doc),
                    itms: items(doc),
                },
            )),
            Section::Cdnur if has_taxable => cdnur.push((
                at.clone(),
                CdnurNote {
                    typ: match (doc.supply_type, doc.with_payment) {
                        (SupplyType::Export, true) => "EXPWP",
                        (SupplyType::Export, false) => "EXPWOP",
                        _ => "B2CL",
                    },
                    ntty,
                    nt_num: doc.number.clone(),
                    nt_dt: gstn_date(doc.date),
                    val: Amount(doc.total),
                    pos: (doc.supply_type != SupplyType::Export)
                        .then(|| doc.place_of_supply.to_string()),
                    itms: items(doc),
                },
            )),
            _ => {}
        }

        let registered = matches!(doc.supply_type, SupplyType::B2b | SupplyType::Sez);
        let row = match (doc.inter_state, registered) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        };
        let b2c_buyer = matches!(
            doc.buyer_registration,
            Registration::Unregistered | Registration::Overseas
        );
        for line in &doc.lines {
            let column = match line.treatment {
                Treatment::NilRated => Some(0),
                Treatment::Exempt => Some(1),
                Treatment::NonGst => Some(2),
                Treatment::Taxable => None,
            };
            if let Some(c) = column {
                nil[row][c] =
                    nil[row][c].saturating_add(doc.sign().saturating_mul(line.taxable_value.get()));
            }
            let key = (
                b2c_buyer,
                (line.hsn.to_string(), line.uqc.clone(), line.rate),
            );
            let entry = hsn
                .entry(key)
                .or_insert_with(|| HsnTotals::new(&at, &line.description));
            entry.describe(&at, &line.description);
            entry.quantity = entry
                .quantity
                .saturating_add(doc.sign().saturating_mul(line.quantity.milli()));
            entry.heads.add_line(line, doc.sign());
        }
    }

    /// The return.
    #[must_use]
    pub fn finish(self) -> Gstr1 {
        let Self {
            gstin,
            period,
            b2b,
            b2cl,
            b2cs,
            exp,
            cdnr,
            cdnur,
            nil,
            hsn,
            doc_issue,
            furnished: _,
        } = self;
        let nil_rows = ["INTRB2B", "INTRAB2B", "INTRB2C", "INTRAB2C"]
            .into_iter()
            .zip(nil)
            .map(|(sply_ty, [n, e, g])| NilRow {
                sply_ty,
                nil_amt: amount(n),
                expt_amt: amount(e),
                ngsup_amt: amount(g),
            })
            .collect();

        let hsn_rows = |b2c: Option<bool>| -> Vec<HsnRow> {
            let mut merged: BTreeMap<HsnKey, HsnTotals> = BTreeMap::new();
            for ((is_b2c, key), totals) in &hsn {
                if b2c.is_some_and(|want| want != *is_b2c) {
                    continue;
                }
                let e = merged
                    .entry(key.clone())
                    .or_insert_with(|| HsnTotals::new(&totals.described_by, &totals.description));
                e.describe(&totals.described_by, &totals.description);
                e.quantity = e.quantity.saturating_add(totals.quantity);
                e.heads.add(&totals.heads, 1);
            }
            merged
                .into_iter()
                .enumerate()
                .map(|(i, ((code, uqc, rate), t))| HsnRow {
                    num: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    hsn_sc: code,
                    desc: t.description,
                    uqc,
                    qty: Number(crate::quantity::Quantity::from_milli(t.quantity).to_string()),
                    rt: Number(rate.to_string()),
                    txval: amount(t.heads.txval),
                    iamt: amount(t.heads.iamt),
                    camt: amount(t.heads.camt),
                    samt: amount(t.heads.samt),
                    csamt: amount(t.heads.csamt),
                })
                .collect()
        };
        let hsn = if rates::hsn_split(period) {
            Hsn::Split {
                hsn_b2b: hsn_rows(Some(false)),
                hsn_b2c: hsn_rows(Some(true)),
            }
        } else {
            Hsn::Single {
                data: hsn_rows(None),
            }
        };

        Gstr1 {
            gstin,
            fp: period.gstn(),
            b2b: b2b
                .into_iter()
                .map(|(ctin, inv)| B2bParty {
                    ctin,
                    inv: in_order(inv),
                })
                .collect(),
            b2cl: b2cl
                .into_iter()
                .map(|(pos, inv)| B2clPlace {
                    pos: pos.to_string(),
                    inv: in_order(inv),
                })
                .collect(),
            b2cs: b2cs
                .into_iter()
                .map(|((inter, pos, rate), h)| B2csRow {
                    sply_ty: if inter { "INTER" } else { "INTRA" },
                    pos: pos.to_string(),
                    typ: "OE",
                    rt: Number(rate.to_string()),
                    txval: amount(h.txval),
                    iamt: inter.then(|| amount(h.iamt)),
                    camt: (!inter).then(|| amount(h.camt)),
                    samt: (!inter).then(|| amount(h.samt)),
                    csamt: amount(h.csamt),
                })
                .collect(),
            exp: exp
                .into_iter()
                .rev()
                .map(|(with_payment, inv)| ExportGroup {
                    exp_typ: if with_payment { "WPAY" } else { "WOPAY" },
                    inv: in_order(inv),
                })
                .collect(),
            cdnr: cdnr
                .into_iter()
                .map(|(ctin, nt)| CdnrParty {
                    ctin,
                    nt: in_order(nt),
                })
                .collect(),
            cdnur: in_order(cdnur),
            nil: Nil { inv: nil_rows },
            hsn,
            doc_issue: doc_issue.finish(),
        }
    }
}
