//! Vouchers: manual journals, any journal by id, the day book, opening balances and closing
//! a financial year.

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::ledger::accounts;
use bahi_app::ledger::ledgers::{self, Voucher};
use bahi_app::ledger::vouchers::{self, JournalInput, LineInput, Openings, ReversalInput};
use bahi_app::ledger::years;
use bahi_app::{Accountant, AtLeast, Message, OrgCtx, Owner, Viewer};
use bahi_gst::{FinancialYear, Paise};
use bahi_store::ledger::{AccountId, JournalId};
use bahi_store::masters::PartyId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::accounts::SourceOut;
use super::{AccountRef, PartyRef, RangeParams};
use crate::api::dto::rfc3339;
use crate::api::values::{self, Decimal, date_text};
use crate::http::extract::{Json, PageParams, Paging, Path, Query, cursor_of, date_position};
use crate::http::paths::{JournalPath, YearPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// One line: an account and one of `debit` or `credit`; `party_id` on a debtors, creditors or
/// advances account (and only there).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LineIn {
    pub account_id: Uuid,
    pub party_id: Option<Uuid>,
    pub debit: Option<Decimal>,
    pub credit: Option<Decimal>,
}

fn lines_in(lines: Vec<LineIn>) -> Vec<LineInput> {
    lines
        .into_iter()
        .map(|l| LineInput {
            account_id: Some(AccountId(l.account_id)),
            party_id: l.party_id.map(PartyId),
            debit: l.debit.map(Decimal::text),
            credit: l.credit.map(Decimal::text),
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewJournal {
    /// `YYYY-MM-DD`; today when left out.
    pub date: Option<String>,
    #[schema(max_length = 500, example = "Razorpay settlement less fees")]
    pub narration: String,
    pub lines: Vec<LineIn>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewReversal {
    /// `YYYY-MM-DD`, not before the journal's own date; today when left out.
    pub date: Option<String>,
    /// Why the journal is undone (kept in the reversal's narration and the audit trail).
    #[schema(max_length = 500, example = "Posted to the wrong account")]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineOut {
    pub account: AccountRef,
    pub party: Option<PartyRef>,
    pub debit: String,
    pub credit: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JournalOut {
    pub id: Uuid,
    pub date: String,
    /// `sale`, `credit_note`, `debit_note`, `purchase`, `receipt`, `payment`, `allocation`,
    /// `journal`, `opening` or `reversal`.
    pub kind: String,
    pub number: Option<String>,
    pub narration: String,
    /// The document or payment it was posted from.
    pub source: Option<SourceOut>,
    /// The debits' sum, which the credits' equals.
    pub total: String,
    pub lines: Vec<LineOut>,
    /// The manual journal this one reverses.
    pub reverses_id: Option<Uuid>,
    pub created_at: String,
}

fn journal_out(v: &Voucher) -> JournalOut {
    let j = &v.journal;
    JournalOut {
        id: j.id.0,
        date: date_text(j.date),
        kind: j.kind.as_str().to_owned(),
        number: j.number.clone(),
        narration: j.narration.clone(),
        source: j
            .source
            .zip(j.source_id)
            .map(|(s, id)| SourceOut { kind: s.into(), id }),
        total: j.total.to_string(),
        lines: v
            .lines
            .iter()
            .map(|l| LineOut {
                account: AccountRef::new(&l.account, &l.group, l.nature),
                party: l.line.party_id.map(|p| PartyRef {
                    id: p.0,
                    name: l.party.clone().unwrap_or_default(),
                }),
                debit: l.line.debit.to_string(),
                credit: l.line.credit.to_string(),
            })
            .collect(),
        reverses_id: j.reverses_id.map(|r| r.0),
        created_at: rfc3339(j.created_at),
    }
}

fn optional_date(field: &str, text: Option<&str>) -> Result<Option<time::Date>, HttpError> {
    let mut errors = Vec::new();
    let date = text
        .filter(|d| !d.trim().is_empty())
        .and_then(|d| values::date(field, d, &mut errors));
    values::check(errors)?;
    Ok(date)
}

/// Post a manual journal voucher (numbered `JV/…`); debits must equal credits (422 otherwise).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/ledger/journals", tag = "ledger",
    params(("org_id" = Uuid, Path),
           ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again to get the first answer instead of a second voucher")),
    request_body = NewJournal,
    responses((status = 201, body = JournalOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<NewJournal>,
) -> Result<(StatusCode, Json<JournalOut>), HttpError> {
    let input = JournalInput {
        date: optional_date("date", body.date.as_deref())?,
        narration: body.narration,
        lines: lines_in(body.lines),
    };
    let voucher = vouchers::create(&app.services, &member, &input).await?;
    Ok((StatusCode::CREATED, Json(journal_out(&voucher))))
}

/// A journal (voucher) with its lines.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/journals/{id}", tag = "ledger",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = JournalOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<JournalPath>,
) -> Result<Json<JournalOut>, HttpError> {
    let voucher = ledgers::voucher(&app.services, &*member, path.id).await?;
    Ok(Json(journal_out(&voucher)))
}

/// Reverse a manual journal posted in error: a new voucher in the journal series posts every
/// line the other way (409 for a document's or payment's journal — void those instead — and for
/// a journal reversed already).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/ledger/journals/{id}/reverse", tag = "ledger",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    request_body = NewReversal,
    responses((status = 201, body = JournalOut)))]
pub async fn reverse(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<JournalPath>,
    Json(body): Json<NewReversal>,
) -> Result<(StatusCode, Json<JournalOut>), HttpError> {
    let input = ReversalInput {
        date: optional_date("date", body.date.as_deref())?,
        reason: body.reason,
    };
    let voucher = vouchers::reverse(&app.services, &member, path.id, &input).await?;
    Ok((StatusCode::CREATED, Json(journal_out(&voucher))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalFilter {
    /// The journals one document or payment posted (all of them, unpaged).
    pub source_id: Option<Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JournalPage {
    pub items: Vec<JournalOut>,
    pub next_cursor: Option<String>,
}

/// The day book: every journal from `from` to `to` in date order; or, with `source_id`, the
/// journals one document or payment posted.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/journals", tag = "ledger",
    params(("org_id" = Uuid, Path), RangeParams, JournalFilter, PageParams),
    responses((status = 200, body = JournalPage)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(range): Query<RangeParams>,
    Query(filter): Query<JournalFilter>,
    paging: Paging,
) -> Result<Json<JournalPage>, HttpError> {
    if let Some(source) = filter.source_id {
        let list = ledgers::of_source(&app.services, &member, source).await?;
        return Ok(Json(JournalPage {
            items: list.iter().map(journal_out).collect(),
            next_cursor: None,
        }));
    }
    let (from, to) = range.dates(member.today())?;
    let after = paging.before_date::<JournalId>()?;
    let (list, next) =
        ledgers::day_book(&app.services, &member, from, to, after, paging.limit).await?;
    Ok(Json(JournalPage {
        items: list.iter().map(journal_out).collect(),
        next_cursor: next.map(|(d, id)| cursor_of(&date_position(d, id))),
    }))
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OpeningsIn {
    /// `YYYY-MM-DD`: the day the balances stood at (the last day in the earlier books).
    pub as_of: Option<String>,
    pub lines: Vec<LineIn>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpeningsOut {
    /// `null` while none are set.
    pub as_of: Option<String>,
    pub lines: Vec<LineOut>,
    pub total: String,
}

async fn openings_out<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    o: &Openings,
) -> Result<OpeningsOut, HttpError> {
    let chart = accounts::chart(&app.services, member).await?;
    let named: Vec<_> = o.lines.iter().filter_map(|l| l.1).collect();
    let names = bahi_app::masters::parties::names(&app.services, member, &named).await?;
    let mut lines = Vec::new();
    for &(account, party, amount) in &o.lines {
        let Some(a) = chart.account(account) else {
            continue;
        };
        lines.push(LineOut {
            account: AccountRef::of(&chart, a),
            party: party.map(|p| PartyRef {
                id: p.0,
                name: names.get(&p).cloned().unwrap_or_default(),
            }),
            debit: Paise::new(amount.get().max(0)).to_string(),
            credit: Paise::new((-amount.get()).max(0)).to_string(),
        });
    }
    let total = Paise::new(o.lines.iter().map(|l| l.2.get().max(0)).sum());
    Ok(OpeningsOut {
        as_of: o.as_of.map(date_text),
        lines,
        total: total.to_string(),
    })
}

/// The opening balances brought from earlier books.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/opening-balances", tag = "ledger",
    params(("org_id" = Uuid, Path)),
    responses((status = 200, body = OpeningsOut)))]
pub async fn openings(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<OpeningsOut>, HttpError> {
    let o = vouchers::openings(&app.services, &*member).await?;
    Ok(Json(openings_out(&app, &member, &o).await?))
}

/// Set the opening balances as at a date (accounts, and party-wise outstanding on debtors and
/// creditors); they must balance. Setting them again replaces them (the earlier ones are
/// reversed).
#[utoipa::path(put, path = "/v1/orgs/{org_id}/ledger/opening-balances", tag = "ledger",
    params(("org_id" = Uuid, Path)), request_body = OpeningsIn,
    responses((status = 200, body = OpeningsOut)))]
pub async fn set_openings(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(body): Json<OpeningsIn>,
) -> Result<Json<OpeningsOut>, HttpError> {
    let as_of = optional_date("as_of", body.as_of.as_deref())?;
    let o = vouchers::set_openings(&app.services, &member, as_of, &lines_in(body.lines)).await?;
    Ok(Json(openings_out(&app, &member, &o).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClosedYearOut {
    #[schema(example = "2025-26")]
    pub financial_year: String,
    pub closed_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearsOut {
    pub closed: Vec<ClosedYearOut>,
}

fn year_of(text: &str) -> Result<FinancialYear, HttpError> {
    years::parse(text)
        .ok_or_else(|| bahi_app::Error::field("year", Message::new("year-invalid")).into())
}

fn closed_out(c: &bahi_store::ledger::years::ClosedYear) -> ClosedYearOut {
    ClosedYearOut {
        financial_year: i32::try_from(c.financial_year)
            .map(|y| FinancialYear::starting(y).to_string())
            .unwrap_or_default(),
        closed_at: rfc3339(c.closed_at),
    }
}

/// The closed financial years, latest first.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/years", tag = "ledger",
    params(("org_id" = Uuid, Path)),
    responses((status = 200, body = YearsOut)))]
pub async fn years_list(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<YearsOut>, HttpError> {
    let closed = years::closed(&app.services, &member).await?;
    Ok(Json(YearsOut {
        closed: closed.iter().map(closed_out).collect(),
    }))
}

/// Close a financial year that has ended: postings dated in it are refused (409) until an
/// owner reopens it.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/ledger/years/{year}/close", tag = "ledger",
    params(("org_id" = Uuid, Path), ("year" = String, Path, description = "`2025-26`")),
    responses((status = 200, body = ClosedYearOut)))]
pub async fn close(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<YearPath>,
) -> Result<Json<ClosedYearOut>, HttpError> {
    let year = year_of(&path.year)?;
    let closed = years::close(&app.services, &member, year).await?;
    Ok(Json(closed_out(&closed)))
}

/// Reopen a closed financial year (owners).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/ledger/years/{year}/close", tag = "ledger",
    params(("org_id" = Uuid, Path), ("year" = String, Path, description = "`2025-26`")),
    responses((status = 204, description = "Reopened.")))]
pub async fn reopen(
    member: Member<Owner>,
    State(app): State<AppState>,
    Path(path): Path<YearPath>,
) -> Result<StatusCode, HttpError> {
    let year = year_of(&path.year)?;
    years::reopen(&app.services, &member, year).await?;
    Ok(StatusCode::NO_CONTENT)
}
