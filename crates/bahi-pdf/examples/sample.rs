//! Writes sample documents to look at while changing a template:
//! `cargo run -p bahi-pdf --example sample -- /tmp/pdfs` (then `pdftoppm -png` them).

#[path = "../tests/common/mod.rs"]
mod common;

use bahi_gst::Paise;
use bahi_pdf::{Bank, Copy, Paper, Upi};

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
    for (name, doc, paper) in [
        ("invoice", &invoice, Paper::A4),
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
