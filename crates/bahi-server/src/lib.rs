//! bahi's HTTP server: the JSON API under `/api`, the web pages, health probes and the
//! middleware every request passes through.

pub mod api;
pub mod config;
pub mod error;
pub mod health;
mod middleware;
pub mod problem;
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
    let request_timeout = app.config.request_timeout;
    middleware::apply(router, request_timeout).with_state(app)
}
