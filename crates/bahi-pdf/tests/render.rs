//! Every layout renders without a warning from typst, and what it prints is read back with
//! `pdftotext` (poppler-utils): the particulars and the figures are on the page.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use bahi_gst::{Paise, Rate};
use bahi_pdf::{
    Bank, Copy, Document, Export, Kind, Logo, Paper, Party, Receipt, Reference, Settled, Upi,
};
use time::macros::date;

/// Whether poppler-utils is installed; outside CI a test without it says so and skips, as the
/// browser tests do without Chromium (`.ci/run` installs it, and under CI it must be there).
fn poppler_installed() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (Debian's poppler-utils) must be installed in CI"
        );
        eprintln!("skipped: pdftotext (Debian's poppler-utils) is not installed");
    }
    found
}

fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .arg("-")
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils) must be installed: {e}"));
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The text of `pdf` (or of one page), with runs of spaces made one.
fn text(pdf: &[u8], page: Option<usize>) -> String {
    let page = page.map(|p| p.to_string());
    let mut args = vec!["-layout"];
    if let Some(p) = &page {
        args.extend(["-f", p, "-l", p]);
    }
    squeeze(&poppler("pdftotext", pdf, &args))
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render(doc: &Document, paper: Paper) -> bahi_pdf::Rendered {
    let out = bahi_pdf::document(doc, paper).unwrap();
    assert_eq!(out.warnings, Vec::<String>::new());
    assert!(out.pdf.starts_with(b"%PDF-"));
    out
}

fn has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "{w:?} is not in:\n{text}");
    }
}

#[test]
fn an_intra_state_invoice_prints_every_rule_46_particular() {
    if !poppler_installed() {
        return;
    }
    let out = render(&common::invoice(2), Paper::A4);
    assert_eq!(out.pages, 1);
    let t = text(&out.pdf, None);
    has(
        &t,
        &[
            "Asha Traders Private Limited",
            "12 MG Road",
            "GSTIN: 29AAGCA1234B1Z5",
            "TAX INVOICE",
            "INV/26-27/0042",
            "5 Oct 2026",
            "Due date 4 Nov 2026",
            "Kaveri Stores",
            "GSTIN: 29AABCK5678M1Z2",
            "Place of supply Karnataka (29)",
            "Reverse charge No",
            "HSN/SAC",
            "9403",
            "1 NOS",
            "1,000.00",
            "@ 9%",
            "CGST 180.00",
            "SGST 180.00",
            "Total ₹2,360.00",
            "Rupees Two Thousand Three Hundred Sixty Only",
            "Goods once sold are not taken back.",
            "For Asha Traders Private Limited",
            "Asha Rao",
            "Authorised Signatory",
            "Page 1 of 1",
        ],
    );
    assert!(!t.contains("DRAFT"));
}

#[test]
fn a_long_invoice_runs_to_several_pages_with_its_header_on_each() {
    if !poppler_installed() {
        return;
    }
    let out = render(&common::invoice(120), Paper::A4);
    assert!(out.pages >= 3, "{} pages", out.pages);
    let mut with_lines = 0;
    for page in 1..=out.pages {
        let t = text(&out.pdf, Some(page));
        has(&t, &[&format!("Page {page} of {}", out.pages)]);
        if t.contains("Steel almirah") {
            with_lines += 1;
            has(&t, &["# Description HSN/SAC Qty Rate (₹)"]);
        }
    }
    assert!(with_lines >= 3, "the lines run over {with_lines} pages");
    let all = text(&out.pdf, None);
    has(
        &all,
        &[
            "Steel almirah, model 1 ",
            "Steel almirah, model 120 ",
            "Total ₹1,41,600.00",
            "Rupees One Lakh Forty One Thousand Six Hundred Only",
        ],
    );
}

#[test]
fn a_draft_has_a_watermark_and_no_number_and_copies_say_which() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.draft = true;
    doc.number = None;
    let t = text(&render(&doc, Paper::A4).pdf, None);
    has(&t, &["DRAFT — NOT ISSUED", "Not issued yet"]);

    let mut doc = common::invoice(1);
    for (copy, words) in [
        (Copy::Original, "ORIGINAL FOR RECIPIENT"),
        (Copy::Duplicate, "DUPLICATE FOR TRANSPORTER"),
        (Copy::Triplicate, "TRIPLICATE FOR SUPPLIER"),
    ] {
        doc.copy = Some(copy);
        has(&text(&render(&doc, Paper::A4).pdf, None), &[words]);
    }
}

#[test]
fn an_inter_state_export_invoice_carries_igst_and_the_declaration() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.kind = Kind::ExportInvoice;
    doc.inter_state = true;
    doc.buyer = Party {
        name: "Gulf Home LLC".into(),
        address: Some("Dubai".into()),
        country: Some("United Arab Emirates".into()),
        ..Party::default()
    };
    doc.place_of_supply = "Other Countries (96)".into();
    doc.export = Some(Export {
        sez: false,
        with_payment: false,
        shipping_bill_number: Some("1234567".into()),
        shipping_bill_date: Some(date!(2026 - 10 - 07)),
        port_code: Some("INBLR4".into()),
    });
    doc.lines[0].cgst = Paise::ZERO;
    doc.lines[0].sgst = Paise::ZERO;
    doc.lines[0].total = Paise::new(100_000);
    doc.totals.cgst = Paise::ZERO;
    doc.totals.sgst = Paise::ZERO;
    doc.totals.total = Paise::new(100_000);
    doc.totals.balance = Paise::new(100_000);
    let t = text(&render(&doc, Paper::A4).pdf, None);
    has(
        &t,
        &[
            "TAX INVOICE",
            "SUPPLY MEANT FOR EXPORT UNDER BOND OR LETTER OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX",
            "Gulf Home LLC",
            "United Arab Emirates",
            "Place of supply Other Countries (96)",
            "Shipping bill 1234567 dated 7 Oct 2026",
            "Port code INBLR4",
            "IGST",
            "Total ₹1,000.00",
        ],
    );
    assert!(!t.contains("CGST"));
}

#[test]
fn a_composition_dealers_bill_of_supply_says_so_and_charges_no_tax() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.kind = Kind::BillOfSupply;
    doc.composition = true;
    doc.lines[0].gst_rate = Rate::ZERO;
    doc.lines[0].cgst = Paise::ZERO;
    doc.lines[0].sgst = Paise::ZERO;
    doc.lines[0].total = Paise::new(100_000);
    doc.totals.cgst = Paise::ZERO;
    doc.totals.sgst = Paise::ZERO;
    doc.totals.total = Paise::new(100_000);
    let t = text(&render(&doc, Paper::A4).pdf, None);
    has(
        &t,
        &[
            "BILL OF SUPPLY",
            "COMPOSITION TAXABLE PERSON, NOT ELIGIBLE TO COLLECT TAX ON SUPPLIES",
            "Amount (₹)",
            "Total ₹1,000.00",
        ],
    );
    assert!(!t.contains("CGST") && !t.contains("TAX SUMMARY"));
}

#[test]
fn a_credit_note_names_the_invoice_it_corrects() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.kind = Kind::CreditNote;
    doc.number = Some("CN/26-27/0001".into());
    doc.original = Some(Reference {
        number: "INV/26-27/0042".into(),
        date: date!(2026 - 10 - 05),
    });
    doc.reason = Some("Damaged in transit".into());
    doc.lines[0].quantity = None;
    let t = text(&render(&doc, Paper::A4).pdf, None);
    has(
        &t,
        &[
            "CREDIT NOTE",
            "CN/26-27/0001",
            "Against invoice INV/26-27/0042 dated 5 Oct 2026",
            "Reason Damaged in transit",
            "—",
        ],
    );
}

#[test]
fn a_self_invoice_names_the_unregistered_supplier_and_reverse_charge() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.kind = Kind::SelfInvoice;
    doc.number = Some("SI/26-27/0001".into());
    doc.reverse_charge = true;
    doc.buyer = Party {
        name: "Ramesh Transport".into(),
        address: Some("Hosur Road".into()),
        state: Some("Karnataka (29)".into()),
        ..Party::default()
    };
    doc.supplier_reference = Some(Reference {
        number: "R-17".into(),
        date: date!(2026 - 10 - 03),
    });
    let t = text(&render(&doc, Paper::A4).pdf, None);
    has(
        &t,
        &[
            "SELF INVOICE",
            "Self invoice no. SI/26-27/0001",
            "SUPPLIER (UNREGISTERED)",
            "Ramesh Transport",
            "GSTIN: Unregistered",
            "Reverse charge Yes",
            "The recipient pays the tax on this supply under reverse charge.",
            "Supplier's invoice R-17 dated 3 Oct 2026",
        ],
    );
}

#[test]
fn bank_details_upi_logo_and_a_hindi_name_print_without_warnings() {
    if !poppler_installed() {
        return;
    }
    let mut doc = common::invoice(1);
    doc.buyer.name = "शर्मा किराना स्टोर".into();
    doc.bank = Some(Bank {
        name: Some("HDFC Bank, MG Road".into()),
        account_number: "50100012345678".into(),
        ifsc: "HDFC0001234".into(),
    });
    doc.upi = Some(Upi {
        link: "upi://pay?pa=asha@okhdfc&pn=Asha%20Traders&am=1180.00&cu=INR&tn=INV%2F26-27%2F0042"
            .into(),
        vpa: "asha@okhdfc".into(),
        amount: Paise::new(118_000),
    });
    let png = {
        let img = image::RgbImage::from_pixel(120, 40, image::Rgb([20, 80, 160]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    doc.logo = Some(Logo::check(png).unwrap());
    let out = render(&doc, Paper::A4);
    let t = text(&out.pdf, None);
    has(
        &t,
        &[
            "शर्मा",
            "HDFC Bank, MG Road",
            "Account: 50100012345678 · IFSC: HDFC0001234",
            "Scan to pay ₹1,180.00",
            "asha@okhdfc",
        ],
    );
    let images = poppler("pdfimages", &out.pdf, &["-list"]);
    assert!(images.lines().count() > 2, "the logo is not in:\n{images}");
}

#[test]
fn a_thermal_receipt_is_80_mm_wide_and_carries_the_totals() {
    if !poppler_installed() {
        return;
    }
    let out = render(&common::invoice(3), Paper::Thermal);
    assert_eq!(out.pages, 1);
    let info = poppler("pdfinfo", &out.pdf, &[]);
    // 80 mm is 226.77 points.
    assert!(info.contains("Page size:       226.772 x"), "{info}");
    let t = text(&out.pdf, None);
    has(
        &t,
        &[
            "Asha Traders Private Limited",
            "GSTIN: 29AAGCA1234B1Z5",
            "TAX INVOICE",
            "INV/26-27/0042",
            "Place of supply: Karnataka (29)",
            "TOTAL ₹3,540.00",
            "Rupees Three Thousand Five Hundred Forty Only",
        ],
    );
}

#[test]
fn a_payment_receipt_says_who_paid_how_much_and_for_what() {
    if !poppler_installed() {
        return;
    }
    let receipt = Receipt {
        received: true,
        void: false,
        number: "RCPT-7".into(),
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
    let out = bahi_pdf::receipt(&receipt).unwrap();
    assert_eq!(out.warnings, Vec::<String>::new());
    let t = text(&out.pdf, None);
    has(
        &t,
        &[
            "PAYMENT RECEIPT",
            "RCPT-7",
            "RECEIVED FROM",
            "Kaveri Stores",
            "Amount ₹1,500.00",
            "Rupees One Thousand Five Hundred Only",
            "Mode UPI",
            "UTR 612345678901",
            "INV/26-27/0042 5 Oct 2026 1,180.00",
            "Kept as an advance, not yet set against a document: ₹320.00",
            "Authorised Signatory",
        ],
    );
}
