//! Typed path parameters, shared by the API and the pages: an id in the path arrives as its own
//! type (`UserId`, `InvitationId`), so mixing two up does not compile.

use bahi_store::identity::{InvitationId, OrgId, TokenId, UserId};
use bahi_store::masters::{ItemId, PartyId};
use serde::Deserialize;

/// `/…/orgs/{org_id}/members/{user_id}`
#[derive(Debug, Deserialize)]
pub struct MemberPath {
    pub org_id: OrgId,
    pub user_id: UserId,
}

/// `/…/orgs/{org_id}/invitations/{id}`
#[derive(Debug, Deserialize)]
pub struct InvitationPath {
    pub org_id: OrgId,
    pub id: InvitationId,
}

/// `/…/tokens/{id}`
#[derive(Debug, Deserialize)]
pub struct TokenPath {
    pub id: TokenId,
}

/// `/…/admin/outbox/{id}`
#[derive(Debug, Deserialize)]
pub struct OutboxPath {
    pub id: bahi_store::outbox::OutboxId,
}

/// `/…/admin/orgs/{id}`
#[derive(Debug, Deserialize)]
pub struct OrgPath {
    pub id: OrgId,
}

/// `/…/invitations/{token}`
#[derive(Debug, Deserialize)]
pub struct InvitationToken {
    pub token: String,
}

/// `/…/orgs/{org_id}/parties/{id}`
#[derive(Debug, Deserialize)]
pub struct PartyPath {
    pub org_id: OrgId,
    pub id: PartyId,
}

/// `/…/orgs/{org_id}/items/{id}`
#[derive(Debug, Deserialize)]
pub struct ItemPath {
    pub org_id: OrgId,
    pub id: ItemId,
}

/// `/…/orgs/{org_id}/invoices/{id}` (and notes)
#[derive(Debug, Deserialize)]
pub struct InvoicePath {
    pub org_id: OrgId,
    pub id: bahi_store::sales::DocumentId,
}

/// `/…/orgs/{org_id}/returns/{return_type}/{period}/filed`
#[derive(Debug, Deserialize)]
pub struct FiledPath {
    pub org_id: OrgId,
    pub return_type: String,
    pub period: String,
}

/// `/orgs/{org_id}/returns/gstr-1/{period}/sections/{section}`
#[derive(Debug, Deserialize)]
pub struct SectionPath {
    pub org_id: OrgId,
    pub period: String,
    pub section: String,
}

/// `/…/orgs/{org_id}/bills/{id}`
#[derive(Debug, Deserialize)]
pub struct BillPath {
    pub org_id: OrgId,
    pub id: bahi_store::purchases::BillId,
}

/// `/…/orgs/{org_id}/payments/{id}`
#[derive(Debug, Deserialize)]
pub struct PaymentPath {
    pub org_id: OrgId,
    pub id: bahi_store::payments::PaymentId,
}

/// `/…/orgs/{org_id}/series/{series}`
#[derive(Debug, Deserialize)]
pub struct SeriesPath {
    pub org_id: OrgId,
    pub series: String,
}
