//! CSRF protection for cookie-authenticated unsafe requests (DESIGN.md §7): a session-bound,
//! signed double-submit token (OWASP's "signed double-submit cookie") in the `X-CSRF-Token`
//! header or a `csrf_token` form field, plus an Origin / `Sec-Fetch-Site` check. Requests with a
//! bearer token carry no ambient credentials and are exempt.
//!
//! Which check a route gets is decided where it is registered, not by a list of paths: routers
//! of ordinary routes take [`full`]; the routes that start a session (sign-in, sign-up) take
//! [`session_start`], the origin check alone, since no session exists to bind a token to yet;
//! webhooks (signed by their sender) will take neither.

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bahi_app::secrets::secret_hash;
use bahi_app::{Error, Message};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::{HttpError, cookies};
use crate::middleware::MAX_BODY_BYTES;
use crate::state::AppState;

pub const HEADER: &str = "x-csrf-token";
pub const FORM_FIELD: &str = "csrf_token";
const NONCE: usize = 16;

fn keyed(secret: &[u8], session_id_hash: &str, nonce: &[u8]) -> Hmac<Sha256> {
    // An HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(b"bahi-csrf-v1\0");
    mac.update(session_id_hash.as_bytes());
    mac.update(b"\0");
    mac.update(nonce);
    mac
}

/// A fresh token bound to the session: a random nonce and its MAC under the current key.
#[must_use]
pub fn token_for(app: &AppState, session_id_hash: &str) -> String {
    let mut nonce = [0u8; NONCE];
    rand::rng().fill_bytes(&mut nonce);
    let mut raw = nonce.to_vec();
    let secret = app.config.secret_key.as_bytes();
    raw.extend(
        keyed(secret, session_id_hash, &nonce)
            .finalize()
            .into_bytes(),
    );
    URL_SAFE_NO_PAD.encode(raw)
}

/// True when `token` was made for this session with the current key or one before it (a key
/// rotation does not refuse forms already on screen).
#[must_use]
pub fn verify(app: &AppState, session_id_hash: &str, token: &str) -> bool {
    let Ok(raw) = URL_SAFE_NO_PAD.decode(token.trim()) else {
        return false;
    };
    if raw.len() <= NONCE {
        return false;
    }
    let (nonce, given) = raw.split_at(NONCE);
    let config = &app.config;
    std::iter::once(&config.secret_key)
        .chain(&config.secret_key_previous)
        .any(|key| {
            keyed(key.as_bytes(), session_id_hash, nonce)
                .verify_slice(given)
                .is_ok()
        })
}

fn refuse(why: Message) -> Response {
    tracing::warn!(reason = why.id, "CSRF check failed");
    HttpError::App(Error::Forbidden(why)).into_response()
}

fn same_origin(app: &AppState, headers: &HeaderMap) -> Result<(), Message> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(Message::new("csrf-other-site"));
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
        Err(Message::new("csrf-other-origin"))
    }
}

fn is_safe(request: &Request) -> bool {
    matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

fn has_bearer(request: &Request) -> bool {
    request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case("bearer "))
}

/// The origin check alone, for routes that start a session.
pub async fn session_start(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if is_safe(&request) || has_bearer(&request) {
        return next.run(request).await;
    }
    if let Err(why) = same_origin(&app, request.headers()) {
        return refuse(why);
    }
    next.run(request).await
}

/// The `csrf_token` field of a multipart form, read from its buffered body.
async fn multipart_token(content_type: &str, bytes: axum::body::Bytes) -> Option<String> {
    let request = Request::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(bytes))
        .ok()?;
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(FORM_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

/// The origin check, and — when the request carries a session cookie — the token bound to that
/// session. Reads a form body (to find `csrf_token`) and puts it back for the handler.
pub async fn full(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if is_safe(&request) || has_bearer(&request) {
        return next.run(request).await;
    }
    if let Err(why) = same_origin(&app, request.headers()) {
        return refuse(why);
    }
    let Some(session_token) = cookies::session_token(&app, request.headers()) else {
        return next.run(request).await;
    };
    let id_hash = secret_hash(&session_token);
    if let Some(token) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if verify(&app, &id_hash, token) {
            next.run(request).await
        } else {
            refuse(Message::new("csrf-wrong"))
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    // A file upload (the logo) is a multipart form; its token is one of its fields.
    let is_upload = content_type.starts_with("multipart/form-data");
    if !is_form && !is_upload {
        return refuse(Message::new("csrf-missing"));
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return HttpError::PayloadTooLarge.into_response();
    };
    let token = if is_form {
        url::form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == FORM_FIELD)
            .map(|(_, v)| v.into_owned())
    } else {
        multipart_token(&content_type, bytes.clone()).await
    };
    match token {
        Some(t) if verify(&app, &id_hash, &t) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Some(_) => refuse(Message::new("csrf-wrong")),
        None => refuse(Message::new("csrf-missing")),
    }
}
