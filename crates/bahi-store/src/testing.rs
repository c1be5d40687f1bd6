//! A fresh, empty database for one test: a SQLite file in a temporary folder, or a new
//! PostgreSQL database on the server named by `BAHI_TEST_DATABASE_URL`, dropped afterwards.

use std::time::Duration;

use sqlx::{Connection, PgConnection};

use crate::exec::{Executor, on_conn};
use crate::{Db, DbKind};

pub const POSTGRES_URL_VAR: &str = "BAHI_TEST_DATABASE_URL";
pub const ENGINE_VAR: &str = "BAHI_TEST_ENGINE";

pub struct TestDatabase {
    pub url: String,
    pub kind: DbKind,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// The engine the test run is for: `BAHI_TEST_ENGINE` (`sqlite` or `postgres`) when set,
    /// else PostgreSQL when `BAHI_TEST_DATABASE_URL` is set, else SQLite.
    pub async fn new() -> Self {
        let url = std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|u| !u.is_empty());
        match (std::env::var(ENGINE_VAR).ok().as_deref(), url) {
            (Some("sqlite"), _) | (None | Some(""), None) => Self::sqlite(),
            (Some("postgres") | None | Some(""), Some(url)) => Self::postgres_at(&url).await,
            (Some("postgres"), None) => panic!("{ENGINE_VAR}=postgres needs {POSTGRES_URL_VAR}"),
            (Some(other), _) => panic!("{ENGINE_VAR} must be sqlite or postgres, not {other:?}"),
        }
    }

    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder for the test database");
        let url = format!("sqlite://{}", dir.path().join("bahi.db").display());
        Self {
            url,
            kind: DbKind::Sqlite,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A PostgreSQL database, or `None` when no server is configured for tests. Under CI
    /// (`CI` set) a missing server is a failure, never a silent skip.
    pub async fn postgres() -> Option<Self> {
        match std::env::var(POSTGRES_URL_VAR) {
            Ok(url) if !url.is_empty() => Some(Self::postgres_at(&url).await),
            _ => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "{POSTGRES_URL_VAR} must be set in CI: the PostgreSQL tests may not be skipped"
                );
                eprintln!(
                    "{POSTGRES_URL_VAR} is not set: skipping the PostgreSQL half of this test"
                );
                None
            }
        }
    }

    async fn postgres_at(admin_url: &str) -> Self {
        let name = format!("bahi_test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = PgConnection::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach {POSTGRES_URL_VAR}: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create the test database");
        let _ = admin.close().await;
        let url = with_database(admin_url, &name);
        Self {
            url,
            kind: DbKind::Postgres,
            cleanup: Cleanup::Postgres {
                admin_url: admin_url.to_owned(),
                name,
            },
        }
    }
}

/// The admin URL with its database path replaced by `name`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    let mut url = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Cleanup::Postgres { admin_url, name } = &self.cleanup else {
            return;
        };
        let (admin_url, name) = (admin_url.clone(), name.clone());
        // Drop runs inside the test's runtime, which cannot be blocked on: use a thread of its own.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await.ok()?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let result = tokio::time::timeout(
                    Duration::from_secs(30),
                    sqlx::query(&sql).execute(&mut admin),
                )
                .await;
                let _ = admin.close().await;
                result.ok()?.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(_))) {
            eprintln!("could not drop the test database {}", self.url);
        }
    }
}

/// A value to bind in [`exec`] and [`count`].
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
    Time(time::OffsetDateTime),
    Uuid(uuid::Uuid),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}
impl From<time::OffsetDateTime> for Arg {
    fn from(v: time::OffsetDateTime) -> Self {
        Self::Time(v)
    }
}
impl From<uuid::Uuid> for Arg {
    fn from(v: uuid::Uuid) -> Self {
        Self::Uuid(v)
    }
}

macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Text(v) => query.bind(v),
                Arg::Int(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Time(v) => query.bind(v),
                Arg::Uuid(v) => query.bind(v),
            };
        }
        query
    }};
}

/// Runs one statement on whichever engine the test uses (to set up or tamper with rows the way
/// no application path can); returns the rows affected. Panics on failure: it is for tests.
pub async fn exec(db: &Db, sql: &str, args: impl IntoIterator<Item = Arg>) -> u64 {
    try_exec(db, sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// As [`exec`], but returns the error (to show the database refusing a statement).
pub async fn try_exec(
    db: &Db,
    sql: &str,
    args: impl IntoIterator<Item = Arg>,
) -> Result<u64, crate::StoreError> {
    let args: Vec<Arg> = args.into_iter().collect();
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => bind_args!(sqlx::query(sql), args).execute(&mut *c).await.map(|r| r.rows_affected()))?,
    )
}

/// The single integer a query returns (a count, say).
pub async fn count(db: &Db, sql: &str, args: impl IntoIterator<Item = Arg>) -> i64 {
    let args: Vec<Arg> = args.into_iter().collect();
    let mut ex = db;
    let conn = ex.conn().await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    let n: Result<i64, sqlx::Error> =
        on_conn!(conn, c => bind_args!(sqlx::query_scalar(sql), args).fetch_one(&mut *c).await);
    n.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The single text (or NULL) a query returns.
pub async fn text(db: &Db, sql: &str, args: impl IntoIterator<Item = Arg>) -> Option<String> {
    let args: Vec<Arg> = args.into_iter().collect();
    let mut ex = db;
    let conn = ex.conn().await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    let v: Result<Option<String>, sqlx::Error> =
        on_conn!(conn, c => bind_args!(sqlx::query_scalar(sql), args).fetch_one(&mut *c).await);
    v.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Removes the append-only guards of the audit trail, as someone who owns the database could,
/// so a test can show that tampering is still detected.
pub async fn drop_audit_guards(db: &Db) {
    let statements: &[&str] = match db.kind() {
        DbKind::Sqlite => &[
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
            "DROP TRIGGER audit_checkpoints_no_update",
            "DROP TRIGGER audit_checkpoints_no_delete",
        ],
        DbKind::Postgres => &[
            "ALTER TABLE audit_events DISABLE TRIGGER USER",
            "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER",
        ],
    };
    for sql in statements {
        exec(db, sql, []).await;
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(with_database("postgres://u@h", "t1"), "postgres://u@h/t1");
        assert_eq!(
            with_database("postgres://u@h:1/db?sslmode=disable", "t1"),
            "postgres://u@h:1/t1?sslmode=disable"
        );
    }
}
