//! What every command shares: the async runtime, the validated configuration, and for commands
//! that work on the database a [`Site`] — the configuration, the use cases' services and this
//! release's migrations — plus how a use case's error reads at the command line.

use std::process::ExitCode;

/// Exit status for a configuration that failed validation.
pub const EXIT_CONFIG: u8 = 2;

pub fn with_runtime(work: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(work),
        Err(e) => {
            eprintln!("bahi: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Loads and validates the configuration, printing every problem on its own line.
pub fn load_config() -> Result<bahi_server::config::Config, ExitCode> {
    bahi_server::config::Config::from_process_env().map_err(|errors| {
        eprintln!("{errors}");
        ExitCode::from(EXIT_CONFIG)
    })
}

/// What a command working on the database has: the configuration, the use cases' services
/// (the database and the deployment's rules), and this release's migrations.
pub struct Site {
    pub config: bahi_server::config::Config,
    pub services: bahi_app::Services,
    pub migrations: bahi_store::migrate::Migrations,
}

impl Site {
    pub fn db(&self) -> &bahi_store::Db {
        &self.services.db
    }
}

/// The operator at the command line, as the audit trail names them.
pub const OPERATOR: bahi_app::Operator = bahi_app::Operator {
    label: "bahi (command line)",
};

/// Runs a command that needs the configured, migrated database.
pub async fn with_site<F, Fut>(work: F) -> ExitCode
where
    F: FnOnce(Site) -> Fut,
    Fut: std::future::Future<Output = ExitCode>,
{
    with_database(true, work).await
}

/// Runs a command on the configured database; `require_current` refuses while migrations are
/// pending (commands that write rows need the schema they were written for).
pub async fn with_database<F, Fut>(require_current: bool, work: F) -> ExitCode
where
    F: FnOnce(Site) -> Fut,
    Fut: std::future::Future<Output = ExitCode>,
{
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    bahi_server::telemetry::init(
        &config.log_filter,
        config.log_format,
        bahi_server::telemetry::LogTarget::Stderr,
    );
    let db = match bahi_store::Db::connect(&config.database_url, &config.pool).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!(
                "cannot open the database {}: {error}",
                config.database_identity()
            );
            return ExitCode::FAILURE;
        }
    };
    let migrations = bahi_app::migrations::release();
    match migrations.status(&db).await {
        _ if !require_current => {}
        Ok(status) if status.is_current() => {}
        Ok(status) => {
            eprintln!("{}", bahi_server::health::pending_summary(&status));
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("cannot read the migration status: {error}");
            return ExitCode::FAILURE;
        }
    }
    let services = bahi_app::Services::new(db.clone(), config.policy());
    let code = work(Site {
        config,
        services,
        migrations,
    })
    .await;
    db.close().await;
    code
}

/// A use case's error as the operator reads it (the catalogue's English; field errors as
/// "field message").
pub fn say(error: &bahi_app::Error) -> String {
    use bahi_server::i18n::{Lang, say};
    match error {
        bahi_app::Error::Invalid(errors) => errors
            .iter()
            .map(|e| format!("{} {}", e.field, say(Lang::En, &e.message)))
            .collect::<Vec<_>>()
            .join("; "),
        bahi_app::Error::Duplicate(e) => format!("{} {}", e.field, say(Lang::En, &e.message)),
        bahi_app::Error::Forbidden(m) | bahi_app::Error::Conflict(m) => say(Lang::En, m),
        other => other.to_string(),
    }
}
