//! The SQLite and PostgreSQL migration folders must build the same schema: same tables, columns,
//! nullability, primary keys, unique keys and indexes. Column types differ by engine on purpose
//! (TEXT timestamps on SQLite, TIMESTAMPTZ on PostgreSQL) and are not compared.

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
        let mut table = Table::default();
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
    Migrations::release()
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
