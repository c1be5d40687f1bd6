//! Routes that exist only in test builds (feature `test-routes`), to exercise behaviour no real
//! route can trigger on demand.

use std::time::Duration;

use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use serde::Deserialize;

use crate::state::AppState;

#[derive(Deserialize)]
struct Slow {
    ms: u64,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/__test/slow", get(slow))
}

/// Answers after `ms` milliseconds: an in-flight request for the graceful-shutdown test.
async fn slow(Query(Slow { ms }): Query<Slow>) -> String {
    tokio::time::sleep(Duration::from_millis(ms.min(60_000))).await;
    format!("slept {ms} ms")
}
