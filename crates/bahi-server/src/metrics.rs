//! The process's metrics, written as Prometheus's text exposition (OpenMetrics) for `GET
//! /metrics` (`health::metrics`). Requests are counted and timed per route template (never per
//! id, so the series stay few) and status (`middleware::measure`); the database pool, the
//! outbox and the invoices issued are read when scraped; `bahi_build_info` names the release.

use std::sync::Mutex;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

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
    gateway_events: Family<StateLabels, Gauge>,
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
        let gateway_events = Family::<StateLabels, Gauge>::default();
        registry.register(
            "gateway_events",
            "Payment gateways' webhook events waiting to be applied (pending), recorded as advances for a look (flagged) and not applied (failed)",
            gateway_events.clone(),
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
            gateway_events,
            invoices_issued,
            catching_up: Mutex::new(()),
        }
    }

    /// Counts one answered request and its time.
    pub fn observe(&self, method: &str, route: String, status: u16, seconds: f64) {
        let labels = RequestLabels {
            method: method.to_owned(),
            route,
            status,
        };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&labels).observe(seconds);
    }

    /// The exposition, with what is read at scrape time.
    pub fn render(&self, now: &Snapshot) -> Result<String, std::fmt::Error> {
        let (open, idle, max) = now.pool;
        self.pool_open.set(i64::from(open));
        self.pool_idle.set(i64::try_from(idle).unwrap_or(i64::MAX));
        self.pool_max.set(i64::from(max));
        if let Some(depth) = now.outbox {
            self.outbox
                .get_or_create(&StateLabels { state: "pending" })
                .set(depth.pending);
            self.outbox
                .get_or_create(&StateLabels { state: "dead" })
                .set(depth.dead);
        }
        if let Some(events) = now.gateway_events {
            for (state, count) in [
                ("pending", events.pending),
                ("flagged", events.flagged),
                ("failed", events.failed),
            ] {
                self.gateway_events
                    .get_or_create(&StateLabels { state })
                    .set(count);
            }
        }
        {
            let _one_at_a_time = self
                .catching_up
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let counted = self.invoices_issued.get();
            if now.invoices_issued > counted {
                self.invoices_issued.inc_by(now.invoices_issued - counted);
            }
        }
        let mut body = String::new();
        encode(&mut body, &self.registry)?;
        Ok(body)
    }
}

/// What a scrape reads from the process and the database.
pub struct Snapshot {
    /// The pool's connections: open, idle, at most.
    pub pool: (u32, usize, u32),
    /// `None` when the outbox could not be read.
    pub outbox: Option<bahi_store::outbox::Depth>,
    /// `None` when the gateway inbox could not be read.
    pub gateway_events: Option<bahi_store::gateways::events::Depth>,
    pub invoices_issued: u64,
}
