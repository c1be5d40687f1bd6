//! Schema migrations: the SQL files under `migrations/{sqlite,postgres}`, embedded at build time.
//! Both folders hold the same versions; `tests/schema_parity.rs` proves they build the same schema.

use sqlx::Row;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::{Db, DbKind};

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// The forward migrations this release knows for an engine, by ascending version.
pub(crate) fn known(kind: DbKind) -> Vec<&'static Migration> {
    let migrator = match kind {
        DbKind::Sqlite => &SQLITE,
        DbKind::Postgres => &POSTGRES,
    };
    let mut list: Vec<_> = migrator
        .iter()
        .filter(|m| !matches!(m.migration_type, MigrationType::ReversibleDown))
        .collect();
    list.sort_by_key(|m| m.version);
    list
}

/// A row of sqlx's bookkeeping table.
pub(crate) struct Applied {
    pub version: i64,
    pub success: bool,
    pub checksum: Vec<u8>,
}

/// Applied schema migrations; empty when the database has never been migrated.
pub(crate) async fn applied(db: &Db) -> Result<Vec<Applied>, sqlx::Error> {
    const LIST: &str = "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version";
    let rows = match db {
        Db::Sqlite(pool) => {
            let exists: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            )
            .fetch_one(pool)
            .await?;
            if exists == 0 {
                return Ok(Vec::new());
            }
            sqlx::query(LIST)
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(|r| Applied {
                    version: r.get(0),
                    success: r.get(1),
                    checksum: r.get(2),
                })
                .collect()
        }
        Db::Postgres(pool) => {
            let exists: bool =
                sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
                    .fetch_one(pool)
                    .await?;
            if !exists {
                return Ok(Vec::new());
            }
            sqlx::query(LIST)
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(|r| Applied {
                    version: r.get(0),
                    success: r.get(1),
                    checksum: r.get(2),
                })
                .collect()
        }
    };
    Ok(rows)
}
