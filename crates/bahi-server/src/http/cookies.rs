//! The two cookies: the session (`HttpOnly; SameSite=Lax`; `Secure` and the `__Host-` prefix over
//! https) and the readable CSRF cookie scripts double-submit. They are session cookies in the
//! browser's sense; the server enforces the timeouts.

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::state::AppState;

fn https(app: &AppState) -> bool {
    app.config.public_url.scheme() == "https"
}

#[must_use]
pub fn session_name(app: &AppState) -> &'static str {
    if https(app) {
        "__Host-bahi_session"
    } else {
        "bahi_session"
    }
}

#[must_use]
fn csrf_name(app: &AppState) -> &'static str {
    if https(app) {
        "__Host-bahi_csrf"
    } else {
        "bahi_csrf"
    }
}

/// The session token the request carries, if any.
#[must_use]
pub fn session_token(app: &AppState, headers: &HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(session_name(app))
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

fn cookie(app: &AppState, name: &'static str, value: String, http_only: bool) -> Cookie<'static> {
    let mut cookie = Cookie::new(name, value);
    cookie.set_path("/");
    cookie.set_http_only(http_only);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_secure(app.config.secure_cookies || https(app));
    cookie
}

/// Sets the session cookie (`token`) and the CSRF cookie (`csrf`).
pub fn set(app: &AppState, jar: CookieJar, token: &str, csrf: &str) -> CookieJar {
    jar.add(cookie(app, session_name(app), token.to_owned(), true))
        .add(cookie(app, csrf_name(app), csrf.to_owned(), false))
}

pub fn clear(app: &AppState, jar: CookieJar) -> CookieJar {
    jar.remove(cookie(app, session_name(app), String::new(), true))
        .remove(cookie(app, csrf_name(app), String::new(), false))
}

/// The stored hash of the session the browser holds, if any (to end it at a new sign-in).
#[must_use]
pub fn session_hash(app: &AppState, jar: &CookieJar) -> Option<String> {
    jar.get(session_name(app))
        .map(|c| c.value())
        .filter(|v| !v.is_empty())
        .map(bahi_app::secrets::secret_hash)
}

/// The cookie holding a sign-in's challenge while it waits for its second factor.
const CHALLENGE: &str = "bahi_sign_in_challenge";

/// Keeps a sign-in's challenge for the second-factor page (five minutes, like the challenge).
pub fn set_challenge(app: &AppState, jar: CookieJar, challenge: &str) -> CookieJar {
    let mut c = cookie(app, CHALLENGE, challenge.to_owned(), true);
    c.set_max_age(time::Duration::minutes(5));
    jar.add(c)
}

#[must_use]
pub fn challenge(jar: &CookieJar) -> Option<String> {
    jar.get(CHALLENGE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

pub fn clear_challenge(app: &AppState, jar: CookieJar) -> CookieJar {
    jar.remove(cookie(app, CHALLENGE, String::new(), true))
}
