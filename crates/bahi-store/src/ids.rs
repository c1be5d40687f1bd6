//! Typed ids: each table's key is its own type (`OrgId`, `PartyId`, …), so an id of one kind
//! cannot be passed where another is meant. UUIDv7, so ids sort by creation.

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            #[must_use]
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }

        impl $crate::column::Column for $name {
            type Stored = uuid::Uuid;
            fn to_stored(&self) -> uuid::Uuid {
                self.0
            }
            fn from_stored(stored: uuid::Uuid) -> Result<Self, sqlx::error::BoxDynError> {
                Ok(Self(stored))
            }
        }
    };
}

pub(crate) use typed_id;
