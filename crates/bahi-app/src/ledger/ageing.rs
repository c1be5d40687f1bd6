//! Receivables and payables ageing as at a date: what each party still owes (or is owed) on
//! each document, in buckets by days past the due date (the document's date when it has
//! none). Not yet due counts as 0–30.

use std::collections::BTreeMap;

use bahi_gst::Paise;
use bahi_store::ledger::reports::{self, Owed};
use bahi_store::masters::PartyId;
use time::Date;

use crate::{AtLeast, Error, OrgCtx, Services, Viewer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Receivables,
    Payables,
}

/// Amounts in the four buckets and their total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Buckets {
    pub d0_30: Paise,
    pub d31_60: Paise,
    pub d61_90: Paise,
    pub d90_plus: Paise,
    pub total: Paise,
}

impl Buckets {
    fn add(&mut self, days: i64, amount: Paise) {
        let slot = match days {
            ..=30 => &mut self.d0_30,
            31..=60 => &mut self.d31_60,
            61..=90 => &mut self.d61_90,
            _ => &mut self.d90_plus,
        };
        *slot = Paise::new(slot.get() + amount.get());
        self.total = Paise::new(self.total.get() + amount.get());
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyAgeing {
    pub party_id: PartyId,
    pub party_name: String,
    pub buckets: Buckets,
    pub documents: Vec<(Owed, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ageing {
    pub kind: Kind,
    pub as_of: Date,
    pub rows: Vec<PartyAgeing>,
    pub totals: Buckets,
}

pub async fn ageing<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    kind: Kind,
    as_of: Date,
) -> Result<Ageing, Error> {
    let owed = match kind {
        Kind::Receivables => reports::receivables(&s.db, org.org_id(), as_of).await?,
        Kind::Payables => reports::payables(&s.db, org.org_id(), as_of).await?,
    };
    Ok(age(kind, as_of, owed))
}

/// Buckets documents by days past due (pure).
#[must_use]
pub fn age(kind: Kind, as_of: Date, owed: Vec<Owed>) -> Ageing {
    let mut by_party: BTreeMap<(String, PartyId), PartyAgeing> = BTreeMap::new();
    let mut totals = Buckets::default();
    for o in owed {
        let due = o.due_date.unwrap_or(o.date);
        let days = (as_of - due).whole_days();
        totals.add(days, o.outstanding);
        let row = by_party
            .entry((o.party_name.to_lowercase(), o.party_id))
            .or_insert_with(|| PartyAgeing {
                party_id: o.party_id,
                party_name: o.party_name.clone(),
                buckets: Buckets::default(),
                documents: Vec::new(),
            });
        row.buckets.add(days, o.outstanding);
        row.documents.push((o, days));
    }
    let mut rows: Vec<PartyAgeing> = by_party.into_values().collect();
    for r in &mut rows {
        r.documents
            .sort_by(|a, b| (a.0.date, &a.0.number).cmp(&(b.0.date, &b.0.number)));
    }
    Ageing {
        kind,
        as_of,
        rows,
        totals,
    }
}
