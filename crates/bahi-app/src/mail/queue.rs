//! Queuing: a message goes into the outbox inside the transaction of the change that causes it
//! (an invitation, a reset, a reminder step), so either both are kept or neither.

use bahi_store::WriteTx;
use bahi_store::identity::OrgId;
use bahi_store::outbox::{self, Kind, OutboxId, OutboxMessage};

use super::message::{Outgoing, format};
use crate::{Error, Message, Services};

/// Queues `outgoing` in `tx`; `None` when a message for the same `key` was queued before (the
/// key names what the message is for, so the second ask is a no-op). Mail off: a conflict
/// saying so (callers that send mail only when it is on ask [`Services::mail_on`] first).
pub async fn enqueue(
    s: &Services,
    tx: &mut WriteTx,
    org: Option<OrgId>,
    kind: Kind,
    key: String,
    outgoing: &Outgoing,
) -> Result<Option<OutboxId>, Error> {
    let Some(policy) = &s.policy.mail else {
        return Err(Error::Conflict(Message::new("mail-off")));
    };
    let id = OutboxId::new();
    let formatted = format(policy, id, outgoing)?;
    let mut message = OutboxMessage::pending(
        org,
        kind,
        key,
        (formatted.sender, formatted.recipients),
        outgoing.letter.subject.clone(),
        formatted.bytes,
    );
    message.id = id;
    Ok(outbox::enqueue(tx, &message).await?.then_some(id))
}
