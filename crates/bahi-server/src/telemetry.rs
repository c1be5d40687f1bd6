//! Logging and error reporting. Logs: human-readable text in development, one JSON object per
//! line elsewhere; request spans carry the request id, so every line logged while serving a
//! request names it. Errors: to Sentry when `SENTRY_DSN` is set — error-level logs and panics,
//! with cookies, credentials, query strings and bodies removed first. Without a DSN, nothing.

use sentry::integrations::tracing::{BreadcrumbLayer, ErrorLayer, SpanLayer};
use sentry::protocol::Event;
use sentry::{ClientInitGuard, ClientOptions, TransportFactory};
use tracing::Level;
use tracing_subscriber::filter::{LevelFilter, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::{Config, LogFormat};

/// Where log lines go: the server logs to stdout; CLI commands keep stdout for their output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogTarget {
    Stdout,
    Stderr,
}

/// Installs the global subscriber (logs, plus the Sentry layer that is idle without a client);
/// a second call (as in tests) is a no-op.
pub fn init(filter: &str, format: LogFormat, target: LogTarget) {
    let filter = EnvFilter::builder().parse_lossy(filter);
    let writer = move || -> Box<dyn std::io::Write> {
        match target {
            LogTarget::Stdout => Box::new(std::io::stdout()),
            LogTarget::Stderr => Box::new(std::io::stderr()),
        }
    };
    let fmt = tracing_subscriber::fmt::layer().with_writer(writer);
    let fmt = match format {
        LogFormat::Json => fmt
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .flatten_event(true)
            .boxed(),
        LogFormat::Text => fmt.boxed(),
    };
    let _ = tracing_subscriber::registry()
        .with(fmt.with_filter(filter))
        .with(SpanLayer::new().with_filter(LevelFilter::INFO))
        .with(BreadcrumbLayer::new().with_filter(filter_fn(|m| {
            matches!(*m.level(), Level::WARN | Level::INFO)
        })))
        .with(ErrorLayer::new().with_filter(LevelFilter::ERROR))
        .try_init();
}

/// Starts Sentry when a DSN is configured; keep the guard alive for the life of the process
/// (dropping it flushes queued events).
#[must_use]
pub fn init_sentry(config: &Config) -> Option<ClientInitGuard> {
    init_sentry_with(config, None::<DefaultTransport>)
}

/// As [`init_sentry`], with another transport (tests capture events with it).
#[must_use]
pub fn init_sentry_with<T: TransportFactory + 'static>(
    config: &Config,
    transport: Option<T>,
) -> Option<ClientInitGuard> {
    let dsn: sentry::types::Dsn = config.sentry_dsn.as_deref()?.parse().ok()?;
    // Sentry's HTTP client takes the process-wide TLS provider; ring is the one sqlx uses too.
    // (Already installed is fine: the first one stays.)
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut options = ClientOptions::new()
        .environment(config.sentry.environment.clone())
        .release(config.sentry.release.clone())
        .traces_sample_rate(config.sentry.traces_sample_rate)
        .send_default_pii(false)
        .before_send(|event| Some(scrub(event)));
    if let Some(transport) = transport {
        options = options.transport(transport);
    }
    let guard = sentry::init((dsn, options));
    tracing::info!(environment = %config.sentry.environment, release = %config.sentry.release, "error reporting to Sentry is on");
    Some(guard)
}

/// The SDK's own HTTP transport (the type is only named so `init_sentry` can pass "none").
type DefaultTransport = sentry::transports::DefaultTransportFactory;

const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "cookie",
    "set-cookie",
    "x-csrf-token",
    "proxy-authorization",
];

/// Removes what may identify a session or carry personal data: cookies, credentials, query
/// strings (they may hold tokens) and request bodies.
#[must_use]
pub fn scrub(mut event: Event<'static>) -> Event<'static> {
    if let Some(request) = event.request.as_mut() {
        request.cookies = None;
        request.query_string = None;
        request.data = None;
        request
            .headers
            .retain(|name, _| !SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()));
        if let Some(url) = request.url.as_mut() {
            url.set_query(None);
            let _ = url.set_password(None);
            let _ = url.set_username("");
        }
    }
    if let Some(user) = event.user.as_mut() {
        user.ip_address = None;
        user.email = None;
    }
    event
}
