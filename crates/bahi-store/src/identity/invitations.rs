//! Invitations to join an organisation: a single-use token that expires. One open invitation
//! per address and organisation (a partial unique key); it can be revoked, or re-sent with a new
//! token and a new expiry.

use time::{Duration, OffsetDateTime};

use super::{InvitationId, OrgId, Role, SecretHash, UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct Invitation in "invitations" {
        pub id: InvitationId,
        pub org_id: OrgId,
        pub email: String,
        pub role: Role,
        pub token_hash: SecretHash,
        pub invited_by: UserId,
        pub created_at: OffsetDateTime,
        pub expires_at: OffsetDateTime,
        pub accepted_at: Option<OffsetDateTime>,
        pub revoked_at: Option<OffsetDateTime>,
    }
}

impl Invitation {
    /// Neither used nor revoked (it may still have expired).
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none()
    }

    #[must_use]
    pub fn has_expired(&self) -> bool {
        self.expires_at <= now()
    }
}

/// Creates an invitation. An open one for the same address already exists:
/// [`StoreError::Duplicate`] of [`keys::INVITATIONS_OPEN_EMAIL`](crate::keys::INVITATIONS_OPEN_EMAIL).
pub async fn create(
    tx: &mut WriteTx,
    org: OrgId,
    email: &str,
    role: Role,
    token_hash: &str,
    invited_by: UserId,
    valid_for: Duration,
) -> Result<Invitation, StoreError> {
    let at = now();
    let invitation = Invitation {
        id: InvitationId::new(),
        org_id: org,
        email: email.to_owned(),
        role,
        token_hash: SecretHash(token_hash.to_owned()),
        invited_by,
        created_at: at,
        expires_at: at + valid_for,
        accepted_at: None,
        revoked_at: None,
    };
    invitation.insert(tx).await?;
    Ok(invitation)
}

pub async fn by_token(
    mut ex: impl Executor,
    token_hash: &str,
) -> Result<Option<Invitation>, StoreError> {
    let sql = Invitation::select("WHERE token_hash = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(token_hash).fetch_optional(&mut *c).await)?)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: InvitationId,
) -> Result<Option<Invitation>, StoreError> {
    let sql = Invitation::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

/// The open invitation of an address, if any.
pub async fn open_for(
    mut ex: impl Executor,
    org: OrgId,
    email: &str,
) -> Result<Option<Invitation>, StoreError> {
    let sql = Invitation::select(
        "WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    );
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(email).fetch_optional(&mut *c).await)?,
    )
}

/// Marks the invitation used, inside the transaction that adds the member; false when another
/// request used (or revoked) it first.
pub async fn accept(tx: &mut WriteTx, id: InvitationId) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE invitations SET accepted_at = $1 \
                       WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Revokes an open invitation; false when there is no such open one.
pub async fn revoke(tx: &mut WriteTx, org: OrgId, id: InvitationId) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE invitations SET revoked_at = $1 \
                       WHERE org_id = $2 AND id = $3 AND accepted_at IS NULL AND revoked_at IS NULL";
    let at = now();
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(at).bind(org.0).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Gives an open invitation a new token and a new expiry (the old link stops working).
pub async fn renew(
    tx: &mut WriteTx,
    org: OrgId,
    id: InvitationId,
    token_hash: &str,
    valid_for: Duration,
) -> Result<Option<Invitation>, StoreError> {
    const SQL: &str = "UPDATE invitations SET token_hash = $1, expires_at = $2 \
                       WHERE org_id = $3 AND id = $4 AND accepted_at IS NULL AND revoked_at IS NULL";
    let expires = now() + valid_for;
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(token_hash).bind(expires).bind(org.0).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Ok(None);
    }
    get(tx, org, id).await
}

/// Open invitations of an organisation, newest first (expired ones included, to re-send).
pub async fn pending(mut ex: impl Executor, org: OrgId) -> Result<Vec<Invitation>, StoreError> {
    let sql = Invitation::select(
        "WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL ORDER BY created_at DESC, id",
    );
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}
