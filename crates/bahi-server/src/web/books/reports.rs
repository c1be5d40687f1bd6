//! The trial balance, profit and loss, balance sheet and ageing pages, and their CSVs.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::Viewer;
use bahi_app::ledger::ageing::{self, Kind};
use bahi_app::ledger::reports::{self, Figure};
use bahi_gst::Paise;
use serde::Deserialize;

use super::{Range, Tab, balance, cell, csv, csv_field, tabs};
use crate::api::values::{self, date_text};
use crate::http::extract::Query;
use crate::http::{HttpError, Member};
use crate::state::AppState;
use crate::web::chrome::{Chrome, Frame};
use crate::web::format;
use crate::web::respond::render;

pub struct TrialLine {
    pub code: String,
    pub name: String,
    pub group: String,
    pub href: String,
    pub opening: String,
    pub debit: String,
    pub credit: String,
    pub closing: String,
}

#[derive(Template)]
#[template(path = "books_trial.html")]
struct TrialPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    org_id: String,
    from: String,
    to: String,
    period: String,
    rows: Vec<TrialLine>,
    debit: String,
    credit: String,
    csv: String,
}

pub async fn trial_balance(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let tb = reports::trial_balance(&app.services, &member, from, to).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let q = Range::query(from, to);
    let rows = tb
        .rows
        .iter()
        .map(|r| TrialLine {
            code: r.account.code.clone(),
            name: r.account.name.clone(),
            group: r.group.clone(),
            href: format!("/orgs/{org_id}/books/accounts/{}?{q}", r.account.id),
            opening: balance(&chrome, r.opening),
            debit: cell(r.debit),
            credit: cell(r.credit),
            closing: balance(&chrome, r.closing),
        })
        .collect();
    let page = TrialPage {
        tabs: tabs(&chrome, &org_id, "books-trial-balance"),
        period: format!(
            "{} – {}",
            format::date(frame.lang, from),
            format::date(frame.lang, to)
        ),
        from: date_text(from),
        to: date_text(to),
        rows,
        debit: tb.debit.to_inr(),
        credit: tb.credit.to_inr(),
        csv: format!("/orgs/{org_id}/books/trial-balance.csv?{q}"),
        org_id,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn trial_balance_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let tb = reports::trial_balance(&app.services, &member, from, to).await?;
    let mut out = String::from("code,account,group,opening,debit,credit,closing\n");
    for r in &tb.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&r.account.code),
            csv_field(&r.account.name),
            csv_field(&r.group),
            r.opening,
            r.debit,
            r.credit,
            r.closing
        ));
    }
    out.push_str(&format!(",Total,,,{},{},\n", tb.debit, tb.credit));
    Ok(csv(out, "trial-balance.csv"))
}

pub struct StatementLine {
    pub name: String,
    pub group: String,
    pub href: Option<String>,
    pub amount: String,
}

pub struct Section {
    pub title: String,
    pub lines: Vec<StatementLine>,
    pub total: String,
}

#[derive(Template)]
#[template(path = "books_statement.html")]
struct StatementPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    title: String,
    action: String,
    /// A range (profit and loss) or one date (balance sheet).
    from: Option<String>,
    to: String,
    period: String,
    sections: Vec<Section>,
    result: String,
    check: Option<String>,
    csv: String,
}

fn lines(org_id: &str, q: &str, figures: &[Figure], profit: &str) -> Vec<StatementLine> {
    figures
        .iter()
        .map(|f| StatementLine {
            name: f
                .account
                .as_ref()
                .map_or_else(|| profit.to_owned(), |a| a.name.clone()),
            group: f.group.clone(),
            href: f
                .account
                .as_ref()
                .map(|a| format!("/orgs/{org_id}/books/accounts/{}?{q}", a.id)),
            amount: f.amount.to_inr(),
        })
        .collect()
}

pub async fn profit_and_loss(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let pl = reports::profit_and_loss(&app.services, &member, from, to).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let q = Range::query(from, to);
    let result = if pl.net_profit.get() >= 0 {
        chrome.t1("books-net-profit", "amount", pl.net_profit.to_inr())
    } else {
        chrome.t1(
            "books-net-loss",
            "amount",
            Paise::new(-pl.net_profit.get()).to_inr(),
        )
    };
    let page = StatementPage {
        tabs: tabs(&chrome, &org_id, "books-profit-and-loss"),
        title: chrome.t("books-profit-and-loss"),
        action: format!("/orgs/{org_id}/books/profit-and-loss"),
        from: Some(date_text(from)),
        to: date_text(to),
        period: format!(
            "{} – {}",
            format::date(frame.lang, from),
            format::date(frame.lang, to)
        ),
        sections: vec![
            Section {
                title: chrome.t("books-income"),
                lines: lines(&org_id, &q, &pl.income, ""),
                total: pl.total_income.to_inr(),
            },
            Section {
                title: chrome.t("books-expenses"),
                lines: lines(&org_id, &q, &pl.expenses, ""),
                total: pl.total_expenses.to_inr(),
            },
        ],
        result,
        check: None,
        csv: format!("/orgs/{org_id}/books/profit-and-loss.csv?{q}"),
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

fn figures_csv(out: &mut String, section: &str, figures: &[Figure], profit: &str) {
    for f in figures {
        let name = f.account.as_ref().map_or(profit, |a| a.name.as_str());
        let code = f.account.as_ref().map_or("", |a| a.code.as_str());
        out.push_str(&format!(
            "{section},{},{},{},{}\n",
            csv_field(code),
            csv_field(name),
            csv_field(&f.group),
            f.amount
        ));
    }
}

pub async fn profit_and_loss_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let pl = reports::profit_and_loss(&app.services, &member, from, to).await?;
    let mut out = String::from("section,code,account,group,amount\n");
    figures_csv(&mut out, "income", &pl.income, "");
    figures_csv(&mut out, "expenses", &pl.expenses, "");
    out.push_str(&format!("net_profit,,,,{}\n", pl.net_profit));
    Ok(csv(out, "profit-and-loss.csv"))
}

#[derive(Debug, Default, Deserialize)]
pub struct AsOf {
    #[serde(default)]
    as_of: String,
}

fn as_of_date(text: &str, today: time::Date) -> Result<time::Date, HttpError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(today);
    }
    let mut errors = Vec::new();
    let d = values::date("as_of", text, &mut errors);
    values::check(errors)?;
    Ok(d.unwrap_or(today))
}

pub async fn balance_sheet(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(params): Query<AsOf>,
) -> Result<Response, HttpError> {
    let as_of = as_of_date(&params.as_of, member.today())?;
    let bs = reports::balance_sheet(&app.services, &member, as_of).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let start = bahi_gst::FinancialYear::of(as_of)
        .first_day()
        .unwrap_or(as_of);
    let q = Range::query(start, as_of);
    let profit = chrome.t("books-profit-for-the-year");
    let both = Paise::new(bs.total_liabilities.get() + bs.total_equity.get());
    let page = StatementPage {
        tabs: tabs(&chrome, &org_id, "books-balance-sheet"),
        title: chrome.t("books-balance-sheet"),
        action: format!("/orgs/{org_id}/books/balance-sheet"),
        from: None,
        to: date_text(as_of),
        period: chrome.t1("books-as-at", "date", format::date(frame.lang, as_of)),
        sections: vec![
            Section {
                title: chrome.t("books-assets"),
                lines: lines(&org_id, &q, &bs.assets, &profit),
                total: bs.total_assets.to_inr(),
            },
            Section {
                title: chrome.t("books-liabilities"),
                lines: lines(&org_id, &q, &bs.liabilities, &profit),
                total: bs.total_liabilities.to_inr(),
            },
            Section {
                title: chrome.t("books-equity"),
                lines: lines(&org_id, &q, &bs.equity, &profit),
                total: bs.total_equity.to_inr(),
            },
        ],
        result: chrome.t1("books-liabilities-and-equity", "amount", both.to_inr()),
        check: (both != bs.total_assets).then(|| chrome.t("books-out-of-balance")),
        csv: format!(
            "/orgs/{org_id}/books/balance-sheet.csv?as_of={}",
            date_text(as_of)
        ),
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn balance_sheet_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(params): Query<AsOf>,
) -> Result<Response, HttpError> {
    let as_of = as_of_date(&params.as_of, member.today())?;
    let bs = reports::balance_sheet(&app.services, &member, as_of).await?;
    let mut out = String::from("section,code,account,group,amount\n");
    let profit = "Profit for the year";
    figures_csv(&mut out, "assets", &bs.assets, profit);
    figures_csv(&mut out, "liabilities", &bs.liabilities, profit);
    figures_csv(&mut out, "equity", &bs.equity, profit);
    Ok(csv(out, "balance-sheet.csv"))
}

#[derive(Debug, Default, Deserialize)]
pub struct AgeingQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    as_of: String,
}

pub struct AgeingLine {
    pub party: String,
    pub href: String,
    pub cells: [String; 5],
}

#[derive(Template)]
#[template(path = "books_ageing.html")]
struct AgeingPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    org_id: String,
    kind: &'static str,
    title: String,
    as_of: String,
    period: String,
    rows: Vec<AgeingLine>,
    totals: [String; 5],
    csv: String,
}

fn kind_of(text: &str) -> Kind {
    if text == "payables" {
        Kind::Payables
    } else {
        Kind::Receivables
    }
}

fn buckets(b: &ageing::Buckets) -> [String; 5] {
    [b.d0_30, b.d31_60, b.d61_90, b.d90_plus, b.total].map(|p| p.to_inr())
}

pub async fn ageing_page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(q): Query<AgeingQuery>,
) -> Result<Response, HttpError> {
    let as_of = as_of_date(&q.as_of, member.today())?;
    let kind = kind_of(&q.kind);
    let a = ageing::ageing(&app.services, &member, kind, as_of).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let (kind_text, tab) = match kind {
        Kind::Receivables => ("receivables", "books-receivables"),
        Kind::Payables => ("payables", "books-payables"),
    };
    let start = bahi_gst::FinancialYear::of(as_of)
        .first_day()
        .unwrap_or(as_of);
    let range = Range::query(start, as_of);
    let page = AgeingPage {
        tabs: tabs(&chrome, &org_id, tab),
        title: chrome.t(tab),
        kind: kind_text,
        period: chrome.t1("books-as-at", "date", format::date(frame.lang, as_of)),
        rows: a
            .rows
            .iter()
            .map(|r| AgeingLine {
                party: r.party_name.clone(),
                href: format!("/orgs/{org_id}/books/parties/{}?{range}", r.party_id),
                cells: buckets(&r.buckets),
            })
            .collect(),
        totals: buckets(&a.totals),
        as_of: date_text(as_of),
        csv: format!(
            "/orgs/{org_id}/books/ageing.csv?kind={kind_text}&as_of={}",
            date_text(as_of)
        ),
        org_id,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn ageing_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Query(q): Query<AgeingQuery>,
) -> Result<Response, HttpError> {
    let as_of = as_of_date(&q.as_of, member.today())?;
    let a = ageing::ageing(&app.services, &member, kind_of(&q.kind), as_of).await?;
    let mut out = String::from("party,documents,d0_30,d31_60,d61_90,d90_plus,total\n");
    for r in &a.rows {
        let b = &r.buckets;
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&r.party_name),
            r.documents,
            b.d0_30,
            b.d31_60,
            b.d61_90,
            b.d90_plus,
            b.total
        ));
    }
    let t = &a.totals;
    out.push_str(&format!(
        "Total,,{},{},{},{},{}\n",
        t.d0_30, t.d31_60, t.d61_90, t.d90_plus, t.total
    ));
    Ok(csv(out, "ageing.csv"))
}
