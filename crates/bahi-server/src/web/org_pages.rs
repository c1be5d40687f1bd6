//! The organisation pages: dashboard (switcher), overview, members and invitations, audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_gst::StateCode;
use bahi_store::identity::{Role, UserId, audit, invitations, members as store_members, orgs};
use serde::Deserialize;

use super::chrome::{Chrome, FormErrors};
use super::{render, see_other};
use crate::accounts;
use crate::api::dto::on_page;
use crate::auth::client_ip::ClientIp;
use crate::auth::extract::MinimumRole;
use crate::auth::{Accountant, Admin, Authenticated, OrgMember, Viewer, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    chrome: Chrome,
}

pub async fn dashboard(
    State(app): State<AppState>,
    auth: Authenticated,
) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &Dashboard {
            chrome: Chrome::for_user(&app, &auth, None).await?,
        },
    ))
}

#[derive(Template)]
#[template(path = "org.html")]
struct Overview {
    chrome: Chrome,
    org: orgs::Organisation,
    state: String,
    role: Role,
    can_see_audit: bool,
}

pub async fn overview(
    member: OrgMember<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, AppError> {
    let org = orgs::get(&app.db, member.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = StateCode::parse(&org.state_code)
        .map(|s| format!("{} {}", s, s.name()))
        .unwrap_or_else(|_| org.state_code.clone());
    let chrome = Chrome::for_user(&app, &member.auth, Some(&member.org_id.to_string())).await?;
    Ok(render(
        StatusCode::OK,
        &Overview {
            chrome,
            org,
            state,
            role: member.role,
            can_see_audit: member.role.at_least(Role::Accountant),
        },
    ))
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    chrome: Chrome,
    org_id: String,
    org_name: String,
    members: Vec<store_members::Member>,
    can_manage: bool,
    roles: [&'static str; 4],
    invitation_link: Option<String>,
    invite_email: String,
    errors: FormErrors,
    /// email, role, expires
    pending: Vec<(String, String, String)>,
}

/// The members page for any member; what they may change depends on their role.
async fn members_page<R: MinimumRole>(
    app: &AppState,
    member: &OrgMember<R>,
    invitation_link: Option<String>,
    invite_email: String,
    errors: FormErrors,
) -> Result<MembersPage, AppError> {
    let can_manage = member.role.at_least(Role::Admin);
    let pending = if can_manage {
        invitations::pending(&app.db, member.org_id)
            .await?
            .into_iter()
            .map(|i| (i.email, i.role, on_page(i.expires_at)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(MembersPage {
        chrome: Chrome::for_user(app, &member.auth, Some(&member.org_id.to_string())).await?,
        org_id: member.org_id.to_string(),
        org_name: member.org.legal_name.clone(),
        members: store_members::list(&app.db, member.org_id).await?,
        can_manage,
        roles: ["owner", "admin", "accountant", "viewer"],
        invitation_link,
        invite_email,
        errors,
        pending,
    })
}

pub async fn members(
    member: OrgMember<Viewer>,
    State(app): State<AppState>,
) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &members_page(&app, &member, None, String::new(), FormErrors::default()).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// Creates the invitation and shows its link on the page (there is no email delivery yet).
pub async fn invite(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    match accounts::members::invite(
        &app,
        member.org_id,
        member.user(),
        member.role,
        &form.email,
        &form.role,
        Some(ip.to_string()),
    )
    .await
    {
        Ok(done) => Ok(render(
            StatusCode::OK,
            &members_page(
                &app,
                &member,
                Some(done.accept_url),
                String::new(),
                FormErrors::default(),
            )
            .await?,
        )),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &members_page(&app, &member, None, form.email, errors).await?,
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path((org_id, user_id)): Path<(String, uuid::Uuid)>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    match accounts::members::change_role(
        &app,
        member.org_id,
        member.user(),
        member.role,
        UserId(user_id),
        &form.role,
        Some(ip.to_string()),
    )
    .await
    {
        Ok(_) => Ok(see_other(&format!("/orgs/{org_id}/members"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                StatusCode::CONFLICT,
                &members_page(&app, &member, None, String::new(), errors).await?,
            ))
        }
    }
}

pub async fn remove(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path((org_id, user_id)): Path<(String, uuid::Uuid)>,
) -> Result<Response, AppError> {
    match accounts::members::remove(
        &app,
        member.org_id,
        member.user(),
        member.role,
        UserId(user_id),
        Some(ip.to_string()),
    )
    .await
    {
        Ok(()) if user_id == member.user().id.0 => Ok(see_other("/dashboard")),
        Ok(()) => Ok(see_other(&format!("/orgs/{org_id}/members"))),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            Ok(render(
                StatusCode::CONFLICT,
                &members_page(&app, &member, None, String::new(), errors).await?,
            ))
        }
    }
}

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub summary: String,
    pub ip: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    org_name: String,
    events: Vec<EventRow>,
    verified: bool,
    problem: String,
}

pub async fn audit(
    member: OrgMember<Accountant>,
    State(app): State<AppState>,
) -> Result<Response, AppError> {
    let events = audit::list(&app.db, Some(member.org_id), None, 200)
        .await?
        .into_iter()
        .map(|e| EventRow {
            at: on_page(e.at),
            actor: e.actor_email.unwrap_or_else(|| "system".into()),
            action: e.action,
            summary: e.summary,
            ip: e.ip.unwrap_or_default(),
        })
        .collect();
    let verification = audit::verify(&app.db, Some(Some(member.org_id))).await?;
    let chrome = Chrome::for_user(&app, &member.auth, Some(&member.org_id.to_string())).await?;
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            chrome,
            org_name: member.org.legal_name.clone(),
            events,
            verified: verification.first_bad.is_none(),
            problem: verification
                .first_bad
                .map(|(id, why)| format!("entry {id}: {why}"))
                .unwrap_or_default(),
        },
    ))
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    chrome: Chrome,
    token: String,
    org_name: String,
    email: String,
    role: String,
    account_exists: bool,
    name: String,
    errors: FormErrors,
}

async fn invitation_page(
    app: &AppState,
    token: &str,
    name: String,
    errors: FormErrors,
) -> Result<InvitationPage, AppError> {
    let invitation = accounts::members::open_invitation(app, token).await?;
    let org = orgs::get(&app.db, invitation.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account_exists = bahi_store::identity::users::by_email(&app.db, &invitation.email)
        .await?
        .is_some();
    Ok(InvitationPage {
        chrome: Chrome::anonymous(),
        token: token.to_owned(),
        org_name: org.legal_name,
        email: invitation.email,
        role: invitation.role,
        account_exists,
        name,
        errors,
    })
}

pub async fn invitation(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    Ok(render(
        StatusCode::OK,
        &invitation_page(&app, &token, String::new(), FormErrors::default()).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    name: Option<String>,
    #[serde(default)]
    password: String,
}

pub async fn accept(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    match accounts::members::accept(
        &app,
        &token,
        form.name.as_deref(),
        &form.password,
        Some(ip.to_string()),
    )
    .await
    {
        Ok(joined) => Ok((
            session::set_cookies(&app, jar, &joined.session),
            see_other(&format!("/orgs/{}", joined.org_id)),
        )
            .into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let page = invitation_page(&app, &token, form.name.unwrap_or_default(), errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}
