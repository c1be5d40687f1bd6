//! The organisation pages: dashboard (switcher), overview, members and invitations, audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_store::identity::audit::{self, Depth, Scope};
use bahi_store::identity::{
    InvitationId, Role, UserId, invitations, members as store_members, orgs,
};
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
    let state = format!("{} {}", org.state_code, org.state_code.name());
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
            .map(|i| PendingRow {
                id: i.id.to_string(),
                expired: i.has_expired(),
                email: i.email,
                role: i.role,
                until: on_page(i.expires_at),
            })
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
        roles: Role::ALL,
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
                errors.status(),
                &members_page(&app, &member, None, form.email, errors).await?,
            ))
        }
    }
}

/// A new link for an open invitation, shown on the members page.
pub async fn resend_invitation(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path((_org_id, id)): Path<(String, uuid::Uuid)>,
) -> Result<Response, AppError> {
    let attempt = accounts::members::resend(
        &app,
        member.org_id,
        member.user(),
        InvitationId(id),
        Some(ip.to_string()),
    );
    match attempt.await {
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
                errors.status(),
                &members_page(&app, &member, None, String::new(), errors).await?,
            ))
        }
    }
}

pub async fn revoke_invitation(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path((org_id, id)): Path<(String, uuid::Uuid)>,
) -> Result<Response, AppError> {
    accounts::members::revoke(
        &app,
        member.org_id,
        member.user(),
        InvitationId(id),
        Some(ip.to_string()),
    )
    .await?;
    Ok(see_other(&format!("/orgs/{org_id}/members")))
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
    let verification = audit::verify_and_checkpoint(
        &app.db,
        &app.config.audit_keys,
        Scope::Org(member.org_id),
        Depth::Full,
    )
    .await?;
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
    role: Role,
    /// The address of whoever is signed in, if anyone is.
    signed_in_as: Option<String>,
    /// Signed in with the invited address: one button accepts.
    is_invitee: bool,
    name: String,
    errors: FormErrors,
}

async fn invitation_page(
    app: &AppState,
    auth: Option<&Authenticated>,
    token: &str,
    name: String,
    errors: FormErrors,
) -> Result<InvitationPage, AppError> {
    let invitation = accounts::members::open_invitation(app, token).await?;
    let org = orgs::get(&app.db, invitation.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let signed_in_as = auth.map(|a| a.user.email.clone());
    Ok(InvitationPage {
        chrome: Chrome::maybe(app, auth).await?,
        token: token.to_owned(),
        org_name: org.legal_name,
        is_invitee: signed_in_as.as_deref() == Some(invitation.email.as_str()),
        email: invitation.email,
        role: invitation.role,
        signed_in_as,
        name,
        errors,
    })
}

/// A session cookie that no longer opens a session is cleared, so the anonymous form (which
/// carries no CSRF token) is not refused for it.
fn forget_stale_session(app: &AppState, auth: Option<&Authenticated>, jar: CookieJar) -> CookieJar {
    let holds_cookie = jar
        .get(session::cookie_name(app))
        .is_some_and(|c| !c.value().is_empty());
    if auth.is_none() && holds_cookie {
        session::clear_cookies(app, jar)
    } else {
        jar
    }
}

pub async fn invitation(
    State(app): State<AppState>,
    auth: Option<Authenticated>,
    jar: CookieJar,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = invitation_page(
        &app,
        auth.as_ref(),
        &token,
        String::new(),
        FormErrors::default(),
    )
    .await?;
    let jar = forget_stale_session(&app, auth.as_ref(), jar);
    Ok((jar, render(StatusCode::OK, &page)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    name: Option<String>,
    #[serde(default)]
    password: String,
}

/// Signed in with the invited address: joins. Otherwise: creates the account from the form.
pub async fn accept(
    State(app): State<AppState>,
    auth: Option<Authenticated>,
    ip: ClientIp,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let ip = ip.to_string();
    let attempt = match &auth {
        Some(a) => accounts::members::accept_signed_in(&app, &token, &a.user, Some(ip)).await,
        None => {
            accounts::members::accept_new_account(
                &app,
                &token,
                form.name.as_deref().unwrap_or_default(),
                &form.password,
                &ip,
            )
            .await
        }
    };
    match attempt {
        Ok(joined) => {
            let jar = match &joined.session {
                Some(new) => session::set_cookies(&app, jar, new),
                None => jar,
            };
            Ok((jar, see_other(&format!("/orgs/{}", joined.org_id))).into_response())
        }
        Err(e) => {
            let errors = FormErrors::from_error(e)?;
            let status = errors.status();
            let page = invitation_page(
                &app,
                auth.as_ref(),
                &token,
                form.name.unwrap_or_default(),
                errors,
            )
            .await?;
            Ok(render(status, &page))
        }
    }
}
