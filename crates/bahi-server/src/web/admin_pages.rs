//! The platform administrator's page: every organisation, suspend and reinstate.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use bahi_store::identity::{OrgId, orgs};

use super::chrome::Chrome;
use super::{render, see_other};
use crate::accounts::{self, Actor};
use crate::api::dto::on_page;
use crate::auth::PlatformAdmin;
use crate::auth::client_ip::ClientIp;
use crate::error::AppError;
use crate::state::AppState;

pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub gstin: String,
    pub state: String,
    pub created: String,
    pub suspended: bool,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    orgs: Vec<OrgRow>,
}

pub async fn overview(
    admin: PlatformAdmin,
    State(app): State<AppState>,
) -> Result<Response, AppError> {
    let rows = orgs::list_all(&app.db, 500)
        .await?
        .into_iter()
        .map(|o| OrgRow {
            id: o.id.to_string(),
            name: o.legal_name,
            gstin: o.gstin.map(|g| g.to_string()).unwrap_or_default(),
            state: o.state_code.to_string(),
            created: on_page(o.created_at),
            suspended: o.suspended_at.is_some(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &AdminPage {
            chrome: Chrome::for_user(&app, &admin.0, None).await?,
            orgs: rows,
        },
    ))
}

pub async fn set_suspended(
    admin: PlatformAdmin,
    State(app): State<AppState>,
    ip: ClientIp,
    Path((id, action)): Path<(uuid::Uuid, String)>,
) -> Result<Response, AppError> {
    let suspended = match action.as_str() {
        "suspend" => true,
        "unsuspend" => false,
        _ => return Err(AppError::NotFound),
    };
    let actor = Actor::user(admin.0.user.id, &admin.0.user.email, Some(ip.to_string()));
    accounts::orgs::set_suspended(&app, OrgId(id), suspended, &actor).await?;
    Ok(see_other("/admin"))
}
