//! The data a template lays out: everything already in the words and figures that print
//! (Indian digit grouping, dates as `5 Oct 2026`, the total in words, the HSN summary), so the
//! templates only place text and never compute.

use std::collections::BTreeMap;

use bahi_gst::{Paise, Rate, amount_in_words};
use serde_json::{Value, json};
use time::Date;

use crate::model::{Document, Kind, Line, Party, Receipt, Reference};

/// `1,23,456.00`: a table's figure (the ₹ is in the column's heading or the template).
pub(crate) fn figure(amount: Paise) -> String {
    amount.to_inr().replacen('₹', "", 1)
}

/// `5 Oct 2026`
pub(crate) fn date(day: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[usize::from(u8::from(day.month())) - 1];
    format!("{} {month} {}", day.day(), day.year())
}

/// Half a rate, as CGST and SGST each charge it: `9`, `1.5`, `0.125`.
pub(crate) fn half(rate: Rate) -> String {
    let thousandths = rate.hundredths() * 5;
    let (whole, fraction) = (thousandths / 1000, thousandths % 1000);
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:03}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn party(p: &Party) -> Value {
    json!({
        "name": p.name,
        "trade_name": p.trade_name,
        "address": p.address,
        "gstin": p.gstin,
        "state": p.state,
        "country": p.country,
        "phone": p.phone,
        "email": p.email,
    })
}

fn reference(r: Option<&Reference>) -> Value {
    r.map_or(
        Value::Null,
        |r| json!({ "number": r.number, "date": date(r.date) }),
    )
}

fn title(doc: &Document) -> &'static str {
    match doc.kind {
        Kind::TaxInvoice | Kind::ExportInvoice => "Tax Invoice",
        Kind::BillOfSupply => "Bill of Supply",
        Kind::CreditNote => "Credit Note",
        Kind::DebitNote => "Debit Note",
        Kind::SelfInvoice => "Self Invoice",
    }
}

fn line(n: usize, l: &Line) -> Value {
    json!({
        "n": n + 1,
        "description": l.description,
        "hsn_sac": l.hsn_sac,
        "quantity": l.quantity,
        "unit": l.unit,
        "unit_price": figure(l.unit_price),
        "discount": (!l.discount.is_zero()).then(|| figure(l.discount)),
        "taxable": figure(l.taxable_value),
        "rate": l.gst_rate.to_string(),
        "half_rate": half(l.gst_rate),
        "cess_rate": l.cess_rate.to_string(),
        "cgst": figure(l.cgst),
        "sgst": figure(l.sgst),
        "igst": figure(l.igst),
        "cess": figure(l.cess),
        "total": figure(l.total),
    })
}

/// Tax per HSN/SAC and rate: the lines' allocations summed, so the summary adds up to the
/// document's totals exactly.
fn hsn_summary(lines: &[Line]) -> Vec<Value> {
    let mut groups: BTreeMap<(&str, Rate), [i64; 5]> = BTreeMap::new();
    for l in lines {
        let g = groups.entry((l.hsn_sac.as_str(), l.gst_rate)).or_default();
        for (sum, part) in g
            .iter_mut()
            .zip([l.taxable_value, l.cgst, l.sgst, l.igst, l.cess])
        {
            *sum = sum.saturating_add(part.get());
        }
    }
    groups
        .into_iter()
        .map(|((hsn, rate), [taxable, cgst, sgst, igst, cess])| {
            let tax = cgst
                .saturating_add(sgst)
                .saturating_add(igst)
                .saturating_add(cess);
            json!({
                "hsn_sac": hsn,
                "rate": rate.to_string(),
                "half_rate": half(rate),
                "taxable": figure(Paise::new(taxable)),
                "cgst": figure(Paise::new(cgst)),
                "sgst": figure(Paise::new(sgst)),
                "igst": figure(Paise::new(igst)),
                "cess": figure(Paise::new(cess)),
                "tax": figure(Paise::new(tax)),
            })
        })
        .collect()
}

/// The document as its template reads it.
pub(crate) fn document(doc: &Document, qr: Option<&str>) -> Value {
    let t = &doc.totals;
    let taxed = !t.cgst.is_zero() || !t.sgst.is_zero() || !t.igst.is_zero();
    // Which tax columns the table has: none on a bill of supply, CGST and SGST (or UTGST)
    // within a state, IGST across states.
    let heads = match (doc.kind, doc.inter_state) {
        (Kind::BillOfSupply, _) => "none",
        _ if doc.composition => "none",
        (_, true) => "inter",
        (_, false) => "intra",
    };
    let mut declarations = Vec::new();
    if doc.composition {
        declarations
            .push("Composition taxable person, not eligible to collect tax on supplies".to_owned());
    }
    if let Some(e) = &doc.export {
        declarations.push(e.declaration());
    }
    let tax_total = Paise::new(
        t.cgst
            .get()
            .saturating_add(t.sgst.get())
            .saturating_add(t.igst.get())
            .saturating_add(t.cess.get()),
    );
    json!({
        "kind": doc.kind.as_str(),
        "title": title(doc),
        "copy": doc.copy.map(|c| c.words()),
        "draft": doc.draft,
        "void": doc.void,
        "number": doc.number,
        "date": date(doc.date),
        "due_date": doc.due_date.map(date),
        "seller": party(&doc.seller),
        "buyer": party(&doc.buyer),
        "place_of_supply": doc.place_of_supply,
        "reverse_charge": doc.reverse_charge,
        "original": reference(doc.original.as_ref()),
        "supplier_reference": reference(doc.supplier_reference.as_ref()),
        "reason": doc.reason,
        "export": doc.export.as_ref().map(|e| json!({
            "shipping_bill_number": e.shipping_bill_number,
            "shipping_bill_date": e.shipping_bill_date.map(date),
            "port_code": e.port_code,
        })),
        "declarations": declarations,
        "heads": heads,
        "state_head": if doc.utgst { "UTGST" } else { "SGST" },
        "cess": !t.cess.is_zero(),
        "discount": doc.lines.iter().any(|l| !l.discount.is_zero()),
        "lines": doc.lines.iter().enumerate().map(|(n, l)| line(n, l)).collect::<Vec<_>>(),
        "hsn": if taxed { hsn_summary(&doc.lines) } else { Vec::new() },
        "totals": {
            "taxable": figure(t.taxable_value),
            "cgst": figure(t.cgst),
            "sgst": figure(t.sgst),
            "igst": figure(t.igst),
            "cess": figure(t.cess),
            "tax": figure(tax_total),
            "round_off": (!t.round_off.is_zero()).then(|| figure(t.round_off)),
            "total": t.total.to_inr(),
            "words": amount_in_words(t.total),
            "paid": (!t.paid.is_zero()).then(|| t.paid.to_inr()),
            "balance": (!t.paid.is_zero() || !t.balance.is_zero()).then(|| t.balance.to_inr()),
        },
        "bank": doc.bank.as_ref().map(|b| json!({
            "name": b.name,
            "account_number": b.account_number,
            "ifsc": b.ifsc,
        })),
        "upi": doc.upi.as_ref().zip(qr).map(|(u, qr)| json!({
            "vpa": u.vpa,
            "amount": u.amount.to_inr(),
            "qr": qr,
        })),
        "notes": doc.notes,
        "terms": doc.terms,
        "signatory": doc.signatory,
        "logo": doc.logo.as_ref().map(|l| format!("/logo.{}", l.format.extension())),
    })
}

/// A payment's receipt (or voucher) as its template reads it.
pub(crate) fn receipt(r: &Receipt) -> Value {
    json!({
        "title": if r.received { "Payment Receipt" } else { "Payment Voucher" },
        "received": r.received,
        "void": r.void,
        "number": r.number,
        "date": date(r.date),
        "business": party(&r.business),
        "counterparty": party(&r.counterparty),
        "amount": r.amount.to_inr(),
        "words": amount_in_words(r.amount),
        "mode": r.mode,
        "reference": r.reference,
        "settled": r.settled.iter().map(|s| json!({
            "number": s.number,
            "date": date(s.date),
            "amount": figure(s.amount),
        })).collect::<Vec<_>>(),
        "unallocated": (!r.unallocated.is_zero()).then(|| figure(r.unallocated)),
        "notes": r.notes,
        "signatory": r.signatory,
        "logo": r.logo.as_ref().map(|l| format!("/logo.{}", l.format.extension())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn figures_group_the_indian_way_without_the_sign() {
        assert_eq!(figure(Paise::new(12_345_678_950)), "12,34,56,789.50");
        assert_eq!(figure(Paise::new(-5_000)), "-50.00");
        assert_eq!(super::date(date!(2026 - 10 - 05)), "5 Oct 2026");
    }

    fn l(hsn: &str, rate: u32, taxable: i64, half: i64) -> Line {
        Line {
            description: "x".into(),
            hsn_sac: hsn.into(),
            quantity: Some("1".into()),
            unit: None,
            unit_price: Paise::new(taxable),
            discount: Paise::ZERO,
            taxable_value: Paise::new(taxable),
            gst_rate: Rate::from_hundredths(rate),
            cess_rate: Rate::ZERO,
            cgst: Paise::new(half),
            sgst: Paise::new(half),
            igst: Paise::ZERO,
            cess: Paise::ZERO,
            total: Paise::new(taxable + 2 * half),
        }
    }

    #[test]
    fn the_hsn_summary_adds_lines_of_one_code_and_rate() {
        let rows = hsn_summary(&[
            l("8471", 1800, 10_000, 900),
            l("8471", 1800, 5_000, 450),
            l("8471", 500, 1_000, 25),
            l("9983", 1800, 2_000, 180),
        ]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["rate"], "5");
        assert_eq!(rows[1]["hsn_sac"], "8471");
        assert_eq!(rows[1]["rate"], "18");
        assert_eq!(rows[1]["taxable"], "150.00");
        assert_eq!(rows[1]["cgst"], "13.50");
        assert_eq!(rows[1]["tax"], "27.00");
    }

    #[test]
    fn each_state_head_charges_half_the_rate() {
        assert_eq!(half(Rate::percent(18)), "9");
        assert_eq!(half(Rate::percent(3)), "1.5");
        assert_eq!(half(Rate::from_hundredths(25)), "0.125");
        assert_eq!(half(Rate::ZERO), "0");
    }
}
