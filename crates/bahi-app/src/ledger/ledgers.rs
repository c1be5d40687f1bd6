//! Ledgers a page at a time: an account's lines (the general ledger; the cash and bank books
//! are the ledgers of those accounts), a party's lines on the control accounts, and the day
//! book (every journal in date order). Each row carries the running balance, continued across
//! pages from the balance before the page.

use bahi_gst::{FinancialYear, Paise};
use bahi_store::ledger::accounts::Account;
use bahi_store::ledger::journals::{self, Journal, JournalLine};
use bahi_store::ledger::reports::{self, Entry, Ledger, LineAt};
use bahi_store::ledger::{AccountId, JournalId, Nature};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::{self, Party};
use time::Date;

use super::accounts::{Chart, load};
use super::reports::range;
use crate::{AtLeast, Error, MinimumRole, OrgCtx, Services, Viewer};

/// A line with the balance after it (debit positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub entry: Entry,
    pub balance: Paise,
}

/// A page of a ledger. `opening` is the balance at the start of `from`, `closing` at the end
/// of `to` (whatever page this is); `next` is where the next page starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerPage {
    pub from: Date,
    pub to: Date,
    pub opening: Paise,
    pub closing: Paise,
    pub debit: Paise,
    pub credit: Paise,
    pub rows: Vec<Row>,
    pub next: Option<LineAt>,
}

#[derive(Debug, Clone)]
pub struct AccountLedger {
    pub account: Account,
    pub group: String,
    pub nature: Nature,
    pub page: LedgerPage,
}

#[derive(Debug, Clone)]
pub struct PartyLedger {
    pub party: Party,
    pub page: LedgerPage,
}

/// An account's lines from `from` to `to`, `limit` at a time after `after`.
pub async fn account<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: AccountId,
    from: Date,
    to: Date,
    after: Option<LineAt>,
    limit: i64,
) -> Result<AccountLedger, Error> {
    range(from, to)?;
    let chart = load(s, org).await?;
    let account = chart.account(id).cloned().ok_or(Error::NotFound)?;
    // Income and expenses start each financial year afresh (see `reports`).
    let floor = if chart.nature(&account).is_profit_and_loss() {
        let start = FinancialYear::of(from).first_day().unwrap_or(from);
        reports::balance_before(&s.db, org.org_id(), Ledger::Account(id), start, None).await?
    } else {
        Paise::ZERO
    };
    let carried = carried_into_retained(s, org, &chart, id, from).await?;
    let page = page(
        s,
        org,
        Ledger::Account(id),
        from,
        to,
        after,
        limit,
        floor,
        carried,
    )
    .await?;
    Ok(AccountLedger {
        group: chart.group_name(&account).to_owned(),
        nature: chart.nature(&account),
        account,
        page,
    })
}

/// Retained earnings open with every earlier financial year's profit.
async fn carried_into_retained<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    chart: &Chart,
    id: AccountId,
    from: Date,
) -> Result<Paise, Error> {
    if id != super::chart::System::RetainedEarnings.id(org.org_id()) {
        return Ok(Paise::ZERO);
    }
    let start = FinancialYear::of(from).first_day().unwrap_or(from);
    let sums = reports::account_sums(&s.db, org.org_id(), start, start, start).await?;
    Ok(Paise::new(
        sums.iter()
            .filter(|s| {
                chart
                    .account(s.account_id)
                    .is_some_and(|a| chart.nature(a).is_profit_and_loss())
            })
            .map(|s| s.prior.get())
            .sum(),
    ))
}

/// The parties' balances on a control account as at a date (its sub-ledgers), by name.
pub async fn party_balances<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    account: AccountId,
    as_of: Date,
) -> Result<Vec<(PartyId, String, Paise)>, Error> {
    Ok(reports::party_balances(&s.db, org.org_id(), account, as_of).await?)
}

/// A party's lines (on debtors, creditors and advances) from `from` to `to`.
pub async fn party<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PartyId,
    from: Date,
    to: Date,
    after: Option<LineAt>,
    limit: i64,
) -> Result<PartyLedger, Error> {
    range(from, to)?;
    let party = parties::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let page = page(
        s,
        org,
        Ledger::Party(id),
        from,
        to,
        after,
        limit,
        Paise::ZERO,
        Paise::ZERO,
    )
    .await?;
    Ok(PartyLedger { party, page })
}

/// `floor` is taken off every balance (an income account's balance before its year), `carried`
/// added to it (earlier years' profit, on retained earnings).
#[allow(clippy::too_many_arguments)]
async fn page<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    ledger: Ledger,
    from: Date,
    to: Date,
    after: Option<LineAt>,
    limit: i64,
    floor: Paise,
    carried: Paise,
) -> Result<LedgerPage, Error> {
    let o = org.org_id();
    let adjust = |p: Paise| Paise::new(p.get() - floor.get() + carried.get());
    let opening = adjust(reports::balance_before(&s.db, o, ledger, from, None).await?);
    let movement = reports::movement(&s.db, o, ledger, from, to).await?;
    let start = match after {
        Some(at) => adjust(
            reports::balance_before(
                &s.db,
                o,
                ledger,
                at.date,
                Some((at.journal_id, at.position)),
            )
            .await?,
        ),
        None => opening,
    };
    let mut entries = reports::entries(&s.db, o, ledger, from, to, after, limit + 1).await?;
    let more = entries.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    entries.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let mut balance = start.get();
    let (mut debit, mut credit) = (0, 0);
    let rows = entries
        .into_iter()
        .map(|entry| {
            balance += entry.debit.get() - entry.credit.get();
            debit += entry.debit.get();
            credit += entry.credit.get();
            Row {
                entry,
                balance: Paise::new(balance),
            }
        })
        .collect::<Vec<_>>();
    let next = if more {
        rows.last().map(|r| r.entry.at)
    } else {
        None
    };
    Ok(LedgerPage {
        from,
        to,
        opening,
        closing: Paise::new(opening.get() + movement.get()),
        debit: Paise::new(debit),
        credit: Paise::new(credit),
        rows,
        next,
    })
}

/// A journal with its lines and the accounts they name.
#[derive(Debug, Clone)]
pub struct Voucher {
    pub journal: Journal,
    pub lines: Vec<VoucherLine>,
}

/// A line with its account (and the account's group) and its party's name.
#[derive(Debug, Clone)]
pub struct VoucherLine {
    pub line: JournalLine,
    pub account: Account,
    pub group: String,
    pub nature: Nature,
    pub party: Option<String>,
}

/// One journal without its lines (its number, kind and date).
pub async fn journal<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: JournalId,
) -> Result<Journal, Error> {
    journals::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)
}

/// One journal (voucher) with its lines.
pub async fn voucher<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: JournalId,
) -> Result<Voucher, Error> {
    let journal = journal(s, org, id).await?;
    let chart = load(s, org).await?;
    let lines = journals::lines(&s.db, org.org_id(), id).await?;
    vouchers_of(s, org, &chart, vec![journal], lines)
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

async fn vouchers_of<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    chart: &Chart,
    journals: Vec<Journal>,
    lines: Vec<JournalLine>,
) -> Result<Vec<Voucher>, Error> {
    let named: Vec<_> = lines.iter().filter_map(|l| l.party_id).collect();
    let names = parties::names(&s.db, org.org_id(), &named).await?;
    let mut out: Vec<Voucher> = journals
        .into_iter()
        .map(|journal| Voucher {
            journal,
            lines: Vec::new(),
        })
        .collect();
    for l in lines {
        let Some(v) = out.iter_mut().find(|v| v.journal.id == l.journal_id) else {
            continue;
        };
        let Some(account) = chart.account(l.account_id).cloned() else {
            continue;
        };
        let party = l.party_id.and_then(|p| names.get(&p).cloned());
        v.lines.push(VoucherLine {
            group: chart.group_name(&account).to_owned(),
            nature: chart.nature(&account),
            line: l,
            account,
            party,
        });
    }
    Ok(out)
}

/// The journals a document or payment posted, oldest first (drill-down from a document).
pub async fn of_source<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    source_id: uuid::Uuid,
) -> Result<Vec<Voucher>, Error> {
    let chart = load(s, org).await?;
    let list = journals::of_source(&s.db, org.org_id(), source_id).await?;
    let ids: Vec<JournalId> = list.iter().map(|j| j.id).collect();
    let lines = journals::lines_of(&s.db, org.org_id(), &ids).await?;
    vouchers_of(s, org, &chart, list, lines).await
}

/// The day book: every journal from `from` to `to` in date order, `limit` at a time.
pub async fn day_book<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    from: Date,
    to: Date,
    after: Option<(Date, JournalId)>,
    limit: i64,
) -> Result<(Vec<Voucher>, Option<(Date, JournalId)>), Error> {
    range(from, to)?;
    let chart = load(s, org).await?;
    let mut list = journals::between(&s.db, org.org_id(), from, to, after, limit + 1).await?;
    let more = list.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    list.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = if more {
        list.last().map(|j| (j.date, j.id))
    } else {
        None
    };
    let ids: Vec<JournalId> = list.iter().map(|j| j.id).collect();
    let lines = journals::lines_of(&s.db, org.org_id(), &ids).await?;
    Ok((vouchers_of(s, org, &chart, list, lines).await?, next))
}
