//! Benchmarks: `cargo bench -p bahi-gst`.
//! - settling a 100-line invoice;
//! - building GSTR-1 and GSTR-3B for 100,000 documents in memory.

use std::hint::black_box;

use bahi_gst::returns::{
    DocumentKind, DocumentStatus, Itc, PurchaseDocument, PurchaseLine, SalesDocument, SalesLine,
    gstr1, gstr3b,
};
use bahi_gst::settle::Options;
use bahi_gst::supply::classify_sale;
use bahi_gst::*;
use criterion::{Criterion, criterion_group, criterion_main};

const RATES: [u32; 5] = [500, 1200, 1800, 2800, 300];

fn lines(n: usize) -> Vec<Line> {
    (0..n)
        .map(|i| {
            let mut l = Line::taxable(
                Quantity::from_milli(1000 + (i as i64 * 250) % 7000),
                Paise::new(9_999 + (i as i64 * 7_919) % 500_000),
                Rate::from_hundredths(RATES[i % RATES.len()]),
            );
            l.discount = Paise::new((i as i64 % 3) * 100);
            l
        })
        .collect()
}

fn settle_invoice(c: &mut Criterion) {
    let lines = lines(100);
    let opts = Options {
        levy: Levy::IntraState { utgst: false },
        round_off: true,
        reverse_charge: false,
    };
    c.bench_function("settle a 100-line invoice", |b| {
        b.iter(|| settle(black_box(&lines), black_box(&opts)))
    });
}

fn gstin(body: &str) -> Gstin {
    let check = bahi_gst::gstin::check_character(body.as_bytes());
    Gstin::parse(&format!("{body}{}", char::from(check))).unwrap()
}

/// 100,000 documents of one month: B2B, B2C small and large, exports, credit notes, voids.
fn month(n: usize) -> Vec<SalesDocument> {
    let seller = StateCode::from_number(29).unwrap();
    let buyers = [
        (Registration::Regular, Some(gstin("27AABCT1332L1Z")), 27),
        (Registration::Regular, Some(gstin("29AABCT1332L1Z")), 29),
        (Registration::Unregistered, None, 29),
        (Registration::Unregistered, None, 33),
        (Registration::Overseas, None, 96),
        (Registration::Sez, Some(gstin("29AABCT1332L3Z")), 29),
    ];
    let date = time::Date::from_calendar_date(2026, time::Month::October, 15).unwrap();
    let hsn = HsnSac::parse("8471").unwrap();
    (0..n)
        .map(|i| {
            let (reg, gstin, pos) = buyers[i % buyers.len()].clone();
            let pos = StateCode::from_number(pos).unwrap();
            let class = classify_sale(seller, reg, pos, i % 2 == 0).unwrap();
            let doc_lines = lines(1 + i % 5);
            let s = settle(
                &doc_lines,
                &Options {
                    levy: class.levy,
                    round_off: true,
                    reverse_charge: false,
                },
            )
            .unwrap();
            let kind = if i % 10 == 9 {
                DocumentKind::CreditNote
            } else {
                DocumentKind::Invoice
            };
            SalesDocument {
                kind,
                status: if i % 50 == 7 {
                    DocumentStatus::Void
                } else {
                    DocumentStatus::Issued
                },
                number: format!("INV/26-27/{i:06}"),
                series: "INV".into(),
                date,
                buyer_registration: reg,
                buyer_gstin: gstin,
                supply_type: class.supply_type,
                place_of_supply: pos,
                inter_state: class.levy.is_inter_state(),
                reverse_charge: false,
                with_payment: i % 2 == 0,
                deemed_export: false,
                export: None,
                original: (kind == DocumentKind::CreditNote).then(|| {
                    bahi_gst::returns::OriginalInvoice {
                        number: "INV/26-27/000001".into(),
                        date,
                        total: s.totals.total,
                    }
                }),
                lines: doc_lines
                    .iter()
                    .zip(&s.lines)
                    .map(|(l, sl)| SalesLine {
                        hsn: hsn.clone(),
                        description: "Laptop".into(),
                        uqc: "NOS".into(),
                        quantity: l.quantity,
                        treatment: l.treatment,
                        rate: sl.rate,
                        taxable_value: sl.taxable_value,
                        igst: sl.igst,
                        cgst: sl.cgst,
                        sgst: sl.sgst,
                        cess: sl.cess,
                    })
                    .collect(),
                total: s.totals.total,
            }
        })
        .collect()
}

fn bills(n: usize) -> Vec<PurchaseDocument> {
    let date = time::Date::from_calendar_date(2026, time::Month::October, 9).unwrap();
    (0..n)
        .map(|i| PurchaseDocument {
            status: DocumentStatus::Issued,
            date,
            vendor_registration: Registration::Regular,
            reverse_charge: i % 7 == 0,
            import: None,
            inter_state: i % 2 == 0,
            lines: vec![PurchaseLine {
                treatment: Treatment::Taxable,
                rate: Rate::percent(18),
                itc: if i % 11 == 0 {
                    Itc::Ineligible
                } else {
                    Itc::Eligible
                },
                taxable_value: Paise::new(100_000),
                igst: Paise::new(18_000),
                cgst: Paise::ZERO,
                sgst: Paise::ZERO,
                cess: Paise::ZERO,
            }],
        })
        .collect()
}

fn returns(c: &mut Criterion) {
    let docs = month(100_000);
    let purchases = bills(10_000);
    let gstin = gstin("29AAPFU0939F1Z");
    let period = Period::parse("2026-10").unwrap();
    let mut group = c.benchmark_group("returns for 100,000 documents");
    group.sample_size(10);
    group.bench_function("GSTR-1", |b| {
        b.iter(|| gstr1::build(&gstin, period, black_box(&docs)))
    });
    group.bench_function("GSTR-3B", |b| {
        b.iter(|| gstr3b::build(&gstin, period, black_box(&docs), black_box(&purchases)))
    });
    group.bench_function("GSTR-1 to JSON", |b| {
        let g = gstr1::build(&gstin, period, &docs);
        b.iter(|| serde_json::to_vec(black_box(&g)).map(|v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, settle_invoice, returns);
criterion_main!(benches);
