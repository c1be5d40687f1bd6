//! The `bahi` command: serve the application, migrate its database with review, probe health.

mod healthcheck;
mod migrate;
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
    /// Exit 0 when the local server answers /health/live, 1 otherwise (for container health checks).
    Healthcheck {
        /// URL to probe; default http://127.0.0.1:$PORT/health/live.
        #[arg(long)]
        url: Option<String>,
    },
}

/// Exit status for a configuration that failed validation.
pub const EXIT_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Healthcheck { url } => healthcheck::run(url.as_deref()),
        Command::Serve => with_runtime(serve::run()),
        Command::Migrate { command } => with_runtime(migrate::run(command)),
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
