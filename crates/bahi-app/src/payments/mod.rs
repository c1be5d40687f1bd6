//! Payments received from customers and made to vendors: split across invoices or bills,
//! partial, or held as an advance on the party to allocate later. Each allocation raises the
//! document's paid amount in the same transaction; voiding a payment takes it back.

use std::collections::HashSet;

use bahi_gst::Paise;
use bahi_store::WriteTx;
use bahi_store::identity::now;
use bahi_store::ledger::{AccountId, Source};
use bahi_store::masters::PartyId;
use bahi_store::masters::parties;
use bahi_store::payments::{
    self, Allocation, Direction, Mode, Payment, PaymentId, PaymentQuery, PaymentStatus, Target,
};
use bahi_store::purchases::bills;
use bahi_store::sales::documents;
use time::Date;

use crate::audit::{Entity, Event, record};
use crate::fields::optional_text;
use crate::ledger;
use crate::sales::compose::money;
use crate::{
    Accountant, AtLeast, Error, FieldErrors, Message, MinimumRole, OrgCtx, Services, Viewer,
};

/// One allocation as a client gives it: an invoice (payments received) or a bill (made).
#[derive(Debug, Clone)]
pub struct AllocationInput {
    pub target: Target,
    pub amount: String,
}

#[derive(Debug, Clone)]
pub struct PaymentInput {
    pub direction: Direction,
    pub party_id: PartyId,
    /// Today when left out.
    pub date: Option<Date>,
    pub amount: String,
    pub mode: Mode,
    /// The cash or bank account the money went into or came out of; the mode's usual one when
    /// left out (cash in hand for cash, the bank account otherwise).
    pub account_id: Option<AccountId>,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub allocations: Vec<AllocationInput>,
}

/// A payment with its allocations.
#[derive(Debug, Clone)]
pub struct RecordedPayment {
    pub payment: Payment,
    pub allocations: Vec<Allocation>,
}

/// Checks allocations against the payment's direction and party, and what each document still
/// has due; every problem at once, each on its field (`allocations[1].amount`).
async fn checked_allocations(
    s: &Services,
    org: bahi_store::identity::OrgId,
    direction: Direction,
    party: PartyId,
    input: &[AllocationInput],
    errors: &mut FieldErrors,
) -> Result<Vec<(Target, Paise)>, Error> {
    let mut out = Vec::with_capacity(input.len());
    let mut seen = HashSet::new();
    for (i, a) in input.iter().enumerate() {
        let at = |f: &str| format!("allocations[{i}].{f}");
        let amount = match money(&at("amount"), Some(&a.amount), errors) {
            Some(p) if p.is_zero() => {
                errors.push(at("amount"), Message::new("amount-zero"));
                None
            }
            Some(p) => Some(p),
            None => {
                if !errors.has(&at("amount")) {
                    errors.push(at("amount"), Message::new("field-required"));
                }
                None
            }
        };
        let (field, due) = match (a.target, direction) {
            (Target::Invoice(id), Direction::Received) => {
                let doc = documents::get(&s.db, org, id).await?.filter(|d| {
                    d.kind != bahi_store::sales::DocKind::CreditNote
                        && d.customer_id == party
                        && d.status == bahi_store::sales::DocStatus::Issued
                });
                ("invoice_id", doc.map(|d| d.balance_due()))
            }
            (Target::Bill(id), Direction::Made) => {
                let bill = bills::get(&s.db, org, id).await?.filter(|b| {
                    b.vendor_id == party && b.status == bahi_store::purchases::BillStatus::Recorded
                });
                ("bill_id", bill.map(|b| b.balance_due()))
            }
            (Target::Invoice(_), Direction::Made) => {
                errors.push(at("invoice_id"), Message::new("allocation-wrong-direction"));
                continue;
            }
            (Target::Bill(_), Direction::Received) => {
                errors.push(at("bill_id"), Message::new("allocation-wrong-direction"));
                continue;
            }
        };
        let Some(due) = due else {
            errors.push(at(field), Message::new("allocation-not-open"));
            continue;
        };
        if !seen.insert(a.target) {
            errors.push(at(field), Message::new("allocation-twice"));
            continue;
        }
        if let Some(amount) = amount {
            if amount > due {
                errors.push(
                    at("amount"),
                    Message::new("allocation-over-due").arg("due", due.to_inr()),
                );
            } else {
                out.push((a.target, amount));
            }
        }
    }
    Ok(out)
}

/// Applies allocations inside the transaction: each document's paid amount, then the payment's
/// allocated amount. A document paid meanwhile by someone else is a conflict, not an overpayment.
async fn apply(
    tx: &mut WriteTx,
    org: bahi_store::identity::OrgId,
    payment: &Payment,
    first_position: i64,
    allocations: &[(Target, Paise)],
) -> Result<(), Error> {
    let at = now();
    for (i, (target, amount)) in allocations.iter().enumerate() {
        if !payments::pay_document(tx, org, payment.party_id, *target, *amount, at).await? {
            let field = match target {
                Target::Invoice(_) => "invoice_id",
                Target::Bill(_) => "bill_id",
            };
            return Err(Error::field(
                format!("allocations[{i}].{field}"),
                Message::new("allocation-over-due-now"),
            ));
        }
    }
    if !payments::add_allocations(tx, org, payment.id, first_position, allocations, at).await? {
        return Err(Error::field(
            "allocations",
            Message::new("allocations-over-payment"),
        ));
    }
    Ok(())
}

fn what(p: &Payment) -> &'static str {
    match p.direction {
        Direction::Received => "received",
        Direction::Made => "made",
    }
}

fn details(p: &Payment, party: &str) -> Vec<(&'static str, String)> {
    vec![
        ("party", party.to_owned()),
        ("amount", p.amount.to_string()),
        ("direction", what(p).to_owned()),
    ]
}

/// Records a payment and its allocations.
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    input: &PaymentInput,
) -> Result<RecordedPayment, Error> {
    let mut errors = FieldErrors::default();
    let party = parties::get(&s.db, org.org_id(), input.party_id).await?;
    let party = match party {
        None => {
            errors.push("party_id", Message::new("party-not-found"));
            None
        }
        Some(p)
            if (input.direction == Direction::Received && !p.kind.is_customer())
                || (input.direction == Direction::Made && !p.kind.is_vendor()) =>
        {
            errors.push("party_id", Message::new("payment-party-kind"));
            None
        }
        Some(p) => Some(p),
    };
    let amount = match money("amount", Some(&input.amount), &mut errors) {
        Some(p) if p.is_zero() => {
            errors.push("amount", Message::new("amount-zero"));
            None
        }
        other => other,
    };
    if amount.is_none() && !errors.has("amount") {
        errors.push("amount", Message::new("field-required"));
    }
    let account_id = match input.account_id {
        None => ledger::postings::default_money_account(org.org_id(), input.mode),
        Some(id) => {
            let chart = ledger::accounts::load(s, org).await?;
            if !chart.money_accounts().iter().any(|a| a.id == id) {
                errors.push("account_id", Message::new("payment-account-not-money"));
            }
            id
        }
    };
    let reference = optional_text("reference", input.reference.as_ref(), 100, &mut errors);
    let notes = optional_text("notes", input.notes.as_ref(), 2000, &mut errors);
    let allocations = checked_allocations(
        s,
        org.org_id(),
        input.direction,
        input.party_id,
        &input.allocations,
        &mut errors,
    )
    .await?;
    if let Some(amount) = amount {
        let allocated: i64 = allocations.iter().map(|(_, a)| a.get()).sum();
        if allocated > amount.get() {
            errors.push("allocations", Message::new("allocations-over-payment"));
        }
    }
    errors.check()?;
    let (Some(party), Some(amount)) = (party, amount) else {
        return Err(Error::Internal(
            "a payment checked as valid lacks a value".into(),
        ));
    };
    let at = now();
    let payment = Payment {
        id: PaymentId::new(),
        org_id: org.org_id(),
        direction: input.direction,
        status: PaymentStatus::Recorded,
        party_id: party.id,
        date: input.date.unwrap_or_else(|| org.today()),
        amount,
        allocated: Paise::ZERO,
        mode: input.mode,
        reference,
        notes,
        void_reason: None,
        created_by: Some(org.user().id),
        voided_at: None,
        created_at: at,
        updated_at: at,
        gateway_ref: None,
        account_id: Some(account_id),
    };
    let mut tx = s.db.begin_write().await?;
    payments::insert(&mut tx, &payment).await?;
    apply(&mut tx, org.org_id(), &payment, 0, &allocations).await?;
    let event = Event {
        action: "payment.create",
        entity: Entity("payment", Some(payment.id.to_string())),
        summary: format!(
            "{} recorded a payment {} {} {} for {}",
            org.user().email,
            what(&payment),
            if payment.direction == Direction::Received {
                "from"
            } else {
                "to"
            },
            party.name,
            payment.amount
        ),
        details: details(&payment, &party.name),
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    let stored = payments::get(&mut tx, org.org_id(), payment.id)
        .await?
        .ok_or(Error::NotFound)?;
    let posting = ledger::postings::payment(&stored, &party.name);
    ledger::book::post(&mut tx, org.org_id(), &posting, Some(org.user().id)).await?;
    let allocations = payments::allocations(&mut tx, org.org_id(), payment.id).await?;
    tx.commit().await?;
    Ok(RecordedPayment {
        payment: stored,
        allocations,
    })
}

/// Allocates more of a payment (its advance) to documents.
pub async fn allocate<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PaymentId,
    input: &[AllocationInput],
) -> Result<RecordedPayment, Error> {
    let current = fetch(s, org, id).await?;
    if current.payment.status != PaymentStatus::Recorded {
        return Err(Error::Conflict(Message::new("payment-void")));
    }
    let mut errors = FieldErrors::default();
    if input.is_empty() {
        errors.push("allocations", Message::new("lines-required"));
    }
    let allocations = checked_allocations(
        s,
        org.org_id(),
        current.payment.direction,
        current.payment.party_id,
        input,
        &mut errors,
    )
    .await?;
    let adding: i64 = allocations.iter().map(|(_, a)| a.get()).sum();
    if adding > current.payment.unallocated().get() {
        errors.push(
            "allocations",
            Message::new("allocations-over-advance")
                .arg("left", current.payment.unallocated().to_inr()),
        );
    }
    errors.check()?;
    let mut tx = s.db.begin_write().await?;
    let first = i64::try_from(current.allocations.len()).unwrap_or(0);
    apply(&mut tx, org.org_id(), &current.payment, first, &allocations).await?;
    let posting =
        ledger::postings::allocation(&current.payment, Paise::new(adding), first, org.today());
    ledger::book::post(&mut tx, org.org_id(), &posting, Some(org.user().id)).await?;
    let event = Event {
        action: "payment.allocate",
        entity: Entity("payment", Some(id.to_string())),
        summary: format!(
            "{} allocated {} of a payment",
            org.user().email,
            Paise::new(adding)
        ),
        details: vec![("amount", Paise::new(adding).to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    let payment = payments::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let allocations = payments::allocations(&mut tx, org.org_id(), id).await?;
    tx.commit().await?;
    Ok(RecordedPayment {
        payment,
        allocations,
    })
}

/// Voids a payment: every document it paid is owed again.
pub async fn void<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PaymentId,
    reason: &str,
) -> Result<RecordedPayment, Error> {
    let mut errors = FieldErrors::default();
    let reason = crate::fields::name("reason", reason, 500, &mut errors);
    errors.check()?;
    let mut tx = s.db.begin_write().await?;
    let payment = payments::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let at = now();
    if !payments::void(&mut tx, org.org_id(), id, &reason, at).await? {
        return Err(Error::Conflict(Message::new("payment-void")));
    }
    // Dated the day it is voided, as a bank shows a bounced cheque: the bank book then matches
    // the statement.
    ledger::book::reverse(
        &mut tx,
        org.org_id(),
        (Source::Payment, id.0),
        org.today(),
        payment.reference.clone(),
        format!("Void: {reason}"),
        Some(org.user().id),
    )
    .await?;
    let allocations = payments::allocations(&mut tx, org.org_id(), id).await?;
    for a in &allocations {
        let target = match (a.invoice_id, a.bill_id) {
            (Some(i), _) => Target::Invoice(i),
            (None, Some(b)) => Target::Bill(b),
            (None, None) => continue,
        };
        payments::unpay_document(&mut tx, org.org_id(), target, a.amount, at).await?;
    }
    let event = Event {
        action: "payment.void",
        entity: Entity("payment", Some(id.to_string())),
        summary: format!(
            "{} voided a payment of {}: {reason}",
            org.user().email,
            payment.amount
        ),
        details: vec![("amount", payment.amount.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    let payment = payments::get(&mut tx, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(RecordedPayment {
        payment,
        allocations,
    })
}

pub async fn get<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PaymentId,
) -> Result<RecordedPayment, Error> {
    fetch(s, org, id).await
}

async fn fetch<R: MinimumRole>(
    s: &Services,
    org: &OrgCtx<R>,
    id: PaymentId,
) -> Result<RecordedPayment, Error> {
    let payment = payments::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let allocations = payments::allocations(&s.db, org.org_id(), id).await?;
    Ok(RecordedPayment {
        payment,
        allocations,
    })
}

pub async fn list<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    query: &PaymentQuery,
) -> Result<Vec<Payment>, Error> {
    Ok(payments::list(&s.db, org.org_id(), query).await?)
}
