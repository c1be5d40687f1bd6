//! Trial balance, profit and loss, balance sheet, party ledger and ageing.

use axum::extract::State;
use bahi_app::Viewer;
use bahi_app::ledger::ageing::{self, Buckets, Kind};
use bahi_app::ledger::ledgers;
use bahi_app::ledger::reports::{self, Figure};
use bahi_gst::Paise;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::accounts::{EntryOut, next_cursor};
use super::{AccountRef, AsOfParams, PartyRef, RangeParams, line_after};
use crate::api::values::date_text;
use crate::http::extract::{Json, PageParams, Paging, Path, Query};
use crate::http::paths::PartyLedgerPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct TrialRowOut {
    pub account: AccountRef,
    /// Debit positive.
    #[schema(example = "0.00")]
    pub opening: String,
    #[schema(example = "1180.00")]
    pub debit: String,
    #[schema(example = "500.00")]
    pub credit: String,
    /// Debit positive.
    #[schema(example = "680.00")]
    pub closing: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DebitCredit {
    pub debit: String,
    pub credit: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrialBalanceOut {
    pub from: String,
    pub to: String,
    pub rows: Vec<TrialRowOut>,
    /// The debits' and credits' sums, always equal.
    pub totals: DebitCredit,
}

/// Each account's opening balance, debits, credits and closing balance between two dates.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/trial-balance", tag = "ledger",
    params(("org_id" = Uuid, Path), RangeParams),
    responses((status = 200, body = TrialBalanceOut)))]
pub async fn trial_balance(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(range): Query<RangeParams>,
) -> Result<Json<TrialBalanceOut>, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let tb = reports::trial_balance(&app.services, &member, from, to).await?;
    Ok(Json(TrialBalanceOut {
        from: date_text(tb.from),
        to: date_text(tb.to),
        rows: tb
            .rows
            .iter()
            .map(|r| TrialRowOut {
                account: AccountRef::new(&r.account, &r.group, r.nature),
                opening: r.opening.to_string(),
                debit: r.debit.to_string(),
                credit: r.credit.to_string(),
                closing: r.closing.to_string(),
            })
            .collect(),
        totals: DebitCredit {
            debit: tb.debit.to_string(),
            credit: tb.credit.to_string(),
        },
    }))
}

/// An account's (or the year's profit's) figure, positive on its usual side.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureOut {
    /// `null` for the year's profit, which is no account's.
    pub account: Option<AccountRef>,
    pub name: String,
    pub group: String,
    #[schema(example = "1000.00")]
    pub amount: String,
}

fn figures(list: &[Figure]) -> Vec<FigureOut> {
    list.iter()
        .map(|f| FigureOut {
            account: f
                .account
                .as_ref()
                .map(|a| AccountRef::new(a, &f.group, f.nature)),
            name: f
                .account
                .as_ref()
                .map_or_else(|| "Profit for the year".to_owned(), |a| a.name.clone()),
            group: f.group.clone(),
            amount: f.amount.to_string(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProfitTotals {
    pub income: String,
    pub expenses: String,
    /// Negative for a loss.
    pub net_profit: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProfitAndLossOut {
    pub from: String,
    pub to: String,
    pub income: Vec<FigureOut>,
    pub expenses: Vec<FigureOut>,
    pub totals: ProfitTotals,
}

/// Income and expenses between two dates, and the net profit.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/profit-and-loss", tag = "ledger",
    params(("org_id" = Uuid, Path), RangeParams),
    responses((status = 200, body = ProfitAndLossOut)))]
pub async fn profit_and_loss(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(range): Query<RangeParams>,
) -> Result<Json<ProfitAndLossOut>, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let pl = reports::profit_and_loss(&app.services, &member, from, to).await?;
    Ok(Json(ProfitAndLossOut {
        from: date_text(pl.from),
        to: date_text(pl.to),
        income: figures(&pl.income),
        expenses: figures(&pl.expenses),
        totals: ProfitTotals {
            income: pl.total_income.to_string(),
            expenses: pl.total_expenses.to_string(),
            net_profit: pl.net_profit.to_string(),
        },
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SheetTotals {
    pub assets: String,
    pub liabilities: String,
    /// Including the year's profit; assets = liabilities + equity.
    pub equity: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceSheetOut {
    pub as_of: String,
    pub assets: Vec<FigureOut>,
    pub liabilities: Vec<FigureOut>,
    /// Capital and reserves, and the financial year's profit so far (an entry with no account).
    pub equity: Vec<FigureOut>,
    pub totals: SheetTotals,
}

/// Assets, liabilities and equity at the end of a day.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/balance-sheet", tag = "ledger",
    params(("org_id" = Uuid, Path), AsOfParams),
    responses((status = 200, body = BalanceSheetOut)))]
pub async fn balance_sheet(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<AsOfParams>,
) -> Result<Json<BalanceSheetOut>, HttpError> {
    let as_of = params.date(member.today())?;
    let bs = reports::balance_sheet(&app.services, &member, as_of).await?;
    Ok(Json(BalanceSheetOut {
        as_of: date_text(bs.as_of),
        assets: figures(&bs.assets),
        liabilities: figures(&bs.liabilities),
        equity: figures(&bs.equity),
        totals: SheetTotals {
            assets: bs.total_assets.to_string(),
            liabilities: bs.total_liabilities.to_string(),
            equity: bs.total_equity.to_string(),
        },
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyLedgerOut {
    pub party: PartyRef,
    pub from: String,
    pub to: String,
    /// What the party owed at the start of `from` (debit positive: a debtor is positive, a
    /// creditor negative).
    pub opening: String,
    /// At the end of `to`, whichever page this is.
    pub closing: String,
    pub rows: Vec<EntryOut>,
    pub next_cursor: Option<String>,
}

/// A party's ledger: its lines on debtors, creditors and advances, with the running balance.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/parties/{party_id}", tag = "ledger",
    params(("org_id" = Uuid, Path), ("party_id" = Uuid, Path), RangeParams, PageParams),
    responses((status = 200, body = PartyLedgerOut)))]
pub async fn party(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PartyLedgerPath>,
    Query(range): Query<RangeParams>,
    paging: Paging,
) -> Result<Json<PartyLedgerOut>, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let after = line_after(paging.after.as_deref())?;
    let ledger = ledgers::party(
        &app.services,
        &member,
        path.party_id,
        from,
        to,
        after,
        paging.limit,
    )
    .await?;
    let p = &ledger.page;
    Ok(Json(PartyLedgerOut {
        party: PartyRef {
            id: ledger.party.id.0,
            name: ledger.party.name.clone(),
        },
        from: date_text(p.from),
        to: date_text(p.to),
        opening: p.opening.to_string(),
        closing: p.closing.to_string(),
        rows: p.rows.iter().map(Into::into).collect(),
        next_cursor: next_cursor(p.next),
    }))
}

/// `receivables` (what customers owe) or `payables` (what is owed to vendors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgeingKind {
    Receivables,
    Payables,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgeingParams {
    pub kind: AgeingKind,
    /// `YYYY-MM-DD`; today when left out.
    pub as_of: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BucketsOut {
    pub d0_30: String,
    pub d31_60: String,
    pub d61_90: String,
    pub d90_plus: String,
    pub total: String,
}

impl From<Buckets> for BucketsOut {
    fn from(b: Buckets) -> Self {
        let t = |p: Paise| p.to_string();
        Self {
            d0_30: t(b.d0_30),
            d31_60: t(b.d31_60),
            d61_90: t(b.d61_90),
            d90_plus: t(b.d90_plus),
            total: t(b.total),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgeingRowOut {
    pub party: PartyRef,
    pub d0_30: String,
    pub d31_60: String,
    pub d61_90: String,
    pub d90_plus: String,
    pub total: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgeingOut {
    pub kind: AgeingKind,
    pub as_of: String,
    pub rows: Vec<AgeingRowOut>,
    pub totals: BucketsOut,
}

/// What each party owes (or is owed) as at a date, by days past the due date: 0–30 (and not
/// yet due), 31–60, 61–90, over 90.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/ledger/ageing", tag = "ledger",
    params(("org_id" = Uuid, Path), AgeingParams),
    responses((status = 200, body = AgeingOut)))]
pub async fn ageing(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<AgeingParams>,
) -> Result<Json<AgeingOut>, HttpError> {
    let as_of = AsOfParams {
        as_of: params.as_of.clone(),
    }
    .date(member.today())?;
    let kind = match params.kind {
        AgeingKind::Receivables => Kind::Receivables,
        AgeingKind::Payables => Kind::Payables,
    };
    let a = ageing::ageing(&app.services, &member, kind, as_of).await?;
    Ok(Json(AgeingOut {
        kind: params.kind,
        as_of: date_text(a.as_of),
        rows: a
            .rows
            .iter()
            .map(|r| {
                let b = BucketsOut::from(r.buckets);
                AgeingRowOut {
                    party: PartyRef {
                        id: r.party_id.0,
                        name: r.party_name.clone(),
                    },
                    d0_30: b.d0_30,
                    d31_60: b.d31_60,
                    d61_90: b.d61_90,
                    d90_plus: b.d90_plus,
                    total: b.total,
                }
            })
            .collect(),
        totals: a.totals.into(),
    }))
}
