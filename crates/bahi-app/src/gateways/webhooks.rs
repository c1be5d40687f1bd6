//! Receiving a webhook: check it came from the business's gateway account, keep it in the
//! inbox once (by the gateway's event id), answer. Applying it is the inbox worker's job
//! ([`super::inbox`]): a slow database or a busy moment never holds the gateway's request long
//! enough for it to send the event again, and a redelivered event is kept once.

use bahi_store::gateways::Provider;
use bahi_store::gateways::events::{self, GatewayEvent};
use bahi_store::identity::OrgId;
use time::OffsetDateTime;

use super::integrations::open;
use super::signatures::{self, StripeRefusal};
use super::{razorpay, stripe};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::{Error, Services};

/// A webhook request as it arrived.
#[derive(Debug, Clone)]
pub struct Delivery<'a> {
    pub provider: Provider,
    pub body: &'a [u8],
    /// `X-Razorpay-Signature` or `Stripe-Signature`.
    pub signature: Option<&'a str>,
    /// `X-Razorpay-Event-Id` (Stripe's id is in the body).
    pub event_id: Option<&'a str>,
    pub ip: Option<String>,
}

/// What became of a verified event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// Kept, to be applied.
    Kept,
    /// Kept before: a redelivery, changed nothing.
    Duplicate,
}

/// Why a webhook was refused (a 400; the refusal is in the business's audit trail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No signature header.
    Unsigned,
    /// The signature does not match the body under the business's webhook secret.
    Forged,
    /// Signed too long ago (Stripe's timestamp): a replay.
    Stale,
    /// Signed, but not an event.
    NotAnEvent,
}

impl Refusal {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::Forged => "forged",
            Self::Stale => "stale",
            Self::NotAnEvent => "not an event",
        }
    }
}

/// Receives one webhook for `org`: `NotFound` when the business has not connected the gateway.
pub async fn receive(
    s: &Services,
    org: OrgId,
    delivery: &Delivery<'_>,
    now: OffsetDateTime,
) -> Result<Result<Receipt, Refusal>, Error> {
    let Some(opened) = open(s, org, delivery.provider).await? else {
        return Err(Error::NotFound);
    };
    let verdict = match (delivery.provider, delivery.signature) {
        (_, None) => Err(Refusal::Unsigned),
        (Provider::Razorpay, Some(sig)) => {
            if signatures::razorpay(&opened.webhook_secret, delivery.body, sig) {
                razorpay::envelope(delivery.body, delivery.event_id).ok_or(Refusal::NotAnEvent)
            } else {
                Err(Refusal::Forged)
            }
        }
        (Provider::Stripe, Some(sig)) => {
            match signatures::stripe(&opened.webhook_secret, delivery.body, sig, now) {
                Ok(()) => stripe::envelope(delivery.body).ok_or(Refusal::NotAnEvent),
                Err(StripeRefusal::Stale) => Err(Refusal::Stale),
                Err(StripeRefusal::Malformed | StripeRefusal::Mismatch) => Err(Refusal::Forged),
            }
        }
    };
    let envelope = match verdict {
        Ok(envelope) => envelope,
        Err(refusal) => {
            refused(s, org, delivery, refusal).await?;
            return Ok(Err(refusal));
        }
    };
    let Ok(payload) = String::from_utf8(delivery.body.to_vec()) else {
        return Ok(Err(Refusal::NotAnEvent));
    };
    let event = GatewayEvent::received(
        org,
        delivery.provider,
        envelope.event_id,
        envelope.event_type,
        payload,
    );
    if !events::receive(&s.db, &event).await? {
        return Ok(Ok(Receipt::Duplicate));
    }
    s.inbox_wake.notify_one();
    Ok(Ok(Receipt::Kept))
}

/// Puts a refused webhook in the business's audit trail — who tried, and why it failed — at
/// most so many an hour (see `identity::throttle`); every one is logged.
async fn refused(
    s: &Services,
    org: OrgId,
    delivery: &Delivery<'_>,
    refusal: Refusal,
) -> Result<(), Error> {
    tracing::warn!(
        provider = delivery.provider.as_str(),
        %org,
        reason = refusal.as_str(),
        "a webhook was refused"
    );
    if !crate::identity::throttle::audit_refused_webhook(s, org).await? {
        return Ok(());
    }
    let mut tx = s.db.begin_write().await?;
    let event = Event {
        action: "webhook.refused",
        entity: Entity("integration", Some(delivery.provider.as_str().to_owned())),
        summary: format!(
            "a {} webhook was refused: {}",
            delivery.provider.as_str(),
            refusal.as_str()
        ),
        details: vec![
            ("provider", delivery.provider.as_str().to_owned()),
            ("reason", refusal.as_str().to_owned()),
        ],
    };
    let who = AuditActor {
        user_id: None,
        email: None,
        ip: delivery.ip.clone(),
    };
    record(s, &mut tx, &who, Some(org), event).await?;
    tx.commit().await?;
    Ok(())
}
