//! Bodies of the identity API (API.md, Authentication and Organisations): the contract, kept
//! apart from the store's rows so either can change without the other.

use bahi_store::identity::Role;
use bahi_store::identity::audit::AuditEvent;
use bahi_store::identity::orgs::{Membership, Organisation};
use bahi_store::identity::users::{Language, User};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;
use uuid::Uuid;

#[must_use]
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// A member's role: `owner` > `admin` > `accountant` > `viewer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleName {
    Owner,
    Admin,
    Accountant,
    Viewer,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Owner => Self::Owner,
            Role::Admin => Self::Admin,
            Role::Accountant => Self::Accountant,
            Role::Viewer => Self::Viewer,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Owner => Self::Owner,
            RoleName::Admin => Self::Admin,
            RoleName::Accountant => Self::Accountant,
            RoleName::Viewer => Self::Viewer,
        }
    }
}

/// A GSTIN as responses show it.
pub(crate) fn gstin_text(g: Option<&bahi_gst::Gstin>) -> Option<String> {
    g.map(ToString::to_string)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    /// The language of the user's pages and mail.
    pub language: LanguageCode,
}

impl From<&User> for UserOut {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.0,
            name: u.name.clone(),
            email: u.email.clone(),
            language: u.language.into(),
        }
    }
}

/// A language bahi speaks: `en` (English) or `hi` (Hindi).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LanguageCode {
    En,
    Hi,
}

impl From<Language> for LanguageCode {
    fn from(l: Language) -> Self {
        match l {
            Language::English => Self::En,
            Language::Hindi => Self::Hi,
        }
    }
}

impl From<LanguageCode> for Language {
    fn from(l: LanguageCode) -> Self {
        match l {
            LanguageCode::En => Self::English,
            LanguageCode::Hi => Self::Hindi,
        }
    }
}

/// An organisation as sign-up returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgSummary {
    pub id: Uuid,
    pub legal_name: String,
    #[schema(pattern = r"^[0-9A-Z]{15}$")]
    pub gstin: Option<String>,
    /// Two-digit GST state code.
    #[schema(pattern = r"^[0-9]{2}$")]
    pub state_code: String,
}

impl From<&Organisation> for OrgSummary {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.0,
            legal_name: o.legal_name.clone(),
            gstin: gstin_text(o.gstin.as_ref()),
            state_code: o.state_code.to_string(),
        }
    }
}

/// An organisation the caller belongs to, with their role.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgWithRole {
    pub id: Uuid,
    pub legal_name: String,
    #[schema(pattern = r"^[0-9A-Z]{15}$")]
    pub gstin: Option<String>,
    pub role: RoleName,
    pub suspended: bool,
}

impl From<&Membership> for OrgWithRole {
    fn from(m: &Membership) -> Self {
        Self {
            id: m.id.0,
            legal_name: m.legal_name.clone(),
            gstin: gstin_text(m.gstin.as_ref()),
            role: m.role.into(),
            suspended: m.suspended_at.is_some(),
        }
    }
}

/// An organisation's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgOut {
    pub id: Uuid,
    pub legal_name: String,
    pub trade_name: Option<String>,
    #[schema(pattern = r"^[0-9A-Z]{15}$")]
    pub gstin: Option<String>,
    #[schema(pattern = r"^[0-9]{2}$")]
    pub state_code: String,
    pub address: Option<String>,
    pub upi_vpa: Option<String>,
    pub round_off_totals: bool,
    /// Registered under the composition scheme: it issues bills of supply and charges no tax.
    pub composition: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The IANA time zone its dates are shown in.
    pub time_zone: String,
    /// The bank account buyers pay into, as documents print it.
    pub bank_name: Option<String>,
    pub bank_account_number: Option<String>,
    pub bank_ifsc: Option<String>,
    /// Printed under a document's totals.
    pub invoice_terms: Option<String>,
    /// The authorised signatory's name.
    pub signatory: Option<String>,
    /// Files GSTR-1 and GSTR-3B quarterly (QRMP), furnishing the first two months' B2B
    /// invoices through IFF.
    pub quarterly_returns: bool,
    /// Aggregate turnover above ₹5 crore last year: HSN codes need six digits, and returns
    /// are monthly.
    pub turnover_above_5_crore: bool,
}

impl From<&Organisation> for OrgOut {
    fn from(o: &Organisation) -> Self {
        Self {
            id: o.id.0,
            legal_name: o.legal_name.clone(),
            trade_name: o.trade_name.clone(),
            gstin: gstin_text(o.gstin.as_ref()),
            state_code: o.state_code.to_string(),
            address: o.address.clone(),
            upi_vpa: o.upi_vpa.clone(),
            round_off_totals: o.round_off_totals,
            composition: o.composition,
            phone: o.phone.clone(),
            email: o.email.clone(),
            time_zone: o.time_zone.clone(),
            bank_name: o.bank_name.clone(),
            bank_account_number: o.bank_account_number.clone(),
            bank_ifsc: o.bank_ifsc.clone(),
            invoice_terms: o.invoice_terms.clone(),
            signatory: o.signatory.clone(),
            quarterly_returns: o.quarterly_returns,
            turnover_above_5_crore: o.turnover_above_5_crore,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventOut {
    pub id: Uuid,
    pub at: String,
    pub actor: Option<Actor>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

impl From<&AuditEvent> for AuditEventOut {
    fn from(e: &AuditEvent) -> Self {
        Self {
            id: e.id,
            at: rfc3339(e.at),
            actor: (e.actor_user_id.is_some() || e.actor_email.is_some()).then(|| Actor {
                user_id: e.actor_user_id.map(|u| u.0),
                email: e.actor_email.clone(),
            }),
            action: e.action.clone(),
            entity_type: e.entity_type.clone(),
            entity_id: e.entity_id.clone(),
            summary: e.summary.clone(),
            ip: e.ip.clone(),
        }
    }
}

/// An organisation's details as a client sends them.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OrgInputBody {
    #[schema(min_length = 1, max_length = 200)]
    pub legal_name: String,
    #[schema(max_length = 200)]
    pub trade_name: Option<String>,
    /// GSTIN; its first two digits give the state.
    #[schema(max_length = 15, pattern = r"^[0-9A-Za-z]*$")]
    pub gstin: Option<String>,
    /// Two-digit GST state code; required when there is no GSTIN.
    #[schema(max_length = 2, pattern = r"^[0-9]*$")]
    pub state_code: Option<String>,
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// A UPI id such as shop@okbank.
    #[schema(max_length = 100)]
    pub upi_vpa: Option<String>,
    pub round_off_totals: Option<bool>,
    /// Registered under the composition scheme (false when left out).
    pub composition: Option<bool>,
    /// The business's phone number, as printed on its invoices.
    #[schema(max_length = 20)]
    pub phone: Option<String>,
    /// The business's email address, as printed on its invoices.
    #[schema(max_length = 254)]
    pub email: Option<String>,
    /// An IANA time zone from the supported list (`Asia/Kolkata` when left out).
    #[schema(max_length = 64)]
    pub time_zone: Option<String>,
    #[schema(max_length = 100)]
    pub bank_name: Option<String>,
    /// 9 to 18 digits (spaces and dashes are dropped).
    #[schema(max_length = 30)]
    pub bank_account_number: Option<String>,
    /// Four letters, a zero, six letters or digits.
    #[schema(max_length = 11)]
    pub bank_ifsc: Option<String>,
    #[schema(max_length = 2000)]
    pub invoice_terms: Option<String>,
    #[schema(max_length = 100)]
    pub signatory: Option<String>,
    /// Files returns quarterly (QRMP; false when left out). Only for turnovers up to ₹5 crore.
    pub quarterly_returns: Option<bool>,
    /// Aggregate turnover above ₹5 crore last year (false when left out).
    pub turnover_above_5_crore: Option<bool>,
}

impl From<OrgInputBody> for bahi_app::identity::validate::OrgInput {
    fn from(b: OrgInputBody) -> Self {
        Self {
            legal_name: b.legal_name,
            trade_name: b.trade_name,
            gstin: b.gstin,
            state_code: b.state_code,
            address: b.address,
            upi_vpa: b.upi_vpa,
            round_off_totals: b.round_off_totals,
            composition: b.composition,
            phone: b.phone,
            email: b.email,
            time_zone: b.time_zone,
            bank_name: b.bank_name,
            bank_account_number: b.bank_account_number,
            bank_ifsc: b.bank_ifsc,
            invoice_terms: b.invoice_terms,
            signatory: b.signatory,
            quarterly_returns: b.quarterly_returns,
            turnover_above_5_crore: b.turnover_above_5_crore,
        }
    }
}
