//! Logs, error reporting (Sentry) and mail: how bahi tells people what happened.

use super::environment::{Environment, LogFormat};
use super::errors::ConfigError;
use super::settings::{
    LOG, LOG_FORMAT, MAIL_FROM, RAILWAY_ENVIRONMENT_NAME, RAILWAY_GIT_COMMIT_SHA, RELEASE,
    SENTRY_DSN, SENTRY_TRACES_SAMPLE_RATE, SMTP_URL,
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
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub log_filter: String,
    pub log_format: LogFormat,
}

fn looks_like_mailbox(text: &str) -> bool {
    let address = match (text.find('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => &text[open + 1..close],
        _ => text,
    };
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !address.contains(char::is_whitespace)
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
    let smtp_url = raw.get(&SMTP_URL);
    if let Some(smtp) = &smtp_url
        && !url::Url::parse(smtp)
            .is_ok_and(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some())
    {
        errors.push(err(
            &SMTP_URL,
            "must be an smtp:// or smtps:// URL with a host".to_owned(),
        ));
    }
    let mail_from = raw.get(&MAIL_FROM);
    if let Some(from) = &mail_from
        && !looks_like_mailbox(from)
    {
        errors.push(err(&MAIL_FROM, format!("must be an email address such as bahi@example.com or \"Bahi <bahi@example.com>\", not {from:?}")));
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
        smtp_url,
        mail_from,
        log_filter,
        log_format,
    }
}
