//! The list of every setting: its environment variable, its `bahi.toml` key, what it means.
//! `.env.example` and docs/CONFIGURATION.md are checked against it (`tests/env_example.rs`).

#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub var: &'static str,
    pub key: &'static str,
    pub help: &'static str,
}

impl Setting {
    const fn new(var: &'static str, key: &'static str, help: &'static str) -> Self {
        Self { var, key, help }
    }
}

/// Every variable the configuration reads, with its key in `bahi.toml` and what it means.
/// `.env.example` and the docs are checked against this list.
pub const SETTINGS: &[Setting] = &[
    Setting::new(
        "BAHI_ENV",
        "env",
        "development, staging or production; changes defaults and gates",
    ),
    Setting::new(
        "DATABASE_URL",
        "database_url",
        "sqlite://… or postgres://…; default sqlite://data/bahi.db",
    ),
    Setting::new("PORT", "port", "TCP port to listen on; default 8080"),
    Setting::new(
        "BAHI_BIND",
        "bind",
        "address to listen on; default 127.0.0.1, or 0.0.0.0 when PORT is set",
    ),
    Setting::new(
        "BAHI_PUBLIC_URL",
        "public_url",
        "the URL users reach bahi at; default http://127.0.0.1:PORT",
    ),
    Setting::new(
        "BAHI_SECRET_KEY",
        "secret_key",
        "at least 32 bytes; signs cookies and CSRF tokens; required outside development",
    ),
    Setting::new(
        "BAHI_SECRET_KEY_PREVIOUS",
        "secret_key_previous",
        "comma-separated keys used before the current one; what they signed (the audit trail) still verifies",
    ),
    Setting::new(
        "BAHI_ALLOWED_ORIGINS",
        "allowed_origins",
        "comma-separated origins allowed to call the API from a browser; default the public URL",
    ),
    Setting::new(
        "SENTRY_DSN",
        "sentry_dsn",
        "Sentry DSN; empty turns error reporting off",
    ),
    Setting::new(
        "BAHI_SENTRY_TRACES_SAMPLE_RATE",
        "sentry_traces_sample_rate",
        "share of requests traced to Sentry, 0 to 1; default 0",
    ),
    Setting::new(
        "BAHI_RELEASE",
        "release",
        "release name reported to Sentry; default the version and, on Railway, the commit",
    ),
    Setting::new(
        "RAILWAY_ENVIRONMENT_NAME",
        "railway_environment_name",
        "set by Railway: the environment name, reported to Sentry",
    ),
    Setting::new(
        "RAILWAY_GIT_COMMIT_SHA",
        "railway_git_commit_sha",
        "set by Railway: the deployed commit, part of the Sentry release",
    ),
    Setting::new(
        "BAHI_SMTP_URL",
        "smtp_url",
        "smtp:// or smtps:// URL of the mail relay; empty writes mail to the log",
    ),
    Setting::new(
        "BAHI_MAIL_FROM",
        "mail_from",
        "sender address of outgoing mail",
    ),
    Setting::new(
        "BAHI_MIGRATIONS_APPROVED",
        "migrations_approved",
        "fingerprint of the migration plan approved for this environment",
    ),
    Setting::new(
        "BAHI_DB_MAX_CONNECTIONS",
        "db_max_connections",
        "largest database pool size; default 10",
    ),
    Setting::new(
        "BAHI_DB_MIN_CONNECTIONS",
        "db_min_connections",
        "connections kept open when idle; default 0",
    ),
    Setting::new(
        "BAHI_DB_ACQUIRE_TIMEOUT_SECS",
        "db_acquire_timeout_secs",
        "seconds to wait for a pooled connection; default 5",
    ),
    Setting::new(
        "BAHI_DB_IDLE_TIMEOUT_SECS",
        "db_idle_timeout_secs",
        "seconds before an idle connection is closed; default 600",
    ),
    Setting::new(
        "BAHI_REQUEST_TIMEOUT_SECS",
        "request_timeout_secs",
        "seconds a request may take before it is answered 408; default 30",
    ),
    Setting::new(
        "BAHI_SHUTDOWN_TIMEOUT_SECS",
        "shutdown_timeout_secs",
        "seconds in-flight requests get to finish after SIGTERM; default 25",
    ),
    Setting::new(
        "BAHI_SESSION_IDLE_MINUTES",
        "session_idle_minutes",
        "a session unused this long ends; default 120",
    ),
    Setting::new(
        "BAHI_SESSION_ABSOLUTE_HOURS",
        "session_absolute_hours",
        "a session ends this long after sign-in whatever its use; default 12",
    ),
    Setting::new(
        "BAHI_TRUSTED_PROXIES",
        "trusted_proxies",
        "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed; default none",
    ),
    Setting::new(
        "BAHI_SIGNUP_LIMIT_PER_HOUR",
        "signup_limit_per_hour",
        "sign-ups allowed per client address per hour; default 20",
    ),
    Setting::new(
        "BAHI_LOGIN_FAILURES_PER_ACCOUNT",
        "login_failures_per_account",
        "failed sign-ins allowed per account per 15 minutes; default 10",
    ),
    Setting::new(
        "BAHI_LOGIN_FAILURES_PER_ADDRESS",
        "login_failures_per_address",
        "failed sign-ins allowed per client address per hour; default 100",
    ),
    Setting::new(
        "BAHI_INVITATIONS_PER_ORG_PER_DAY",
        "invitations_per_org_per_day",
        "invitations an organisation may send per day; default 50",
    ),
    Setting::new(
        "BAHI_INVITATIONS_PER_INVITER_PER_HOUR",
        "invitations_per_inviter_per_hour",
        "invitations one person may send per hour; default 20",
    ),
    Setting::new(
        "BAHI_LOG",
        "log",
        "log filter in tracing's syntax, e.g. info or bahi=debug; default info",
    ),
    Setting::new(
        "BAHI_LOG_FORMAT",
        "log_format",
        "text or json; default text in development, json elsewhere",
    ),
];
