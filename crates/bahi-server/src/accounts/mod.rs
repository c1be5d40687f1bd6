//! What people do with accounts and organisations — sign up, sign in, invite, change roles,
//! issue tokens — validated, written in one transaction with its audit event. The JSON API, the
//! pages and the CLI all call these; none of them touches the tables directly.

pub mod members;
pub mod orgs;
pub mod sessions;
pub mod signup;
pub mod tokens;
mod validate;

use bahi_store::WriteTx;
use bahi_store::identity::audit::{self, NewEvent};
use bahi_store::identity::{OrgId, UserId};

use crate::state::AppState;

pub use validate::{OrgInput, validate_org};

/// Validates and normalises an email address (for the command line).
pub fn validate_email(email: &str, errors: &mut Vec<crate::problem::FieldError>) -> String {
    validate::email("email", email, errors)
}

/// Who did something, for the audit trail.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub email: Option<String>,
    pub ip: Option<String>,
}

impl Actor {
    #[must_use]
    pub fn user(id: UserId, email: &str, ip: Option<String>) -> Self {
        Self {
            user_id: Some(id),
            email: Some(email.to_owned()),
            ip,
        }
    }
}

/// Appends one audit event inside the change's transaction, signed with the audit key.
pub(crate) async fn record(
    app: &AppState,
    tx: &mut WriteTx,
    actor: &Actor,
    org: Option<OrgId>,
    action: &str,
    entity: (&str, Option<String>),
    summary: String,
) -> Result<(), bahi_store::StoreError> {
    audit::append(
        tx,
        &app.config.audit_keys,
        NewEvent {
            org_id: org,
            actor_user_id: actor.user_id,
            actor_email: actor.email.clone(),
            action: action.to_owned(),
            entity_type: entity.0.to_owned(),
            entity_id: entity.1,
            summary,
            ip: actor.ip.clone(),
        },
    )
    .await
    .map(drop)
}
