//! bahi's storage layer: one [`Db`] over SQLite or PostgreSQL, reviewed migrations, and one
//! module per aggregate, every query scoped by organisation.
//!
//! How a store module reads: rows are declared once with `row!` (struct, columns, INSERT and
//! binds in one order, typed columns through [`column::Column`]); functions take
//! `impl Executor`, so the same function runs on the pool (`&db`) or inside a write
//! transaction (`&mut tx`); every error is a [`StoreError`], which classifies unique and
//! foreign key violations by the registry in [`keys`].

pub mod column;
mod db;
mod error;
pub mod exec;
pub(crate) mod filter;
pub mod gateways;
pub mod idempotency;
pub mod identity;
mod ids;
pub mod keys;
pub mod ledger;
pub mod masters;
pub mod migrate;
pub mod outbox;
pub mod payments;
pub mod periods;
pub mod purchases;
pub mod returns;
mod row;
pub mod sales;
#[cfg(feature = "testing")]
pub mod testing;

pub use db::{Db, DbKind, PoolSettings, WriteTx, fresh_snapshot_path, utc_stamp};
pub use error::StoreError;
pub use exec::Executor;
pub use row::{Fields, Table};
