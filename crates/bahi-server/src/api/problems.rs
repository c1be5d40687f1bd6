//! How the API says what went wrong: RFC 9457 problem+json, in English from the catalogue, with
//! `Retry-After` where waiting helps. A layer on the API router renders each [`HttpError`] a
//! response carries, and gives bare errors from the framework (405, 408, 413) the same shape.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bahi_app::{Error, Message};

use super::problem::{self, FieldError, Problem};
use crate::http::{CarriedError, HttpError};
use crate::i18n::{Lang, say};

fn en(message: &Message) -> String {
    say(Lang::En, message)
}

fn field_errors(errors: &[bahi_app::FieldError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| FieldError {
            field: e.field.clone(),
            message: en(&e.message),
        })
        .collect()
}

/// The problem document for an error.
#[must_use]
pub fn problem_of(error: &HttpError) -> Problem {
    let problem = Problem::new(error.status());
    let with = |message: Message| Problem::new(error.status()).detail(en(&message));
    match error {
        HttpError::App(e) => match e {
            Error::NotFound | Error::Store(_) | Error::Internal(_) => problem,
            Error::Unauthenticated => with(Message::new("problem-sign-in")),
            Error::Forbidden(m) | Error::Conflict(m) => problem.detail(en(m)),
            Error::Invalid(errors) => Problem {
                errors: field_errors(errors),
                ..with(Message::new("problem-fields"))
            },
            Error::Duplicate(field) => Problem {
                errors: field_errors(std::slice::from_ref(field)),
                ..with(Message::new("problem-duplicate"))
            },
            Error::RateLimited { retry_after_secs } => problem
                .detail(en(
                    &Message::new("problem-too-many").arg("minutes", (retry_after_secs + 59) / 60)
                )),
            Error::Unavailable(_) => with(Message::new("problem-unavailable")),
        },
        HttpError::BadRequest(m) => problem.detail(en(m)),
        HttpError::UnsupportedMediaType => with(Message::new("problem-not-json")),
        HttpError::PayloadTooLarge => problem,
        HttpError::WrongCredentials => with(Message::new("problem-wrong-credentials")),
        HttpError::SecondFactorNeeded => with(Message::new("problem-second-factor")),
        HttpError::Upgrading => with(Message::new("problem-upgrading")),
    }
}

/// The response for an error: its problem document and, where it helps, `Retry-After`.
#[must_use]
pub fn render(error: &HttpError) -> Response {
    error.log();
    let mut response = problem_of(error).into_response();
    if let Some(seconds) = error.retry_after()
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The API router's error layer.
pub async fn layer(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Some(CarriedError(error)) = response.extensions_mut().remove::<CarriedError>() {
        let mut rendered = render(&error);
        keep_headers(&response, &mut rendered);
        return rendered;
    }
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with(problem::CONTENT_TYPE) {
        return response;
    }
    // A bare status from the framework (405 from the router, 408 from the timeout, 413 from the
    // body limit, 500 from a caught panic): the same shape, nothing internal said.
    let mut rebuilt = Problem::new(status).into_response();
    keep_headers(&response, &mut rebuilt);
    rebuilt
}

/// Headers such as `Allow` (405) survive the rendering.
fn keep_headers(from: &Response, to: &mut Response) {
    for (name, value) in from.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            to.headers_mut().insert(name.clone(), value.clone());
        }
    }
}

/// Answers unknown paths under `/api`.
pub async fn not_found(request: Request) -> Response {
    // Inside the nested router the path has lost its `/api`; the original has it.
    let path = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| request.uri().path().to_owned(), |u| u.path().to_owned());
    let mut problem = Problem::new(StatusCode::NOT_FOUND);
    problem.detail = Some(en(&Message::new("problem-no-endpoint").arg("path", path)));
    problem.into_response()
}
