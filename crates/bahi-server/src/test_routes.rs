//! Routes that exist only in test builds (feature `test-routes`), to exercise behaviour no real
//! route can trigger on demand. They sit behind the API surface's layers (timeout, panics,
//! problem rendering), as real routes do.

use std::time::Duration;

use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use serde::Deserialize;

use crate::http::HttpError;
use crate::middleware;
use crate::state::AppState;

#[derive(Deserialize)]
struct Slow {
    ms: u64,
}

pub fn router(app: &AppState) -> Router<AppState> {
    Router::new()
        .route("/__test/slow", get(slow))
        .route("/__test/fail", get(fail))
        .route("/__test/panic", get(panic))
        .layer(middleware::catch_panic())
        .layer(middleware::timeout(app))
        .layer(axum::middleware::from_fn(crate::api::problems::layer))
}

/// Answers after `ms` milliseconds: an in-flight request for the graceful-shutdown test.
async fn slow(Query(Slow { ms }): Query<Slow>) -> String {
    tokio::time::sleep(Duration::from_millis(ms.min(60_000))).await;
    format!("slept {ms} ms")
}

/// A handler that fails: its error must reach Sentry once, without secrets.
async fn fail() -> Result<String, HttpError> {
    Err(HttpError::App(bahi_app::Error::Internal(
        "deliberate failure for the error-reporting test".into(),
    )))
}

/// A handler that panics: the panic must reach Sentry.
async fn panic() -> String {
    std::panic::panic_any("deliberate panic for the error-reporting test")
}
