//! How a Rust value is stored in a column and read back, the same on both engines. The engine's
//! types (`Gstin`, `StateCode`, `Paise`, …) and ours (`Role`, typed ids) are stored as text,
//! integers or UUIDs and parsed on the way out, so a row never holds an unchecked string where a
//! domain type belongs, and a bad stored value is an error, not a silent default.

use sqlx::error::BoxDynError;
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use time::OffsetDateTime;

/// A value both engines can bind and decode.
pub trait Stored:
    for<'q> Encode<'q, Sqlite>
    + for<'q> Encode<'q, Postgres>
    + for<'r> Decode<'r, Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Sqlite>
    + Type<Postgres>
    + Send
    + Sync
    + 'static
{
}

impl<T> Stored for T where
    T: for<'q> Encode<'q, Sqlite>
        + for<'q> Encode<'q, Postgres>
        + for<'r> Decode<'r, Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Sqlite>
        + Type<Postgres>
        + Send
        + Sync
        + 'static
{
}

/// A field of a row: what it is stored as, and how it is read back.
pub trait Column: Sized {
    type Stored: Stored;
    fn to_stored(&self) -> Self::Stored;
    fn from_stored(stored: Self::Stored) -> Result<Self, BoxDynError>;
}

/// Types stored as themselves.
macro_rules! native {
    ($($t:ty),*) => {$(
        impl Column for $t {
            type Stored = $t;
            fn to_stored(&self) -> $t {
                self.clone()
            }
            fn from_stored(stored: $t) -> Result<Self, BoxDynError> {
                Ok(stored)
            }
        }
    )*};
}

native!(
    String,
    i64,
    bool,
    uuid::Uuid,
    OffsetDateTime,
    time::Date,
    Vec<u8>
);

impl<T: Column> Column for Option<T>
where
    Option<T::Stored>: Stored,
{
    type Stored = Option<T::Stored>;
    fn to_stored(&self) -> Self::Stored {
        self.as_ref().map(Column::to_stored)
    }
    fn from_stored(stored: Self::Stored) -> Result<Self, BoxDynError> {
        stored.map(T::from_stored).transpose()
    }
}

/// Types stored as their text form (`Display`) and parsed back (`FromStr`-like).
macro_rules! as_text {
    ($t:ty, $parse:expr) => {
        impl Column for $t {
            type Stored = String;
            fn to_stored(&self) -> String {
                self.to_string()
            }
            fn from_stored(stored: String) -> Result<Self, BoxDynError> {
                $parse(&stored).map_err(|e| {
                    format!("stored {} {stored:?} does not parse: {e}", stringify!($t)).into()
                })
            }
        }
    };
}

as_text!(bahi_gst::Gstin, bahi_gst::Gstin::parse);
as_text!(bahi_gst::StateCode, bahi_gst::StateCode::parse);
as_text!(bahi_gst::HsnSac, bahi_gst::HsnSac::parse);
as_text!(bahi_gst::Uqc, bahi_gst::Uqc::parse);

/// Enumerations stored by their name (the column's CHECK allows only these).
macro_rules! as_name {
    ($t:ty) => {
        impl $crate::column::Column for $t {
            type Stored = String;
            fn to_stored(&self) -> String {
                self.as_str().to_owned()
            }
            fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
                <$t>::parse(&stored).ok_or_else(|| {
                    format!("stored {} {stored:?} is not one", stringify!($t)).into()
                })
            }
        }
    };
}

pub(crate) use as_name;

as_name!(bahi_gst::Registration);
as_name!(bahi_gst::Treatment);
as_name!(bahi_gst::SupplyKind);
as_name!(bahi_gst::SupplyType);

/// Rates are stored in hundredths of a percent (18 % is 1800).
impl Column for bahi_gst::Rate {
    type Stored = i64;
    fn to_stored(&self) -> i64 {
        i64::from(self.hundredths())
    }
    fn from_stored(stored: i64) -> Result<Self, BoxDynError> {
        u32::try_from(stored)
            .map(Self::from_hundredths)
            .map_err(|_| format!("stored rate {stored} is out of range").into())
    }
}

/// Quantities are stored in thousandths of a unit (2.5 kg is 2500).
impl Column for bahi_gst::Quantity {
    type Stored = i64;
    fn to_stored(&self) -> i64 {
        self.milli()
    }
    fn from_stored(stored: i64) -> Result<Self, BoxDynError> {
        Ok(Self::from_milli(stored))
    }
}

impl Column for bahi_gst::Paise {
    type Stored = i64;
    fn to_stored(&self) -> i64 {
        self.get()
    }
    fn from_stored(stored: i64) -> Result<Self, BoxDynError> {
        Ok(Self::new(stored))
    }
}

/// Reads one named column of a row through its [`Column`] type.
pub(crate) fn decode<'r, R, T>(row: &'r R, name: &'static str) -> Result<T, sqlx::Error>
where
    R: sqlx::Row,
    &'static str: sqlx::ColumnIndex<R>,
    T: Column,
    T::Stored: Decode<'r, R::Database> + Type<R::Database>,
{
    let stored: T::Stored = row.try_get(name)?;
    T::from_stored(stored).map_err(|source| sqlx::Error::ColumnDecode {
        index: name.to_owned(),
        source,
    })
}
as_name!(bahi_gst::YearStyle);
