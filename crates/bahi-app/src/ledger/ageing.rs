//! Receivables and payables ageing as at a date: what each party still owes (or is owed), in
//! buckets by days past the due date (the document's date when it has none). Not yet due counts
//! as 0–30. Documents are aged bill-wise (what payments allocated to them and credit notes took
//! off), summed per party in the database (`reports::owed`); then each party is brought to its
//! ledger (its control account and advances), so the ageing's total is always the books':
//! credits no document carries (an advance not yet allocated, a credit note larger than its
//! invoice) are set against the oldest amounts first, and debits no document carries (opening
//! balances, journals) are aged from the opening balances' date. A party whose credits exceed
//! everything it owes shows the rest as a negative 0–30.

use std::collections::BTreeMap;

use bahi_gst::Paise;
use bahi_store::ledger::reports::{self, Owed, PartyOwed};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties;
use time::{Date, Duration};

use super::chart::System;

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
    let o = org.org_id();
    let owed = reports::owed(&s.db, o, which, as_of, cuts(as_of)).await?;
    let (accounts, sign) = match kind {
        Kind::Receivables => ([System::Debtors.id(o), System::CustomerAdvances.id(o)], 1),
        Kind::Payables => ([System::Creditors.id(o), System::VendorAdvances.id(o)], -1),
    };
    let ledgers: Vec<(PartyId, Paise)> = reports::parties_on(&s.db, o, accounts, as_of)
        .await?
        .into_iter()
        .map(|(p, b)| (p, Paise::new(sign * b.get())))
        .collect();
    let opened = super::vouchers::openings(s, org).await?.as_of;
    let mut rows = reconcile(as_of, opened, owed, &ledgers);
    // Parties with a balance but no document of theirs outstanding need their names.
    let unnamed: Vec<_> = rows
        .iter()
        .filter(|r| r.party_name.is_empty())
        .map(|r| r.party_id)
        .collect();
    let names = parties::names(&s.db, o, &unnamed).await?;
    for row in rows.iter_mut().filter(|r| r.party_name.is_empty()) {
        if let Some(name) = names.get(&row.party_id) {
            row.party_name.clone_from(name);
        }
    }
    rows.sort_by(|a, b| {
        (a.party_name.to_lowercase(), a.party_id).cmp(&(b.party_name.to_lowercase(), b.party_id))
    });
    let mut totals = Buckets::default();
    for r in &rows {
        totals.add(&r.buckets);
    }
    Ok(Ageing {
        kind,
        as_of,
        rows,
        totals,
    })
}

/// Brings each party's bill-wise buckets to its ledger balance (pure; see the module's words).
#[must_use]
pub fn reconcile(
    as_of: Date,
    opened: Option<Date>,
    owed: Vec<PartyOwed>,
    ledgers: &[(PartyId, Paise)],
) -> Vec<PartyAgeing> {
    let mut rows: BTreeMap<PartyId, PartyAgeing> = owed
        .into_iter()
        .map(|o| {
            let row = PartyAgeing {
                party_id: o.party_id,
                party_name: o.party_name,
                buckets: Buckets::of(o.buckets),
                documents: o.documents,
            };
            (o.party_id, row)
        })
        .collect();
    let balances: BTreeMap<PartyId, i64> = ledgers.iter().map(|(p, b)| (*p, b.get())).collect();
    for &party in balances.keys() {
        rows.entry(party).or_insert_with(|| PartyAgeing {
            party_id: party,
            party_name: String::new(),
            buckets: Buckets::default(),
            documents: 0,
        });
    }
    let opening_bucket = opened.map_or(0, |d| cuts(as_of).iter().filter(|cut| d < **cut).count());
    for row in rows.values_mut() {
        let ledger = balances.get(&row.party_id).copied().unwrap_or(0);
        let mut b = [
            row.buckets.d0_30.get(),
            row.buckets.d31_60.get(),
            row.buckets.d61_90.get(),
            row.buckets.d90_plus.get(),
        ];
        let mut gap = ledger - b.iter().sum::<i64>();
        if gap > 0 {
            b[opening_bucket] += gap;
        } else {
            // Oldest first.
            for slot in b.iter_mut().rev() {
                let take = (*slot).min(-gap).max(0);
                *slot -= take;
                gap += take;
            }
            b[0] += gap;
        }
        row.buckets = Buckets::of(b.map(Paise::new));
    }
    rows.into_values()
        .filter(|r| r.buckets != Buckets::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn party(n: u128) -> PartyId {
        PartyId(uuid::Uuid::from_u128(n))
    }

    fn owed(n: u128, b: [i64; 4]) -> PartyOwed {
        PartyOwed {
            party_id: party(n),
            party_name: format!("P{n}"),
            buckets: b.map(Paise::new),
            documents: 1,
        }
    }

    fn buckets(rows: &[PartyAgeing], n: u128) -> [i64; 4] {
        let b = rows
            .iter()
            .find(|r| r.party_id == party(n))
            .map(|r| r.buckets)
            .unwrap_or_default();
        [b.d0_30, b.d31_60, b.d61_90, b.d90_plus].map(|p| p.get())
    }

    #[test]
    fn each_party_comes_to_its_ledger() {
        let as_of = date!(2026 - 12 - 07);
        let rows = reconcile(
            as_of,
            Some(date!(2026 - 03 - 31)),
            vec![
                owed(1, [500, 0, 1000, 0]),
                owed(2, [100, 0, 0, 0]),
                owed(4, [70, 0, 0, 0]),
            ],
            &[
                (party(1), Paise::new(1200)),
                (party(2), Paise::new(-50)),
                (party(3), Paise::new(800)),
                (party(4), Paise::new(70)),
            ],
        );
        assert_eq!(
            buckets(&rows, 1),
            [500, 0, 700, 0],
            "an advance pays the oldest first"
        );
        assert_eq!(
            buckets(&rows, 2),
            [-50, 0, 0, 0],
            "credit beyond what is owed"
        );
        assert_eq!(
            buckets(&rows, 3),
            [0, 0, 0, 800],
            "an opening balance ages from its date"
        );
        assert_eq!(buckets(&rows, 4), [70, 0, 0, 0], "agrees already");
        for r in &rows {
            assert_eq!(
                r.buckets.total.get(),
                [1200, -50, 800, 70][usize::try_from(r.party_id.0.as_u128()).unwrap() - 1]
            );
        }
    }
}
