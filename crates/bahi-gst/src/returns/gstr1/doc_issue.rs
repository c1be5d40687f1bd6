//! GSTR-1 table 13: the documents issued in the period, per kind and series.

use std::collections::BTreeMap;

use super::schema::{DocIssue, DocKindRows, DocRange};
use crate::period::Period;
use crate::returns::record::{DocumentKind, DocumentStatus, SalesDocument};

/// Counters may outgrow their padding (…/9999, …/10000): shorter numbers come first.
type Order = (usize, String);

fn order(number: &str) -> Order {
    (number.len(), number.to_owned())
}

struct Range {
    first: Order,
    last: Order,
    total: u32,
    cancel: u32,
}

/// Table 13 as documents arrive: per kind and series, the first and last numbers, how many,
/// how many cancelled.
#[derive(Default)]
pub(super) struct Tally {
    ranges: BTreeMap<(DocumentKind, String), Range>,
}

impl Tally {
    pub(super) fn add(&mut self, period: Period, d: &SalesDocument) {
        if !period.contains(d.date) {
            return;
        }
        let cancelled = u32::from(d.status == DocumentStatus::Void);
        match self.ranges.get_mut(&(d.kind, d.series.clone())) {
            Some(r) => {
                let n = order(&d.number);
                if n < r.first {
                    r.first = n;
                } else if n > r.last {
                    r.last = n;
                }
                r.total = r.total.saturating_add(1);
                r.cancel = r.cancel.saturating_add(cancelled);
            }
            None => {
                self.ranges.insert(
                    (d.kind, d.series.clone()),
                    Range {
                        first: order(&d.number),
                        last: order(&d.number),
                        total: 1,
                        cancel: cancelled,
                    },
                );
            }
        }
    }

    pub(super) fn finish(self) -> DocIssue {
        let mut kinds: Vec<DocKindRows> = Vec::new();
        for ((kind, _), r) in self.ranges {
            let (doc_num, doc_typ) = match kind {
                DocumentKind::Invoice => (1, "Invoices for outward supply"),
                DocumentKind::DebitNote => (4, "Debit Note"),
                DocumentKind::CreditNote => (5, "Credit Note"),
            };
            let index = match kinds.iter().position(|k| k.doc_num == doc_num) {
                Some(i) => i,
                None => {
                    kinds.push(DocKindRows {
                        doc_num,
                        doc_typ,
                        docs: Vec::new(),
                    });
                    kinds.len() - 1
                }
            };
            let rows = &mut kinds[index];
            rows.docs.push(DocRange {
                num: u32::try_from(rows.docs.len() + 1).unwrap_or(u32::MAX),
                from: r.first.1,
                to: r.last.1,
                totnum: r.total,
                cancel: r.cancel,
                net_issue: r.total - r.cancel,
            });
        }
        DocIssue { doc_det: kinds }
    }
}
