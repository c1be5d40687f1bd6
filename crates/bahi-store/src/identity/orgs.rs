//! Organisations: the tenants. Every other tenant table carries `org_id`.

use time::OffsetDateTime;

use super::{OrgId, UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub id: OrgId,
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub gstin: Option<String>,
    pub state_code: String,
    pub address: Option<String>,
    pub upi_vpa: Option<String>,
    pub round_off_totals: bool,
    pub suspended_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// The editable fields (validated by the caller).
#[derive(Debug, Clone, Default)]
pub struct OrgFields {
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub gstin: Option<String>,
    pub state_code: String,
    pub address: Option<String>,
    pub upi_vpa: Option<String>,
    pub round_off_totals: bool,
}

const COLUMNS: &str = "id, legal_name, trade_name, gstin, state_code, address, upi_vpa, round_off_totals, suspended_at, created_at";

pub async fn create(tx: &mut WriteTx, fields: &OrgFields) -> Result<Organisation, sqlx::Error> {
    let org = Organisation {
        id: OrgId::new(),
        legal_name: fields.legal_name.clone(),
        trade_name: fields.trade_name.clone(),
        gstin: fields.gstin.clone(),
        state_code: fields.state_code.clone(),
        address: fields.address.clone(),
        upi_vpa: fields.upi_vpa.clone(),
        round_off_totals: fields.round_off_totals,
        suspended_at: None,
        created_at: now(),
    };
    const SQL: &str = "INSERT INTO organisations (id, legal_name, trade_name, gstin, state_code, address, upi_vpa, round_off_totals, created_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(org.id).bind(&org.legal_name).bind(&org.trade_name).bind(&org.gstin).bind(&org.state_code)
        .bind(&org.address).bind(&org.upi_vpa).bind(org.round_off_totals).bind(org.created_at)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(org)
}

pub async fn get(db: &Db, id: OrgId) -> Result<Option<Organisation>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, Organisation>(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn update(tx: &mut WriteTx, id: OrgId, f: &OrgFields) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE organisations SET legal_name = $1, trade_name = $2, gstin = $3, state_code = $4, \
                       address = $5, upi_vpa = $6, round_off_totals = $7 WHERE id = $8";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(&f.legal_name).bind(&f.trade_name).bind(&f.gstin).bind(&f.state_code)
        .bind(&f.address).bind(&f.upi_vpa).bind(f.round_off_totals).bind(id)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Suspends (`true`) or reinstates an organisation; returns false when there is no such one.
pub async fn set_suspended(
    tx: &mut WriteTx,
    id: OrgId,
    suspended: bool,
) -> Result<bool, sqlx::Error> {
    let at = suspended.then(now);
    const SQL: &str = "UPDATE organisations SET suspended_at = $1 WHERE id = $2";
    let done = on_tx!(tx, conn => sqlx::query(SQL).bind(at).bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Every organisation, for platform administrators, newest first.
pub async fn list_all(db: &Db, limit: i64) -> Result<Vec<Organisation>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM organisations ORDER BY created_at DESC, id LIMIT $1");
    on_pool!(db, pool => sqlx::query_as::<_, Organisation>(&sql).bind(limit).fetch_all(pool).await)
}

/// An organisation with the user's role in it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Membership {
    pub id: OrgId,
    pub legal_name: String,
    pub gstin: Option<String>,
    pub state_code: String,
    pub role: String,
    pub suspended_at: Option<OffsetDateTime>,
}

pub async fn of_user(db: &Db, user: UserId) -> Result<Vec<Membership>, sqlx::Error> {
    const SQL: &str = "SELECT o.id, o.legal_name, o.gstin, o.state_code, m.role, o.suspended_at \
                       FROM memberships m JOIN organisations o ON o.id = m.org_id \
                       WHERE m.user_id = $1 ORDER BY o.legal_name, o.id";
    on_pool!(db, pool => sqlx::query_as::<_, Membership>(SQL).bind(user).fetch_all(pool).await)
}

pub async fn membership(
    db: &Db,
    org: OrgId,
    user: UserId,
) -> Result<Option<Membership>, sqlx::Error> {
    const SQL: &str = "SELECT o.id, o.legal_name, o.gstin, o.state_code, m.role, o.suspended_at \
                       FROM memberships m JOIN organisations o ON o.id = m.org_id \
                       WHERE m.org_id = $1 AND m.user_id = $2";
    on_pool!(db, pool => sqlx::query_as::<_, Membership>(SQL).bind(org).bind(user).fetch_optional(pool).await)
}
