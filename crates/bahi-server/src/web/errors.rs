//! How pages say what went wrong: a page in the signed-in frame (so the person keeps their
//! header and a way back), or for "not signed in" a trip to the sign-in page and back. A layer on
//! the web router renders each [`HttpError`] a response carries, and turns bare error statuses
//! (405, 408, 413, a caught panic) into the same page.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};

use super::chrome::Chrome;
use super::respond::render;
use crate::http::caller::{Caller, caller};
use crate::http::{CarriedError, HttpError};
use crate::i18n::{Lang, say};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    title: &'a str,
    detail: &'a str,
}

fn title(status: StatusCode) -> &'static str {
    match status {
        StatusCode::FORBIDDEN => "Not allowed",
        StatusCode::NOT_FOUND => "Page not found",
        StatusCode::CONFLICT => "That cannot be done now",
        StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
        StatusCode::SERVICE_UNAVAILABLE => "bahi is not available right now",
        s if s.is_server_error() => "Something went wrong",
        _ => "That did not work",
    }
}

/// What the page says under its title.
fn detail(error: Option<&HttpError>, status: StatusCode) -> String {
    let words = |message: Message| say(Lang::En, &message);
    match error {
        Some(HttpError::App(Error::Forbidden(m) | Error::Conflict(m))) => say(Lang::En, m),
        Some(HttpError::App(Error::RateLimited { retry_after_secs })) => say(
            Lang::En,
            &Message::new("problem-too-many").arg("minutes", (retry_after_secs + 59) / 60),
        ),
        Some(HttpError::App(Error::Unavailable(_))) => words(Message::new("problem-unavailable")),
        Some(HttpError::Upgrading) => words(Message::new("problem-upgrading")),
        Some(HttpError::BadRequest(m)) => say(Lang::En, m),
        _ if status == StatusCode::NOT_FOUND => {
            "There is no page at this address. It may have moved, or the link may be mistyped."
                .to_owned()
        }
        _ => "Go back and try again.".to_owned(),
    }
}

/// The web router's error layer.
pub async fn layer(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let uri = request.uri().clone();
    let (mut parts, body) = request.into_parts();
    // Who is calling is needed for the frame of an error page; resolved once, cached for the
    // handler in the request's extensions.
    let who = caller(&mut parts, &app).await.ok();
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
        return axum::response::Redirect::to(&format!("/login?next={next_param}")).into_response();
    }
    let chrome = match &who {
        Some(Caller::Signed(actor)) => Chrome::for_user(&app, actor, None)
            .await
            .unwrap_or_else(|_| Chrome::anonymous()),
        _ => Chrome::anonymous(),
    };
    let detail = detail(error.as_deref(), status);
    let mut page = render(
        status,
        &ErrorPage {
            chrome,
            title: title(status),
            detail: &detail,
        },
    );
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

/// Answers addresses that lead nowhere (the layer renders the page).
pub async fn not_found() -> HttpError {
    HttpError::App(Error::NotFound)
}
