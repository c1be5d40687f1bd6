//! The books' pages under `/orgs/{org_id}/books`: the trial balance (the books' front page),
//! profit and loss, balance sheet, ageing, the ledgers and the day book, vouchers, the chart,
//! manual journals, opening balances and financial years. Every figure links to what makes it
//! up, down to the voucher and its document; every report downloads as CSV.

pub mod forms;
pub mod ledgers;
pub mod reports;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bahi_gst::{FinancialYear, Paise};
use bahi_store::ledger::{JournalKind, Source};
use serde::Deserialize;
use time::Date;

use super::chrome::Chrome;
use crate::api::values::{self, date_text};
use crate::http::HttpError;

/// A tab of the books' own navigation.
pub struct Tab {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The books' reports and tools, `current` marked.
pub fn tabs(chrome: &Chrome, org_id: &str, current: &str) -> Vec<Tab> {
    [
        ("", "books-trial-balance"),
        ("/profit-and-loss", "books-profit-and-loss"),
        ("/balance-sheet", "books-balance-sheet"),
        ("/ageing?kind=receivables", "books-receivables"),
        ("/ageing?kind=payables", "books-payables"),
        ("/day-book", "books-day-book"),
        ("/cash-book", "books-cash-book"),
        ("/bank-book", "books-bank-book"),
        ("/accounts", "books-chart"),
        ("/journals/new", "books-new-journal"),
        ("/opening-balances", "books-openings"),
        ("/years", "books-years"),
    ]
    .into_iter()
    .map(|(path, id)| Tab {
        href: format!("/orgs/{org_id}/books{path}"),
        label: chrome.t(id),
        current: id == current,
    })
    .collect()
}

/// `?from=&to=` of a report page, as typed (kept for the form and the links).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Range {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl Range {
    /// The dates: the start of the financial year to today when left out.
    pub fn dates(&self, today: Date) -> Result<(Date, Date), HttpError> {
        let mut errors = Vec::new();
        let text = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        let to = text(&self.to)
            .and_then(|t| values::date("to", &t, &mut errors))
            .unwrap_or(today);
        let from = text(&self.from)
            .and_then(|t| values::date("from", &t, &mut errors))
            .unwrap_or_else(|| FinancialYear::of(to).first_day().unwrap_or(to));
        values::check(errors)?;
        Ok((from, to))
    }

    /// `from=…&to=…` with the dates in effect, for links that keep the range.
    pub fn query(from: Date, to: Date) -> String {
        format!("from={}&to={}", date_text(from), date_text(to))
    }
}

/// An amount for a table cell: blank when nothing.
pub fn cell(p: Paise) -> String {
    if p.is_zero() {
        String::new()
    } else {
        p.to_inr()
    }
}

/// A balance as accountants read it: `₹1,000.00 Dr` or `₹250.00 Cr`.
pub fn balance(chrome: &Chrome, p: Paise) -> String {
    if p.is_zero() {
        Paise::ZERO.to_inr()
    } else if p.get() > 0 {
        format!("{} {}", p.to_inr(), chrome.t("books-dr"))
    } else {
        format!("{} {}", Paise::new(-p.get()).to_inr(), chrome.t("books-cr"))
    }
}

/// The page of the document or payment a journal was posted from.
pub fn source_href(
    org_id: &str,
    kind: JournalKind,
    source: Option<Source>,
    id: Option<uuid::Uuid>,
) -> Option<String> {
    let id = id?;
    let path = match (source?, kind) {
        (Source::SalesDocument, JournalKind::CreditNote | JournalKind::DebitNote) => "notes",
        (Source::SalesDocument, _) => "invoices",
        (Source::PurchaseBill, _) => "bills",
        (Source::Payment, _) => "payments",
        (Source::Opening, _) => return Some(format!("/orgs/{org_id}/books/opening-balances")),
    };
    Some(format!("/orgs/{org_id}/{path}/{id}"))
}

/// A journal kind in the reader's words.
pub fn kind_words(chrome: &Chrome, kind: JournalKind) -> String {
    chrome.t(&format!("journal-kind-{}", kind.as_str().replace('_', "-")))
}

/// A CSV download.
pub fn csv(body: String, filename: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

pub use super::statements::csv_field;
