//! A business's logo, printed on its documents. The bytes are checked by the caller (a PNG or
//! JPEG that decodes); here they are only kept, one per organisation.

use super::{OrgId, now};
use crate::exec::{Executor, on_conn};
use crate::{StoreError, WriteTx};

/// A stored logo: its content type (`image/png`, `image/jpeg`) and bytes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredLogo {
    pub content_type: String,
    pub data: Vec<u8>,
}

pub async fn get(mut ex: impl Executor, org: OrgId) -> Result<Option<StoredLogo>, StoreError> {
    const SQL: &str = "SELECT content_type, data FROM org_logos WHERE org_id = $1";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(SQL).bind(org.0).fetch_optional(&mut *c).await)?)
}

/// Sets the logo, replacing the one there was.
pub async fn put(
    tx: &mut WriteTx,
    org: OrgId,
    content_type: &str,
    data: &[u8],
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO org_logos (org_id, content_type, data, updated_at) \
                       VALUES ($1, $2, $3, $4) ON CONFLICT (org_id) DO UPDATE SET \
                       content_type = excluded.content_type, data = excluded.data, \
                       updated_at = excluded.updated_at";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(content_type).bind(data).bind(now())
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes the logo; false when there was none.
pub async fn delete(tx: &mut WriteTx, org: OrgId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM org_logos WHERE org_id = $1";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
