//! Public links to invoices: an address a business hands its customer (by WhatsApp, say) that
//! shows one invoice, its PDF, what is due and how to pay — without signing in, and without
//! reaching anything else of the business. The token is the link's id and an HMAC of it under a
//! key derived from `BAHI_SECRET_KEY` (`SecretBox::tag`): a forged or altered token fails
//! before the database is asked; the link's row makes it expire or be withdrawn.

use bahi_store::identity::now;
use bahi_store::identity::orgs::{self, Organisation};
use bahi_store::masters::parties::{self, Party};
use bahi_store::sales::public_links::{self, PublicLink, PublicLinkId};
use bahi_store::sales::{DocStatus, DocumentId, documents};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use time::Duration;

use super::invoices::Invoice;
use crate::audit::{Entity, Event, record};
use crate::secrets::TAG_BYTES;
use crate::{Accountant, AtLeast, Error, Message, OrgCtx, Services, Viewer};

/// What the signature is for: a tag made for anything else never opens a link.
const PURPOSE: &str = "public-link";
/// How long a new link works unless asked otherwise.
pub const DEFAULT_DAYS: i64 = 30;
pub const MAX_DAYS: i64 = 365;

/// A link as its invoice's page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub link: PublicLink,
    /// The full address (the deployment's public URL, `p/`, the token).
    pub url: String,
}

/// The token of a link: its id and the id's signature, URL-safe (43 characters).
#[must_use]
pub fn token_of(s: &Services, id: PublicLinkId) -> String {
    let mut bytes = id.0.as_bytes().to_vec();
    bytes.extend_from_slice(&s.policy.sealing.tag(PURPOSE, id.0.as_bytes()));
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The link a token names, when its signature holds.
#[must_use]
pub fn id_of(s: &Services, token: &str) -> Option<PublicLinkId> {
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    if bytes.len() != 16 + TAG_BYTES {
        return None;
    }
    let (id, tag) = bytes.split_at(16);
    s.policy
        .sealing
        .verify_tag(PURPOSE, id, tag)
        .then(|| uuid::Uuid::from_slice(id).ok().map(PublicLinkId))
        .flatten()
}

fn shared(s: &Services, link: PublicLink) -> Shared {
    let url = format!("{}p/{}", s.policy.public_url, token_of(s, link.id));
    Shared { link, url }
}

/// Makes a public link to an issued invoice, working for `days` (30 by default, at most 365).
pub async fn create<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    invoice: DocumentId,
    days: Option<i64>,
) -> Result<Shared, Error> {
    let days = days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(Error::field(
            "expires_in_days",
            Message::new("public-link-days").arg("max", MAX_DAYS),
        ));
    }
    let doc = documents::get(&s.db, org.org_id(), invoice)
        .await?
        .filter(|d| !d.kind.is_note())
        .ok_or(Error::NotFound)?;
    if doc.status != DocStatus::Issued {
        return Err(Error::Conflict(Message::new("public-link-not-issued")));
    }
    let at = now();
    let link = PublicLink {
        id: PublicLinkId::new(),
        org_id: org.org_id(),
        document_id: invoice,
        expires_at: at + Duration::days(days),
        revoked_at: None,
        created_by: Some(org.user().id),
        created_at: at,
    };
    let number = doc.number.clone().unwrap_or_default();
    let mut tx = s.db.begin_write().await?;
    public_links::insert(&mut tx, &link).await?;
    let event = Event {
        action: "invoice.share",
        entity: Entity("invoice", Some(invoice.to_string())),
        summary: format!(
            "{} made a public link to {number} for {days} days",
            org.user().email
        ),
        details: vec![("number", number.clone()), ("days", days.to_string())],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(shared(s, link))
}

/// The invoice's links that still work, newest first.
pub async fn live<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    invoice: DocumentId,
) -> Result<Vec<Shared>, Error> {
    Ok(public_links::live_for(&s.db, org.org_id(), invoice, now())
        .await?
        .into_iter()
        .map(|l| shared(s, l))
        .collect())
}

/// An invoice as it is shared: the document, the customer's phone (for WhatsApp) and the
/// links that work.
#[derive(Debug, Clone)]
pub struct Sharing {
    pub doc: bahi_store::sales::documents::SalesDocument,
    pub phone: Option<String>,
    pub links: Vec<Shared>,
}

/// What the invoice's page and the API show of its sharing.
pub async fn sharing<R: AtLeast<Viewer>>(
    s: &Services,
    org: &OrgCtx<R>,
    invoice: DocumentId,
) -> Result<Sharing, Error> {
    let doc = documents::get(&s.db, org.org_id(), invoice)
        .await?
        .filter(|d| !d.kind.is_note())
        .ok_or(Error::NotFound)?;
    let phone = parties::get(&s.db, org.org_id(), doc.customer_id)
        .await?
        .and_then(|p| p.phone);
    let links = live(s, org, invoice).await?;
    Ok(Sharing { doc, phone, links })
}

/// Withdraws a link: it stops working at once.
pub async fn revoke<R: AtLeast<Accountant>>(
    s: &Services,
    org: &OrgCtx<R>,
    invoice: DocumentId,
    link: PublicLinkId,
) -> Result<(), Error> {
    let mut tx = s.db.begin_write().await?;
    if !public_links::revoke(&mut tx, org.org_id(), invoice, link, now()).await? {
        return Err(Error::NotFound);
    }
    let event = Event {
        action: "invoice.unshare",
        entity: Entity("invoice", Some(invoice.to_string())),
        summary: format!("{} withdrew a public link", org.user().email),
        details: vec![],
    };
    record(s, &mut tx, &org.audit_actor(), Some(org.org_id()), event).await?;
    tx.commit().await?;
    Ok(())
}

/// What a public link shows: the invoice, who issued it, whom to.
#[derive(Debug, Clone)]
pub struct Opened {
    pub link: PublicLink,
    pub token: String,
    pub url: String,
    pub org: Organisation,
    pub invoice: Invoice,
    pub customer: Option<Party>,
}

/// Opens a link: `None` for a token that is forged, unknown, expired or withdrawn, or a
/// business that is suspended — one answer for all, so a token reveals nothing.
pub async fn open(s: &Services, token: &str) -> Result<Option<Opened>, Error> {
    let Some(id) = id_of(s, token) else {
        return Ok(None);
    };
    let Some(link) = public_links::by_id(&s.db, id).await? else {
        return Ok(None);
    };
    if !link.live_at(now()) {
        return Ok(None);
    }
    let Some(org) = orgs::get(&s.db, link.org_id)
        .await?
        .filter(|o| o.suspended_at.is_none())
    else {
        return Ok(None);
    };
    let Some(doc) = documents::get(&s.db, link.org_id, link.document_id).await? else {
        return Ok(None);
    };
    let lines = documents::lines(&s.db, link.org_id, link.document_id).await?;
    let customer = parties::get(&s.db, link.org_id, doc.customer_id).await?;
    let url = format!("{}p/{token}", s.policy.public_url);
    Ok(Some(Opened {
        link,
        token: token.to_owned(),
        url,
        org,
        invoice: Invoice { doc, lines },
        customer,
    }))
}

/// The business's logo, for the PDF a public link serves.
pub async fn logo(
    s: &Services,
    opened: &Opened,
) -> Result<Option<bahi_store::identity::logos::StoredLogo>, Error> {
    Ok(bahi_store::identity::logos::get(&s.db, opened.org.id).await?)
}
