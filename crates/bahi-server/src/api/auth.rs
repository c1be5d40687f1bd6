//! Sign-up, sign-in, sign-out and `me` (API.md, Authentication).

use super::extract::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_store::identity::orgs;
use bahi_store::identity::users::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::{OrgSummary, OrgWithRole, UserOut};
use crate::accounts::{self, signup::SignupInput};
use crate::auth::client_ip::ClientIp;
use crate::auth::{Authenticated, csrf, limits, session};
use crate::error::AppError;
use crate::problem::Problem;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupResponse {
    pub user: UserOut,
    pub organisation: OrgSummary,
    /// Send it as `X-CSRF-Token` with unsafe requests made with the session cookie.
    pub csrf_token: String,
}

/// Create a user, their organisation and the owner membership; signs in. A taken email is a
/// 409 on `email`.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupInput,
    security(()),
    responses((status = 201, body = SignupResponse)))]
pub async fn signup(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Json(input): Json<SignupInput>,
) -> Result<Response, AppError> {
    limits::check_signup(&app, &ip.to_string()).await?;
    let done = accounts::signup::signup(&app, input, Some(ip.to_string())).await?;
    let body = SignupResponse {
        user: (&done.user).into(),
        organisation: (&done.org).into(),
        csrf_token: done.session.csrf_token.clone(),
    };
    Ok((
        StatusCode::CREATED,
        session::set_cookies(&app, jar, &done.session),
        Json(body),
    )
        .into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginInput {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 256)]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub user: UserOut,
    pub organisations: Vec<OrgWithRole>,
    pub csrf_token: String,
}

impl SessionResponse {
    /// A session just started for `user`: who they are, their organisations, the CSRF token,
    /// and the cookies that carry the session.
    pub async fn started(
        app: &AppState,
        jar: CookieJar,
        user: &User,
        new: &session::NewSession,
    ) -> Result<Response, AppError> {
        let organisations = orgs::of_user(&app.db, user.id).await?;
        let body = Self {
            user: user.into(),
            organisations: organisations.iter().map(Into::into).collect(),
            csrf_token: new.csrf_token.clone(),
        };
        Ok((session::set_cookies(app, jar, new), Json(body)).into_response())
    }
}

/// Sign in. Any wrong email or password gets the same 401. Signing in again ends the session
/// the browser held before.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginInput,
    security(()),
    responses((status = 200, body = SessionResponse),
        (status = 401, description = "Wrong email or password (one answer for both)", body = Problem)))]
pub async fn login(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Json(input): Json<LoginInput>,
) -> Result<Response, AppError> {
    let previous = session::hash_from_jar(&app, &jar);
    let ip = ip.to_string();
    let attempt = accounts::sessions::login(
        &app,
        &input.email,
        &input.password,
        &ip,
        previous.as_deref(),
    );
    let signed_in = match attempt.await {
        Err(AppError::Unauthorized) => {
            return Ok(Problem::new(StatusCode::UNAUTHORIZED)
                .detail("Email or password is incorrect.")
                .into_response());
        }
        other => other?,
    };
    SessionResponse::started(&app, jar, &signed_in.user, &signed_in.session).await
}

/// Sign out: the session is destroyed on the server.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    jar: CookieJar,
) -> Result<Response, AppError> {
    if let Some(s) = &auth.session {
        accounts::sessions::logout(&app, &auth.user, &s.id_hash.0, Some(ip.to_string())).await?;
    }
    Ok((StatusCode::NO_CONTENT, session::clear_cookies(&app, jar)).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    pub user: UserOut,
    pub organisations: Vec<OrgWithRole>,
    /// A CSRF token for this session (absent for API-token callers, who need none).
    pub csrf_token: Option<String>,
    pub is_platform_admin: bool,
}

/// The signed-in user and their organisations.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = MeResponse)))]
pub async fn me(
    State(app): State<AppState>,
    auth: Authenticated,
) -> Result<Json<MeResponse>, AppError> {
    let organisations = orgs::of_user(&app.db, auth.user.id).await?;
    Ok(Json(MeResponse {
        user: (&auth.user).into(),
        organisations: organisations.iter().map(Into::into).collect(),
        csrf_token: auth
            .session
            .as_ref()
            .map(|s| csrf::token_for(app.config.secret_key.as_bytes(), &s.id_hash.0)),
        is_platform_admin: auth.user.is_platform_admin,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    #[schema(max_length = 256)]
    pub current_password: String,
    #[schema(min_length = 10, max_length = 256)]
    pub new_password: String,
    /// Also revoke every API token of the user (default false).
    #[serde(default)]
    pub revoke_tokens: bool,
}

/// Change the password; every other session of the user ends, and with `revoke_tokens` every
/// API token too. The current password is checked under the sign-in lockout (429).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204)))]
pub async fn change_password(
    State(app): State<AppState>,
    auth: Authenticated,
    ip: ClientIp,
    Json(input): Json<PasswordChange>,
) -> Result<StatusCode, AppError> {
    let this_session = auth.session.as_ref().map(|s| s.id_hash.0.as_str());
    accounts::sessions::change_own_password(
        &app,
        &auth.user,
        this_session,
        &input.current_password,
        &input.new_password,
        input.revoke_tokens,
        &ip.to_string(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
