//! A party's statement: every issued document and recorded payment with the party, oldest
//! first, with the running balance — positive while the party owes the business, negative
//! while the business owes the party.

use bahi_gst::Paise;
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::{self, Party};
use bahi_store::payments::{self, Direction};
use bahi_store::purchases::bills;
use bahi_store::sales::DocKind;
use bahi_store::sales::documents;
use time::Date;

use crate::{AtLeast, Error, OrgCtx, Services, Viewer};

/// What a statement row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Invoice,
    BillOfSupply,
    CreditNote,
    DebitNote,
    Bill,
    PaymentReceived,
    PaymentMade,
}

impl Entry {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invoice => "invoice",
            Self::BillOfSupply => "bill_of_supply",
            Self::CreditNote => "credit_note",
            Self::DebitNote => "debit_note",
            Self::Bill => "bill",
            Self::PaymentReceived => "payment_received",
            Self::PaymentMade => "payment_made",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub date: Date,
    pub entry: Entry,
    /// The document's number, or a payment's reference.
    pub reference: String,
    /// Where the row's document or payment is, relative to the organisation (`invoices/<id>`).
    pub link: String,
    /// What the party owes more.
    pub debit: Paise,
    /// What the party owes less.
    pub credit: Paise,
    pub balance: Paise,
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub party: Party,
    pub opening: Paise,
    pub rows: Vec<Row>,
    pub closing: Paise,
}

/// The statement of `party`, between `from` and `to` (inclusive) when given; what came before
/// `from` is the opening balance.
pub async fn of_party<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    party: PartyId,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Statement, Error> {
    let org_id = org.org_id();
    let party = parties::get(&s.db, org_id, party)
        .await?
        .ok_or(Error::NotFound)?;
    let mut rows = Vec::new();
    for d in documents::issued_to(&s.db, org_id, party.id).await? {
        let (entry, debit, credit) = match d.kind {
            DocKind::Invoice => (Entry::Invoice, d.total, Paise::ZERO),
            DocKind::BillOfSupply => (Entry::BillOfSupply, d.total, Paise::ZERO),
            DocKind::DebitNote => (Entry::DebitNote, d.total, Paise::ZERO),
            DocKind::CreditNote => (Entry::CreditNote, Paise::ZERO, d.total),
        };
        let link = if d.kind.is_note() {
            "notes"
        } else {
            "invoices"
        };
        rows.push(Row {
            date: d.date,
            entry,
            reference: d.number.clone().unwrap_or_default(),
            link: format!("{link}/{}", d.id),
            debit,
            credit,
            balance: Paise::ZERO,
        });
    }
    for b in bills::recorded_from(&s.db, org_id, party.id).await? {
        rows.push(Row {
            date: b.date,
            entry: Entry::Bill,
            reference: b.vendor_invoice_number.clone(),
            link: format!("bills/{}", b.id),
            debit: Paise::ZERO,
            credit: b.total,
            balance: Paise::ZERO,
        });
    }
    for p in payments::recorded_with(&s.db, org_id, party.id).await? {
        let (entry, debit, credit) = match p.direction {
            Direction::Received => (Entry::PaymentReceived, Paise::ZERO, p.amount),
            Direction::Made => (Entry::PaymentMade, p.amount, Paise::ZERO),
        };
        rows.push(Row {
            date: p.date,
            entry,
            reference: p.reference.clone().unwrap_or_default(),
            link: format!("payments/{}", p.id),
            debit,
            credit,
            balance: Paise::ZERO,
        });
    }
    // Documents before payments on the same day: a bill is paid after it is raised.
    rows.sort_by_key(|r| {
        (
            r.date,
            matches!(r.entry, Entry::PaymentReceived | Entry::PaymentMade),
        )
    });
    let mut opening = 0_i64;
    let mut balance = 0_i64;
    let mut shown = Vec::with_capacity(rows.len());
    for mut row in rows {
        let change = row.debit.get() - row.credit.get();
        if from.is_some_and(|f| row.date < f) {
            opening += change;
            balance += change;
            continue;
        }
        if to.is_some_and(|t| row.date > t) {
            continue;
        }
        balance += change;
        row.balance = Paise::new(balance);
        shown.push(row);
    }
    Ok(Statement {
        party,
        opening: Paise::new(opening),
        rows: shown,
        closing: Paise::new(balance),
    })
}
