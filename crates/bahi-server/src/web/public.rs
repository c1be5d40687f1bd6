//! The public invoice page (`/p/{token}`): what a customer sees from a shared link, without
//! signing in — the invoice, its PDF, what is due, the UPI QR code and the business's pay
//! buttons. Nothing on it leads anywhere else in the business: its only links are its own PDF
//! and its pay buttons. A token that does not open (forged, expired, withdrawn) gets one page
//! that says so, whatever the reason.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bahi_app::gateways::checkout::{self, NoCheckout};
use bahi_app::gateways::integrations;
use bahi_app::sales::public_links::{self, Opened};
use bahi_store::gateways::Provider;
use bahi_store::sales::DocStatus;

use super::chrome::{Chrome, Frame};
use super::invoices::{TotalsView, UpiView, status_words, totals_view, upi_of};
use super::respond::render;
use crate::http::HttpError;
use crate::http::extract::{Path, Query};
use crate::http::paths::{PublicPayPath, PublicTokenPath};
use crate::print::render::PrintParams;
use crate::state::AppState;

pub struct PublicLine {
    pub description: String,
    pub quantity: String,
    pub total: String,
}

/// A pay button: the gateway's name and where the button posts.
pub struct PayButton {
    pub label: String,
    pub action: String,
}

#[derive(Template)]
#[template(path = "public_invoice.html")]
struct PublicPage {
    chrome: Chrome,
    business: String,
    seller: Vec<String>,
    number: String,
    facts: Vec<(String, String)>,
    status: String,
    status_class: &'static str,
    lines: Vec<PublicLine>,
    totals: TotalsView,
    paid: String,
    balance: String,
    has_balance: bool,
    is_void: bool,
    upi: Option<UpiView>,
    pay: Vec<PayButton>,
    pdf_href: String,
    /// Why the last pay button did not lead to a payment page.
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "public_gone.html")]
struct GonePage {
    chrome: Chrome,
}

/// No caching anywhere (the page changes when it is paid), and never indexed.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

async fn gone(app: &AppState, frame: &Frame) -> Result<Response, HttpError> {
    let page = GonePage {
        chrome: Chrome::new(app, frame, "public").await?,
    };
    Ok(private(render(StatusCode::NOT_FOUND, &page)))
}

async fn page(
    app: &AppState,
    frame: &Frame,
    opened: &Opened,
    problem: Option<String>,
    status: StatusCode,
) -> Result<Response, HttpError> {
    let chrome = Chrome::new(app, frame, "public").await?;
    let lang = chrome.lang;
    let d = &opened.invoice.doc;
    let org = &opened.org;
    let today = bahi_app::identity::zones::date_at(&org.time_zone, time::OffsetDateTime::now_utc());
    let (status_text, status_class) = status_words(lang, d, today);
    let mut facts = vec![
        (chrome.t("invoice-customer"), d.buyer_name.clone()),
        (chrome.label("date"), super::format::date(lang, d.date)),
    ];
    if let Some(due) = d.due_date {
        facts.push((chrome.label("due_date"), super::format::date(lang, due)));
    }
    let seller_name = d
        .seller_name
        .clone()
        .unwrap_or_else(|| org.legal_name.clone());
    let mut seller = Vec::new();
    if let Some(t) = d
        .seller_trade_name
        .clone()
        .or_else(|| org.trade_name.clone())
    {
        seller.push(t);
    }
    if let Some(g) = d.seller_gstin.as_ref().or(org.gstin.as_ref()) {
        seller.push(format!("GSTIN {g}"));
    }
    if let Some(a) = d.seller_address.clone().or_else(|| org.address.clone()) {
        seller.push(a);
    }
    let lines = opened
        .invoice
        .lines
        .iter()
        .map(|l| PublicLine {
            description: l.description.clone(),
            quantity: match &l.unit {
                Some(u) => format!("{} {u}", l.quantity),
                None => l.quantity.to_string(),
            },
            total: l.total.to_inr(),
        })
        .collect();
    let due = d.balance_due();
    let payable = d.status == DocStatus::Issued && due.get() > 0;
    let pay = if payable {
        integrations::connected(&app.services, org.id)
            .await?
            .into_iter()
            .map(|p| PayButton {
                label: chrome.t(&format!("public-pay-{}", p.as_str())),
                action: format!("/p/{}/pay/{}", opened.token, p.as_str()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = PublicPage {
        business: seller_name,
        seller,
        number: d.number.clone().unwrap_or_default(),
        facts,
        status: status_text,
        status_class,
        lines,
        totals: totals_view(lang, d),
        paid: crate::web::format::inr(bahi_gst::Paise::new(
            d.amount_paid.get() + d.amount_credited.get(),
        )),
        balance: due.to_inr(),
        has_balance: payable,
        is_void: d.status == DocStatus::Void,
        upi: if payable {
            upi_of(org, &chrome, d, "public-upi-lead")
        } else {
            None
        },
        pay,
        pdf_href: format!("/p/{}/pdf", opened.token),
        problem,
        chrome,
    };
    Ok(private(render(status, &view)))
}

/// `GET /p/{token}`
pub async fn show(
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PublicTokenPath>,
) -> Result<Response, HttpError> {
    match public_links::open(&app.services, &path.token).await? {
        Some(opened) => page(&app, &frame, &opened, None, StatusCode::OK).await,
        None => gone(&app, &frame).await,
    }
}

/// `GET /p/{token}/pdf`
pub async fn pdf(
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PublicTokenPath>,
    Query(params): Query<PrintParams>,
) -> Result<Response, HttpError> {
    match public_links::open(&app.services, &path.token).await? {
        Some(opened) => Ok(private(
            crate::print::sales::public_invoice(&app, &opened, &params).await?,
        )),
        None => gone(&app, &frame).await,
    }
}

/// `POST /p/{token}/pay/{provider}`: on to the gateway's payment page (303), or back to the
/// invoice saying why not.
pub async fn pay(
    State(app): State<AppState>,
    frame: Frame,
    Path(path): Path<PublicPayPath>,
) -> Result<Response, HttpError> {
    let Some(opened) = public_links::open(&app.services, &path.token).await? else {
        return gone(&app, &frame).await;
    };
    let provider = Provider::from(path.provider);
    match checkout::for_public_link(&app.services, &opened, provider).await? {
        Ok(url) => Ok(private(
            (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    HeaderValue::from_str(&url).map_err(|_| {
                        HttpError::App(bahi_app::Error::Internal(
                            "a gateway's page address is not a header value".into(),
                        ))
                    })?,
                )],
            )
                .into_response(),
        )),
        Err(why) => {
            let (id, status) = match why {
                NoCheckout::NotConnected => ("public-pay-not-connected", StatusCode::CONFLICT),
                NoCheckout::NothingDue => ("public-pay-nothing-due", StatusCode::CONFLICT),
                NoCheckout::Gateway(_) => ("public-pay-failed", StatusCode::BAD_GATEWAY),
            };
            let problem = crate::i18n::text(frame.lang, id, &[]);
            page(&app, &frame, &opened, Some(problem), status).await
        }
    }
}
