//! CSRF protection for cookie-authenticated unsafe requests (DESIGN.md §7): a session-bound,
//! signed double-submit token (OWASP's "signed double-submit cookie") in the `X-CSRF-Token`
//! header or a `csrf_token` form field, plus an Origin / `Sec-Fetch-Site` check. Requests with a
//! bearer token carry no ambient credentials and are exempt.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::{secret_hash, session};
use crate::middleware::MAX_BODY_BYTES;
use crate::problem::Problem;
use crate::state::AppState;

pub const HEADER: &str = "x-csrf-token";
pub const FORM_FIELD: &str = "csrf_token";
const NONCE: usize = 16;

fn keyed(secret: &[u8], session_id_hash: &str, nonce: &[u8]) -> Hmac<Sha256> {
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(b"bahi-csrf-v1\0");
    mac.update(session_id_hash.as_bytes());
    mac.update(b"\0");
    mac.update(nonce);
    mac
}

/// A fresh token bound to the session: a random nonce and its MAC.
#[must_use]
pub fn token_for(secret: &[u8], session_id_hash: &str) -> String {
    let mut nonce = [0u8; NONCE];
    rand::rng().fill_bytes(&mut nonce);
    let mut raw = nonce.to_vec();
    raw.extend(
        keyed(secret, session_id_hash, &nonce)
            .finalize()
            .into_bytes(),
    );
    URL_SAFE_NO_PAD.encode(raw)
}

#[must_use]
pub fn verify(secret: &[u8], session_id_hash: &str, token: &str) -> bool {
    let Ok(raw) = URL_SAFE_NO_PAD.decode(token.trim()) else {
        return false;
    };
    if raw.len() <= NONCE {
        return false;
    }
    let (nonce, given) = raw.split_at(NONCE);
    keyed(secret, session_id_hash, nonce)
        .verify_slice(given)
        .is_ok()
}

/// Paths that start a session and so cannot carry a token bound to one yet. They still get the
/// Origin check, which stops cross-site sign-in forgery.
fn starts_a_session(path: &str) -> bool {
    matches!(
        path,
        "/api/v1/auth/login" | "/api/v1/auth/signup" | "/login" | "/signup"
    ) || (path.starts_with("/api/v1/invitations/") && path.ends_with("/accept"))
        || path.starts_with("/invitations/")
}

fn refuse(path: &str, why: &str) -> Response {
    tracing::warn!(reason = why, "CSRF check failed");
    let problem = Problem::new(StatusCode::FORBIDDEN).detail(format!("Request refused: {why}."));
    if path.starts_with("/api") {
        problem.into_response()
    } else {
        (StatusCode::FORBIDDEN, axum::response::Html(format!(
            "<!doctype html><title>Request refused</title><h1>Request refused</h1><p>{why}. Go back, reload the page and try again.</p>"
        )))
            .into_response()
    }
}

fn same_origin(app: &AppState, headers: &HeaderMap) -> Result<(), &'static str> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err("it came from another site");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let public = app.config.public_url.origin().ascii_serialization();
    let own_host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|host| {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        });
    if origin == public || own_host || app.config.allowed_origins.iter().any(|o| o == origin) {
        Ok(())
    } else {
        Err("its origin is not this site")
    }
}

/// The middleware. Reads a form body (to find `csrf_token`) and puts it back for the handler.
pub async fn guard(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) {
        return next.run(request).await;
    }
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "));
    if bearer {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    if let Err(why) = same_origin(&app, request.headers()) {
        return refuse(&path, why);
    }
    let Some(session_token) = session::token_from(&app, request.headers()) else {
        return next.run(request).await;
    };
    if starts_a_session(&path) {
        return next.run(request).await;
    }
    let id_hash = secret_hash(&session_token);
    let secret = app.config.secret_key.as_bytes();
    if let Some(token) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if verify(secret, &id_hash, token) {
            next.run(request).await
        } else {
            refuse(&path, "the CSRF token is wrong")
        };
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return refuse(&path, "the CSRF token is missing");
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let token = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == FORM_FIELD)
        .map(|(_, v)| v.into_owned());
    match token {
        Some(t) if verify(secret, &id_hash, &t) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Some(_) => refuse(&path, "the CSRF token is wrong"),
        None => refuse(&path, "the CSRF token is missing"),
    }
}
