//! How pages say what went wrong: a page in the signed-in frame, with a way back to the business
//! the address belonged to; or, for "not signed in", a trip to the sign-in page and back (saying
//! so when a session timed out). A layer on the web router renders each [`HttpError`] a response
//! carries, and turns bare error statuses (405, 408, 413, a caught panic) into the same page.

use askama::Template;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};

use super::chrome::{Chrome, Frame};
use super::respond::render;
use crate::http::{CarriedError, HttpError};
use crate::i18n::{self, Lang};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    title: String,
    detail: String,
    /// The business the address belonged to, when the reader is one of its members.
    back_to: Option<(String, String)>,
}

fn title_id(status: StatusCode) -> &'static str {
    match status {
        StatusCode::FORBIDDEN => "error-title-forbidden",
        StatusCode::NOT_FOUND => "error-title-not-found",
        StatusCode::CONFLICT => "error-title-conflict",
        StatusCode::TOO_MANY_REQUESTS => "error-title-too-many",
        StatusCode::SERVICE_UNAVAILABLE => "error-title-unavailable",
        s if s.is_server_error() => "error-title-server",
        _ => "error-title-other",
    }
}

/// What the page says under its title.
fn detail(lang: Lang, error: Option<&HttpError>, status: StatusCode) -> String {
    let say = |m: &Message| i18n::say(lang, m);
    match error {
        Some(HttpError::App(Error::Forbidden(m) | Error::Conflict(m))) => say(m),
        Some(HttpError::App(Error::RateLimited { retry_after_secs })) => {
            say(&Message::new("problem-too-many").arg("minutes", (retry_after_secs + 59) / 60))
        }
        Some(HttpError::App(Error::Unavailable(_))) => say(&Message::new("problem-unavailable")),
        Some(HttpError::Upgrading) => say(&Message::new("problem-upgrading")),
        Some(HttpError::BadRequest(m)) => say(m),
        _ if status == StatusCode::NOT_FOUND => say(&Message::new("error-not-found")),
        _ => say(&Message::new("error-try-again")),
    }
}

/// `/orgs/{id}/…` → `id`.
fn org_in(path: &str) -> Option<&str> {
    path.strip_prefix("/orgs/")?.split('/').next()
}

/// The web router's error layer.
pub async fn layer(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let uri = request.uri().clone();
    let (mut parts, body) = request.into_parts();
    // The frame (who, which language) is resolved once and cached for the handler.
    let frame = match Frame::from_request_parts(&mut parts, &app).await {
        Ok(frame) => frame,
        Err(_) => Frame::anonymous(&parts),
    };
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let error = response
        .extensions_mut()
        .remove::<CarriedError>()
        .map(|CarriedError(e)| e);
    let status = response.status();
    if error.is_none() && !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    if error.is_none()
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"))
    {
        // A page the handler rendered itself (a form with its errors).
        return response;
    }
    if let Some(e) = &error {
        e.log();
    }
    if status == StatusCode::UNAUTHORIZED {
        let back = uri
            .path_and_query()
            .map_or_else(|| uri.path().to_owned(), ToString::to_string);
        let next_param: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
        let expired = if frame.session_expired {
            "&expired=1"
        } else {
            ""
        };
        return axum::response::Redirect::to(&format!("/login?next={next_param}{expired}"))
            .into_response();
    }
    let mut chrome = Chrome::new(&app, &frame, "error")
        .await
        .unwrap_or_else(|_| fallback_chrome(&frame));
    if let Some(id) = org_in(uri.path()) {
        chrome = chrome.within(id);
    }
    // Not back into a business that is closed to its members.
    let suspended = matches!(error.as_deref(),
        Some(HttpError::App(Error::Forbidden(m))) if m.id == "org-suspended");
    let back_to = chrome
        .current
        .as_ref()
        .filter(|_| !suspended)
        .map(|o| (o.id.clone(), o.name.clone()));
    let page = ErrorPage {
        title: i18n::text(frame.lang, title_id(status), &[]),
        detail: detail(frame.lang, error.as_deref(), status),
        back_to,
        chrome,
    };
    let mut page = render(status, &page);
    let retry = error
        .as_deref()
        .and_then(HttpError::retry_after)
        .or_else(|| {
            response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()?.parse().ok())
        });
    if let Some(seconds) = retry
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        page.headers_mut().insert(header::RETRY_AFTER, value);
    }
    page
}

/// The frame of an error page when even the user's businesses cannot be read (the database is
/// down): the page still says what happened, without the switcher.
fn fallback_chrome(frame: &Frame) -> Chrome {
    Chrome {
        assets: super::Assets::get(),
        lang: frame.lang,
        user_name: None,
        is_admin: false,
        csrf: String::new(),
        orgs: Vec::new(),
        current: None,
        section: "error",
        notice: None,
        path: frame.path.clone(),
    }
}

/// Answers addresses that lead nowhere (the layer renders the page).
pub async fn not_found() -> HttpError {
    HttpError::App(Error::NotFound)
}
