//! The layers requests pass through. Around everything: request id, access log, Sentry,
//! security headers ([`apply`]). Around each surface (the API, the pages) — so its own error
//! renderer sees what they refuse — the body limit ([`MAX_BODY_BYTES`]), panic catching, the
//! timeout and the schema gate ([`catch_panic`], [`timeout`], [`schema_gate`]).

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::http::HttpError;
use crate::security;
use crate::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Largest request body (API.md: 413 above it).
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// A panicking handler answers 500 (the panic hook has already reported it) instead of
/// dropping the connection.
#[must_use]
pub fn catch_panic() -> CatchPanicLayer<tower_http::catch_panic::DefaultResponseForPanic> {
    CatchPanicLayer::new()
}

/// 408 after the configured time.
#[must_use]
pub fn timeout(app: &AppState) -> TimeoutLayer {
    TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, app.config.request_timeout)
}

/// Until the database holds this release's migrations, the surface answers 503 with
/// `Retry-After` (production never migrates by itself; the health probes still answer).
pub async fn schema_gate(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if app.schema.is_current(app.db(), &app.migrations).await {
        next.run(request).await
    } else {
        HttpError::Upgrading.into_response()
    }
}

/// The layers around the whole application.
pub fn apply(router: Router<AppState>, app: &AppState) -> Router<AppState> {
    let router = router.layer(axum::middleware::from_fn_with_state(app.clone(), measure));
    security::headers(router, app)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request
                        .extensions()
                        .get::<RequestId>()
                        .and_then(|id| id.header_value().to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
                })
                .on_request(())
                // 5xx are logged by the error itself; a second error line would be a second
                // Sentry event.
                .on_failure(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(sentry::integrations::tower::SentryHttpLayer::new().enable_transaction())
        .layer(sentry::integrations::tower::NewSentryLayer::<Request>::new_from_top())
}

/// Counts and times every request by its route's template (`GET /metrics`).
pub async fn measure(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    app.metrics.observe(
        &method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}
