//! bahi's HTTP server: the JSON API under `/api`, the web pages, the health probes, and the
//! layers every request passes through. What people do lives in `bahi-app`; this crate turns
//! requests into calls of it and answers into JSON or pages.
//!
//! Layout (docs/ARCHITECTURE.md): [`http`] is the kit every feature uses (callers, extractors,
//! CSRF, cookies, the error type); [`api`] and [`web`] are the two surfaces, each with its own
//! error rendering; [`config`] reads the settings; the rest is operations (health, doctor,
//! telemetry, serving).

pub mod api;
pub mod config;
pub mod doctor;
pub mod health;
pub mod http;
pub mod i18n;
pub mod metrics;
mod middleware;
pub mod print;
mod security;
pub mod serve;
mod share;
pub mod state;
pub mod telemetry;
#[cfg(feature = "test-routes")]
mod test_routes;
pub mod web;
mod webhooks;

use axum::Router;

pub use state::AppState;

/// Webhooks: outside the API's and the pages' CSRF checks (a signature is their credential),
/// with a body limit of their own.
fn webhook_routes() -> Router<AppState> {
    use axum::routing::post;
    Router::new()
        .route("/webhooks/razorpay/{org_id}", post(webhooks::razorpay))
        .route("/webhooks/stripe/{org_id}", post(webhooks::stripe))
        .layer(axum::extract::DefaultBodyLimit::max(
            webhooks::MAX_BODY_BYTES,
        ))
}

/// The whole application as one router.
pub fn router(app: AppState) -> Router {
    let (api, _openapi) = api::router(&app);
    let router = Router::new()
        .merge(api)
        .merge(web::router(&app))
        .route("/metrics", axum::routing::get(health::metrics))
        .merge(webhook_routes());
    #[cfg(feature = "test-routes")]
    let router = router.merge(test_routes::router(&app));
    middleware::apply(router, &app).with_state(app)
}
