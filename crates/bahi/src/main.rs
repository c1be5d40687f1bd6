//! The `bahi` command: serve the application, migrate its database with review, probe health.

mod admin;
mod backup;
mod dev;
mod healthcheck;
mod migrate;
mod seed;
mod serve;
mod site;

use site::{Site, load_config, with_database, with_runtime, with_site};

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
    /// Developer tools: generated data for benchmarks (refused in production).
    Dev {
        #[command(subcommand)]
        command: dev::DevCommand,
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
        Command::Dev { command } => {
            with_runtime(with_site(
                |site| async move { dev::run(&site, command).await },
            ))
        }
        Command::Seed { demo: _ } => {
            with_runtime(with_site(|site| async move { seed::demo(&site).await }))
        }
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
