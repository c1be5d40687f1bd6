//! Customers and vendors (API.md, Parties).

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::masters::parties::{self, AddressInput, PartyInput};
use bahi_app::{Accountant, Viewer};
use bahi_gst::Registration;
use bahi_store::masters::parties::{Party, PartyKind, PartyQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::dto::{gstin_text, rfc3339};
use crate::http::extract::{Json, Page, PageParams, Paging, Path, Query, name_position};
use crate::http::paths::PartyPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

/// `customer` | `vendor` | `both`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindName {
    Customer,
    Vendor,
    Both,
}

impl From<KindName> for PartyKind {
    fn from(k: KindName) -> Self {
        match k {
            KindName::Customer => Self::Customer,
            KindName::Vendor => Self::Vendor,
            KindName::Both => Self::Both,
        }
    }
}

impl From<PartyKind> for KindName {
    fn from(k: PartyKind) -> Self {
        match k {
            PartyKind::Customer => Self::Customer,
            PartyKind::Vendor => Self::Vendor,
            PartyKind::Both => Self::Both,
        }
    }
}

/// A party's GST registration (GST.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationName {
    Regular,
    Composition,
    Uin,
    Sez,
    Unregistered,
    Overseas,
}

impl From<RegistrationName> for Registration {
    fn from(r: RegistrationName) -> Self {
        match r {
            RegistrationName::Regular => Self::Regular,
            RegistrationName::Composition => Self::Composition,
            RegistrationName::Uin => Self::Uin,
            RegistrationName::Sez => Self::Sez,
            RegistrationName::Unregistered => Self::Unregistered,
            RegistrationName::Overseas => Self::Overseas,
        }
    }
}

impl From<Registration> for RegistrationName {
    fn from(r: Registration) -> Self {
        match r {
            Registration::Regular => Self::Regular,
            Registration::Composition => Self::Composition,
            Registration::Uin => Self::Uin,
            Registration::Sez => Self::Sez,
            Registration::Unregistered => Self::Unregistered,
            Registration::Overseas => Self::Overseas,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct Address {
    #[schema(max_length = 200)]
    pub line1: Option<String>,
    #[schema(max_length = 200)]
    pub line2: Option<String>,
    #[schema(max_length = 100)]
    pub city: Option<String>,
    /// Six digits, not starting with 0 (overseas addresses may have any postal code).
    #[schema(max_length = 20)]
    pub pincode: Option<String>,
    #[schema(max_length = 2, pattern = r"^[0-9]*$")]
    pub state_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewParty {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: KindName,
    pub registration: RegistrationName,
    /// Required for regular, composition, UIN and SEZ parties; none for unregistered and
    /// overseas ones. A bad GSTIN is a 422 on `gstin` naming the reason.
    #[schema(max_length = 15, pattern = r"^[0-9A-Za-z]*$")]
    pub gstin: Option<String>,
    /// Derived from the GSTIN when there is one; required for unregistered parties (or in the
    /// billing address); none for overseas parties.
    #[schema(max_length = 2, pattern = r"^[0-9]*$")]
    pub state_code: Option<String>,
    /// Required for overseas parties.
    #[schema(max_length = 100)]
    pub country: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 20)]
    pub phone: Option<String>,
    pub billing_address: Option<Address>,
}

impl From<NewParty> for PartyInput {
    fn from(p: NewParty) -> Self {
        let billing = p.billing_address.unwrap_or_default();
        Self {
            name: p.name,
            kind: p.kind.into(),
            registration: p.registration.into(),
            gstin: p.gstin,
            state_code: p.state_code,
            country: p.country,
            email: p.email,
            phone: p.phone,
            billing: AddressInput {
                line1: billing.line1,
                line2: billing.line2,
                city: billing.city,
                pincode: billing.pincode,
                state_code: billing.state_code,
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyOut {
    pub id: Uuid,
    pub name: String,
    pub kind: KindName,
    pub registration: RegistrationName,
    pub gstin: Option<String>,
    #[schema(pattern = r"^[0-9]{2}$")]
    pub state_code: Option<String>,
    pub country: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub billing_address: Address,
    /// Archived parties stay on their documents but leave lists and pickers.
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&Party> for PartyOut {
    fn from(p: &Party) -> Self {
        Self {
            id: p.id.0,
            name: p.name.clone(),
            kind: p.kind.into(),
            registration: p.registration.into(),
            gstin: gstin_text(p.gstin.as_ref()),
            state_code: p.state_code.map(|s| s.to_string()),
            country: p.country.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            billing_address: Address {
                line1: p.billing_line1.clone(),
                line2: p.billing_line2.clone(),
                city: p.billing_city.clone(),
                pincode: p.billing_pincode.clone(),
                state_code: p.billing_state_code.map(|s| s.to_string()),
            },
            archived: p.archived_at.is_some(),
            created_at: rfc3339(p.created_at),
            updated_at: rfc3339(p.updated_at),
        }
    }
}

/// A partial change: fields left out keep their value; `null` clears an optional one.
/// `archived` archives or restores the party.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PartyPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<KindName>,
    pub registration: Option<RegistrationName>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 15)]
    pub gstin: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 2)]
    pub state_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 100)]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(max_length = 20)]
    pub phone: Option<Option<String>>,
    /// Replaces the whole billing address.
    pub billing_address: Option<Address>,
    pub archived: Option<bool>,
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

impl PartyPatch {
    fn changes_details(&self) -> bool {
        self.name.is_some()
            || self.kind.is_some()
            || self.registration.is_some()
            || self.gstin.is_some()
            || self.state_code.is_some()
            || self.country.is_some()
            || self.email.is_some()
            || self.phone.is_some()
            || self.billing_address.is_some()
    }

    fn over(self, p: &Party) -> PartyInput {
        let registration = self.registration.map_or(p.registration, Into::into);
        // A new GSTIN or registration brings its own state unless one is given too.
        let state_code = match self.state_code {
            Some(given) => given,
            None if self.gstin.is_some() || self.registration.is_some() => None,
            None => p.state_code.map(|s| s.to_string()),
        };
        let gstin = self.gstin.unwrap_or_else(|| gstin_text(p.gstin.as_ref()));
        let billing = match self.billing_address {
            Some(a) => AddressInput {
                line1: a.line1,
                line2: a.line2,
                city: a.city,
                pincode: a.pincode,
                state_code: a.state_code,
            },
            None => AddressInput {
                line1: p.billing_line1.clone(),
                line2: p.billing_line2.clone(),
                city: p.billing_city.clone(),
                pincode: p.billing_pincode.clone(),
                state_code: p.billing_state_code.map(|s| s.to_string()),
            },
        };
        PartyInput {
            name: self.name.unwrap_or_else(|| p.name.clone()),
            kind: self.kind.map_or(p.kind, Into::into),
            registration,
            gstin,
            state_code,
            country: self.country.unwrap_or_else(|| p.country.clone()),
            email: self.email.unwrap_or_else(|| p.email.clone()),
            phone: self.phone.unwrap_or_else(|| p.phone.clone()),
            billing,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PartyFilter {
    /// `customer` lists customers and parties that are both; `vendor` likewise.
    pub kind: Option<KindName>,
    /// A part of the name (any case) or the start of a GSTIN.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Include archived parties (default false).
    pub archived: Option<bool>,
}

/// Add a customer or vendor.
#[utoipa::path(post, path = "/v1/orgs/{org_id}/parties", tag = "parties", params(("org_id" = Uuid, Path)), request_body = NewParty,
    responses((status = 201, body = PartyOut)))]
pub async fn create(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Json(input): Json<NewParty>,
) -> Result<(StatusCode, Json<PartyOut>), HttpError> {
    let party = parties::create(&app.services, &member, &input.into()).await?;
    Ok((StatusCode::CREATED, Json((&party).into())))
}

/// Parties by name, a page at a time.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/parties", tag = "parties", params(("org_id" = Uuid, Path), PartyFilter, PageParams),
    responses((status = 200, body = Page<PartyOut>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
    paging: Paging,
    Query(filter): Query<PartyFilter>,
) -> Result<Json<Page<PartyOut>>, HttpError> {
    let query = PartyQuery {
        kind: filter.kind.map(Into::into),
        q: filter.q,
        include_archived: filter.archived.unwrap_or(false),
        after: paging.after_name()?,
        limit: paging.fetch(),
    };
    let rows = parties::list(&app.services, &member, &query).await?;
    Ok(Json(paging.page(
        rows,
        |p| name_position(p.id, &p.search_name),
        |p| (&p).into(),
    )))
}

#[utoipa::path(get, path = "/v1/orgs/{org_id}/parties/{id}", tag = "parties", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = PartyOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
    Path(path): Path<PartyPath>,
) -> Result<Json<PartyOut>, HttpError> {
    let party = parties::get(&app.services, &member, path.id).await?;
    Ok(Json((&party).into()))
}

/// Change a party's details, or archive or restore it (`archived`).
#[utoipa::path(patch, path = "/v1/orgs/{org_id}/parties/{id}", tag = "parties", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)), request_body = PartyPatch,
    responses((status = 200, body = PartyOut)))]
pub async fn update(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<PartyPath>,
    Json(patch): Json<PartyPatch>,
) -> Result<Json<PartyOut>, HttpError> {
    let s = &app.services;
    let mut party = parties::get(s, &member, path.id).await?;
    let archived = patch.archived;
    if patch.changes_details() {
        party = parties::update(s, &member, path.id, &patch.over(&party)).await?;
    }
    if let Some(archived) = archived
        && archived != party.archived_at.is_some()
    {
        party = parties::set_archived(s, &member, path.id, archived).await?;
    }
    Ok(Json((&party).into()))
}

/// Delete a party no document names (409 otherwise: archive it instead).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/parties/{id}", tag = "parties", params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204, description = "Deleted")))]
pub async fn delete(
    member: Member<Accountant>,
    State(app): State<AppState>,
    Path(path): Path<PartyPath>,
) -> Result<StatusCode, HttpError> {
    parties::delete(&app.services, &member, path.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
