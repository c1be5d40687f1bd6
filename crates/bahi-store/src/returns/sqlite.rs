//! Reading a return period off SQLite in bulk. sqlx runs SQLite on a worker thread and hands
//! every row to the caller over a channel, with a copy of each value made on one thread and
//! freed on another; for a month of 273,000 lines that hand-over cost about 20 µs a row
//! (GSTR-1 took 6–12 s over HTTP, where SQLite itself runs the query in 0.6 s). Here the same
//! query runs on the connection sqlx lends out for direct SQLite calls (`lock_handle`, its
//! documented way), through rusqlite, and each row is read in place.

use sqlx::SqliteConnection;

use super::bulk::{self, Bulk, Gather};
use crate::StoreError;

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

/// Runs `sql` with `params` on `conn` and hands each document to `each` with its lines (see
/// [`bulk`]). The rows are read on this thread; on a multi-threaded runtime the worker says so
/// first (`block_in_place`), so other requests move to another worker meanwhile.
pub(super) async fn each<H: Bulk, L: Bulk>(
    conn: &mut SqliteConnection,
    sql: &str,
    params: impl rusqlite::Params,
    each: impl FnMut(H, Vec<L>),
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
        let expected = bulk::columns::<H, L>();
        if names != expected {
            return Err(rusqlite::Error::InvalidColumnName(format!(
                "the query's columns {names:?} are not the rows' fields {expected:?}"
            )));
        }
        let mut rows = statement.query(params)?;
        let mut gather = Gather::new(each);
        while let Some(row) = rows.next()? {
            let key: uuid::Uuid = row.get(0)?;
            let line = L::from_sqlite(row, H::FIELDS.len())?;
            gather.row(key, || H::from_sqlite(row, 0), line)?;
        }
        gather.finish();
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
