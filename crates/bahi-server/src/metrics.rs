//! `GET /metrics` (API.md, Outside `/api/v1`): Prometheus's text exposition (OpenMetrics), for
//! an operator's scraper holding `BAHI_METRICS_TOKEN`; without the setting the route is not
//! there (404). Requests are counted and timed per route template (never per id, so the
//! series stay few) and status; the database pool, the outbox and the invoices issued are read
//! when scraped; `bahi_build_info` names the release.

use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::state::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    /// The route's template (`/api/v1/orgs/{org_id}/invoices/{id}`), or `unmatched`.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
    release: String,
    engine: &'static str,
}

/// The process's metrics and the registry they are written from.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RequestLabels, Histogram>,
    pool_open: Gauge,
    pool_idle: Gauge,
    pool_max: Gauge,
    outbox: Family<StateLabels, Gauge>,
    invoices_issued: Counter,
    /// Scrapes bring the counter up to the use cases' count one at a time.
    catching_up: Mutex<()>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to ~16 s, doubling.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    #[must_use]
    pub fn new(release: &str, engine: &'static str) -> Self {
        let mut registry = Registry::with_prefix("bahi");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route template and status",
            requests.clone(),
        );
        let latency = Family::<RequestLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request (to its headers), by route template and status",
            latency.clone(),
        );
        let (pool_open, pool_idle, pool_max) =
            (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register(
            "db_pool_connections",
            "Database connections open",
            pool_open.clone(),
        );
        registry.register(
            "db_pool_idle",
            "Database connections open and idle",
            pool_idle.clone(),
        );
        registry.register(
            "db_pool_max",
            "Database connections the pool may open",
            pool_max.clone(),
        );
        let outbox = Family::<StateLabels, Gauge>::default();
        registry.register(
            "outbox_messages",
            "Mail waiting to be delivered (pending) and given up on (dead)",
            outbox.clone(),
        );
        let invoices_issued = Counter::default();
        registry.register(
            "invoices_issued",
            "Invoices and bills of supply issued by this process",
            invoices_issued.clone(),
        );
        let build = Family::<BuildLabels, Gauge>::default();
        build
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
                release: release.to_owned(),
                engine,
            })
            .set(1);
        registry.register("build_info", "The running release (always 1)", build);
        Self {
            registry,
            requests,
            latency,
            pool_open,
            pool_idle,
            pool_max,
            outbox,
            invoices_issued,
            catching_up: Mutex::new(()),
        }
    }

    fn observe(&self, labels: RequestLabels, seconds: f64) {
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&labels).observe(seconds);
    }
}

/// Counts and times every request by its route's template.
pub async fn track(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    app.metrics.observe(
        RequestLabels {
            method,
            route,
            status: response.status().as_u16(),
        },
        started.elapsed().as_secs_f64(),
    );
    response
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

/// `GET /metrics`
pub async fn scrape(State(app): State<AppState>, headers: HeaderMap) -> Response {
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
    let m = &app.metrics;
    let (open, idle, max) = app.db().pool_use();
    m.pool_open.set(i64::from(open));
    m.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
    m.pool_max.set(i64::from(max));
    match bahi_store::outbox::depth(app.db()).await {
        Ok(depth) => {
            m.outbox
                .get_or_create(&StateLabels { state: "pending" })
                .set(depth.pending);
            m.outbox
                .get_or_create(&StateLabels { state: "dead" })
                .set(depth.dead);
        }
        Err(error) => tracing::warn!(%error, "metrics: the outbox could not be read"),
    }
    {
        let _one_at_a_time = m
            .catching_up
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let issued = app.services.counters.invoices_issued();
        let counted = m.invoices_issued.get();
        if issued > counted {
            m.invoices_issued.inc_by(issued - counted);
        }
    }
    let mut body = String::new();
    if encode(&mut body, &m.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
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
