//! `Idempotency-Key` on creates (API.md, Conventions): a POST under an organisation that
//! carries the header is answered once; the same key with the same request gets the first
//! answer again (marked `Idempotent-Replayed: true`), with a different request a 409. Only
//! successful answers are kept (24 hours): a refused request may be corrected and sent again
//! with its key. A key is per organisation; its fingerprint covers the caller, the path and the
//! body.
//!
//! The key is reserved before the create runs and completed after it commits. Were the server
//! to die between the two, the key stays reserved and a retry is told the request is still in
//! progress (409) rather than creating a second invoice; it clears after a day.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message, OrgCtx, Viewer};
use bahi_store::idempotency::{self, Reservation};
use bahi_store::identity::OrgId;
use sha2::{Digest, Sha256};

use super::HttpError;
use super::caller::{Caller, caller};
use crate::middleware::MAX_BODY_BYTES;
use crate::state::AppState;

pub const HEADER: &str = "idempotency-key";
const MAX_KEY_LEN: usize = 255;

fn org_in(path: &str) -> Option<OrgId> {
    let mut segments = path.split('/');
    segments.find(|s| *s == "orgs")?;
    segments.next()?.parse().ok()
}

fn key_error() -> HttpError {
    HttpError::App(Error::field(
        "Idempotency-Key",
        Message::new("idempotency-key-invalid").arg("max", MAX_KEY_LEN),
    ))
}

pub async fn layer(State(app): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(HEADER) {
        return next.run(request).await;
    }
    match guarded(&app, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn guarded(app: &AppState, request: Request, next: Next) -> Result<Response, HttpError> {
    let (mut parts, body) = request.into_parts();
    let key = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| {
            !k.is_empty() && k.len() <= MAX_KEY_LEN && k.bytes().all(|b| b.is_ascii_graphic())
        })
        .ok_or_else(key_error)?
        .to_owned();
    let org = org_in(parts.uri.path());
    let actor = match caller(&mut parts, app).await? {
        Caller::Signed(actor) => Some(actor),
        Caller::Anonymous { .. } => None,
    };
    // Outside an organisation, or not a member of it: the handler answers as it would anyway.
    let (Some(org), Some(actor)) = (org, actor) else {
        return Ok(next.run(Request::from_parts(parts, body)).await);
    };
    let user = actor.user.id;
    if OrgCtx::<Viewer>::authorise(&app.services, actor, org)
        .await
        .is_err()
    {
        return Ok(next.run(Request::from_parts(parts, body)).await);
    }
    let bytes = to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| HttpError::PayloadTooLarge)?;
    let mut hash = Sha256::new();
    hash.update(user.0.as_bytes());
    hash.update(parts.uri.path().as_bytes());
    hash.update([0]);
    hash.update(&bytes);
    let fingerprint = hex::encode(hash.finalize());
    let db = &app.services.db;
    // Each through a write transaction: on SQLite it takes its turn with the other writers.
    let mut tx = db.begin_write().await?;
    let reservation = idempotency::reserve(&mut tx, org, &key, &fingerprint).await?;
    tx.commit().await?;
    match reservation {
        Reservation::Replay { status, body } => {
            let mut response =
                (StatusCode::from_u16(status).unwrap_or(StatusCode::OK), body).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
            Ok(response)
        }
        Reservation::Mismatch => Err(HttpError::App(Error::Conflict(Message::new(
            "idempotency-key-reused",
        )))),
        Reservation::InProgress => Err(HttpError::App(Error::Conflict(Message::new(
            "idempotency-key-in-progress",
        )))),
        Reservation::Reserved => {
            let response = next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
            if !response.status().is_success() {
                let mut tx = db.begin_write().await?;
                idempotency::release(&mut tx, org, &key).await?;
                tx.commit().await?;
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let bytes = to_bytes(body, usize::MAX)
                .await
                .map_err(|_| HttpError::App(Error::Internal("unreadable response".into())))?;
            let text = String::from_utf8_lossy(&bytes);
            let mut tx = db.begin_write().await?;
            idempotency::complete(&mut tx, org, &key, parts.status.as_u16(), &text).await?;
            tx.commit().await?;
            Ok(Response::from_parts(parts, Body::from(bytes)))
        }
    }
}
