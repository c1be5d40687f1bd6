//! Writes postings into the books, inside the caller's transaction: the document or payment,
//! its audit event and its journal commit together or not at all.

use bahi_gst::Paise;
use bahi_store::WriteTx;
use bahi_store::identity::{OrgId, UserId, now};
use bahi_store::ledger::journals::{self, Journal, JournalLine};
use bahi_store::ledger::{JournalId, Source};
use time::Date;

use super::postings::{self, Posting};
use crate::Error;

/// Posts one journal; `None` when it has nothing to post (a document of no value) or its
/// origin was posted before.
pub async fn post(
    tx: &mut WriteTx,
    org: OrgId,
    posting: &Posting,
    by: Option<UserId>,
) -> Result<Option<JournalId>, Error> {
    let Some((journal, lines)) = journal_of(org, posting, by)? else {
        return Ok(None);
    };
    Ok(journals::post(tx, &journal, &lines)
        .await?
        .then_some(journal.id))
}

/// The journal and lines a posting writes; `None` when it has nothing to post, an error when
/// it does not balance.
pub fn journal_of(
    org: OrgId,
    posting: &Posting,
    by: Option<UserId>,
) -> Result<Option<(Journal, Vec<JournalLine>)>, Error> {
    if posting.entries.iter().all(|(_, _, a)| a.get() == 0) {
        return Ok(None);
    }
    let Some(total) = posting.check() else {
        return Err(Error::Internal(format!(
            "the {} journal {} does not balance",
            posting.kind.as_str(),
            posting.origin.as_deref().unwrap_or("(manual)")
        )));
    };
    let journal = Journal {
        id: JournalId::new(),
        org_id: org,
        date: posting.date,
        kind: posting.kind,
        number: posting.number.clone(),
        narration: posting.narration.clone(),
        source: posting.source.map(|s| s.0),
        source_id: posting.source.map(|s| s.1),
        origin: posting.origin.clone(),
        reverses_id: None,
        total,
        created_by: by,
        created_at: now(),
    };
    let lines = journals::lines_from(&journal, &posting.entries);
    Ok(Some((journal, lines)))
}

/// Posts the reversal of everything a document's or payment's journals left, dated `date`.
pub async fn reverse(
    tx: &mut WriteTx,
    org: OrgId,
    source: (Source, uuid::Uuid),
    date: Date,
    number: Option<String>,
    narration: String,
    by: Option<UserId>,
) -> Result<Option<JournalId>, Error> {
    let left: Vec<_> = journals::net_of_source(&mut *tx, org, source.1)
        .await?
        .into_iter()
        .filter(|(_, _, a)| *a != Paise::ZERO)
        .collect();
    let posting = postings::reversal(source, &left, date, number, narration);
    post(tx, org, &posting, by).await
}
