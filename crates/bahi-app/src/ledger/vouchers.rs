//! Manual journal vouchers (accountant and up), numbered in their own series, and the opening
//! balances of a business moving from other books. Both must balance to the paisa; a line on a
//! debtors, creditors or advances account names its party (those accounts' balances are the
//! parties' ledgers), and no other line does.

use bahi_gst::Paise;
use bahi_store::ledger::journals;
use bahi_store::ledger::{AccountId, JournalId, JournalKind, Source};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties;
use time::Date;

use super::accounts::load;
use super::book;
use super::chart::System;
use super::ledgers::{Voucher, voucher};
use super::postings::Posting;
use crate::audit::{Entity, Event, record};
use crate::sales::compose::money;
use crate::sales::numbering;
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, MinimumRole, OrgCtx, Services};

/// The most lines a voucher (or the opening balances) may have.
const MAX_LINES: usize = 10_000;

/// The series manual vouchers are numbered in (`JV/26-27/0001`).
pub const JOURNAL_SERIES: &str = "JV";

/// A line as typed: an account and one of debit or credit.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    pub account_id: Option<AccountId>,
    pub party_id: Option<PartyId>,
    pub debit: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct JournalInput {
    pub date: Option<Date>,
    pub narration: String,
    pub lines: Vec<LineInput>,
}

/// Checks lines (every problem at once, each on its field) into signed entries.
async fn checked_lines<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    lines: &[LineInput],
    errors: &mut FieldErrors,
) -> Result<Vec<(AccountId, Option<PartyId>, Paise)>, Error> {
    let chart = load(s, org).await?;
    let o = org.org_id();
    let mut entries = Vec::new();
    if lines.len() < 2 {
        errors.push("lines", Message::new("journal-two-lines"));
    }
    if lines.len() > MAX_LINES {
        errors.push(
            "lines",
            Message::new("lines-too-many").arg("max", MAX_LINES),
        );
        return Ok(Vec::new());
    }
    let named: Vec<_> = lines.iter().filter_map(|l| l.party_id).collect();
    let known = parties::names(&s.db, o, &named).await?;
    for (i, line) in lines.iter().enumerate() {
        let at = |f: &str| format!("lines[{i}].{f}");
        let account = line.account_id.and_then(|id| chart.account(id));
        if account.is_none() {
            errors.push(at("account_id"), Message::new("account-unknown"));
        }
        let debit = money(&at("debit"), line.debit.as_ref(), errors);
        let credit = money(&at("credit"), line.credit.as_ref(), errors);
        let amount = match (
            debit.filter(|d| d.get() > 0),
            credit.filter(|c| c.get() > 0),
        ) {
            (Some(d), None) => Some(d.get()),
            (None, Some(c)) => Some(-c.get()),
            (Some(_), Some(_)) => {
                errors.push(at("credit"), Message::new("journal-one-side"));
                None
            }
            (None, None) => {
                if !errors.has(&at("debit")) && !errors.has(&at("credit")) {
                    errors.push(at("debit"), Message::new("journal-amount-required"));
                }
                None
            }
        };
        let party_ledger =
            account.is_some_and(|a| System::of(o, a.id).is_some_and(System::is_party_ledger));
        match (line.party_id, party_ledger) {
            (Some(p), true) => {
                if !known.contains_key(&p) {
                    errors.push(at("party_id"), Message::new("field-refers-to-nothing"));
                }
            }
            (None, true) => errors.push(at("party_id"), Message::new("journal-party-required")),
            (Some(_), false) => {
                errors.push(at("party_id"), Message::new("journal-party-not-here"));
            }
            (None, false) => {}
        }
        if let (Some(a), Some(amount)) = (account, amount) {
            entries.push((a.id, line.party_id, Paise::new(amount)));
        }
    }
    if !errors.has("lines") && entries.len() == lines.len() {
        let net: i64 = entries.iter().map(|e| e.2.get()).sum();
        if net != 0 {
            errors.push(
                "lines",
                Message::new("journal-unbalanced")
                    .arg(
                        "debit",
                        Paise::new(entries.iter().map(|e| e.2.get().max(0)).sum()).to_inr(),
                    )
                    .arg(
                        "credit",
                        Paise::new(entries.iter().map(|e| (-e.2.get()).max(0)).sum()).to_inr(),
                    ),
            );
        }
    }
    Ok(entries)
}

/// Opens the transaction a voucher is posted in, with the next number of the journal series
/// taken in it (given back if the transaction does not commit).
async fn numbered<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    date: Date,
) -> Result<(bahi_store::WriteTx, String), Error> {
    let format = numbering::format(&s.db, org.org_id(), JOURNAL_SERIES).await?;
    let mut tx = s.db.begin_write().await?;
    let number = numbering::take(&mut tx, org.org_id(), &format, date)
        .await?
        .number;
    Ok((tx, number))
}

/// Posts a manual journal voucher.
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &JournalInput,
) -> Result<Voucher, Error> {
    let mut errors = FieldErrors::default();
    let narration = crate::fields::name("narration", &input.narration, 500, &mut errors);
    let entries = checked_lines(s, org, &input.lines, &mut errors).await?;
    errors.check()?;
    let date = input.date.unwrap_or_else(|| org.today());
    let (mut tx, number) = numbered(s, org, date).await?;
    let posting = Posting {
        date,
        kind: JournalKind::Journal,
        number: Some(number.clone()),
        narration: narration.clone(),
        source: None,
        origin: None,
        entries,
    };
    let id = book::post(&mut tx, org.org_id(), &posting, Some(org.user().id))
        .await?
        .ok_or_else(|| Error::Internal("a manual journal posted nothing".into()))?;
    let total = posting.check().unwrap_or(Paise::ZERO);
    let event = Event {
        action: "journal.create",
        entity: Entity("journal", Some(id.to_string())),
        summary: format!(
            "{} posted the journal {number} for {total}: {narration}",
            org.user().email
        ),
        details: vec![("number", number.clone()), ("total", total.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    voucher(s, org, id).await
}

/// Why (and when, today if left out) a manual journal is undone.
#[derive(Debug, Clone, Default)]
pub struct ReversalInput {
    pub date: Option<Date>,
    pub reason: String,
}

/// The origin a journal's reversal is posted under: unique, so a journal is reversed once.
fn reversal_origin(id: JournalId) -> String {
    format!("journal:{id}:reversal")
}

/// Undoes a manual journal posted in error: a new voucher in the journal series, every line
/// the other way, dated `input.date`; both stay in the books. Documents and payments are
/// undone by voiding them, a reversal by posting the journal again.
pub async fn reverse<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: JournalId,
    input: &ReversalInput,
) -> Result<Voucher, Error> {
    let original = super::ledgers::journal(s, org, id).await?;
    if original.kind != JournalKind::Journal {
        return Err(Error::Conflict(Message::new("journal-reverse-not-manual")));
    }
    let mut errors = FieldErrors::default();
    let reason = crate::fields::name("reason", &input.reason, 500, &mut errors);
    let date = input.date.unwrap_or_else(|| org.today());
    if date < original.date {
        errors.push(
            "date",
            Message::new("journal-reverse-before").arg("date", original.date.to_string()),
        );
    }
    errors.check()?;
    let entries = journals::lines(&s.db, org.org_id(), id)
        .await?
        .iter()
        .map(|l| {
            (
                l.account_id,
                l.party_id,
                Paise::new(l.credit.get() - l.debit.get()),
            )
        })
        .collect();
    let undone = original.number.clone().unwrap_or_default();
    let (mut tx, number) = numbered(s, org, date).await?;
    let posting = Posting {
        date,
        kind: JournalKind::Reversal,
        number: Some(number.clone()),
        narration: format!("Reversal of {undone}: {reason}"),
        source: None,
        origin: Some(reversal_origin(id)),
        entries,
    };
    let Some((mut journal, lines)) = book::journal_of(org.org_id(), &posting, Some(org.user().id))?
    else {
        return Err(Error::Internal("a journal with no amount".into()));
    };
    journal.reverses_id = Some(id);
    if !journals::post(&mut tx, &journal, &lines).await? {
        return Err(Error::Conflict(Message::new("journal-reversed")));
    }
    let event = Event {
        action: "journal.reverse",
        entity: Entity("journal", Some(id.to_string())),
        summary: format!(
            "{} reversed the journal {undone} by {number}: {reason}",
            org.user().email
        ),
        details: vec![("number", undone), ("reversal", number)],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    voucher(s, org, journal.id).await
}

/// The journal that reversed this one, if any.
pub async fn reversal_of<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: JournalId,
) -> Result<Option<bahi_store::ledger::journals::Journal>, Error> {
    Ok(journals::by_origin(&s.db, org.org_id(), &reversal_origin(id)).await?)
}

/// What the opening balances are now: their date and each account's (and party's) amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Openings {
    pub as_of: Option<Date>,
    pub lines: Vec<(AccountId, Option<PartyId>, Paise)>,
}

/// The id every opening-balance journal of an organisation is filed under.
fn opening_source(org: bahi_store::identity::OrgId) -> uuid::Uuid {
    AccountId::system(org, "opening-balances").0
}

pub async fn openings<R: MinimumRole>(s: &Services, org: &OrgCtx<R>) -> Result<Openings, Error> {
    let source = opening_source(org.org_id());
    let lines: Vec<_> = journals::net_of_source(&s.db, org.org_id(), source)
        .await?
        .into_iter()
        .filter(|l| l.2 != Paise::ZERO)
        .collect();
    let as_of = journals::of_source(&s.db, org.org_id(), source)
        .await?
        .last()
        .filter(|_| !lines.is_empty())
        .map(|j| j.date);
    Ok(Openings { as_of, lines })
}

/// Sets the opening balances as at a date, replacing any set before (the earlier ones are
/// reversed, never deleted).
pub async fn set_openings<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    as_of: Option<Date>,
    lines: &[LineInput],
) -> Result<Openings, Error> {
    let mut errors = FieldErrors::default();
    if as_of.is_none() {
        errors.push("as_of", Message::new("field-required"));
    }
    let entries = checked_lines(s, org, lines, &mut errors).await?;
    errors.check()?;
    let Some(as_of) = as_of else {
        return Err(Error::Internal("a checked date is missing".into()));
    };
    let o = org.org_id();
    let source = (Source::Opening, opening_source(o));
    let mut tx = s.db.begin_write().await?;
    let earlier = journals::net_of_source(&mut tx, o, source.1).await?;
    let old_date = journals::of_source(&mut tx, o, source.1)
        .await?
        .last()
        .map(|j| j.date);
    if let Some(date) = old_date.filter(|_| earlier.iter().any(|l| l.2 != Paise::ZERO)) {
        let undo = Posting {
            date,
            kind: JournalKind::Reversal,
            number: None,
            narration: "Opening balances replaced".to_owned(),
            source: Some(source),
            origin: None,
            entries: earlier
                .iter()
                .map(|&(a, p, x)| (a, p, Paise::new(-x.get())))
                .collect(),
        };
        book::post(&mut tx, o, &undo, Some(org.user().id)).await?;
    }
    let posting = Posting {
        date: as_of,
        kind: JournalKind::Opening,
        number: None,
        narration: "Opening balances".to_owned(),
        source: Some(source),
        origin: None,
        entries,
    };
    book::post(&mut tx, o, &posting, Some(org.user().id)).await?;
    let total = posting.check().unwrap_or(Paise::ZERO);
    let event = Event {
        action: "ledger.openings",
        entity: Entity("journal", None),
        summary: format!(
            "{} set the opening balances as at {as_of} ({total} each side)",
            org.user().email
        ),
        details: vec![("as_of", as_of.to_string()), ("total", total.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(o), event).await?;
    tx.commit().await?;
    openings(s, org).await
}
