//! Who belongs to an organisation, with which role.

use time::OffsetDateTime;

use super::{OrgId, Role, UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::row;
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct MembershipRow in "memberships" {
        pub org_id: OrgId,
        pub user_id: UserId,
        pub role: Role,
        pub created_at: OffsetDateTime,
    }
}

row! {
    /// A member as the members list shows them.
    #[derive(Debug, Clone)]
    pub struct Member {
        pub user_id: UserId,
        pub name: String,
        pub email: String,
        pub role: Role,
        pub created_at: OffsetDateTime,
    }
}

/// Adds a member. Already a member: [`StoreError::Duplicate`] of
/// [`keys::MEMBERSHIPS_PKEY`](crate::keys::MEMBERSHIPS_PKEY).
pub async fn add(tx: &mut WriteTx, org: OrgId, user: UserId, role: Role) -> Result<(), StoreError> {
    MembershipRow {
        org_id: org,
        user_id: user,
        role,
        created_at: now(),
    }
    .insert(tx)
    .await
}

pub async fn list(mut ex: impl Executor, org: OrgId) -> Result<Vec<Member>, StoreError> {
    const SQL: &str = "SELECT u.id AS user_id, u.name, u.email, m.role, m.created_at \
                       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 \
                       ORDER BY u.name, u.id";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(SQL).bind(org.0).fetch_all(&mut *c).await)?)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    user: UserId,
) -> Result<Option<Member>, StoreError> {
    const SQL: &str = "SELECT u.id AS user_id, u.name, u.email, m.role, m.created_at \
                       FROM memberships m JOIN users u ON u.id = m.user_id \
                       WHERE m.org_id = $1 AND m.user_id = $2";
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(SQL).bind(org.0).bind(user.0).fetch_optional(&mut *c).await)?,
    )
}

/// The member's role (read inside the transaction that changes memberships).
pub async fn role(ex: impl Executor, org: OrgId, user: UserId) -> Result<Option<Role>, StoreError> {
    Ok(get(ex, org, user).await?.map(|m| m.role))
}

pub async fn count_owners(mut ex: impl Executor, org: OrgId) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT count(*) FROM memberships WHERE org_id = $1 AND role = 'owner'";
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar::<_, i64>(SQL).bind(org.0).fetch_one(&mut *c).await)?)
}

pub async fn set_role(
    tx: &mut WriteTx,
    org: OrgId,
    user: UserId,
    role: Role,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(role.as_str()).bind(org.0).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn remove(tx: &mut WriteTx, org: OrgId, user: UserId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM memberships WHERE org_id = $1 AND user_id = $2";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
