//! Data migrations: Rust code that rewrites rows, reviewed like schema changes.
//!
//! Each one can say what it would change (`plan`, a dry-run count shown by `bahi migrate plan`),
//! change it (`apply`, which must be idempotent: running it twice changes nothing the second time,
//! so a crash half-way is fixed by running it again) and prove the result (`verify`, the
//! post-conditions checked after `apply` and by `bahi migrate verify`).
//! They run after all schema migrations, in the order of [`all`], and are recorded in the
//! `data_migrations` table once verified.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::Db;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
pub type DataResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

pub trait DataMigration: Send + Sync {
    /// Stable identifier, recorded once applied; e.g. `2026-12-backfill-party-state`.
    fn id(&self) -> &'static str;
    fn description(&self) -> &'static str;
    /// How many rows `apply` would change now, without changing anything.
    fn plan<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>>;
    /// Changes the rows and returns how many it changed. Must be idempotent.
    fn apply<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<u64>>;
    /// Checks the post-conditions; an error says which one failed.
    fn verify<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, DataResult<()>>;
}

/// The store's data migrations, in the order they run (none yet; those needing use cases are
/// in `bahi_app::migrations`).
#[must_use]
pub fn all() -> Vec<Arc<dyn DataMigration>> {
    Vec::new()
}
