//! bahi's use cases: what people do, validated, written in one transaction together with its
//! audit event, answered with a domain [`Error`]. The JSON API, the pages and the command line
//! all call these; none of them changes a table itself. Nothing here knows HTTP: the server
//! turns [`Error`] into statuses and [`Message`]s into the reader's language.
//!
//! Modules are named by the domain (`identity`; later `sales`, `purchases`, `payments`,
//! `returns`, `ledger`). A use case takes the [`Services`] and who acts — an [`OrgCtx`] whose
//! role parameter is part of its signature, so the API handler and the page handler for the same
//! action cannot ask for different roles.

pub mod audit;
pub mod context;
mod error;
pub mod identity;
pub mod message;
pub mod secrets;

use std::sync::Arc;
use std::time::Duration;

use bahi_store::Db;
use bahi_store::identity::audit::AuditKeys;

pub use context::{
    Accountant, Actor, Admin, AtLeast, MinimumRole, Operator, OrgCtx, Owner, PlatformAdmin, Via,
    Viewer,
};
pub use error::{Error, FieldError, FieldErrors};
pub use message::Message;

/// What every use case needs: the database and the rules the deployment runs by.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub policy: Arc<Policy>,
}

impl Services {
    #[must_use]
    pub fn new(db: Db, policy: Policy) -> Self {
        Self {
            db,
            policy: Arc::new(policy),
        }
    }
}

/// The deployment's rules, from its configuration.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Signs the audit trail (and verifies what earlier keys signed).
    pub audit_keys: AuditKeys,
    pub limits: Limits,
    /// A session unused this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute: Duration,
    /// The address people reach bahi at, ending in `/` (for links such as invitations).
    pub public_url: String,
    /// Demo data (`bahi seed --demo`) is refused where real data lives.
    pub production: bool,
}

/// Throttling: sign-ups, password checks, invitations (API.md, Authentication).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub signups_per_hour: i64,
    pub login_failures_per_account: i64,
    pub login_failures_per_address: i64,
    pub invitations_per_org_per_day: i64,
    pub invitations_per_inviter_per_hour: i64,
}
