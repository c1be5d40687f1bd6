//! A business's connection to a gateway: its mode, key id, and sealed secrets.

use time::OffsetDateTime;

use super::Provider;
use crate::column::as_name;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

/// Test keys move no money; live keys do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Test,
    Live,
}

impl Mode {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Test => "test",
            Self::Live => "live",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Test, Self::Live]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

as_name!(Mode);

row! {
    /// One gateway of one business; `key_secret` and `webhook_secret` are sealed.
    #[derive(Debug, Clone)]
    pub struct Integration in "integrations" {
        pub org_id: OrgId,
        pub provider: Provider,
        pub mode: Mode,
        pub key_id: String,
        pub key_secret: String,
        pub webhook_secret: String,
        pub updated_by: Option<UserId>,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
    }
}

/// Connects a gateway or replaces its keys.
pub async fn put(tx: &mut WriteTx, integration: &Integration) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO integrations (org_id, provider, mode, key_id, key_secret, \
                       webhook_secret, updated_by, created_at, updated_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                       ON CONFLICT (org_id, provider) DO UPDATE SET mode = excluded.mode, \
                       key_id = excluded.key_id, key_secret = excluded.key_secret, \
                       webhook_secret = excluded.webhook_secret, updated_by = excluded.updated_by, \
                       updated_at = excluded.updated_at";
    let i = integration;
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL)
        .bind(i.org_id.0).bind(i.provider.as_str()).bind(i.mode.as_str()).bind(&i.key_id)
        .bind(&i.key_secret).bind(&i.webhook_secret).bind(i.updated_by.map(|u| u.0))
        .bind(i.updated_at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    provider: Provider,
) -> Result<Option<Integration>, StoreError> {
    let sql = Integration::select("WHERE org_id = $1 AND provider = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(provider.as_str()).fetch_optional(&mut *c).await)?,
    )
}

/// Every gateway the business connected.
pub async fn list(mut ex: impl Executor, org: OrgId) -> Result<Vec<Integration>, StoreError> {
    let sql = Integration::select("WHERE org_id = $1 ORDER BY provider");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}

/// Disconnects a gateway; false when it was not connected.
pub async fn delete(tx: &mut WriteTx, org: OrgId, provider: Provider) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM integrations WHERE org_id = $1 AND provider = $2";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(provider.as_str())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
