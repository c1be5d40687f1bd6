//! The JSON API under `/api`. Handlers are registered through utoipa-axum, so
//! `/api/openapi.json` is generated from the handlers themselves and cannot drift from them;
//! errors are rendered as problem+json by this router's own layer (`problems`).

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::http::{csrf, idempotency};
use crate::middleware;
use crate::state::AppState;
use openapi::Credentials;

mod admin;
mod audit;
mod auth;
mod bills;
pub mod dto;
mod hsn;
mod integrations;
mod invitations;
pub mod invoices;
pub mod items;
pub mod ledger;
mod members;
mod notes;
mod openapi;
mod orgs;
mod outbox;
mod parties;
mod payments;
pub mod problem;
pub mod problems;
mod public_links;
mod reminders;
pub(crate) mod returns;
mod series;
mod tokens;
pub mod values;

#[derive(OpenApi)]
#[openapi(
    info(title = "bahi", description = "GST invoicing and accounting for Indian businesses."),
    tags(
        (name = "health", description = "Liveness and readiness probes"),
        (name = "auth", description = "Sign-up, sign-in, sessions"),
        (name = "tokens", description = "API tokens"),
        (name = "organisations", description = "Organisation settings"),
        (name = "members", description = "Members and invitations"),
        (name = "parties", description = "Customers and vendors"),
        (name = "items", description = "Goods and services"),
        (name = "invoices", description = "Sales invoices and bills of supply"),
        (name = "notes", description = "Credit and debit notes"),
        (name = "bills", description = "Purchase bills"),
        (name = "payments", description = "Payments received and made"),
        (name = "returns", description = "GST returns and filed periods"),
        (name = "ledger", description = "Books of account: chart, vouchers, ledgers and reports"),
        (name = "audit", description = "The audit trail"),
        (name = "admin", description = "Platform administration")
    ),
    modifiers(&Credentials),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

/// The routes under `/api/v1`, and the OpenAPI document describing them and the health probes.
pub fn router(app: &AppState) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    // Sign-in and sign-up start a session, so they can carry no token bound to one yet: the
    // origin check alone stops cross-site forgery there.
    let session_start = OpenApiRouter::new()
        .routes(routes!(auth::signup))
        .routes(routes!(auth::login))
        .routes(routes!(auth::request_reset))
        .routes(routes!(auth::complete_reset))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            csrf::session_start,
        ));
    let guarded = OpenApiRouter::new()
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me, auth::update_me))
        .routes(routes!(auth::change_password))
        .routes(routes!(tokens::create, tokens::list))
        .routes(routes!(tokens::revoke))
        .routes(routes!(orgs::create))
        .routes(routes!(orgs::get, orgs::update))
        .routes(routes!(orgs::logo, orgs::set_logo, orgs::remove_logo))
        .routes(routes!(reminders::get, reminders::put))
        .routes(routes!(orgs::require_two_factor))
        .routes(routes!(series::list))
        .routes(routes!(series::get, series::save))
        .routes(routes!(members::list, invitations::invite))
        .routes(routes!(members::change_role, members::remove))
        .routes(routes!(invitations::open))
        .routes(routes!(invitations::resend))
        .routes(routes!(invitations::revoke))
        .routes(routes!(invitations::show))
        .routes(routes!(invitations::accept))
        .routes(routes!(parties::create, parties::list))
        .routes(routes!(parties::get, parties::update, parties::delete))
        .routes(routes!(items::create, items::list))
        .routes(routes!(items::get, items::update, items::delete))
        .routes(routes!(hsn::suggest))
        .routes(routes!(invoices::create, invoices::list))
        .routes(routes!(invoices::get, invoices::update, invoices::delete))
        .routes(routes!(invoices::pdf))
        .routes(routes!(invoices::issue))
        .routes(routes!(invoices::void))
        .routes(routes!(outbox::email_invoice))
        .routes(routes!(public_links::create, public_links::list))
        .routes(routes!(public_links::revoke))
        .routes(routes!(
            integrations::put,
            integrations::get,
            integrations::delete
        ))
        .routes(routes!(integrations::test))
        .routes(routes!(notes::create, notes::list))
        .routes(routes!(notes::get))
        .routes(routes!(notes::pdf))
        .routes(routes!(outbox::email_note))
        .routes(routes!(bills::create, bills::list))
        .routes(routes!(bills::get))
        .routes(routes!(bills::pdf))
        .routes(routes!(bills::void))
        .routes(routes!(payments::create, payments::list))
        .routes(routes!(payments::get))
        .routes(routes!(payments::pdf))
        .routes(routes!(payments::allocate))
        .routes(routes!(payments::void))
        .routes(routes!(ledger::accounts::list, ledger::accounts::create))
        .routes(routes!(ledger::accounts::delete))
        .routes(routes!(ledger::accounts::create_group))
        .routes(routes!(ledger::accounts::entries))
        .routes(routes!(ledger::journals::create, ledger::journals::list))
        .routes(routes!(ledger::journals::get))
        .routes(routes!(ledger::journals::reverse))
        .routes(routes!(
            ledger::journals::openings,
            ledger::journals::set_openings
        ))
        .routes(routes!(ledger::journals::years_list))
        .routes(routes!(ledger::journals::close, ledger::journals::reopen))
        .routes(routes!(ledger::reports::trial_balance))
        .routes(routes!(ledger::reports::profit_and_loss))
        .routes(routes!(ledger::reports::balance_sheet))
        .routes(routes!(ledger::reports::party))
        .routes(routes!(ledger::reports::ageing))
        .routes(routes!(returns::file, returns::reopen))
        .routes(routes!(returns::gstr1))
        .routes(routes!(returns::gstr3b))
        .routes(routes!(returns::hsn_summary))
        .routes(routes!(returns::iff))
        .routes(routes!(returns::gstr1_csv))
        .routes(routes!(audit::list))
        .routes(routes!(audit::verify))
        .routes(routes!(admin::list_orgs))
        .routes(routes!(admin::suspend))
        .routes(routes!(admin::unsuspend))
        .routes(routes!(admin::health))
        .routes(routes!(outbox::list))
        .routes(routes!(outbox::retry))
        // Inside the CSRF check: a forged request is refused before its key is looked at.
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            idempotency::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            csrf::full,
        ));
    // The document is known only once every route is in; its route is in the API router (so a
    // wrong method on it is a problem too) and is filled in below.
    let document: Arc<OnceLock<Arc<str>>> = Arc::default();
    let served = Arc::clone(&document);
    let api = OpenApiRouter::new()
        .merge(session_start)
        .merge(guarded)
        .route(
            "/openapi.json",
            get(move || {
                let json = served.get().cloned().unwrap_or_else(|| Arc::from("{}"));
                async move { openapi_json(&json) }
            }),
        )
        .fallback(problems::not_found)
        // Innermost first. Every error these produce is rendered by `problems::layer`.
        .layer(axum::extract::DefaultBodyLimit::max(
            middleware::MAX_BODY_BYTES,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            middleware::MAX_BODY_BYTES,
        ))
        .layer(middleware::catch_panic())
        .layer(middleware::timeout(app))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            middleware::schema_gate,
        ))
        .layer(axum::middleware::from_fn(problems::layer));
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(crate::health::live))
        .routes(routes!(crate::health::ready))
        .nest("/api", api)
        .split_for_parts();
    // After the routes are in: the error responses are added to every operation.
    utoipa::Modify::modify(&openapi::ErrorResponses, &mut doc);
    let _ = document.set(doc.to_json().unwrap_or_else(|_| "{}".to_owned()).into());
    (router, doc)
}

fn openapi_json(json: &str) -> Response {
    let mut response = json.to_owned().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
