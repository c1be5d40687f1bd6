//! An organisation's overview page.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::Viewer;
use bahi_app::identity::orgs;
use bahi_store::identity::Role;
use bahi_store::identity::orgs::Organisation;

use super::chrome::Chrome;
use super::respond::render;
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "org.html")]
struct Overview {
    chrome: Chrome,
    org: Organisation,
    state: String,
    role: Role,
    can_see_audit: bool,
}

pub async fn overview(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    let org = orgs::get(&app.services, &member).await?;
    let state = format!("{} {}", org.state_code, org.state_code.name());
    let chrome = Chrome::for_user(&app, member.actor(), Some(&member.org_id().to_string())).await?;
    Ok(render(
        StatusCode::OK,
        &Overview {
            chrome,
            org,
            state,
            role: member.role(),
            can_see_audit: member.role().at_least(Role::Accountant),
        },
    ))
}
