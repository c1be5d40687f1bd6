//! Configuration (DESIGN.md §5): defaults, then an optional `bahi.toml`, then the environment.
//! Every value is validated before the port opens; every problem is reported at once, one line
//! each, naming the variable. Each setting is declared once in [`settings`]; each concern reads
//! its own ([`network`], [`secrets`], [`database`], [`reporting`], [`access`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use bahi_app::{Limits, Policy};
use bahi_store::PoolSettings;
use bahi_store::identity::audit::AuditKeys;

mod access;
mod ai;
mod database;
mod environment;
mod errors;
mod gateways;
mod mail;
mod network;
mod reporting;
mod secrets;
pub mod settings;
mod sources;

pub use environment::{Environment, LogFormat};
pub use errors::{ConfigError, ConfigErrors};
pub use reporting::SentrySettings;
pub use secrets::SecretKey;
pub(crate) use secrets::weak_secret;
pub use settings::{INTEGRATIONS, Integration, SETTINGS, Setting};
pub use sources::CONFIG_FILE_VAR;
use sources::{Raw, err, read_file};

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
    /// Seals the secrets the server reads back (derived from the secret keys).
    pub sealing: bahi_app::secrets::SecretBox,
    pub allowed_origins: Vec<String>,
    pub sentry_dsn: Option<String>,
    pub sentry: SentrySettings,
    /// May hold a password: never log it.
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    /// Mail as the use cases and the outbox worker see it; `None`: mail is off.
    pub mail: Option<(
        bahi_app::mail::policy::MailPolicy,
        bahi_app::mail::worker::Delivery,
    )>,
    /// Where the payment gateways' APIs are.
    pub gateways: bahi_app::gateways::policy::GatewayPolicy,
    /// The model HSN help asks; `None`: the offline list answers.
    pub llm: Option<bahi_app::masters::hsn_model::LlmPolicy>,
    /// How often `serve` queues the payment reminders that are due (with mail on).
    pub reminders_every: Duration,
    /// `GET /metrics` answers only with this bearer token; `None`: it answers 404.
    pub metrics_token: Option<String>,
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

fn environment(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> Environment {
    match raw.get(&settings::ENV).as_deref() {
        None | Some("development") => Environment::Development,
        Some("staging") => Environment::Staging,
        Some("production") => Environment::Production,
        Some(other) => {
            errors.push(err(
                &settings::ENV,
                format!("must be development, staging or production, not {other:?}"),
            ));
            Environment::Development
        }
    }
}

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
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(ConfigErrors(errors))
        }
    }

    fn parse(raw: &Raw<'_>, file: Option<PathBuf>, errors: &mut Vec<ConfigError>) -> Self {
        let env = environment(raw, errors);
        let development = env == Environment::Development;
        let database = database::read(raw, errors);
        let network = network::read(raw, env, errors);
        let secrets = secrets::read(raw, env, errors);
        let reporting = reporting::read(raw, env, errors);
        let access = access::read(raw, errors);
        let mail = mail::read(raw, errors);
        let gateways = gateways::read(raw, errors);
        let llm = ai::read(raw, errors);
        let secure_cookies = !development || network.public_url.scheme() == "https";
        Self {
            env,
            database_url: database.url,
            bind: network.bind,
            port: network.port,
            public_url: network.public_url,
            secret_key: secrets.key,
            secret_key_previous: secrets.previous,
            secret_key_generated: secrets.generated,
            audit_keys: secrets.audit_keys,
            sealing: secrets.sealing,
            allowed_origins: network.allowed_origins,
            sentry_dsn: reporting.sentry_dsn,
            sentry: reporting.sentry,
            smtp_url: mail.smtp_url,
            mail_from: mail.mail_from,
            mail: mail.on,
            reminders_every: mail.reminders_every,
            gateways,
            llm,
            metrics_token: reporting.metrics_token,
            migrations_approved: database.migrations_approved,
            pool: database.pool,
            request_timeout: network.request_timeout,
            shutdown_timeout: network.shutdown_timeout,
            log_filter: reporting.log_filter,
            log_format: reporting.log_format,
            session_idle: access.session_idle,
            session_absolute: access.session_absolute,
            trusted_proxies: network.trusted_proxies,
            limits: access.limits,
            secure_cookies,
            auto_migrate: development,
            file,
            explicitly_set: SETTINGS
                .iter()
                .filter(|s| raw.get(s).is_some())
                .map(|s| s.var)
                .collect(),
        }
    }

    /// Whether an integration has every setting it needs.
    #[must_use]
    pub fn has(&self, integration: &Integration) -> bool {
        integration
            .settings
            .iter()
            .all(|s| self.explicitly_set.contains(&s.var))
    }

    /// The rules the use cases run by.
    #[must_use]
    pub fn policy(&self) -> Policy {
        Policy {
            audit_keys: self.audit_keys.clone(),
            sealing: self.sealing.clone(),
            limits: self.limits,
            session_idle: self.session_idle,
            session_absolute: self.session_absolute,
            public_url: self.public_url.to_string(),
            production: self.env == Environment::Production,
            mail: self.mail.as_ref().map(|(policy, _)| policy.clone()),
            gateways: self.gateways.clone(),
            llm: self.llm.clone(),
        }
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
