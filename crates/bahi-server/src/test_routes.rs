//! Routes that exist only in test builds (feature `test-routes`), to exercise behaviour no real
//! route can trigger on demand. They sit behind the API surface's layers (timeout, panics,
//! problem rendering), as real routes do.

use std::sync::atomic::{AtomicUsize, Ordering};
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
        .route("/__test/in-flight", get(in_flight))
        .route("/__test/fail", get(fail))
        .route("/__test/panic", get(panic))
        .layer(middleware::catch_panic())
        .layer(middleware::timeout(app))
        .layer(axum::middleware::from_fn(crate::api::problems::layer))
}

/// Slow requests now being served: a test waits for its request to be in flight (a readiness
/// signal) instead of sleeping and hoping.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

struct InFlight;

impl InFlight {
    fn start() -> Self {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        Self
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers after `ms` milliseconds: an in-flight request for the graceful-shutdown test.
async fn slow(Query(Slow { ms }): Query<Slow>) -> String {
    let _counted = InFlight::start();
    tokio::time::sleep(Duration::from_millis(ms.min(60_000))).await;
    format!("slept {ms} ms")
}

/// How many slow requests are being served.
async fn in_flight() -> String {
    IN_FLIGHT.load(Ordering::SeqCst).to_string()
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
