//! Who belongs to an organisation, with which role.

use time::OffsetDateTime;

use super::{OrgId, Role, UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: String,
    pub created_at: OffsetDateTime,
}

pub async fn add(
    tx: &mut WriteTx,
    org: OrgId,
    user: UserId,
    role: Role,
) -> Result<(), sqlx::Error> {
    const SQL: &str =
        "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)";
    let at = now();
    on_tx!(tx, conn => sqlx::query(SQL).bind(org).bind(user).bind(role.as_str()).bind(at).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(db: &Db, org: OrgId) -> Result<Vec<Member>, sqlx::Error> {
    const SQL: &str = "SELECT u.id AS user_id, u.name, u.email, m.role, m.created_at \
                       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 \
                       ORDER BY u.name, u.id";
    on_pool!(db, pool => sqlx::query_as::<_, Member>(SQL).bind(org).fetch_all(pool).await)
}

/// The member's role, read inside the transaction that changes memberships.
pub async fn role_tx(
    tx: &mut WriteTx,
    org: OrgId,
    user: UserId,
) -> Result<Option<Role>, sqlx::Error> {
    const SQL: &str = "SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2";
    let role: Option<String> = on_tx!(tx, conn => sqlx::query_scalar(SQL).bind(org).bind(user).fetch_optional(conn).await)?;
    Ok(role.as_deref().and_then(Role::parse))
}

pub async fn count_owners_tx(tx: &mut WriteTx, org: OrgId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT count(*) FROM memberships WHERE org_id = $1 AND role = 'owner'";
    on_tx!(tx, conn => sqlx::query_scalar::<_, i64>(SQL).bind(org).fetch_one(conn).await)
}

pub async fn set_role(
    tx: &mut WriteTx,
    org: OrgId,
    user: UserId,
    role: Role,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(role.as_str()).bind(org).bind(user).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn remove(tx: &mut WriteTx, org: OrgId, user: UserId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM memberships WHERE org_id = $1 AND user_id = $2";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(org).bind(user).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
