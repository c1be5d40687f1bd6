//! Receivables and payables ageing as at a date: what each party still owes (or is owed), in
//! buckets by days past the due date (the document's date when it has none). Not yet due counts
//! as 0–30. Summed per party in the database (`reports::owed`).

use bahi_gst::Paise;
use bahi_store::ledger::reports::{self, Owed, PartyOwed};
use bahi_store::masters::PartyId;
use time::{Date, Duration};

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
    fn of(b: [Paise; 4]) -> Self {
        Self {
            d0_30: b[0],
            d31_60: b[1],
            d61_90: b[2],
            d90_plus: b[3],
            total: Paise::new(b.iter().map(|p| p.get()).sum()),
        }
    }

    fn add(&mut self, other: &Self) {
        let sum = |a: Paise, b: Paise| Paise::new(a.get() + b.get());
        self.d0_30 = sum(self.d0_30, other.d0_30);
        self.d31_60 = sum(self.d31_60, other.d31_60);
        self.d61_90 = sum(self.d61_90, other.d61_90);
        self.d90_plus = sum(self.d90_plus, other.d90_plus);
        self.total = sum(self.total, other.total);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyAgeing {
    pub party_id: PartyId,
    pub party_name: String,
    pub buckets: Buckets,
    /// How many documents are outstanding.
    pub documents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ageing {
    pub kind: Kind,
    pub as_of: Date,
    pub rows: Vec<PartyAgeing>,
    pub totals: Buckets,
}

/// The first due dates of the 0–30, 31–60 and 61–90 buckets as at a date.
#[must_use]
pub fn cuts(as_of: Date) -> [Date; 3] {
    [30, 60, 90].map(|days| as_of - Duration::days(days))
}

pub async fn ageing<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    kind: Kind,
    as_of: Date,
) -> Result<Ageing, Error> {
    let which = match kind {
        Kind::Receivables => Owed::Receivables,
        Kind::Payables => Owed::Payables,
    };
    let owed = reports::owed(&s.db, org.org_id(), which, as_of, cuts(as_of)).await?;
    Ok(age(kind, as_of, owed))
}

#[must_use]
fn age(kind: Kind, as_of: Date, owed: Vec<PartyOwed>) -> Ageing {
    let mut totals = Buckets::default();
    let rows = owed
        .into_iter()
        .map(|o| {
            let buckets = Buckets::of(o.buckets);
            totals.add(&buckets);
            PartyAgeing {
                party_id: o.party_id,
                party_name: o.party_name,
                buckets,
                documents: o.documents,
            }
        })
        .collect();
    Ageing {
        kind,
        as_of,
        rows,
        totals,
    }
}
