//! Who is calling, and what a handler demands of them — in its signature (STYLE.md):
//! [`Signed`] is any signed-in caller; [`Member<R>`] a member of the organisation in the path
//! with at least role `R` (a [`bahi_app::OrgCtx<R>`], which the use cases take, so the API handler
//! and the page handler for one action ask for the same role or do not compile);
//! [`PlatformAdminCaller`] a platform administrator.
//!
//! The caller is resolved once per request (the session cookie, or `Authorization: Bearer`) and
//! kept in the request's extensions. Rejections are [`HttpError`]s, which each surface renders
//! its own way (a 401 page sends the browser to sign in).

use std::ops::Deref;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, RawPathParams};
use axum::http::header;
use axum::http::request::Parts;
use bahi_app::identity::sessions::{self, Resumed};
use bahi_app::identity::tokens;
use bahi_app::{Actor, Error, Message, MinimumRole, OrgCtx, PlatformAdmin, Via};
use bahi_store::identity::OrgId;

use super::HttpError;
use super::client_ip::ClientIp;
use super::cookies;
use crate::state::AppState;

/// The caller of this request.
#[derive(Debug, Clone)]
pub enum Caller {
    Anonymous {
        /// The browser held a session that has timed out (pages say so).
        session_expired: bool,
    },
    Signed(Actor),
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("bearer "))
        .map(|_| value[7..].trim())
}

/// Resolves (once) who is calling.
pub async fn caller(parts: &mut Parts, app: &AppState) -> Result<Caller, HttpError> {
    if let Some(found) = parts.extensions.get::<Caller>() {
        return Ok(found.clone());
    }
    let ip = Some(ClientIp::of(parts, app).to_string());
    let s = &app.services;
    let caller = if let Some(token) = bearer(parts) {
        match tokens::authenticate(s, token).await? {
            Some((token, user)) => Caller::Signed(Actor {
                user,
                ip,
                via: Via::Token { id: token },
            }),
            None => Caller::Anonymous {
                session_expired: false,
            },
        }
    } else if let Some(token) = cookies::session_token(app, &parts.headers) {
        match sessions::resume(s, &token).await? {
            Resumed::Live(live) => {
                let (session, user) = *live;
                Caller::Signed(Actor {
                    user,
                    ip,
                    via: Via::Session {
                        id_hash: session.id_hash.0,
                    },
                })
            }
            Resumed::Expired => Caller::Anonymous {
                session_expired: true,
            },
            Resumed::Unknown => Caller::Anonymous {
                session_expired: false,
            },
        }
    } else {
        Caller::Anonymous {
            session_expired: false,
        }
    };
    parts.extensions.insert(caller.clone());
    Ok(caller)
}

/// A signed-in caller: by session cookie or by API token.
#[derive(Debug, Clone)]
pub struct Signed(pub Actor);

impl Deref for Signed {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.0
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, HttpError> {
        match caller(parts, app).await? {
            Caller::Signed(actor) => Ok(Self(actor)),
            Caller::Anonymous { .. } => Err(Error::Unauthenticated.into()),
        }
    }
}

/// Handlers that work signed in or not take `Option<Signed>`.
impl OptionalFromRequestParts<AppState> for Signed {
    type Rejection = HttpError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Option<Self>, HttpError> {
        Ok(match caller(parts, app).await? {
            Caller::Signed(actor) => Some(Self(actor)),
            Caller::Anonymous { .. } => None,
        })
    }
}

/// A member of the organisation named by the `{org_id}` path segment, with at least role `R`.
/// Not a member (or no such organisation): 404, never a 403 that would confirm it exists. A
/// suspended organisation, or a lower role: 403.
pub struct Member<R: MinimumRole>(pub OrgCtx<R>);

impl<R: MinimumRole> Deref for Member<R> {
    type Target = OrgCtx<R>;

    fn deref(&self) -> &OrgCtx<R> {
        &self.0
    }
}

impl<R: MinimumRole> FromRequestParts<AppState> for Member<R> {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, HttpError> {
        let Signed(actor) =
            <Signed as FromRequestParts<AppState>>::from_request_parts(parts, app).await?;
        let params = RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|_| HttpError::App(Error::NotFound))?;
        let org_id: OrgId = params
            .iter()
            .find(|(name, _)| *name == "org_id")
            .ok_or(HttpError::App(Error::NotFound))?
            .1
            .parse()
            .map_err(|_| {
                HttpError::BadRequest(Message::new("problem-bad-id").arg("name", "org_id"))
            })?;
        Ok(Self(OrgCtx::authorise(&app.services, actor, org_id).await?))
    }
}

/// A platform administrator (a flag on the user, separate from organisation roles).
pub struct PlatformAdminCaller(pub PlatformAdmin);

impl Deref for PlatformAdminCaller {
    type Target = PlatformAdmin;

    fn deref(&self) -> &PlatformAdmin {
        &self.0
    }
}

impl FromRequestParts<AppState> for PlatformAdminCaller {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, HttpError> {
        let Signed(actor) =
            <Signed as FromRequestParts<AppState>>::from_request_parts(parts, app).await?;
        Ok(Self(PlatformAdmin::authorise(actor)?))
    }
}
