//! What can go wrong in the store, classified once for every table: a unique key already taken
//! (naming the field), a reference to nothing or a row still referenced, the database being
//! unavailable (down, locked, overloaded: try again), or anything else. Every store function
//! returns [`StoreError`]; `?` on a sqlx result classifies it, so no module maps constraint
//! names on its own and none can forget to.

use sqlx::error::{DatabaseError, ErrorKind};

use crate::keys::{self, UniqueKey};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already holds the value (a duplicate, or the loser of a race).
    #[error("{} is already taken ({})", .0.field, .0.name)]
    Duplicate(&'static UniqueKey),
    /// A write refers to a row that does not exist. `field` is the referring column.
    #[error("{field} refers to a record that does not exist")]
    MissingReference { field: String },
    /// A delete or key change of a row that others still refer to.
    #[error("the record is still used by {by}")]
    InUse { by: String },
    /// A foreign key failed and the engine does not say which (SQLite).
    #[error("a related record is missing or still in use")]
    Reference,
    /// A CHECK constraint refused a value: the domain should have refused it first.
    #[error("a value is outside what the column allows ({constraint})")]
    Check { constraint: String },
    /// The database cannot answer now (down, locked by another writer, out of connections);
    /// the same request may well succeed in a moment.
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// A journal whose stored lines do not balance (the domain should never build one).
    #[error("journal {journal} does not balance: debits {debit}, credits {credit}")]
    Unbalanced {
        journal: uuid::Uuid,
        debit: i64,
        credit: i64,
    },
    /// A posting dated in a financial year that is closed.
    #[error("the financial year starting {financial_year} is closed")]
    YearClosed { financial_year: i64 },
    #[error("database error: {0}")]
    Db(sqlx::Error),
}

impl StoreError {
    /// True when this is the given unique key being taken.
    #[must_use]
    pub fn is_duplicate(&self, key: &UniqueKey) -> bool {
        matches!(self, Self::Duplicate(k) if k.name == key.name)
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        classify(error)
    }
}

fn classify(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::Database(db) => classify_database(db),
        e @ (sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed) => StoreError::Unavailable(e),
        other => StoreError::Db(other),
    }
}

fn classify_database(db: Box<dyn DatabaseError>) -> StoreError {
    match db.kind() {
        ErrorKind::UniqueViolation => match unique_key_of(db.as_ref()) {
            Some(key) => StoreError::Duplicate(key),
            None => {
                // An index nobody registered: still a conflict, never a 500. The registry test
                // (`tests/keys.rs`) keeps this from happening with the shipped schema.
                tracing::warn!(
                    message = db.message(),
                    "unique violation on an unregistered key"
                );
                StoreError::Duplicate(&keys::UNKNOWN)
            }
        },
        ErrorKind::ForeignKeyViolation => foreign_key(db.as_ref()),
        ErrorKind::CheckViolation => StoreError::Check {
            constraint: db
                .constraint()
                .map_or_else(|| db.message().to_owned(), str::to_owned),
        },
        _ if is_transient(db.as_ref()) => StoreError::Unavailable(sqlx::Error::Database(db)),
        _ => StoreError::Db(sqlx::Error::Database(db)),
    }
}

/// PostgreSQL names the constraint (for a unique index, the index); SQLite names the columns:
/// `UNIQUE constraint failed: memberships.org_id, memberships.user_id`.
fn unique_key_of(db: &dyn DatabaseError) -> Option<&'static UniqueKey> {
    if let Some(name) = db.constraint() {
        return keys::by_name(name);
    }
    let columns = db.message().strip_prefix("UNIQUE constraint failed: ")?;
    let mut table = None;
    let mut names = Vec::new();
    for qualified in columns.split(',').map(str::trim) {
        let (t, c) = qualified.split_once('.')?;
        table.get_or_insert(t);
        names.push(c);
    }
    keys::by_columns(table?, &names)
}

/// PostgreSQL's message says which way the key was broken and its default constraint name
/// (`memberships_user_id_fkey`) names the column; SQLite says only that a key failed.
fn foreign_key(db: &dyn DatabaseError) -> StoreError {
    let (Some(constraint), Some(table)) = (db.constraint(), db.table()) else {
        return StoreError::Reference;
    };
    if db.message().starts_with("update or delete") {
        return StoreError::InUse {
            by: table.to_owned(),
        };
    }
    let field = constraint
        .strip_prefix(table)
        .and_then(|rest| rest.strip_prefix('_'))
        .and_then(|rest| rest.strip_suffix("_fkey"))
        .unwrap_or(constraint);
    StoreError::MissingReference {
        field: field.to_owned(),
    }
}

/// Errors that say "not now" rather than "never": SQLite busy or locked; PostgreSQL connection
/// trouble, too many connections, shutting down, or a serialization failure or deadlock.
fn is_transient(db: &dyn DatabaseError) -> bool {
    let Some(code) = db.code() else {
        return false;
    };
    if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
        // Extended result codes keep the primary code in the low byte.
        return code.parse::<i32>().is_ok_and(|c| matches!(c & 0xff, 5 | 6));
    }
    code.starts_with("08")
        || code.starts_with("53")
        || matches!(
            code.as_ref(),
            "57P01" | "57P02" | "57P03" | "40001" | "40P01" | "55P03"
        )
}
