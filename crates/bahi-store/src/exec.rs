//! One way to run a query whether the caller holds the pool or a write transaction, so no query
//! needs a `_tx` twin: a store function takes `impl Executor` and callers pass `&db` or
//! `&mut tx`.
//!
//! The SQL text is the same on both engines (`$1` placeholders work on both); the body that binds
//! and runs it is compiled once per engine by [`on_conn!`], so each arm gets concrete types.

use std::future::Future;
use std::ops::{Deref, DerefMut};

use sqlx::pool::PoolConnection;
use sqlx::{Database, Postgres, Sqlite};

use crate::{Db, StoreError, WriteTx};

/// A connection to run statements on: borrowed from a transaction, or taken from the pool for
/// the length of one store call.
pub enum Conn<'a> {
    Sqlite(Held<'a, Sqlite>),
    Postgres(Held<'a, Postgres>),
}

pub enum Held<'a, DB: Database> {
    Pooled(PoolConnection<DB>),
    Borrowed(&'a mut DB::Connection),
}

impl<DB: Database> Deref for Held<'_, DB> {
    type Target = DB::Connection;

    fn deref(&self) -> &DB::Connection {
        match self {
            Self::Pooled(c) => c,
            Self::Borrowed(c) => c,
        }
    }
}

impl<DB: Database> DerefMut for Held<'_, DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        match self {
            Self::Pooled(c) => &mut *c,
            Self::Borrowed(c) => c,
        }
    }
}

/// Something store functions can run statements on: `&Db` (the pool) or `&mut WriteTx`.
///
/// The trait has no lifetime parameter of its own (the connection borrows from `self` for the
/// call), so a store call inside an axum handler's `Send` future needs no higher-ranked proof.
pub trait Executor: Send {
    fn conn(&mut self) -> impl Future<Output = Result<Conn<'_>, StoreError>> + Send;
}

impl Executor for &Db {
    async fn conn(&mut self) -> Result<Conn<'_>, StoreError> {
        Ok(match *self {
            Db::Sqlite(pool) => Conn::Sqlite(Held::Pooled(pool.acquire().await?)),
            Db::Postgres(pool) => Conn::Postgres(Held::Pooled(pool.acquire().await?)),
        })
    }
}

impl Executor for WriteTx {
    async fn conn(&mut self) -> Result<Conn<'_>, StoreError> {
        Ok(match self {
            WriteTx::Sqlite(tx, _) => Conn::Sqlite(Held::Borrowed(&mut **tx)),
            WriteTx::Postgres(tx) => Conn::Postgres(Held::Borrowed(&mut **tx)),
        })
    }
}

impl Executor for &mut WriteTx {
    async fn conn(&mut self) -> Result<Conn<'_>, StoreError> {
        (**self).conn().await
    }
}

/// `on_conn!(conn, c => sqlx::query(SQL).bind(x).execute(&mut *c).await)`: runs the body with
/// `c` as the engine's own `&mut Connection`. Nothing is hidden but the `match`.
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::exec::Conn::Sqlite(mut held) => {
                let $c = &mut *held;
                $body
            }
            $crate::exec::Conn::Postgres(mut held) => {
                let $c = &mut *held;
                $body
            }
        }
    };
}

pub(crate) use on_conn;
