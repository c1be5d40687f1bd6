//! Builds return records the way the application will: classify the sale, settle it with the
//! engine, copy the settled line amounts.

#![allow(dead_code)]

use bahi_gst::gstin::check_character;
use bahi_gst::returns::{
    DocumentKind, DocumentStatus, ExportDetails, Itc, OriginalInvoice, PurchaseDocument,
    PurchaseLine, SalesDocument, SalesLine,
};
use bahi_gst::settle::Options;
use bahi_gst::supply::{Import, classify_sale, purchase_levy};
use bahi_gst::*;
use time::Date;

pub const SELLER_STATE: u8 = 29;

pub fn gstin(body: &str) -> Gstin {
    Gstin::parse(&format!(
        "{body}{}",
        char::from(check_character(body.as_bytes()))
    ))
    .unwrap()
}

pub fn seller() -> Gstin {
    gstin("29AAPFU0939F1Z")
}

pub fn state(n: u8) -> StateCode {
    StateCode::from_number(n).unwrap()
}

#[derive(Clone, Debug)]
pub struct Sale {
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub number: String,
    pub date: Date,
    pub buyer: Registration,
    pub buyer_gstin: Option<Gstin>,
    pub place_of_supply: StateCode,
    pub with_payment: bool,
    pub deemed_export: bool,
    pub original: Option<OriginalInvoice>,
    pub lines: Vec<(Line, &'static str)>,
}

impl Sale {
    pub fn invoice(
        number: &str,
        date: Date,
        buyer: Registration,
        buyer_gstin: Option<Gstin>,
        pos: StateCode,
    ) -> Self {
        Self {
            kind: DocumentKind::Invoice,
            status: DocumentStatus::Issued,
            number: number.to_owned(),
            date,
            buyer,
            buyer_gstin,
            place_of_supply: pos,
            with_payment: false,
            deemed_export: false,
            original: None,
            lines: Vec::new(),
        }
    }

    pub fn line(mut self, line: Line, hsn: &'static str) -> Self {
        self.lines.push((line, hsn));
        self
    }

    pub fn note(
        mut self,
        kind: DocumentKind,
        number: &str,
        date: Date,
        original: &SalesDocument,
    ) -> Self {
        self.kind = kind;
        self.number = number.to_owned();
        self.date = date;
        self.original = Some(OriginalInvoice {
            number: original.number.clone(),
            date: original.date,
            total: original.total,
        });
        self.lines.clear();
        self
    }

    pub fn build(self) -> SalesDocument {
        let class = classify_sale(
            state(SELLER_STATE),
            self.buyer,
            self.place_of_supply,
            self.with_payment,
        )
        .unwrap();
        let lines: Vec<Line> = self.lines.iter().map(|(l, _)| l.clone()).collect();
        let settled = settle(
            &lines,
            &Options {
                levy: class.levy,
                round_off: true,
                reverse_charge: false,
            },
        )
        .unwrap();
        let series = self.number.split('/').next().unwrap_or_default().to_owned();
        SalesDocument {
            kind: self.kind,
            status: self.status,
            number: self.number,
            series,
            date: self.date,
            buyer_registration: self.buyer,
            buyer_gstin: self.buyer_gstin,
            supply_type: class.supply_type,
            place_of_supply: self.place_of_supply,
            inter_state: class.levy.is_inter_state(),
            reverse_charge: false,
            with_payment: self.with_payment,
            deemed_export: self.deemed_export,
            export: (class.supply_type == SupplyType::Export).then(|| ExportDetails {
                shipping_bill_no: Some("1234567".into()),
                shipping_bill_date: Some(self.date),
                port_code: Some("INBLR4".into()),
            }),
            original: self.original,
            lines: self
                .lines
                .iter()
                .zip(&settled.lines)
                .map(|((line, hsn), s)| SalesLine {
                    hsn: HsnSac::parse(hsn).unwrap(),
                    description: format!("item {hsn}"),
                    uqc: if hsn.starts_with("99") {
                        "NA".into()
                    } else {
                        "NOS".into()
                    },
                    quantity: line.quantity,
                    treatment: line.treatment,
                    rate: s.rate,
                    taxable_value: s.taxable_value,
                    igst: s.igst,
                    cgst: s.cgst,
                    sgst: s.sgst,
                    cess: s.cess,
                })
                .collect(),
            total: settled.totals.total,
        }
    }
}

pub fn bill(
    date: Date,
    vendor: Registration,
    vendor_state: Option<StateCode>,
    reverse_charge: bool,
    import: Option<Import>,
    lines: &[(Line, Itc)],
) -> PurchaseDocument {
    let levy = purchase_levy(vendor_state, state(SELLER_STATE), import);
    let plain: Vec<Line> = lines.iter().map(|(l, _)| l.clone()).collect();
    let settled = settle(
        &plain,
        &Options {
            levy,
            round_off: true,
            reverse_charge,
        },
    )
    .unwrap();
    PurchaseDocument {
        status: DocumentStatus::Issued,
        date,
        vendor_registration: vendor,
        reverse_charge,
        import,
        inter_state: levy.is_inter_state(),
        lines: lines
            .iter()
            .zip(&settled.lines)
            .map(|((l, itc), s)| PurchaseLine {
                treatment: l.treatment,
                rate: s.rate,
                itc: *itc,
                taxable_value: s.taxable_value,
                igst: s.igst,
                cgst: s.cgst,
                sgst: s.sgst,
                cess: s.cess,
            })
            .collect(),
    }
}

pub fn line(quantity: &str, price: &str, rate: &str) -> Line {
    Line::taxable(
        Quantity::parse(quantity).unwrap(),
        Paise::parse(price).unwrap(),
        Rate::parse(rate).unwrap(),
    )
}

pub fn treated(mut l: Line, treatment: Treatment) -> Line {
    l.treatment = treatment;
    l
}
