//! The layers every request passes through: request id, access log, timeout, body limit, and
//! problem+json for errors that layers and the router produce without a body of ours.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::LatencyUnit;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::auth::csrf;
use crate::problem::{self, Problem};
use crate::security;
use crate::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Largest request body (API.md: 413 above it).
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// Bodies of plain-text errors (e.g. a JSON rejection) small enough to quote as the detail.
const MAX_QUOTED_ERROR: usize = 2048;

pub fn apply(router: Router<AppState>, app: &AppState) -> Router<AppState> {
    // Innermost first: the last layer added sees the request first.
    let router = router
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // A panicking handler answers 500 (the panic hook has already reported it) instead of
        // dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            app.config.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(app.clone(), csrf::guard))
        .layer(middleware::from_fn_with_state(app.clone(), schema_gate))
        .layer(middleware::from_fn(problem_for_bare_errors))
        .layer(middleware::from_fn(pages_for_problems));
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

/// Until the database holds this release's migrations, everything but the health probes and
/// static files answers 503 with `Retry-After` (problem+json under `/api`, a page elsewhere).
async fn schema_gate(
    axum::extract::State(app): axum::extract::State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("/health/") || path.starts_with("/static/") || path == "/api/openapi.json" {
        return next.run(request).await;
    }
    if app.schema.is_current(&app.db, &app.migrations).await {
        return next.run(request).await;
    }
    crate::error::AppError::Unavailable {
        retry_after: 30,
        detail: "bahi is being upgraded: its database migrations are not applied yet. Try again shortly.".into(),
    }
    .into_response()
}

/// Gives `/api` errors that carry no JSON body (405 from the router, 408 from the timeout, 413
/// from the body limit, extractor rejections in plain text) the problem+json shape of API.md.
async fn problem_for_bare_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path() == "/api" || request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !is_api || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with(problem::CONTENT_TYPE)
        || content_type.starts_with("application/json")
    {
        return response;
    }
    let quote = content_type.starts_with("text/plain") && !status.is_server_error();
    let (parts, body) = response.into_parts();
    let detail = if quote {
        axum::body::to_bytes(body, MAX_QUOTED_ERROR)
            .await
            .ok()
            .and_then(|b| String::from_utf8(b.to_vec()).ok())
            .filter(|s| !s.is_empty())
    } else {
        None
    };
    let mut problem = Problem::new(status);
    problem.detail = detail;
    let mut rebuilt = problem.into_response();
    // Keep headers such as `Allow` (405) and `Retry-After` (429).
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rebuilt.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rebuilt
}

/// Pages get HTML, not problem+json: a 401 sends the browser to the sign-in page (and back
/// afterwards), other problems become a short page saying what went wrong.
async fn pages_for_problems(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    if path == "/api" || path.starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(problem::CONTENT_TYPE));
    if !is_problem {
        return response;
    }
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED {
        let back = match query {
            Some(q) => format!("{path}?{q}"),
            None => path,
        };
        let next_param: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
        return axum::response::Redirect::to(&format!("/login?next={next_param}")).into_response();
    }
    let (parts, body) = response.into_parts();
    let detail = axum::body::to_bytes(body, MAX_QUOTED_ERROR * 4)
        .await
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get("detail").and_then(|d| d.as_str()).map(str::to_owned));
    let mut page = crate::web::error_page(status, detail.as_deref());
    for name in [header::RETRY_AFTER] {
        if let Some(v) = parts.headers.get(&name) {
            page.headers_mut().insert(name, v.clone());
        }
    }
    page
}

/// Answers unknown paths: problem+json under `/api`, a page elsewhere.
pub async fn not_found(request: Request<Body>) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        Problem::new(StatusCode::NOT_FOUND)
            .detail(format!("No API endpoint at {path}."))
            .into_response()
    } else {
        crate::web::not_found_page().into_response()
    }
}
