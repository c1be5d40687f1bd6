//! Invariants that must hold for any input (proptest): lines sum to the document, CGST = SGST,
//! settlement within half a paisa of exact, 4(C) = 4(A) − 4(B), GSTR-1 and GSTR-3B outward
//! totals agree, and no parser panics.

mod common;

use bahi_gst::returns::{DocumentKind, DocumentStatus, Itc, gstr1, gstr3b};
use bahi_gst::settle::{Options, exact_tax};
use bahi_gst::supply::Import;
use bahi_gst::*;
use common::*;
use proptest::prelude::*;
use serde_json::Value;
use time::macros::date;

const RATES: [u32; 13] = [
    0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000,
];

fn any_line() -> impl Strategy<Value = Line> {
    (
        1..5_000_000_i64,
        0..10_000_000_i64,
        0..RATES.len(),
        prop::sample::select(vec![0_u32, 0, 0, 100, 1200, 2200]),
        0..100_u8,
        0..4_u8,
    )
        .prop_map(|(qty_milli, price, rate, cess, discount_pct, treatment)| {
            let mut line = Line::taxable(
                Quantity::from_milli(qty_milli),
                Paise::new(price),
                Rate::from_hundredths(RATES[rate]),
            );
            line.cess_rate = Rate::from_hundredths(cess);
            let gross = i128::from(qty_milli) * i128::from(price) / 1000;
            line.discount =
                Paise::new(i64::try_from(gross * i128::from(discount_pct) / 200).unwrap_or(0));
            line.treatment = match treatment {
                0 => Treatment::NilRated,
                1 => Treatment::Exempt,
                2 => Treatment::NonGst,
                _ => Treatment::Taxable,
            };
            if treatment < 3 {
                line.treatment = if price % 5 == 0 {
                    line.treatment
                } else {
                    Treatment::Taxable
                };
            }
            line
        })
}

fn any_levy() -> impl Strategy<Value = Levy> {
    prop_oneof![
        Just(Levy::IntraState { utgst: false }),
        Just(Levy::IntraState { utgst: true }),
        Just(Levy::InterState),
        Just(Levy::ZeroRatedWithoutPayment),
    ]
}

/// |settled − exact| < ½ paisa, in integers: |settled·d − n| · 2 < d, except exactly ½ rounds up.
fn within_half_paisa(settled: Paise, (n, d): (i128, i128)) -> bool {
    let diff = i128::from(settled.get()) * d - n;
    diff * 2 <= d && diff * 2 > -d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lines_always_sum_to_the_document(lines in prop::collection::vec(any_line(), 1..30), levy in any_levy(), round_off: bool, reverse_charge: bool) {
        let s = settle(&lines, &Options { levy, round_off, reverse_charge }).unwrap();
        let sum = |f: fn(&settle::SettledLine) -> Paise| Paise::new(s.lines.iter().map(|l| f(l).get()).sum());
        prop_assert_eq!(sum(|l| l.taxable_value), s.totals.taxable_value);
        prop_assert_eq!(sum(|l| l.cgst), s.totals.cgst);
        prop_assert_eq!(sum(|l| l.sgst), s.totals.sgst);
        prop_assert_eq!(sum(|l| l.igst), s.totals.igst);
        prop_assert_eq!(sum(|l| l.cess), s.totals.cess);
        prop_assert_eq!(sum(|l| l.total).get() + s.totals.round_off.get(), s.totals.total.get());
        // The slabs are the settlement; the lines are its allocation.
        prop_assert_eq!(s.slabs.iter().map(|x| x.cgst.get() + x.sgst.get() + x.igst.get()).sum::<i64>(), s.totals.cgst.get() + s.totals.sgst.get() + s.totals.igst.get());
        prop_assert!(s.totals.round_off.get() >= -49 && s.totals.round_off.get() <= 50);
        if round_off { prop_assert_eq!(s.totals.total.get() % 100, 0); }
    }

    #[test]
    fn cgst_always_equals_sgst(lines in prop::collection::vec(any_line(), 1..30), utgst: bool) {
        let s = settle(&lines, &Options { levy: Levy::IntraState { utgst }, round_off: true, reverse_charge: false }).unwrap();
        prop_assert_eq!(s.totals.cgst, s.totals.sgst);
        for slab in &s.slabs {
            prop_assert_eq!(slab.cgst, slab.sgst);
            prop_assert_eq!(slab.igst, Paise::ZERO);
        }
        prop_assert_eq!(s.totals.igst, Paise::ZERO);
    }

    #[test]
    fn settlement_is_within_half_a_paisa_of_exact_per_rate_and_head(lines in prop::collection::vec(any_line(), 1..30), levy in any_levy()) {
        let s = settle(&lines, &Options { levy, round_off: true, reverse_charge: false }).unwrap();
        for slab in &s.slabs {
            match levy {
                Levy::IntraState { .. } => {
                    prop_assert!(within_half_paisa(slab.cgst, exact_tax(slab.taxable_value, slab.rate, 2)));
                    prop_assert!(within_half_paisa(slab.sgst, exact_tax(slab.taxable_value, slab.rate, 2)));
                }
                Levy::InterState => prop_assert!(within_half_paisa(slab.igst, exact_tax(slab.taxable_value, slab.rate, 1))),
                Levy::ZeroRatedWithoutPayment => prop_assert_eq!(slab.igst.get() + slab.cgst.get(), 0),
            }
        }
        for cess in &s.cess_slabs {
            prop_assert!(within_half_paisa(cess.cess, exact_tax(cess.taxable_value, cess.rate, 1)));
        }
        // Each line's share is within one paisa of its own exact tax.
        for (line, settled) in lines.iter().zip(&s.lines) {
            if line.treatment == Treatment::Taxable && levy == Levy::InterState {
                let (n, d) = exact_tax(settled.taxable_value, line.rate, 1);
                prop_assert!((i128::from(settled.igst.get()) * d - n).abs() < d);
            }
        }
    }

    #[test]
    fn returns_agree_for_any_mix_of_documents(docs in prop::collection::vec(any_sale(), 0..40), bills in prop::collection::vec(any_bill(), 0..20)) {
        let period = Period::parse("2026-10").unwrap();
        let g1 = serde_json::to_value(gstr1::build(&seller(), period, &docs)).unwrap();
        let g3 = serde_json::to_value(gstr3b::build(&seller(), period, &docs, &bills)).unwrap();
        let gstr1_outward = outward_from_gstr1(&g1);
        let sup = &g3["sup_details"];
        for (head, key_a, key_b) in [("txval", "txval", "txval"), ("iamt", "iamt", "iamt"), ("csamt", "csamt", "csamt")] {
            prop_assert_eq!(gstr1_outward[head], cents(&sup["osup_det"][key_a]) + cents(&sup["osup_zero"][key_b]), "{}", head);
        }
        prop_assert_eq!(gstr1_outward["camt"], cents(&sup["osup_det"]["camt"]));
        prop_assert_eq!(gstr1_outward["samt"], cents(&sup["osup_det"]["samt"]));
        let nil: i64 = g1["nil"]["inv"].as_array().unwrap().iter().map(|r| cents(&r["nil_amt"]) + cents(&r["expt_amt"])).sum();
        prop_assert_eq!(nil, cents(&sup["osup_nil_exmp"]["txval"]));
        let nongst: i64 = g1["nil"]["inv"].as_array().unwrap().iter().map(|r| cents(&r["ngsup_amt"])).sum();
        prop_assert_eq!(nongst, cents(&sup["osup_nongst"]["txval"]));

        // 4(C) = 4(A) − 4(B), head by head.
        let itc = &g3["itc_elg"];
        for head in ["iamt", "camt", "samt", "csamt"] {
            let total = |rows: &Value| rows.as_array().unwrap().iter().map(|r| cents(&r[head])).sum::<i64>();
            prop_assert_eq!(cents(&itc["itc_net"][head]), total(&itc["itc_avl"]) - total(&itc["itc_rev"]));
        }
    }

    /// The server streams a month in the store's order (date, id), not the return's: the
    /// builders must give the same return whatever order documents arrive in.
    #[test]
    fn returns_do_not_depend_on_the_order_documents_arrive_in(docs in prop::collection::vec(any_sale(), 0..40), bills in prop::collection::vec(any_bill(), 0..20), seed: u64) {
        let period = Period::parse("2026-10").unwrap();
        // Numbers are unique in a business (two documents with one number have no order).
        let mut seen = std::collections::HashSet::new();
        let docs: Vec<_> = docs.into_iter().filter(|d| seen.insert(d.number.clone())).collect();
        let mut shuffled = docs.clone();
        let mut bills_shuffled = bills.clone();
        // A deterministic shuffle from the seed (Fisher–Yates over a linear congruential walk).
        let mut state = seed;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, next(i + 1));
        }
        for i in (1..bills_shuffled.len()).rev() {
            bills_shuffled.swap(i, next(i + 1));
        }
        // Nor on the order of a document's lines (the store does not sort them).
        for d in &mut shuffled {
            d.lines.reverse();
        }
        for b in &mut bills_shuffled {
            b.lines.reverse();
        }
        let json = |v| serde_json::to_string(&v).unwrap();
        prop_assert_eq!(
            json(serde_json::to_value(gstr1::build(&seller(), period, &docs)).unwrap()),
            json(serde_json::to_value(gstr1::build(&seller(), period, &shuffled)).unwrap())
        );
        prop_assert_eq!(
            json(serde_json::to_value(gstr3b::build(&seller(), period, &docs, &bills)).unwrap()),
            json(serde_json::to_value(gstr3b::build(&seller(), period, &shuffled, &bills_shuffled)).unwrap())
        );
    }

    #[test]
    fn parsers_never_panic(text in ".{0,40}") {
        let _ = Gstin::parse(&text);
        let _ = Pan::parse(&text);
        let _ = HsnSac::parse(&text);
        let _ = StateCode::parse(&text);
        let _ = Period::parse(&text);
        let _ = Period::parse_gstn(&text);
        let _ = Paise::parse(&text);
        let _ = Quantity::parse(&text);
        let _ = Rate::parse(&text);
        let _ = DocumentNumber::parse(&text);
        let _ = DocumentNumber::recorded(&text);
        let _ = NumberFormat::new(&text, 4);
    }

    #[test]
    fn parsers_never_panic_on_near_misses(text in "[0-9A-Z./ -]{0,20}") {
        let _ = Gstin::parse(&text);
        let _ = Paise::parse(&text);
        let _ = Quantity::parse(&text);
        let _ = Rate::parse(&text);
        let _ = DocumentNumber::parse(&text);
        let _ = StateCode::parse(&text);
    }

    #[test]
    fn money_text_round_trips(p in any::<i64>()) {
        let p = Paise::new(p);
        prop_assert_eq!(Paise::parse(&p.to_string()).unwrap(), p);
    }
}

fn cents(v: &Value) -> i64 {
    // Amounts are written with exactly two decimals; read them back through their text.
    Paise::parse(&v.to_string())
        .map(Paise::get)
        .unwrap_or_else(|_| panic!("not an amount: {v}"))
}

/// Sums GSTR-1's outward sections the way 3.1(a)+(b) must total: invoices and debit notes add,
/// credit notes subtract.
fn outward_from_gstr1(g: &Value) -> std::collections::HashMap<&'static str, i64> {
    let mut totals = std::collections::HashMap::new();
    let heads = ["txval", "iamt", "camt", "samt", "csamt"];
    for h in heads {
        totals.insert(h, 0_i64);
    }
    let mut add = |detail: &Value, sign: i64| {
        for h in heads {
            if let Some(v) = detail.get(h) {
                *totals.get_mut(h).unwrap() += sign * cents(v);
            }
        }
    };
    let arr = |v: &Value| v.as_array().cloned().unwrap_or_default();
    for party in arr(&g["b2b"]) {
        for inv in arr(&party["inv"]) {
            for item in arr(&inv["itms"]) {
                add(&item["itm_det"], 1);
            }
        }
    }
    for place in arr(&g["b2cl"]) {
        for inv in arr(&place["inv"]) {
            for item in arr(&inv["itms"]) {
                add(&item["itm_det"], 1);
            }
        }
    }
    for row in arr(&g["b2cs"]) {
        add(&row, 1);
    }
    for group in arr(&g["exp"]) {
        for inv in arr(&group["inv"]) {
            for item in arr(&inv["itms"]) {
                add(&item, 1);
            }
        }
    }
    for party in arr(&g["cdnr"]) {
        for note in arr(&party["nt"]) {
            let sign = if note["ntty"] == "C" { -1 } else { 1 };
            for item in arr(&note["itms"]) {
                add(&item["itm_det"], sign);
            }
        }
    }
    for note in arr(&g["cdnur"]) {
        let sign = if note["ntty"] == "C" { -1 } else { 1 };
        for item in arr(&note["itms"]) {
            add(&item["itm_det"], sign);
        }
    }
    totals
}

fn any_sale() -> impl Strategy<Value = returns::SalesDocument> {
    let buyers = prop_oneof![
        Just((Registration::Regular, Some("27AABCT1332L1Z"), 27_u8)),
        Just((Registration::Regular, Some("29AABCT1332L1Z"), 29)),
        Just((Registration::Composition, Some("27AABCT1332L2Z"), 27)),
        Just((Registration::Uin, Some("0717UNO00157UN"), 7)),
        Just((Registration::Sez, Some("29AABCT1332L3Z"), 29)),
        Just((Registration::Unregistered, None, 29)),
        Just((Registration::Unregistered, None, 33)),
        Just((Registration::Overseas, None, 96)),
    ];
    (
        buyers,
        prop::collection::vec(any_line(), 1..6),
        0..4_u8,
        any::<bool>(),
        0..20_u32,
        1..28_u8,
        prop::collection::vec(any_line(), 1..3),
    )
        .prop_map(
            |((reg, gstin_body, pos), lines, kind, with_payment, n, day, note_lines)| {
                let date = time::Date::from_calendar_date(2026, time::Month::October, day).unwrap();
                let mut sale = Sale::invoice(
                    &format!("INV/26-27/{n:04}"),
                    date,
                    reg,
                    gstin_body.map(gstin),
                    state(pos),
                );
                sale.with_payment = with_payment;
                for l in lines {
                    sale = sale.line(l, "8471");
                }
                let invoice = sale.clone().build();
                match kind {
                    0 => {
                        let mut void = invoice;
                        void.status = DocumentStatus::Void;
                        void
                    }
                    1 | 2 => {
                        let note_kind = if kind == 1 {
                            DocumentKind::CreditNote
                        } else {
                            DocumentKind::DebitNote
                        };
                        let mut note =
                            sale.note(note_kind, &format!("CN/26-27/{n:04}"), date, &invoice);
                        for l in note_lines {
                            note = note.line(l, "8471");
                        }
                        note.build()
                    }
                    _ => invoice,
                }
            },
        )
}

fn any_bill() -> impl Strategy<Value = returns::PurchaseDocument> {
    let vendors = prop_oneof![
        Just((Registration::Regular, Some(29_u8), false, None)),
        Just((Registration::Regular, Some(27), false, None)),
        Just((Registration::Unregistered, Some(29), true, None)),
        Just((Registration::Composition, Some(29), false, None)),
        Just((Registration::Overseas, None, false, Some(Import::Goods))),
        Just((Registration::Overseas, None, true, Some(Import::Services))),
    ];
    (
        vendors,
        prop::collection::vec((any_line(), any::<bool>()), 1..5),
    )
        .prop_map(|((reg, st, rcm, import), lines)| {
            let lines: Vec<_> = lines
                .into_iter()
                .map(|(l, ok)| (l, if ok { Itc::Eligible } else { Itc::Ineligible }))
                .collect();
            bill(
                date!(2026 - 10 - 09),
                reg,
                st.map(state),
                rcm,
                import,
                &lines,
            )
        })
}
