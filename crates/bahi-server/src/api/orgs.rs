//! An organisation's settings (API.md, Organisations).

use super::extract::Json;
use axum::extract::State;
use bahi_store::identity::orgs;

use super::dto::OrgOut;
use crate::accounts::{self, Actor, OrgInput};
use crate::auth::client_ip::ClientIp;
use crate::auth::{Admin, OrgMember, Viewer};
use crate::error::AppError;
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
}

/// Tells "absent" (outer `None`) from "null" (`Some(None)`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

impl OrgPatch {
    fn over(self, current: &orgs::Organisation) -> OrgInput {
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
        }
    }
}

/// The organisation's settings.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = OrgOut)))]
pub async fn get(
    member: OrgMember<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<OrgOut>, AppError> {
    let org = orgs::get(&app.db, member.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json((&org).into()))
}

/// Change the settings (admins and owners).
#[utoipa::path(patch, path = "/api/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)), request_body = OrgPatch,
    responses((status = 200, body = OrgOut)))]
pub async fn update(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Json(patch): Json<OrgPatch>,
) -> Result<Json<OrgOut>, AppError> {
    let actor = Actor::user(member.user().id, &member.user().email, Some(ip.to_string()));
    let current = orgs::get(&app.db, member.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = patch.over(&current);
    let org = accounts::orgs::update(&app, member.org_id, &input, &actor).await?;
    Ok(Json((&org).into()))
}
