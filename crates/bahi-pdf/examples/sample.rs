//! Writes sample documents to look at while changing a template:
//! `cargo run -p bahi-pdf --example sample -- /tmp/pdfs` (then `pdftoppm -png` them).

#[path = "../tests/common/mod.rs"]
mod common;

use bahi_gst::Paise;
use bahi_pdf::{Bank, Copy, Kind, Paper, Party, Receipt, Reference, Settled, Upi};
use time::macros::date;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    std::fs::create_dir_all(&dir)?;
    let mut invoice = common::invoice(3);
    invoice.copy = Some(Copy::Original);
    invoice.bank = Some(Bank {
        name: Some("HDFC Bank, MG Road".into()),
        account_number: "50100012345678".into(),
        ifsc: "HDFC0001234".into(),
    });
    invoice.upi = Some(Upi {
        link: "upi://pay?pa=asha@okhdfc&pn=Asha%20Traders&am=3540.00&cu=INR&tn=INV%2F26-27%2F0042"
            .into(),
        vpa: "asha@okhdfc".into(),
        amount: Paise::new(354_000),
    });
    let mut draft = invoice.clone();
    draft.draft = true;
    draft.number = None;
    let mut self_invoice = common::invoice(1);
    self_invoice.kind = Kind::SelfInvoice;
    self_invoice.number = Some("SI/26-27/0001".into());
    self_invoice.reverse_charge = true;
    self_invoice.buyer = Party {
        name: "Ramesh Transport".into(),
        address: Some("Hosur Road".into()),
        state: Some("Karnataka (29)".into()),
        ..Party::default()
    };
    self_invoice.supplier_reference = Some(Reference {
        number: "R-17".into(),
        date: date!(2026 - 10 - 03),
    });
    let receipt = Receipt {
        received: true,
        void: false,
        number: "P-0A1B2C3D4E5F".into(),
        date: date!(2026 - 10 - 20),
        business: common::seller(),
        counterparty: common::buyer(),
        amount: Paise::new(150_000),
        mode: "UPI".into(),
        reference: Some("UTR 612345678901".into()),
        settled: vec![Settled {
            number: "INV/26-27/0042".into(),
            date: date!(2026 - 10 - 05),
            amount: Paise::new(118_000),
        }],
        unallocated: Paise::new(32_000),
        notes: None,
        signatory: Some("Asha Rao".into()),
        logo: None,
    };
    std::fs::write(
        format!("{dir}/receipt.pdf"),
        bahi_pdf::receipt(&receipt)?.pdf,
    )?;
    for (name, doc, paper) in [
        ("invoice", &invoice, Paper::A4),
        ("self-invoice", &self_invoice, Paper::A4),
        ("draft", &draft, Paper::A4),
        ("thermal", &invoice, Paper::Thermal),
        ("long", &common::invoice(120), Paper::A4),
    ] {
        let out = bahi_pdf::document(doc, paper)?;
        for w in &out.warnings {
            eprintln!("{name}: {w}");
        }
        std::fs::write(format!("{dir}/{name}.pdf"), out.pdf)?;
    }
    Ok(())
}
