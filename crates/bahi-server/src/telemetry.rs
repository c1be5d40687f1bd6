//! Logging: human-readable text in development, one JSON object per line elsewhere. Request
//! spans carry the request id, so every line logged while serving a request names it.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::config::LogFormat;

/// Where log lines go: the server logs to stdout; CLI commands keep stdout for their output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogTarget {
    Stdout,
    Stderr,
}

/// Installs the global subscriber; a second call (as in tests) is a no-op.
pub fn init(filter: &str, format: LogFormat, target: LogTarget) {
    let filter = EnvFilter::builder().parse_lossy(filter);
    let writer = move || -> Box<dyn std::io::Write> {
        match target {
            LogTarget::Stdout => Box::new(std::io::stdout()),
            LogTarget::Stderr => Box::new(std::io::stderr()),
        }
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_span_events(FmtSpan::NONE)
        .with_writer(writer);
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .flatten_event(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}
