//! What each document and payment posts: pure functions from the recorded values to the
//! lines of one journal (account, party, amount; debit positive). Every journal they make sums
//! to zero — [`Posting::check`] proves it before anything is written, and the store checks the
//! stored lines again.
//!
//! - A sale (invoice, bill of supply, debit note): the customer owes the total (debtors); sales
//!   are credited with the value before discounts, discounts allowed debited with them, output
//!   tax credited per head, and the round-off credited (or debited when it rounded down). A
//!   credit note posts the same the other way.
//! - A purchase bill: purchases debited with the value before discounts, discounts received
//!   credited; each line's tax goes to input tax when its credit is eligible and to "input tax
//!   not claimable" (an expense) when not; the vendor is owed the total (creditors). Under
//!   reverse charge the tax is not in the total: it is owed to the government instead
//!   (reverse-charge payable; on an import of goods, IGST payable at customs).
//! - A payment received: the money (cash, bank, or the gateway's clearing account) against the
//!   customer: what it pays of invoices off debtors, the rest as the customer's advance. A
//!   payment made mirrors it against creditors and advances to suppliers. Allocating an advance
//!   later moves it from advances to debtors (or creditors).

use bahi_gst::Paise;
use bahi_gst::returns::Itc;
use bahi_store::identity::OrgId;
use bahi_store::ledger::{AccountId, JournalKind, Source};
use bahi_store::masters::PartyId;
use bahi_store::payments::{Direction, Mode, Payment};
use bahi_store::purchases::bills::{Bill, BillLine};
use bahi_store::sales::DocKind;
use bahi_store::sales::documents::{SalesDocument, SalesLine};
use time::Date;

use super::chart::System;

/// One journal to post, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub date: Date,
    pub kind: JournalKind,
    pub number: Option<String>,
    pub narration: String,
    pub source: Option<(Source, uuid::Uuid)>,
    /// What posts it, once.
    pub origin: Option<String>,
    pub entries: Vec<(AccountId, Option<PartyId>, Paise)>,
}

impl Posting {
    /// The debits' sum; `None` when the entries do not balance (or overflow).
    #[must_use]
    pub fn check(&self) -> Option<Paise> {
        let mut net: i128 = 0;
        let mut debits: i128 = 0;
        for (_, _, amount) in &self.entries {
            let a = i128::from(amount.get());
            net += a;
            debits += a.max(0);
        }
        (net == 0 && debits > 0)
            .then(|| i64::try_from(debits).ok().map(Paise::new))
            .flatten()
    }
}

fn add(
    entries: &mut Vec<(AccountId, Option<PartyId>, Paise)>,
    id: AccountId,
    party: Option<PartyId>,
    amount: i64,
) {
    if amount != 0 {
        entries.push((id, party, Paise::new(amount)));
    }
}

/// The origin of a sales document's posting.
#[must_use]
pub fn sale_origin(doc: &SalesDocument) -> String {
    format!("sale:{}", doc.id)
}

/// The journal an issued sales document posts.
#[must_use]
pub fn sale(doc: &SalesDocument, lines: &[SalesLine]) -> Posting {
    let org = doc.org_id;
    let party = Some(doc.customer_id);
    let (kind, sign) = match doc.kind {
        DocKind::Invoice | DocKind::BillOfSupply => (JournalKind::Sale, 1),
        DocKind::DebitNote => (JournalKind::DebitNote, 1),
        DocKind::CreditNote => (JournalKind::CreditNote, -1),
    };
    let discounts: i64 = lines.iter().map(|l| l.discount.get()).sum();
    let mut e = Vec::new();
    add(
        &mut e,
        System::Debtors.id(org),
        party,
        sign * doc.total.get(),
    );
    add(
        &mut e,
        System::Sales.id(org),
        None,
        -sign * (doc.taxable_value.get() + discounts),
    );
    add(
        &mut e,
        System::DiscountsAllowed.id(org),
        None,
        sign * discounts,
    );
    add(
        &mut e,
        System::OutputCgst.id(org),
        None,
        -sign * doc.cgst.get(),
    );
    add(
        &mut e,
        System::OutputSgst.id(org),
        None,
        -sign * doc.sgst.get(),
    );
    add(
        &mut e,
        System::OutputIgst.id(org),
        None,
        -sign * doc.igst.get(),
    );
    add(
        &mut e,
        System::OutputCess.id(org),
        None,
        -sign * doc.cess.get(),
    );
    add(
        &mut e,
        System::RoundOff.id(org),
        None,
        -sign * doc.round_off.get(),
    );
    let what = match doc.kind {
        DocKind::Invoice => "Invoice",
        DocKind::BillOfSupply => "Bill of supply",
        DocKind::CreditNote => "Credit note",
        DocKind::DebitNote => "Debit note",
    };
    Posting {
        date: doc.date,
        kind,
        number: doc.number.clone(),
        narration: format!("{what} to {}", doc.buyer_name),
        source: Some((Source::SalesDocument, doc.id.0)),
        origin: Some(sale_origin(doc)),
        entries: e,
    }
}

/// The journal a recorded purchase bill posts.
#[must_use]
pub fn purchase(bill: &Bill, lines: &[BillLine]) -> Posting {
    let org = bill.org_id;
    let discounts: i64 = lines.iter().map(|l| l.discount.get()).sum();
    let tax = |l: &BillLine| l.cgst.get() + l.sgst.get() + l.igst.get() + l.cess.get();
    let eligible = |l: &&BillLine| l.itc == Itc::Eligible;
    let sum = |f: fn(&BillLine) -> Paise| -> i64 {
        lines.iter().filter(eligible).map(|l| f(l).get()).sum()
    };
    let ineligible: i64 = lines
        .iter()
        .filter(|l| l.itc == Itc::Ineligible)
        .map(tax)
        .sum();
    let all_tax = bill.cgst.get() + bill.sgst.get() + bill.igst.get() + bill.cess.get();
    let mut e = Vec::new();
    add(
        &mut e,
        System::Purchases.id(org),
        None,
        bill.taxable_value.get() + discounts,
    );
    add(&mut e, System::DiscountsReceived.id(org), None, -discounts);
    add(&mut e, System::InputCgst.id(org), None, sum(|l| l.cgst));
    add(&mut e, System::InputSgst.id(org), None, sum(|l| l.sgst));
    add(&mut e, System::InputIgst.id(org), None, sum(|l| l.igst));
    add(&mut e, System::InputCess.id(org), None, sum(|l| l.cess));
    add(&mut e, System::IneligibleItc.id(org), None, ineligible);
    add(&mut e, System::RoundOff.id(org), None, bill.round_off.get());
    add(
        &mut e,
        System::Creditors.id(org),
        Some(bill.vendor_id),
        -bill.total.get(),
    );
    // On reverse charge and imports the vendor is not paid the tax: it is owed to the
    // government (customs, for goods brought in).
    if bill.import_kind == Some(bahi_gst::supply::Import::Goods) {
        add(&mut e, System::ImportTaxPayable.id(org), None, -all_tax);
    } else if bill.reverse_charge || bill.import_kind.is_some() {
        add(&mut e, System::ReverseChargePayable.id(org), None, -all_tax);
    }
    Posting {
        date: bill.date,
        kind: JournalKind::Purchase,
        number: Some(bill.vendor_invoice_number.clone()),
        narration: format!("Bill of {}", bill.vendor_name),
        source: Some((Source::PurchaseBill, bill.id.0)),
        origin: Some(format!("bill:{}", bill.id)),
        entries: e,
    }
}

/// The account money paid by `mode` goes through when the payment does not name one: cash in
/// hand for cash, the gateway's clearing account for gateway payments, the bank otherwise.
#[must_use]
pub fn default_money_account(org: OrgId, mode: Mode) -> AccountId {
    match mode {
        Mode::Cash => System::Cash.id(org),
        Mode::Gateway => System::Gateway.id(org),
        Mode::Upi | Mode::BankTransfer | Mode::Card | Mode::Cheque => System::Bank.id(org),
    }
}

/// The cash or bank account a payment went into or came out of.
#[must_use]
pub fn money_account(p: &Payment) -> AccountId {
    p.account_id
        .unwrap_or_else(|| default_money_account(p.org_id, p.mode))
}

/// The journal a payment posts when recorded, with what it allocated then.
#[must_use]
pub fn payment(p: &Payment, party_name: &str) -> Posting {
    let org = p.org_id;
    let party = Some(p.party_id);
    let allocated = p.allocated.get();
    let advance = p.amount.get() - allocated;
    let mut e = Vec::new();
    let (kind, narration) = match p.direction {
        Direction::Received => {
            add(&mut e, money_account(p), None, p.amount.get());
            add(&mut e, System::Debtors.id(org), party, -allocated);
            add(&mut e, System::CustomerAdvances.id(org), party, -advance);
            (JournalKind::Receipt, format!("Received from {party_name}"))
        }
        Direction::Made => {
            add(&mut e, money_account(p), None, -p.amount.get());
            add(&mut e, System::Creditors.id(org), party, allocated);
            add(&mut e, System::VendorAdvances.id(org), party, advance);
            (JournalKind::Payment, format!("Paid to {party_name}"))
        }
    };
    Posting {
        date: p.date,
        kind,
        number: p.reference.clone(),
        narration,
        source: Some((Source::Payment, p.id.0)),
        origin: Some(format!("payment:{}", p.id)),
        entries: e,
    }
}

/// The journal that applies part of a payment's advance to documents later; `first` is the
/// position of the first allocation it records (so each allocation posts once).
#[must_use]
pub fn allocation(p: &Payment, amount: Paise, first: i64, date: Date) -> Posting {
    let org = p.org_id;
    let party = Some(p.party_id);
    let mut e = Vec::new();
    match p.direction {
        Direction::Received => {
            add(
                &mut e,
                System::CustomerAdvances.id(org),
                party,
                amount.get(),
            );
            add(&mut e, System::Debtors.id(org), party, -amount.get());
        }
        Direction::Made => {
            add(&mut e, System::Creditors.id(org), party, amount.get());
            add(&mut e, System::VendorAdvances.id(org), party, -amount.get());
        }
    }
    Posting {
        date,
        kind: JournalKind::Allocation,
        number: p.reference.clone(),
        narration: "Advance allocated to documents".to_owned(),
        source: Some((Source::Payment, p.id.0)),
        origin: Some(format!("payment:{}:allocation:{first}", p.id)),
        entries: e,
    }
}

/// The journal that undoes what a document's or payment's journals left, dated `date`.
#[must_use]
pub fn reversal(
    source: (Source, uuid::Uuid),
    left: &[(AccountId, Option<PartyId>, Paise)],
    date: Date,
    number: Option<String>,
    narration: String,
) -> Posting {
    Posting {
        date,
        kind: JournalKind::Reversal,
        number,
        narration,
        source: Some(source),
        origin: Some(format!("{}:{}:void", source.0.as_str(), source.1)),
        entries: left
            .iter()
            .map(|&(a, p, amount)| (a, p, Paise::new(-amount.get())))
            .collect(),
    }
}
