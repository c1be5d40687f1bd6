//! Reviewed migrations (DESIGN.md §6): `status`, `plan` with a fingerprint, `up` behind the
//! production approval gate, and `verify`.
//!
//! Schema migrations are sqlx's embedded SQL files, applied through sqlx's `Migrate` trait; the
//! ordering rules, the lock, the snapshot and the gate are ours, because sqlx applies
//! out-of-order versions silently, takes no lock on SQLite and can leave its PostgreSQL lock held
//! on a pooled connection after a failure.

pub mod data;
mod error;
mod lock;
pub use lock::LOCK_KEY;
mod plan;
mod schema;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrate;

pub use data::{BoxFuture, DataMigration, DataResult};
pub use error::MigrateError;
pub use plan::{DataStep, Plan, SchemaStep, Status};

use crate::{Db, DbKind};
use lock::PgMigrationLock;

/// Whether `up` needs an operator's approval of the plan (production does).
#[derive(Debug, Clone)]
pub enum Approval {
    NotRequired,
    Required { approved: Option<String> },
}

#[derive(Debug, Clone)]
pub struct UpOptions {
    pub approval: Approval,
    /// How long to wait for another migrator's lock (PostgreSQL) before giving up.
    pub lock_timeout: Duration,
}

impl Default for UpOptions {
    fn default() -> Self {
        Self {
            approval: Approval::NotRequired,
            lock_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Default)]
pub struct UpReport {
    pub applied_schema: Vec<SchemaStep>,
    /// Data migration ids with the rows each changed.
    pub applied_data: Vec<(String, u64)>,
    /// The SQLite snapshot written before anything was applied.
    pub snapshot: Option<PathBuf>,
}

/// The migrations this release carries: the embedded schema files plus the data migrations.
#[derive(Clone)]
pub struct Migrations {
    data: Vec<Arc<dyn DataMigration>>,
}

impl Migrations {
    /// The store's own: the embedded schema migrations and [`data::all`]. A release ships
    /// `bahi_app::migrations::release()`, which adds the data migrations that need use cases.
    #[must_use]
    pub fn store() -> Self {
        Self::with_data(data::all())
    }

    /// The embedded schema migrations with a given list of data migrations (tests define their own).
    #[must_use]
    pub fn with_data(data: Vec<Arc<dyn DataMigration>>) -> Self {
        Self { data }
    }

    /// Applied and pending steps, and anything that makes the history unsafe to build on.
    pub async fn status(&self, db: &Db) -> Result<Status, MigrateError> {
        let known = schema::known(db.kind());
        let applied = schema::applied(db).await?;
        let mut status = Status::default();

        let known_versions: BTreeSet<i64> = known.iter().map(|m| m.version).collect();
        let mut highest_applied = None;
        for row in &applied {
            if !row.success {
                status.problems.push(format!(
                    "schema migration {:04} failed part-way earlier; restore the snapshot or fix it by hand",
                    row.version
                ));
            }
            match known.iter().find(|m| m.version == row.version) {
                Some(m) if *m.checksum != *row.checksum => status.problems.push(format!(
                    "schema migration {:04} ({}) was changed after it was applied",
                    m.version, m.description
                )),
                Some(_) => {}
                None => status.ahead.push(row.version),
            }
            if known_versions.contains(&row.version) {
                highest_applied = highest_applied.max(Some(row.version));
                status.applied_schema.push(row.version);
            }
        }
        let applied_versions: BTreeSet<i64> = applied.iter().map(|r| r.version).collect();
        for m in known
            .iter()
            .filter(|m| !applied_versions.contains(&m.version))
        {
            if highest_applied.is_some_and(|h| m.version < h) {
                status.problems.push(format!(
                    "schema migration {:04} ({}) is older than the applied {:04}; give it a new, higher version",
                    m.version,
                    m.description,
                    highest_applied.unwrap_or_default()
                ));
            }
            status.pending_schema.push(SchemaStep::of(m));
        }

        let applied_data = if status.pending_schema.iter().any(|s| s.version == 1) {
            BTreeSet::new()
        } else {
            applied_data_ids(db).await?
        };
        for m in &self.data {
            if applied_data.contains(m.id()) {
                status.applied_data.push(m.id().to_owned());
            } else {
                status.pending_data.push(DataStep {
                    id: m.id().to_owned(),
                    description: m.description().to_owned(),
                    rows: None,
                });
            }
        }
        Ok(status)
    }

    /// What `up` would do, with dry-run counts where the schema allows them, and the fingerprint.
    pub async fn plan(&self, db: &Db) -> Result<Plan, MigrateError> {
        let status = self.status(db).await?;
        let mut plan = Plan::new(db.identity(), status);
        // Dry runs need the schema they were written for; before that they are counted at `up`.
        if plan.status.pending_schema.is_empty() {
            for step in &mut plan.status.pending_data {
                if let Some(m) = self.data.iter().find(|m| m.id() == step.id) {
                    let rows = m.plan(db).await.map_err(|e| MigrateError::Data {
                        id: step.id.clone(),
                        message: e.to_string(),
                    })?;
                    step.rows = Some(rows);
                }
            }
        }
        Ok(plan)
    }

    /// Applies everything pending, under the lock and the approval gate.
    pub async fn up(&self, db: &Db, options: &UpOptions) -> Result<UpReport, MigrateError> {
        match db {
            Db::Postgres(pool) => {
                let mut lock = PgMigrationLock::acquire(pool, options.lock_timeout).await?;
                let result = self.up_locked(db, options, Some(&mut lock)).await;
                lock.release().await;
                result
            }
            Db::Sqlite(_) => self.up_locked(db, options, None).await,
        }
    }

    async fn up_locked(
        &self,
        db: &Db,
        options: &UpOptions,
        lock: Option<&mut PgMigrationLock>,
    ) -> Result<UpReport, MigrateError> {
        // Planned under the lock, so a migrator that waited sees what the other one applied.
        let plan = self.plan(db).await?;
        if !plan.status.problems.is_empty() {
            return Err(MigrateError::Inconsistent(plan.status.problems.clone()));
        }
        if plan.is_empty() {
            return Ok(UpReport::default());
        }
        if let Approval::Required { approved } = &options.approval {
            match approved.as_deref().map(str::trim) {
                None | Some("") => return Err(MigrateError::ApprovalRequired(Box::new(plan))),
                Some(given) if !given.eq_ignore_ascii_case(&plan.fingerprint) => {
                    return Err(MigrateError::WrongFingerprint {
                        given: given.to_owned(),
                        plan: Box::new(plan),
                    });
                }
                Some(_) => {}
            }
        }

        let mut report = UpReport {
            snapshot: self.snapshot_before(db).await?,
            ..UpReport::default()
        };
        let known = schema::known(db.kind());
        let pending: Vec<_> = plan
            .status
            .pending_schema
            .iter()
            .filter_map(|step| known.iter().find(|m| m.version == step.version))
            .collect();
        if !pending.is_empty() {
            match (db, lock) {
                (Db::Postgres(_), Some(lock)) => {
                    let conn = lock.connection();
                    conn.ensure_migrations_table().await?;
                    for m in &pending {
                        conn.apply(m).await?;
                        tracing::info!(version = m.version, description = %m.description, "applied schema migration");
                        report.applied_schema.push(SchemaStep::of(m));
                    }
                }
                (Db::Sqlite(pool), _) => {
                    let mut conn = pool.acquire().await?;
                    conn.ensure_migrations_table().await?;
                    for m in &pending {
                        conn.apply(m).await?;
                        tracing::info!(version = m.version, description = %m.description, "applied schema migration");
                        report.applied_schema.push(SchemaStep::of(m));
                    }
                }
                (Db::Postgres(_), None) => {
                    return Err(MigrateError::Inconsistent(vec![
                        "PostgreSQL migrations must run under the migration lock".to_owned(),
                    ]));
                }
            }
        }

        for step in &plan.status.pending_data {
            let Some(m) = self.data.iter().find(|m| m.id() == step.id) else {
                continue;
            };
            let fail = |e: Box<dyn std::error::Error + Send + Sync>| MigrateError::Data {
                id: step.id.clone(),
                message: e.to_string(),
            };
            let rows = m.apply(db).await.map_err(fail)?;
            m.verify(db).await.map_err(fail)?;
            record_data_migration(db, m.as_ref(), rows).await?;
            tracing::info!(id = m.id(), rows, "applied data migration");
            report.applied_data.push((step.id.clone(), rows));
        }
        Ok(report)
    }

    /// A consistent copy of a SQLite database that already holds data, taken before any change.
    async fn snapshot_before(&self, db: &Db) -> Result<Option<PathBuf>, MigrateError> {
        let Some(path) = db.sqlite_path() else {
            return Ok(None);
        };
        if !db.sqlite_has_tables().await? {
            return Ok(None); // a new, empty database: nothing to lose
        }
        let dir = db.sqlite_backup_dir().unwrap_or_else(|| "backups".into());
        std::fs::create_dir_all(&dir).map_err(|source| MigrateError::SnapshotDir {
            path: dir.clone(),
            source,
        })?;
        let stem = path
            .file_stem()
            .map_or("bahi".into(), |s| s.to_string_lossy());
        let dest = crate::fresh_snapshot_path(&dir, &stem, "-pre-migrate");
        db.snapshot_sqlite(&dest)
            .await
            .map_err(|source| MigrateError::Snapshot {
                path: dest.clone(),
                source,
            })?;
        tracing::info!(snapshot = %dest.display(), "snapshot written before migrating");
        Ok(Some(dest))
    }

    /// Runs the post-conditions of every applied data migration. Returns (id, outcome).
    pub async fn verify(&self, db: &Db) -> Result<Vec<(String, Result<(), String>)>, MigrateError> {
        let status = self.status(db).await?;
        if !status.problems.is_empty() {
            return Err(MigrateError::Inconsistent(status.problems));
        }
        let mut results = Vec::new();
        for m in self
            .data
            .iter()
            .filter(|m| status.applied_data.iter().any(|id| id == m.id()))
        {
            let outcome = m.verify(db).await.map_err(|e| e.to_string());
            results.push((m.id().to_owned(), outcome));
        }
        Ok(results)
    }
}

async fn applied_data_ids(db: &Db) -> Result<BTreeSet<String>, sqlx::Error> {
    const LIST: &str = "SELECT id FROM data_migrations";
    let ids: Vec<String> = match db {
        Db::Sqlite(pool) => sqlx::query_scalar(LIST).fetch_all(pool).await?,
        Db::Postgres(pool) => sqlx::query_scalar(LIST).fetch_all(pool).await?,
    };
    Ok(ids.into_iter().collect())
}

async fn record_data_migration(
    db: &Db,
    m: &dyn DataMigration,
    rows: u64,
) -> Result<(), sqlx::Error> {
    const INSERT: &str = "INSERT INTO data_migrations (id, description, rows_affected, applied_at) \
                          VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING";
    let rows = i64::try_from(rows).unwrap_or(i64::MAX);
    let now = time::OffsetDateTime::now_utc();
    match db {
        Db::Sqlite(pool) => {
            sqlx::query(INSERT)
                .bind(m.id())
                .bind(m.description())
                .bind(rows)
                .bind(now)
                .execute(pool)
                .await?;
        }
        Db::Postgres(pool) => {
            sqlx::query(INSERT)
                .bind(m.id())
                .bind(m.description())
                .bind(rows)
                .bind(now)
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

impl DbKind {
    /// The schema versions this release ships for the engine.
    #[must_use]
    pub fn schema_versions(self) -> Vec<i64> {
        schema::known(self).iter().map(|m| m.version).collect()
    }
}
