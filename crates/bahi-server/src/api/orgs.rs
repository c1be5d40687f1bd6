//! An organisation's settings (API.md, Organisations).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use bahi_app::identity::validate::OrgInput;
use bahi_app::identity::{logos, orgs};
use bahi_app::{Admin, Owner, Viewer};
use bahi_store::identity::orgs::Organisation;
use serde::Deserialize;
use utoipa::ToSchema;

use super::dto::{OrgInputBody, OrgOut};
use crate::http::extract::Json;
use crate::http::{HttpError, Member, Signed};
use crate::print;
use crate::state::AppState;

/// A partial change: fields left out keep their value; `null` clears an optional field.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct OrgPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub legal_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub trade_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub gstin: Option<Option<String>>,
    pub state_code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub upi_vpa: Option<Option<String>>,
    pub round_off_totals: Option<bool>,
    /// Registered under the composition scheme: later invoices are bills of supply, untaxed.
    pub composition: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    /// An IANA time zone from the supported list.
    pub time_zone: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub bank_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub bank_account_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub bank_ifsc: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub invoice_terms: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub signatory: Option<Option<String>>,
    /// Files GSTR-1 and GSTR-3B quarterly (QRMP); only for turnovers up to ₹5 crore.
    pub quarterly_returns: Option<bool>,
    /// Aggregate turnover above ₹5 crore last year: six-digit HSN codes, monthly returns.
    pub turnover_above_5_crore: Option<bool>,
}

use super::values::present;

impl OrgPatch {
    fn over(self, current: &Organisation) -> OrgInput {
        let current_gstin = current.gstin.as_ref().map(ToString::to_string);
        let gstin = self.gstin.unwrap_or_else(|| current_gstin.clone());
        // A new GSTIN brings its own state unless a state is given too.
        let state_code = match (&self.state_code, &gstin) {
            (Some(code), _) => Some(code.clone()),
            (None, Some(_)) if gstin != current_gstin => None,
            (None, _) => Some(current.state_code.to_string()),
        };
        OrgInput {
            legal_name: self
                .legal_name
                .unwrap_or_else(|| current.legal_name.clone()),
            trade_name: self
                .trade_name
                .unwrap_or_else(|| current.trade_name.clone()),
            gstin,
            state_code,
            address: self.address.unwrap_or_else(|| current.address.clone()),
            upi_vpa: self.upi_vpa.unwrap_or_else(|| current.upi_vpa.clone()),
            round_off_totals: Some(self.round_off_totals.unwrap_or(current.round_off_totals)),
            composition: Some(self.composition.unwrap_or(current.composition)),
            phone: self.phone.unwrap_or_else(|| current.phone.clone()),
            email: self.email.unwrap_or_else(|| current.email.clone()),
            time_zone: Some(self.time_zone.unwrap_or_else(|| current.time_zone.clone())),
            bank_name: self.bank_name.unwrap_or_else(|| current.bank_name.clone()),
            bank_account_number: self
                .bank_account_number
                .unwrap_or_else(|| current.bank_account_number.clone()),
            bank_ifsc: self.bank_ifsc.unwrap_or_else(|| current.bank_ifsc.clone()),
            invoice_terms: self
                .invoice_terms
                .unwrap_or_else(|| current.invoice_terms.clone()),
            signatory: self.signatory.unwrap_or_else(|| current.signatory.clone()),
            quarterly_returns: Some(self.quarterly_returns.unwrap_or(current.quarterly_returns)),
            turnover_above_5_crore: Some(
                self.turnover_above_5_crore
                    .unwrap_or(current.turnover_above_5_crore),
            ),
        }
    }
}

/// Add a business: the caller is its owner (a CA firm keeps many clients under one login).
#[utoipa::path(post, path = "/v1/orgs", tag = "organisations", request_body = OrgInputBody,
    responses((status = 201, body = OrgOut)))]
pub async fn create(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Json(input): Json<OrgInputBody>,
) -> Result<(StatusCode, Json<OrgOut>), HttpError> {
    let org = orgs::create(&app.services, &actor, &input.into()).await?;
    Ok((StatusCode::CREATED, Json((&org).into())))
}

/// The organisation's settings.
#[utoipa::path(get, path = "/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = OrgOut)))]
pub async fn get(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<OrgOut>, HttpError> {
    let org = orgs::get(&app.services, &member).await?;
    Ok(Json((&org).into()))
}

/// Change the settings (admins and owners).
#[utoipa::path(patch, path = "/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)), request_body = OrgPatch,
    responses((status = 200, body = OrgOut)))]
pub async fn update(
    member: Member<Admin>,
    State(app): State<AppState>,
    Json(patch): Json<OrgPatch>,
) -> Result<Json<OrgOut>, HttpError> {
    let current = orgs::get(&app.services, &member).await?;
    let org = orgs::update(&app.services, &member, &patch.over(&current)).await?;
    Ok(Json((&org).into()))
}

/// The organisation's logo, as its documents print it (404 when it has none).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/logo", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, description = "The logo (PNG or JPEG)",
               content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg")))))]
pub async fn logo(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    let stored = logos::get(&app.services, &member)
        .await?
        .ok_or(bahi_app::Error::NotFound)?;
    Ok(print::logo::logo_response(stored))
}

/// Set the logo: the body is the PNG or JPEG file itself, at most 512 KB and 4000 pixels a
/// side. It is checked by decoding it; 422 naming `logo` when it is not such an image.
#[utoipa::path(put, path = "/v1/orgs/{org_id}/logo", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)),
    request_body(content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"))),
    responses((status = 204, description = "Saved; documents print it from now on")))]
pub async fn set_logo(
    member: Member<Admin>,
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, HttpError> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .and_then(bahi_pdf::LogoFormat::from_content_type);
    if declared.is_none() {
        return Err(HttpError::UnsupportedMediaType);
    }
    // What the file is, not what it is called, decides.
    let logo = bahi_pdf::Logo::check(body.to_vec()).map_err(print::logo::logo_refusal)?;
    logos::set(
        &app.services,
        &member,
        logo.format.content_type(),
        &logo.bytes,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove the logo; documents print the name alone.
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/logo", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)),
    responses((status = 204, description = "Removed (or there was none)")))]
pub async fn remove_logo(
    member: Member<Admin>,
    State(app): State<AppState>,
) -> Result<StatusCode, HttpError> {
    logos::remove(&app.services, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TwoFactorRequirement {
    /// Every member signing in with a password needs a second factor to open the business
    /// (API tokens are not affected).
    pub required: bool,
}

/// Require (or stop requiring) two-factor sign-in of every member (owners only; an owner must
/// have it on first, 422 naming `require_two_factor`). Members without it get 403
/// `two-factor-required` on the business until they turn it on.
#[utoipa::path(put, path = "/v1/orgs/{org_id}/two-factor", tag = "organisations",
    params(("org_id" = uuid::Uuid, Path)), request_body = TwoFactorRequirement,
    responses((status = 204)))]
pub async fn require_two_factor(
    member: Member<Owner>,
    State(app): State<AppState>,
    Json(body): Json<TwoFactorRequirement>,
) -> Result<StatusCode, HttpError> {
    bahi_app::identity::two_factor::require_for_members(&app.services, &member, body.required)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
