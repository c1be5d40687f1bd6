//! The chart of accounts: groups (a tree under the five natures) and the accounts postings go
//! to. The groups and accounts of the default chart have a `system_key` and an id derived from
//! the organisation and that key, so opening the books twice (a retried sign-up, the back-fill)
//! writes them once and postings name them without a lookup.

use time::OffsetDateTime;

use super::{AccountId, GroupId, Nature};
use crate::exec::{Executor, on_conn};
use crate::identity::{OrgId, UserId};
use crate::row::{Table, row};
use crate::{StoreError, WriteTx};

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct AccountGroup in "account_groups" {
        pub id: GroupId,
        pub org_id: OrgId,
        pub code: String,
        pub name: String,
        /// `None` for the top of a nature (Assets, Liabilities …).
        pub parent_id: Option<GroupId>,
        pub nature: Nature,
        pub system_key: Option<String>,
        pub created_at: OffsetDateTime,
    }
}

row! {
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Account in "accounts" {
        pub id: AccountId,
        pub org_id: OrgId,
        pub code: String,
        pub name: String,
        pub group_id: GroupId,
        /// Set on the accounts postings need; such an account cannot be removed.
        pub system_key: Option<String>,
        pub created_by: Option<UserId>,
        pub created_at: OffsetDateTime,
    }
}

/// The namespace system ids are derived in (a fixed random UUID).
const SYSTEM_IDS: uuid::Uuid = uuid::Uuid::from_u128(0x6a1c_52d8_1b0e_4f4a_9c51_7d3e_0b8f_2a64);

fn system_id(org: OrgId, kind: &str, key: &str) -> uuid::Uuid {
    let name = format!("{}:{kind}:{key}", org.0);
    uuid::Uuid::new_v5(&SYSTEM_IDS, name.as_bytes())
}

impl GroupId {
    /// The id of a default group of an organisation's chart.
    #[must_use]
    pub fn system(org: OrgId, key: &str) -> Self {
        Self(system_id(org, "group", key))
    }
}

impl AccountId {
    /// The id of a system account of an organisation's chart.
    #[must_use]
    pub fn system(org: OrgId, key: &str) -> Self {
        Self(system_id(org, "account", key))
    }
}

/// Writes the groups and accounts that are not there yet (by id); what exists is left alone.
pub async fn insert_missing(
    tx: &mut WriteTx,
    groups: &[AccountGroup],
    accounts: &[Account],
) -> Result<u64, StoreError> {
    const GROUP: &str = "INSERT INTO account_groups (id, org_id, code, name, parent_id, nature, \
                         system_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (id) DO NOTHING";
    const ACCOUNT: &str = "INSERT INTO accounts (id, org_id, code, name, group_id, system_key, \
                           created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                           ON CONFLICT (id) DO NOTHING";
    let mut written = 0;
    for g in groups {
        let conn = tx.conn().await?;
        written += on_conn!(conn, c => sqlx::query(GROUP)
            .bind(g.id.0).bind(g.org_id.0).bind(&g.code).bind(&g.name)
            .bind(g.parent_id.map(|p| p.0)).bind(g.nature.as_str()).bind(&g.system_key)
            .bind(g.created_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    for a in accounts {
        let conn = tx.conn().await?;
        written += on_conn!(conn, c => sqlx::query(ACCOUNT)
            .bind(a.id.0).bind(a.org_id.0).bind(&a.code).bind(&a.name).bind(a.group_id.0)
            .bind(&a.system_key).bind(a.created_by.map(|u| u.0)).bind(a.created_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    }
    Ok(written)
}

/// Whether the organisation's books are open (its default chart written).
pub async fn opened(mut ex: impl Executor, org: OrgId) -> Result<bool, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM accounts WHERE org_id = $1 AND id = $2";
    let probe = AccountId::system(org, "debtors");
    let conn = ex.conn().await?;
    let n: i64 = on_conn!(conn, c => sqlx::query_scalar(SQL).bind(org.0).bind(probe.0)
        .fetch_one(&mut *c).await)?;
    Ok(n > 0)
}

/// Every group, parents before children (by code, which the default chart numbers so).
pub async fn groups(mut ex: impl Executor, org: OrgId) -> Result<Vec<AccountGroup>, StoreError> {
    let sql = AccountGroup::select("WHERE org_id = $1 ORDER BY code");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}

/// Every account, by code.
pub async fn list(mut ex: impl Executor, org: OrgId) -> Result<Vec<Account>, StoreError> {
    let sql = Account::select("WHERE org_id = $1 ORDER BY code");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).fetch_all(&mut *c).await)?)
}

pub async fn get(
    mut ex: impl Executor,
    org: OrgId,
    id: AccountId,
) -> Result<Option<Account>, StoreError> {
    let sql = Account::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

pub async fn get_group(
    mut ex: impl Executor,
    org: OrgId,
    id: GroupId,
) -> Result<Option<AccountGroup>, StoreError> {
    let sql = AccountGroup::select("WHERE org_id = $1 AND id = $2");
    let conn = ex.conn().await?;
    Ok(
        on_conn!(conn, c => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(&mut *c).await)?,
    )
}

pub async fn insert(tx: &mut WriteTx, account: &Account) -> Result<(), StoreError> {
    account.insert(tx).await
}

pub async fn insert_group(tx: &mut WriteTx, group: &AccountGroup) -> Result<(), StoreError> {
    group.insert(tx).await
}

/// Removes an account nothing was posted to and that postings do not need; false otherwise.
pub async fn delete_unused(
    tx: &mut WriteTx,
    org: OrgId,
    id: AccountId,
) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM accounts WHERE org_id = $1 AND id = $2 \
                       AND system_key IS NULL AND NOT EXISTS \
                       (SELECT 1 FROM journal_lines l WHERE l.org_id = $1 AND l.account_id = $2)";
    let conn = tx.conn().await?;
    let done = on_conn!(conn, c => sqlx::query(SQL).bind(org.0).bind(id.0)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
