//! The database handle: a pool of SQLite or PostgreSQL connections behind one enum, so the same
//! SQL text (with `$1` placeholders, which both accept) serves both engines.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::StoreError;

/// Pool sizing and timeouts; both engines honour them.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub min_connections: u32,
    pub acquire_timeout: Duration,
    pub idle_timeout: Duration,
    /// How long SQLite waits for another writer before giving up with "database is locked".
    pub sqlite_busy_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 10,
            min_connections: 0,
            acquire_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(600),
            sqlite_busy_timeout: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    /// Which engine a `DATABASE_URL` names, or `None` for anything else.
    #[must_use]
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite:// or postgres://")]
    UnknownScheme,
    #[error("DATABASE_URL is not a valid {engine} URL: {source}")]
    BadUrl {
        engine: &'static str,
        source: sqlx::Error,
    },
    #[error("cannot create the folder {path} for the SQLite database: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
}

/// A cheap, clonable handle on the connection pool.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A write transaction. On SQLite it holds the write lock from its first statement
/// (`BEGIN IMMEDIATE`), so a read-then-write never fails half-way with SQLITE_BUSY, and this
/// process's turn to write (see [`writer_turns`]) until it ends.
pub enum WriteTx {
    Sqlite(Transaction<'static, Sqlite>, OwnedSemaphorePermit),
    Postgres(Transaction<'static, Postgres>),
}

/// SQLite has one writer at a time. A writer that finds the lock taken sleeps in SQLite's busy
/// handler and retries with growing pauses (up to 100 ms), which under load becomes a long tail
/// of slow requests; so the writers of this process queue here instead, first come first
/// served, and each `BEGIN IMMEDIATE` finds the lock free. (Another process — the command line —
/// still waits in the busy handler, up to the busy timeout.)
/// A database file's queue of writers, and how long a writer waits in it at most.
type Turns = (Arc<Semaphore>, Duration);

fn writer_turns(path: &Path, wait: Option<Duration>) -> Turns {
    static TURNS: OnceLock<Mutex<HashMap<PathBuf, Turns>>> = OnceLock::new();
    let mut turns = TURNS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let entry = turns.entry(path.to_path_buf()).or_insert_with(|| {
        (
            Arc::new(Semaphore::new(1)),
            PoolSettings::default().sqlite_busy_timeout,
        )
    });
    // The wait is the busy timeout the pool was opened with: a writer stuck longer than SQLite
    // itself would wait makes the next one "unavailable", as SQLite would.
    if let Some(wait) = wait {
        entry.1 = wait;
    }
    (entry.0.clone(), entry.1)
}

/// Runs a transaction's start in a task of its own, so it finishes even when the request that
/// asked for it is dropped (a client hanging up, a timeout). sqlx's `begin` is not cancel-safe
/// (sqlx#3932, sqlx#4385): dropped between its `BEGIN` and its answer, it returns the connection
/// to the pool inside a transaction — on SQLite holding the write lock for good. Finished, the
/// transaction is a value whose drop rolls it back.
async fn run_to_end<T: Send + 'static>(
    begin: impl Future<Output = Result<T, sqlx::Error>> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::spawn(begin)
        .await
        .map_err(|_| StoreError::Db(sqlx::Error::WorkerCrashed))?
        .map_err(StoreError::from)
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Self::Sqlite(tx, _turn) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Self::Sqlite(tx, _turn) => tx.rollback().await?,
            Self::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

impl Db {
    /// Parses the URL without opening anything; used to validate configuration.
    pub fn check_url(url: &str) -> Result<DbKind, ConnectError> {
        match DbKind::of_url(url).ok_or(ConnectError::UnknownScheme)? {
            DbKind::Sqlite => SqliteConnectOptions::from_str(url)
                .map(|_| DbKind::Sqlite)
                .map_err(|source| ConnectError::BadUrl {
                    engine: "SQLite",
                    source,
                }),
            DbKind::Postgres => PgConnectOptions::from_str(url)
                .map(|_| DbKind::Postgres)
                .map_err(|source| ConnectError::BadUrl {
                    engine: "PostgreSQL",
                    source,
                }),
        }
    }

    /// Opens the pool. A SQLite file (and its folder) is created on first start.
    pub async fn connect(url: &str, settings: &PoolSettings) -> Result<Self, ConnectError> {
        match Self::check_url(url)? {
            DbKind::Sqlite => Self::connect_sqlite(url, settings).await,
            DbKind::Postgres => Self::connect_postgres(url, settings).await,
        }
    }

    async fn connect_sqlite(url: &str, settings: &PoolSettings) -> Result<Self, ConnectError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|source| ConnectError::BadUrl {
                engine: "SQLite",
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(settings.sqlite_busy_timeout);
        if let Some(dir) = options.get_filename().parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|source| ConnectError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        writer_turns(options.get_filename(), Some(settings.sqlite_busy_timeout));
        let pool = SqlitePoolOptions::new()
            .max_connections(settings.max_connections)
            .min_connections(settings.min_connections)
            .acquire_timeout(settings.acquire_timeout)
            .idle_timeout(settings.idle_timeout)
            .connect_with(options)
            .await
            .map_err(ConnectError::Open)?;
        Ok(Self::Sqlite(pool))
    }

    async fn connect_postgres(url: &str, settings: &PoolSettings) -> Result<Self, ConnectError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|source| ConnectError::BadUrl {
                engine: "PostgreSQL",
                source,
            })?
            // PostgreSQL compiles queries it estimates as costly (a month's return) to machine
            // code first; for GSTR-1 over 273,000 lines that took 2.4 s of a 2.5 s query.
            // bahi's queries are short or index-driven: interpreting them is always faster.
            .options([("jit", "off")]);
        // Lazy: the server must start (and report not-ready) while PostgreSQL is still down.
        let pool = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .min_connections(settings.min_connections)
            .acquire_timeout(settings.acquire_timeout)
            .idle_timeout(settings.idle_timeout)
            .connect_lazy_with(options);
        Ok(Self::Postgres(pool))
    }

    #[must_use]
    pub fn kind(&self) -> DbKind {
        match self {
            Self::Sqlite(_) => DbKind::Sqlite,
            Self::Postgres(_) => DbKind::Postgres,
        }
    }

    /// The pool's connections: (open, idle, at most).
    #[must_use]
    pub fn pool_use(&self) -> (u32, usize, u32) {
        match self {
            Self::Sqlite(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
            Self::Postgres(pool) => (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            ),
        }
    }

    /// The SQLite database file, when this is SQLite.
    #[must_use]
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        match self {
            Self::Sqlite(pool) => Some(pool.connect_options().get_filename().to_path_buf()),
            Self::Postgres(_) => None,
        }
    }

    /// Where the data lives, without credentials: used in plans, fingerprints and logs.
    #[must_use]
    pub fn identity(&self) -> String {
        match self {
            Self::Sqlite(pool) => {
                let path = pool.connect_options().get_filename().to_path_buf();
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                format!("sqlite:{}", path.display())
            }
            Self::Postgres(pool) => {
                let o = pool.connect_options();
                format!(
                    "postgres://{}:{}/{}",
                    o.get_host(),
                    o.get_port(),
                    o.get_database().unwrap_or_default()
                )
            }
        }
    }

    /// Answers when the database does; used by the readiness probe.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop),
            Self::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(drop),
        }
    }

    /// Starts a write transaction (see [`WriteTx`]).
    pub async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        match self {
            Self::Sqlite(pool) => {
                let (turns, wait) = writer_turns(pool.connect_options().get_filename(), None);
                let turn = tokio::time::timeout(wait, turns.acquire_owned())
                    .await
                    .map_err(|_| StoreError::Unavailable(sqlx::Error::PoolTimedOut))?
                    .map_err(|_| StoreError::Db(sqlx::Error::PoolClosed))?;
                let pool = pool.clone();
                let tx =
                    run_to_end(async move { pool.begin_with("BEGIN IMMEDIATE").await }).await?;
                Ok(WriteTx::Sqlite(tx, turn))
            }
            Self::Postgres(pool) => {
                let pool = pool.clone();
                Ok(WriteTx::Postgres(
                    run_to_end(async move { pool.begin().await }).await?,
                ))
            }
        }
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

/// UTC time as `20261127T170931Z`, for file names that sort by time.
#[must_use]
pub fn utc_stamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "now".to_owned())
}

/// A path in `dir` that does not exist yet: `{name}-{stamp}{tag}.db`, numbered when taken.
#[must_use]
pub fn fresh_snapshot_path(dir: &Path, name: &str, tag: &str) -> PathBuf {
    let stamp = utc_stamp();
    let mut dest = dir.join(format!("{name}-{stamp}{tag}.db"));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{name}-{stamp}{tag}-{n}.db"));
    }
    dest
}

/// The folder a SQLite database file lives in ("." for a bare file name).
#[must_use]
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Db {
    /// Where snapshots of a SQLite database go: `backups/` beside the file (the pre-migration
    /// snapshots, `bahi backup`, and what `bahi doctor` looks for).
    #[must_use]
    pub fn sqlite_backup_dir(&self) -> Option<PathBuf> {
        self.sqlite_path().map(|p| parent_dir(&p).join("backups"))
    }

    /// True when a SQLite database holds any table at all.
    pub async fn sqlite_has_tables(&self) -> Result<bool, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => {
                let n: i64 =
                    sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
                        .fetch_one(pool)
                        .await?;
                Ok(n > 0)
            }
            Self::Postgres(_) => Ok(true),
        }
    }

    /// Writes a consistent copy of a SQLite database to `dest` (`VACUUM INTO`), readable while
    /// the application keeps writing. `dest` must not exist yet.
    pub async fn snapshot_sqlite(&self, dest: &Path) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(pool) => {
                sqlx::query("VACUUM INTO $1")
                    .bind(dest.to_string_lossy().into_owned())
                    .execute(pool)
                    .await?;
                Ok(())
            }
            Self::Postgres(_) => Err(sqlx::Error::Configuration(
                "snapshots are for SQLite; use pg_dump for PostgreSQL".into(),
            )),
        }
    }
}
