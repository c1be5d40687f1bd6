//! GSTR-3B in the portal's JSON (GST.md §7).

use std::collections::BTreeMap;

use serde::Serialize;

use super::json::Amount;
use super::record::{DocumentStatus, Itc, PurchaseDocument, SalesDocument};
use crate::gstin::Gstin;
use crate::money::Paise;
use crate::period::Period;
use crate::settle::Treatment;
use crate::state::StateCode;
use crate::supply::{Import, Registration, SupplyType};

#[derive(Debug, Clone, Serialize)]
pub struct Gstr3b {
    pub gstin: String,
    pub ret_period: String,
    pub sup_details: SupDetails,
    pub inter_sup: InterSup,
    pub itc_elg: ItcElg,
    pub inward_sup: InwardSup,
    pub intr_ltfee: InterestLateFee,
}

/// All five heads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AllHeads {
    pub txval: Amount,
    pub iamt: Amount,
    pub camt: Amount,
    pub samt: Amount,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ZeroRated {
    pub txval: Amount,
    pub iamt: Amount,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ValueOnly {
    pub txval: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct SupDetails {
    /// 3.1(a)
    pub osup_det: AllHeads,
    /// 3.1(b)
    pub osup_zero: ZeroRated,
    /// 3.1(c)
    pub osup_nil_exmp: ValueOnly,
    /// 3.1(d)
    pub isup_rev: AllHeads,
    /// 3.1(e)
    pub osup_nongst: ValueOnly,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlaceRow {
    pub pos: String,
    pub txval: Amount,
    pub iamt: Amount,
}

/// 3.2: inter-state supplies to unregistered, composition and UIN buyers, by place of supply.
#[derive(Debug, Clone, Serialize)]
pub struct InterSup {
    pub unreg_details: Vec<PlaceRow>,
    pub comp_details: Vec<PlaceRow>,
    pub uin_details: Vec<PlaceRow>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tax {
    pub iamt: Amount,
    pub camt: Amount,
    pub samt: Amount,
    pub csamt: Amount,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypedTax {
    pub ty: &'static str,
    #[serde(flatten)]
    pub tax: Tax,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItcElg {
    /// 4(A)(1)–(5): IMPG, IMPS, ISRC, ISD, OTH.
    pub itc_avl: Vec<TypedTax>,
    /// 4(B)(1)–(2): RUL, OTH.
    pub itc_rev: Vec<TypedTax>,
    /// 4(C) = 4(A) − 4(B).
    pub itc_net: Tax,
    /// 4(D)(1)–(2): RUL, OTH.
    pub itc_inelg: Vec<TypedTax>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InwardRow {
    pub ty: &'static str,
    pub inter: Amount,
    pub intra: Amount,
}

/// 5: exempt, nil-rated, composition-vendor and non-GST inward supplies.
#[derive(Debug, Clone, Serialize)]
pub struct InwardSup {
    pub isup_details: Vec<InwardRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterestLateFee {
    pub intr_details: Tax,
}

impl AllHeads {
    fn add(&mut self, sign: i64, txval: Paise, i: Paise, c: Paise, s: Paise, cess: Paise) {
        let signed = |p: Paise| Paise::new(sign.saturating_mul(p.get()));
        self.txval.add(signed(txval));
        self.iamt.add(signed(i));
        self.camt.add(signed(c));
        self.samt.add(signed(s));
        self.csamt.add(signed(cess));
    }
}

impl Tax {
    fn add(&mut self, i: Paise, c: Paise, s: Paise, cess: Paise) {
        self.iamt.add(i);
        self.camt.add(c);
        self.samt.add(s);
        self.csamt.add(cess);
    }

    fn minus(&self, other: &Tax) -> Tax {
        let sub = |a: Amount, b: Amount| Amount(Paise::new(a.0.get().saturating_sub(b.0.get())));
        Tax {
            iamt: sub(self.iamt, other.iamt),
            camt: sub(self.camt, other.camt),
            samt: sub(self.samt, other.samt),
            csamt: sub(self.csamt, other.csamt),
        }
    }

    fn sum(parts: &[TypedTax]) -> Tax {
        let mut total = Tax::default();
        for p in parts {
            total.add(p.tax.iamt.0, p.tax.camt.0, p.tax.samt.0, p.tax.csamt.0);
        }
        total
    }
}

/// GSTR-3B built one document at a time, so a month is never held whole.
pub struct Builder {
    gstin: String,
    period: Period,
    sums: Sums,
}

/// The running sums of each table.
#[derive(Default)]
struct Sums {
    osup_det: AllHeads,
    osup_zero: AllHeads,
    nil_exempt: Amount,
    non_gst: Amount,
    inter_sup: [BTreeMap<StateCode, (Amount, Amount)>; 3],
    isup_rev: AllHeads,
    impg: Tax,
    imps: Tax,
    isrc: Tax,
    oth: Tax,
    reversed: Tax,
    exempt_inter: Amount,
    exempt_intra: Amount,
    nongst_inter: Amount,
    nongst_intra: Amount,
}

/// Builds GSTR-3B for `period` from the organisation's sales and purchase documents.
#[must_use]
pub fn build(
    gstin: &Gstin,
    period: Period,
    sales: &[SalesDocument],
    purchases: &[PurchaseDocument],
) -> Gstr3b {
    let mut builder = Builder::new(gstin, period);
    for doc in sales {
        builder.add_sale(doc);
    }
    for bill in purchases {
        builder.add_purchase(bill);
    }
    builder.finish()
}

impl Builder {
    #[must_use]
    pub fn new(gstin: &Gstin, period: Period) -> Self {
        Self {
            gstin: gstin.to_string(),
            period,
            sums: Sums::default(),
        }
    }

    /// Adds a sales document (ignored unless issued and dated in the period).
    pub fn add_sale(&mut self, doc: &SalesDocument) {
        if !doc.counts(self.period) {
            return;
        }
        let Sums {
            osup_det,
            osup_zero,
            nil_exempt,
            non_gst,
            inter_sup,
            ..
        } = &mut self.sums;
        let s = doc.sign();
        for l in &doc.lines {
            match l.treatment {
                Treatment::NilRated | Treatment::Exempt => {
                    nil_exempt.add(Paise::new(s.saturating_mul(l.taxable_value.get())))
                }
                Treatment::NonGst => {
                    non_gst.add(Paise::new(s.saturating_mul(l.taxable_value.get())))
                }
                Treatment::Taxable if doc.supply_type.is_zero_rated() => {
                    osup_zero.add(s, l.taxable_value, l.igst, l.cgst, l.sgst, l.cess);
                }
                Treatment::Taxable => {
                    osup_det.add(s, l.taxable_value, l.igst, l.cgst, l.sgst, l.cess);
                    let table = match (doc.supply_type, doc.buyer_registration) {
                        (SupplyType::B2c, _) => Some(0),
                        (_, Registration::Composition) => Some(1),
                        (_, Registration::Uin) => Some(2),
                        _ => None,
                    };
                    if let (true, Some(t)) = (doc.inter_state, table) {
                        let row = inter_sup[t].entry(doc.place_of_supply).or_default();
                        row.0
                            .add(Paise::new(s.saturating_mul(l.taxable_value.get())));
                        row.1.add(Paise::new(s.saturating_mul(l.igst.get())));
                    }
                }
            }
        }
    }

    /// Adds a purchase bill (ignored unless recorded and dated in the period).
    pub fn add_purchase(&mut self, bill: &PurchaseDocument) {
        let counts = bill.status == DocumentStatus::Issued && self.period.contains(bill.date);
        if !counts {
            return;
        }
        let Sums {
            isup_rev,
            impg,
            imps,
            isrc,
            oth,
            reversed,
            exempt_inter,
            exempt_intra,
            nongst_inter,
            nongst_intra,
            ..
        } = &mut self.sums;
        let composition_vendor = bill.vendor_registration == Registration::Composition;
        for l in &bill.lines {
            let non_taxable = l.treatment != Treatment::Taxable || composition_vendor;
            if non_taxable {
                let (inter, intra) = if l.treatment == Treatment::NonGst {
                    (&mut *nongst_inter, &mut *nongst_intra)
                } else {
                    (&mut *exempt_inter, &mut *exempt_intra)
                };
                if bill.inter_state {
                    inter.add(l.taxable_value)
                } else {
                    intra.add(l.taxable_value)
                }
                continue;
            }
            let bucket = match (bill.import, bill.reverse_charge) {
                (Some(Import::Goods), _) => &mut *impg,
                (Some(Import::Services), _) => &mut *imps,
                (None, true) => &mut *isrc,
                (None, false) => &mut *oth,
            };
            bucket.add(l.igst, l.cgst, l.sgst, l.cess);
            // Imported goods bear IGST at customs; every other reverse-charge supply is 3.1(d).
            if bill.reverse_charge || bill.import == Some(Import::Services) {
                isup_rev.add(1, l.taxable_value, l.igst, l.cgst, l.sgst, l.cess);
            }
            if l.itc == Itc::Ineligible {
                reversed.add(l.igst, l.cgst, l.sgst, l.cess);
            }
        }
    }

    /// The return.
    #[must_use]
    pub fn finish(self) -> Gstr3b {
        let Self {
            gstin,
            period,
            sums,
        } = self;
        let Sums {
            osup_det,
            osup_zero,
            nil_exempt,
            non_gst,
            inter_sup,
            isup_rev,
            impg,
            imps,
            isrc,
            oth,
            reversed,
            exempt_inter,
            exempt_intra,
            nongst_inter,
            nongst_intra,
        } = sums;
        let itc_avl = vec![
            TypedTax {
                ty: "IMPG",
                tax: impg,
            },
            TypedTax {
                ty: "IMPS",
                tax: imps,
            },
            TypedTax {
                ty: "ISRC",
                tax: isrc,
            },
            TypedTax {
                ty: "ISD",
                tax: Tax::default(),
            },
            TypedTax {
                ty: "OTH",
                tax: oth,
            },
        ];
        let itc_rev = vec![
            TypedTax {
                ty: "RUL",
                tax: reversed,
            },
            TypedTax {
                ty: "OTH",
                tax: Tax::default(),
            },
        ];
        let itc_net = Tax::sum(&itc_avl).minus(&Tax::sum(&itc_rev));
        let rows = |m: &BTreeMap<StateCode, (Amount, Amount)>| {
            m.iter()
                .map(|(pos, (txval, iamt))| PlaceRow {
                    pos: pos.to_string(),
                    txval: *txval,
                    iamt: *iamt,
                })
                .collect()
        };

        Gstr3b {
            gstin,
            ret_period: period.gstn(),
            sup_details: SupDetails {
                osup_det,
                osup_zero: ZeroRated {
                    txval: osup_zero.txval,
                    iamt: osup_zero.iamt,
                    csamt: osup_zero.csamt,
                },
                osup_nil_exmp: ValueOnly { txval: nil_exempt },
                isup_rev,
                osup_nongst: ValueOnly { txval: non_gst },
            },
            inter_sup: InterSup {
                unreg_details: rows(&inter_sup[0]),
                comp_details: rows(&inter_sup[1]),
                uin_details: rows(&inter_sup[2]),
            },
            itc_elg: ItcElg {
                itc_avl,
                itc_rev,
                itc_net,
                itc_inelg: vec![
                    TypedTax {
                        ty: "RUL",
                        tax: Tax::default(),
                    },
                    TypedTax {
                        ty: "OTH",
                        tax: Tax::default(),
                    },
                ],
            },
            inward_sup: InwardSup {
                isup_details: vec![
                    InwardRow {
                        ty: "GST",
                        inter: exempt_inter,
                        intra: exempt_intra,
                    },
                    InwardRow {
                        ty: "NONGST",
                        inter: nongst_inter,
                        intra: nongst_intra,
                    },
                ],
            },
            intr_ltfee: InterestLateFee {
                intr_details: Tax::default(),
            },
        }
    }
}
