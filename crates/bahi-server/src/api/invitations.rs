//! Invitations to an organisation (API.md, Organisations): sending, re-sending, revoking, and
//! accepting them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::Admin;
use bahi_app::identity::{invitations, orgs};
use bahi_store::identity::invitations::Invitation;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::start_session;
use super::dto::{LanguageCode, OrgWithRole, RoleName, UserOut, rfc3339};
use super::problem::Problem;
use crate::http::client_ip::ClientIp;
use crate::http::extract::{Json, Page, Path};
use crate::http::paths::{InvitationPath, InvitationToken};
use crate::http::{AskedLanguage, HttpError, Member, Signed, csrf};
use crate::state::AppState;

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
    /// The single-use link for the invitee, to pass on another way too.
    pub accept_url: String,
    /// Whether the link was e-mailed to the invitee (mail is configured).
    pub emailed: bool,
}

impl From<invitations::Invited> for Invited {
    fn from(done: invitations::Invited) -> Self {
        Self {
            invitation: (&done.invitation).into(),
            accept_url: done.accept_url,
            emailed: done.emailed,
        }
    }
}

/// Invite someone by email (admins and owners; only owners invite owners). One open invitation
/// per address (409); limited per organisation and per inviter (429).
#[utoipa::path(post, path = "/v1/orgs/{org_id}/members", tag = "members", params(("org_id" = Uuid, Path)), request_body = NewMember,
    responses((status = 201, body = Invited), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn invite(
    member: Member<Admin>,
    State(app): State<AppState>,
    Json(input): Json<NewMember>,
) -> Result<(StatusCode, Json<Invited>), HttpError> {
    let done = invitations::invite(&app.services, &member, &input.email, input.role.into()).await?;
    Ok((StatusCode::CREATED, Json(done.into())))
}

/// Open invitations (expired ones included, to re-send).
#[utoipa::path(get, path = "/v1/orgs/{org_id}/invitations", tag = "members", params(("org_id" = Uuid, Path)),
    responses((status = 200, body = Page<InvitationOut>)))]
pub async fn open(
    member: Member<Admin>,
    State(app): State<AppState>,
) -> Result<Json<Page<InvitationOut>>, HttpError> {
    let items = invitations::open(&app.services, &member)
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
#[utoipa::path(post, path = "/v1/orgs/{org_id}/invitations/{id}/resend", tag = "members",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = Invited), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn resend(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<InvitationPath>,
) -> Result<Json<Invited>, HttpError> {
    let done = invitations::resend(&app.services, &member, path.id).await?;
    Ok(Json(done.into()))
}

/// Revoke an open invitation: its link stops working.
#[utoipa::path(delete, path = "/v1/orgs/{org_id}/invitations/{id}", tag = "members",
    params(("org_id" = Uuid, Path), ("id" = Uuid, Path)),
    responses((status = 204)))]
pub async fn revoke(
    member: Member<Admin>,
    State(app): State<AppState>,
    Path(path): Path<InvitationPath>,
) -> Result<StatusCode, HttpError> {
    invitations::revoke(&app.services, &member, path.id).await?;
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
#[utoipa::path(get, path = "/v1/invitations/{token}", tag = "members", params(("token" = String, Path)),
    security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, body = InvitationView)))]
pub async fn show(
    State(app): State<AppState>,
    Path(path): Path<InvitationToken>,
) -> Result<Json<InvitationView>, HttpError> {
    let offer = invitations::offer(&app.services, &path.token).await?;
    Ok(Json(InvitationView {
        organisation: offer.organisation,
        email: offer.invitation.email,
        role: offer.invitation.role.into(),
        expires_at: rfc3339(offer.invitation.expires_at),
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
    /// The new account's language; from `Accept-Language` when left out.
    pub language: Option<LanguageCode>,
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
#[utoipa::path(post, path = "/v1/invitations/{token}/accept", tag = "members", params(("token" = String, Path)), request_body = Acceptance,
    security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, body = Accepted), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn accept(
    State(app): State<AppState>,
    signed: Option<Signed>,
    ip: ClientIp,
    jar: CookieJar,
    asked: AskedLanguage,
    Path(path): Path<InvitationToken>,
    Json(input): Json<Acceptance>,
) -> Result<Response, HttpError> {
    let s = &app.services;
    let joined = match &signed {
        Some(Signed(actor)) => invitations::accept_signed_in(s, &path.token, actor).await?,
        None => {
            let name = input.name.as_deref().unwrap_or_default();
            let password = input.password.as_deref().unwrap_or_default();
            let language = input.language.map_or(asked.0, Into::into);
            let ip = ip.to_string();
            invitations::accept_new_account(s, &path.token, name, password, &ip, language).await?
        }
    };
    let organisations = orgs::of_user(s, joined.user.id).await?;
    let (jar, csrf_token) = match (&joined.session, &signed) {
        (Some(new), _) => {
            let (jar, csrf) = start_session(&app, jar, new);
            (jar, Some(csrf))
        }
        (None, Some(Signed(actor))) => (jar, actor.session().map(|s| csrf::token_for(&app, s))),
        (None, None) => (jar, None),
    };
    let body = Accepted {
        user: (&joined.user).into(),
        organisations: organisations.iter().map(Into::into).collect(),
        csrf_token,
    };
    Ok((jar, Json(body)).into_response())
}
