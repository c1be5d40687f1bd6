//! User accounts. Emails are stored lower-cased, so sign-in is case-insensitive.

use time::OffsetDateTime;

use super::{SecretHash, UserId, now};
use crate::exec::{Executor, on_conn};
use crate::row::{Table, row};
use crate::{Db, StoreError, WriteTx};

row! {
    #[derive(Debug, Clone)]
    pub struct User in "users" {
        pub id: UserId,
        pub email: String,
        pub name: String,
        pub password_hash: SecretHash,
        pub is_platform_admin: bool,
        pub created_at: OffsetDateTime,
        pub password_changed_at: OffsetDateTime,
        /// The language pages speak to them in.
        pub language: Language,
    }
}

/// A language bahi speaks (the column's CHECK allows only these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    Hindi,
}

impl Language {
    pub const ALL: [Self; 2] = [Self::English, Self::Hindi];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Hindi => "hi",
        }
    }

    #[must_use]
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

impl crate::column::Column for Language {
    type Stored = String;
    fn to_stored(&self) -> String {
        self.code().to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        Self::parse(&stored).ok_or_else(|| format!("{stored:?} is not a language").into())
    }
}

#[must_use]
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates an account. A taken email is [`StoreError::Duplicate`] of
/// [`keys::USERS_EMAIL`](crate::keys::USERS_EMAIL), also when another request won a race.
pub async fn create(
    tx: &mut WriteTx,
    email: &str,
    name: &str,
    password_hash: &str,
    language: Language,
) -> Result<User, StoreError> {
    let at = now();
    let user = User {
        id: UserId::new(),
        email: normalise_email(email),
        name: name.trim().to_owned(),
        password_hash: SecretHash(password_hash.to_owned()),
        is_platform_admin: false,
        created_at: at,
        password_changed_at: at,
        language,
    };
    user.insert(tx).await?;
    Ok(user)
}

pub async fn by_email(mut ex: impl Executor, email: &str) -> Result<Option<User>, StoreError> {
    let sql = User::select("WHERE email = $1");
    let email = normalise_email(email);
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(&email).fetch_optional(&mut *c).await)?)
}

pub async fn get(mut ex: impl Executor, id: UserId) -> Result<Option<User>, StoreError> {
    let sql = User::select("WHERE id = $1");
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_as(&sql).bind(id.0).fetch_optional(&mut *c).await)?)
}

pub async fn set_password(
    tx: &mut WriteTx,
    id: UserId,
    password_hash: &str,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3";
    let at = now();
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(password_hash).bind(at).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_language(
    ex: impl Executor,
    id: UserId,
    language: Language,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET language = $1 WHERE id = $2";
    let mut ex = ex;
    let conn = ex.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(language.code()).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_platform_admin(
    tx: &mut WriteTx,
    id: UserId,
    admin: bool,
) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE users SET is_platform_admin = $1 WHERE id = $2";
    let conn = tx.conn().await?;
    on_conn!(conn, c => sqlx::query(SQL).bind(admin).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count_platform_admins(db: &Db) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT count(*) FROM users WHERE is_platform_admin = TRUE";
    let mut ex = db;
    let conn = ex.conn().await?;
    Ok(on_conn!(conn, c => sqlx::query_scalar::<_, i64>(SQL).fetch_one(&mut *c).await)?)
}
