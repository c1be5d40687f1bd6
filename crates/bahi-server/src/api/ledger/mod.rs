//! The books of account (API.md, Books of account) under `/api/v1/orgs/{org_id}/ledger`: the
//! chart, ledgers, vouchers, opening balances, closed years and the reports. Debit and credit
//! are non-negative money strings; balances are signed, debit positive.

pub mod accounts;
pub mod journals;
pub mod reports;

use bahi_app::ledger::accounts::Chart;
use bahi_store::ledger::Nature;
use bahi_store::ledger::accounts::Account;
use bahi_store::ledger::reports::LineAt;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::values::{self, date_text};
use crate::http::HttpError;
use crate::http::extract::bad_cursor;

/// What an account holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NatureName {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

impl From<Nature> for NatureName {
    fn from(n: Nature) -> Self {
        match n {
            Nature::Asset => Self::Asset,
            Nature::Liability => Self::Liability,
            Nature::Equity => Self::Equity,
            Nature::Income => Self::Income,
            Nature::Expense => Self::Expense,
        }
    }
}

/// An account as reports name it: `group` is its group's name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountRef {
    pub id: Uuid,
    #[schema(example = "1221")]
    pub code: String,
    #[schema(example = "Sundry debtors")]
    pub name: String,
    #[schema(example = "Trade receivables")]
    pub group: String,
    pub nature: NatureName,
}

impl AccountRef {
    pub fn new(a: &Account, group: &str, nature: Nature) -> Self {
        Self {
            id: a.id.0,
            code: a.code.clone(),
            name: a.name.clone(),
            group: group.to_owned(),
            nature: nature.into(),
        }
    }

    pub fn of(chart: &Chart, a: &Account) -> Self {
        Self::new(a, chart.group_name(a), chart.nature(a))
    }
}

/// A party named by a line.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartyRef {
    pub id: Uuid,
    pub name: String,
}

/// `?from=&to=`: `YYYY-MM-DD`, inclusive; from the start of the financial year to today when
/// left out.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeParams {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl RangeParams {
    pub fn dates(&self, today: Date) -> Result<(Date, Date), HttpError> {
        let mut errors = Vec::new();
        let to = self
            .to
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .and_then(|t| values::date("to", t, &mut errors))
            .unwrap_or(today);
        let from = self
            .from
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .and_then(|t| values::date("from", t, &mut errors))
            .unwrap_or_else(|| bahi_gst::FinancialYear::of(to).first_day().unwrap_or(to));
        values::check(errors)?;
        Ok((from, to))
    }
}

/// `?as_of=`: `YYYY-MM-DD`; today when left out.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfParams {
    pub as_of: Option<String>,
}

impl AsOfParams {
    pub fn date(&self, today: Date) -> Result<Date, HttpError> {
        let mut errors = Vec::new();
        let date = self
            .as_of
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .and_then(|t| values::date("as_of", t, &mut errors))
            .unwrap_or(today);
        values::check(errors)?;
        Ok(date)
    }
}

/// Where a ledger's page ended, as its cursor carries it.
pub fn line_position(at: LineAt) -> String {
    format!("{} {} {}", date_text(at.date), at.journal_id, at.position)
}

pub fn line_after(after: Option<&str>) -> Result<Option<LineAt>, HttpError> {
    let Some(after) = after else {
        return Ok(None);
    };
    let mut parts = after.split(' ');
    let (Some(date), Some(journal), Some(position), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad_cursor());
    };
    let mut errors = Vec::new();
    let date = values::date("cursor", date, &mut errors).ok_or_else(bad_cursor)?;
    Ok(Some(LineAt {
        date,
        journal_id: journal.parse().map_err(|_| bad_cursor())?,
        position: position.parse().map_err(|_| bad_cursor())?,
    }))
}
