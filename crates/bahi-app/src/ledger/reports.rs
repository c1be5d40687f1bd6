//! Trial balance, profit and loss, and balance sheet: pure arithmetic over each account's sums
//! (`bahi_store::ledger::reports::account_sums`), so they agree with every ledger by
//! construction.
//!
//! Income and expense accounts start each financial year (April–March) at nothing: what they
//! held at the end of earlier years is that year's profit, carried into retained earnings. The
//! books need no closing entries for it, so a year can be closed and reopened without rewriting
//! anything.

use bahi_gst::{FinancialYear, Paise};
use bahi_store::ledger::Nature;
use bahi_store::ledger::accounts::Account;
use bahi_store::ledger::reports::{self, AccountSums};
use time::Date;

use super::accounts::{Chart, load};
use super::chart::System;
use crate::{AtLeast, Error, Message, MinimumRole, OrgCtx, Services, Viewer};

/// One account's line of the trial balance; balances debit positive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialRow {
    pub account: Account,
    pub group: String,
    pub nature: Nature,
    pub opening: Paise,
    pub debit: Paise,
    pub credit: Paise,
    pub closing: Paise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalance {
    pub from: Date,
    pub to: Date,
    pub rows: Vec<TrialRow>,
    pub debit: Paise,
    pub credit: Paise,
}

/// An account's figure in a statement, positive on its normal side (income and liabilities
/// credit, assets and expenses debit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// `None` for the year's profit, which is no account's.
    pub account: Option<Account>,
    pub group: String,
    pub nature: Nature,
    pub amount: Paise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfitAndLoss {
    pub from: Date,
    pub to: Date,
    pub income: Vec<Figure>,
    pub expenses: Vec<Figure>,
    pub total_income: Paise,
    pub total_expenses: Paise,
    pub net_profit: Paise,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceSheet {
    pub as_of: Date,
    pub assets: Vec<Figure>,
    pub liabilities: Vec<Figure>,
    pub equity: Vec<Figure>,
    pub total_assets: Paise,
    pub total_liabilities: Paise,
    pub total_equity: Paise,
    /// The profit of the financial year up to `as_of`, shown inside equity.
    pub profit_for_the_year: Paise,
}

/// Checks a range: `from` not after `to`.
pub fn range(from: Date, to: Date) -> Result<(), Error> {
    if from > to {
        return Err(Error::field("from", Message::new("range-reversed")));
    }
    Ok(())
}

fn year_start(date: Date) -> Date {
    FinancialYear::of(date).first_day().unwrap_or(date)
}

async fn sums<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    from: Date,
    to: Date,
) -> Result<(Chart, Vec<AccountSums>), Error> {
    let chart = load(s, org).await?;
    let sums = reports::account_sums(&s.db, org.org_id(), year_start(from), from, to).await?;
    Ok((chart, sums))
}

/// Each account's opening (as at the start of `from`), debits, credits and closing.
pub async fn trial_balance<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    from: Date,
    to: Date,
) -> Result<TrialBalance, Error> {
    range(from, to)?;
    let (chart, sums) = sums(s, org, from, to).await?;
    Ok(trial_from(&chart, org.org_id(), from, to, &sums))
}

/// The trial balance of some sums (pure; the property tests call it).
#[must_use]
pub fn trial_from(
    chart: &Chart,
    org: bahi_store::identity::OrgId,
    from: Date,
    to: Date,
    sums: &[AccountSums],
) -> TrialBalance {
    let retained = System::RetainedEarnings.id(org);
    let mut carried = 0i64;
    let mut rows: Vec<TrialRow> = Vec::new();
    for s in sums {
        let Some(account) = chart.account(s.account_id) else {
            continue;
        };
        let nature = chart.nature(account);
        let opening = if nature.is_profit_and_loss() {
            carried += s.prior.get();
            s.earlier_this_year.get()
        } else {
            s.prior.get() + s.earlier_this_year.get()
        };
        rows.push(TrialRow {
            account: account.clone(),
            group: chart.group_name(account).to_owned(),
            nature,
            opening: Paise::new(opening),
            debit: s.debit,
            credit: s.credit,
            closing: Paise::new(opening + s.debit.get() - s.credit.get()),
        });
    }
    if carried != 0 {
        match rows.iter_mut().find(|r| r.account.id == retained) {
            Some(r) => {
                r.opening = Paise::new(r.opening.get() + carried);
                r.closing = Paise::new(r.closing.get() + carried);
            }
            None => {
                if let Some(account) = chart.account(retained) {
                    rows.push(TrialRow {
                        account: account.clone(),
                        group: chart.group_name(account).to_owned(),
                        nature: Nature::Equity,
                        opening: Paise::new(carried),
                        debit: Paise::ZERO,
                        credit: Paise::ZERO,
                        closing: Paise::new(carried),
                    });
                }
            }
        }
    }
    rows.retain(|r| r.opening != Paise::ZERO || r.debit != Paise::ZERO || r.credit != Paise::ZERO);
    rows.sort_by(|a, b| a.account.code.cmp(&b.account.code));
    let debit = Paise::new(rows.iter().map(|r| r.debit.get()).sum());
    let credit = Paise::new(rows.iter().map(|r| r.credit.get()).sum());
    TrialBalance {
        from,
        to,
        rows,
        debit,
        credit,
    }
}

/// Income and expenses between two dates, and the profit (a loss is negative).
pub async fn profit_and_loss<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    from: Date,
    to: Date,
) -> Result<ProfitAndLoss, Error> {
    range(from, to)?;
    let (chart, sums) = sums(s, org, from, to).await?;
    Ok(profit_and_loss_from(&chart, from, to, &sums))
}

#[must_use]
pub fn profit_and_loss_from(
    chart: &Chart,
    from: Date,
    to: Date,
    sums: &[AccountSums],
) -> ProfitAndLoss {
    let mut income = Vec::new();
    let mut expenses = Vec::new();
    for s in sums {
        let Some(account) = chart.account(s.account_id) else {
            continue;
        };
        let movement = s.debit.get() - s.credit.get();
        if movement == 0 {
            continue;
        }
        let figure = |amount| Figure {
            account: Some(account.clone()),
            group: chart.group_name(account).to_owned(),
            nature: chart.nature(account),
            amount: Paise::new(amount),
        };
        match chart.nature(account) {
            Nature::Income => income.push(figure(-movement)),
            Nature::Expense => expenses.push(figure(movement)),
            _ => {}
        }
    }
    let by_code = |a: &Figure, b: &Figure| {
        let code = |f: &Figure| f.account.as_ref().map(|a| a.code.clone());
        code(a).cmp(&code(b))
    };
    income.sort_by(by_code);
    expenses.sort_by(by_code);
    let total_income = Paise::new(income.iter().map(|f| f.amount.get()).sum());
    let total_expenses = Paise::new(expenses.iter().map(|f| f.amount.get()).sum());
    ProfitAndLoss {
        from,
        to,
        income,
        expenses,
        total_income,
        total_expenses,
        net_profit: Paise::new(total_income.get() - total_expenses.get()),
    }
}

/// Assets, liabilities and equity as at the end of a day; the financial year's profit so far
/// is a line of equity, earlier years' profit is in retained earnings.
pub async fn balance_sheet<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    as_of: Date,
) -> Result<BalanceSheet, Error> {
    let (chart, sums) = sums(s, org, year_start(as_of), as_of).await?;
    Ok(balance_sheet_from(&chart, org.org_id(), as_of, &sums))
}

#[must_use]
pub fn balance_sheet_from(
    chart: &Chart,
    org: bahi_store::identity::OrgId,
    as_of: Date,
    sums: &[AccountSums],
) -> BalanceSheet {
    // Summed from the year's first day: `prior` is before it, debit and credit within it.
    let tb = trial_from(chart, org, year_start(as_of), as_of, sums);
    let mut assets = Vec::new();
    let mut liabilities = Vec::new();
    let mut equity = Vec::new();
    let mut profit = 0i64;
    for row in tb.rows {
        let figure = |amount: i64| Figure {
            group: row.group.clone(),
            account: Some(row.account.clone()),
            nature: row.nature,
            amount: Paise::new(amount),
        };
        match row.nature {
            Nature::Asset => assets.push(figure(row.closing.get())),
            Nature::Liability => liabilities.push(figure(-row.closing.get())),
            Nature::Equity => equity.push(figure(-row.closing.get())),
            Nature::Income | Nature::Expense => profit -= row.closing.get(),
        }
    }
    assets.retain(|f| f.amount != Paise::ZERO);
    liabilities.retain(|f| f.amount != Paise::ZERO);
    equity.retain(|f| f.amount != Paise::ZERO);
    equity.push(Figure {
        account: None,
        nature: Nature::Equity,
        group: chart
            .account(System::RetainedEarnings.id(org))
            .map(|a| chart.group_name(a).to_owned())
            .unwrap_or_default(),
        amount: Paise::new(profit),
    });
    let total = |v: &[Figure]| Paise::new(v.iter().map(|f| f.amount.get()).sum());
    BalanceSheet {
        as_of,
        total_assets: total(&assets),
        total_liabilities: total(&liabilities),
        total_equity: total(&equity),
        assets,
        liabilities,
        equity,
        profit_for_the_year: Paise::new(profit),
    }
}
