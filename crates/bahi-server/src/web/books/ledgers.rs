//! An account's ledger (with its parties' balances when it is a control account), a party's
//! ledger, the day book and one voucher — each line leading to its voucher, each voucher to
//! its document.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::ledger::accounts;
use bahi_app::ledger::chart::System;
use bahi_app::ledger::ledgers::{self, LedgerPage, Voucher};
use bahi_app::ledger::reports;
use bahi_app::ledger::vouchers;
use bahi_app::{Accountant, Viewer};
use bahi_gst::Paise;
use bahi_store::ledger::{JournalId, JournalKind};

use super::{Range, Tab, balance, cell, csv, csv_field, kind_words, source_href, tabs};
use crate::api::ledger::{line_after, line_position};
use crate::api::values::date_text;
use crate::http::extract::{Paging, Path, Query, cursor_of, date_position};
use crate::http::paths::{AccountPath, JournalPath, PartyLedgerPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;
use crate::web::chrome::{Chrome, Frame};
use crate::web::format;
use crate::web::respond::{render, see_other};

pub struct LedgerLine {
    pub date: String,
    pub voucher: String,
    pub voucher_href: String,
    pub narration: String,
    /// The document or payment behind the line.
    pub document_href: Option<String>,
    /// The party (on an account's ledger) or the account (on a party's).
    pub other: String,
    pub debit: String,
    pub credit: String,
    pub balance: String,
}

pub struct PartyBalance {
    pub name: String,
    pub href: String,
    pub balance: String,
}

#[derive(Template)]
#[template(path = "books_ledger.html")]
struct LedgerView {
    chrome: Chrome,
    tabs: Vec<Tab>,
    title: String,
    subtitle: String,
    action: String,
    from: String,
    to: String,
    period: String,
    opening: String,
    closing: String,
    other_label: String,
    rows: Vec<LedgerLine>,
    parties: Vec<PartyBalance>,
    next: Option<String>,
    csv: String,
    /// Links beside the heading (the party's page, its statement).
    links: Vec<(String, String)>,
}

fn lines(chrome: &Chrome, org_id: &str, page: &LedgerPage, party_side: bool) -> Vec<LedgerLine> {
    page.rows
        .iter()
        .map(|r| {
            let e = &r.entry;
            LedgerLine {
                date: format::date(chrome.lang, e.at.date),
                voucher: format!(
                    "{} {}",
                    kind_words(chrome, e.kind),
                    e.number.clone().unwrap_or_default()
                )
                .trim()
                .to_owned(),
                voucher_href: format!("/orgs/{org_id}/books/journals/{}", e.at.journal_id),
                narration: e.narration.clone(),
                document_href: source_href(org_id, e.kind, e.source, e.source_id),
                other: if party_side {
                    e.account_name.clone()
                } else {
                    e.party_name.clone().unwrap_or_default()
                },
                debit: cell(e.debit),
                credit: cell(e.credit),
                balance: balance(chrome, r.balance),
            }
        })
        .collect()
}

const PAGE: i64 = 100;

pub async fn account(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<AccountPath>,
    Query(range): Query<Range>,
    paging: Paging,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let after = line_after(paging.after.as_deref())?;
    let ledger = ledgers::account(&app.services, &member, path.id, from, to, after, PAGE).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let q = Range::query(from, to);
    let control = System::of(member.org_id(), path.id).is_some_and(System::is_party_ledger);
    let parties = if control {
        ledgers::party_balances(&app.services, &member, path.id, to)
            .await?
            .into_iter()
            .map(|(party, name, amount)| PartyBalance {
                name,
                href: format!("/orgs/{org_id}/books/parties/{party}?{q}"),
                balance: balance(&chrome, amount),
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = &ledger.page;
    let view = LedgerView {
        tabs: tabs(&chrome, &org_id, ""),
        title: format!("{} {}", ledger.account.code, ledger.account.name),
        subtitle: ledger.group.clone(),
        action: format!("/orgs/{org_id}/books/accounts/{}", path.id),
        from: date_text(from),
        to: date_text(to),
        period: format!(
            "{} – {}",
            format::date(frame.lang, from),
            format::date(frame.lang, to)
        ),
        opening: balance(&chrome, page.opening),
        closing: balance(&chrome, page.closing),
        other_label: chrome.t("books-party"),
        rows: lines(&chrome, &org_id, page, false),
        parties,
        next: page.next.map(|at| {
            format!(
                "/orgs/{org_id}/books/accounts/{}?{q}&cursor={}",
                path.id,
                cursor_of(&line_position(at))
            )
        }),
        csv: format!("/orgs/{org_id}/books/accounts/{}/entries.csv?{q}", path.id),
        links: Vec::new(),
        chrome,
    };
    Ok(render(StatusCode::OK, &view))
}

pub async fn party(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PartyLedgerPath>,
    Query(range): Query<Range>,
    paging: Paging,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let after = line_after(paging.after.as_deref())?;
    let ledger =
        ledgers::party(&app.services, &member, path.party_id, from, to, after, PAGE).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let q = Range::query(from, to);
    let page = &ledger.page;
    let id = path.party_id;
    let view = LedgerView {
        tabs: tabs(&chrome, &org_id, ""),
        title: ledger.party.name.clone(),
        subtitle: chrome.t("books-party-ledger"),
        action: format!("/orgs/{org_id}/books/parties/{id}"),
        from: date_text(from),
        to: date_text(to),
        period: format!(
            "{} – {}",
            format::date(frame.lang, from),
            format::date(frame.lang, to)
        ),
        opening: balance(&chrome, page.opening),
        closing: balance(&chrome, page.closing),
        other_label: chrome.t("books-account"),
        rows: lines(&chrome, &org_id, page, true),
        parties: Vec::new(),
        next: page.next.map(|at| {
            format!(
                "/orgs/{org_id}/books/parties/{id}?{q}&cursor={}",
                cursor_of(&line_position(at))
            )
        }),
        csv: format!("/orgs/{org_id}/books/parties/{id}/entries.csv?{q}"),
        links: vec![
            (
                format!("/orgs/{org_id}/parties/{id}"),
                chrome.t("books-party-page"),
            ),
            (
                format!("/orgs/{org_id}/parties/{id}/statement?{q}"),
                chrome.t("books-party-statement"),
            ),
        ],
        chrome,
    };
    Ok(render(StatusCode::OK, &view))
}

fn ledger_csv(page_rows: &[ledgers::Row], opening: bahi_gst::Paise, out: &mut String) {
    if out.is_empty() {
        out.push_str("date,voucher,number,narration,account,party,debit,credit,balance\n");
        out.push_str(&format!(",opening,,,,,,,{opening}\n"));
    }
    for r in page_rows {
        let e = &r.entry;
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            date_text(e.at.date),
            e.kind.as_str(),
            csv_field(e.number.as_deref().unwrap_or_default()),
            csv_field(&e.narration),
            csv_field(&e.account_name),
            csv_field(e.party_name.as_deref().unwrap_or_default()),
            e.debit,
            e.credit,
            r.balance
        ));
    }
}

/// Every line of the range, a thousand at a time.
pub async fn account_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<AccountPath>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let mut out = String::new();
    let mut after = None;
    loop {
        let l = ledgers::account(&app.services, &member, path.id, from, to, after, 1000).await?;
        ledger_csv(&l.page.rows, l.page.opening, &mut out);
        match l.page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok(csv(out, "ledger.csv"))
}

pub async fn party_csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PartyLedgerPath>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let mut out = String::new();
    let mut after = None;
    loop {
        let l =
            ledgers::party(&app.services, &member, path.party_id, from, to, after, 1000).await?;
        ledger_csv(&l.page.rows, l.page.opening, &mut out);
        match l.page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    Ok(csv(out, "party-ledger.csv"))
}

pub struct VoucherLine {
    pub account: String,
    pub account_href: String,
    pub party: String,
    pub party_href: Option<String>,
    pub debit: String,
    pub credit: String,
}

pub struct VoucherView {
    pub title: String,
    pub href: String,
    pub date: String,
    pub narration: String,
    pub source_href: Option<String>,
    pub lines: Vec<VoucherLine>,
    pub total: String,
}

fn voucher_view(chrome: &Chrome, org_id: &str, v: &Voucher) -> VoucherView {
    let j = &v.journal;
    let q = Range::query(
        bahi_gst::FinancialYear::of(j.date)
            .first_day()
            .unwrap_or(j.date),
        j.date,
    );
    VoucherView {
        title: format!(
            "{} {}",
            kind_words(chrome, j.kind),
            j.number.clone().unwrap_or_default()
        )
        .trim()
        .to_owned(),
        href: format!("/orgs/{org_id}/books/journals/{}", j.id),
        date: format::date(chrome.lang, j.date),
        narration: j.narration.clone(),
        source_href: source_href(org_id, j.kind, j.source, j.source_id),
        lines: v
            .lines
            .iter()
            .map(|l| VoucherLine {
                account: format!("{} {}", l.account.code, l.account.name),
                account_href: format!("/orgs/{org_id}/books/accounts/{}?{q}", l.account.id),
                party: l.party.clone().unwrap_or_default(),
                party_href: l
                    .line
                    .party_id
                    .map(|p| format!("/orgs/{org_id}/books/parties/{p}?{q}")),
                debit: cell(l.line.debit),
                credit: cell(l.line.credit),
            })
            .collect(),
        total: j.total.to_inr(),
    }
}

#[derive(Template)]
#[template(path = "books_voucher.html")]
struct VoucherPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    voucher: VoucherView,
    /// The document's other journals (its void's reversal, a payment's allocations), or the
    /// manual journal's reversal and the journal a reversal undoes.
    related: Vec<(String, String)>,
    /// Where "Reverse this journal" leads: a manual journal not yet reversed, for accountants.
    reverse_href: Option<String>,
}

pub async fn voucher(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<JournalPath>,
) -> Result<Response, HttpError> {
    let v = ledgers::voucher(&app.services, &*member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let mut related = Vec::new();
    if let Some(source) = v.journal.source_id {
        for other in ledgers::of_source(&app.services, &member, source).await? {
            if other.journal.id != v.journal.id {
                let view = voucher_view(&chrome, &org_id, &other);
                related.push((view.href, format!("{} · {}", view.title, view.date)));
            }
        }
    }
    let href = |id: JournalId| format!("/orgs/{org_id}/books/journals/{id}");
    if let Some(undone) = v.journal.reverses_id {
        let number = ledgers::journal(&app.services, &*member, undone)
            .await?
            .number
            .unwrap_or_default();
        related.push((href(undone), chrome.t1("books-reverses", "number", number)));
    }
    let mut reverse_href = None;
    if v.journal.kind == JournalKind::Journal {
        match vouchers::reversal_of(&app.services, &*member, v.journal.id).await? {
            Some(r) => related.push((
                href(r.id),
                chrome.t1("books-reversed-by", "number", r.number.unwrap_or_default()),
            )),
            None if member.as_role::<Accountant>().is_some() => {
                reverse_href = Some(format!("{}/reverse", href(v.journal.id)));
            }
            None => {}
        }
    }
    let page = VoucherPage {
        tabs: tabs(&chrome, &org_id, ""),
        voucher: voucher_view(&chrome, &org_id, &v),
        related,
        reverse_href,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "books_day.html")]
struct DayBookPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    org_id: String,
    from: String,
    to: String,
    period: String,
    vouchers: Vec<VoucherView>,
    next: Option<String>,
}

pub async fn day_book(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Query(range): Query<Range>,
    paging: Paging,
) -> Result<Response, HttpError> {
    let (from, to) = range.dates(member.today())?;
    let after = paging.before_date::<JournalId>()?;
    let (list, next) = ledgers::day_book(&app.services, &member, from, to, after, 50).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let q = Range::query(from, to);
    let page = DayBookPage {
        tabs: tabs(&chrome, &org_id, "books-day-book"),
        vouchers: list
            .iter()
            .map(|v| voucher_view(&chrome, &org_id, v))
            .collect(),
        next: next.map(|(d, id)| {
            format!(
                "/orgs/{org_id}/books/day-book?{q}&cursor={}",
                cursor_of(&date_position(d, id))
            )
        }),
        from: date_text(from),
        to: date_text(to),
        period: format!(
            "{} – {}",
            format::date(frame.lang, from),
            format::date(frame.lang, to)
        ),
        org_id,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

/// A document's or payment's entries: its first journal (whose page lists the others).
pub async fn entries_of(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<crate::http::paths::SourcePath>,
) -> Result<Response, HttpError> {
    let list = ledgers::of_source(&app.services, &member, path.id).await?;
    let first = list
        .first()
        .ok_or(HttpError::App(bahi_app::Error::NotFound))?;
    Ok(crate::web::respond::see_other(&format!(
        "/orgs/{}/books/journals/{}",
        member.org_id(),
        first.journal.id
    )))
}

/// The cash book: the cash account's ledger.
pub async fn cash_book(member: Member<Viewer>) -> Response {
    see_other(&format!(
        "/orgs/{}/books/accounts/{}",
        member.org_id(),
        System::Cash.id(member.org_id())
    ))
}

pub struct BankLine {
    pub name: String,
    pub href: String,
    pub balance: String,
}

#[derive(Template)]
#[template(path = "books_banks.html")]
struct BanksPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    today: String,
    rows: Vec<BankLine>,
}

/// The bank book: every bank account (each account under "Cash and cash equivalents" but cash
/// in hand — the gateways' clearing account is one) with its balance today, leading to its
/// ledger.
pub async fn bank_book(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let org = member.org_id();
    let money = accounts::money_accounts(&app.services, &member).await?;
    let banks: Vec<_> = money
        .into_iter()
        .filter(|a| a.id != System::Cash.id(org))
        .collect();
    let today = member.today();
    let tb = reports::trial_balance(&app.services, &member, today, today).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let rows = banks
        .iter()
        .map(|a| BankLine {
            name: format!("{} {}", a.code, a.name),
            href: format!("/orgs/{org}/books/accounts/{}", a.id),
            balance: balance(
                &chrome,
                tb.rows
                    .iter()
                    .find(|r| r.account.id == a.id)
                    .map_or(Paise::ZERO, |r| r.closing),
            ),
        })
        .collect();
    let page = BanksPage {
        tabs: tabs(&chrome, &org.to_string(), "books-bank-book"),
        today: format::date(frame.lang, today),
        rows,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}
