//! Authorisation in the handler's signature (STYLE.md): a handler that takes `OrgMember<Admin>`
//! cannot run for anyone less than an admin of the organisation in its path, and one that takes
//! nothing of the kind cannot reach organisation data.

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header;
use axum::http::request::Parts;
use bahi_store::identity::orgs::{self, Membership};
use bahi_store::identity::sessions::Session;
use bahi_store::identity::tokens;
use bahi_store::identity::users::{self, User};
use bahi_store::identity::{OrgId, Role, TokenId};

use super::{api_token, secret_hash, session};
use crate::error::AppError;
use crate::state::AppState;

/// A signed-in caller: by session cookie or by API token.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub session: Option<Session>,
    pub token: Option<TokenId>,
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(found) = parts.extensions.get::<Self>() {
            return Ok(found.clone());
        }
        let found = authenticate(parts, app).await?;
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// Pages that work signed in or not take `Option<Authenticated>`.
impl axum::extract::OptionalFromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <Self as FromRequestParts<AppState>>::from_request_parts(parts, app).await {
            Ok(found) => Ok(Some(found)),
            Err(AppError::Unauthorized) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

async fn authenticate(parts: &Parts, app: &AppState) -> Result<Authenticated, AppError> {
    let bearer = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.get(..7)
                .filter(|p| p.eq_ignore_ascii_case("bearer "))
                .map(|_| v[7..].trim())
        });
    if let Some(token) = bearer {
        if !token.starts_with(api_token::PREFIX) {
            return Err(AppError::Unauthorized);
        }
        let Some(found) = tokens::by_hash(&app.db, &secret_hash(token)).await? else {
            return Err(AppError::Unauthorized);
        };
        let user = users::get(&app.db, found.user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        // Recorded to the minute: a write per API call would queue every reader behind SQLite's writer.
        let stale = found
            .last_used_at
            .is_none_or(|t| bahi_store::identity::now() - t >= time::Duration::minutes(1));
        if stale {
            tokens::mark_used(&app.db, found.id).await?;
        }
        return Ok(Authenticated {
            user,
            session: None,
            token: Some(found.id),
        });
    }
    let token = session::token_from(app, &parts.headers).ok_or(AppError::Unauthorized)?;
    let live = session::load(app, &token)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let user = users::get(&app.db, live.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(Authenticated {
        user,
        session: Some(live),
        token: None,
    })
}

/// The least role a handler accepts.
pub trait MinimumRole: Send + Sync {
    const ROLE: Role;
}

pub struct Owner;
pub struct Admin;
pub struct Accountant;
pub struct Viewer;

impl MinimumRole for Owner {
    const ROLE: Role = Role::Owner;
}
impl MinimumRole for Admin {
    const ROLE: Role = Role::Admin;
}
impl MinimumRole for Accountant {
    const ROLE: Role = Role::Accountant;
}
impl MinimumRole for Viewer {
    const ROLE: Role = Role::Viewer;
}

/// A member of the organisation named by the `{org_id}` path segment, with at least role `R`.
/// Not a member (or no such organisation): 404, never a 403 that would confirm it exists.
/// A suspended organisation: 403.
pub struct OrgMember<R: MinimumRole> {
    pub auth: Authenticated,
    pub org_id: OrgId,
    pub org: Membership,
    pub role: Role,
    _role: PhantomData<R>,
}

impl<R: MinimumRole> OrgMember<R> {
    #[must_use]
    pub fn user(&self) -> &User {
        &self.auth.user
    }
}

impl<R: MinimumRole> FromRequestParts<AppState> for OrgMember<R> {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let auth = Authenticated::from_request_parts(parts, app).await?;
        let params = RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|_| AppError::NotFound)?;
        let org_id: OrgId = params
            .iter()
            .find(|(name, _)| *name == "org_id")
            .ok_or(AppError::NotFound)?
            .1
            .parse()
            .map_err(|_| {
                AppError::BadRequest(
                    "`org_id` in the address must be an id such as 0193a2b4-7c1d-7e2f-8a9b-0c1d2e3f4a5b."
                        .into(),
                )
            })?;
        let org = orgs::membership(&app.db, org_id, auth.user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if org.suspended_at.is_some() {
            return Err(AppError::Forbidden(
                "This organisation is suspended. Contact the platform administrator.".into(),
            ));
        }
        let role = org.role;
        if !role.at_least(R::ROLE) {
            return Err(AppError::Forbidden(format!(
                "This needs the {} role or higher; you are {}.",
                R::ROLE,
                role
            )));
        }
        Ok(Self {
            auth,
            org_id,
            org,
            role,
            _role: PhantomData,
        })
    }
}

/// A platform administrator (a flag on the user, separate from organisation roles).
pub struct PlatformAdmin(pub Authenticated);

impl FromRequestParts<AppState> for PlatformAdmin {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let auth = Authenticated::from_request_parts(parts, app).await?;
        if auth.user.is_platform_admin {
            Ok(Self(auth))
        } else {
            Err(AppError::Forbidden(
                "Only platform administrators may do this.".into(),
            ))
        }
    }
}
