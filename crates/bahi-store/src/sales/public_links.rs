//! Public links to invoices: the row says which invoice, until when, and whether it was
//! withdrawn. The token in the address is the link's id signed by the use cases; nothing of it
//! is stored.

use time::OffsetDateTime;

use super::DocumentId;
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::ids::typed_id;
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

typed_id!(
    /// A public link to one invoice.
    PublicLinkId
);

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct PublicLink in "public_links" {
        pub id: PublicLinkId,
        pub org_id: OrgId,
        pub document_id: DocumentId,
        pub expires_at: OffsetDateTime,
        pub revoked_at: Option<OffsetDateTime>,
        pub created_by: Option<UserId>,
        pub created_at: OffsetDateTime,
    }
}

impl PublicLink {
    /// Whether the link opens at `now`.
    #[must_use]
    pub fn live_at(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

pub async fn insert(tx: &mut WriteTx, link: &PublicLink) -> Result<(), StoreError> {
    link.insert(tx).await
}

/// A link by its id alone: the public page's way in, before it knows the organisation.
pub async fn by_id(
    mut ex: impl Executor,
    id: PublicLinkId,
) -> Result<Option<PublicLink>, StoreError> {
    let sql = PublicLink::select("WHERE id = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(id.0).fetch_optional(&mut *c).await)?)
}

/// The invoice's links that still open at `now`, newest first.
pub async fn live_for(
    mut ex: impl Executor,
    org: OrgId,
    document: DocumentId,
    now: OffsetDateTime,
) -> Result<Vec<PublicLink>, StoreError> {
    let sql = PublicLink::select(
        "WHERE org_id = $1 AND document_id = $2 AND revoked_at IS NULL AND expires_at > $3 \
         ORDER BY created_at DESC",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(document.0).bind(now).fetch_all(&mut *c).await)?,
    )
}

/// Withdraws a link; false when it is not the invoice's or was withdrawn already.
pub async fn revoke(
    tx: &mut WriteTx,
    org: OrgId,
    document: DocumentId,
    id: PublicLinkId,
    at: OffsetDateTime,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE public_links SET revoked_at = $1 \
                       WHERE org_id = $2 AND document_id = $3 AND id = $4 AND revoked_at IS NULL";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(org.0).bind(document.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
