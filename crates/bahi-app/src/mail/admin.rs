//! The outbox as platform administrators (pages, API) and operators (`bahi admin outbox`) see
//! it: what waits, what was sent, what was given up on; and another round of attempts for a
//! dead letter.

use bahi_store::outbox::{self, Depth, Entry, OutboxId, State};

use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::{Error, Message, Operator, PlatformAdmin, Services};

/// Who may see and retry every organisation's mail.
pub trait Overseer: Sync {
    fn audit_actor(&self) -> AuditActor;
}

impl Overseer for PlatformAdmin {
    fn audit_actor(&self) -> AuditActor {
        self.actor().into()
    }
}

impl Overseer for Operator {
    fn audit_actor(&self) -> AuditActor {
        self.into()
    }
}

/// Messages in a state (every state when `None`), newest first, a page after `before`.
pub async fn list(
    s: &Services,
    _who: &impl Overseer,
    state: Option<State>,
    before: Option<OutboxId>,
    limit: i64,
) -> Result<Vec<Entry>, Error> {
    Ok(outbox::list(&s.db, state, before, limit.clamp(1, 500)).await?)
}

/// How many messages wait and how many are dead.
pub async fn depth(s: &Services, _who: &impl Overseer) -> Result<Depth, Error> {
    Ok(outbox::depth(&s.db).await?)
}

/// Sends a dead letter again (from its first attempt); a message that is not dead is a
/// conflict, an unknown one not found.
pub async fn retry(s: &Services, who: &impl Overseer, id: OutboxId) -> Result<Entry, Error> {
    let mut tx = s.db.begin_write().await?;
    let entry = outbox::get(&mut tx, id).await?.ok_or(Error::NotFound)?;
    if !outbox::retry(&mut tx, id).await? {
        return Err(Error::Conflict(Message::new("outbox-not-dead")));
    }
    let event = Event {
        action: "outbox.retry",
        entity: Entity("outbox", Some(id.to_string())),
        summary: format!(
            "mail to {} retried after {} attempts ({})",
            entry.recipients,
            entry.attempts,
            entry.last_error.as_deref().unwrap_or("no error recorded")
        ),
        details: vec![
            ("recipients", entry.recipients.clone()),
            ("subject", entry.subject.clone()),
        ],
    };
    record(s, &mut tx, &who.audit_actor(), entry.org_id, event).await?;
    let retried = outbox::get(&mut tx, id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    s.outbox_wake.notify_one();
    Ok(retried)
}
