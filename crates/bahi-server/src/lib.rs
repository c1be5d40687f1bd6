//! bahi's HTTP server: the JSON API under `/api`, the web pages, health probes and the
//! middleware every request passes through.

pub mod accounts;
pub mod api;
pub mod auth;
pub mod config;
pub mod doctor;
pub mod error;
pub mod health;
mod middleware;
pub mod problem;
mod security;
pub mod serve;
pub mod state;
pub mod telemetry;
#[cfg(feature = "test-routes")]
mod test_routes;
pub mod web;

use axum::Router;

pub use state::AppState;

/// The whole application as one router.
pub fn router(app: AppState) -> Router {
    let (api, openapi) = api::router();
    let router = Router::new()
        .merge(api)
        .merge(api::openapi_route(&openapi))
        .merge(web::router());
    #[cfg(feature = "test-routes")]
    let router = router.merge(test_routes::router());
    let router = router.fallback(middleware::not_found);
    middleware::apply(router, &app).with_state(app)
}
