//! Sending an issued invoice, bill of supply or note by e-mail with its PDF: to the party's
//! address, or to the addresses given. The message is queued in the transaction that records
//! the audit event, so the trail says it was sent exactly when the outbox holds it.

use bahi_store::identity::orgs;
use bahi_store::masters::parties;
use bahi_store::outbox::{Kind, OutboxId};
use bahi_store::sales::{DocKind, DocStatus, DocumentId, documents};
use lettre::Address;

use crate::audit::{Entity, Event, record};
use crate::mail::letters::{DocumentLetter, date, money};
use crate::mail::message::File;
use crate::mail::message::Outgoing;
use crate::mail::queue::enqueue;
use crate::{Accountant, AtLeast, Error, FieldErrors, Message, OrgCtx, Services};

/// At most this many recipients per message.
pub const MAX_RECIPIENTS: usize = 10;

/// What to send besides the document.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Empty: the party's own address.
    pub to: Vec<String>,
    /// A few words from the sender, put above the document's particulars.
    pub message: Option<String>,
}

/// What was queued.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: OutboxId,
    pub to: Vec<String>,
}

/// `Tax invoice`, `Bill of supply`, `Credit note`, `Debit note`.
#[must_use]
pub fn what(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Invoice => "Tax invoice",
        DocKind::BillOfSupply => "Bill of supply",
        DocKind::CreditNote => "Credit note",
        DocKind::DebitNote => "Debit note",
    }
}

fn recipients(requested: &[String], party_email: Option<&str>) -> Result<Vec<Address>, Error> {
    let mut errors = FieldErrors::default();
    let given: Vec<&str> = requested
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let wanted: Vec<&str> = if given.is_empty() {
        party_email.into_iter().collect()
    } else {
        given
    };
    if wanted.is_empty() {
        errors.push("to", Message::new("email-recipient-needed"));
    } else if wanted.len() > MAX_RECIPIENTS {
        errors.push(
            "to",
            Message::new("email-too-many-recipients").arg("max", MAX_RECIPIENTS),
        );
    }
    let mut addresses = Vec::new();
    for (i, text) in wanted.iter().enumerate() {
        let field = format!("to[{i}]");
        let normal = crate::fields::email(&field, text, &mut errors);
        match normal.parse::<Address>() {
            Ok(a) if !addresses.contains(&a) => addresses.push(a),
            Ok(_) => {}
            Err(_) if errors.is_empty() => errors.push(field, Message::new("email-invalid")),
            Err(_) => {}
        }
    }
    errors.check()?;
    Ok(addresses)
}

/// The party's address on record: where a document goes when no address is given.
pub async fn party_address<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    customer: bahi_store::masters::PartyId,
) -> Result<Option<String>, Error> {
    Ok(parties::get(&s.db, org.org_id(), customer)
        .await?
        .and_then(|p| p.email))
}

/// Queues the issued document `id` with its PDF (`pdf`, as the print route renders it, named
/// `file_name`). Mail off, a draft or a void document: a conflict saying which.
pub async fn send<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    id: DocumentId,
    request: &Request,
    pdf: File,
) -> Result<Queued, Error> {
    if !s.mail_on() {
        return Err(Error::Conflict(Message::new("mail-off")));
    }
    let mut errors = FieldErrors::default();
    let message = crate::fields::optional(request.message.as_ref());
    if let Some(m) = &message
        && m.chars().count() > 2000
    {
        errors.push("message", Message::new("field-too-long").arg("max", 2000));
    }
    errors.check()?;
    let doc = documents::get(&s.db, org.org_id(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if doc.status != DocStatus::Issued {
        return Err(Error::Conflict(Message::new("email-document-not-issued")));
    }
    let party = parties::get(&s.db, org.org_id(), doc.customer_id).await?;
    let to = recipients(&request.to, party.as_ref().and_then(|p| p.email.as_deref()))?;
    let business = orgs::get(&s.db, org.org_id())
        .await?
        .ok_or(Error::NotFound)?;
    let number = doc.number.clone().unwrap_or_default();
    let balance = doc.balance_due();
    let letter = DocumentLetter {
        business: business.legal_name.clone(),
        buyer: doc.buyer_name.clone(),
        what: what(doc.kind).to_owned(),
        number: number.clone(),
        date: date(doc.date),
        total: money(doc.total),
        balance: (balance.get() > 0 && balance != doc.total).then(|| money(balance)),
        due: (balance.get() > 0)
            .then_some(doc.due_date)
            .flatten()
            .map(date),
        message,
        file_name: pdf.name.clone(),
    }
    .compose()?;
    let outgoing = Outgoing {
        to,
        from_name: Some(business.legal_name.clone()),
        reply_to: business.email.as_deref().and_then(|e| e.parse().ok()),
        letter,
        attachment: Some(pdf),
    };
    let queued_to: Vec<String> = outgoing.to.iter().map(ToString::to_string).collect();
    let mut tx = s.db.begin_write().await?;
    let key = format!("document:{id}:{}", OutboxId::new());
    let outbox_id = enqueue(
        s,
        &mut tx,
        Some(org.org_id()),
        Kind::Document,
        key,
        &outgoing,
    )
    .await?
    .ok_or_else(|| Error::Internal("a fresh outbox key was taken".into()))?;
    let entity_kind = if doc.kind.is_note() {
        "note"
    } else {
        "invoice"
    };
    let event = Event {
        action: if doc.kind.is_note() {
            "note.email"
        } else {
            "invoice.email"
        },
        entity: Entity(entity_kind, Some(id.to_string())),
        summary: format!(
            "{} e-mailed {} {number} to {}",
            org.user().email,
            what(doc.kind).to_lowercase(),
            queued_to.join(", ")
        ),
        details: vec![("number", number), ("to", queued_to.join(", "))],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    s.outbox_wake.notify_one();
    Ok(Queued {
        id: outbox_id,
        to: queued_to,
    })
}
