//! A party's statement page (every document and payment with the running balance), and the
//! same as a CSV download.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::Viewer;
use bahi_app::statements::{self, Statement};
use serde::Deserialize;

use super::chrome::{Chrome, Frame};
use super::format;
use super::respond::render;
use crate::api::values::{self, date_text};
use crate::http::extract::{Path, Query};
use crate::http::paths::PartyPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

pub struct StatementRow {
    pub date: String,
    pub entry: String,
    pub reference: String,
    /// Invoices have a page; other entries are shown without a link for now.
    pub href: Option<String>,
    pub debit: String,
    pub credit: String,
    pub balance: String,
}

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage {
    chrome: Chrome,
    org_id: String,
    party_id: String,
    party: String,
    from: String,
    to: String,
    opening: String,
    closing: String,
    closing_words: String,
    rows: Vec<StatementRow>,
    csv: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Range {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn blank_as_none(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PartyPath>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let lang = frame.lang;
    let mut errors = Vec::new();
    let from = blank_as_none(&range.from).and_then(|d| values::date("from", d, &mut errors));
    let to = blank_as_none(&range.to).and_then(|d| values::date("to", d, &mut errors));
    values::check(errors)?;
    let st = statements::of_party(&app.services, &member, path.id, from, to).await?;
    let chrome = Chrome::for_org(&app, &frame, &member, "parties").await?;
    let org_id = member.org_id().to_string();
    let money = |p: bahi_gst::Paise| {
        if p.is_zero() {
            String::new()
        } else {
            p.to_inr()
        }
    };
    let rows = st
        .rows
        .iter()
        .map(|r| StatementRow {
            date: format::date(lang, r.date),
            entry: chrome.t(&format!("entry-{}", r.entry.as_str().replace('_', "-"))),
            reference: r.reference.clone(),
            href: r
                .link
                .starts_with("invoices/")
                .then(|| format!("/orgs/{org_id}/{}", r.link)),
            debit: money(r.debit),
            credit: money(r.credit),
            balance: r.balance.to_inr(),
        })
        .collect();
    let closing_words = if st.closing.get() > 0 {
        chrome.t1("statement-owes-you", "amount", st.closing.to_inr())
    } else if st.closing.get() < 0 {
        chrome.t1(
            "statement-you-owe",
            "amount",
            bahi_gst::Paise::new(-st.closing.get()).to_inr(),
        )
    } else {
        chrome.t("statement-settled")
    };
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("from", &range.from)
        .append_pair("to", &range.to)
        .finish();
    let page = StatementPage {
        party_id: path.id.to_string(),
        party: st.party.name.clone(),
        csv: format!("/orgs/{org_id}/parties/{}/statement.csv?{query}", path.id),
        org_id,
        from: range.from,
        to: range.to,
        opening: st.opening.to_inr(),
        closing: st.closing.to_inr(),
        closing_words,
        rows,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

/// A CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a
/// spreadsheet does not run it as a formula.
#[must_use]
pub fn csv_field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && !text[1..].starts_with(|c: char| c.is_ascii_digit()));
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn statement_csv(st: &Statement) -> String {
    let mut out = String::from("date,entry,reference,debit,credit,balance\n");
    out.push_str(&format!(",opening,,,,{}\n", st.opening));
    for r in &st.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            date_text(r.date),
            r.entry.as_str(),
            csv_field(&r.reference),
            r.debit,
            r.credit,
            r.balance
        ));
    }
    out
}

pub async fn csv(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PartyPath>,
    Query(range): Query<Range>,
) -> Result<Response, HttpError> {
    let mut errors = Vec::new();
    let from = blank_as_none(&range.from).and_then(|d| values::date("from", d, &mut errors));
    let to = blank_as_none(&range.to).and_then(|d| values::date("to", d, &mut errors));
    values::check(errors)?;
    let st = statements::of_party(&app.services, &member, path.id, from, to).await?;
    let mut response = statement_csv(&st).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str("attachment; filename=\"statement.csv\"") {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
