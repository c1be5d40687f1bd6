//! The PostgreSQL migration lock: a session-level advisory lock on one dedicated connection.
//!
//! Not a pooled connection: sqlx's own migrator can leave its lock held on a pooled connection
//! when a migration fails. Here the connection is closed on every path, and the server releases
//! a session lock when its session ends, so a crash cannot leave the lock behind either.

use std::time::{Duration, Instant};

use sqlx::Connection;
use sqlx::postgres::{PgConnection, PgPool};

use super::error::MigrateError;

/// "bahimigr" in ASCII: an arbitrary key that other applications are unlikely to use.
pub const LOCK_KEY: i64 = 0x6261_6869_6d69_6772;
const POLL: Duration = Duration::from_millis(200);

pub(crate) struct PgMigrationLock {
    conn: PgConnection,
}

impl PgMigrationLock {
    /// Takes the lock, waiting at most `timeout` for another migrator to finish.
    pub(crate) async fn acquire(pool: &PgPool, timeout: Duration) -> Result<Self, MigrateError> {
        let options = pool.connect_options();
        let mut conn = PgConnection::connect_with(&options).await?;
        let deadline = Instant::now() + timeout;
        loop {
            let taken: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                .bind(LOCK_KEY)
                .fetch_one(&mut conn)
                .await?;
            if taken {
                return Ok(Self { conn });
            }
            if Instant::now() >= deadline {
                let _ = conn.close().await;
                return Err(MigrateError::Locked { waited: timeout });
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub(crate) fn connection(&mut self) -> &mut PgConnection {
        &mut self.conn
    }

    /// Unlocks and closes the connection; closing alone would release the lock too.
    pub(crate) async fn release(mut self) {
        let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(LOCK_KEY)
            .execute(&mut self.conn)
            .await;
        if let Err(error) = unlocked {
            tracing::warn!(%error, "could not unlock the migration lock; closing its connection releases it");
        }
        let _ = self.conn.close().await;
    }
}
