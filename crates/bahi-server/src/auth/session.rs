//! Browser sessions: a random token in an `HttpOnly; SameSite=Lax` cookie (`Secure` and the
//! `__Host-` prefix over https), its hash in the database, idle and absolute timeouts, a new id
//! at every sign-in, destroyed server-side at sign-out.

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use bahi_store::WriteTx;
use bahi_store::identity::sessions::{self, Session};
use bahi_store::identity::{UserId, now};

use super::{csrf, random_secret, secret_hash};
use crate::error::AppError;
use crate::state::AppState;

/// A session just started: the cookie value and the CSRF token bound to it.
pub struct NewSession {
    pub token: String,
    pub id_hash: String,
    pub csrf_token: String,
}

fn https(app: &AppState) -> bool {
    app.config.public_url.scheme() == "https"
}

#[must_use]
pub fn cookie_name(app: &AppState) -> &'static str {
    if https(app) {
        "__Host-bahi_session"
    } else {
        "bahi_session"
    }
}

/// The readable cookie carrying the CSRF token, for scripts that double-submit it.
#[must_use]
pub fn csrf_cookie_name(app: &AppState) -> &'static str {
    if https(app) {
        "__Host-bahi_csrf"
    } else {
        "bahi_csrf"
    }
}

/// The session token the request carries, if any.
#[must_use]
pub fn token_from(app: &AppState, headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(cookie_name(app))
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

/// The stored hash of the session the browser holds, if any (to end it at a new sign-in).
#[must_use]
pub fn hash_from_jar(app: &AppState, jar: &CookieJar) -> Option<String> {
    jar.get(cookie_name(app))
        .map(|c| c.value())
        .filter(|v| !v.is_empty())
        .map(secret_hash)
}

/// Starts a session for `user` inside `tx` (so it commits with the sign-in's audit event).
pub async fn start(app: &AppState, tx: &mut WriteTx, user: UserId) -> Result<NewSession, AppError> {
    let token = random_secret(32);
    let id_hash = secret_hash(&token);
    let absolute =
        time::Duration::try_from(app.config.session_absolute).unwrap_or(time::Duration::hours(12));
    sessions::create(tx, &id_hash, user, absolute).await?;
    let csrf_token = csrf::token_for(app.config.secret_key.as_bytes(), &id_hash);
    Ok(NewSession {
        token,
        id_hash,
        csrf_token,
    })
}

fn base_cookie(
    app: &AppState,
    name: &'static str,
    value: String,
    http_only: bool,
) -> Cookie<'static> {
    let mut cookie = Cookie::new(name, value);
    cookie.set_path("/");
    cookie.set_http_only(http_only);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_secure(app.config.secure_cookies || https(app));
    cookie
}

/// Adds the session and CSRF cookies. They are session cookies in the browser's sense; the
/// server enforces the timeouts.
pub fn set_cookies(app: &AppState, jar: CookieJar, new: &NewSession) -> CookieJar {
    jar.add(base_cookie(app, cookie_name(app), new.token.clone(), true))
        .add(base_cookie(
            app,
            csrf_cookie_name(app),
            new.csrf_token.clone(),
            false,
        ))
}

pub fn clear_cookies(app: &AppState, jar: CookieJar) -> CookieJar {
    jar.remove(base_cookie(app, cookie_name(app), String::new(), true))
        .remove(base_cookie(
            app,
            csrf_cookie_name(app),
            String::new(),
            false,
        ))
}

/// The live session for a cookie token. Expired sessions (idle or absolute) are deleted.
pub async fn load(app: &AppState, token: &str) -> Result<Option<Session>, AppError> {
    let id_hash = secret_hash(token);
    // Now and then, clear out sessions nobody can use any more (outside any write transaction:
    // on SQLite a second writer would wait for the first).
    if rand::random::<u8>() == 0 {
        sessions::delete_expired(&app.db).await?;
    }
    let Some(session) = sessions::get(&app.db, &id_hash).await? else {
        return Ok(None);
    };
    let now = now();
    let idle =
        time::Duration::try_from(app.config.session_idle).unwrap_or(time::Duration::hours(2));
    if now >= session.expires_at || now - session.last_seen_at >= idle {
        sessions::delete(&app.db, &id_hash).await?;
        return Ok(None);
    }
    // Writing on every request would serialise SQLite readers behind one writer for nothing.
    if now - session.last_seen_at >= time::Duration::minutes(1) {
        sessions::touch(&app.db, &id_hash).await?;
    }
    Ok(Some(session))
}
