//! `bahi migrate {status,plan,up,verify}` (DESIGN.md §6).

use std::process::ExitCode;
use std::time::Duration;

use bahi_server::config::{Config, Environment};
use bahi_store::Db;
use bahi_store::migrate::{Approval, MigrateError, Migrations, UpOptions};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum MigrateCommand {
    /// Applied and pending schema and data migrations.
    Status,
    /// What `up` would do, with dry-run counts and the fingerprint to approve.
    Plan,
    /// Apply pending migrations. In production, only the approved plan.
    Up {
        /// Fingerprint of the reviewed plan (or set BAHI_MIGRATIONS_APPROVED).
        #[arg(long, value_name = "FINGERPRINT")]
        approve: Option<String>,
        /// Seconds to wait for another migrator (PostgreSQL) before giving up.
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        lock_timeout: u64,
    },
    /// Check the post-conditions of every applied data migration.
    Verify,
}

pub async fn run(command: MigrateCommand) -> ExitCode {
    crate::site::with_database(false, move |site| async move {
        let (db, config, migrations) = (site.db(), &site.config, &site.migrations);
        match command {
            MigrateCommand::Status => status(migrations, db).await,
            MigrateCommand::Plan => plan(migrations, db).await,
            MigrateCommand::Up {
                approve,
                lock_timeout,
            } => {
                up(
                    migrations,
                    db,
                    config,
                    approve,
                    Duration::from_secs(lock_timeout),
                )
                .await
            }
            MigrateCommand::Verify => verify(migrations, db).await,
        }
    })
    .await
}

async fn status(migrations: &Migrations, db: &Db) -> ExitCode {
    match migrations.status(db).await {
        Ok(status) => {
            println!("database: {}", db.identity());
            print!("{status}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

async fn plan(migrations: &Migrations, db: &Db) -> ExitCode {
    match migrations.plan(db).await {
        Ok(plan) => {
            println!("{plan}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

async fn up(
    migrations: &Migrations,
    db: &Db,
    config: &Config,
    approve: Option<String>,
    lock_timeout: Duration,
) -> ExitCode {
    let approval = match config.env {
        Environment::Production => Approval::Required {
            approved: approve.or_else(|| config.migrations_approved.clone()),
        },
        Environment::Development | Environment::Staging => Approval::NotRequired,
    };
    match migrations
        .up(
            db,
            &UpOptions {
                approval,
                lock_timeout,
            },
        )
        .await
    {
        Ok(report) => {
            if let Some(path) = &report.snapshot {
                println!("snapshot: {}", path.display());
            }
            for s in &report.applied_schema {
                println!("applied schema {:04} {}", s.version, s.description);
            }
            for (id, rows) in &report.applied_data {
                println!("applied data {id}: {rows} rows changed");
            }
            if report.applied_schema.is_empty() && report.applied_data.is_empty() {
                println!("nothing pending: {} is up to date", db.identity());
            }
            ExitCode::SUCCESS
        }
        Err(MigrateError::ApprovalRequired(plan)) => {
            println!("{plan}");
            eprintln!("{}", MigrateError::ApprovalRequired(plan));
            ExitCode::FAILURE
        }
        Err(MigrateError::WrongFingerprint { given, plan }) => {
            println!("{plan}");
            eprintln!("{}", MigrateError::WrongFingerprint { given, plan });
            ExitCode::FAILURE
        }
        Err(e) => fail(&e),
    }
}

async fn verify(migrations: &Migrations, db: &Db) -> ExitCode {
    match migrations.verify(db).await {
        Ok(results) => {
            let mut ok = true;
            for (id, outcome) in &results {
                match outcome {
                    Ok(()) => println!("ok     {id}"),
                    Err(why) => {
                        ok = false;
                        println!("FAILED {id}: {why}");
                    }
                }
            }
            println!(
                "{} data migrations verified; schema history consistent",
                results.len()
            );
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => fail(&e),
    }
}

fn fail(error: &MigrateError) -> ExitCode {
    eprintln!("bahi migrate: {error}");
    ExitCode::FAILURE
}
