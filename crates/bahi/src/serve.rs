//! `bahi serve`: validate the configuration, open the database, migrate in development (or say
//! what is pending elsewhere), listen, and shut down gracefully.

use std::process::ExitCode;

use bahi_server::serve::{bind, run as run_server, shutdown_signal};
use bahi_server::telemetry::{self, LogTarget};
use bahi_server::{AppState, health};
use bahi_store::Db;
use bahi_store::migrate::UpOptions;

/// Logging and error reporting start before the async runtime, so every thread it starts
/// reports to Sentry.
pub fn run() -> ExitCode {
    let config = match crate::site::load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    telemetry::init(&config.log_filter, config.log_format, LogTarget::Stdout);
    // Kept to the end of `serve`: dropping it flushes queued events.
    let _sentry = telemetry::init_sentry(&config);
    crate::site::with_runtime(serve(config))
}

async fn serve(config: bahi_server::config::Config) -> ExitCode {
    if config.secret_key_generated {
        tracing::info!(
            "BAHI_SECRET_KEY is not set: using a random key for this run (sessions end at restart)"
        );
    }
    let db = match Db::connect(&config.database_url, &config.pool).await {
        Ok(db) => db,
        Err(error) => {
            tracing::error!(%error, database = %config.database_identity(), "cannot open the database");
            return ExitCode::FAILURE;
        }
    };
    // Held while serving, so `bahi restore` cannot swap the file underneath a live server.
    let _serve_lock = match db
        .sqlite_path()
        .map(|p| crate::backup::hold_serve_lock(&p))
        .transpose()
    {
        Ok(lock) => lock,
        Err(error) => {
            tracing::error!(%error, "cannot take the database's serve lock");
            return ExitCode::FAILURE;
        }
    };
    let migrations = bahi_app::migrations::release();
    if config.auto_migrate {
        match migrations.up(&db, &UpOptions::default()).await {
            Ok(report) if !report.applied_schema.is_empty() || !report.applied_data.is_empty() => {
                tracing::info!(
                    schema = report.applied_schema.len(),
                    data = report.applied_data.len(),
                    "applied pending migrations (development)"
                );
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!(%error, "migrations failed");
                return ExitCode::FAILURE;
            }
        }
    } else {
        match migrations.status(&db).await {
            Ok(status) if !status.is_current() => {
                tracing::warn!(
                    reason = %health::pending_summary(&status),
                    "not ready: /health/ready answers 503 until an operator runs `bahi migrate up`"
                );
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "cannot read the migration status yet"),
        }
    }

    let app = AppState::new(config, db.clone(), migrations);
    let listener = match bind(&app).await {
        Ok(l) => l,
        Err(error) => {
            tracing::error!(%error, bind = %app.config.bind, port = app.config.port, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    let local = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    tracing::info!(
        address = %local,
        public_url = %app.config.public_url,
        env = app.config.env.as_str(),
        database = %app.config.database_identity(),
        "bahi is listening"
    );
    let result = run_server(listener, app, shutdown_signal()).await;
    db.close().await;
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!(%error, "server error");
            ExitCode::FAILURE
        }
    }
}
