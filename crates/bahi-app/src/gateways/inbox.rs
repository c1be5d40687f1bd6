//! Applying kept webhook events: a paid invoice gets its payment, recorded and allocated in one
//! transaction with the event's settlement, so an event is applied exactly once — a second
//! worker's claim, a redelivered event or another event reporting the same payment finds it
//! done. A payment for an invoice that is void (or already paid) is never lost: it is recorded
//! as the customer's advance and the event is flagged for a person to look at.

use std::time::Duration;

use bahi_gst::Paise;
use bahi_store::gateways::Provider;
use bahi_store::gateways::events::{self, GatewayEvent, State};
use bahi_store::identity::{now, orgs};
use bahi_store::keys::PAYMENTS_GATEWAY_REF;
use bahi_store::outbox::epoch_ms;
use bahi_store::payments::{self, Direction, Mode, Payment, PaymentId, PaymentStatus, Target};
use bahi_store::sales::{DocKind, DocStatus, documents};

use super::exchange::{Meaning, Reported};
use super::{razorpay, stripe};
use crate::audit::{Entity, Event, record};
use crate::context::AuditActor;
use crate::{Error, Services};

/// How long a claimed event is this worker's before another may take it.
const LEASE: Duration = Duration::from_secs(120);
/// Events claimed at a time.
const BATCH: i64 = 32;
/// After this many attempts that failed for passing reasons, an event is marked failed.
const MAX_ATTEMPTS: i64 = 10;

/// Applies due events until none are left; how many were settled.
pub async fn drain(s: &Services) -> Result<usize, Error> {
    let mut settled = 0;
    loop {
        let at = epoch_ms(now());
        let lease = i64::try_from(LEASE.as_millis()).unwrap_or(i64::MAX);
        let claimed = events::claim(&s.db, at, at + lease, BATCH).await?;
        if claimed.is_empty() {
            return Ok(settled);
        }
        for event in claimed {
            match apply(s, &event).await {
                Ok(true) => {
                    settled += 1;
                    s.inbox_settled.send_modify(|n| *n += 1);
                }
                Ok(false) => {}
                Err(e) => {
                    let outcome = "could not be applied now; will try again";
                    tracing::warn!(event = %event.id, error = %e, "a gateway event was not applied");
                    if event.attempts >= MAX_ATTEMPTS {
                        settle_alone(s, &event, State::Failed, &e.to_string()).await?;
                    } else {
                        // 30 s, doubling, at most an hour.
                        let wait = (30_000_i64 << event.attempts.clamp(0, 7)).min(3_600_000);
                        events::retry_at(
                            &s.db,
                            event.id,
                            event.attempts,
                            epoch_ms(now()) + wait,
                            outcome,
                        )
                        .await?;
                    }
                }
            }
        }
    }
}

/// Runs until `stop` resolves: applies what is due whenever woken (a webhook just kept an
/// event) and every `every` (events put back for a retry, another replica's lapsed claims).
pub async fn run(s: Services, every: Duration, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        if let Err(e) = drain(&s).await {
            tracing::error!(error = %e, "the gateway inbox could not be read");
        }
        tokio::select! {
            () = &mut stop => return,
            () = s.inbox_wake.notified() => {}
            () = tokio::time::sleep(every) => {}
        }
    }
}

/// Settles an event that needs no payment, in a transaction of its own.
async fn settle_alone(
    s: &Services,
    event: &GatewayEvent,
    state: State,
    outcome: &str,
) -> Result<bool, Error> {
    let mut tx = s.db.begin_write().await?;
    let done = events::settle(
        &mut tx,
        event.id,
        event.attempts,
        state,
        None,
        Some(outcome),
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}

/// Applies one claimed event; false when another worker settled it first.
async fn apply(s: &Services, event: &GatewayEvent) -> Result<bool, Error> {
    let meaning = match event.provider {
        Provider::Razorpay => razorpay::meaning(&event.payload),
        Provider::Stripe => stripe::meaning(&event.payload),
    };
    let reported = match meaning {
        Err(why) => return settle_alone(s, event, State::Failed, &why).await,
        Ok(Meaning::Nothing(why)) => return settle_alone(s, event, State::Ignored, &why).await,
        Ok(Meaning::Paid(reported)) => reported,
    };
    if reported.org_id != event.org_id {
        let why = "the event names an invoice of another business";
        return settle_alone(s, event, State::Failed, why).await;
    }
    match record_payment(s, event, &reported).await {
        Err(Error::Duplicate(f)) if f.field == PAYMENTS_GATEWAY_REF.field => {
            let why = "this payment was recorded from an earlier event";
            settle_alone(s, event, State::Ignored, why).await
        }
        other => other,
    }
}

/// Records the reported payment for its invoice and settles the event, in one transaction.
async fn record_payment(
    s: &Services,
    event: &GatewayEvent,
    reported: &Reported,
) -> Result<bool, Error> {
    let org_id = event.org_id;
    let Some(org) = orgs::get(&s.db, org_id).await? else {
        return settle_alone(s, event, State::Failed, "the business is gone").await;
    };
    let gateway_ref = format!("{}:{}", event.provider.as_str(), reported.payment_ref);
    let mut tx = s.db.begin_write().await?;
    let Some(invoice) = documents::get(&mut tx, org_id, reported.invoice_id).await? else {
        drop(tx);
        return settle_alone(s, event, State::Failed, "the invoice it names is not there").await;
    };
    let payable = invoice.status == DocStatus::Issued
        && matches!(
            invoice.kind,
            DocKind::Invoice | DocKind::BillOfSupply | DocKind::DebitNote
        );
    let due = if payable {
        invoice.balance_due()
    } else {
        Paise::ZERO
    };
    let allocated = Paise::new(reported.amount.get().min(due.get()));
    let number = invoice.number.clone().unwrap_or_default();
    let (state, outcome) = if allocated == reported.amount {
        (State::Applied, None)
    } else if invoice.status == DocStatus::Void {
        (
            State::Flagged,
            Some(format!(
                "{number} is void: the payment is kept as the customer's advance"
            )),
        )
    } else {
        (
            State::Flagged,
            Some(format!(
                "{number} had {} due: the rest is kept as the customer's advance",
                due
            )),
        )
    };
    let at = now();
    let provider = match event.provider {
        Provider::Razorpay => "Razorpay",
        Provider::Stripe => "Stripe",
    };
    let mut notes = match &reported.method {
        Some(method) => format!("Paid online for {number} through {provider} ({method})"),
        None => format!("Paid online for {number} through {provider}"),
    };
    // A flagged payment says why on its own page too.
    if let Some(why) = &outcome {
        notes = format!("{notes}. {why}.");
    }
    let payment = Payment {
        id: PaymentId::new(),
        org_id,
        direction: Direction::Received,
        status: PaymentStatus::Recorded,
        party_id: invoice.customer_id,
        date: crate::identity::zones::date_at(&org.time_zone, reported.paid_at.unwrap_or(at)),
        amount: reported.amount,
        allocated: Paise::ZERO,
        mode: Mode::Gateway,
        reference: Some(reported.payment_ref.chars().take(100).collect()),
        notes: Some(notes),
        void_reason: None,
        created_by: None,
        voided_at: None,
        created_at: at,
        updated_at: at,
        gateway_ref: Some(gateway_ref),
        account_id: Some(crate::ledger::postings::default_money_account(
            org_id,
            Mode::Gateway,
        )),
    };
    payments::insert(&mut tx, &payment).await?;
    if allocated.get() > 0 {
        let target = Target::Invoice(invoice.id);
        if !payments::pay_document(&mut tx, org_id, invoice.customer_id, target, allocated, at)
            .await?
            || !payments::add_allocations(
                &mut tx,
                org_id,
                payment.id,
                0,
                &[(target, allocated)],
                at,
            )
            .await?
        {
            // Paid by someone else between the read and the update: try again from the top.
            return Err(Error::Internal(
                "the invoice changed while its payment was recorded".into(),
            ));
        }
    }
    let stored = payments::get(&mut tx, org_id, payment.id)
        .await?
        .ok_or(Error::NotFound)?;
    let posting = crate::ledger::postings::payment(&stored, &invoice.buyer_name);
    crate::ledger::book::post(&mut tx, org_id, &posting, None).await?;
    let audit = Event {
        action: "payment.create",
        entity: Entity("payment", Some(payment.id.to_string())),
        summary: format!(
            "{provider} reported a payment of {} for {number} from {}",
            payment.amount, invoice.buyer_name
        ),
        details: vec![
            ("party", invoice.buyer_name.clone()),
            ("amount", payment.amount.to_string()),
            ("direction", "received".to_owned()),
        ],
    };
    let system = AuditActor {
        user_id: None,
        email: Some(provider.to_owned()),
        ip: None,
    };
    record(s, &mut tx, &system, Some(org_id), audit).await?;
    if !events::settle(
        &mut tx,
        event.id,
        event.attempts,
        state,
        Some(payment.id),
        outcome.as_deref(),
    )
    .await?
    {
        // Another worker's claim now: it applies the event; this transaction rolls back.
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}
