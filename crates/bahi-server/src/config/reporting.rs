//! Logs, error reporting (Sentry) and metrics: how bahi tells operators what happened.

use super::environment::{Environment, LogFormat};
use super::errors::ConfigError;
use super::settings::{
    LOG, LOG_FORMAT, METRICS_TOKEN, RAILWAY_ENVIRONMENT_NAME, RAILWAY_GIT_COMMIT_SHA, RELEASE,
    SENTRY_DSN, SENTRY_TRACES_SAMPLE_RATE,
};
use super::sources::{Raw, err};

/// How errors are reported to Sentry (when `SENTRY_DSN` is set).
#[derive(Debug, Clone)]
pub struct SentrySettings {
    pub environment: String,
    pub release: String,
    pub traces_sample_rate: f32,
}

pub(super) struct Reporting {
    pub sentry_dsn: Option<String>,
    pub sentry: SentrySettings,
    pub metrics_token: Option<String>,
    pub log_filter: String,
    pub log_format: LogFormat,
}

pub(super) fn read(raw: &Raw<'_>, env: Environment, errors: &mut Vec<ConfigError>) -> Reporting {
    let sentry_dsn = raw.get(&SENTRY_DSN);
    if let Some(dsn) = &sentry_dsn
        && dsn.parse::<sentry::types::Dsn>().is_err()
    {
        errors.push(err(
            &SENTRY_DSN,
            "must look like https://KEY@HOST/PROJECT_ID".to_owned(),
        ));
    }
    let traces_sample_rate = match raw.get(&SENTRY_TRACES_SAMPLE_RATE) {
        None => 0.0,
        Some(text) => match text.parse::<f32>() {
            Ok(rate) if (0.0..=1.0).contains(&rate) => rate,
            _ => {
                errors.push(err(
                    &SENTRY_TRACES_SAMPLE_RATE,
                    format!("must be a number from 0 to 1, not {text:?}"),
                ));
                0.0
            }
        },
    };
    let version = env!("CARGO_PKG_VERSION");
    let release = raw
        .get(&RELEASE)
        .unwrap_or_else(|| match raw.get(&RAILWAY_GIT_COMMIT_SHA) {
            Some(sha) => format!(
                "bahi@{version}+{}",
                sha.chars().take(12).collect::<String>()
            ),
            None => format!("bahi@{version}"),
        });
    let sentry = SentrySettings {
        environment: raw
            .get(&RAILWAY_ENVIRONMENT_NAME)
            .unwrap_or_else(|| env.as_str().to_owned()),
        release,
        traces_sample_rate,
    };
    let metrics_token = raw.get(&METRICS_TOKEN);
    if let Some(token) = &metrics_token
        && token.len() < 16
    {
        errors.push(err(
            &METRICS_TOKEN,
            "must be at least 16 characters (a random string, e.g. `openssl rand -hex 24`)"
                .to_owned(),
        ));
    }
    let log_filter = raw.get(&LOG).unwrap_or_else(|| "info".to_owned());
    if let Err(e) = tracing_subscriber::EnvFilter::builder().parse(&log_filter) {
        errors.push(err(&LOG, format!("is not a valid log filter: {e}")));
    }
    let log_format = match raw.get(&LOG_FORMAT).as_deref() {
        None if env == Environment::Development => LogFormat::Text,
        None => LogFormat::Json,
        Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            errors.push(err(
                &LOG_FORMAT,
                format!("must be text or json, not {other:?}"),
            ));
            LogFormat::Text
        }
    };
    Reporting {
        sentry_dsn,
        sentry,
        metrics_token,
        log_filter,
        log_format,
    }
}
