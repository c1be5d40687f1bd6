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

/// A payment gateway in a path: `razorpay` or `stripe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GatewayName {
    Razorpay,
    Stripe,
}

impl From<GatewayName> for bahi_store::gateways::Provider {
    fn from(g: GatewayName) -> Self {
        match g {
            GatewayName::Razorpay => Self::Razorpay,
            GatewayName::Stripe => Self::Stripe,
        }
    }
}

impl From<bahi_store::gateways::Provider> for GatewayName {
    fn from(p: bahi_store::gateways::Provider) -> Self {
        match p {
            bahi_store::gateways::Provider::Razorpay => Self::Razorpay,
            bahi_store::gateways::Provider::Stripe => Self::Stripe,
        }
    }
}

/// `/…/orgs/{org_id}/integrations/{provider}`
#[derive(Debug, Deserialize)]
pub struct IntegrationPath {
    pub org_id: OrgId,
    pub provider: GatewayName,
}

/// `/webhooks/{provider}/{org_id}`
#[derive(Debug, Deserialize)]
pub struct WebhookPath {
    pub org_id: OrgId,
}

/// `/…/orgs/{org_id}/invoices/{id}/public-links/{link_id}`
#[derive(Debug, Deserialize)]
pub struct PublicLinkPath {
    pub org_id: OrgId,
    pub id: bahi_store::sales::DocumentId,
    pub link_id: bahi_store::sales::public_links::PublicLinkId,
}

/// `/p/{token}` (and `/p/{token}/pay/{provider}`)
#[derive(Debug, Deserialize)]
pub struct PublicTokenPath {
    pub token: String,
}

/// `/p/{token}/pay/{provider}`
#[derive(Debug, Deserialize)]
pub struct PublicPayPath {
    pub token: String,
    pub provider: GatewayName,
}

/// `/…/orgs/{org_id}/ledger/accounts/{id}`
#[derive(Debug, Deserialize)]
pub struct AccountPath {
    pub org_id: OrgId,
    pub id: bahi_store::ledger::AccountId,
}

/// `/…/orgs/{org_id}/ledger/journals/{id}`
#[derive(Debug, Deserialize)]
pub struct JournalPath {
    pub org_id: OrgId,
    pub id: bahi_store::ledger::JournalId,
}

/// `/…/orgs/{org_id}/ledger/parties/{party_id}`
#[derive(Debug, Deserialize)]
pub struct PartyLedgerPath {
    pub org_id: OrgId,
    pub party_id: PartyId,
}

/// `/…/orgs/{org_id}/ledger/years/{year}/close`: `2025-26` (or `2025`).
#[derive(Debug, Deserialize)]
pub struct YearPath {
    pub org_id: OrgId,
    pub year: String,
}

/// `/…/orgs/{org_id}/books/entries/{id}`: a document's or payment's id.
#[derive(Debug, Deserialize)]
pub struct SourcePath {
    pub org_id: OrgId,
    pub id: uuid::Uuid,
}
