//! bahi's storage layer: one [`Db`] over SQLite or PostgreSQL, reviewed migrations, and (as the
//! features arrive) one module per aggregate, every query scoped by organisation.

mod db;
mod dual;
pub mod identity;
pub mod migrate;
#[cfg(feature = "testing")]
pub mod testing;

pub use db::{Db, DbKind, PoolSettings, WriteTx, fresh_snapshot_path, utc_stamp};
