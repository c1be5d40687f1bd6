//! Every setting, declared once: its environment variable, its `bahi.toml` key, its default and
//! what it means. The loader reads settings only through these declarations (`Raw::get` takes a
//! `&Setting`, so an undeclared variable cannot be read), docs/CONFIGURATION.md's table is
//! generated from them ([`docs_table`]), `.env.example` is checked against them, and `bahi
//! doctor` asks each [`Integration`] whether it is configured. A new integration (SMTP, Razorpay,
//! an LLM) is its settings here and one entry in [`INTEGRATIONS`].

#[derive(Debug)]
pub struct Setting {
    pub var: &'static str,
    pub key: &'static str,
    /// The default, as the docs say it.
    pub default: &'static str,
    pub help: &'static str,
}

const fn setting(
    var: &'static str,
    key: &'static str,
    default: &'static str,
    help: &'static str,
) -> Setting {
    Setting {
        var,
        key,
        default,
        help,
    }
}

pub const ENV: Setting = setting(
    "BAHI_ENV",
    "env",
    "`development`",
    "`development`, `staging` or `production`; changes defaults and gates",
);
pub const DATABASE_URL: Setting = setting(
    "DATABASE_URL",
    "database_url",
    "`sqlite://data/bahi.db`",
    "`sqlite://PATH` (file and folder created on first start) or `postgres://USER:PASSWORD@HOST:PORT/DB`",
);
pub const PORT: Setting = setting("PORT", "port", "`8080`", "TCP port");
pub const BIND: Setting = setting(
    "BAHI_BIND",
    "bind",
    "`127.0.0.1`; `0.0.0.0` when `PORT` is set",
    "listen address; platforms that set `PORT` route from outside the container",
);
pub const PUBLIC_URL: Setting = setting(
    "BAHI_PUBLIC_URL",
    "public_url",
    "`http://127.0.0.1:PORT`",
    "the address users reach; links, cookie `Secure`, origin checks",
);
pub const SECRET_KEY: Setting = setting(
    "BAHI_SECRET_KEY",
    "secret_key",
    "random in development",
    "at least 32 bytes; signs cookies and CSRF tokens, keys the audit trail; in production it must look random (16+ different characters)",
);
pub const SECRET_KEY_PREVIOUS: Setting = setting(
    "BAHI_SECRET_KEY_PREVIOUS",
    "secret_key_previous",
    "empty",
    "after a rotation, the earlier keys (comma-separated): what they signed (the audit trail) still verifies",
);
pub const ALLOWED_ORIGINS: Setting = setting(
    "BAHI_ALLOWED_ORIGINS",
    "allowed_origins",
    "the public URL's origin",
    "comma-separated browser origins allowed to call the API; `*` is refused",
);
pub const SENTRY_DSN: Setting = setting(
    "SENTRY_DSN",
    "sentry_dsn",
    "empty (off)",
    "error reporting; without it nothing is sent anywhere",
);
pub const SENTRY_TRACES_SAMPLE_RATE: Setting = setting(
    "BAHI_SENTRY_TRACES_SAMPLE_RATE",
    "sentry_traces_sample_rate",
    "`0`",
    "share of requests traced (0 to 1)",
);
pub const RELEASE: Setting = setting(
    "BAHI_RELEASE",
    "release",
    "`bahi@VERSION` (+ the commit on Railway)",
    "release name in Sentry",
);
pub const RAILWAY_ENVIRONMENT_NAME: Setting = setting(
    "RAILWAY_ENVIRONMENT_NAME",
    "railway_environment_name",
    "set by Railway",
    "Sentry environment (else `BAHI_ENV`)",
);
pub const RAILWAY_GIT_COMMIT_SHA: Setting = setting(
    "RAILWAY_GIT_COMMIT_SHA",
    "railway_git_commit_sha",
    "set by Railway",
    "commit part of the Sentry release",
);
pub const SMTP_URL: Setting = setting(
    "BAHI_SMTP_URL",
    "smtp_url",
    "empty (mail is off)",
    "`smtps://` (TLS), `smtp://…?tls=required` (STARTTLS) or `smtp://` relay",
);
pub const MAIL_FROM: Setting = setting(
    "BAHI_MAIL_FROM",
    "mail_from",
    "empty",
    "sender address (`bahi@example.com` or `Bahi <bahi@example.com>`); needed with `BAHI_SMTP_URL`",
);
pub const MAIL_MAX_ATTEMPTS: Setting = setting(
    "BAHI_MAIL_MAX_ATTEMPTS",
    "mail_max_attempts",
    "`8`",
    "delivery attempts before a message goes to the dead letters (1–100)",
);
pub const MAIL_RETRY_SECS: Setting = setting(
    "BAHI_MAIL_RETRY_SECS",
    "mail_retry_secs",
    "`60`",
    "wait before the first retry; each later one waits twice as long, at most 6 hours (0–86400)",
);
pub const REMINDERS_INTERVAL_SECS: Setting = setting(
    "BAHI_REMINDERS_INTERVAL_SECS",
    "reminders_interval_secs",
    "`3600`",
    "how often `serve` looks for payment reminders to send (1–86400; with mail on)",
);
pub const RAZORPAY_API_URL: Setting = setting(
    "BAHI_RAZORPAY_API_URL",
    "razorpay_api_url",
    "`https://api.razorpay.com/`",
    "Razorpay's API (each business connects its own keys on its settings page; change this only to test against a mock)",
);
pub const STRIPE_API_URL: Setting = setting(
    "BAHI_STRIPE_API_URL",
    "stripe_api_url",
    "`https://api.stripe.com/`",
    "Stripe's API (as above)",
);
pub const GATEWAY_TIMEOUT_SECS: Setting = setting(
    "BAHI_GATEWAY_TIMEOUT_SECS",
    "gateway_timeout_secs",
    "`15`",
    "how long a call to a payment gateway may take (1–120)",
);
pub const LLM_BASE_URL: Setting = setting(
    "BAHI_LLM_BASE_URL",
    "llm_base_url",
    "empty (HSN help uses the offline list)",
    "an OpenAI-compatible API (`https://api.openai.com/v1`, or a local model's, e.g. `http://127.0.0.1:11434/v1`) that suggests HSN/SAC codes",
);
pub const LLM_API_KEY: Setting = setting(
    "BAHI_LLM_API_KEY",
    "llm_api_key",
    "empty",
    "its bearer key (a local model may need none)",
);
pub const LLM_MODEL: Setting = setting(
    "BAHI_LLM_MODEL",
    "llm_model",
    "empty",
    "the model to ask; needed with `BAHI_LLM_BASE_URL`",
);
pub const LLM_TIMEOUT_SECS: Setting = setting(
    "BAHI_LLM_TIMEOUT_SECS",
    "llm_timeout_secs",
    "`10`",
    "how long HSN help waits for the model before it answers from the offline list (1–60)",
);
pub const METRICS_TOKEN: Setting = setting(
    "BAHI_METRICS_TOKEN",
    "metrics_token",
    "empty (`/metrics` answers 404)",
    "bearer token `GET /metrics` requires (at least 16 characters)",
);
pub const MIGRATIONS_APPROVED: Setting = setting(
    "BAHI_MIGRATIONS_APPROVED",
    "migrations_approved",
    "empty",
    "fingerprint of the migration plan approved for this environment",
);
pub const DB_MAX_CONNECTIONS: Setting = setting(
    "BAHI_DB_MAX_CONNECTIONS",
    "db_max_connections",
    "`10`",
    "pool size (1–1000)",
);
pub const DB_MIN_CONNECTIONS: Setting = setting(
    "BAHI_DB_MIN_CONNECTIONS",
    "db_min_connections",
    "`0`",
    "idle connections kept open",
);
pub const DB_ACQUIRE_TIMEOUT_SECS: Setting = setting(
    "BAHI_DB_ACQUIRE_TIMEOUT_SECS",
    "db_acquire_timeout_secs",
    "`5`",
    "wait for a pooled connection (then 503)",
);
pub const DB_IDLE_TIMEOUT_SECS: Setting = setting(
    "BAHI_DB_IDLE_TIMEOUT_SECS",
    "db_idle_timeout_secs",
    "`600`",
    "close idle connections after",
);
pub const REQUEST_TIMEOUT_SECS: Setting = setting(
    "BAHI_REQUEST_TIMEOUT_SECS",
    "request_timeout_secs",
    "`30`",
    "a request running longer is answered 408",
);
pub const SHUTDOWN_TIMEOUT_SECS: Setting = setting(
    "BAHI_SHUTDOWN_TIMEOUT_SECS",
    "shutdown_timeout_secs",
    "`25`",
    "after SIGTERM, how long in-flight requests may take before the process stops anyway; keep it under your platform's draining time",
);
pub const SESSION_IDLE_MINUTES: Setting = setting(
    "BAHI_SESSION_IDLE_MINUTES",
    "session_idle_minutes",
    "`120`",
    "a session unused this long ends",
);
pub const SESSION_ABSOLUTE_HOURS: Setting = setting(
    "BAHI_SESSION_ABSOLUTE_HOURS",
    "session_absolute_hours",
    "`12`",
    "a session ends this long after sign-in, however busy",
);
pub const TRUSTED_PROXIES: Setting = setting(
    "BAHI_TRUSTED_PROXIES",
    "trusted_proxies",
    "none",
    "proxies (addresses or CIDR) whose `X-Forwarded-For` names the client; without them the TCP peer is the client",
);
pub const SIGNUP_LIMIT_PER_HOUR: Setting = setting(
    "BAHI_SIGNUP_LIMIT_PER_HOUR",
    "signup_limit_per_hour",
    "`20`",
    "sign-ups per client address per hour (then 429)",
);
pub const LOGIN_FAILURES_PER_ACCOUNT: Setting = setting(
    "BAHI_LOGIN_FAILURES_PER_ACCOUNT",
    "login_failures_per_account",
    "`10`",
    "failed password checks per account per 15 minutes (then 429 with `Retry-After`, even for the right password)",
);
pub const LOGIN_FAILURES_PER_ADDRESS: Setting = setting(
    "BAHI_LOGIN_FAILURES_PER_ADDRESS",
    "login_failures_per_address",
    "`100`",
    "failed password checks per client address per hour",
);
pub const INVITATIONS_PER_ORG_PER_DAY: Setting = setting(
    "BAHI_INVITATIONS_PER_ORG_PER_DAY",
    "invitations_per_org_per_day",
    "`50`",
    "invitations (and re-sends) an organisation may send per day (then 429)",
);
pub const INVITATIONS_PER_INVITER_PER_HOUR: Setting = setting(
    "BAHI_INVITATIONS_PER_INVITER_PER_HOUR",
    "invitations_per_inviter_per_hour",
    "`20`",
    "invitations one person may send per hour",
);
pub const LOG: Setting = setting(
    "BAHI_LOG",
    "log",
    "`info`",
    "log filter (`info`, `bahi_store=debug,info`, …)",
);
pub const LOG_FORMAT: Setting = setting(
    "BAHI_LOG_FORMAT",
    "log_format",
    "`text` in development, `json` elsewhere",
    "`text` or `json`",
);

/// Every setting, in the order the docs list them.
pub const SETTINGS: &[&Setting] = &[
    &ENV,
    &DATABASE_URL,
    &PORT,
    &BIND,
    &PUBLIC_URL,
    &SECRET_KEY,
    &SECRET_KEY_PREVIOUS,
    &ALLOWED_ORIGINS,
    &SENTRY_DSN,
    &SENTRY_TRACES_SAMPLE_RATE,
    &RELEASE,
    &RAILWAY_ENVIRONMENT_NAME,
    &RAILWAY_GIT_COMMIT_SHA,
    &SMTP_URL,
    &MAIL_FROM,
    &MAIL_MAX_ATTEMPTS,
    &MAIL_RETRY_SECS,
    &REMINDERS_INTERVAL_SECS,
    &RAZORPAY_API_URL,
    &STRIPE_API_URL,
    &GATEWAY_TIMEOUT_SECS,
    &LLM_BASE_URL,
    &LLM_API_KEY,
    &LLM_MODEL,
    &LLM_TIMEOUT_SECS,
    &METRICS_TOKEN,
    &MIGRATIONS_APPROVED,
    &DB_MAX_CONNECTIONS,
    &DB_MIN_CONNECTIONS,
    &DB_ACQUIRE_TIMEOUT_SECS,
    &DB_IDLE_TIMEOUT_SECS,
    &REQUEST_TIMEOUT_SECS,
    &SHUTDOWN_TIMEOUT_SECS,
    &SESSION_IDLE_MINUTES,
    &SESSION_ABSOLUTE_HOURS,
    &TRUSTED_PROXIES,
    &SIGNUP_LIMIT_PER_HOUR,
    &LOGIN_FAILURES_PER_ACCOUNT,
    &LOGIN_FAILURES_PER_ADDRESS,
    &INVITATIONS_PER_ORG_PER_DAY,
    &INVITATIONS_PER_INVITER_PER_HOUR,
    &LOG,
    &LOG_FORMAT,
];

/// An outside service bahi uses when its settings are given, and is fine without.
pub struct Integration {
    /// How `bahi doctor` names its check.
    pub name: &'static str,
    /// All of these must be set for it to be on.
    pub settings: &'static [&'static Setting],
    /// What `doctor` advises while it is off.
    pub fix: &'static str,
}

pub const INTEGRATIONS: &[Integration] = &[
    Integration {
        name: "Sentry configured",
        settings: &[&SENTRY_DSN],
        fix: "set SENTRY_DSN so errors reach you, not only the logs",
    },
    Integration {
        name: "mail configured",
        settings: &[&SMTP_URL, &MAIL_FROM],
        fix: "set BAHI_SMTP_URL and BAHI_MAIL_FROM so invitations and invoices can be emailed",
    },
];

/// The settings table of docs/CONFIGURATION.md.
#[must_use]
pub fn docs_table() -> String {
    let mut table =
        String::from("| variable | `bahi.toml` key | default | meaning |\n|---|---|---|---|\n");
    for s in SETTINGS {
        table.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            s.var, s.key, s.default, s.help
        ));
    }
    table
}
