//! The `bahi` command: serve the application, migrate its database with review, probe health.

mod admin;
mod backup;
mod healthcheck;
mod migrate;
mod seed;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bahi",
    version,
    about = "GST invoicing and accounting for Indian businesses"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the JSON API.
    Serve,
    /// Review and apply database migrations.
    Migrate {
        #[command(subcommand)]
        command: migrate::MigrateCommand,
    },
    /// Platform administration: administrators and password resets.
    Admin {
        #[command(subcommand)]
        command: admin::AdminCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Score this deployment's readiness for production out of 10, with how to fix each miss.
    Doctor {
        /// Exit non-zero below 10.
        #[arg(long)]
        strict: bool,
    },
    /// Back up the database: a checked SQLite snapshot, or pg_dump for PostgreSQL.
    Backup {
        /// Where to write it; default backups/bahi-TIMESTAMP.db beside the SQLite file.
        #[arg(long)]
        to: Option<std::path::PathBuf>,
    },
    /// Replace the SQLite database with a backup (refused while `bahi serve` has it open).
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Fill the database with demo data (refused in production).
    Seed {
        /// A demo organisation with an owner and an accountant; prints their passwords.
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Exit 0 when the local server answers /health/live, 1 otherwise (for container health checks).
    Healthcheck {
        /// URL to probe; default http://127.0.0.1:$PORT/health/live.
        #[arg(long)]
        url: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute every hash chain; exit 1 when a row was edited, deleted or reordered.
    Verify,
}

/// Exit status for a configuration that failed validation.
pub const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Healthcheck { url } => healthcheck::run(url.as_deref()),
        Command::Serve => serve::run(),
        Command::Migrate { command } => with_runtime(migrate::run(command)),
        Command::Admin { command } => {
            with_runtime(with_site(
                |site| async move { admin::run(&site, command).await },
            ))
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => with_runtime(with_site(|site| async move { audit_verify(&site).await })),
        Command::Doctor { strict } => with_runtime(with_database(false, move |site| async move {
            doctor(&site, strict).await
        })),
        Command::Backup { to } => with_runtime(with_database(false, move |site| async move {
            backup::backup(site.db(), &site.config.database_url, to).await
        })),
        Command::Restore { from } => match load_config() {
            Ok(config) => {
                with_runtime(async move { backup::restore(&config.database_url, &from).await })
            }
            Err(code) => code,
        },
        Command::Seed { demo: _ } => {
            with_runtime(with_site(|site| async move { seed::demo(&site).await }))
        }
    }
}

fn with_runtime(work: impl std::future::Future<Output = ExitCode>) -> ExitCode {
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
fn load_config() -> Result<bahi_server::config::Config, ExitCode> {
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
async fn with_site<F, Fut>(work: F) -> ExitCode
where
    F: FnOnce(Site) -> Fut,
    Fut: std::future::Future<Output = ExitCode>,
{
    with_database(true, work).await
}

/// Runs a command on the configured database; `require_current` refuses while migrations are
/// pending (commands that write rows need the schema they were written for).
async fn with_database<F, Fut>(require_current: bool, work: F) -> ExitCode
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
    let migrations = bahi_store::migrate::Migrations::release();
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

async fn audit_verify(site: &Site) -> ExitCode {
    use bahi_store::identity::audit::Depth;
    match bahi_app::audit::verify_all(&site.services, Depth::Full).await {
        Ok(v) => match v.first_bad {
            None => {
                println!("ok: {} audit events verify", v.events);
                ExitCode::SUCCESS
            }
            Some((id, why)) => {
                println!(
                    "FAILED at event {id}: {why} ({} events verified before it)",
                    v.events.saturating_sub(1)
                );
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("bahi audit verify: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn doctor(site: &Site, strict: bool) -> ExitCode {
    let checks = bahi_server::doctor::run(&site.config, &site.services, &site.migrations).await;
    let passed = checks.iter().filter(|c| c.passed).count();
    for c in &checks {
        match (c.passed, c.critical) {
            (true, _) => println!("  ok    {}", c.name),
            (false, false) => println!("  MISS  {} — {}", c.name, c.fix),
            (false, true) => println!("  FAIL  {} — {}", c.name, c.fix),
        }
    }
    println!("Score: {passed}/{}", checks.len());
    let failed = checks.iter().any(|c| c.critical && !c.passed);
    if failed {
        println!("Not fit for production: fix each FAIL first.");
    }
    if failed || (strict && passed < checks.len()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
