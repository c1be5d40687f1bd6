//! Running one SQL text on whichever engine the handle holds. The body is compiled once per
//! engine, so each arm gets its own concrete types; nothing is hidden but the `match`.

/// `on_pool!(db, pool => sqlx::query(SQL).execute(pool).await)`
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// `on_tx!(tx, conn => sqlx::query(SQL).execute(conn).await)`; `conn` is the transaction's
/// connection.
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::WriteTx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::WriteTx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}

pub(crate) use {on_pool, on_tx};
