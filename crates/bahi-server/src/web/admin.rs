//! The platform administrator's page: every organisation, suspend and reinstate.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::identity::orgs;
use bahi_store::identity::OrgId;
use serde::Deserialize;

use super::chrome::Chrome;
use super::format::moment;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::{HttpError, PlatformAdminCaller};
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

pub async fn page(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    let rows = orgs::all(&app.services, &admin, 500)
        .await?
        .into_iter()
        .map(|o| OrgRow {
            id: o.id.to_string(),
            name: o.legal_name,
            gstin: o.gstin.map(|g| g.to_string()).unwrap_or_default(),
            state: o.state_code.to_string(),
            created: moment(o.created_at),
            suspended: o.suspended_at.is_some(),
        })
        .collect();
    let chrome = Chrome::for_user(&app, admin.actor(), None).await?;
    Ok(render(StatusCode::OK, &AdminPage { chrome, orgs: rows }))
}

#[derive(Debug, Deserialize)]
pub struct SuspensionPath {
    id: OrgId,
    action: String,
}

pub async fn set_suspended(
    admin: PlatformAdminCaller,
    State(app): State<AppState>,
    Path(path): Path<SuspensionPath>,
) -> Result<Response, HttpError> {
    let suspended = match path.action.as_str() {
        "suspend" => true,
        "unsuspend" => false,
        _ => return Err(bahi_app::Error::NotFound.into()),
    };
    orgs::set_suspended(&app.services, &admin, path.id, suspended).await?;
    Ok(see_other("/admin"))
}
