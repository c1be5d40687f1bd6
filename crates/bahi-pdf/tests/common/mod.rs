//! Documents to render in tests and the benchmark: worked figures, so what prints can be
//! checked to the paisa.

#![allow(dead_code)]

use bahi_gst::{Paise, Rate};
use bahi_pdf::{Document, Kind, Line, Party, Totals};
use time::macros::date;

pub fn seller() -> Party {
    Party {
        name: "Asha Traders Private Limited".into(),
        trade_name: Some("Asha Traders".into()),
        address: Some("12 MG Road\nBengaluru 560001".into()),
        gstin: Some("29AAGCA1234B1Z5".into()),
        state: Some("Karnataka (29)".into()),
        country: None,
        phone: Some("+91 80 4000 1234".into()),
        email: Some("accounts@asha.example".into()),
    }
}

pub fn buyer() -> Party {
    Party {
        name: "Kaveri Stores".into(),
        trade_name: None,
        address: Some("4 Market Street, Mysuru".into()),
        gstin: Some("29AABCK5678M1Z2".into()),
        state: Some("Karnataka (29)".into()),
        ..Party::default()
    }
}

/// A line of ₹1,000.00 at 18 % within the state: ₹90.00 CGST and ₹90.00 SGST.
pub fn line(n: usize) -> Line {
    Line {
        description: format!("Steel almirah, model {n}"),
        hsn_sac: "9403".into(),
        quantity: Some("1".into()),
        unit: Some("NOS".into()),
        unit_price: Paise::new(100_000),
        discount: Paise::ZERO,
        taxable_value: Paise::new(100_000),
        gst_rate: Rate::percent(18),
        cess_rate: Rate::ZERO,
        cgst: Paise::new(9_000),
        sgst: Paise::new(9_000),
        igst: Paise::ZERO,
        cess: Paise::ZERO,
        total: Paise::new(118_000),
    }
}

/// An intra-state tax invoice of `n` such lines.
pub fn invoice(n: usize) -> Document {
    let count = i64::try_from(n).unwrap();
    Document {
        kind: Kind::TaxInvoice,
        copy: None,
        draft: false,
        void: false,
        number: Some("INV/26-27/0042".into()),
        date: date!(2026 - 10 - 05),
        due_date: Some(date!(2026 - 11 - 04)),
        seller: seller(),
        buyer: buyer(),
        place_of_supply: "Karnataka (29)".into(),
        inter_state: false,
        utgst: false,
        reverse_charge: false,
        composition: false,
        original: None,
        reason: None,
        export: None,
        supplier_reference: None,
        lines: (1..=n).map(line).collect(),
        totals: Totals {
            taxable_value: Paise::new(100_000 * count),
            cgst: Paise::new(9_000 * count),
            sgst: Paise::new(9_000 * count),
            igst: Paise::ZERO,
            cess: Paise::ZERO,
            round_off: Paise::ZERO,
            total: Paise::new(118_000 * count),
            paid: Paise::ZERO,
            balance: Paise::new(118_000 * count),
        },
        bank: None,
        upi: None,
        notes: None,
        terms: Some(
            "Goods once sold are not taken back.\nSubject to Bengaluru jurisdiction.".into(),
        ),
        signatory: Some("Asha Rao".into()),
        logo: None,
    }
}
