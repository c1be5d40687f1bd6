//! Reading a return period off SQLite in bulk. sqlx runs SQLite on a worker thread and hands
//! every row to the caller over a channel, with a copy of each value made on one thread and
//! freed on another; for a month of 273,000 lines that hand-over cost about 20 µs a row
//! (GSTR-1 took 6–12 s over HTTP, where SQLite itself runs the query in 0.6 s). Here the same
//! query runs on the connection sqlx lends out for direct SQLite calls (`lock_handle`, its
//! documented way), through rusqlite, and each row is read in place.

use rusqlite::types::{FromSql, Type};
use sqlx::SqliteConnection;

use crate::StoreError;
use crate::column::Column;
use crate::row::Fields;

/// A row read by position, its fields in the order of the query's columns (checked by name
/// once per query).
pub(super) trait FromBulk: Fields + Sized {
    fn from_bulk(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self>;
}

/// Reads column `i` through its [`Column`] type.
pub(super) fn column<T>(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T: Column,
    T::Stored: FromSql,
{
    let stored: T::Stored = row.get(i)?;
    T::from_stored(stored).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e))
}

/// A [`row!`](crate::row::row) that can also be read in bulk off SQLite.
macro_rules! bulk_row {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $crate::row::row! {
            $(#[$meta])*
            pub struct $name {
                $( $(#[$fmeta])* pub $field : $ty ),*
            }
        }

        impl $crate::returns::sqlite::FromBulk for $name {
            fn from_bulk(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                let mut i = 0_usize;
                let mut next = || {
                    i += 1;
                    i - 1
                };
                Ok(Self {
                    $( $field: $crate::returns::sqlite::column(row, next())? ),*
                })
            }
        }
    };
}

pub(super) use bulk_row;

fn store_error(e: rusqlite::Error) -> StoreError {
    let busy = matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    );
    let e = sqlx::Error::Protocol(e.to_string());
    if busy {
        StoreError::Unavailable(e)
    } else {
        StoreError::Db(e)
    }
}

/// Runs `sql` with `params` on `conn` and hands each row to `each`. The rows are read on this
/// thread; on a multi-threaded runtime the worker says so first (`block_in_place`), so other
/// requests move to another worker meanwhile.
pub(super) async fn each<T: FromBulk>(
    conn: &mut SqliteConnection,
    sql: &str,
    params: impl rusqlite::Params,
    mut each: impl FnMut(T),
) -> Result<(), StoreError> {
    let mut handle = conn.lock_handle().await?;
    let raw = handle.as_raw_handle();
    // SAFETY: while `handle` lives, sqlx's worker makes no call on this connection or its
    // statements and does not close it (LockedSqliteHandle's contract); a connection made
    // `from_handle` does not close the handle when dropped, and `db` is dropped before
    // `handle`. Both are the same libsqlite3-sys build (one version in Cargo.lock).
    let db = unsafe { rusqlite::Connection::from_handle(raw.as_ptr()) }.map_err(store_error)?;
    let run = || -> rusqlite::Result<()> {
        let mut statement = db.prepare(sql)?;
        let names = statement.column_names();
        if names != T::FIELDS {
            return Err(rusqlite::Error::InvalidColumnName(format!(
                "the query's columns {names:?} are not the row's fields {:?}",
                T::FIELDS
            )));
        }
        let mut rows = statement.query(params)?;
        while let Some(row) = rows.next()? {
            each(T::from_bulk(row)?);
        }
        Ok(())
    };
    let multi_threaded = tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
    let result = if multi_threaded {
        tokio::task::block_in_place(run)
    } else {
        run()
    };
    drop(db);
    drop(handle);
    result.map_err(store_error)
}
