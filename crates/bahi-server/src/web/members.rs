//! The members page: everyone in the organisation; for admins and up, invitations (send,
//! re-send, revoke), role changes and removal.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use bahi_app::identity::{invitations, members};
use bahi_app::{Admin, AtLeast, OrgCtx, Viewer};
use bahi_store::identity::Role;
use bahi_store::identity::members::Member as MemberRow;
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::format::moment;
use super::respond::{render, see_other};
use crate::http::extract::Path;
use crate::http::paths::{InvitationPath, MemberPath};
use crate::http::{HttpError, Member};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    chrome: Chrome,
    org_id: String,
    org_name: String,
    members: Vec<MemberRow>,
    can_manage: bool,
    roles: [Role; 4],
    invitation_link: Option<String>,
    invite_email: String,
    errors: FormErrors,
    pending: Vec<PendingRow>,
}

pub struct PendingRow {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub until: String,
    pub expired: bool,
}

/// The page for any member; what they may change depends on their role.
async fn page_for<R: AtLeast<Viewer>>(
    app: &AppState,
    member: &OrgCtx<R>,
    invitation_link: Option<String>,
    invite_email: String,
    errors: FormErrors,
) -> Result<Response, HttpError> {
    let admin = member.as_role::<Admin>();
    let can_manage = admin.is_some();
    let pending = if let Some(admin) = &admin {
        invitations::open(&app.services, admin)
            .await?
            .into_iter()
            .map(|i| PendingRow {
                id: i.id.to_string(),
                expired: i.has_expired(),
                email: i.email,
                role: i.role,
                until: moment(i.expires_at),
            })
            .collect()
    } else {
        Vec::new()
    };
    let status = errors.status.unwrap_or(StatusCode::OK);
    let page = MembersPage {
        chrome: Chrome::for_user(app, member.actor(), Some(&member.org_id().to_string())).await?,
        org_id: member.org_id().to_string(),
        org_name: member.org().legal_name.clone(),
        members: members::list(&app.services, member).await?,
        can_manage,
        roles: Role::ALL,
        invitation_link,
        invite_email,
        errors,
        pending,
    };
    Ok(render(status, &page))
}

pub async fn page(
    member: Member<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, HttpError> {
    page_for(&app, &member, None, String::new(), FormErrors::default()).await
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

fn role_of(text: &str) -> Result<Role, HttpError> {
    Role::parse(text.trim()).ok_or_else(|| {
        HttpError::App(bahi_app::Error::field(
            "role",
            bahi_app::Message::new("json-one-of")
                .arg("choices", "owner, admin, accountant, viewer"),
        ))
    })
}

/// Creates the invitation and shows its link on the page (there is no email delivery yet).
pub async fn invite(
    member: Member<Admin>,
    State(app): State<AppState>,
    Form(form): Form<InviteForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let role = role_of(&form.role)?;
        Ok::<_, HttpError>(invitations::invite(&app.services, &member, &form.email, role).await?)
    };
    match attempt.await {
        Ok(done) => {
            page_for(
                &app,
                &member,
                Some(done.accept_url),
                String::new(),
                FormErrors::default(),
            )
            .await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            page_for(&app, &member, None, form.email, errors).await
        }
    }
}

/// A new link for an open invitation, shown on the members page.
pub async fn resend_invitation(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<InvitationPath>,
) -> Result<Response, HttpError> {
    match invitations::resend(&app.services, &member, path.id).await {
        Ok(done) => {
            page_for(
                &app,
                &member,
                Some(done.accept_url),
                String::new(),
                FormErrors::default(),
            )
            .await
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            page_for(&app, &member, None, String::new(), errors).await
        }
    }
}

pub async fn revoke_invitation(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<InvitationPath>,
) -> Result<Response, HttpError> {
    invitations::revoke(&app.services, &member, path.id).await?;
    Ok(see_other(&format!("/orgs/{}/members", path.org_id)))
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<MemberPath>,
    Form(form): Form<RoleForm>,
) -> Result<Response, HttpError> {
    let attempt = async {
        let role = role_of(&form.role)?;
        Ok::<_, HttpError>(members::change_role(&app.services, &member, path.user_id, role).await?)
    };
    match attempt.await {
        Ok(_) => Ok(see_other(&format!("/orgs/{}/members", path.org_id))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            page_for(&app, &member, None, String::new(), errors).await
        }
    }
}

pub async fn remove(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<MemberPath>,
) -> Result<Response, HttpError> {
    match members::remove(&app.services, &member, path.user_id).await {
        Ok(_) if path.user_id == member.user().id => Ok(see_other("/dashboard")),
        Ok(_) => Ok(see_other(&format!("/orgs/{}/members", path.org_id))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            page_for(&app, &member, None, String::new(), errors).await
        }
    }
}
