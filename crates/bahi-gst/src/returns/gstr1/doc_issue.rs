//! GSTR-1 table 13: the documents issued in the period, per kind and series.

use std::collections::BTreeMap;

use super::schema::{DocIssue, DocKindRows, DocRange};
use crate::period::Period;
use crate::returns::record::{DocumentKind, DocumentStatus, SalesDocument};

/// Table 13: per kind and series, the first and last numbers, how many, how many cancelled.
pub(super) fn build(period: Period, documents: &[SalesDocument]) -> DocIssue {
    let mut groups: BTreeMap<(DocumentKind, &str), Vec<&SalesDocument>> = BTreeMap::new();
    for d in documents.iter().filter(|d| period.contains(d.date)) {
        groups
            .entry((d.kind, d.series.as_str()))
            .or_default()
            .push(d);
    }
    let mut kinds: Vec<DocKindRows> = Vec::new();
    for ((kind, _), docs) in groups {
        // Counters may outgrow their padding (…/9999, …/10000): shorter numbers come first.
        let order = |d: &&&SalesDocument| (d.number.len(), d.number.clone());
        let (Some(first), Some(last)) =
            (docs.iter().min_by_key(order), docs.iter().max_by_key(order))
        else {
            continue;
        };
        let total = u32::try_from(docs.len()).unwrap_or(u32::MAX);
        let cancel = u32::try_from(
            docs.iter()
                .filter(|d| d.status == DocumentStatus::Void)
                .count(),
        )
        .unwrap_or(u32::MAX);
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
            from: first.number.clone(),
            to: last.number.clone(),
            totnum: total,
            cancel,
            net_issue: total - cancel,
        });
    }
    DocIssue { doc_det: kinds }
}
