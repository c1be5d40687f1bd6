//! An organisation's settings (API.md, Organisations).

use axum::Json;
use axum::extract::State;
use bahi_store::identity::orgs;

use super::dto::OrgOut;
use crate::accounts::{self, Actor, OrgInput};
use crate::auth::client_ip::ClientIp;
use crate::auth::{Admin, OrgMember, Viewer};
use crate::error::AppError;
use crate::problem::Problem;
use crate::state::AppState;

/// The organisation's settings.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)),
    responses((status = 200, body = OrgOut), (status = 401, body = Problem), (status = 404, body = Problem)))]
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
#[utoipa::path(patch, path = "/api/v1/orgs/{org_id}", tag = "organisations", params(("org_id" = uuid::Uuid, Path)), request_body = OrgInput,
    responses((status = 200, body = OrgOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Json(input): Json<OrgInput>,
) -> Result<Json<OrgOut>, AppError> {
    let actor = Actor::user(member.user().id, &member.user().email, Some(ip.to_string()));
    let org = accounts::orgs::update(&app, member.org_id, &input, &actor).await?;
    Ok(Json((&org).into()))
}
