//! Configuration (DESIGN.md §5): defaults, then an optional `bahi.toml`, then the environment.
//! Every value is validated before the port opens; every problem is reported at once, one line
//! each, naming the variable.

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

use bahi_store::identity::audit::AuditKeys;
use bahi_store::{Db, PoolSettings};

mod checks;
mod settings;
mod sources;

use checks::low_variety;
pub(crate) use checks::weak_secret;
use checks::{looks_like_mailbox, parse_origin, random_key};
pub use settings::{SETTINGS, Setting};
use sources::{Raw, err, read_file};

/// The environment variable naming an explicit configuration file.
pub const CONFIG_FILE_VAR: &str = "BAHI_CONFIG";
pub(crate) const DEFAULT_CONFIG_FILE: &str = "bahi.toml";
const DEFAULT_DATABASE_URL: &str = "sqlite://data/bahi.db";
const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Staging,
    Production,
}

impl Environment {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Staging => "staging",
            Self::Production => "production",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Key material for signing; never printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub env: Environment,
    /// May hold a password: log [`Config::database_identity`] instead.
    pub database_url: String,
    pub bind: IpAddr,
    pub port: u16,
    pub public_url: url::Url,
    pub secret_key: SecretKey,
    /// Keys used before the current one (a rotation): what they signed still verifies.
    pub secret_key_previous: Vec<SecretKey>,
    /// True when the key was generated for this run (development only).
    pub secret_key_generated: bool,
    /// The keys the audit trail is signed and checked with (derived from the secret keys).
    pub audit_keys: AuditKeys,
    pub allowed_origins: Vec<String>,
    pub sentry_dsn: Option<String>,
    pub sentry: SentrySettings,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub migrations_approved: Option<String>,
    pub pool: PoolSettings,
    pub request_timeout: Duration,
    pub shutdown_timeout: Duration,
    pub log_filter: String,
    pub log_format: LogFormat,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// Peers whose `X-Forwarded-For` names the real client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub limits: Limits,
    /// Cookies carry `Secure` (and the `__Host-` prefix with https).
    pub secure_cookies: bool,
    /// `serve` applies pending migrations itself (development only).
    pub auto_migrate: bool,
    /// The file the values came from, if any.
    pub file: Option<PathBuf>,
    /// Variables given explicitly (environment or file) rather than defaulted; `bahi doctor` asks.
    pub explicitly_set: Vec<&'static str>,
}

/// How errors are reported to Sentry (when `SENTRY_DSN` is set).
#[derive(Debug, Clone)]
pub struct SentrySettings {
    pub environment: String,
    pub release: String,
    pub traces_sample_rate: f32,
}

/// Sign-up and sign-in throttling (API.md, Authentication).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub signups_per_hour: i64,
    pub login_failures_per_account: i64,
    pub login_failures_per_address: i64,
    pub invitations_per_org_per_day: i64,
    pub invitations_per_inviter_per_hour: i64,
}

/// One configuration problem, naming the variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.var, self.message)
    }
}

/// Every problem found, one per line when displayed.
#[derive(Debug, Clone)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "configuration error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

impl Config {
    /// Reads the process environment (and the config file it points at).
    pub fn from_process_env() -> Result<Self, ConfigErrors> {
        let vars: HashMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Self::load(&vars)
    }

    /// Loads from the given environment variables: defaults → config file → environment.
    pub fn load(vars: &HashMap<String, String>) -> Result<Self, ConfigErrors> {
        let mut errors = Vec::new();
        let (file, file_values) = read_file(vars, &mut errors);
        let raw = Raw {
            vars,
            file: file_values,
        };
        let config = Self::parse(&raw, file, &mut errors);
        match config {
            Some(config) if errors.is_empty() => Ok(config),
            _ => Err(ConfigErrors(errors)),
        }
    }

    fn parse(raw: &Raw<'_>, file: Option<PathBuf>, errors: &mut Vec<ConfigError>) -> Option<Self> {
        let env = match raw.get("BAHI_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("staging") => Environment::Staging,
            Some("production") => Environment::Production,
            Some(other) => {
                errors.push(err(
                    "BAHI_ENV",
                    format!("must be development, staging or production, not {other:?}"),
                ));
                Environment::Development
            }
        };
        let development = env == Environment::Development;

        let database_url = raw
            .get("DATABASE_URL")
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if let Err(e) = Db::check_url(&database_url) {
            // The error text never repeats the URL, which may hold a password.
            errors.push(err(
                "DATABASE_URL",
                e.to_string().trim_start_matches("DATABASE_URL ").to_owned(),
            ));
        }

        let port = raw.number::<u16>("PORT", 8080, 1, u16::MAX, errors);
        let bind = match raw.get("BAHI_BIND") {
            Some(text) => text.parse::<IpAddr>().unwrap_or_else(|_| {
                errors.push(err(
                    "BAHI_BIND",
                    format!("must be an IP address such as 127.0.0.1 or 0.0.0.0, not {text:?}"),
                ));
                IpAddr::V4(Ipv4Addr::LOCALHOST)
            }),
            // A platform that sets PORT routes traffic from outside the container.
            None if raw.get("PORT").is_some() => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            None => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };

        let public_url = match raw.get("BAHI_PUBLIC_URL") {
            Some(text) => match url::Url::parse(&text) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(u),
                _ => {
                    errors.push(err(
                        "BAHI_PUBLIC_URL",
                        format!("must be an http:// or https:// URL, not {text:?}"),
                    ));
                    None
                }
            },
            None => url::Url::parse(&format!("http://127.0.0.1:{port}")).ok(),
        };
        let public_url = public_url.unwrap_or_else(|| {
            url::Url::parse("http://127.0.0.1:8080").expect("a valid literal URL")
        });
        if env == Environment::Production
            && public_url.scheme() != "https"
            && raw.get("BAHI_PUBLIC_URL").is_some()
        {
            tracing::warn!("BAHI_PUBLIC_URL is not https in production");
        }

        let (secret_key, secret_key_generated) = match raw.get("BAHI_SECRET_KEY") {
            Some(key) if key.len() < MIN_SECRET_BYTES => {
                errors.push(err(
                    "BAHI_SECRET_KEY",
                    format!(
                        "must be at least {MIN_SECRET_BYTES} bytes long, got {}",
                        key.len()
                    ),
                ));
                (SecretKey(Vec::new()), false)
            }
            Some(key)
                if env == Environment::Production && low_variety(key.as_bytes()).is_some() =>
            {
                let why = low_variety(key.as_bytes()).unwrap_or_default();
                errors.push(err(
                    "BAHI_SECRET_KEY",
                    format!("{why}; use at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -base64 48`"),
                ));
                (SecretKey(Vec::new()), false)
            }
            Some(key) => (SecretKey(key.into_bytes()), false),
            None if development => (SecretKey(random_key()), true),
            None => {
                errors.push(err("BAHI_SECRET_KEY", format!("is required in {} (at least {MIN_SECRET_BYTES} random bytes, e.g. `openssl rand -base64 48`)", env.as_str())));
                (SecretKey(Vec::new()), false)
            }
        };
        let secret_key_previous: Vec<SecretKey> = raw
            .get("BAHI_SECRET_KEY_PREVIOUS")
            .map(|list| {
                list.split([',', ' '])
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .filter_map(|k| {
                        if k.len() < MIN_SECRET_BYTES {
                            errors.push(err(
                                "BAHI_SECRET_KEY_PREVIOUS",
                                format!("each key must be at least {MIN_SECRET_BYTES} bytes long"),
                            ));
                            return None;
                        }
                        Some(SecretKey(k.as_bytes().to_vec()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let audit_keys = if secret_key_generated {
            AuditKeys::development()
        } else {
            let previous: Vec<&[u8]> = secret_key_previous
                .iter()
                .map(SecretKey::as_bytes)
                .collect();
            AuditKeys::new(secret_key.as_bytes(), &previous)
        };

        let allowed_origins = match raw.get("BAHI_ALLOWED_ORIGINS") {
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .filter_map(|origin| match parse_origin(origin) {
                    Ok(o) => Some(o),
                    Err(why) => {
                        errors.push(err("BAHI_ALLOWED_ORIGINS", format!("{origin:?} {why}")));
                        None
                    }
                })
                .collect(),
            None => vec![public_url.origin().ascii_serialization()],
        };

        let sentry_dsn = raw.get("SENTRY_DSN");
        if let Some(dsn) = &sentry_dsn
            && dsn.parse::<sentry::types::Dsn>().is_err()
        {
            errors.push(err(
                "SENTRY_DSN",
                "must look like https://KEY@HOST/PROJECT_ID".to_owned(),
            ));
        }
        let traces_sample_rate = match raw.get("BAHI_SENTRY_TRACES_SAMPLE_RATE") {
            None => 0.0,
            Some(text) => match text.parse::<f32>() {
                Ok(rate) if (0.0..=1.0).contains(&rate) => rate,
                _ => {
                    errors.push(err(
                        "BAHI_SENTRY_TRACES_SAMPLE_RATE",
                        format!("must be a number from 0 to 1, not {text:?}"),
                    ));
                    0.0
                }
            },
        };
        let version = env!("CARGO_PKG_VERSION");
        let release =
            raw.get("BAHI_RELEASE")
                .unwrap_or_else(|| match raw.get("RAILWAY_GIT_COMMIT_SHA") {
                    Some(sha) => format!(
                        "bahi@{version}+{}",
                        sha.chars().take(12).collect::<String>()
                    ),
                    None => format!("bahi@{version}"),
                });
        let sentry_settings = SentrySettings {
            environment: raw
                .get("RAILWAY_ENVIRONMENT_NAME")
                .unwrap_or_else(|| env.as_str().to_owned()),
            release,
            traces_sample_rate,
        };
        let smtp_url = raw.get("BAHI_SMTP_URL");
        if let Some(smtp) = &smtp_url
            && !url::Url::parse(smtp)
                .is_ok_and(|u| matches!(u.scheme(), "smtp" | "smtps") && u.host().is_some())
        {
            errors.push(err(
                "BAHI_SMTP_URL",
                "must be an smtp:// or smtps:// URL with a host".to_owned(),
            ));
        }
        let mail_from = raw.get("BAHI_MAIL_FROM");
        if let Some(from) = &mail_from
            && !looks_like_mailbox(from)
        {
            errors.push(err("BAHI_MAIL_FROM", format!("must be an email address such as bahi@example.com or \"Bahi <bahi@example.com>\", not {from:?}")));
        }
        let migrations_approved = raw.get("BAHI_MIGRATIONS_APPROVED");
        if let Some(fp) = &migrations_approved
            && !fp.chars().all(|c| c.is_ascii_hexdigit())
        {
            errors.push(err(
                "BAHI_MIGRATIONS_APPROVED",
                "must be the hexadecimal fingerprint printed by `bahi migrate plan`".to_owned(),
            ));
        }

        let max = raw.number::<u32>("BAHI_DB_MAX_CONNECTIONS", 10, 1, 1000, errors);
        let min = raw.number::<u32>("BAHI_DB_MIN_CONNECTIONS", 0, 0, 1000, errors);
        if min > max {
            errors.push(err(
                "BAHI_DB_MIN_CONNECTIONS",
                format!("({min}) must not exceed BAHI_DB_MAX_CONNECTIONS ({max})"),
            ));
        }
        let pool = PoolSettings {
            max_connections: max,
            min_connections: min,
            acquire_timeout: Duration::from_secs(raw.number(
                "BAHI_DB_ACQUIRE_TIMEOUT_SECS",
                5,
                1,
                600,
                errors,
            )),
            idle_timeout: Duration::from_secs(raw.number(
                "BAHI_DB_IDLE_TIMEOUT_SECS",
                600,
                1,
                86_400,
                errors,
            )),
            ..PoolSettings::default()
        };
        let request_timeout =
            Duration::from_secs(raw.number("BAHI_REQUEST_TIMEOUT_SECS", 30, 1, 3600, errors));
        let shutdown_timeout =
            Duration::from_secs(raw.number("BAHI_SHUTDOWN_TIMEOUT_SECS", 25, 0, 3600, errors));

        let log_filter = raw.get("BAHI_LOG").unwrap_or_else(|| "info".to_owned());
        if let Err(e) = tracing_subscriber::EnvFilter::builder().parse(&log_filter) {
            errors.push(err("BAHI_LOG", format!("is not a valid log filter: {e}")));
        }
        let log_format = match raw.get("BAHI_LOG_FORMAT").as_deref() {
            None if development => LogFormat::Text,
            None => LogFormat::Json,
            Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                errors.push(err(
                    "BAHI_LOG_FORMAT",
                    format!("must be text or json, not {other:?}"),
                ));
                LogFormat::Text
            }
        };

        let session_idle = Duration::from_secs(
            60 * raw.number::<u64>("BAHI_SESSION_IDLE_MINUTES", 120, 1, 60 * 24 * 30, errors),
        );
        let session_absolute = Duration::from_secs(
            3600 * raw.number::<u64>("BAHI_SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 90, errors),
        );
        if session_idle > session_absolute {
            errors.push(err(
                "BAHI_SESSION_IDLE_MINUTES",
                "must not be longer than BAHI_SESSION_ABSOLUTE_HOURS".to_owned(),
            ));
        }
        let trusted_proxies = raw
            .get("BAHI_TRUSTED_PROXIES")
            .map(|list| {
                list.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .filter_map(|entry| {
                        let parsed = entry
                            .parse::<ipnet::IpNet>()
                            .or_else(|_| entry.parse::<IpAddr>().map(ipnet::IpNet::from));
                        parsed
                            .map_err(|_| {
                                errors.push(err(
                                    "BAHI_TRUSTED_PROXIES",
                                    format!("{entry:?} is not an address or CIDR range"),
                                ))
                            })
                            .ok()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let limits = Limits {
            signups_per_hour: raw.number("BAHI_SIGNUP_LIMIT_PER_HOUR", 20, 1, 1_000_000, errors),
            login_failures_per_account: raw.number(
                "BAHI_LOGIN_FAILURES_PER_ACCOUNT",
                10,
                1,
                1_000_000,
                errors,
            ),
            login_failures_per_address: raw.number(
                "BAHI_LOGIN_FAILURES_PER_ADDRESS",
                100,
                1,
                1_000_000,
                errors,
            ),
            invitations_per_org_per_day: raw.number(
                "BAHI_INVITATIONS_PER_ORG_PER_DAY",
                50,
                1,
                1_000_000,
                errors,
            ),
            invitations_per_inviter_per_hour: raw.number(
                "BAHI_INVITATIONS_PER_INVITER_PER_HOUR",
                20,
                1,
                1_000_000,
                errors,
            ),
        };

        let secure_cookies = !development || public_url.scheme() == "https";
        Some(Self {
            env,
            database_url,
            bind,
            port,
            public_url,
            secret_key,
            secret_key_previous,
            secret_key_generated,
            audit_keys,
            allowed_origins,
            sentry_dsn,
            sentry: sentry_settings,
            smtp_url,
            mail_from,
            migrations_approved,
            pool,
            request_timeout,
            shutdown_timeout,
            log_filter,
            log_format,
            session_idle,
            session_absolute,
            trusted_proxies,
            limits,
            secure_cookies,
            auto_migrate: development,
            file,
            explicitly_set: SETTINGS
                .iter()
                .map(|s| s.var)
                .filter(|v| raw.get(v).is_some())
                .collect(),
        })
    }

    /// The database without credentials, for logs.
    #[must_use]
    pub fn database_identity(&self) -> String {
        match url::Url::parse(&self.database_url) {
            Ok(mut u) if u.scheme().starts_with("postgres") => {
                let _ = u.set_password(None);
                u.set_query(None);
                u.to_string()
            }
            _ => self.database_url.clone(),
        }
    }
}
