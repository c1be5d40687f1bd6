//! Members of an organisation (API.md, Organisations).

use axum::extract::State;
use axum::http::StatusCode;
use bahi_app::identity::members;
use bahi_app::{Admin, Viewer};
use bahi_store::identity::members::Member as MemberRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::RoleName;
use crate::http::extract::{Json, Page, Path};
use crate::http::paths::MemberPath;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: RoleName,
}

impl From<MemberRow> for MemberOut {
    fn from(m: MemberRow) -> Self {
        Self {
            user_id: m.user_id.0,
            name: m.name,
            email: m.email,
            role: m.role.into(),
        }
    }
}

/// Everyone in the organisation.
#[utoipa::path(get, path = "/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)),
    responses((status = 200, body = Page<MemberOut>)))]
pub async fn list(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<Page<MemberOut>>, HttpError> {
    let items = members::list(&app.services, &member)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    pub role: RoleName,
}

/// Change a member's role (admins and up; only owners touch owners). The last owner cannot be
/// demoted (409).
#[utoipa::path(patch, path = "/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)), request_body = RoleChange,
    responses((status = 200, body = MemberOut)))]
pub async fn change_role(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<MemberPath>,
    Json(input): Json<RoleChange>,
) -> Result<Json<MemberOut>, HttpError> {
    let changed =
        members::change_role(&app.services, &member, path.user_id, input.role.into()).await?;
    Ok(Json(changed.into()))
}

/// Remove a member. The last owner cannot be removed (409).
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn remove(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<MemberPath>,
) -> Result<StatusCode, HttpError> {
    members::remove(&app.services, &member, path.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
