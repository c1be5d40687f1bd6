//! Rows declared once. [`row!`] turns one struct declaration into the struct, its column list,
//! its decoding on both engines and — for a table — the INSERT statement whose column list and
//! binds both come from that same declaration, in one order. Swapping two `Paise` fields
//! therefore swaps them everywhere at once; there is no second list to get out of step.
//!
//! ```ignore
//! row! {
//!     #[derive(Debug, Clone)]
//!     pub struct Session in "sessions" {
//!         pub id_hash: SecretHash,
//!         pub user_id: UserId,
//!         pub created_at: OffsetDateTime,
//!     }
//! }
//! let sql = Session::select("WHERE id_hash = $1"); // SELECT id_hash, user_id, created_at FROM sessions WHERE …
//! session.insert(&mut tx).await?;
//! ```
//!
//! A struct without `in "table"` is a read model of a query (a join, say): it gets the column
//! list and decoding but no INSERT.

/// The columns of a row type, in declaration order.
pub trait Fields {
    const FIELDS: &'static [&'static str];

    /// `a, b, c`
    fn columns() -> &'static str;

    /// `t.a, t.b, t.c`, for queries that join.
    #[must_use]
    fn columns_of(alias: &str) -> String {
        Self::FIELDS
            .iter()
            .map(|f| format!("{alias}.{f}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A row type that is a table's row.
pub trait Table: Fields {
    const TABLE: &'static str;

    /// `SELECT <columns> FROM <table> <rest>`
    #[must_use]
    fn select(rest: &str) -> String {
        format!("SELECT {} FROM {} {rest}", Self::columns(), Self::TABLE)
    }
}

/// `INSERT INTO t (a, b, c) VALUES ($1, $2, $3)`
#[must_use]
pub fn insert_sql(table: &str, fields: &[&str]) -> String {
    let placeholders: Vec<String> = (1..=fields.len()).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        fields.join(", "),
        placeholders.join(", ")
    )
}

/// Values bound in one statement at most. SQLite allows 32,766 and PostgreSQL 65,535, but
/// sqlx binds SQLite's numbered parameters in time that grows faster than their count (a
/// 24,840-value insert took 2.8 s, the same rows in statements of 2,000 values a fiftieth of
/// that), so statements stay small.
pub const MAX_BINDS: usize = 2_000;

/// `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …` for `rows` rows.
#[must_use]
pub fn insert_rows_sql(table: &str, fields: &[&str], rows: usize) -> String {
    let width = fields.len();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=width).map(|i| format!("${}", r * width + i)).collect();
            format!("({})", row.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        fields.join(", "),
        values.join(", ")
    )
}

macro_rules! row {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $table:literal {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $crate::row::row! {
            $(#[$meta])*
            pub struct $name {
                $( $(#[$fmeta])* pub $field : $ty ),*
            }
        }

        impl $crate::row::Table for $name {
            const TABLE: &'static str = $table;
        }

        impl $name {
            /// Inserts this row; a unique or foreign key it breaks comes back as a
            /// [`StoreError`](crate::StoreError) naming the field.
            pub async fn insert(
                &self,
                mut ex: impl $crate::exec::Executor,
            ) -> Result<(), $crate::StoreError> {
                static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
                let sql = SQL.get_or_init(|| {
                    $crate::row::insert_sql($table, <Self as $crate::row::Fields>::FIELDS)
                });
                let conn = ex.conn().await?;
                $crate::exec::on_conn!(conn, c => {
                    let query = sqlx::query(sql.as_str());
                    $( let query = query.bind($crate::column::Column::to_stored(&self.$field)); )*
                    query.execute(&mut *c).await.map(|r| r.rows_affected())
                })?;
                Ok(())
            }

            /// Inserts many rows in as few statements as the engines' limits on bound values
            /// allow (a document's lines: one round trip instead of one per line).
            pub async fn insert_all(
                rows: &[Self],
                mut ex: impl $crate::exec::Executor,
            ) -> Result<(), $crate::StoreError> {
                let fields = <Self as $crate::row::Fields>::FIELDS;
                let per_statement = ($crate::row::MAX_BINDS / fields.len()).max(1);
                for chunk in rows.chunks(per_statement) {
                    let sql = $crate::row::insert_rows_sql($table, fields, chunk.len());
                    let conn = ex.conn().await?;
                    $crate::exec::on_conn!(conn, c => {
                        let mut query = sqlx::query(sql.as_str());
                        for row in chunk {
                            $( query = query.bind($crate::column::Column::to_stored(&row.$field)); )*
                        }
                        query.execute(&mut *c).await.map(|r| r.rows_affected())
                    })?;
                }
                Ok(())
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field : $ty ),*
        }

        impl $crate::row::Fields for $name {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            fn columns() -> &'static str {
                static COLUMNS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
                COLUMNS.get_or_init(|| Self::FIELDS.join(", "))
            }
        }

        impl<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> for $name {
            fn from_row(row: &'r sqlx::sqlite::SqliteRow) -> Result<Self, sqlx::Error> {
                Ok(Self {
                    $( $field: $crate::column::decode(row, stringify!($field))? ),*
                })
            }
        }

        impl<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> for $name {
            fn from_row(row: &'r sqlx::postgres::PgRow) -> Result<Self, sqlx::Error> {
                Ok(Self {
                    $( $field: $crate::column::decode(row, stringify!($field))? ),*
                })
            }
        }
    };
}

pub(crate) use row;
