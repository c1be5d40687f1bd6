//! The chart of accounts and an account's ledger.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::ledger::accounts::{self, AccountInput, Chart, GroupInput};
use bahi_app::ledger::ledgers;
use bahi_app::{Accountant, Viewer};
use bahi_store::ledger::GroupId;
use bahi_store::ledger::accounts::{Account, AccountGroup};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{AccountRef, NatureName, PartyRef, RangeParams, line_after, line_position};
use crate::api::values::date_text;
use crate::http::extract::{Json, PageParams, Paging, Path, Query, cursor_of};
use crate::http::paths::AccountPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub nature: NatureName,
    /// Part of the default chart (Schedule III).
    pub system: bool,
}

impl From<&AccountGroup> for GroupOut {
    fn from(g: &AccountGroup) -> Self {
        Self {
            id: g.id.0,
            code: g.code.clone(),
            name: g.name.clone(),
            parent_id: g.parent_id.map(|p| p.0),
            nature: g.nature.into(),
            system: g.system_key.is_some(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountOut {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub group_id: Uuid,
    /// The group's name.
    pub group: String,
    pub nature: NatureName,
    /// Postings need it: it cannot be removed.
    pub system: bool,
}

impl AccountOut {
    fn of(chart: &Chart, a: &Account) -> Self {
        Self {
            id: a.id.0,
            code: a.code.clone(),
            name: a.name.clone(),
            group_id: a.group_id.0,
            group: chart.group_name(a).to_owned(),
            nature: chart.nature(a).into(),
            system: a.system_key.is_some(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChartOut {
    pub items: Vec<AccountOut>,
    pub groups: Vec<GroupOut>,
}

/// The chart of accounts: every account and group, by code.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/accounts", tag = "ledger",
    params(("org_id" = Uuid, Path)),
    responses((status = 200, body = ChartOut)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<ChartOut>, HttpError> {
    let chart = accounts::chart(&app.services, &member).await?;
    Ok(Json(ChartOut {
        items: chart
            .accounts
            .iter()
            .map(|a| AccountOut::of(&chart, a))
            .collect(),
        groups: chart.groups.iter().map(Into::into).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAccount {
    #[schema(max_length = 20, example = "5706")]
    pub code: String,
    #[schema(max_length = 100, example = "Telephone")]
    pub name: String,
    pub group_id: Uuid,
}

/// Add an account to a group.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/ledger/accounts", tag = "ledger",
    params(("org_id" = Uuid, Path)), request_body = NewAccount,
    responses((status = 201, body = AccountOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewAccount>,
) -> Result<(StatusCode, Json<AccountOut>), HttpError> {
    let input = AccountInput {
        code: body.code,
        name: body.name,
        group_id: Some(GroupId(body.group_id)),
    };
    let account = accounts::create(&app.services, &member, &input).await?;
    let chart = accounts::chart(&app.services, &member).await?;
    Ok((StatusCode::CREATED, Json(AccountOut::of(&chart, &account))))
}

/// Remove an account of the business's own that nothing was posted to (409 otherwise).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/ledger/accounts/{id}", tag = "ledger",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204, description = "Removed.")))]
pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<AccountPath>,
) -> Result<StatusCode, HttpError> {
    accounts::delete(&app.services, &member, path.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewGroup {
    #[schema(max_length = 20, example = "571")]
    pub code: String,
    #[schema(max_length = 100, example = "Travel")]
    pub name: String,
    /// The group it sits under; it takes that group's nature.
    pub parent_id: Uuid,
}

/// Add a group under another.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/ledger/groups", tag = "ledger",
    params(("org_id" = Uuid, Path)), request_body = NewGroup,
    responses((status = 201, body = GroupOut)))]
pub async fn create_group(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewGroup>,
) -> Result<(StatusCode, Json<GroupOut>), HttpError> {
    let input = GroupInput {
        code: body.code,
        name: body.name,
        parent_id: Some(GroupId(body.parent_id)),
    };
    let group = accounts::create_group(&app.services, &member, &input).await?;
    Ok((StatusCode::CREATED, Json((&group).into())))
}

/// What posted a journal.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceName {
    SalesDocument,
    PurchaseBill,
    Payment,
    Opening,
}

impl From<bahi_store::ledger::Source> for SourceName {
    fn from(s: bahi_store::ledger::Source) -> Self {
        use bahi_store::ledger::Source;
        match s {
            Source::SalesDocument => Self::SalesDocument,
            Source::PurchaseBill => Self::PurchaseBill,
            Source::Payment => Self::Payment,
            Source::Opening => Self::Opening,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceOut {
    #[serde(rename = "type")]
    pub kind: SourceName,
    pub id: Uuid,
}

/// A ledger's line with the balance after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryOut {
    pub date: String,
    pub journal_id: Uuid,
    /// `sale`, `credit_note`, `debit_note`, `purchase`, `receipt`, `payment`, `allocation`,
    /// `journal`, `opening` or `reversal`.
    pub kind: String,
    pub number: Option<String>,
    pub narration: String,
    pub source: Option<SourceOut>,
    /// The account the line is on (a party's ledger spans several).
    pub account: PartyRef,
    pub party: Option<PartyRef>,
    #[schema(example = "1180.00")]
    pub debit: String,
    #[schema(example = "0.00")]
    pub credit: String,
    /// Debit positive.
    #[schema(example = "1180.00")]
    pub balance: String,
}

impl From<&ledgers::Row> for EntryOut {
    fn from(r: &ledgers::Row) -> Self {
        let e = &r.entry;
        Self {
            date: date_text(e.at.date),
            journal_id: e.at.journal_id.0,
            kind: e.kind.as_str().to_owned(),
            number: e.number.clone(),
            narration: e.narration.clone(),
            source: e
                .source
                .zip(e.source_id)
                .map(|(s, id)| SourceOut { kind: s.into(), id }),
            account: PartyRef {
                id: e.account_id.0,
                name: e.account_name.clone(),
            },
            party: e.party_id.map(|p| PartyRef {
                id: p.0,
                name: e.party_name.clone().unwrap_or_default(),
            }),
            debit: e.debit.to_string(),
            credit: e.credit.to_string(),
            balance: r.balance.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountEntriesOut {
    pub account: AccountRef,
    pub from: String,
    pub to: String,
    /// The balance at the start of `from` (debit positive).
    pub opening: String,
    /// The balance at the end of `to`, whichever page this is.
    pub closing: String,
    pub rows: Vec<EntryOut>,
    /// Pass as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
}

pub(super) fn next_cursor(next: Option<bahi_store::ledger::reports::LineAt>) -> Option<String> {
    next.map(|at| cursor_of(&line_position(at)))
}

/// An account's entries from `from` to `to` with the running balance (the general ledger; the
/// cash and bank books are the ledgers of those accounts).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/accounts/{id}/entries", tag = "ledger",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path), RangeParams, PageParams),
    responses((status = 200, body = AccountEntriesOut)))]
pub async fn entries(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<AccountPath>,
    Query(range): Query<RangeParams>,
    paging: Paging,
) -> Result<Json<AccountEntriesOut>, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let after = line_after(paging.after.as_deref())?;
    let ledger = ledgers::account(
        &app.services,
        &member,
        path.id,
        from,
        to,
        after,
        paging.limit,
    )
    .await?;
    let p = &ledger.page;
    Ok(Json(AccountEntriesOut {
        account: AccountRef::new(&ledger.account, &ledger.group, ledger.nature),
        from: date_text(p.from),
        to: date_text(p.to),
        opening: p.opening.to_string(),
        closing: p.closing.to_string(),
        rows: p.rows.iter().map(Into::into).collect(),
        next_cursor: next_cursor(p.next),
    }))
}
