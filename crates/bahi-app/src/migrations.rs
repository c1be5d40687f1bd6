//! The migrations this release ships: the store's schema and data migrations, and the data
//! migrations that need use-case code (posting existing documents into the books).

use std::sync::Arc;

use bahi_store::migrate::{DataMigration, Migrations, data};

/// What `bahi migrate` and `serve` apply.
#[must_use]
pub fn release() -> Migrations {
    let mut all: Vec<Arc<dyn DataMigration>> = data::all();
    all.push(Arc::new(crate::ledger::backfill::PostExisting));
    Migrations::with_data(all)
}
