//! The audit trail from the use cases' side: every change appends its event in the change's own
//! transaction ([`record`]); accountants and up read and verify their organisation's trail;
//! operators and platform administrators verify all of it.

use bahi_store::WriteTx;
use bahi_store::identity::OrgId;
use bahi_store::identity::audit::{self, AuditEvent, Depth, NewEvent, Scope, Verification};

use crate::context::AuditActor;
use crate::{Accountant, AtLeast, Error, OrgCtx, Services};

/// What an event is about: its kind and id.
pub(crate) struct Entity<'a>(pub &'a str, pub Option<String>);

/// One event: what happened, to what, the summary kept for the record (English, as before), and
/// the named values pages make words of, in the reader's language (`audit-<action>` in the
/// catalogue).
pub(crate) struct Event<'a> {
    pub action: &'a str,
    pub entity: Entity<'a>,
    pub summary: String,
    pub details: Vec<(&'static str, String)>,
}

/// Appends one event inside the change's transaction, signed with the current audit key.
pub(crate) async fn record(
    s: &Services,
    tx: &mut WriteTx,
    who: &AuditActor,
    org: Option<OrgId>,
    event: Event<'_>,
) -> Result<(), Error> {
    audit::append(
        tx,
        &s.policy.audit_keys,
        NewEvent {
            org_id: org,
            actor_user_id: who.user_id,
            actor_email: who.email.clone(),
            action: event.action.to_owned(),
            entity_type: event.entity.0.to_owned(),
            entity_id: event.entity.1,
            summary: event.summary,
            ip: who.ip.clone(),
            details: event.details,
        },
    )
    .await?;
    Ok(())
}

/// The organisation's events, newest first, `before` a sequence number (keyset paging).
pub async fn list<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEvent>, Error> {
    Ok(audit::list(&s.db, Some(org.org_id()), before, limit).await?)
}

/// Recomputes the organisation's whole chain and compares it with its signed head and
/// checkpoints; records a checkpoint when it verifies.
pub async fn verify_org<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
) -> Result<Verification, Error> {
    let keys = &s.policy.audit_keys;
    Ok(audit::verify_and_checkpoint(&s.db, keys, Scope::Org(org.org_id()), Depth::Full).await?)
}

/// Every chain, and that every organisation has one: in full (`bahi audit verify`) or from the
/// newest checkpoints (health checks, `doctor`, the server's periodic check).
pub async fn verify_all(s: &Services, depth: Depth) -> Result<Verification, Error> {
    let keys = &s.policy.audit_keys;
    Ok(audit::verify_and_checkpoint(&s.db, keys, Scope::All, depth).await?)
}
