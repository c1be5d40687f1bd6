//! Members and invitations (API.md, Organisations).

use super::body::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use bahi_store::identity::{UserId, members, orgs};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::SessionResponse;
use super::dto::{Page, rfc3339};
use crate::accounts;
use crate::auth::client_ip::ClientIp;
use crate::auth::{Admin, OrgMember, Viewer};
use crate::error::AppError;
use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: String,
}

/// Everyone in the organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)),
    responses((status = 200, body = Page<MemberOut>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    member: OrgMember<Viewer>,
    State(app): State<AppState>,
) -> Result<Json<Page<MemberOut>>, AppError> {
    let items = members::list(&app.db, member.org_id)
        .await?
        .into_iter()
        .map(|m| MemberOut {
            user_id: m.user_id.0,
            name: m.name,
            email: m.email,
            role: m.role,
        })
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMember {
    pub email: String,
    /// `owner`, `admin`, `accountant` or `viewer`.
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationOut {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    pub expires_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Invited {
    pub invitation: InvitationOut,
    /// The single-use link for the invitee. Until bahi sends email, pass it on yourself.
    pub accept_url: String,
}

/// Invite someone by email (admins and owners; only owners invite owners).
#[utoipa::path(post, path = "/api/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)), request_body = NewMember,
    responses((status = 201, body = Invited), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn invite(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Json(input): Json<NewMember>,
) -> Result<(StatusCode, Json<Invited>), AppError> {
    let done = accounts::members::invite(
        &app,
        member.org_id,
        member.user(),
        member.role,
        &input.email,
        &input.role,
        Some(ip.to_string()),
    )
    .await?;
    let i = done.invitation;
    Ok((
        StatusCode::CREATED,
        Json(Invited {
            invitation: InvitationOut {
                id: i.id.0,
                email: i.email,
                role: i.role,
                expires_at: rfc3339(i.expires_at),
            },
            accept_url: done.accept_url,
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    pub role: String,
}

/// Change a member's role. The last owner cannot be demoted (409).
#[utoipa::path(patch, path = "/api/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)), request_body = RoleChange,
    responses((status = 200, body = MemberOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn change_role(
    member: OrgMember<Admin>,
    State(app): State<AppState>,
    ip: ClientIp,
    Path(ids): Path<(Uuid, Uuid)>,
    Json(input): Json<RoleChange>,
) -> Result<Json<MemberOut>, AppError> {
    let user_id = ids.1;
    accounts::members::change_role(
        &app,
        member.org_id,
        member.user(),
        member.role,
        UserId(user_id),
        &input.role,
        Some(ip.to_string()),
    )
    .await?;
    let changed = members::list(&app.db, member.org_id)
        .await?
        .into_iter()
        .find(|m| m.user_id.0 == user_id)
        .ok_or(AppError::NotFound)?;
    Ok(Json(MemberOut {
        user_id,
        name: changed.name,
        email: changed.email,
        role: changed.role,
    }))
}

/// Remove a member. The last owner cannot be removed (409).
#[utoipa::path(delete, path = "/api/v1/orgs/{org_id}/members/{user_id}", tag = "members",
    params(("org_id" = Uuid, Path), ("user_id" = Uuid, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
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

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationView {
    pub organisation: String,
    pub email: String,
    pub role: String,
    /// True when the email already has an account: accept with that account's password.
    pub account_exists: bool,
}

/// What an invitation is for (public: the token is the credential).
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "members", params(("token" = String, Path)),
    responses((status = 200, body = InvitationView), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn show_invitation(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationView>, AppError> {
    let invitation = accounts::members::open_invitation(&app, &token).await?;
    let org = orgs::get(&app.db, invitation.org_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let account_exists = bahi_store::identity::users::by_email(&app.db, &invitation.email)
        .await?
        .is_some();
    Ok(Json(InvitationView {
        organisation: org.legal_name,
        email: invitation.email,
        role: invitation.role,
        account_exists,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Acceptance {
    /// Required for a new account.
    pub name: Option<String>,
    /// The new account's password, or the existing account's.
    pub password: String,
}

/// Accept an invitation and sign in.
#[utoipa::path(post, path = "/api/v1/invitations/{token}/accept", tag = "members", params(("token" = String, Path)), request_body = Acceptance,
    responses((status = 200, body = SessionResponse), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn accept(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Path(token): Path<String>,
    Json(input): Json<Acceptance>,
) -> Result<Response, AppError> {
    let accounts::members::Joined {
        user,
        session: new_session,
        ..
    } = accounts::members::accept(
        &app,
        &token,
        input.name.as_deref(),
        &input.password,
        Some(ip.to_string()),
    )
    .await?;
    SessionResponse::started(&app, jar, &user, &new_session).await
}
