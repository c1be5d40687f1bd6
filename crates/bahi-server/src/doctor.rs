//! `bahi doctor`: how ready a deployment is for production, out of 10, with how to fix each miss.

use std::path::Path;
use std::time::{Duration, SystemTime};

use bahi_app::Services;
use bahi_store::identity::audit::Depth;
use bahi_store::identity::users;
use bahi_store::migrate::Migrations;
use bahi_store::{Db, DbKind};

use crate::config::{Config, Environment, INTEGRATIONS};

pub struct Check {
    pub name: &'static str,
    pub passed: bool,
    /// What to do when it did not pass.
    pub fix: String,
    /// In production a miss here is a failure, not advice: `bahi doctor` exits 1 even without
    /// `--strict` (a guessable key signs sessions; plain http leaks them).
    pub critical: bool,
}

fn check(name: &'static str, passed: bool, fix: impl Into<String>) -> Check {
    Check {
        name,
        passed,
        fix: fix.into(),
        critical: false,
    }
}

fn critical(check: Check, production: bool) -> Check {
    Check {
        critical: production,
        ..check
    }
}

fn secret_is_strong(config: &Config) -> bool {
    let key = config.secret_key.as_bytes();
    !config.secret_key_generated && key.len() >= 32 && crate::config::weak_secret(key).is_none()
}

/// A snapshot written by `bahi backup` (or before a migration) within the last day.
fn recent_sqlite_backup(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let day_ago = SystemTime::now() - Duration::from_secs(86_400);
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "db"))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .any(|modified| modified >= day_ago)
}

async fn database_fits(config: &Config, db: &Db) -> Check {
    let production = config.env == Environment::Production;
    let (passed, fix) = match (db.kind(), production) {
        (DbKind::Postgres, _) | (DbKind::Sqlite, false) => (true, String::new()),
        (DbKind::Sqlite, true) => {
            let dir = db.sqlite_backup_dir().unwrap_or_default();
            (
                recent_sqlite_backup(&dir),
                "production on SQLite needs a backup from the last 24 hours: run `bahi backup` daily (cron), or move to PostgreSQL for replicas and managed backups".to_owned(),
            )
        }
    };
    check(
        "database engine and backups fit the environment",
        passed,
        fix,
    )
}

/// Runs every check. The order is the order printed.
pub async fn run(config: &Config, services: &Services, migrations: &Migrations) -> Vec<Check> {
    let db = &services.db;
    let production = config.env == Environment::Production;
    let mut checks = vec![
        check(
            "environment set explicitly",
            config.explicitly_set.contains(&"BAHI_ENV"),
            "set BAHI_ENV to production (or staging) so production defaults and gates apply",
        ),
        critical(
            check(
                "secret key strong and not a default",
                secret_is_strong(config),
                "set BAHI_SECRET_KEY to at least 32 random bytes, e.g. `openssl rand -base64 48`",
            ),
            production,
        ),
        database_fits(config, db).await,
    ];
    let migrations = match migrations.status(db).await {
        Ok(s) if s.is_current() => check("no pending migrations", true, ""),
        Ok(s) => check(
            "no pending migrations",
            false,
            format!(
                "{}; then `bahi migrate up --approve FINGERPRINT`",
                crate::health::pending_summary(&s)
            ),
        ),
        Err(e) => check(
            "no pending migrations",
            false,
            format!("cannot read the migration status: {e}"),
        ),
    };
    checks.push(migrations);
    let origins_ok = config.explicitly_set.contains(&"BAHI_ALLOWED_ORIGINS")
        && !config.allowed_origins.is_empty()
        && config
            .allowed_origins
            .iter()
            .all(|o| o.starts_with("https://"));
    checks.push(check(
        "allowed origins explicit and https",
        origins_ok,
        "set BAHI_ALLOWED_ORIGINS to the https origins of your site, e.g. https://books.example.com",
    ));
    checks.push(critical(
        check(
            "public URL is https",
            config.public_url.scheme() == "https",
            "set BAHI_PUBLIC_URL to the https address people use (cookies then get Secure and __Host-)",
        ),
        production,
    ));
    for integration in INTEGRATIONS {
        checks.push(Check {
            name: integration.name,
            passed: config.has(integration),
            fix: integration.fix.to_owned(),
            critical: false,
        });
    }
    let admins = users::count_platform_admins(db).await;
    checks.push(check(
        "a platform admin exists",
        admins.as_ref().is_ok_and(|n| *n > 0),
        "run `bahi admin create-platform-admin --email you@example.com`",
    ));
    let verified = bahi_app::audit::verify_all(services, Depth::SinceCheckpoint).await;
    checks.push(match verified {
        Ok(v) if v.first_bad.is_none() => check("audit chain verifies", true, ""),
        Ok(v) => check(
            "audit chain verifies",
            false,
            format!(
                "run `bahi audit verify`: {}",
                v.first_bad
                    .map(|(id, why)| format!("event {id}: {why}"))
                    .unwrap_or_default()
            ),
        ),
        Err(e) => check(
            "audit chain verifies",
            false,
            format!("cannot read the audit trail: {e}"),
        ),
    });
    checks
}
