//! Members and invitations (API.md, Organisations).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_store::identity::invitations::Invitation;
use bahi_store::identity::{InvitationId, UserId, members, orgs};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::{OrgWithRole, Page, RoleName, UserOut, rfc3339};
use super::extract::{Json, Path};
use crate::accounts;
use crate::auth::client_ip::ClientIp;
use crate::auth::{Admin, Authenticated, OrgMember, Viewer, csrf, session};
use crate::error::AppError;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: RoleName,
}

impl From<members::Member> for MemberOut {
    fn from(m: members::Member) -> Self {
        Self {
            user_id: m.user_id.0,
            name: m.name,
            email: m.email,
            role: m.role.into(),
        }
    }
}

/// Everyone in the organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)),
    responses((status = 200, body = Page<MemberOut>)))]
pub async fn list(
    member: OrgMember<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<Page<MemberOut>>, AppError> {
    let items = members::list(&app.db, member.org_id)
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
pub struct NewMember {
    #[schema(max_length = 254, format = "email")]
    pub email: String,
    pub role: RoleName,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationOut {
    pub id: Uuid,
    pub email: String,
    pub role: RoleName,
    pub expires_at: String,
    /// True once the link has expired (re-send it for a new one).
    pub expired: bool,
}

impl From<&Invitation> for InvitationOut {
    fn from(i: &Invitation) -> Self {
        Self {
            id: i.id.0,
            email: i.email.clone(),
            role: i.role.into(),
            expires_at: rfc3339(i.expires_at),
            expired: i.has_expired(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invited {
    pub invitation: InvitationOut,
    /// The single-use link for the invitee. Until bahi sends email, pass it on yourself.
    pub accept_url: String,
}

impl From<accounts::members::Invited> for Invited {
    fn from(done: accounts::members::Invited) -> Self {
        Self {
            invitation: (&done.invitation).into(),
            accept_url: done.accept_url,
        }
    }
}

/// Invite someone by email (admins and owners; only owners invite owners). One open invitation
/// per address (409); limited per organisation and per inviter (429).
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)), request_body = NewMember,
    responses((status = 201, body = Invited)))]
pub async fn invite(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Json(input): Json<NewMember>,
) -> Result<(StatusCode, Json<Invited>), AppError> {
    let role: bahi_store::identity::Role = input.role.into();
    let done = accounts::members::invite(
        &app,
        member.org_id,
        member.user(),
        member.role,
        &input.email,
        role.as_str(),
        Some(ip.to_string()),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(done.into())))
}

/// Open invitations (expired ones included, to re-send).
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/invitations", tag = "members", params(("org_id" = Uuid, Path)),
    responses((status = 200, body = Page<InvitationOut>)))]
pub async fn invitations(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
) -> Result<Json<Page<InvitationOut>>, AppError> {
    let items = bahi_store::identity::invitations::pending(&app.db, member.org_id)
        .await?
        .iter()
        .map(Into::into)
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

/// A new link and seven more days for an open invitation; the old link stops working.
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/invitations/{id}/resend", tag = "members",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = Invited)))]
pub async fn resend(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path(ids): Path<(Uuid, Uuid)>,
) -> Result<Json<Invited>, AppError> {
    let done = accounts::members::resend(
        &app,
        member.org_id,
        member.user(),
        InvitationId(ids.1),
        Some(ip.to_string()),
    )
    .await?;
    Ok(Json(done.into()))
}

/// Revoke an open invitation: its link stops working.
#[utoipa::path(delete, path = "/api/v1/orgs/{org_id}/invitations/{id}", tag = "members",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn revoke_invitation(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path(ids): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    accounts::members::revoke(
        &app,
        member.org_id,
        member.user(),
        InvitationId(ids.1),
        Some(ip.to_string()),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    pub role: RoleName,
}

/// Change a member's role. The last owner cannot be demoted (409).
#[utoipa::path(patch, path = "/api/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)), request_body = RoleChange,
    responses((status = 200, body = MemberOut)))]
pub async fn change_role(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path(ids): Path<(Uuid, Uuid)>,
    Json(input): Json<RoleChange>,
) -> Result<Json<MemberOut>, AppError> {
    let user_id = ids.1;
    let role: bahi_store::identity::Role = input.role.into();
    accounts::members::change_role(
        &app,
        member.org_id,
        member.user(),
        member.role,
        UserId(user_id),
        role.as_str(),
        Some(ip.to_string()),
    )
    .await?;
    let changed = members::get(&app.db, member.org_id, UserId(user_id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(changed.into()))
}

/// Remove a member. The last owner cannot be removed (409).
#[utoipa::path(delete, path = "/api/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn remove(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path(ids): Path<(Uuid, Uuid)>,
) -> Result<StatusCode, AppError> {
    let user_id = ids.1;
    accounts::members::remove(
        &app,
        member.org_id,
        member.user(),
        member.role,
        UserId(user_id),
        Some(ip.to_string()),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What an invitation is for. Public (the token is the credential); it never says whether the
/// address already has an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub organisation: String,
    pub email: String,
    pub role: RoleName,
    pub expires_at: String,
}

/// What an invitation is for (public: the token is the credential).
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "members", params(("token" = String, Path)),
    security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, body = InvitationView)))]
pub async fn show_invitation(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationView>, AppError> {
    let invitation = accounts::members::open_invitation(&app, &token).await?;
    let org = orgs::get(&app.db, invitation.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(InvitationView {
        organisation: org.legal_name,
        email: invitation.email,
        role: invitation.role.into(),
        expires_at: rfc3339(invitation.expires_at),
    }))
}

/// Signed in as the invited address: an empty body. Without an account: a name and a password
/// for the new account. An existing account never accepts by password here — sign in first.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct Acceptance {
    /// The new account's name.
    #[schema(max_length = 100)]
    pub name: Option<String>,
    /// The new account's password (at least 10 characters).
    #[schema(min_length = 10, max_length = 256)]
    pub password: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub user: UserOut,
    pub organisations: Vec<OrgWithRole>,
    /// The CSRF token of the session (a new one when the account was just created); absent for
    /// API-token callers.
    pub csrf_token: Option<String>,
}

/// Accept an invitation: signed in as the invited address, or creating the account (and
/// signing in). An address that already has an account gets 409 on `email`: sign in, then
/// accept.
#[utoipa::path(post, path = "/api/v1/invitations/{token}/accept", tag = "members", params(("token" = String, Path)), request_body = Acceptance,
    security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, body = Accepted)))]
pub async fn accept(
    State(app): State<AppState>,
    auth: Option<Authenticated>,
    ip: ClientIp,
    jar: CookieJar,
    Path(token): Path<String>,
    Json(input): Json<Acceptance>,
) -> Result<Response, AppError> {
    let joined = match &auth {
        Some(auth) => {
            accounts::members::accept_signed_in(&app, &token, &auth.user, Some(ip.to_string()))
                .await?
        }
        None => {
            accounts::members::accept_new_account(
                &app,
                &token,
                input.name.as_deref().unwrap_or_default(),
                input.password.as_deref().unwrap_or_default(),
                &ip.to_string(),
            )
            .await?
        }
    };
    let organisations = orgs::of_user(&app.db, joined.user.id).await?;
    let csrf_token = match (
        &joined.session,
        auth.as_ref().and_then(|a| a.session.as_ref()),
    ) {
        (Some(new), _) => Some(new.csrf_token.clone()),
        (None, Some(current)) => Some(csrf::token_for(
            app.config.secret_key.as_bytes(),
            &current.id_hash.0,
        )),
        (None, None) => None,
    };
    let body = Accepted {
        user: (&joined.user).into(),
        organisations: organisations.iter().map(Into::into).collect(),
        csrf_token,
    };
    Ok(match &joined.session {
        Some(new) => (session::set_cookies(&app, jar, new), Json(body)).into_response(),
        None => Json(body).into_response(),
    })
}
