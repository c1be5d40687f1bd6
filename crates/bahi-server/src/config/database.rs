//! The database: its URL (never repeated in errors: it may hold a password), the pool, and the
//! migration plan an operator approved.

use std::time::Duration;

use bahi_store::{Db, PoolSettings};

use super::errors::ConfigError;
use super::settings::{
    DATABASE_URL, DB_ACQUIRE_TIMEOUT_SECS, DB_IDLE_TIMEOUT_SECS, DB_MAX_CONNECTIONS,
    DB_MIN_CONNECTIONS, MIGRATIONS_APPROVED,
};
use super::sources::{Raw, err};

const DEFAULT_DATABASE_URL: &str = "sqlite://data/bahi.db";

pub(super) struct Database {
    pub url: String,
    pub pool: PoolSettings,
    pub migrations_approved: Option<String>,
}

pub(super) fn read(raw: &Raw<'_>, errors: &mut Vec<ConfigError>) -> Database {
    let url = raw
        .get(&DATABASE_URL)
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    if let Err(e) = Db::check_url(&url) {
        // The error text never repeats the URL, which may hold a password.
        errors.push(err(
            &DATABASE_URL,
            e.to_string().trim_start_matches("DATABASE_URL ").to_owned(),
        ));
    }
    let max = raw.number::<u32>(&DB_MAX_CONNECTIONS, 10, 1, 1000, errors);
    let min = raw.number::<u32>(&DB_MIN_CONNECTIONS, 0, 0, 1000, errors);
    if min > max {
        errors.push(err(
            &DB_MIN_CONNECTIONS,
            format!("({min}) must not exceed BAHI_DB_MAX_CONNECTIONS ({max})"),
        ));
    }
    let pool = PoolSettings {
        max_connections: max,
        min_connections: min,
        acquire_timeout: Duration::from_secs(raw.number(
            &DB_ACQUIRE_TIMEOUT_SECS,
            5,
            1,
            600,
            errors,
        )),
        idle_timeout: Duration::from_secs(raw.number(
            &DB_IDLE_TIMEOUT_SECS,
            600,
            1,
            86_400,
            errors,
        )),
        ..PoolSettings::default()
    };
    let migrations_approved = raw.get(&MIGRATIONS_APPROVED);
    if let Some(fp) = &migrations_approved
        && !fp.chars().all(|c| c.is_ascii_hexdigit())
    {
        errors.push(err(
            &MIGRATIONS_APPROVED,
            "must be the hexadecimal fingerprint printed by `bahi migrate plan`".to_owned(),
        ));
    }
    Database {
        url,
        pool,
        migrations_approved,
    }
}
