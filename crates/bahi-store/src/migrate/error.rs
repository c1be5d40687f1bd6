//! What can stop a migration, each saying what to do about it.

use std::path::PathBuf;
use std::time::Duration;

use super::plan::Plan;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Schema(#[from] sqlx::migrate::MigrateError),
    #[error(
        "another migration is running (waited {}s for its lock); run `bahi migrate status` when it has finished",
        waited.as_secs()
    )]
    Locked { waited: Duration },
    #[error("the database's migration history does not fit this release: {}", .0.join("; "))]
    Inconsistent(Vec<String>),
    #[error(
        "migrations are pending and this is production: review the plan, then run `bahi migrate up --approve {}` (or set BAHI_MIGRATIONS_APPROVED)",
        .0.fingerprint
    )]
    ApprovalRequired(Box<Plan>),
    #[error(
        "the approved fingerprint {given} does not match this plan ({}); review the plan again",
        plan.fingerprint
    )]
    WrongFingerprint { given: String, plan: Box<Plan> },
    #[error("data migration {id} failed: {message}")]
    Data { id: String, message: String },
    #[error("could not snapshot the SQLite database to {path} before migrating: {source}")]
    Snapshot { path: PathBuf, source: sqlx::Error },
    #[error("could not create the snapshot folder {path}: {source}")]
    SnapshotDir {
        path: PathBuf,
        source: std::io::Error,
    },
}
