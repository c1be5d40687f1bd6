//! Users, organisations, memberships, sessions, API tokens, invitations, sign-in throttling and
//! the audit trail. Every organisation-scoped query takes the organisation id.

pub mod attempts;
pub mod audit;
pub mod invitations;
pub mod logos;
pub mod members;
pub mod orgs;
pub mod password_resets;
pub mod sessions;
pub mod tokens;
pub mod two_factor;
pub mod users;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::typed_id;

typed_id!(
    /// A user account.
    UserId
);
typed_id!(
    /// An organisation (a business with one GSTIN, or none yet).
    OrgId
);
typed_id!(
    /// An API token.
    TokenId
);
typed_id!(
    /// An invitation to join an organisation.
    InvitationId
);

/// A member's role in an organisation, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Admin,
    Accountant,
    Viewer,
}

impl Role {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Accountant => "accountant",
            Self::Viewer => "viewer",
        }
    }

    /// Every role, most powerful first.
    pub const ALL: [Self; 4] = [Self::Owner, Self::Admin, Self::Accountant, Self::Viewer];

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }

    fn rank(self) -> u8 {
        match self {
            Self::Owner => 4,
            Self::Admin => 3,
            Self::Accountant => 2,
            Self::Viewer => 1,
        }
    }

    /// True when this role may do what `required` may.
    #[must_use]
    pub fn at_least(self, required: Self) -> bool {
        self.rank() >= required.rank()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Stored as its name; the column's CHECK constraint allows only these four.
impl crate::column::Column for Role {
    type Stored = String;
    fn to_stored(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        Self::parse(&stored).ok_or_else(|| format!("{stored:?} is not a role").into())
    }
}

/// A hash of a secret (password, session id, token): stored and compared, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretHash(pub String);

impl fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretHash(..)")
    }
}

impl crate::column::Column for SecretHash {
    type Stored = String;
    fn to_stored(&self) -> String {
        self.0.clone()
    }
    fn from_stored(stored: String) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(Self(stored))
    }
}

/// Timestamps are stored to the microsecond: PostgreSQL keeps no more, and the audit chain hashes
/// what is stored.
#[must_use]
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000)
        .unwrap_or(t)
}
