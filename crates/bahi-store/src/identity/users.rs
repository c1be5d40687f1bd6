//! User accounts. Emails are stored lower-cased, so sign-in is case-insensitive.

use time::OffsetDateTime;

use super::{UserId, now};
use crate::dual::{on_pool, on_tx};
use crate::{Db, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub is_platform_admin: bool,
    pub created_at: OffsetDateTime,
    pub password_changed_at: OffsetDateTime,
}

const COLUMNS: &str =
    "id, email, name, password_hash, is_platform_admin, created_at, password_changed_at";

#[must_use]
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn create(
    tx: &mut WriteTx,
    email: &str,
    name: &str,
    password_hash: &str,
) -> Result<User, sqlx::Error> {
    let at = now();
    let user = User {
        id: UserId::new(),
        email: normalise_email(email),
        name: name.trim().to_owned(),
        password_hash: password_hash.to_owned(),
        is_platform_admin: false,
        created_at: at,
        password_changed_at: at,
    };
    const SQL: &str = "INSERT INTO users (id, email, name, password_hash, is_platform_admin, created_at, password_changed_at) \
                       VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(tx, conn => sqlx::query(SQL)
        .bind(user.id).bind(&user.email).bind(&user.name).bind(&user.password_hash)
        .bind(user.is_platform_admin).bind(user.created_at).bind(user.password_changed_at)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(user)
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    let email = normalise_email(email);
    on_pool!(db, pool => sqlx::query_as::<_, User>(&sql).bind(&email).fetch_optional(pool).await)
}

pub async fn by_email_tx(tx: &mut WriteTx, email: &str) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    let email = normalise_email(email);
    on_tx!(tx, conn => sqlx::query_as::<_, User>(&sql).bind(&email).fetch_optional(conn).await)
}

pub async fn get(db: &Db, id: UserId) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, User>(&sql).bind(id).fetch_optional(pool).await)
}

pub async fn set_password(
    tx: &mut WriteTx,
    id: UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3";
    let at = now();
    on_tx!(tx, conn => sqlx::query(SQL).bind(password_hash).bind(at).bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_platform_admin(
    tx: &mut WriteTx,
    id: UserId,
    admin: bool,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE users SET is_platform_admin = $1 WHERE id = $2";
    on_tx!(tx, conn => sqlx::query(SQL).bind(admin).bind(id).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count_platform_admins(db: &Db) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT count(*) FROM users WHERE is_platform_admin = TRUE";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(SQL).fetch_one(pool).await)
}
