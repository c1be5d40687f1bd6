//! Sign-up, sign-in, sign-out, `me` and password changes (API.md, Authentication).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use bahi_app::identity::{orgs, profile, resets, sessions, signup};
use bahi_store::identity::users::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::{LanguageCode, OrgInputBody, OrgSummary, OrgWithRole, UserOut};
use super::problem::Problem;
use crate::http::client_ip::ClientIp;
use crate::http::extract::Json;
use crate::http::{AskedLanguage, HttpError, Signed, cookies, csrf};
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SignupInput {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(max_length = 254, format = "email")]
    pub email: String,
    /// At least 10 characters, at most 256; no composition rules.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    pub organisation: OrgInputBody,
    /// The language of the user's pages and mail; from `Accept-Language` when left out.
    pub language: Option<LanguageCode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupResponse {
    pub user: UserOut,
    pub organisation: OrgSummary,
    /// Send it as `X-CSRF-Token` with unsafe requests made with the session cookie.
    pub csrf_token: String,
}

/// Sets the cookies of a session just started and returns its CSRF token.
pub(crate) fn start_session(
    app: &AppState,
    jar: CookieJar,
    new: &sessions::NewSession,
) -> (CookieJar, String) {
    let csrf = csrf::token_for(app, &new.id_hash);
    (cookies::set(app, jar, &new.token, &csrf), csrf)
}

/// Create a user, their organisation and the owner membership; signs in. A taken email is a
/// 409 on `email`.
#[utoipa::path(post, path = "/v1/auth/signup", tag = "auth", request_body = SignupInput,
    security(()),
    responses((status = 201, body = SignupResponse), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn signup(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    asked: AskedLanguage,
    Json(input): Json<SignupInput>,
) -> Result<Response, HttpError> {
    let input = signup::SignupInput {
        name: input.name,
        email: input.email,
        password: input.password,
        organisation: input.organisation.into(),
        language: input.language.map_or(asked.0, Into::into),
    };
    let done = signup::signup(&app.services, input, &ip.to_string()).await?;
    let (jar, csrf_token) = start_session(&app, jar, &done.session);
    let body = SignupResponse {
        user: (&done.user).into(),
        organisation: (&done.org).into(),
        csrf_token,
    };
    Ok((StatusCode::CREATED, jar, Json(body)).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginInput {
    #[schema(max_length = 254)]
    pub email: String,
    #[schema(max_length = 256)]
    pub password: String,
    /// For an account with two-factor sign-in: the authenticator's six digits, or a recovery
    /// code. Without it such an account gets 401 `second-factor-required`.
    #[schema(max_length = 32)]
    pub code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub user: UserOut,
    pub organisations: Vec<OrgWithRole>,
    pub csrf_token: String,
}

/// Sign in. Any wrong email or password gets the same 401. Signing in again ends the session
/// the browser held before.
#[utoipa::path(post, path = "/v1/auth/login", tag = "auth", request_body = LoginInput,
    security(()),
    responses((status = 200, body = SessionResponse),
        (status = 401, description = "Wrong email or password (one answer for both)", body = Problem), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn login(
    State(app): State<AppState>,
    ip: ClientIp,
    jar: CookieJar,
    Json(input): Json<LoginInput>,
) -> Result<Response, HttpError> {
    let previous = cookies::session_hash(&app, &jar);
    let ip = ip.to_string();
    let attempt = sessions::login(
        &app.services,
        &input.email,
        &input.password,
        &ip,
        previous.as_deref(),
        input.code.as_deref(),
    );
    let signed_in = match attempt.await {
        Err(bahi_app::Error::Unauthenticated) => return Err(HttpError::WrongCredentials),
        Ok(sessions::Login::SecondFactor { .. }) => return Err(HttpError::SecondFactorNeeded),
        Ok(sessions::Login::SignedIn(signed_in)) => signed_in,
        Err(other) => return Err(other.into()),
    };
    let (jar, csrf_token) = start_session(&app, jar, &signed_in.session);
    let body = session_body(&app, &signed_in.user, csrf_token).await?;
    Ok((jar, Json(body)).into_response())
}

async fn session_body(
    app: &AppState,
    user: &User,
    csrf_token: String,
) -> Result<SessionResponse, HttpError> {
    let organisations = orgs::of_user(&app.services, user.id).await?;
    Ok(SessionResponse {
        user: user.into(),
        organisations: organisations.iter().map(Into::into).collect(),
        csrf_token,
    })
}

/// Sign out: the session is destroyed on the server.
#[utoipa::path(post, path = "/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(app): State<AppState>,
    Signed(actor): Signed,
    jar: CookieJar,
) -> Result<Response, HttpError> {
    sessions::logout(&app.services, &actor).await?;
    Ok((StatusCode::NO_CONTENT, cookies::clear(&app, jar)).into_response())
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
#[utoipa::path(get, path = "/v1/me", tag = "auth", responses((status = 200, body = MeResponse)))]
pub async fn me(
    State(app): State<AppState>,
    Signed(actor): Signed,
) -> Result<Json<MeResponse>, HttpError> {
    let organisations = orgs::of_user(&app.services, actor.user.id).await?;
    Ok(Json(MeResponse {
        user: (&actor.user).into(),
        organisations: organisations.iter().map(Into::into).collect(),
        csrf_token: actor.session().map(|s| csrf::token_for(&app, s)),
        is_platform_admin: actor.user.is_platform_admin,
    }))
}

/// The user's own preferences; a field left out keeps its value.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Preferences {
    pub language: Option<LanguageCode>,
}

/// Change the user's preferences (the language of their pages and mail).
#[utoipa::path(patch, path = "/v1/me", tag = "auth", request_body = Preferences,
    responses((status = 200, body = UserOut)))]
pub async fn update_me(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Json(input): Json<Preferences>,
) -> Result<Json<UserOut>, HttpError> {
    let mut user = actor.user.clone();
    if let Some(language) = input.language {
        profile::set_language(&app.services, &actor, language.into()).await?;
        user.language = language.into();
    }
    Ok(Json((&user).into()))
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
#[utoipa::path(post, path = "/v1/me/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204), (status = 429, description = "Too many attempts; wait `Retry-After` seconds", body = Problem)))]
pub async fn change_password(
    State(app): State<AppState>,
    Signed(actor): Signed,
    Json(input): Json<PasswordChange>,
) -> Result<StatusCode, HttpError> {
    sessions::change_own_password(
        &app.services,
        &actor,
        &input.current_password,
        &input.new_password,
        input.revoke_tokens,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequest {
    #[schema(max_length = 254)]
    pub email: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResetRequested {
    /// The same words whether or not the address has an account.
    pub message: String,
}

/// E-mail a single-use link (valid for 30 minutes) to choose a new password. The answer is the
/// same whether or not the address has an account. 409 while mail is not configured (an
/// operator resets with `bahi admin reset-password`); 429 after a few asks for one address.
#[utoipa::path(post, path = "/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202, body = ResetRequested),
        (status = 429, description = "Too many asks; wait `Retry-After` seconds", body = Problem)))]
pub async fn request_reset(
    State(app): State<AppState>,
    ip: ClientIp,
    Json(input): Json<ResetRequest>,
) -> Result<(StatusCode, Json<ResetRequested>), HttpError> {
    resets::request(&app.services, &input.email, &ip.to_string()).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(ResetRequested {
            message:
                "If the address has an account, a link to choose a new password is on its way."
                    .to_owned(),
        }),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetCompletion {
    /// The last part of the e-mailed link.
    #[schema(max_length = 100)]
    pub token: String,
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
}

/// Choose a new password with an e-mailed link's token: once, within 30 minutes (409 after);
/// every session of the account ends.
#[utoipa::path(post, path = "/v1/auth/password-reset/complete", tag = "auth", request_body = ResetCompletion,
    responses((status = 204)))]
pub async fn complete_reset(
    State(app): State<AppState>,
    ip: ClientIp,
    Json(input): Json<ResetCompletion>,
) -> Result<StatusCode, HttpError> {
    resets::complete(
        &app.services,
        &input.token,
        &input.password,
        &ip.to_string(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
