//! A fresh, empty database for one test: a SQLite file in a temporary folder, or a new
//! PostgreSQL database on the server named by `BAHI_TEST_DATABASE_URL`, dropped afterwards.

use std::time::Duration;

use sqlx::{Connection, PgConnection};

use crate::DbKind;

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
