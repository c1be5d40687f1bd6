//! The SQLite and PostgreSQL migration folders must build the same schema: same tables, columns,
//! nullability, primary keys, unique keys, indexes, CHECK constraints and guarded (triggered)
//! tables. Column types differ by engine on purpose (TEXT timestamps on SQLite, TIMESTAMPTZ on
//! PostgreSQL) and are not compared. Every unique key must also be in the store's registry
//! (`bahi_store::keys`), which is how a duplicate is reported as a 409 naming the field.

use std::collections::{BTreeMap, BTreeSet};

use bahi_store::migrate::{Migrations, UpOptions};
use bahi_store::testing::TestDatabase;
use bahi_store::{Db, DbKind, PoolSettings};
use sqlx::Row;

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// column name → NOT NULL
    columns: BTreeMap<String, bool>,
    primary_key: Vec<String>,
    unique: BTreeSet<Vec<String>>,
    /// Non-unique indexes by name, with their columns.
    indexes: BTreeMap<String, Vec<String>>,
    /// Names of CHECK constraints.
    checks: BTreeSet<String>,
    /// Whether triggers guard the table (the audit trail's append-only rule).
    guarded: bool,
}

type Schema = BTreeMap<String, Table>;

const BOOKKEEPING: &str = "_sqlx_migrations";

async fn sqlite_schema(db: &Db) -> Schema {
    let Db::Sqlite(pool) = db else { unreachable!() };
    let mut schema = Schema::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for name in tables.into_iter().filter(|t| t != BOOKKEEPING) {
        let mut table = Table::default();
        let mut pk = Vec::new();
        for row in sqlx::query("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
            .bind(&name)
            .fetch_all(pool)
            .await
            .unwrap()
        {
            let column: String = row.get(0);
            let pk_pos: i64 = row.get(2);
            // A rowid alias (INTEGER PRIMARY KEY) can never be NULL though the pragma says 0.
            let not_null = row.get::<i64, _>(1) != 0 || pk_pos > 0;
            if pk_pos > 0 {
                pk.push((pk_pos, column.clone()));
            }
            table.columns.insert(column, not_null);
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let create: String =
            sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1")
                .bind(&name)
                .fetch_one(pool)
                .await
                .unwrap();
        table.checks = create
            .split("CONSTRAINT ")
            .skip(1)
            .filter_map(|rest| {
                let (constraint, after) = rest.split_once(char::is_whitespace)?;
                after
                    .trim_start()
                    .starts_with("CHECK")
                    .then(|| constraint.to_owned())
            })
            .collect();
        let triggers: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
        )
        .bind(&name)
        .fetch_one(pool)
        .await
        .unwrap();
        table.guarded = triggers > 0;
        for index in sqlx::query("SELECT name, \"unique\", origin FROM pragma_index_list($1)")
            .bind(&name)
            .fetch_all(pool)
            .await
            .unwrap()
        {
            let index_name: String = index.get(0);
            let unique = index.get::<i64, _>(1) != 0;
            let origin: String = index.get(2);
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index_name)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            match (origin.as_str(), unique) {
                ("pk", _) => {}
                (_, true) => {
                    table.unique.insert(columns);
                }
                (_, false) => {
                    table.indexes.insert(index_name, columns);
                }
            }
        }
        schema.insert(name, table);
    }
    schema
}

async fn postgres_schema(db: &Db) -> Schema {
    let Db::Postgres(pool) = db else {
        unreachable!()
    };
    let mut schema = Schema::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for name in tables.into_iter().filter(|t| t != BOOKKEEPING) {
        let checks = sqlx::query_scalar(
            "SELECT c.conname::text FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema() AND t.relname = $1 AND c.contype = 'c'",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
        let mut table = Table {
            checks,
            ..Table::default()
        };
        let triggers: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid \
             WHERE t.relname = $1 AND NOT g.tgisinternal",
        )
        .bind(&name)
        .fetch_one(pool)
        .await
        .unwrap();
        table.guarded = triggers > 0;
        for row in sqlx::query(
            "SELECT column_name::text, is_nullable::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap()
        {
            table
                .columns
                .insert(row.get(0), row.get::<String, _>(1) == "NO");
        }
        for index in sqlx::query(
            "SELECT i.relname::text, ix.indisunique, ix.indisprimary, \
                    array_agg(a.attname::text ORDER BY k.ord) \
             FROM pg_index ix \
             JOIN pg_class t ON t.oid = ix.indrelid \
             JOIN pg_class i ON i.oid = ix.indexrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
             WHERE n.nspname = current_schema() AND t.relname = $1 \
             GROUP BY i.relname, ix.indisunique, ix.indisprimary",
        )
        .bind(&name)
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let index_name: String = index.get(0);
            let columns: Vec<String> = index.get(3);
            match (index.get::<bool, _>(2), index.get::<bool, _>(1)) {
                (true, _) => table.primary_key = columns,
                (false, true) => {
                    table.unique.insert(columns);
                }
                (false, false) => {
                    table.indexes.insert(index_name, columns);
                }
            }
        }
        schema.insert(name, table);
    }
    schema
}

async fn migrated(test_db: &TestDatabase) -> Db {
    let db = Db::connect(&test_db.url, &PoolSettings::default())
        .await
        .unwrap();
    Migrations::store()
        .up(&db, &UpOptions::default())
        .await
        .unwrap();
    db
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    assert_eq!(
        DbKind::Sqlite.schema_versions(),
        DbKind::Postgres.schema_versions(),
        "both migration folders must hold the same versions"
    );
    let Some(pg) = TestDatabase::postgres().await else {
        return;
    };
    let sqlite = TestDatabase::sqlite();
    let sqlite_schema = sqlite_schema(&migrated(&sqlite).await).await;
    let postgres_schema = postgres_schema(&migrated(&pg).await).await;

    assert!(
        sqlite_schema.contains_key("data_migrations"),
        "the introspection sees tables"
    );
    let sqlite_tables: Vec<_> = sqlite_schema.keys().collect();
    let postgres_tables: Vec<_> = postgres_schema.keys().collect();
    assert_eq!(sqlite_tables, postgres_tables, "the same tables");
    for (name, table) in &sqlite_schema {
        assert_eq!(
            Some(table),
            postgres_schema.get(name),
            "table {name}: SQLite (left) and PostgreSQL (right) differ"
        );
    }
}

/// Every unique key of the schema (primary keys included) is in `bahi_store::keys`: by table
/// and columns for SQLite, which reports violations that way, and by name for PostgreSQL.
#[tokio::test]
async fn every_unique_key_is_registered() {
    let sqlite = TestDatabase::sqlite();
    let schema = sqlite_schema(&migrated(&sqlite).await).await;
    for (name, table) in &schema {
        let keys = table
            .unique
            .iter()
            .chain(std::iter::once(&table.primary_key))
            .filter(|k| !k.is_empty());
        for columns in keys {
            let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
            assert!(
                bahi_store::keys::by_columns(name, &columns).is_some(),
                "{name} ({}) is missing from bahi_store::keys",
                columns.join(", ")
            );
        }
    }
    let Some(pg) = TestDatabase::postgres().await else {
        return;
    };
    let db = migrated(&pg).await;
    let Db::Postgres(pool) = &db else {
        unreachable!()
    };
    let names: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND ix.indisunique AND t.relname <> $1",
    )
    .bind(BOOKKEEPING)
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(names.len() > 5, "the introspection sees unique keys");
    for (table, index) in names {
        let key = bahi_store::keys::by_name(&index);
        assert!(
            key.is_some_and(|k| k.table == table),
            "{index} on {table} is missing from bahi_store::keys"
        );
    }
}
