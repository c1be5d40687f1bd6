//! Liveness and readiness probes (API.md, Outside `/api/v1`). Public and terse.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

const HEALTH_JSON: &str = "application/health+json";
/// A readiness probe must answer before the platform's own probe gives up.
const READY_CHECK_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `pass` or `fail`.
    pub status: &'static str,
}

fn health(status: StatusCode) -> Response {
    let body = Health {
        status: if status.is_success() { "pass" } else { "fail" },
    };
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HEALTH_JSON));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The process is up. Never touches the database.
#[utoipa::path(get, path = "/health/live", tag = "health", security(()),
    responses((status = 200, description = "The process is running", body = Health, content_type = "application/health+json")))]
pub async fn live() -> Response {
    health(StatusCode::OK)
}

/// The database answers and every migration this release needs is applied.
#[utoipa::path(get, path = "/health/ready", tag = "health", security(()),
    responses(
        (status = 200, description = "Ready for traffic", body = Health, content_type = "application/health+json"),
        (status = 503, description = "Database unreachable or migrations pending", body = Health, content_type = "application/health+json")))]
pub async fn ready(State(app): State<AppState>) -> Response {
    match tokio::time::timeout(READY_CHECK_TIMEOUT, check(&app)).await {
        Ok(Ok(())) => health(StatusCode::OK),
        Ok(Err(reason)) => {
            tracing::warn!(%reason, "not ready");
            health(StatusCode::SERVICE_UNAVAILABLE)
        }
        Err(_) => {
            tracing::warn!(reason = "the database did not answer in time", "not ready");
            health(StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}

async fn check(app: &AppState) -> Result<(), String> {
    app.db()
        .ping()
        .await
        .map_err(|e| format!("database unreachable: {e}"))?;
    let status = app
        .migrations
        .status(app.db())
        .await
        .map_err(|e| e.to_string())?;
    if status.is_current() {
        Ok(())
    } else {
        Err(pending_summary(&status))
    }
}

/// One line naming what keeps the server from being ready.
#[must_use]
pub fn pending_summary(status: &bahi_store::migrate::Status) -> String {
    let mut parts: Vec<String> = status
        .pending_schema
        .iter()
        .map(|s| format!("schema {:04} {}", s.version, s.description))
        .chain(status.pending_data.iter().map(|d| format!("data {}", d.id)))
        .collect();
    parts.extend(status.problems.iter().cloned());
    format!(
        "migrations pending: {} (run `bahi migrate plan`)",
        parts.join(", ")
    )
}

/// Whether the request carries the token. Compared as digests, byte by byte to the end, so
/// the time taken tells neither the token's length nor how much of a guess matched.
fn authorised(expected: &str, headers: &HeaderMap) -> bool {
    use sha2::{Digest, Sha256};
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (Sha256::digest(given), Sha256::digest(expected));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// `GET /metrics` (API.md, Outside `/api/v1`): for an operator's scraper holding
/// `BAHI_METRICS_TOKEN`; without the setting the route is not there (404).
pub async fn metrics(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &app.config.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !authorised(token, &headers) {
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return response;
    }
    let outbox = match bahi_store::outbox::depth(app.db()).await {
        Ok(depth) => Some(depth),
        Err(error) => {
            tracing::warn!(%error, "metrics: the outbox could not be read");
            None
        }
    };
    let gateway_events = match bahi_store::gateways::events::depth(app.db()).await {
        Ok(depth) => Some(depth),
        Err(error) => {
            tracing::warn!(%error, "metrics: the gateway inbox could not be read");
            None
        }
    };
    let now = crate::metrics::Snapshot {
        pool: app.db().pool_use(),
        outbox,
        gateway_events,
        invoices_issued: app.services.counters.invoices_issued(),
    };
    let Ok(body) = app.metrics.render(&now) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
