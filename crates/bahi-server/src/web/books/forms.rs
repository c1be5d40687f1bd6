//! The books' forms: a manual journal, the opening balances (the same lines), the chart with
//! its "add an account" form, and closing or reopening financial years.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::ledger::accounts::{self, AccountInput, Chart};
use bahi_app::ledger::ledgers;
use bahi_app::ledger::vouchers::{self, JournalInput, LineInput, ReversalInput};
use bahi_app::ledger::years;
use bahi_app::masters::parties as party_cases;
use bahi_app::{Accountant, AtLeast, Message, OrgCtx, Owner, Viewer};
use bahi_gst::{FinancialYear, Paise};
use bahi_store::ledger::{AccountId, GroupId};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties::PartyQuery;

use super::{Tab, tabs};
use crate::api::values::{self, date_text};
use axum::Form;

use crate::http::extract::Path;
use crate::http::paths::{JournalPath, YearPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;
use crate::web::chrome::{Chrome, FormErrors, Frame};
use crate::web::confirm::{Confirm, ReasonForm};
use crate::web::notices;
use crate::web::respond::{render, see_other};

/// One line of a journal form as typed.
#[derive(Debug, Clone, Default)]
pub struct LineForm {
    pub account_id: String,
    pub party_id: String,
    pub debit: String,
    pub credit: String,
}

impl LineForm {
    fn is_blank(&self) -> bool {
        [&self.account_id, &self.party_id, &self.debit, &self.credit]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// A journal form as typed: `date`, `as_of`, `narration`, and `lines-<n>-<field>`.
#[derive(Debug, Clone, Default)]
pub struct JournalForm {
    pub date: String,
    pub narration: String,
    pub lines: Vec<LineForm>,
}

impl JournalForm {
    fn read(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            if let Some(rest) = key.strip_prefix("lines-")
                && let Some((n, field)) = rest.split_once('-')
                && let Ok(n) = n.parse::<usize>()
                && n < 200
            {
                if form.lines.len() <= n {
                    form.lines.resize_with(n + 1, LineForm::default);
                }
                let line = &mut form.lines[n];
                match field {
                    "account_id" => line.account_id = value,
                    "party_id" => line.party_id = value,
                    "debit" => line.debit = value,
                    "credit" => line.credit = value,
                    _ => {}
                }
                continue;
            }
            match key.as_str() {
                "date" | "as_of" => form.date = value,
                "narration" => form.narration = value,
                _ => {}
            }
        }
        form.lines.retain(|l| !l.is_blank());
        form
    }

    fn date(&self, field: &str) -> Result<Option<time::Date>, bahi_app::Error> {
        let text = self.date.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let mut errors = Vec::new();
        let d = values::date(field, text, &mut errors);
        values::check(errors)?;
        Ok(d)
    }

    fn lines(&self) -> Vec<LineInput> {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        self.lines
            .iter()
            .map(|l| LineInput {
                // An unknown account is the use case's to report, on its line.
                account_id: Some(l.account_id.parse().unwrap_or(AccountId(uuid::Uuid::nil()))),
                party_id: l.party_id.parse().ok().map(PartyId),
                debit: text(&l.debit),
                credit: text(&l.credit),
            })
            .collect()
    }
}

pub struct LineRow {
    pub n: usize,
    pub line: LineForm,
    pub account_error: Option<String>,
    pub party_error: Option<String>,
    pub debit_error: Option<String>,
    pub credit_error: Option<String>,
}

#[derive(Template)]
#[template(path = "books_journal_form.html")]
struct JournalPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    org_id: String,
    title: String,
    lead: String,
    action: String,
    /// `date` for a journal, `as_of` for the opening balances.
    date_name: &'static str,
    date: String,
    narration: Option<String>,
    accounts: Vec<(String, String)>,
    parties: Vec<(String, String)>,
    rows: Vec<LineRow>,
    errors: FormErrors,
}

impl JournalPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

async fn options<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    chrome: &Chrome,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), HttpError> {
    let chart = accounts::chart(&app.services, member).await?;
    let mut account_options = vec![(String::new(), chrome.t("books-choose-account"))];
    account_options.extend(chart.accounts.iter().map(|a| {
        (
            a.id.to_string(),
            format!("{} {} · {}", a.code, a.name, chart.group_name(a)),
        )
    }));
    let list = party_cases::list(
        &app.services,
        member,
        &PartyQuery {
            limit: 500,
            ..PartyQuery::default()
        },
    )
    .await?;
    let mut party_options = vec![(String::new(), chrome.t("books-no-party"))];
    party_options.extend(list.iter().map(|p| (p.id.to_string(), p.name.clone())));
    Ok((account_options, party_options))
}

#[allow(clippy::too_many_arguments)]
async fn journal_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    openings: bool,
    form: JournalForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chrome = Chrome::for_org(app, frame, member, "books").await?;
    let org_id = member.org_id().to_string();
    let (accounts, parties) = options(app, member, &chrome).await?;
    let spare = if form.lines.len() < 4 {
        4
    } else {
        form.lines.len() + 2
    };
    let mut lines = form.lines.clone();
    lines.resize_with(spare, LineForm::default);
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let e = |f: &str| errors.full(&format!("lines[{n}].{f}")).map(str::to_owned);
            LineRow {
                n,
                account_error: e("account_id"),
                party_error: e("party_id"),
                debit_error: e("debit"),
                credit_error: e("credit"),
                line,
            }
        })
        .collect();
    let (title, lead, action, tab, date_name) = if openings {
        (
            chrome.t("books-openings"),
            chrome.t("books-openings-lead"),
            format!("/orgs/{org_id}/books/opening-balances"),
            "books-openings",
            "as_of",
        )
    } else {
        (
            chrome.t("books-new-journal"),
            chrome.t("books-journal-lead"),
            format!("/orgs/{org_id}/books/journals"),
            "books-new-journal",
            "date",
        )
    };
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = JournalPage {
        tabs: tabs(&chrome, &org_id, tab),
        title,
        lead,
        action,
        date_name,
        date: form.date,
        narration: (!openings).then_some(form.narration),
        accounts,
        parties,
        rows,
        errors,
        org_id,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn journal_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let form = JournalForm {
        date: date_text(member.today()),
        ..JournalForm::default()
    };
    journal_page(&app, &frame, &member, false, form, FormErrors::default()).await
}

pub async fn journal_create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let form = JournalForm::read(pairs);
    let attempt = async {
        let input = JournalInput {
            date: form.date("date")?,
            narration: form.narration.clone(),
            lines: form.lines(),
        };
        vouchers::create(&app.services, &member, &input).await
    };
    match attempt.await {
        Ok(v) => {
            let notice = Message::new("notice-journal-posted")
                .arg("number", v.journal.number.clone().unwrap_or_default());
            let to = format!("/orgs/{}/books/journals/{}", member.org_id(), v.journal.id);
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            journal_page(&app, &frame, &member, false, form, errors).await
        }
    }
}

pub async fn openings_form(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let o = vouchers::openings(&app.services, &*member).await?;
    let form = JournalForm {
        date: o.as_of.map(date_text).unwrap_or_default(),
        narration: String::new(),
        lines: o
            .lines
            .iter()
            .map(|&(a, p, amount)| LineForm {
                account_id: a.to_string(),
                party_id: p.map(|p| p.to_string()).unwrap_or_default(),
                debit: if amount.get() > 0 {
                    amount.to_string()
                } else {
                    String::new()
                },
                credit: if amount.get() < 0 {
                    Paise::new(-amount.get()).to_string()
                } else {
                    String::new()
                },
            })
            .collect(),
    };
    journal_page(&app, &frame, &member, true, form, FormErrors::default()).await
}

pub async fn openings_save(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, HttpError> {
    let form = JournalForm::read(pairs);
    let attempt = async {
        let as_of = form.date("as_of")?;
        vouchers::set_openings(&app.services, &member, as_of, &form.lines()).await
    };
    match attempt.await {
        Ok(_) => {
            let notice = Message::new("notice-openings-saved");
            let to = format!("/orgs/{}/books/opening-balances", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            journal_page(&app, &frame, &member, true, form, errors).await
        }
    }
}

pub struct ChartRow {
    pub code: String,
    pub name: String,
    /// Groups are indented by their depth; accounts link to their ledger.
    pub depth: usize,
    pub href: Option<String>,
    pub system: bool,
}

#[derive(Template)]
#[template(path = "books_accounts.html")]
struct ChartPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    org_id: String,
    rows: Vec<ChartRow>,
    groups: Vec<(String, String)>,
    code: String,
    name: String,
    group_id: String,
    errors: FormErrors,
}

impl ChartPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.full(field)
    }
}

fn chart_rows(chart: &Chart, org_id: &str) -> Vec<ChartRow> {
    let mut rows = Vec::new();
    for g in &chart.groups {
        let depth = {
            let mut d = 0;
            let mut next = g.parent_id;
            while let Some(p) = next.and_then(|id| chart.group(id)) {
                d += 1;
                next = p.parent_id;
                if d > 20 {
                    break;
                }
            }
            d
        };
        rows.push(ChartRow {
            code: g.code.clone(),
            name: g.name.clone(),
            depth,
            href: None,
            system: g.system_key.is_some(),
        });
        for a in chart.accounts.iter().filter(|a| a.group_id == g.id) {
            rows.push(ChartRow {
                code: a.code.clone(),
                name: a.name.clone(),
                depth: depth + 1,
                href: Some(format!("/orgs/{org_id}/books/accounts/{}", a.id)),
                system: a.system_key.is_some(),
            });
        }
    }
    rows
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    group_id: String,
}

async fn chart_page<R: AtLeast<Viewer>>(
    app: &AppState,
    frame: &Frame,
    member: &OrgCtx<R>,
    form: AccountForm,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let chart = accounts::chart(&app.services, member).await?;
    let chrome = Chrome::for_org(app, frame, member, "books").await?;
    let org_id = member.org_id().to_string();
    let mut groups = vec![(String::new(), chrome.t("books-choose-group"))];
    groups.extend(
        chart
            .groups
            .iter()
            .filter(|g| g.parent_id.is_some())
            .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name))),
    );
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = ChartPage {
        tabs: tabs(&chrome, &org_id, "books-chart"),
        rows: chart_rows(&chart, &org_id),
        groups,
        code: form.code,
        name: form.name,
        group_id: form.group_id,
        errors,
        org_id,
        chrome,
    };
    Ok(render(status, &page))
}

pub async fn chart(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    chart_page(
        &app,
        &frame,
        &member,
        AccountForm::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn add_account(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Form(form): Form<AccountForm>,
) -> Result<Response, HttpError> {
    let input = AccountInput {
        code: form.code.clone(),
        name: form.name.clone(),
        group_id: form.group_id.parse().ok().map(GroupId),
    };
    match accounts::create(&app.services, &member, &input).await {
        Ok(account) => {
            let notice = Message::new("notice-account-added").arg("name", account.name.clone());
            let to = format!("/orgs/{}/books/accounts", member.org_id());
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            chart_page(&app, &frame, &member, form, errors).await
        }
    }
}

pub struct YearRow {
    pub label: String,
    pub path: String,
    pub closed: bool,
    pub ended: bool,
}

#[derive(Template)]
#[template(path = "books_years.html")]
struct YearsPage {
    chrome: Chrome,
    tabs: Vec<Tab>,
    rows: Vec<YearRow>,
    can_reopen: bool,
}

pub async fn years_page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
) -> Result<Response, HttpError> {
    let closed = years::closed(&app.services, &member).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let org_id = member.org_id().to_string();
    let today = member.today();
    let current = FinancialYear::of(today);
    // The current year and the four before it, and any closed year older still.
    let mut list: Vec<i32> = (0..5).map(|n| current.start_year() - n).collect();
    for c in &closed {
        if let Ok(y) = i32::try_from(c.financial_year)
            && !list.contains(&y)
        {
            list.push(y);
        }
    }
    list.sort_unstable_by(|a, b| b.cmp(a));
    let rows = list
        .into_iter()
        .map(|y| {
            let year = FinancialYear::starting(y);
            YearRow {
                label: year.to_string(),
                path: format!("/orgs/{org_id}/books/years/{year}"),
                closed: closed.iter().any(|c| c.financial_year == i64::from(y)),
                ended: year.last_day().is_some_and(|d| d < today),
            }
        })
        .collect();
    let page = YearsPage {
        tabs: tabs(&chrome, &org_id, "books-years"),
        rows,
        can_reopen: member.role() == bahi_store::identity::Role::Owner,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

fn year_of(text: &str) -> Result<FinancialYear, HttpError> {
    years::parse(text).ok_or(HttpError::App(bahi_app::Error::NotFound))
}

pub async fn close_year(
    member: Member<Accountant>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<YearPath>,
) -> Result<Response, HttpError> {
    let year = year_of(&path.year)?;
    let to = format!("/orgs/{}/books/years", member.org_id());
    let notice = match years::close(&app.services, &member, year).await {
        Ok(_) => Message::new("notice-year-closed").arg("name", year.to_string()),
        Err(bahi_app::Error::Conflict(message)) => message,
        Err(e) => return Err(e.into()),
    };
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

pub async fn reopen_year(
    member: Member<Owner>,
    State(app): State<AppState>,
    jar: CookieJar,
    Path(path): Path<YearPath>,
) -> Result<Response, HttpError> {
    let year = year_of(&path.year)?;
    years::reopen(&app.services, &member, year).await?;
    let notice = Message::new("notice-year-reopened").arg("name", year.to_string());
    let to = format!("/orgs/{}/books/years", member.org_id());
    Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
}

/// "Reverse this journal?": what a reversal does, the reason asked for.
fn reversal_confirmation(
    chrome: Chrome,
    back: String,
    number: &str,
    reason: String,
    errors: FormErrors,
) -> Confirm {
    Confirm {
        title: chrome.t1("confirm-reverse-journal-title", "number", number),
        explanation: chrome.t("confirm-reverse-journal-why"),
        action: format!("{back}/reverse"),
        confirm: chrome.t1("confirm-reverse-journal", "number", number),
        cancel: back,
        ask_reason: true,
        reason,
        errors,
        chrome,
    }
}

pub async fn reverse_form(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<JournalPath>,
) -> Result<Response, HttpError> {
    let journal = ledgers::journal(&app.services, &*member, path.id).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
    let back = format!("/orgs/{}/books/journals/{}", member.org_id(), path.id);
    let number = journal.number.unwrap_or_default();
    Ok(
        reversal_confirmation(chrome, back, &number, String::new(), FormErrors::default())
            .respond(),
    )
}

pub async fn reverse(
    member: Member<Accountant>,
    State(app): State<AppState>,
    frame: Frame,
    jar: CookieJar,
    Path(path): Path<JournalPath>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let number = ledgers::journal(s, &*member, path.id)
        .await?
        .number
        .unwrap_or_default();
    let input = ReversalInput {
        date: None,
        reason: form.reason.clone(),
    };
    match vouchers::reverse(s, &member, path.id, &input).await {
        Ok(reversal) => {
            let notice = Message::new("notice-journal-reversed")
                .arg("name", number)
                .arg("number", reversal.journal.number.unwrap_or_default());
            let to = format!(
                "/orgs/{}/books/journals/{}",
                member.org_id(),
                reversal.journal.id
            );
            Ok((notices::leave(jar, &notice), see_other(&to)).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e, frame.lang)?;
            let chrome = Chrome::for_org(&app, &frame, &member, "books").await?;
            let back = format!("/orgs/{}/books/journals/{}", member.org_id(), path.id);
            Ok(reversal_confirmation(chrome, back, &number, form.reason, errors).respond())
        }
    }
}
