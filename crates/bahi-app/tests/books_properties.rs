//! Properties of the books (issue 16) over random sequences of sales, credit notes, purchase
//! bills (regular, reverse charge, imports), payments with and without allocations, later
//! allocations and voids, across two financial years: every journal balances; the trial
//! balance's debits equal its credits and its openings and closings sum to nothing; each
//! control account equals the sum of its parties' ledgers; the balance sheet balances; and the
//! profit and loss's net profit is the change in equity.
//!
//! The journals are made by the same posting rules the use cases call, and the reports by the
//! same functions the API calls, over the sums the store would give (computed here from the
//! lines, as `ledger_days` holds them).

use std::collections::BTreeMap;

use bahi_app::ledger::accounts::Chart;
use bahi_app::ledger::chart::{System, default_chart};
use bahi_app::ledger::postings::{self, Posting};
use bahi_app::ledger::reports::{balance_sheet_from, profit_and_loss_from, trial_from};
use bahi_gst::returns::Itc;
use bahi_gst::supply::Import;
use bahi_gst::{
    FinancialYear, Paise, Quantity, Rate, Registration, StateCode, SupplyType, Treatment,
};
use bahi_store::identity::{OrgId, now};
use bahi_store::ledger::reports::AccountSums;
use bahi_store::ledger::{AccountId, Source};
use bahi_store::masters::PartyId;
use bahi_store::payments::{Direction, Mode, Payment, PaymentId, PaymentStatus};
use bahi_store::purchases::bills::{Bill, BillLine};
use bahi_store::purchases::{BillId, BillStatus};
use bahi_store::sales::documents::{SalesDocument, SalesLine};
use bahi_store::sales::{DocKind, DocStatus, DocumentId};
use proptest::prelude::*;
use time::{Date, Duration, Month};

fn first_day() -> Date {
    Date::from_calendar_date(2025, Month::April, 1).unwrap()
}

/// One thing a business records.
#[derive(Debug, Clone)]
enum Op {
    Sale {
        day: u16,
        party: u8,
        taxable: i64,
        discount: i64,
        rate: u8,
        inter: bool,
        cess: i64,
        credit_note: bool,
    },
    Bill {
        day: u16,
        party: u8,
        taxable: i64,
        discount: i64,
        rate: u8,
        inter: bool,
        ineligible: bool,
        kind: u8,
    },
    Payment {
        day: u16,
        party: u8,
        amount: i64,
        allocated_pct: u8,
        received: bool,
        mode: u8,
    },
    Allocate {
        which: u8,
        pct: u8,
        day: u16,
    },
    Void {
        which: u8,
        day: u16,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..730u16, 0..5u8, 1..5_000_000i64, 0..100_000i64, 0..4u8, any::<bool>(), 0..2_000i64, prop::bool::weighted(0.2))
            .prop_map(|(day, party, taxable, discount, rate, inter, cess, credit_note)| Op::Sale { day, party, taxable, discount, rate, inter, cess, credit_note }),
        2 => (0..730u16, 5..8u8, 1..5_000_000i64, 0..100_000i64, 0..4u8, any::<bool>(), any::<bool>(), 0..4u8)
            .prop_map(|(day, party, taxable, discount, rate, inter, ineligible, kind)| Op::Bill { day, party, taxable, discount, rate, inter, ineligible, kind }),
        3 => (0..730u16, 0..8u8, 1..3_000_000i64, 0..=100u8, any::<bool>(), 0..6u8)
            .prop_map(|(day, party, amount, allocated_pct, received, mode)| Op::Payment { day, party, amount, allocated_pct, received, mode }),
        1 => (any::<u8>(), 1..=100u8, 0..730u16).prop_map(|(which, pct, day)| Op::Allocate { which, pct, day }),
        1 => (any::<u8>(), 0..730u16).prop_map(|(which, day)| Op::Void { which, day }),
    ]
}

fn tax(value: i64, rate: u8) -> i64 {
    let percent = [5, 12, 18, 28][usize::from(rate % 4)];
    // Half-up to the paisa (the engine's rule; any split the posting gets must balance).
    (value * percent + 50) / 100
}

fn round_off(total: i64) -> i64 {
    let rounded = (total + 50).div_euclid(100) * 100;
    rounded - total
}

fn sales_doc(
    org: OrgId,
    party: PartyId,
    date: Date,
    kind: DocKind,
    taxable: i64,
    heads: [i64; 4],
) -> SalesDocument {
    let at = now();
    let exact = taxable + heads.iter().sum::<i64>();
    let ro = round_off(exact);
    SalesDocument {
        id: DocumentId::new(),
        org_id: org,
        kind,
        status: DocStatus::Issued,
        series: "INV".into(),
        number: Some("INV/1".into()),
        financial_year: Some(i64::from(FinancialYear::of(date).start_year())),
        date,
        due_date: None,
        customer_id: party,
        buyer_name: "Buyer".into(),
        buyer_registration: Registration::Regular,
        buyer_gstin: None,
        buyer_state_code: None,
        buyer_address: None,
        buyer_country: None,
        place_of_supply: StateCode::parse("29").unwrap(),
        supply_type: SupplyType::B2b,
        inter_state: heads[2] > 0,
        with_payment: false,
        deemed_export: false,
        reverse_charge: false,
        shipping_bill_no: None,
        shipping_bill_date: None,
        port_code: None,
        original_id: None,
        reason: None,
        notes: None,
        taxable_value: Paise::new(taxable),
        cgst: Paise::new(heads[0]),
        sgst: Paise::new(heads[1]),
        igst: Paise::new(heads[2]),
        cess: Paise::new(heads[3]),
        round_off: Paise::new(ro),
        total: Paise::new(exact + ro),
        amount_paid: Paise::ZERO,
        amount_credited: Paise::ZERO,
        void_reason: None,
        created_by: None,
        issued_at: Some(at),
        voided_at: None,
        created_at: at,
        updated_at: at,
        seller_composition: false,
        seller_name: None,
        seller_trade_name: None,
        seller_gstin: None,
        seller_address: None,
        seller_state_code: None,
    }
}

fn sales_line(doc: &SalesDocument, discount: i64) -> SalesLine {
    SalesLine {
        document_id: doc.id,
        position: 0,
        org_id: doc.org_id,
        item_id: None,
        description: "Goods".into(),
        hsn_sac: bahi_gst::HsnSac::parse("8473").unwrap(),
        quantity: Quantity::parse("1").unwrap(),
        unit: None,
        unit_price: Paise::new(doc.taxable_value.get() + discount),
        discount: Paise::new(discount),
        gst_rate: Rate::percent(18),
        cess_rate: Rate::percent(0),
        treatment: Treatment::Taxable,
        taxable_value: doc.taxable_value,
        cgst: doc.cgst,
        sgst: doc.sgst,
        igst: doc.igst,
        cess: doc.cess,
        total: doc.total,
    }
}

fn bill_line(
    bill: &Bill,
    position: i64,
    taxable: i64,
    heads: [i64; 4],
    discount: i64,
    itc: Itc,
) -> BillLine {
    BillLine {
        bill_id: bill.id,
        position,
        org_id: bill.org_id,
        item_id: None,
        description: "Goods".into(),
        hsn_sac: None,
        quantity: Quantity::parse("1").unwrap(),
        unit: None,
        unit_price: Paise::new(taxable + discount),
        discount: Paise::new(discount),
        gst_rate: Rate::percent(18),
        cess_rate: Rate::percent(0),
        treatment: Treatment::Taxable,
        itc,
        taxable_value: Paise::new(taxable),
        cgst: Paise::new(heads[0]),
        sgst: Paise::new(heads[1]),
        igst: Paise::new(heads[2]),
        cess: Paise::new(heads[3]),
        total: Paise::new(taxable + heads.iter().sum::<i64>()),
    }
}

fn heads(value: i64, rate: u8, inter: bool, cess: i64) -> [i64; 4] {
    let t = tax(value, rate);
    if inter {
        [0, 0, t, cess]
    } else {
        [t / 2, t / 2, 0, cess]
    }
}

/// What the books hold: every journal's entries with its date.
#[derive(Default)]
struct Books {
    journals: Vec<(Date, Posting)>,
    payments: Vec<Payment>,
    voided: Vec<uuid::Uuid>,
}

impl Books {
    fn post(&mut self, p: Posting) {
        if p.entries.iter().all(|e| e.2.get() == 0) {
            return;
        }
        assert!(p.check().is_some(), "every journal balances: {p:?}");
        self.journals.push((p.date, p));
    }

    /// What a source's journals left (as the store's `net_of_source` gives it).
    fn left(&self, source: uuid::Uuid) -> Vec<(AccountId, Option<PartyId>, Paise)> {
        let mut m: BTreeMap<(AccountId, Option<PartyId>), i64> = BTreeMap::new();
        for (_, p) in &self.journals {
            if p.source.map(|s| s.1) == Some(source) {
                for &(a, party, amount) in &p.entries {
                    *m.entry((a, party)).or_default() += amount.get();
                }
            }
        }
        m.into_iter()
            .filter(|(_, v)| *v != 0)
            .map(|((a, p), v)| (a, p, Paise::new(v)))
            .collect()
    }

    /// Each account's sums as `ledger_days` gives them.
    fn sums(&self, year_start: Date, from: Date, to: Date) -> Vec<AccountSums> {
        let mut m: BTreeMap<AccountId, [i64; 4]> = BTreeMap::new();
        for (date, p) in &self.journals {
            if *date > to {
                continue;
            }
            for &(a, _, amount) in &p.entries {
                let s = m.entry(a).or_default();
                let x = amount.get();
                if *date < year_start {
                    s[0] += x;
                } else if *date < from {
                    s[1] += x;
                } else {
                    s[2] += x.max(0);
                    s[3] += (-x).max(0);
                }
            }
        }
        m.into_iter()
            .map(|(account_id, s)| AccountSums {
                account_id,
                prior: Paise::new(s[0]),
                earlier_this_year: Paise::new(s[1]),
                debit: Paise::new(s[2]),
                credit: Paise::new(s[3]),
            })
            .collect()
    }

    fn party_total(&self, account: AccountId, to: Date) -> i64 {
        self.journals
            .iter()
            .filter(|(d, _)| *d <= to)
            .flat_map(|(_, p)| p.entries.iter())
            .filter(|e| e.0 == account)
            .map(|e| {
                assert!(e.1.is_some(), "a control account's line names its party");
                e.2.get()
            })
            .sum()
    }
}

fn run(org: OrgId, ops: &[Op]) -> Books {
    let day = |d: u16| first_day() + Duration::days(i64::from(d));
    let party = |n: u8| PartyId(uuid::Uuid::from_u128(u128::from(n) + 1));
    let mut books = Books::default();
    let mut sources: Vec<(Source, uuid::Uuid, Date)> = Vec::new();
    for op in ops {
        match *op {
            Op::Sale {
                day: d,
                party: n,
                taxable,
                discount,
                rate,
                inter,
                cess,
                credit_note,
            } => {
                let kind = if credit_note {
                    DocKind::CreditNote
                } else {
                    DocKind::Invoice
                };
                let doc = sales_doc(
                    org,
                    party(n),
                    day(d),
                    kind,
                    taxable,
                    heads(taxable, rate, inter, cess),
                );
                let line = sales_line(&doc, discount);
                let posting = postings::sale(&doc, &[line]);
                assert_eq!(
                    posting
                        .entries
                        .iter()
                        .find(|e| e.0 == System::Debtors.id(org))
                        .map(|e| e.2.get().abs()),
                    Some(doc.total.get()),
                    "the customer owes the total"
                );
                books.post(posting);
                sources.push((Source::SalesDocument, doc.id.0, doc.date));
            }
            Op::Bill {
                day: d,
                party: n,
                taxable,
                discount,
                rate,
                inter,
                ineligible,
                kind,
            } => {
                let (reverse_charge, import_kind) = match kind {
                    0 | 1 => (false, None),
                    2 => (true, None),
                    _ => (
                        inter,
                        Some(if inter {
                            Import::Services
                        } else {
                            Import::Goods
                        }),
                    ),
                };
                let h = heads(taxable, rate, inter || import_kind.is_some(), 0);
                let half = taxable / 2;
                let h1 = heads(half, rate, inter || import_kind.is_some(), 0);
                let h2: [i64; 4] = std::array::from_fn(|i| h[i] - h1[i]);
                let tax_total: i64 = h.iter().sum();
                let outside = reverse_charge || import_kind.is_some();
                let exact = if outside {
                    taxable
                } else {
                    taxable + tax_total
                };
                let ro = round_off(exact);
                let at = now();
                let bill = Bill {
                    id: BillId::new(),
                    org_id: org,
                    status: BillStatus::Recorded,
                    vendor_id: party(n),
                    vendor_name: "Vendor".into(),
                    vendor_registration: Registration::Regular,
                    vendor_gstin: None,
                    vendor_state_code: None,
                    vendor_invoice_number: "V/1".into(),
                    financial_year: i64::from(FinancialYear::of(day(d)).start_year()),
                    date: day(d),
                    due_date: None,
                    place_of_supply: StateCode::parse("29").unwrap(),
                    inter_state: inter,
                    reverse_charge,
                    import_kind,
                    bill_of_entry_number: None,
                    bill_of_entry_date: None,
                    bill_of_entry_port: None,
                    notes: None,
                    taxable_value: Paise::new(taxable),
                    cgst: Paise::new(h[0]),
                    sgst: Paise::new(h[1]),
                    igst: Paise::new(h[2]),
                    cess: Paise::new(h[3]),
                    round_off: Paise::new(ro),
                    total: Paise::new(exact + ro),
                    amount_paid: Paise::ZERO,
                    void_reason: None,
                    created_by: None,
                    voided_at: None,
                    created_at: at,
                    updated_at: at,
                    self_invoice_number: None,
                };
                let second = if ineligible {
                    Itc::Ineligible
                } else {
                    Itc::Eligible
                };
                let lines = [
                    bill_line(&bill, 0, half, h1, discount, Itc::Eligible),
                    bill_line(&bill, 1, taxable - half, h2, 0, second),
                ];
                let posting = postings::purchase(&bill, &lines);
                assert_eq!(
                    posting
                        .entries
                        .iter()
                        .find(|e| e.0 == System::Creditors.id(org))
                        .map(|e| -e.2.get()),
                    Some(bill.total.get()).filter(|t| *t != 0),
                    "the vendor is owed the total"
                );
                books.post(posting);
                sources.push((Source::PurchaseBill, bill.id.0, bill.date));
            }
            Op::Payment {
                day: d,
                party: n,
                amount,
                allocated_pct,
                received,
                mode,
            } => {
                let at = now();
                let p = Payment {
                    id: PaymentId::new(),
                    org_id: org,
                    direction: if received {
                        Direction::Received
                    } else {
                        Direction::Made
                    },
                    status: PaymentStatus::Recorded,
                    party_id: party(n),
                    date: day(d),
                    amount: Paise::new(amount),
                    allocated: Paise::new(amount * i64::from(allocated_pct) / 100),
                    mode: Mode::ALL[usize::from(mode) % Mode::ALL.len()],
                    reference: None,
                    notes: None,
                    void_reason: None,
                    created_by: None,
                    voided_at: None,
                    created_at: at,
                    updated_at: at,
                    gateway_ref: None,
                    account_id: None,
                };
                books.post(postings::payment(&p, "Party"));
                sources.push((Source::Payment, p.id.0, p.date));
                books.payments.push(p);
            }
            Op::Allocate { which, pct, day: d } => {
                let n = books.payments.len();
                if n == 0 {
                    continue;
                }
                let p = &mut books.payments[usize::from(which) % n];
                if books.voided.contains(&p.id.0) {
                    continue;
                }
                let left = p.amount.get() - p.allocated.get();
                let amount = left * i64::from(pct) / 100;
                if amount == 0 {
                    continue;
                }
                let date = day(d).max(p.date);
                let posting = postings::allocation(p, Paise::new(amount), 1, date);
                p.allocated = Paise::new(p.allocated.get() + amount);
                books.post(posting);
            }
            Op::Void { which, day: d } => {
                let n = sources.len();
                if n == 0 {
                    continue;
                }
                let (source, id, date) = sources[usize::from(which) % n];
                if books.voided.contains(&id) {
                    continue;
                }
                books.voided.push(id);
                let on = if source == Source::Payment {
                    day(d).max(date)
                } else {
                    date
                };
                let left = books.left(id);
                books.post(postings::reversal(
                    (source, id),
                    &left,
                    on,
                    None,
                    "Void".into(),
                ));
                assert!(books.left(id).is_empty(), "a void leaves nothing behind");
            }
        }
    }
    books
}

fn chart(org: OrgId) -> Chart {
    let (groups, accounts) = default_chart(org);
    Chart::new(groups, accounts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_books_keep_their_invariants(ops in prop::collection::vec(op(), 1..60), cut in 0..730i64, span in 0..400i64) {
        let org = OrgId::new();
        let chart = chart(org);
        let books = run(org, &ops);
        let from = first_day() + Duration::days(cut);
        let to = from + Duration::days(span);
        let year_start = FinancialYear::of(from).first_day().unwrap();

        let tb = trial_from(&chart, org, from, to, &books.sums(year_start, from, to));
        prop_assert_eq!(tb.debit, tb.credit, "debits equal credits");
        let opening: i64 = tb.rows.iter().map(|r| r.opening.get()).sum();
        let closing: i64 = tb.rows.iter().map(|r| r.closing.get()).sum();
        prop_assert_eq!((opening, closing), (0, 0));

        // Each control account is the sum of its parties' ledgers.
        for s in [System::Debtors, System::Creditors, System::CustomerAdvances, System::VendorAdvances] {
            let whole = books.sums(first_day(), first_day(), to);
            let control: i64 = whole.iter().filter(|x| x.account_id == s.id(org)).map(|x| x.debit.get() - x.credit.get()).sum();
            prop_assert_eq!(control, books.party_total(s.id(org), to), "{:?}", s);
        }

        // The balance sheet balances, and its year's profit is the profit and loss's.
        let bs_year = FinancialYear::of(to).first_day().unwrap();
        let bs = balance_sheet_from(&chart, org, to, &books.sums(bs_year, bs_year, to));
        prop_assert_eq!(bs.total_assets.get(), bs.total_liabilities.get() + bs.total_equity.get());
        let pl = profit_and_loss_from(&chart, bs_year, to, &books.sums(bs_year, bs_year, to));
        prop_assert_eq!(bs.profit_for_the_year, pl.net_profit);

        // Nothing moves equity but profit here: its change over [from, to] is the profit.
        let before = from - Duration::days(1);
        let start = FinancialYear::of(before).first_day().unwrap();
        let opening_bs = balance_sheet_from(&chart, org, before, &books.sums(start, start, before));
        let profit = profit_and_loss_from(&chart, from, to, &books.sums(year_start, from, to));
        prop_assert_eq!(
            bs.total_equity.get() - opening_bs.total_equity.get(),
            profit.net_profit.get(),
            "the change in equity is the profit"
        );
    }
}
