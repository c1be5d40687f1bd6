//! Reading a period's documents in bulk, a document's lines together. A query's columns are a
//! head (the document's particulars, its id first) followed by a line's. On SQLite a row is a
//! line: the head is decoded once per document, on its first line, and every other line
//! decodes only its own columns (decoding the head with each of a month's 273,000 lines — a
//! GSTIN checked, dates parsed, strings copied, 2.7 times a document — cost as much as running
//! the query). On PostgreSQL a row is a document, its lines' columns aggregated into arrays,
//! so the head crosses the wire once too.

use rusqlite::types::{FromSql, Type};
use sqlx::Row as _;
use sqlx::postgres::PgRow;

use crate::column::Column;
use crate::row::Fields;

/// A row type read by position, its fields in the order of the query's columns from `first`.
pub(super) trait Bulk: Fields + Sized {
    fn from_sqlite(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Self>;
    fn from_pg(row: &PgRow, first: usize) -> Result<Self, sqlx::Error>;
    /// The rows held by one PostgreSQL row whose columns from `first` are arrays, one per
    /// field: element k of each makes row k (a document's lines, aggregated).
    fn from_pg_arrays(row: &PgRow, first: usize) -> Result<Vec<Self>, sqlx::Error>;
}

/// Reads column `i` of a SQLite row through its [`Column`] type.
pub(super) fn sqlite_column<T>(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T: Column,
    T::Stored: FromSql,
{
    let stored: T::Stored = row.get(i)?;
    T::from_stored(stored).map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e))
}

/// Reads column `i` of a PostgreSQL row through its [`Column`] type.
pub(super) fn pg_column<T>(row: &PgRow, i: usize) -> Result<T, sqlx::Error>
where
    T: Column,
    T::Stored: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    let stored: T::Stored = row.try_get(i)?;
    T::from_stored(stored).map_err(|source| sqlx::Error::ColumnDecode {
        index: i.to_string(),
        source,
    })
}

/// Column `i` of a PostgreSQL row, an array of [`Column`] `T`'s stored values.
pub(super) fn pg_array<T>(
    row: &PgRow,
    i: usize,
) -> Result<std::vec::IntoIter<T::Stored>, sqlx::Error>
where
    T: Column,
    Vec<T::Stored>: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    let stored: Vec<T::Stored> = row.try_get(i)?;
    Ok(stored.into_iter())
}

/// The next element of an array read by [`pg_array`] (column `i`), as a `T`.
pub(super) fn pg_element<T: Column>(
    array: &mut std::vec::IntoIter<T::Stored>,
    i: usize,
) -> Result<T, sqlx::Error> {
    let stored = array.next().ok_or_else(|| sqlx::Error::ColumnDecode {
        index: i.to_string(),
        source: "the line columns' arrays differ in length".into(),
    })?;
    T::from_stored(stored).map_err(|source| sqlx::Error::ColumnDecode {
        index: i.to_string(),
        source,
    })
}

/// A read model ([`row!`](crate::row::row)) that can also be read in bulk by position.
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

        impl $crate::returns::bulk::Bulk for $name {
            fn from_sqlite(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Self> {
                let mut i = first;
                let mut next = || {
                    i += 1;
                    i - 1
                };
                Ok(Self {
                    $( $field: $crate::returns::bulk::sqlite_column(row, next())? ),*
                })
            }

            fn from_pg(
                row: &sqlx::postgres::PgRow,
                first: usize,
            ) -> Result<Self, sqlx::Error> {
                let mut i = first;
                let mut next = || {
                    i += 1;
                    i - 1
                };
                Ok(Self {
                    $( $field: $crate::returns::bulk::pg_column(row, next())? ),*
                })
            }

            fn from_pg_arrays(
                row: &sqlx::postgres::PgRow,
                first: usize,
            ) -> Result<Vec<Self>, sqlx::Error> {
                let mut i = first;
                let mut next = || {
                    i += 1;
                    i - 1
                };
                $( let mut $field = $crate::returns::bulk::pg_array::<$ty>(row, next())?; )*
                let count = [$( $field.len() ),*][0];
                let mut rows = Vec::with_capacity(count);
                for _ in 0..count {
                    rows.push(Self {
                        $( $field: $crate::returns::bulk::pg_element(&mut $field, first)? ),*
                    });
                }
                Ok(rows)
            }
        }
    };
}

pub(super) use bulk_row;

/// The column names a head-and-line query must have, in order.
pub(super) fn columns<H: Fields, L: Fields>() -> Vec<&'static str> {
    H::FIELDS.iter().chain(L::FIELDS).copied().collect()
}

/// Gathers rows into documents: a row whose key (the document's id) is the previous row's adds
/// a line to that document; another key hands the gathered document over and starts the next,
/// its head decoded from that row. Only the document being gathered is held.
pub(super) struct Gather<H, L, F: FnMut(H, Vec<L>)> {
    current: Option<(uuid::Uuid, H, Vec<L>)>,
    each: F,
}

impl<H, L, F: FnMut(H, Vec<L>)> Gather<H, L, F> {
    pub(super) fn new(each: F) -> Self {
        Self {
            current: None,
            each,
        }
    }

    pub(super) fn row<E>(
        &mut self,
        key: uuid::Uuid,
        head: impl FnOnce() -> Result<H, E>,
        line: L,
    ) -> Result<(), E> {
        match &mut self.current {
            Some((k, _, lines)) if *k == key => lines.push(line),
            _ => {
                if let Some((_, h, lines)) = self.current.replace((key, head()?, vec![line])) {
                    (self.each)(h, lines);
                }
            }
        }
        Ok(())
    }

    pub(super) fn finish(mut self) {
        if let Some((_, h, lines)) = self.current.take() {
            (self.each)(h, lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Gather;

    #[test]
    fn rows_of_one_key_make_one_document_and_heads_are_read_once() {
        let mut got = Vec::new();
        let mut heads_read = 0;
        let mut gather = Gather::new(|h: &str, lines: Vec<u8>| got.push((h, lines)));
        let a = uuid::Uuid::from_u128(1);
        let b = uuid::Uuid::from_u128(2);
        for (key, head, line) in [(a, "a", 1), (a, "x", 2), (b, "b", 3), (a, "a2", 4)] {
            gather
                .row::<()>(
                    key,
                    || {
                        heads_read += 1;
                        Ok(head)
                    },
                    line,
                )
                .unwrap();
        }
        gather.finish();
        assert_eq!(got, [("a", vec![1, 2]), ("b", vec![3]), ("a2", vec![4])]);
        assert_eq!(heads_read, 3);
    }
}
