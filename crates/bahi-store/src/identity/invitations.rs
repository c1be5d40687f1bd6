//! Invitations to join an organisation: a single-use token that expires.

use time::{Duration, OffsetDateTime};

use super::{InvitationId, OrgId, UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub id: InvitationId,
    pub org_id: OrgId,
    pub email: String,
    pub role: String,
    pub invited_by: UserId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub accepted_at: Option<OffsetDateTime>,
}

const COLUMNS: &str = "id, org_id, email, role, invited_by, created_at, expires_at, accepted_at";

pub async fn create(
    tx: &mut WriteTx,
    org: OrgId,
    email: &str,
    role: &str,
    token_hash: &str,
    invited_by: UserId,
    valid_for: Duration,
) -> Result<Invitation, sqlx::Error> {
    let at = now();
    let invitation = Invitation {
        id: InvitationId::new(),
        org_id: org,
        email: email.to_owned(),
        role: role.to_owned(),
        invited_by,
        created_at: at,
        expires_at: at + valid_for,
        accepted_at: None,
    };
    const SQL: &str = "INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at, expires_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(invitation.id).bind(org).bind(&invitation.email).bind(&invitation.role).bind(token_hash)
        .bind(invited_by).bind(invitation.created_at).bind(invitation.expires_at)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(invitation)
}

pub async fn by_token(db: &Db, token_hash: &str) -> Result<Option<Invitation>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE token_hash = $1");
    on_pool!(db, pool => sqlx::query_as::<_, Invitation>(&sql).bind(token_hash).fetch_optional(pool).await)
}

/// Marks the invitation used, inside the transaction that adds the member; false when another
/// request used it first.
pub async fn accept(tx: &mut WriteTx, id: InvitationId) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL";
    let at = now();
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(at).bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Open invitations of an organisation.
pub async fn pending(db: &Db, org: OrgId) -> Result<Vec<Invitation>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = $1 AND accepted_at IS NULL ORDER BY created_at DESC"
    );
    on_pool!(db, pool => sqlx::query_as::<_, Invitation>(&sql).bind(org).fetch_all(pool).await)
}
